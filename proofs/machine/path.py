"""Lemma C.4 by a path argument: move z_2..z_n up to z_1 - delta along a segment; Boltz decreases (C.2)."""
from __future__ import annotations

import sympy as sp

from boundcalc.prover import POS, Axiom, Domain, ProofRecord, Step

S = sp.Symbol
Gt = lambda a, b: sp.StrictGreaterThan(a, b, evaluate=False)  # noqa: E731
Lt = lambda a, b: sp.StrictLessThan(a, b, evaluate=False)     # noqa: E731


def c4() -> ProofRecord:
    L, dl, z1, zi, s = S("L"), S("delta"), S("z_1"), S("z_i"), S("s")
    Bz, Bzp, Ms, zs, ps, Bs, Ds, Dg = (S(x) for x in ("Bz", "Bzp", "M_s", "zs_i", "ps_i", "B_s", "D_s", "Dg"))
    g0, g1, dgs = S("g_0"), S("g_1"), S("dg_s")         # g(0), g(1), g'(s) for g(s) = Boltz(z(s))
    w = z1 - dl - zi                              # z'_i - z_i, the speed of coordinate i along the path
    return ProofRecord(
        "lemma-C.4", "z decreasing, tokenwise delta-separated (z_1 - z_i > delta for i >= 2), delta > ln n + 1, "
                     "n >= 2: Boltz(z) > Boltz(z'), z' = (z_1, z_1 - delta, ..., z_1 - delta)",
        latex=r"\text{Boltz}(z) > \text{Boltz}(z'), \quad z' = (z_1, z_1 - \delta, \dots, z_1 - \delta)",
        hypotheses={"delta": Gt(dl, L + 1), "sep": Gt(z1 - zi, dl)},
        variables={s: Domain(0, 1), ps: POS}, formula=Gt(Bz, Bzp), uses=["lemma-C.2"],
        axioms=[
            Axiom("path", "z(s) = z + s (z' - z) for s in [0, 1]; its i-th entry (i >= 2) is "
                  "zs_i = z_i + s (z_1 - delta - z_i); its first entry stays z_1", "definition of the segment",
                  formula=sp.Eq(zs, zi + s * w)),
            Axiom("path_max", "if every entry i >= 2 of z(s) is below z_1 (shown for a generic i), the maximum "
                  "of z(s) is its first entry: M_s = z_1", "definition of max",
                  formula=sp.Implies(Lt(zs, z1), sp.Eq(Ms, z1))),
            Axiom("ln_nonneg", "L = ln n >= 0 for n >= 1", "standard calculus",
                  formula=sp.GreaterThan(L, 0, evaluate=False)),
            Axiom("softmax_pos", "ps_i = softmax(z(s))_i > 0", "Definition C.1", formula=Gt(ps, 0)),
            Axiom("chain", "chain rule: g(s) = Boltz(z(s)) has g'(s) = Dg = sum_{i=2}^n (z_1 - delta - z_i) "
                  "dBoltz/dz_i(z(s)); if the term of a generic i >= 2 is negative, each of the n - 1 >= 1 terms "
                  "is, and so is their sum", "chain rule; a nonempty sum of negative terms is negative",
                  formula=sp.Implies(Lt(w * Ds, 0), Lt(Dg, 0))),
            Axiom("segment", "g(s) = Boltz(z(s)) is differentiable on [0, 1] with derivative Dg(s); g(0) = Boltz(z) "
                  "= Bz, g(1) = Boltz(z') = Bzp. Formally, with g_0 = g(0), g_1 = g(1), dg_s = g'(s): g_0 = Bz, "
                  "g_1 = Bzp, dg_s = Dg (g is smooth: a quotient of sums of exponentials with a positive "
                  "denominator)", "Boltz is smooth (Definition C.1)",
                  formula=sp.And(sp.Eq(g0, Bz), sp.Eq(g1, Bzp), sp.Eq(dgs, Dg)))],
        steps=[
            Step("speed", Gt(w, 0), "z3_linear", ("sep",), note="z'_i - z_i = z_1 - delta - z_i > 0"),
            Step("below", sp.LessThan(zs, z1 - dl), "z3_nonlinear", ("path", "speed"),
                 note="zs_i = (1 - s) z_i + s (z_1 - delta) <= z_1 - delta for s in [0, 1]"),
            Step("max", sp.Eq(Ms, z1), "z3_linear", ("path_max", "below", "delta", "ln_nonneg"),
                 note="zs_i <= z_1 - delta < z_1 since delta > ln n + 1 > 0"),
            Step("gap_s", Gt(Ms - zs, L + 1), "z3_linear", ("max", "below", "delta")),
            Step("C2", Lt(Ds, 0), "instantiate", ("gap_s", "softmax_pos"),
                 options={"result": "lemma-C.2", "subs": {S("M"): Ms, S("z_i"): zs, S("L"): L, S("p"): ps,
                                                          S("B"): Bs, S("D"): Ds}},
                 note="Lemma C.2 at the point z(s), coordinate i: dBoltz/dz_i(z(s)) < 0"),
            Step("term", Lt(w * Ds, 0), "sign", ("speed", "C2")),
            Step("dg", Lt(Dg, 0), "z3_nonlinear", ("chain", "term")),
            Step("c", Gt(Bz, Bzp), "monotone", ("dg",),
                 options={"var": s, "derivative": Dg, "by": "segment", "at": (0, 1), "values": (Bz, Bzp)},
                 note="g' < 0 on [0, 1] for a generic s, so g(0) > g(1) (mean value theorem)")],
        conclusion="c")
