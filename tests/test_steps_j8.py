"""Issue 21, item 6: J.8's steps (proof of Lemma C.8) attached to the audit (``proofs/steps_j8.py``).

Each step quotes App. J.8 verbatim (up to layout); the true steps are proved or certified at every listed
point; the three strict steps that are equalities at k = n - 1 fail there, certified exactly; a planted false
step is refuted and keeps the proof from `checked`; the exact forms used to certify equalities are the
quantities' values.
"""
from __future__ import annotations

import os
import re
from fractions import Fraction

import pytest
import sympy as sp

from boundcalc.audit import proof_channel
from boundcalc.auditing.steps import Step
from boundcalc.findings import Finding, Verdict
from boundcalc.statements import evaluate
from proofs import steps_j8 as J

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TEXT = os.path.normpath(os.path.join(ROOT, "../shared/paper/001_afd380e0f51532d9.txt"))
STRICT = {"(J.8) Boltz(a) < Boltz(a_up)", "(J.8) Boltz(b) > Boltz(b_lo)", "(J.8) last line"}
TRUE = tuple(s for s in J.J8 if s.label not in STRICT)
ST = J.j8_statement()


@pytest.fixture(scope="module")
def found():
    return {f.check: f for f in J.decide(ST, J.J8, 0)}


def _layout(s: str) -> str:
    """Whitespace, $, alignment &, line breaks \\\\ and \\quad removed (layout, not content)."""
    return re.sub(r"\\\\|\\quad|[\s$&]+", "", s)


@pytest.mark.skipif(not os.path.isfile(TEXT), reason=f"the paper's text {TEXT} is not on this machine")
def test_every_step_quotes_the_papers_J8():
    text = open(TEXT, encoding="utf-8").read()
    j8 = text[text.index("Proof of Lemma C.8."):text.index("Proof of Lemma C.9.")]
    missing = [s.label for s in J.J8 if not s.latex or _layout(s.latex) not in _layout(j8)]
    assert missing == []


def test_true_steps_are_proved_or_certified_at_every_listed_point(found):
    for s in TRUE:
        f = found[f"step:{s.label}"]
        assert f.verdict is Verdict.VERIFIED and f.channel == "proof", (s.label, f.detail)
        assert "proved" in f.evidence or len(f.evidence["points"]) == f.evidence["admissible"] > 40
    # the value-vs-closed-form lines are decided exactly at every point, never by substituting the closed form
    for label in J.POINTWISE:
        f = found[f"step:{label}"]
        assert "proved" not in f.evidence and f.evidence["exact_points"] == f.evidence["points"]
    assert {k for k, v in found[f"step:{TRUE[0].label}"].evidence["stages"].items() if v} >= {
        "adversarial", "edge", "far", "window", "sample", "sample-tight"}


def test_strict_steps_fail_exactly_at_k_n_minus_1(found):
    pts = dict(J.points(0))
    for label in STRICT:
        f = found[f"step:{label}"]
        assert f.verdict is Verdict.REFUTED and f.defect == J.DEFECT and "exact" in f.evidence
        assert f.evidence["failed"] and f.evidence["holds_at"] > 0
        assert all(pts[p]["k"] == len(pts[p]["a"]) - 1 for p in f.evidence["failed"])
        o = pts[f.evidence["trial"]]
        assert J.a_up(o) == list(o["a"]) and J.b_lo(o) == list(o["b"])      # independently: the sides coincide


def test_non_strict_versions_of_the_strict_steps_verify():
    loose = {sp.StrictLessThan: sp.LessThan, sp.StrictGreaterThan: sp.GreaterThan}
    weak = tuple(Step(s.label, loose[type(s.relation)](s.relation.lhs, s.relation.rhs, evaluate=False), s.because,
                      s.quantities, s.latex) for s in J.J8 if s.label in STRICT)
    fs = J.decide(ST, weak, 0)
    assert all(f.verdict is Verdict.VERIFIED for f in fs), [f.detail for f in fs]


def _record() -> Finding:
    return Finding("proof-record", Verdict.VERIFIED, "proved", {}, channel="statement")


def test_a_planted_false_step_leaves_the_proof_not_checked(found):
    third = next(s for s in J.J8 if s.label == "(J.8) denominator, third")
    planted = Step("planted: < e^{a_1}", sp.StrictLessThan(third.relation.lhs, sp.exp(J.a1), evaluate=False),
                   "factor 2 dropped", (), r"< e^{a_1}")
    (bad,) = J.decide(ST, (planted,), 0)
    assert bad.verdict is Verdict.REFUTED and bad.channel == "proof" and bad.evidence["failed"]
    true = [found[f"step:{s.label}"] for s in TRUE]
    assert proof_channel([_record()] + true).status == "checked"
    assert proof_channel([_record()] + true + [bad]).status == "gap"
    assert proof_channel([_record()] + list(found.values())).status == "gap"    # the paper's own strict steps


def test_an_undecided_step_is_unknown_not_verified():
    # a step over a symbol with no value is undefined at every point: unknown, never verified
    ghost = Step("no value", sp.StrictLessThan(J.Ba, sp.Symbol("Bup") + sp.Symbol("nothing"), evaluate=False))
    (f,) = J.decide(ST, (ghost,), 0, cands=J.points(0)[:6])
    assert f.verdict is Verdict.UNKNOWN and f.evidence["undecided"] == f.evidence["admissible"] > 0


def test_exact_forms_are_the_quantities_values():
    env_pts = J.points(0)[:12]
    for _, o in env_pts:
        if ST.admissible(o) is not True:
            continue
        env, forms = ST.env(o), J.ExactForms(ST, o)
        for q in ST.quantities:
            exact = forms[q.symbol]
            d = evaluate(exact, {}) - evaluate(q.symbol, env)
            assert d.sign(cap=512) in (None, 0), (q.name, o)       # equal, or indistinguishable at 512 bits
    o = dict(J.points(0))["edge[n=3,k=1]"]
    forms = J.ExactForms(ST, o)
    assert not J.exactly_equal(sp.Eq(J.Ba, J.Bup), forms)           # k < n - 1: different numbers
    assert J.exactly_equal(sp.Eq(J.Blo, J.G1), forms)


def test_J8_is_attached_to_lemma_C8():
    import proofs

    r = proofs.registry().get("lemma-C.8")
    (c,) = [c for c in r.checks if getattr(c, "name", "") == "proof steps of lemma-C.8"]
    fs = c.run(0)
    assert [f.check for f in fs] == [f"step:{s.label}" for s in J.J8]
    assert {f.check for f in fs if f.flagged} == {f"step:{s}" for s in STRICT}
    assert all(int(f.evidence["objects"]["k"]) == len(f.evidence["objects"]["a"]) - 1 for f in fs if f.flagged)


def test_points_are_seeded():
    assert J.points(0) == J.points(0) and J.points(0) != J.points(1)
    assert all(isinstance(x, Fraction) for _, o in J.points(3) for x in o["a"] + o["b"])


def test_effort_scales_the_draws_not_the_edges():
    from boundcalc.auditing.falsify import effort

    with effort(Fraction(1, 4)):
        quick = [label for label, _ in J.points(0)]
    full = [label for label, _ in J.points(0)]
    fixed = [x for x in full if not x.startswith("sample")]
    assert [x for x in quick if not x.startswith("sample")] == fixed and len(fixed) == 23
    assert sum(x.startswith("sample[") for x in quick) == 6 < sum(x.startswith("sample[") for x in full) == J.SAMPLES
