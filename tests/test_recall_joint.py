"""Issue 21, item 1: a joint boundary search, and probe grids that no longer pin a parameter.

Planted errors: (a) a claim that fails only where a threshold and a gap are tight together (x + y < 10/7
and x - y > 1/3 both within 2^-20 of equality, near the irrational-free but off-lattice corner
(37/42, 23/42)); the one-at-a-time stages miss it (seeds 0-4), the joint stage finds it. (b) a rank
hypothesis written the wrong way round (rho >= d instead of rho <= d) under a grid that pins rho = 1: only
the grid with rho moved sees the stated bound fail. True statements: the claim with threshold 0 (true
inside the open region) and the rank hypothesis the right way round.
"""
from __future__ import annotations

from fractions import Fraction

import pytest

from boundcalc.audit import audit
from boundcalc.auditing import falsify
from boundcalc.checks import Counterexample, StatedVsDerived
from boundcalc.findings import Verdict
from boundcalc.objects import Rationals, Rel
from boundcalc.records import Param, Result
from boundcalc.registry import Registry

A, B = Fraction(10, 7), Fraction(1, 3)


def corner(tau):
    return Counterexample("corner", lhs=lambda o: max(A - o["x"] - o["y"], o["x"] - o["y"] - B), rel=">=",
                          rhs=lambda o: tau, objects={"x": Rationals(0, 1), "y": Rationals(0, 1)},
                          assume=(Rel("x + y < 10/7", "x + y", "<", "10/7"), Rel("x - y > 1/3", "x - y", ">", "1/3")),
                          trials=200)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_joint_stage_reaches_a_point_where_both_hypotheses_are_tight(seed):
    out = falsify.Search(corner(Fraction(1, 2 ** 20)), seed).run()
    assert out.found is not None and out.found[0].startswith("joint[")
    x, y = out.found[1]["x"], out.found[1]["y"]
    # independently: strictly inside both hypotheses, and both slacks below 2^-20
    assert 0 < A - x - y < Fraction(1, 2 ** 20) and 0 < x - y - B < Fraction(1, 2 ** 20)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_the_one_at_a_time_stages_miss_it(seed, monkeypatch):
    monkeypatch.setattr(falsify.Search, "joint", lambda self: iter(()))
    assert falsify.Search(corner(Fraction(1, 2 ** 20)), seed).run().found is None


def test_joint_stage_leaves_the_true_claim_alone():
    out = falsify.Search(corner(Fraction(0)), 0).run()
    assert out.found is None and out.stages.get("joint", 0) > 0 and out.joint_tight > 0


def rank_node(hypothesis):
    return Result(id="r", kind="lemma", title="r", statement="s", location="t",
                  params=(Param("d", "posint"), Param("rho", "posint")), hypotheses=(hypothesis,),
                  checks=(StatedVsDerived("rank fits", stated="rho", derived="d", follows="<=",
                                          grid=({"d": "1", "rho": "1"}, {"d": "2", "rho": "1"},
                                                {"d": "3", "rho": "1"})),))


def findings(r):
    rep = audit(registry=Registry([r]), evaluator=False)
    return {f.check: f for f in rep.nodes[0].findings if f.check.startswith("stated-vs-derived")}


def test_pinned_rank_moved_catches_a_hypothesis_written_the_wrong_way_round():
    found = findings(rank_node("rho >= d"))
    assert found["stated-vs-derived:rank fits"].verdict is Verdict.VERIFIED      # rho = 1 everywhere: fine
    pinned = found["stated-vs-derived:rank fits@pinned"]
    assert pinned.verdict is Verdict.UNSUPPORTED
    # independently: rho = 2 >= d = 1 is admissible under the wrong hypothesis and 2 <= 1 is false
    bad = [r for r in pinned.evidence["points"] if r["holds"] is False]
    assert any(r["params"] == {"d": "1", "rho": "2"} for r in bad)


def test_pinned_rank_moved_leaves_the_right_hypothesis_alone():
    found = findings(rank_node("rho <= d"))
    assert found["stated-vs-derived:rank fits"].verdict is Verdict.VERIFIED
    pinned = found["stated-vs-derived:rank fits@pinned"]
    assert pinned.verdict is Verdict.VERIFIED
    assert {tuple(sorted(r["params"].items())) for r in pinned.evidence["points"]} == \
        {(("d", "2"), ("rho", "2")), (("d", "3"), ("rho", "2")), (("d", "3"), ("rho", "3"))}
