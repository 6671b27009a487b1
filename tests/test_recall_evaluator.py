"""Issue 21, item 4 (evaluator part): every evaluator check reports its own finding, constructions read
the declared constants, and a list of flags is never read as one boolean.

Planted errors: Lemma D.1's projection failing on one component (the old code read the list
``[False, True]`` as true and kept the refutation), and a value scale (D.8) four times too large in the
declaration (the construction reads it; only the gamma check, now reported, sees the ids leave the
stated radius). True statements: the paper's own value scale leaves every gamma check unrefuted.
"""
from __future__ import annotations

import dataclasses
import re

import proofs.constructions as C
import proofs.constructions.appendix_d as D
from boundcalc.findings import Verdict
from boundcalc.records import constant


def _by_check(evidence):
    return {(node, f.check): f for node, f in evidence}


def test_rank2_counterexample_needs_every_D1_flag(monkeypatch):
    real = D.d2_cancellation_counterexample()
    assert real["D1_holds"] == [True, True]                       # both components satisfy D.1 (computed)
    for flags in ([False, True], [True, None], []):
        monkeypatch.setattr(D, "d2_cancellation_counterexample", lambda flags=flags: dict(real, D1_holds=flags))
        f = _by_check(C.evidence(0))[("lemma-D.2", "evaluator: rank-2 cross terms")]
        assert f.verdict is Verdict.UNKNOWN, flags                  # the old code said refuted for all three
    monkeypatch.setattr(D, "d2_cancellation_counterexample", lambda: real)
    assert _by_check(C.evidence(0))[("lemma-D.2", "evaluator: rank-2 cross terms")].verdict is Verdict.REFUTED


def test_each_contextual_check_is_its_own_finding():
    ev = _by_check(C.evidence(0))
    for title in ("evaluator: grid d=1 L=2 1/delta=2 (tight)", "evaluator: L = 1"):
        for key in ("gamma", "delta_proof", "D1_projection", "D2_logit_gap"):
            assert ("lemma-2.2", f"{title}: {key}") in ev
    # the paper's value scale keeps the ids inside gamma_max + eps/4 at L = 2 (true statement left alone)
    assert ev[("lemma-2.2", "evaluator: grid d=1 L=2 1/delta=2 (tight): gamma")].verdict is Verdict.VERIFIED
    assert all(f.verdict is not Verdict.REFUTED for (n, c), f in ev.items() if c.endswith(": gamma"))


def test_a_wrong_declared_value_scale_reaches_the_audit_through_the_gamma_check(monkeypatch):
    original = D._declared

    def planted(rid):
        r = original(rid)
        if rid != "lemma-2.2":
            return r
        cs = tuple(constant("value_scale", "eps/(rho*gamma_max)", "planted: (D.8) without its 1/4")
                   if c.name == "value_scale" else c for c in r.constants)
        return dataclasses.replace(r, constants=cs)

    monkeypatch.setattr(D, "_declared", planted)
    ev = _by_check(C.evidence(0))
    f = ev[("lemma-2.2", "evaluator: grid d=1 L=2 1/delta=2 (tight): gamma")]
    assert f.verdict is Verdict.REFUTED and f.channel == "proof"
    # the ids' norm is measured by the construction: it exceeds the stated radius it is compared with
    num = lambda text: float(re.search(r"[-+]?\d+(\.\d+)?([eE][-+]?\d+)?", text).group(0))
    assert num(f.evidence["max_id_norm"]) > num(f.evidence["gamma_stated"])
