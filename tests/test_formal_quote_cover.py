"""A printed hypothesis or claim that matches no relation of the formal statement is read against the whole
statement (boundcalc.statements._cover): a certified point the formal statement admits where the printed
quote fails is an inconsistency; an implication z3 proves is verified; a fruitless search stays unknown.
Small hand-declared statements (not the paper)."""
from fractions import Fraction

import sympy as sp

from boundcalc.findings import Verdict
from boundcalc.objects import Integers, Rationals
from boundcalc.quotes import Quote
from boundcalc.statements import Statement, compare_quotes

m, n, x, y, delta = sp.symbols("m n x y delta")


def _one(statement, latex, role="hypothesis"):
    [f] = compare_quotes(statement, [Quote(latex, "Lemma 1", role=role)])
    return f


def _point(f) -> dict:
    return {k: Fraction(v) for k, v in f.evidence["point"].items()}


def test_dropped_hypothesis_is_caught_with_a_witness_checked_by_hand():
    """Printed: m > n and x >= 1; the formal statement kept only x >= n/20 (m > n dropped, x >= 1 weakened).
    Its conclusion m + x >= 1 still holds everywhere, so no search of the statement can see the change."""
    st = Statement(variables={"m": Integers(1, 20), "n": Integers(1, 20), "x": Rationals(0, 10)},
                   conclusion=(sp.GreaterThan(m + x, 1, evaluate=False),),
                   hypotheses=(sp.GreaterThan(x, n / 20, evaluate=False),))
    for latex, fails in ((r"m > n", lambda p: p["m"] <= p["n"]), (r"x \geq 1", lambda p: p["x"] < 1)):
        f = _one(st, latex)
        assert f.verdict is Verdict.INCONSISTENT, f.detail
        assert "the formal statement admits" in f.detail and "fails" in f.detail
        p = _point(f)
        # by hand, in exact arithmetic: inside the domains, the formal hypothesis holds, the printed one fails
        assert p["m"].denominator == 1 and p["n"].denominator == 1 and 1 <= p["m"] <= 20 and 1 <= p["n"] <= 20
        assert 0 <= p["x"] <= 10 and p["x"] >= p["n"] / 20
        assert fails(p)
        assert st.admissible({"m": int(p["m"]), "n": int(p["n"]), "x": p["x"]}) is True


def test_printed_hypothesis_in_another_form_is_not_flagged():
    """Over the integers m >= n + 1 is the printed m > n: z3 proves the implication (verified); the formal
    statement with the hypothesis dropped is flagged by the same quote (the verdict is computed)."""
    dom = {"m": Integers(1, 20), "n": Integers(1, 20)}
    concl = (sp.GreaterThan(m, 1, evaluate=False),)
    st = Statement(variables=dom, conclusion=concl, hypotheses=(sp.GreaterThan(m, n + 1, evaluate=False),))
    f = _one(st, r"m > n")
    assert f.verdict is Verdict.VERIFIED and "implied by the formal hypotheses" in f.detail, f.detail
    assert _one(Statement(variables=dom, conclusion=concl), r"m > n").verdict is Verdict.INCONSISTENT


def test_true_implication_out_of_z3s_reach_stays_unknown():
    """delta >= 4 ln n implies the printed delta > 1 (n >= 2, 4 ln 2 > 1): z3 reads ln n as an opaque atom and
    cannot prove it, the search finds no admitted point where the printed one fails, and a fruitless search
    is never verified."""
    st = Statement(variables={"n": Integers(2, 8), "delta": Rationals(0, None, lo_open=True)},
                   conclusion=(sp.GreaterThan(delta, 0, evaluate=False),),
                   hypotheses=(sp.GreaterThan(delta, 4 * sp.log(n), evaluate=False),))
    f = _one(st, r"\delta > 1")
    assert f.verdict is Verdict.UNKNOWN, f.detail
    assert f.evidence["admitted_points"] > 0 and "a search is not a proof" in f.detail


def test_claim_the_formal_conclusion_does_not_give():
    """The formal conclusion y >= 0 holds at every admitted point; the printed claim x >= y fails at some:
    inconsistent, with the point checked by hand. A printed claim the formal one implies stays unflagged."""
    st = Statement(variables={"x": Rationals(0, 10), "y": Rationals(0, 10)},
                   conclusion=(sp.GreaterThan(y, 0, evaluate=False),))
    f = _one(st, r"x \geq y", role="claim")
    assert f.verdict is Verdict.INCONSISTENT, f.detail
    assert "the formal conclusion" in f.detail and "the printed claim" in f.detail
    p = _point(f)
    assert 0 <= p["x"] <= 10 and 0 <= p["y"] <= 10 and p["y"] >= 0 and not p["x"] >= p["y"]
    same = Statement(variables={"x": Rationals(0, 10), "y": Rationals(0, 10)},
                     conclusion=(sp.GreaterThan(x + y, 0, evaluate=False),))
    g = _one(same, r"x + y + 1 > 0", role="claim")
    assert g.verdict is Verdict.UNKNOWN and g.evidence["admitted_points"] > 0, g.detail
