"""A standing statement's conclusion against what its proof prints (boundcalc.auditing.step_text.standing).

The standing conclusion of a proof's steps is a hand-written copy; it must be the relation of a printed step,
of a chained run of printed steps (one step's right side the next one's left side), or the node's formal
conclusion. A weakened copy (right side + 1) or a reversed one is flagged on the text channel naming both
forms; a conclusion that is a different bound (a consequence no step prints) stays `unknown`, never flagged.
Expected values are computed here by hand (Fractions), not by the code under test.
"""
from __future__ import annotations

from dataclasses import replace
from fractions import Fraction
from types import SimpleNamespace

import sympy as sp

from boundcalc.auditing.step_text import run, standing
from boundcalc.auditing.steps import Step
from boundcalc.findings import Verdict
from boundcalc.objects import Rationals
from boundcalc.statements import Quantity, Statement

x, y, c = sp.symbols("x y c")
LE = lambda a, b: sp.LessThan(a, b, evaluate=False)       # noqa: E731
GE = lambda a, b: sp.GreaterThan(a, b, evaluate=False)    # noqa: E731
LT = lambda a, b: sp.StrictLessThan(a, b, evaluate=False)  # noqa: E731
VARS = {"x": Rationals(0, 4), "y": Rationals(0, 4), "c": Rationals(1, 4)}
# a chain x*y <= (x + y)^2/4 <= (x + y)^2/4 + c, printed in two steps
STEPS = (Step("amgm", LE(x * y, (x + y) ** 2 / 4), latex=r"xy \leq \frac{(x+y)^2}{4}"),
         Step("slack", LE((x + y) ** 2 / 4, (x + y) ** 2 / 4 + c), latex=r"\leq \frac{(x+y)^2}{4} + c"))


def _standing(conclusion, formal=None, steps=STEPS):
    st = Statement(VARS, (conclusion,))
    return standing(SimpleNamespace(formal=formal), st, steps)[0]


def test_a_conclusion_a_printed_step_states_is_verified():
    f = _standing(LE(x * y, (x + y) ** 2 / 4))
    assert f.verdict is Verdict.VERIFIED and "amgm" in f.detail and f.channel == "text"


def test_a_conclusion_the_printed_chain_states_is_verified():
    f = _standing(LE(x * y, (x + y) ** 2 / 4 + c))
    assert f.verdict is Verdict.VERIFIED and "chained" in f.detail


def test_planted_weakened_conclusion_is_flagged_naming_both_forms():
    f = _standing(LE(x * y, (x + y) ** 2 / 4 + 1))
    assert f.verdict is Verdict.INCONSISTENT and f.flagged and f.channel == "text"
    assert "x*y <= (x + y)**2/4 + 1" in f.detail and f.evidence["printed"] == "x*y <= (x + y)**2/4"
    # independently: the printed and standing right sides differ by the constant 1 everywhere
    assert "1" in f.evidence["probe"]["(none)"]


def test_planted_literal_is_flagged_at_a_probe_point_checked_by_hand():
    f = _standing(LE(x * y, (x + y) ** 2 / 3))
    assert f.verdict is Verdict.INCONSISTENT
    p = {k: Fraction(v) for k, v in f.evidence["probe"].items()}
    assert (p["x"] + p["y"]) ** 2 / 3 != (p["x"] + p["y"]) ** 2 / 4


def test_planted_reversal_is_flagged():
    f = _standing(GE(x * y, (x + y) ** 2 / 4))
    assert f.verdict is Verdict.INCONSISTENT and "same sides, another relation" in f.detail


def test_a_different_bound_is_left_unknown_never_flagged():
    # x*y <= 16 follows on [0, 4]^2, but no printed step has that bound: undecided, not a disagreement
    for conc in (LE(x * y, 16), LT(x, y + 5)):
        f = _standing(conc)
        assert f.verdict is Verdict.UNKNOWN and not f.flagged


def test_the_formal_conclusion_counts_with_its_quantities_renamed_by_definition():
    P = sp.Symbol("P")
    formal = Statement(VARS, (LE(P, (x + y) ** 2 / 4),), quantities=(Quantity("P", "x y", value=lambda o: 0),))
    st = Statement(VARS, (LE(sp.Symbol("Q"), (x + y) ** 2 / 4),),
                   quantities=(Quantity("Q", "x y", value=lambda o: 0),))
    f = standing(SimpleNamespace(formal=formal), st, ())[0]
    assert f.verdict is Verdict.VERIFIED and "formal" in f.detail
    weak = replace(st, conclusion=(LE(sp.Symbol("Q"), (x + y) ** 2 / 2),))
    bad = standing(SimpleNamespace(formal=formal), weak, ())[0]
    assert bad.verdict is Verdict.INCONSISTENT


def test_steps_without_printed_latex_do_not_count():
    bare = tuple(replace(s, latex="") for s in STEPS)
    f = _standing(LE(x * y, (x + y) ** 2 / 4), steps=bare)
    assert f.verdict is Verdict.UNKNOWN


def test_run_reports_one_standing_finding_per_conclusion():
    st = Statement(VARS, (LE(x * y, (x + y) ** 2 / 4 + 1),))
    ctx = SimpleNamespace(registry=SimpleNamespace(proof_steps={"lemma-1": [(st, STEPS)]}), paper_text=None)
    out = run(SimpleNamespace(id="lemma-1", formal=None), ctx)
    got = [f for f in out if f.check.startswith("step-text:standing conclusion")]
    assert len(got) == 1 and got[0].verdict is Verdict.INCONSISTENT


def test_a_hypothesis_a_printed_step_states_is_tied_and_a_changed_copy_flagged():
    # the proof prints its choice c <= 2 as a step; the standing hypothesis is that choice
    choice = Step("choice", LE(c, 2), latex=r"c \leq 2")
    good = Statement(VARS, (LE(x * y, (x + y) ** 2 / 4),), hypotheses=(LE(c, 2),))
    found = {f.check: f for f in standing(SimpleNamespace(formal=None), good, STEPS + (choice,))}
    assert found["step-text:standing hypothesis c <= 2"].verdict is Verdict.VERIFIED
    bad = replace(good, hypotheses=(LE(c, 3),))
    f = {f.check: f for f in standing(SimpleNamespace(formal=None), bad, STEPS + (choice,))}[
        "step-text:standing hypothesis c <= 3"]
    assert f.verdict is Verdict.INCONSISTENT and f.evidence["printed"] == "c <= 2"
    # a hypothesis no step prints gets no finding (it is the proof's assumption, not a printed claim)
    other = replace(good, hypotheses=(LE(x, 4),))
    assert not [f for f in standing(SimpleNamespace(formal=None), other, STEPS) if "hypothesis" in f.check]
