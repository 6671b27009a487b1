"""A hand-written search that a formal statement replaced is still read (boundcalc.auditing.copies): on the
example package (examples/ks24_example, Lemma C.2 = Kajitsuka & Sato's Lemma 4), a copy with a wrong
derivative formula, a wrong hypothesis or a flipped relation is a certified disagreement naming the point;
the true copy is left alone (unknown, never verified). Expected numbers are computed here with mpmath."""
from __future__ import annotations

import dataclasses
import os
import sys
from fractions import Fraction

import mpmath
import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "examples"))

import ks24_example  # noqa: E402
from ks24_example import lemmas  # noqa: E402

from boundcalc.audit import audit  # noqa: E402
from boundcalc.auditing import copies  # noqa: E402
from boundcalc.boltzmann import boltz_ball, real, softmax_ball  # noqa: E402
from boundcalc.findings import Verdict  # noqa: E402
from boundcalc.registry import Registry  # noqa: E402

STATEMENT = lemmas.DECREASING_STATEMENT
COPY = lemmas.DECREASING.checks[0]           # the hand-written search: d_boltz < 0 when max z - z_i > ln n + 1


def _wrong_derivative(z, i):
    """p_i (2 + z_i - Boltz(z)): the planted error (the true derivative has 1, not 2)."""
    zz = list(z)
    return real(lambda: softmax_ball(zz, i) * (2 + lemmas._ball(zz[i]) - boltz_ball(zz)))


def _mp(x):
    x = Fraction(x)
    return mpmath.mpf(x.numerator) / x.denominator


def _mp_softmax(z, i):
    w = [mpmath.exp(_mp(x)) for x in z]
    return w[i] / sum(w)


def _mp_boltz(z):
    zs = [_mp(x) for x in z]
    w = [mpmath.exp(x) for x in zs]
    return sum(x * y for x, y in zip(zs, w)) / sum(w)


def _point(ev):
    p = ev["point"]
    return [Fraction(x) for x in p["z"]], p["i"]


def test_the_true_copy_is_left_alone():
    (f,) = copies.compare(STATEMENT, COPY, seed=0)
    assert f.verdict is Verdict.UNKNOWN and not f.flagged
    assert f.evidence["admitted"] > 0          # it did compare the two claims somewhere
    assert "not a proof" in f.detail


def test_a_wrong_derivative_formula_is_a_certified_difference():
    mpmath.mp.dps = 40
    planted = dataclasses.replace(COPY, lhs=lambda o: _wrong_derivative(o["z"], o["i"]))
    (f,) = copies.compare(STATEMENT, planted, seed=0)
    assert f.verdict is Verdict.INCONSISTENT and f.flagged
    first = f.evidence["disagreements"][0]
    assert first["what"] in ("claim", "margin")     # the sign differs (claim) or only the value (margin)
    z, i = _point(first)
    assert lemmas.far_below(1)({"z": z, "i": i}) is True       # a point inside the hypotheses
    p, b = _mp_softmax(z, i), _mp_boltz(z)
    true = p * (1 + _mp(z[i]) - b)
    wrong = true + p                                               # p (2 + z_i - B) = p (1 + z_i - B) + p
    assert first["formal"]["rhs"] == first["copy"]["rhs"] == "0"
    assert abs(mpmath.mpf(first["formal"]["lhs"]) - true) < 1e-9 * max(1, abs(true))
    assert abs(mpmath.mpf(first["copy"]["lhs"]) - wrong) < 1e-9 * max(1, abs(wrong))
    assert str(first["point"]) in f.detail


def test_a_flipped_relation_is_a_certified_claim_difference():
    (f,) = copies.compare(STATEMENT, dataclasses.replace(COPY, rel=">"), seed=0)
    first = f.evidence["disagreements"][0]
    assert f.verdict is Verdict.INCONSISTENT and first["what"] == "claim"
    assert (first["formal_holds"], first["copy_holds"]) == (True, False)


def test_a_wrong_hypothesis_is_a_certified_hypothesis_difference():
    planted = dataclasses.replace(COPY, hypotheses=lemmas.far_below(2))     # ln n + 2 where the statement has + 1
    (f,) = copies.compare(STATEMENT, planted, seed=0)
    first = f.evidence["disagreements"][0]
    assert f.verdict is Verdict.INCONSISTENT and first["what"] == "hypotheses"
    z, i = _point(first)
    gap = _mp(max(z) - z[i])
    ln_n = mpmath.log(len(z))
    assert ln_n + 1 < gap <= ln_n + 2                # admitted by the statement, rejected by the copy
    assert (first["formal"], first["copy"]) == (True, False)


def test_dropping_the_copys_hypothesis_shows_at_a_domain_draw():
    planted = dataclasses.replace(COPY, hypotheses=lambda o: True)
    (f,) = copies.compare(STATEMENT, planted, seed=0)
    first = f.evidence["disagreements"][0]
    assert f.verdict is Verdict.INCONSISTENT and first["what"] == "hypotheses"
    z, i = _point(first)
    assert _mp(max(z) - z[i]) <= mpmath.log(len(z)) + 1 and (first["formal"], first["copy"]) == (False, True)


def _registry_with(copy):
    results = []
    for r in ks24_example.registry():
        if r.id == "ks-lemma-4":
            derived, check = copies.derive(STATEMENT, copy)
            r = dataclasses.replace(r, checks=(derived, check))
        results.append(r)
    reg = Registry(results)
    reg.proofs = dict(ks24_example.registry().proofs)
    return reg


@pytest.mark.parametrize("planted", [False, True])
def test_in_the_audit(planted):
    copy = dataclasses.replace(COPY, lhs=lambda o: _wrong_derivative(o["z"], o["i"])) if planted else COPY
    node = audit(registry=_registry_with(copy), node="ks-lemma-4", seed=0, evaluator=False).nodes[0]
    (f,) = [f for f in node.findings if f.check == "copy:derivative-negative"]
    assert f.flagged is planted
    assert f.verdict is (Verdict.INCONSISTENT if planted else Verdict.UNKNOWN)
    assert node.statement.status == "proved"          # the record still proves the formal statement
