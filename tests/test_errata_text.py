"""Issue 22: the numbers behind the severity changes, recomputed independently (mpmath, numpy floats), the
errata's readable text, and the four reviewed records on the full audit."""
from __future__ import annotations

import math

import mpmath
import numpy as np
import pytest

from boundcalc.report import render
from proofs import impact, reread


def test_concavity_threshold_matches_an_independent_root():
    """d2/dt2 Boltz(0, t) at t = -x is sigma(1-sigma)(2 - x tanh(x/2)): zero at x tanh(x/2) = 2. mpmath's root
    (an independent method) is 2.39936; it lies in the certified enclosure, and 4 ln 2 = 2.77259 is above it."""
    root = mpmath.findroot(lambda x: x * mpmath.tanh(x / 2) - 2, 2.4)
    assert abs(root - 2.3993572805) < 1e-9
    enc = impact.concavity_threshold()
    lo, hi = (float(x) for x in (enc.lower(), enc.upper()))
    assert lo <= float(root) <= hi and hi - lo < 1e-12
    assert 4 * math.log(2) > hi
    # the second derivative's sign, by finite differences of Boltz(0, t) = t e^t / (1 + e^t)
    f = lambda t: t * mpmath.exp(t) / (1 + mpmath.exp(t))   # noqa: E731
    assert mpmath.diff(f, -(float(root) + 0.05), 2) < 0 < mpmath.diff(f, -(float(root) - 0.05), 2)


def test_j8_step_finding_is_verified():
    (f,) = impact.j8_step_at_n2(0)
    assert f.verdict.value == "verified" and all(f.evidence["checks"].values()) and not f.evidence["failed_draws"]


def test_eq_13_normalisation_by_numpy():
    """(1.3) with D = diag(exp(K^T Q) 1) against the column softmax, in float64 on the declared instance: the
    largest entry gap is 1.4715 (matches the certified finding) and a random instance is also off."""
    X, WK, WQ, WV = (np.array(reread.INSTANCE[k], dtype=float) for k in ("X", "W_K", "W_Q", "W_V"))
    E = np.exp((WK @ X).T @ (WQ @ X))
    paper = (WV @ X) @ np.diag(1 / E.sum(axis=1)) @ E
    soft = (WV @ X) @ (E / E.sum(axis=0))
    gap = np.abs(paper - soft).max()
    (f,) = reread.normalisation_axis("eq. (1.3)")(0)
    assert f.verdict.value == "refuted" and f.channel == "text"
    assert abs(gap - float(f.evidence["largest |(1.3) - V Softmax(K^T Q)| entry"])) < 1e-6
    rng = np.random.default_rng(0)
    X, WK, WQ, WV = (rng.normal(size=s) for s in ((3, 5), (3, 3), (3, 3), (3, 3)))
    E = np.exp((WK @ X).T @ (WQ @ X))
    assert np.abs((WV @ X) @ np.diag(1 / E.sum(axis=1)) @ E - (WV @ X) @ (E / E.sum(axis=0))).max() > 0.01


def test_seth_mapping_by_numpy():
    """Alman & Song's Att (rows are queries, scores Q K^T / d) against Problem 1's V_p Softmax(K_p^T Q_p) on the
    instance rescaled by 1/sqrt(d): equal up to the factor 1/sqrt(d) and a transpose; entries shrink by
    1/sqrt(d). The finding is a conditional refutation naming SETH."""
    rng = np.random.default_rng(1)
    n, d, B = 12, 9, 2.5
    Q, K, V = (B * rng.choice([-1.0, 1.0], size=(n, d)) for _ in range(3))
    A = np.exp(Q @ K.T / d)
    att = (A / A.sum(axis=1, keepdims=True)) @ V
    Qp, Kp, Vp = (M.T / math.sqrt(d) for M in (Q, K, V))
    S = np.exp(Kp.T @ Qp)
    apti = Vp @ (S / S.sum(axis=0))
    assert np.allclose(math.sqrt(d) * apti.T, att, atol=1e-12)
    assert max(np.abs(M).max() for M in (Qp, Kp, Vp)) == pytest.approx(B / 3)
    (f,) = impact.seth_reduction(0)
    assert f.verdict.value == "refuted" and f.channel == "statement" and f.evidence["under"] == "SETH"
    assert f.evidence["B_apti_independent_of_n"] is True


def _data(defects):
    return {"schema": "boundcalc.report/1", "seed": 0, "min_severity": "typo",
            "counts": {}, "defects": defects, "proved": [], "nodes": []}


def test_markdown_evidence_is_a_table_with_exact_values():
    """An exact evidence value prints as given (0, 1/4), in a two-column table; no JSON dump of the evidence."""
    d = {"id": "x", "title": "t", "severity": "major", "kind": "computed", "nodes": ["n"], "locations": [],
         "findings": [{"node": "n", "check": "counterexample:c", "verdict": "refuted", "channel": "proof",
                       "computed": True, "detail": "d", "rerun": "boundcalc audit --node n",
                       "evidence": {"objects": {"z": "1/4"}, "lhs": "0", "rhs": "1/4", "seed": 0}}]}
    md = render(_data([d]), "md")
    assert "| lhs | 0 |" in md and "| rhs | 1/4 |" in md and "| objects | z = 1/4 |" in md
    assert "data: `{" not in md and "| seed |" not in md


def test_conditional_status_is_printed_with_its_hypothesis():
    d = {"id": "h", "title": "t", "severity": "critical", "kind": "computed", "nodes": ["n"], "locations": [],
         "under": ["SETH"], "findings": [{"node": "n", "check": "c", "verdict": "refuted", "channel": "statement",
                                          "computed": True, "detail": "d", "under": "SETH"}]}
    md = render(_data([d]), "md")
    assert "refuted under SETH" in md and "**Status:** refuted under SETH" in md


def test_search_says_certified_violations_are_violations():
    """Candidates certified to violate a hypothesis are counted as such, never as 'not certified'."""
    from boundcalc.auditing import search
    from boundcalc.auditing.context import AuditContext
    from boundcalc.checks import Counterexample
    from boundcalc.numbers import Real

    spec = Counterexample("x", lhs=lambda o: Real(o["x"]), rel=">=", rhs=lambda o: Real(0),
                          hypotheses=lambda o: o["x"] >= 0, adversarial=lambda: iter([{"x": -1}, {"x": 2}]))
    (f,) = search.run(None, spec, AuditContext(registry=None))
    assert "1 violate a hypothesis (certified)" in f.detail and "not certified" not in f.detail
    assert f.evidence["violating"] == 1


@pytest.fixture(scope="module")
def rep(full_audit):
    return full_audit


def test_reviewed_records(rep):
    """The review's records: c9-multisets and c7-unbound-delta misstated (counterexample kept), j8-c7-threshold a
    citation slip, h1-scaling critical under SETH, the false alarm and grid-top-strict gone, four nits, eq. (1.3)
    reported; Theorem 3.2's statement status names SETH."""
    by = {d["id"]: d for d in rep.defects}
    assert by["c9-multisets"]["severity"] == "misstated"
    assert any(f["verdict"] == "refuted" for f in by["c9-multisets"]["findings"])
    assert by["c7-unbound-delta"]["severity"] == "misstated"
    assert by["j8-c7-threshold"]["severity"] == "minor" and by["j8-c7-threshold"]["impact"] == "citation slip"
    assert by["h1-scaling"]["severity"] == "critical" and by["h1-scaling"]["under"] == ["SETH"]
    assert "delta-E2-vs-2.2" not in by and "grid-top-strict" not in by
    assert {"f2-grid-lines", "typo:arity", "typo:domain", "typo:informal-vs-formal"} <= \
        {k for k, d in by.items() if d["severity"] == "nit"}
    assert by["attention-normalisation"]["kind"] == "computed"
    t32 = rep.node("theorem-3.2").to_dict()["statement"]
    assert t32["status"] == "refuted-under-hypothesis" and t32["under"] == ["SETH"]
    c3 = rep.node("lemma-C.3")
    assert (c3.statement.status, c3.verdict.value) == ("proved", "verified")
