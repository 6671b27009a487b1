"""Issue 21, item 6: proof steps as claims under the proof's standing hypotheses.

Planted error: a proof of x*y <= (x + y)^2/4 (true, for x, y in [0, 4] with x + y <= 6) that displays the
intermediate step 2xy <= (x + y)^2/4 — wrong by a factor 2 while the statement it concludes is right.
The statement's own search cannot see it; the step search finds a certified violation strictly inside the
standing hypotheses. True steps ((x - y)^2 >= 0, x^2 + y^2 >= 2xy) are left alone. The paper's J.6 steps
(Lemma C.6) are attached to lemma-C.6 and none is refuted.
"""
from __future__ import annotations

from fractions import Fraction

import sympy as sp

from boundcalc.auditing import falsify
from boundcalc.auditing.steps import Step, searches, shared_search
from boundcalc.findings import Verdict
from boundcalc.objects import Rationals
from boundcalc.statements import Statement

x, y = sp.symbols("x y")
LE = lambda a, b: sp.LessThan(a, b, evaluate=False)       # noqa: E731
GE = lambda a, b: sp.GreaterThan(a, b, evaluate=False)    # noqa: E731
AMGM = Statement({"x": Rationals(0, 4), "y": Rationals(0, 4)}, (LE(x * y, (x + y) ** 2 / 4),),
                 hypotheses=(LE(x + y, 6),))
STEPS = (Step("square", GE((x - y) ** 2, 0)), Step("expand", GE(x ** 2 + y ** 2, 2 * x * y)),
         Step("planted", LE(2 * x * y, (x + y) ** 2 / 4), "misprinted factor"))


def test_statement_search_sees_nothing():
    assert falsify.Search(AMGM.counterexample("amgm"), 0).run().found is None


def test_the_planted_step_is_refuted_and_the_true_ones_left_alone():
    found = {f.check: f for f in shared_search("steps", AMGM, STEPS, trials=40).run(0)}
    assert found["step:square"].verdict is Verdict.UNKNOWN and found["step:expand"].verdict is Verdict.UNKNOWN
    bad = found["step:planted"]
    assert bad.verdict is Verdict.REFUTED and bad.channel == "proof"
    o = {k: Fraction(v) for k, v in bad.evidence["objects"].items()}
    # independently: inside the hypotheses and 2xy > (x + y)^2 / 4 there
    assert 0 <= o["x"] <= 4 and 0 <= o["y"] <= 4 and o["x"] + o["y"] <= 6
    assert 2 * o["x"] * o["y"] > (o["x"] + o["y"]) ** 2 / 4


def test_each_step_is_also_a_separate_search():
    specs = searches(AMGM, STEPS)
    assert [s.target for s in specs] == ["proof"] * 3
    assert falsify.Search(specs[2], 0).run().found is not None


def test_paper_steps_of_lemma_C6_are_attached_and_none_refuted():
    import proofs
    r = proofs.registry().get("lemma-C.6")
    spec = next(c for c in r.checks if getattr(c, "name", "") == "proof steps of lemma-C.6")
    found = spec.run(0)
    assert len(found) == 6 and all(f.verdict is not Verdict.REFUTED for f in found)
    assert all(f.evidence["admissible"] > 20 for f in found)
