"""Issue 21, item 6: proof steps as claims under the proof's standing hypotheses.

Planted error: a proof of x*y <= (x + y)^2/4 (true, for x, y in [0, 4] with x + y <= 6) that displays the
intermediate step 2xy <= (x + y)^2/4 — wrong by a factor 2 while the statement it concludes is right.
The statement's own search cannot see it; the step search finds a certified violation strictly inside the
standing hypotheses, and the audit reports the node's proof as a gap with the statement not refuted.
True steps ((x - y)^2 >= 0, x^2 + y^2 >= 2xy) are certified at every searched point. The rule: a proof is
`checked` only when every declared step is proved or certified at every searched point.
"""
from __future__ import annotations

from fractions import Fraction

import sympy as sp

from boundcalc.audit import Channel, audit, proof_channel
from boundcalc.auditing import falsify
from boundcalc.auditing.steps import Step, decide_steps, searches, shared_search
from boundcalc.findings import Finding, Verdict
from boundcalc.numbers import Real
from boundcalc.objects import Rationals
from boundcalc.records import Result
from boundcalc.registry import Registry
from boundcalc.statements import Quantity, Statement

x, y = sp.symbols("x y")
LE = lambda a, b: sp.LessThan(a, b, evaluate=False)       # noqa: E731
GE = lambda a, b: sp.GreaterThan(a, b, evaluate=False)    # noqa: E731
AMGM = Statement({"x": Rationals(0, 4), "y": Rationals(0, 4)}, (LE(x * y, (x + y) ** 2 / 4),),
                 hypotheses=(LE(x + y, 6),))
TRUE_STEPS = (Step("square", GE((x - y) ** 2, 0)), Step("expand", GE(x ** 2 + y ** 2, 2 * x * y)))
STEPS = TRUE_STEPS + (Step("planted", LE(2 * x * y, (x + y) ** 2 / 4), "misprinted factor"),)


def test_statement_search_sees_nothing():
    assert falsify.Search(AMGM.counterexample("amgm"), 0).run().found is None


def test_the_planted_step_is_refuted_and_the_true_ones_certified_at_points():
    found = {f.check: f for f in shared_search("steps", AMGM, STEPS, trials=40).run(0)}
    for k in ("step:square", "step:expand"):
        f = found[k]
        assert f.verdict is Verdict.VERIFIED and "not a proof" in f.detail
        assert len(f.evidence["points"]) == f.evidence["admissible"] > 20 and f.evidence["chosen"]
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


def _node(steps) -> Result:
    return Result(id="amgm", kind="lemma", title="AM-GM", statement="xy <= (x+y)^2/4", location="here",
                  checks=(AMGM.counterexample("amgm"), shared_search("proof steps", AMGM, steps, trials=30)))


def test_audit_reports_a_gap_not_a_refutation():
    node = audit(registry=Registry([_node(STEPS)]), evaluator=False).nodes[0]
    assert node.proof.status == "gap" and "step:planted" in node.proof.findings
    assert node.statement.status != "refuted"
    clean = audit(registry=Registry([_node(TRUE_STEPS)]), evaluator=False).nodes[0]
    assert clean.proof.status != "gap"       # the true steps leave the proof alone


def _record(ok=True) -> Finding:
    return Finding("proof-record", Verdict.VERIFIED if ok else Verdict.UNKNOWN, "proved", {}, channel="statement")


def test_an_undecided_step_keeps_the_proof_from_checked():
    # exp(x) exp(-x) = 1: true, but balls cannot certify an equality and sympy sees no closed form
    one = Quantity("Q", "e^x e^-x, evaluated", lambda o: Real(o["x"]).exp() * Real(-o["x"]).exp())
    st = Statement({"x": Rationals(1, 2)}, (GE(x, 1),))
    undecided = Step("equality", sp.Eq(sp.Symbol("Q"), 1), quantities=(one,))
    fs = decide_steps(st, (Step("x >= 1", GE(x, 1)), undecided), 0, trials=10)
    assert fs[0].verdict is Verdict.VERIFIED
    assert fs[1].verdict is Verdict.UNKNOWN and fs[1].evidence["undecided"] == fs[1].evidence["admissible"] > 0
    assert proof_channel([_record()] + fs).status == "unchecked"
    assert proof_channel([_record(), fs[0]]).status == "checked"
    assert "every declared proof step (1)" in proof_channel([_record(), fs[0]]).reason
    assert proof_channel([_record()]).status == "checked"          # no declared steps: the record decides


def test_an_identity_step_is_proved():
    a = sp.Symbol("a")
    st = Statement({"a": Rationals(0, 3)}, (GE(a, 0),))
    fs = decide_steps(st, (Step("id", sp.Eq((a ** 2 - 1) / (a + 1), a - 1)),
                           Step("not id", sp.Eq((a ** 2 - 1) / (a + 1), a + 1))), 0, trials=10)
    assert fs[0].verdict is Verdict.VERIFIED and "proved" in fs[0].evidence
    assert fs[1].verdict is Verdict.REFUTED


def test_paper_steps_of_lemma_C6_are_certified():
    import proofs
    r = proofs.registry().get("lemma-C.6")
    spec = next(c for c in r.checks if getattr(c, "name", "") == "proof steps of lemma-C.6")
    found = spec.run(0)
    # J.6's six displayed steps and C.6's own conclusion (the proof's standing conclusion)
    assert len(found) == 7 and all(f.verdict is Verdict.VERIFIED for f in found)
    assert found[-1].check.startswith("step:standing conclusion")
    assert all(f.evidence["admissible"] > 20 for f in found)


def test_paper_step_refutations_are_real_and_linked():
    """Each flagged paper step, recomputed by hand at its counterexample, and linked to its defect."""
    import proofs
    reg = proofs.registry()
    runs = {c.name: c.run(0) for r in ("lemma-2.3", "theorem-2.5", "lemma-2.2") for c in reg.get(r).checks
            if getattr(c, "name", "").startswith("proof steps of")}
    e2 = {f.check: f for f in runs["proof steps of lemma-2.3"]}["step:(E.2)"]
    o = {k: Fraction(v) for k, v in e2.evidence["objects"].items()}
    k = int(o["k"])
    err = min(abs(o["c"] - Fraction(j, k)) for j in range(k))          # distance to the grid {0, ..., 1 - 1/k}
    w2 = o["d"] * o["L"]                                                 # error^alpha vs (eps/2)^alpha, alpha = 2
    assert o["alpha"] == 2 and e2.defect == "e1-rounding" and err ** 2 * w2 > (o["eps"] / 2) ** 2
    g1 = runs["proof steps of theorem-2.5"][0]
    o = {k: Fraction(v) for k, v in g1.evidence["objects"].items()}
    assert g1.defect == "g1-pointwise" and o["h"] > o["eps"]
    # d_alpha = h (2w/(alpha+1))^(1/alpha) <= eps checked in floats with a wide margin
    assert float(o["h"]) * (2 * float(o["width"]) / (float(o["alpha"]) + 1)) ** (1 / float(o["alpha"])) < 0.9 * float(o["eps"])
    d12 = {f.check: f for f in runs["proof steps of lemma-2.2 (D.12)"]}
    steps = {k: f for k, f in d12.items() if not k.startswith("step:standing conclusion")}
    assert len(steps) == 2 and len(d12) == 3      # the two displayed steps and the standing conclusion NS > 0
    assert all(f.verdict is Verdict.REFUTED and f.defect == "d12-norm-of-sum" for f in steps.values())
    assert all(f.evidence["objects"]["rho"] == "2" for f in steps.values())
    assert d12["step:standing conclusion NS > 0"].verdict is Verdict.VERIFIED


def test_the_standing_conclusion_is_decided_with_the_steps():
    """The standing statement's conclusion is what the proof establishes: decided on the steps' points.
    True (AM-GM) it is certified at every point; planted (the conclusion reversed) it is refuted at a point
    checked here by hand, while every true step still verifies."""
    from boundcalc.auditing.steps import with_conclusion

    assert [s.label for s in with_conclusion(AMGM, TRUE_STEPS)][-1].startswith("standing conclusion")
    ok = {f.check: f for f in shared_search("steps", AMGM, TRUE_STEPS, trials=40).run(0)}
    concl = [f for k, f in ok.items() if k.startswith("step:standing conclusion")]
    assert len(concl) == 1 and concl[0].verdict is Verdict.VERIFIED
    reversed_ = Statement(AMGM.variables, (GE(x * y, (x + y) ** 2 / 4),), hypotheses=AMGM.hypotheses)
    bad = {f.check: f for f in shared_search("steps", reversed_, TRUE_STEPS, trials=40).run(0)}
    assert all(bad[k].verdict is Verdict.VERIFIED for k in ("step:square", "step:expand"))
    hit = [f for k, f in bad.items() if k.startswith("step:standing conclusion")]
    assert len(hit) == 1 and hit[0].verdict is Verdict.REFUTED and hit[0].channel == "proof"
    o = {k: Fraction(v) for k, v in hit[0].evidence["objects"].items()}
    assert 0 <= o["x"] <= 4 and 0 <= o["y"] <= 4 and o["x"] + o["y"] <= 6
    assert not o["x"] * o["y"] >= (o["x"] + o["y"]) ** 2 / 4        # xy < ((x+y)/2)^2 unless x = y


def test_a_step_equal_to_the_conclusion_is_not_decided_twice():
    from boundcalc.auditing.steps import with_conclusion

    same = (Step("the conclusion itself", LE(x * y, (x + y) ** 2 / 4)),)
    assert with_conclusion(AMGM, same) == same
