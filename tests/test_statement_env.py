"""A statement's values at a point: quantities built on first use, each computed once per point content."""
from fractions import Fraction

import sympy as sp

from boundcalc.objects import Integers, Rel
from boundcalc.statements import Quantity, Statement


def _counting_statement():
    calls = []

    def square(o):
        calls.append(o["n"])
        return o["n"] * o["n"]

    n, q, h = sp.Symbol("n"), sp.Symbol("q"), sp.Symbol("h")
    st = Statement(variables={"n": Integers(1, 50)},
                   conclusion=(sp.GreaterThan(q, n, evaluate=False),),
                   quantities=(Quantity("q", "n^2", value=square), Quantity("h", "q + 1", expr=q + 1)))
    return st, calls, sp.Symbol("q"), h


def test_quantity_computed_once_per_point_and_again_for_another():
    st, calls, q, h = _counting_statement()
    assert st.value(q, {"n": 3}).as_int() == 9
    assert st.value(h, {"n": 3}).as_int() == 10          # h reads q: no second call at the same point
    assert st.holds(st.conclusion[0], {"n": 3}) is True
    assert calls == [3]
    assert st.value(q, {"n": 4}).as_int() == 16
    assert calls == [3, 4]


def test_int_and_fraction_points_are_told_apart():
    st, calls, q, _ = _counting_statement()
    st.value(q, {"n": 2})
    st.value(q, {"n": Fraction(2)})                      # equal value, other type: its own computation
    assert calls == [2, 2] and [type(c) for c in calls] == [int, Fraction]


def test_env_only_builds_what_is_read():
    st, calls, _, _ = _counting_statement()
    env = st.env({"n": 5})
    assert set(env) == {"n"} and calls == []
    assert env["h"].force().as_int() == 26 and calls == [5]


def test_rel_exact_sides_compare_like_reals():
    # 1/3 < 2/5 (5 < 6 after cross-multiplying); equal sides with <= and ==; int against Fraction
    lt = Rel("a < b", lambda o: o["a"], "<", lambda o: o["b"])
    assert lt.holds({"a": Fraction(1, 3), "b": Fraction(2, 5)}) is True
    assert lt.holds({"a": Fraction(2, 5), "b": Fraction(1, 3)}) is False
    le = Rel("a <= b", lambda o: o["a"], "<=", lambda o: o["b"])
    assert le.holds({"a": 2, "b": Fraction(4, 2)}) is True
    eq = Rel("a == b", lambda o: o["a"], "==", lambda o: o["b"])
    assert eq.holds({"a": 2, "b": Fraction(4, 2)}) is True and eq.holds({"a": 2, "b": 3}) is False


def test_rel_refuses_floats_and_bools():
    import pytest

    bad = Rel("a < 1", lambda o: o["a"], "<", lambda o: 1)
    for v in (0.5, True):
        with pytest.raises(TypeError):
            bad.holds({"a": v})
