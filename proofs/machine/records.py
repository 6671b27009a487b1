"""The records. LaTeX of each statement (from the paper) is quoted beside its formula."""
from __future__ import annotations

import sympy as sp

from boundcalc.prover import POS, REALS, Axiom, Domain, ProofRecord, Step

from .cited import restated
from .path import c4
from .projection import STATEMENT, d1
from .separation import c9_corrected, ks24_lemma7
from .topk import c8

R = sp.Rational
S = sp.Symbol
Gt = lambda a, b: sp.StrictGreaterThan(a, b, evaluate=False)  # noqa: E731
Ge = lambda a, b: sp.GreaterThan(a, b, evaluate=False)        # noqa: E731
Lt = lambda a, b: sp.StrictLessThan(a, b, evaluate=False)     # noqa: E731

KS24 = "Kajitsuka & Sato 2024 (ICLR), 'Are transformers with one layer self-attention using low-rank weight matrices universal approximators?'"
BOYD = "Boyd & Vandenberghe 2004, Convex Optimization, p. 72 (max z <= ln sum e^z)"
ENT = "Cover & Thomas, Elements of Information Theory, Thm 2.6.4 (entropy of a distribution on n points <= ln n)"

L, n = S("L"), S("n")            # L stands for ln n
B, Bp, M, p, zi, lnZ, Sent = S("B"), S("Bp"), S("M"), S("p"), S("z_i"), S("lnZ"), S("S")

LN2 = Step("ln2", Gt(sp.log(2), R(69, 100)), "interval", note="constant: certified with arb (no variables)")


def _L_pos():
    """Axiom instance: n >= 2 and ln monotone give L = ln n >= ln 2; with the certified ln 2 > 0.69, L > 0.69."""
    return [LN2, Step("L_pos", Gt(L, R(69, 100)), "z3_linear", ("ln_mono", "ln2"))]


AX_LN_MONO = Axiom("ln_mono", "ln is increasing, so ln n >= ln 2 for n >= 2; here L := ln n",
                   "standard calculus", formula=Ge(L, sp.log(2)))
AX_BOLTZ_LB = Axiom("boltz_ge_max_minus_ln_n", "Boltz(z) >= max_j z_j - ln n (Lemma C.1, S(p) <= ln n, max z <= ln Z)",
                    f"Lemma C.1 with {ENT} and {BOYD}", formula=Ge(B, M - L))


# ------------------------------------------------------------------ C.1
def c1():
    T = S("T")
    return ProofRecord(
        "lemma-C.1", "Boltz(z) = -S(p) + ln Z(z)",
        latex=r"\text{Boltz}(z) = -\mathcal{S}(p) + \ln \mathcal{Z}(z)",
        hypotheses={"sum_p": sp.Eq(S("P"), 1), "ent_def": sp.Eq(Sent, -T)},
        variables={}, formula=sp.Eq(B, -Sent + lnZ),
        axioms=[Axiom("J1_sum", "sum_i p_i z_i = sum_i p_i ln p_i + ln Z * sum_i p_i (J.1: z_i = ln p_i + ln Z, "
                      "summed with weights p_i); B, T, P name the three sums",
                      "J.1 and linearity of finite sums", formula=sp.Eq(B, T + lnZ * S("P")))],
        steps=[Step("c", sp.Eq(B, -Sent + lnZ), "z3_nonlinear", ("J1_sum", "sum_p", "ent_def"))],
        conclusion="c")


# ------------------------------------------------------------------ C.2
def c2():
    D = S("D")
    return ProofRecord(
        "lemma-C.2", "If max_j z_j - z_i > ln n + 1 then dBoltz/dz_i = p_i(1 + z_i - Boltz(z)) < 0",
        latex=r"\frac{\partial}{\partial z_i} \text{Boltz}(z) = p_i (1 + \ln p_i + \mathcal{S}(p)) < 0 "
              r"\text{ when } \max_{j} z_j - z_i > \ln n + 1",
        hypotheses={"gap": Gt(M - zi, L + 1)}, variables={p: POS},
        formula=Lt(D, 0),
        axioms=[AX_BOLTZ_LB,
                Axiom("deriv", "dBoltz/dz_i = p_i (1 + z_i - Boltz(z)) (J.2, differentiating softmax)", "App. J.2",
                      formula=sp.Eq(D, p * (1 + zi - B)))],
        steps=[Step("neg", Lt(1 + zi - B, 0), "z3_linear", ("gap", "boltz_ge_max_minus_ln_n")),
               Step("c", Lt(D, 0), "z3_nonlinear", ("neg", "deriv"))],
        conclusion="c")


# ------------------------------------------------------------------ C.3
def c3():
    D2, q = S("D2"), S("q")
    return ProofRecord(
        "lemma-C.3", "If max_j z_j - z_i > ln n + 3 then d^2 Boltz/dz_i^2 < 0",
        latex=r"\frac{\partial^2}{\partial z_i^2} \text{Boltz}(z) < 0 \text{ when } \max_j z_j - z_i > \ln n + 3",
        hypotheses={"gap": Gt(M - zi, L + 3)}, variables={p: POS, L: Domain(0, None)},
        formula=Lt(D2, 0),
        axioms=[Axiom("d2", "d^2 Boltz/dz_i^2 = p_i[(1-2p_i)(z_i - ln Z + S(p) + 1) + 1] (J.3)", "App. J.3",
                      formula=sp.Eq(D2, p * ((1 - 2 * p) * (zi - lnZ + Sent + 1) + 1))),
                Axiom("maxlnZ", "max_j z_j <= ln Z(z)", BOYD, formula=Ge(lnZ, M)),
                Axiom("entropy", "S(p) <= ln n", ENT, formula=Ge(L, Sent)),
                Axiom("p_le_q", "p_i = e^{z_i}/Z <= e^{z_i - max z} =: q (Z >= e^{max z})", "definition of softmax",
                      formula=sp.LessThan(p, q)),
                Axiom("exp_mono", "exp is increasing: z_i - max z < -3 gives q = e^{z_i - max z} < e^{-3}",
                      "standard calculus", formula=sp.Implies(Lt(zi - M, -3), Lt(q, sp.exp(-3))))],
        steps=[Step("e3", Lt(sp.exp(-3), R(1, 4)), "interval", note="constant, certified with arb"),
               Step("small", Lt(zi - M, -3), "z3_linear", ("gap",)),
               Step("q_small", Lt(q, sp.exp(-3)), "z3_linear", ("exp_mono", "small"),
                    note="exp(-3) is an opaque atom for z3"),
               Step("p_small", Lt(p, R(1, 4)), "z3_linear", ("p_le_q", "q_small", "e3")),
               Step("x_neg", Lt(zi - lnZ + Sent + 1, -2), "z3_linear", ("gap", "maxlnZ", "entropy")),
               Step("c", Lt(D2, 0), "z3_nonlinear", ("d2", "p_small", "x_neg"))],
        conclusion="c")


# ------------------------------------------------------------------ C.5
def c5():
    Z, W, wbar, z1, zn1, dl = S("Z"), S("W"), S("wbar"), S("z_1"), S("zp_n1"), S("delta")
    return ProofRecord(
        "lemma-C.5", "z' in R^m extends z in R^n (m > n >= 2), both delta-separated and decreasing, delta > ln n + 1: "
                     "Boltz(z) > Boltz(z')",
        latex=r"(z'_1, \dots, z'_n) = z \implies \text{Boltz}(z) > \text{Boltz}(z')",
        hypotheses={"delta": Gt(dl, L + 1), "sep": Gt(z1 - zn1, dl)},
        variables={Z: POS, W: POS}, formula=Gt(B, Bp),
        axioms=[AX_BOLTZ_LB,
                Axiom("max_is_z1", "z is sorted decreasingly, so max_j z_j = z_1", "hypothesis (sorted)",
                      formula=sp.Eq(M, z1)),
                Axiom("split", "Boltz(z') = (Z Boltz(z) + W wbar)/(Z + W), Z = sum_{i<=n} e^{z_i}, "
                      "W = sum_{i>n} e^{z'_i}, wbar = the e^{z'}-weighted mean of the appended entries",
                      "Definition C.1 (split the sums)", formula=sp.Eq(Bp * (Z + W), Z * B + W * wbar)),
                Axiom("wbar_le", "a weighted mean of the appended entries is <= their maximum z'_{n+1}",
                      "weighted means", formula=sp.LessThan(wbar, zn1))],
        steps=[Step("below", Lt(wbar, B), "z3_linear", ("delta", "sep", "boltz_ge_max_minus_ln_n", "max_is_z1",
                                                       "wbar_le")),
               Step("c", Gt(B, Bp), "z3_nonlinear", ("split", "below"),
                    note="Boltz(z') is a strict mean of Boltz(z) and wbar < Boltz(z)")],
        conclusion="c")


# ------------------------------------------------------------------ C.6
def c6():
    a1, b1, dl, Ba, Bb = S("a_1"), S("b_1"), S("delta"), S("Ba"), S("Bb")
    F = sp.exp(-(a1 - b1))
    return ProofRecord(
        "lemma-C.6", "a, b decreasing, tokenwise delta-separated, delta >= 4 ln n, a_1 > b_1, n >= 2: "
                     "Boltz(a) - Boltz(b) > (ln n)^2 e^{-(a_1 - b_1)}",
        latex=r"\text{Boltz}(a) - \text{Boltz}(b) > (\ln n)^2 e^{-(a_1 - b_1)}",
        hypotheses={"dom": Gt(a1, b1), "sep": Gt(a1 - b1, dl), "delta": Ge(dl, 4 * L)},
        variables={}, formula=Gt(Ba - Bb, L ** 2 * F),
        axioms=[AX_LN_MONO,
                Axiom("boltz_a", "Boltz(a) >= a_1 - ln n (a sorted, so max a = a_1)",
                      f"Lemma C.1 with {ENT} and {BOYD}", formula=Ge(Ba, a1 - L)),
                Axiom("boltz_b", "Boltz(b) <= b_1 (a weighted mean is <= the maximum)", "Definition C.1",
                      formula=sp.LessThan(Bb, b1)),
                Axiom("exp_tangent", "e^{-t}(1 + t) <= 1 for t >= 0 (e^t >= 1 + t)", "standard calculus",
                      formula=sp.Implies(Ge(a1 - b1, 0), sp.LessThan(F * (1 + a1 - b1), 1))),
                Axiom("exp_pos", "e^x > 0", "standard calculus", formula=Gt(F, 0))],
        steps=_L_pos() + [
            Step("diff", Gt(Ba - Bb, dl - L), "z3_linear", ("boltz_a", "boltz_b", "sep"),
                 note="avoids J.6's detour through Lemma C.4: Boltz(a) >= a_1 - ln n directly"),
            Step("F", sp.LessThan(F * (1 + a1 - b1), 1), "z3_nonlinear", ("exp_tangent", "dom")),
            Step("c", Gt(Ba - Bb, L ** 2 * F), "z3_nonlinear", ("diff", "delta", "L_pos", "F", "exp_pos", "sep"))],
        conclusion="c")


# ------------------------------------------------------------------ C.7 corrected
def c7():
    an, bn, fa, fb, d, pb, pa, Bb, D2a = S("a_n"), S("b_n"), S("fa"), S("fb"), S("d"), S("p_n"), S("pa"), S("Bb"), S("D2a")
    return ProofRecord(
        "lemma-C.7-corrected", "a, b agree in the first n-1 entries, a_n > b_n, M := max_{i<n} a_i, M - a_n > ln n + 3: "
                               "Boltz(b) - Boltz(a) > (a_n - b_n)(M - b_n - ln n - 1) e^{b_n}/sum_i e^{b_i}",
        latex=r"\text{Boltz}(b) - \text{Boltz}(a) > (a_n - b_n) (\delta + a_n - b_n - \ln n - 1) "
              r"\frac{e^{b_n}}{\sum_i e^{b_i}}, \quad \delta := \max_{i<n} a_i - a_n",
        hypotheses={"order": Gt(an, bn), "gap": Gt(M - an, L + 3)},
        variables={pb: POS}, formula=Gt(fb - fa, (an - bn) * (M - bn - L - 1) * pb),
        uses=["lemma-C.3"],
        axioms=[Axiom("pa_pos", "p_n(a) > 0 (softmax is positive)", "Definition C.1", formula=Gt(pa, 0)),
                Axiom("concave_tangent", "if Boltz(b_1..b_{n-1}, t) is concave on t <= a_n then its value at a_n is below "
                      "the tangent at b_n: fa < fb + (a_n - b_n) d, d = derivative at b_n. Concavity on the whole "
                      "ray t <= a_n follows from Lemma C.3 because its hypothesis M - t > ln n + 3 only gets "
                      "stronger as t decreases; the record instantiates C.3 at t = a_n",
                      "first-order characterisation of strict concavity (Boyd & Vandenberghe 3.1.3)",
                      formula=sp.Implies(Lt(D2a, 0), Lt(fa, fb + (an - bn) * d))),
                Axiom("deriv_b", "d = p_n(b)(1 + b_n - Boltz(b)) (J.2)", "App. J.2",
                      formula=sp.Eq(d, pb * (1 + bn - Bb))),
                Axiom("boltz_b", "Boltz(b) >= max b - ln n = M - ln n (max b = M since b_n < a_n < M)",
                      f"Lemma C.1 with {ENT} and {BOYD}", formula=Ge(Bb, M - L)),
                AX_LN_MONO],
        steps=_L_pos() + [
            Step("concave_at_an", Lt(D2a, 0), "instantiate", ("gap", "pa_pos", "L_pos"),
                 options={"result": "lemma-C.3", "subs": {M: M, zi: an, L: L, p: pa, S("D2"): D2a}}),
            Step("tangent", Lt(fa, fb + (an - bn) * d), "z3_nonlinear", ("concave_tangent", "concave_at_an")),
            Step("c", Gt(fb - fa, (an - bn) * (M - bn - L - 1) * pb), "z3_nonlinear",
                 ("tangent", "deriv_b", "boltz_b", "order"))],
        conclusion="c")


# ------------------------------------------------------------------ D.2 rank one
def d2():
    s_, A, C, K, c, d, eps, g, dl, G, Nab, Nc = (S(x) for x in
                                                 ("s", "A", "C", "K", "c", "d", "epsilon", "gamma_min", "delta", "G",
                                                  "N_ab", "N_c"))
    return ProofRecord(
        "lemma-D.2-rank1", "rho = 1: W_K = p q^T, W_Q = p' q'^T with q, q' from Lemma D.1 on V u {0} and "
                           "|p^T p'| = 5(|V|+1)^4 d delta/(eps gamma_min) give logit gap > delta",
        latex=r"|(W_K v_a)^\top (W_Q v_c) - (W_K v_b)^\top (W_Q v_c)| > \delta, \quad "
              r"|p^\top p'| = 5(|\mathcal{V}|+1)^4 d \frac{\delta}{\epsilon \gamma_{\min}}",
        hypotheses={"scale": sp.Eq(s_ * eps * g, 5 * K ** 2 * d * dl), "delta": Gt(dl, 0),
                    "sepV": Gt(Nab, eps), "normV": Ge(Nc, g)},
        variables={eps: POS, g: POS, K: POS, d: Domain(1, None), c: POS, s_: POS},
        formula=Gt(G, dl),
        axioms=[Axiom("factor", "rank one: (W_K v)^T(W_Q v_c) = (p^T p')(q^T v)(q'^T v_c), so the gap is "
                      "G = |p^T p'| A C with A = |q^T(v_a - v_b)|, C = |q'^T v_c|", "matrix algebra",
                      formula=sp.Eq(G, s_ * A * C)),
                Axiom("park_A", "A >= c ||v_a - v_b|| / K, K = (|V|+1)^2, c = sqrt(8/(pi d))",
                      "Park et al. 2021, Lemma 13 (= Lemma D.1) on V u {0}", formula=Ge(A * K, c * Nab)),
                Axiom("park_C", "C >= c ||v_c - 0|| / K", "Park et al. 2021, Lemma 13 (= Lemma D.1) on V u {0}",
                      formula=Ge(C * K, c * Nc)),
                Axiom("c_sq", "c^2 = 8/(pi d)", "definition of c", formula=sp.Eq(c ** 2 * sp.pi * d, 8))],
        steps=[Step("pi4", Lt(sp.pi, 4), "interval", note="constant, certified with arb"),
               Step("A", Gt(A * K, c * eps), "z3_nonlinear", ("park_A", "sepV")),
               Step("C", Ge(C * K, c * g), "z3_nonlinear", ("park_C", "normV")),
               Step("cc", Gt(c ** 2 * d, 2), "z3_nonlinear", ("c_sq", "pi4")),
               Step("prod", Gt(G, 10 * dl), "z3_nonlinear", ("factor", "A", "C", "scale", "cc", "delta"),
                    note="G = s A C > 5 K^2 d delta/(eps g) * (c eps/K)(c g/K) = 5 d c^2 delta > 10 delta"),
               Step("c", Gt(G, dl), "z3_linear", ("prod", "delta"))],
        conclusion="c")


# ------------------------------------------------------------------ E.1 rounded


def e1(coefficient=1, rounding=1):
    """Lemma E.1 with f's values rounded to the grid {0, delta, ..., 1 - delta}: (C + 1) delta (dL)^{1/alpha}.

    The grid lacks 1, so an entry in (1 - delta, 1] moves by up to delta when rounded (f = 1, 1/delta = 2:
    by 1/2 = delta); entries in [0, 1 - delta] move by at most delta/2. ``coefficient``/``rounding`` build
    the earlier, false variant (C + 1/2 with a delta/2 rounding axiom) for the tests."""
    t, r, l, g, w, C, dl = (S(x) for x in ("t", "r", "l", "g", "w", "C", "delta"))
    k = sp.nsimplify(coefficient)
    return ProofRecord(
        "lemma-E.1-rounded", f"d_alpha(f_bar, f) <= (C + {k}) delta (dL)^{{1/alpha}} when f_bar takes f's value at "
                             "the cell's grid point, rounded to the nearest value of the grid {0, delta, ..., 1 - delta}",
        latex=r"d_\alpha(\bar f, f) \leq (C + 1)\delta (dL)^{1/\alpha}",
        hypotheses={"C": Ge(C, 0)}, variables={w: POS, dl: POS},
        formula=sp.LessThan(t, (C + k) * dl * w),
        axioms=[Axiom("triangle", "pointwise ||f_bar(Z) - f(Z)||_a <= ||round(f(G)) - f(G)||_a + ||f(G) - f(Z)||_a; "
                      "d_alpha is the L^alpha average of the pointwise error, so t <= r + l bounds it when r, l are "
                      "the suprema of the two terms", "Minkowski inequality", formula=sp.LessThan(t, r + l)),
                Axiom("lip", "l <= C g, g = sup ||G - Z||_alpha", "C-Lipschitz hypothesis of Lemma E.1",
                      formula=sp.LessThan(l, C * g)),
                Axiom("cell", "g <= delta (dL)^{1/alpha} =: delta w (each of dL entries moves < delta)",
                      "grid geometry", formula=sp.LessThan(g, dl * w)),
                Axiom("round", f"r <= {sp.nsimplify(rounding)} delta w: rounding to the nearest point of {{0, delta, ..., 1 - delta}} "
                      "moves an entry of [0, 1] by at most delta (by delta/2 below 1 - delta, by up to delta above it, "
                      "since 1 is not on the grid)", "grid geometry",
                      formula=sp.LessThan(r, sp.nsimplify(rounding) * dl * w))],
        steps=[Step("c", sp.LessThan(t, (C + k) * dl * w), "z3_nonlinear",
                    ("triangle", "lip", "cell", "round", "C"))],
        conclusion="c")


# C.4: path.py, D.1: projection.py, C.8: topk.py, C.9 corrected: separation.py, restated citations: cited.py
_BUILDERS = [c1, c2, c3, c4, c5, c6, d1, c8, c9_corrected, d2, e1, c7, ks24_lemma7]
PROOFS: dict = {}
for _b in _BUILDERS:
    _r = _b()
    PROOFS[_r.result_id] = _r
for _id, _src, _text in (
        ("ext-ks24-lemma-4", "lemma-C.2", "Kajitsuka & Sato Lemma 4 as Lemma C.2 restates it: dBoltz/dz_i < 0 when "
                                          "max_j z_j - z_i > ln n + 1"),
        ("ext-ks24-lemma-5", "lemma-C.3", "Kajitsuka & Sato Lemma 5 as Lemma C.3 restates it: d^2 Boltz/dz_i^2 < 0 "
                                          "when max_j z_j - z_i > ln n + 3"),
        ("ext-park21-lemma-13", "lemma-D.1", "Park et al. Lemma 13 as Lemma D.1 restates it: " + STATEMENT)):
    PROOFS[_id] = restated(_id, PROOFS[_src], _text)
# dependency order for checking (uses before users)
ORDER = ["lemma-C.1", "lemma-C.2", "lemma-C.3", "lemma-C.4", "lemma-C.5", "lemma-C.6", "lemma-D.1",
         "lemma-C.7-corrected", "lemma-C.8", "lemma-C.9-corrected", "lemma-D.2-rank1", "lemma-E.1-rounded",
         "ext-ks24-lemma-4", "ext-ks24-lemma-5", "ext-park21-lemma-13", "ext-ks24-lemma-7"]
EXPECTED = {k: "checked" for k in ORDER}

from .axiom_checks import annotate  # noqa: E402  (symbolic checks and paper-claim flags on the axioms)

PROOFS = {k: annotate(r) for k, r in PROOFS.items()}
