"""Declarations of App. B, D, E (2.4, Thm 2.3) and F: ids, evaluation, and what their checks conclude."""
import dataclasses
from fractions import Fraction

import pytest

from boundcalc.auditing import run_spec
from boundcalc.auditing.context import AuditContext
from boundcalc.checks import Counterexample
from boundcalc.findings import Verdict, worst
from boundcalc.records import constant
from proofs import registry
from proofs.appendix_b import THEOREM_B1
from proofs.appendix_d import LEMMA_2_2, LEMMA_D1, LEMMA_D2, _d2_adversarial
from proofs.appendix_e import LEMMA_2_4, THEOREM_2_3
from proofs.appendix_f import LEMMA_2_5, LEMMA_F2, THEOREM_2_4

MINE = (LEMMA_D1, LEMMA_D2, LEMMA_2_2, LEMMA_2_4, THEOREM_2_3, LEMMA_2_5, LEMMA_F2, THEOREM_2_4, THEOREM_B1)


def ctx():
    return AuditContext(registry=registry(), seed=0)


def verdict_of(node, name):
    spec = next(c for c in node.checks if c.name == name)
    return worst(f.verdict for f in run_spec(node, spec, ctx()))


@pytest.mark.parametrize("alias,node", [("D.3", "lemma-2.2"), ("lemma-E.2", "lemma-2.4"), ("theorem-E.1", "theorem-2.3"),
                                        ("F.1", "lemma-2.5"), ("theorem-F.1", "theorem-2.4"), ("F.2", "lemma-F.2"),
                                        ("B.1", "theorem-B.1"), ("D.1", "lemma-D.1"), ("lemma-d.2", "lemma-D.2")])
def test_ids_and_aliases(alias, node):
    assert registry().resolve(alias) == node


def test_every_node_has_location_statement_and_checks():
    for r in MINE:
        assert r.statement and r.location and r.uses
        assert r.checks or r.id == "lemma-D.1"


def test_d2_counterexample_recomputed_independently():
    # rebuild W_K = sum p_i q_i^T, W_Q = sum p'_j q'_j^T as 2x2 matrices and check each condition by hand
    (o,) = list(_d2_adversarial())
    def mat(ps, qs):
        return [[sum(p[r] * q[c] for p, q in zip(ps, qs)) for c in range(2)] for r in range(2)]
    WK, WQ = mat(o["p"], o["q"]), mat(o["pp"], o["qq"])
    det = lambda m: m[0][0] * m[1][1] - m[0][1] * m[1][0]
    assert det(WK) != 0 and det(WQ) != 0                           # both rank 2
    va, vb, vc = (o["vocab"][i] for i in o["abc"])
    mv = lambda m, v: [m[0][0] * v[0] + m[0][1] * v[1], m[1][0] * v[0] + m[1][1] * v[1]]
    dot = lambda a, b: a[0] * b[0] + a[1] * b[1]
    gap = dot(mv(WK, va), mv(WQ, vc)) - dot(mv(WK, vb), mv(WQ, vc))
    assert gap == 0 < o["delta"]
    V = len(o["vocab"])
    assert abs(dot(o["p"][0], o["pp"][0])) == 5 * (V + 1) ** 4 * 2 * o["delta"] / (o["eps"] * o["gamma_min"])
    assert verdict_of(LEMMA_D2, "rank-2 cross terms cancel the logit gap") == Verdict.REFUTED


def test_lemma_2_2_stated_delta_unsupported_and_mutation_caught():
    name = "delta: statement vs the proof's (D.12)"
    assert verdict_of(LEMMA_2_2, name) == Verdict.UNSUPPORTED
    # mutation: a stated delta with exponent 9(|V|+1)^4 (below the proof's) must then follow
    consts = tuple(constant("delta_stated", "exp(-9*(V+1)**4*d*kappa*gamma_max*log(n)/eps)")
                   if c.name == "delta_stated" else c for c in LEMMA_2_2.constants)
    mutated = dataclasses.replace(LEMMA_2_2, constants=consts)
    assert verdict_of(mutated, name) == Verdict.VERIFIED
    assert verdict_of(LEMMA_2_2, "gamma: statement vs the proof's ||Psi|| bound") == Verdict.VERIFIED


@pytest.mark.parametrize("node", [LEMMA_2_4, LEMMA_F2, THEOREM_B1])
def test_grid_separation_claims_refuted(node):
    searches = [s for s in node.checks if isinstance(s, Counterexample)
                and "grid" in s.name and ("norm" in s.name or "apart" in s.name)]
    assert len(searches) == 3   # min norm, max norm, separation (the copies compared with them are Custom)
    for spec in searches:
        assert verdict_of(node, spec.name) == Verdict.REFUTED, spec.name


def test_e2_consistencies():
    assert verdict_of(LEMMA_2_4, "Gamma: E.2 vs Lemma 2.2 at the claimed separation") == Verdict.VERIFIED
    # E.2 writes L'^2 where Lemma 2.2 gives (L'-delta)^2: a smaller Delta, a valid weakening (issue 22), so the
    # check asks Delta <= Delta_sub; it agrees at every grid point (sympy cannot sign it for all values)
    assert verdict_of(LEMMA_2_4, "Delta: E.2 vs Lemma 2.2 at the claimed separation") in (Verdict.VERIFIED,
                                                                                         Verdict.UNKNOWN)
    assert verdict_of(LEMMA_2_4, "(E.4)'s phi quantizes [k, k+delta) to k") == Verdict.REFUTED
    # E.2's Delta is the smaller one: ln Delta - ln Delta_sub = -5|V|^4 d ln(L') (2 L' delta - delta^2)/delta < 0
    env = LEMMA_2_4.evaluate({"d": "2", "L": "2", "Lp": "3", "N": "3"})
    V, Lq, dl = 5 * 9, 5, Fraction(1, 3)
    diff = env["Delta"].ln_arb(256) - env["Delta_sub"].ln_arb(256)
    import math
    assert float(diff.mid()) == pytest.approx(-5 * V ** 4 * 2 * math.log(Lq) * float(2 * Lq * dl - dl * dl) / float(dl),
                                              rel=1e-12)


def test_f_nodes():
    assert verdict_of(LEMMA_F2, "F.2's bump vanishes for |K x| >= 1") == Verdict.REFUTED
    assert verdict_of(LEMMA_F2, "(F.1) reaches L_p + L") == Verdict.REFUTED
    assert verdict_of(THEOREM_2_4, "r: Theorem 2.4 vs Theorem F.1 (restated)") == Verdict.INCONSISTENT
    assert verdict_of(LEMMA_2_5, "the proof's layer expression vs L (1/delta)^{d(L_p+L)}") == Verdict.UNSUPPORTED
    # by hand at d=1, L=2, Lp=3, eps=1/4: N = ceil(2 sqrt 2 * 4) = ceil(11.31) = 12;
    # F1_expr = 2L (sqrt 2 * 4)^5 = 4 * 1024 * 4 sqrt 2 = 16384 sqrt 2
    env = LEMMA_2_5.evaluate({"d": "1", "L": "2", "Lp": "3", "eps": "1/4"})
    assert env["N"].as_int() == 12 and env["value_layers"].as_int() == 2 * 12 ** 5
    assert (env["F1_expr"] ** 2).as_fraction() == 16384 ** 2 * 2


def test_theorem_2_3_budget():
    env = THEOREM_2_3.evaluate({"d": "1", "L": "1", "eps": "1/3"})
    # N = ceil(6) = 6; quantization error 1/6 = eps/2 exactly
    assert env["N"].as_int() == 6 and env["error_total"].as_fraction() == Fraction(1, 6)
    assert THEOREM_2_3.claims[0].decide(env) is True
