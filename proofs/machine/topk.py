"""Lemma C.8 by a direct estimate (not J.8's route through Lemma C.7, which fails at n = 2).

a = (c, alpha), b = (c, beta) share the top k entries c; alpha_1 = a_{k+1} > beta_1 = b_{k+1}. Splitting the
sums of Definition C.1, Boltz(x) = Boltz(c) - r (Boltz(c) - m)/(1 + r) with r the tail's share of e^x and m its
weighted mean. The a-tail pulls Boltz down by about e^{alpha_1}/Z_c * (Boltz(c) - alpha_1); the b-tail by at most
(n - k) e^{-(alpha_1 - beta_1)} times that much plus a small term, because t e^{-t} decreases for t > 1.
"""
from __future__ import annotations

import sympy as sp

from boundcalc.prover import Axiom, Domain, ProofRecord, Step

S, R = sp.Symbol, sp.Rational
Gt = lambda a, b: sp.StrictGreaterThan(a, b, evaluate=False)  # noqa: E731
Lt = lambda a, b: sp.StrictLessThan(a, b, evaluate=False)     # noqa: E731
Le = lambda a, b: sp.LessThan(a, b, evaluate=False)           # noqa: E731
Ge = lambda a, b: sp.GreaterThan(a, b, evaluate=False)        # noqa: E731

L, n, m, dl = S("L"), S("n"), S("m"), S("delta")
a1, ck, al, be = S("a_1"), S("c_k"), S("a_k1"), S("b_k1")
Ba, Bb, Bc, ra, rb, ma, mb, K, T, U = (S(x) for x in ("Ba", "Bb", "Bc", "r_a", "r_b", "m_a", "m_b", "K", "T", "U"))
x = S("x")
E, F, EX = sp.exp(-dl), sp.exp(al - a1), sp.exp(-(al - be))
X, D = al - be, Bc - al
BOUND = L ** 2 * sp.exp(-(a1 - be))
ENT = "Cover & Thomas, Elements of Information Theory, Thm 2.6.4"


def _axioms():
    return [
        Axiom("split_a", "Definition C.1 split over c and the tail of a: Boltz(a)(1 + r_a) = Boltz(c) + r_a m_a, "
              "r_a = sum_{j>k} e^{a_j}/Z_c, m_a the e^a-weighted mean of the tail", "Definition C.1 (split the sums)",
              formula=sp.Eq(Ba * (1 + ra), Bc + ra * ma)),
        Axiom("split_b", "likewise Boltz(b)(1 + r_b) = Boltz(c) + r_b m_b", "Definition C.1 (split the sums)",
              formula=sp.Eq(Bb * (1 + rb), Bc + rb * mb)),
        Axiom("means", "weighted means lie between min and max: Boltz(c) >= c_k, m_a <= a_{k+1}, m_b <= b_{k+1}, "
              "and r_b >= 0", "weighted means", formula=sp.And(Ge(Bc, ck), Le(ma, al), Le(mb, be), Ge(rb, 0))),
        Axiom("geometric", "entries of c and of each tail are delta-separated, so Z_c <= e^{a_1}/(1 - e^{-delta}) and "
              "sum_{j>k} e^{a_j} <= e^{a_{k+1}}/(1 - e^{-delta}); with K := e^{a_1}/Z_c: 1 - e^{-delta} <= K <= 1, "
              "e^{a_{k+1} - a_1} K <= r_a and r_a (1 - e^{-delta}) <= e^{a_{k+1} - a_1} K",
              "geometric series", formula=sp.And(Ge(K, 1 - E), Le(K, 1), Ge(ra, F * K), Le(ra * (1 - E), F * K))),
        Axiom("tail_b", "r_b (Boltz(c) - m_b) = sum_{j>k} e^{b_j}(Boltz(c) - b_j)/Z_c = K e^{a_{k+1} - a_1} T with "
              "T = sum_{j>k} e^{-u_j}(D + u_j), u_j = a_{k+1} - b_j, D = Boltz(c) - a_{k+1}",
              "Definition C.1 and algebra of finite sums", formula=sp.Eq(rb * (Bc - mb), K * F * T)),
        Axiom("tail_terms", "T has m = n - k terms; each u_j >= u_{k+1} = a_{k+1} - b_{k+1} (b decreasing), so if a "
              "generic term e^{-U}(D + U) with U >= a_{k+1} - b_{k+1} is at most e^{-X}(D + X), X := a_{k+1} - b_{k+1}, "
              "then T <= m e^{-X}(D + X)", "a sum of m terms each at most its largest",
              formula=sp.Implies(Le(sp.exp(-U) * (D + U), EX * (D + X)), Le(T, m * EX * (D + X)))),
        Axiom("U_ge", "the generic tail index of b has U = a_{k+1} - b_j >= X", "b decreasing", formula=Ge(U, X)),
        Axiom("exp_ln", "delta >= 4 ln n gives e^{-delta} <= e^{-4 ln n} = n^{-4}", "exp increasing; e^{ln n} = n",
              formula=Le(E * n ** 4, 1)),
        Axiom("exp_add", "e^{-(a_1 - b_{k+1})} = e^{a_{k+1} - a_1} e^{-(a_{k+1} - b_{k+1})}", "e^{s+t} = e^s e^t",
              formula=sp.Eq(sp.exp(-(a1 - be)), F * EX)),
        Axiom("exp_pos", "exponentials are positive", "standard calculus",
              formula=sp.And(Gt(E, 0), Gt(F, 0), Gt(EX, 0), Gt(sp.exp(-U), 0))),
        Axiom("ln_bounds", "ln 2 <= L = ln n <= n - 1", "ln increasing; ln t <= t - 1",
              formula=sp.And(Ge(L, sp.log(2)), Le(L, n - 1))),
    ]


def c8() -> ProofRecord:
    steps = [
        Step("ln2", Gt(sp.log(2), R(69, 100)), "interval", note="constant, certified with arb"),
        Step("L_pos", Gt(L, R(69, 100)), "z3_linear", ("ln_bounds", "ln2")),
        Step("d_big", Gt(dl, 2), "z3_linear", ("delta", "L_pos")),
        Step("D_big", Gt(D, dl), "z3_linear", ("means", "sep_k")),
        Step("X_big", Gt(X, dl), "z3_linear", ("sep_ab",)),
        Step("E_small", Le(E, R(1, 16)), "z3_nonlinear", ("exp_ln", "exp_pos", "n")),
        Step("F_lt_E", Lt(F, E), "monotone", ("top", "sep_k"),
             options={"var": x, "f": sp.exp(-x), "at": (dl, a1 - al), "on": (dl, a1 - al)},
             note="a_1 - a_{k+1} > delta and e^{-t} decreases"),
        Step("EX_lt_E", Lt(EX, E), "monotone", ("X_big",),
             options={"var": x, "f": sp.exp(-x), "at": (dl, X), "on": (dl, X)}),
        Step("U_term", Le(sp.exp(-U) * (D + U), EX * (D + X)), "monotone", ("U_ge", "D_big", "d_big", "X_big"),
             options={"var": x, "f": sp.exp(-x) * (D + x), "at": (X, U), "on": (X, U)},
             note="t -> e^{-t}(D + t) has derivative -(D + t - 1) e^{-t} < 0 for t >= X > 0, D > 1"),
        Step("XEX", Le(X * EX, dl * E), "monotone", ("X_big", "d_big"),
             options={"var": x, "f": x * sp.exp(-x), "at": (dl, X), "on": (dl, X)},
             note="t e^{-t} decreases for t > 1"),
        Step("T_le", Le(T, m * EX * (D + X)), "z3_nonlinear", ("tail_terms", "U_term")),
        Step("mEX", Le(m * EX, R(1, 8)), "z3_nonlinear", ("EX_lt_E", "exp_ln", "exp_pos", "m", "n"),
             note="m e^{-X} <= n e^{-delta} <= n^{-3} <= 1/8"),
        Step("mXEX", Le(m * X * EX, dl / 8), "z3_nonlinear", ("XEX", "exp_ln", "exp_pos", "m", "n", "d_big"),
             note="m X e^{-X} <= n delta e^{-delta} <= delta n^{-3} <= delta/8"),
        Step("ra_small", Le(ra, R(1, 15)), "z3_nonlinear", ("geometric", "F_lt_E", "E_small", "exp_pos")),
        Step("ga", Ge((Bc - Ba) * 16, 15 * ra * D), "z3_nonlinear",
             ("split_a", "means", "ra_small", "geometric", "exp_pos", "D_big", "d_big"),
             note="Boltz(c) - Boltz(a) = r_a (Boltz(c) - m_a)/(1 + r_a) >= (15/16) r_a D"),
        Step("gb", Le(Bc - Bb, K * F * T), "z3_nonlinear", ("split_b", "tail_b", "means", "sep_ab", "D_big", "d_big"),
             note="Boltz(c) - Boltz(b) = r_b (Boltz(c) - m_b)/(1 + r_b) <= r_b (Boltz(c) - m_b)"),
        Step("tailsum", Le(T, D / 8 + dl / 8), "z3_nonlinear", ("T_le", "mEX", "mXEX", "D_big", "d_big")),
        Step("gap", Ge((Bb - Ba) * 16, 11 * K * F * D), "z3_nonlinear",
             ("ga", "gb", "tailsum", "geometric", "E_small", "exp_pos", "D_big", "d_big"),
             note="(15/16) K F D - K F (D/8 + delta/8) >= (11/16) K F D"),
        Step("gap2", Gt((Bb - Ba) * 256, 165 * F * dl), "z3_nonlinear",
             ("gap", "geometric", "E_small", "exp_pos", "D_big", "d_big")),
        Step("small", Lt(L ** 2 * EX * 256, 165 * dl), "z3_nonlinear",
             ("EX_lt_E", "exp_ln", "exp_pos", "delta", "L_pos", "ln_bounds", "n")),
        Step("diff", Gt(Bb - Ba, BOUND), "z3_nonlinear", ("gap2", "small", "exp_add", "exp_pos")),
        Step("c", Gt(sp.Abs(Ba - Bb), BOUND), "z3_nonlinear", ("diff", "exp_add", "exp_pos"))]
    return ProofRecord(
        "lemma-C.8", "a, b decreasing, tokenwise delta-separated, delta >= 4 ln n, n >= 2, equal top k entries "
                     "c = (a_1..a_k) (k in [n-1], m = n - k), a_{k+1} > b_{k+1}: |Boltz(a) - Boltz(b)| > "
                     "ln^2(n) e^{-(a_1 - b_{k+1})}",
        latex=r"|\text{Boltz}(a) - \text{Boltz}(b)| > \ln^2(n) \cdot e^{-(a_1 - b_{k+1})}",
        hypotheses={"delta": Ge(dl, 4 * L), "order": Gt(al, be), "sep_ab": Gt(al - be, dl),
                    "sep_k": Gt(ck - al, dl), "top": Ge(a1, ck), "n": Ge(n, 2), "m": sp.And(Ge(m, 1), Le(m, n - 1))},
        variables={n: Domain(2, None, integer=True), m: Domain(1, None, integer=True)},
        formula=Gt(sp.Abs(Ba - Bb), BOUND), axioms=_axioms(), steps=steps, conclusion="c")
