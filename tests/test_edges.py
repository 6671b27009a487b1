"""boundcalc.auditing.edges: the failing point nearest each end of a refuted claim's domains. Hand-made
claims whose failing sets are intervals written here, so every expected point follows by arithmetic."""
from __future__ import annotations

from fractions import Fraction

from boundcalc.auditing import edges
from boundcalc.checks import Counterexample
from boundcalc.objects import Integers, Rationals


def _spec(objects, rhs):
    return Counterexample("c", lhs=lambda o: o["x"], rel="<", rhs=lambda o: rhs, objects=objects)


def test_an_integer_claim_is_followed_to_both_ends():
    spec = _spec({"x": Integers(1, 20)}, 7)           # x < 7 fails for x in [7, 20]
    out = edges.toward_ends(spec, {"x": 15}, lambda o: edges.violates(spec, o))
    assert out == {"x lower end": {"x": 7}, "x upper end": {"x": 20}}
    assert all(edges.violates(spec, p) for p in out.values())


def test_a_rational_claim_stops_short_of_an_end_it_does_not_reach():
    spec = _spec({"x": Rationals(0, 10)}, 5)          # x < 5 fails exactly on [5, 10]
    out = edges.toward_ends(spec, {"x": Fraction(9)}, lambda o: edges.violates(spec, o), steps=6)
    low = out["x lower end"]["x"]
    assert 5 <= low < 9 and low - 5 <= Fraction(9, 2 ** 6)    # bisection from 9 toward 0: within 9/64 of 5
    assert out["x upper end"] == {"x": 10}


def test_an_open_end_is_approached_never_reached():
    spec = _spec({"x": Rationals(5, 10, hi_open=True)}, 5)    # fails everywhere on [5, 10)
    out = edges.toward_ends(spec, {"x": Fraction(6)}, lambda o: edges.violates(spec, o), steps=4)
    assert out["x upper end"]["x"] == 10 - Fraction(4, 2 ** 4)   # 6 -> 8 -> 9 -> 19/2 -> 39/4
    assert "x lower end" in out and out["x lower end"]["x"] == 5


def test_points_not_certified_as_failures_are_never_reported():
    spec = _spec({"x": Integers(1, 20)}, 7)
    assert edges.toward_ends(spec, {"x": 7}, lambda o: False) == {}
    assert not edges.violates(spec, {"x": 3}) and not edges.violates(spec, {"x": 21})   # holds; outside


def test_a_refuted_search_reports_its_ends_in_the_audit():
    from types import SimpleNamespace

    from boundcalc.auditing.search import run
    from boundcalc.records import Result

    spec = _spec({"x": Integers(1, 20)}, 7)
    res = Result(id="lemma-x", kind="lemma", title="t", statement="x < 7", location="here", checks=(spec,))
    ctx = SimpleNamespace(seed=0, digits=15)         # all a search reads of the audit context
    (f,) = run(res, spec, ctx)
    assert f.verdict.value == "refuted"
    ends = f.evidence["toward_ends"]
    assert ends["x lower end"] == {"x": "7"} and ends["x upper end"] == {"x": "20"}
    assert f.detail.endswith("fails toward the ends of its domains too, at x = 7, x = 20")


def test_the_detail_names_the_ends_reached():
    assert edges.summary({}) == ""
    text = edges.summary({"x lower end": {"x": "7"}, "x upper end": {"x": "20"}})
    assert text.endswith("x = 7, x = 20")
    many = {f"v{i} lower end": {f"v{i}": str(i)} for i in range(8)}
    assert edges.summary(many).endswith("v5 = 5 and 2 more")
    assert "1234567890ab..." in edges.summary({"y upper end": {"y": "1234567890ab" * 3}})


def test_an_end_the_neighbourhood_misses_is_tried_on_the_other_candidates():
    spec = Counterexample("c", lhs=lambda o: o["x"] * o["y"], rel="<", rhs=lambda o: 20,
                          objects={"x": Integers(2, 10), "y": Integers(0, 10)})   # fails where x y >= 20
    fails = lambda o: edges.violates(spec, o)                                     # noqa: E731
    alone = edges.toward_ends(spec, {"x": 5, "y": 5}, fails)
    assert alone["x lower end"] == {"x": 4, "y": 5}                 # with y = 5 it fails down to x = 4 only
    pinned = edges.toward_ends(spec, {"x": 5, "y": 5}, fails, others=[{"x": 3, "y": 1}, {"x": 3, "y": 10}])
    assert pinned["x lower end"] == {"x": 2, "y": 10}               # 2 * 10 < 20 is false: the end fails too
    assert pinned["x upper end"] == {"x": 10, "y": 5}               # reached by bisection: kept
