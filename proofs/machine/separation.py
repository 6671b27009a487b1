"""Lemma C.9 corrected (pairs that differ as multisets): Lemma C.6 or C.8 at the first differing entry."""
from __future__ import annotations

import sympy as sp

from boundcalc.prover import Axiom, Domain, ProofRecord, Step

S = sp.Symbol
Gt = lambda a, b: sp.StrictGreaterThan(a, b, evaluate=False)  # noqa: E731
Lt = lambda a, b: sp.StrictLessThan(a, b, evaluate=False)     # noqa: E731
Le = lambda a, b: sp.LessThan(a, b, evaluate=False)           # noqa: E731
Ge = lambda a, b: sp.GreaterThan(a, b, evaluate=False)        # noqa: E731

L, n, m, dl, g, x = S("L"), S("n"), S("m"), S("delta"), S("gamma"), S("x")
a1, b1, ck, al, be = S("a_1"), S("b_1"), S("c_k"), S("a_k1"), S("b_k1")
Ba, Bb, Bz, zmax, zmin = S("Ba"), S("Bb"), S("B_z"), S("z_max"), S("z_min")
SEP = Gt(sp.Abs(Ba - Bb), L ** 2 * sp.exp(-2 * g))


def _case(first, top, k1_name):
    """Steps for one case: the cited lemma's bound at gap a_1 - first < 2 gamma, then e^{-t} decreasing."""
    gap = a1 - first
    return [
        Step(f"{k1_name}_lt", Lt(gap, 2 * g), "z3_linear", ("range",)),
        Step(f"{k1_name}_exp", Gt(sp.exp(-gap), sp.exp(-2 * g)), "monotone", (f"{k1_name}_lt", top),
             options={"var": x, "f": sp.exp(-x), "at": (gap, 2 * g), "on": (gap, 2 * g)}),
    ]


def c9_corrected() -> ProofRecord:
    cited6 = {"result": "lemma-C.6", "subs": {a1: a1, b1: b1, dl: dl, Ba: Ba, Bb: Bb, L: L}}
    cited8 = {"result": "lemma-C.8", "subs": {L: L, n: n, m: m, dl: dl, a1: a1, ck: ck, al: al, be: be,
                                              Ba: Ba, Bb: Bb}}
    case0 = _case(b1, "sep.case0", "k0") + [
        Step("C6", Gt(Ba - Bb, L ** 2 * sp.exp(-(a1 - b1))), "instantiate", ("sep.case0", "delta"), options=cited6),
        Step("sep0", SEP, "z3_nonlinear", ("C6", "k0_exp"))]
    case1 = _case(be, "sep.case1", "k1") + [
        Step("C8", Gt(sp.Abs(Ba - Bb), L ** 2 * sp.exp(-(a1 - be))), "instantiate", ("sep.case1", "delta", "n"),
             options=cited8),
        Step("sep1", SEP, "z3_nonlinear", ("C8", "k1_exp"))]
    first = sp.Or(sp.And(Gt(a1, b1), Gt(a1 - b1, dl)),
                  sp.And(sp.Eq(a1, b1), Gt(al, be), Gt(al - be, dl), Gt(ck - al, dl), Ge(a1, ck), Ge(m, 1),
                         Le(m, n - 1)))
    return ProofRecord(
        "lemma-C.9-corrected", "(gamma, delta)-tokenwise separated z^(1..N) in R^n, n >= 2, no duplicate entries, "
                               "delta >= 4 ln n: |Boltz(z)| <= gamma for each z, and |Boltz(a) - Boltz(b)| > "
                               "ln^2(n) e^{-2 gamma} for two of them, a and b, that differ as multisets",
        latex=r"|\text{Boltz}(z^{(i)})| \leq \gamma, \quad |\text{Boltz}(z^{(i)}) - \text{Boltz}(z^{(j)})| > "
              r"\ln^2(n) e^{-2\gamma} \text{ (multisets differ)}",
        hypotheses={"hi": Lt(zmax, g), "lo": Gt(zmin, -g), "range": sp.And(Lt(a1, g), Gt(b1, -g), Gt(be, -g)),
                    "delta": Ge(dl, 4 * L), "n": Ge(n, 2), "first": first},
        variables={n: Domain(2, None, integer=True), m: Domain(1, None, integer=True)},
        formula=sp.And(Le(sp.Abs(Bz), g), SEP), uses=["lemma-C.6", "lemma-C.8"],
        axioms=[Axiom("mean", "min z <= Boltz(z) <= max z (a weighted mean)", "Definition C.1",
                      formula=sp.And(Le(zmin, Bz), Le(Bz, zmax)))],
        steps=[
            Step("bound", Le(sp.Abs(Bz), g), "z3_linear", ("hi", "lo", "mean")),
            Step("sep", SEP, "cases", ("first",), options={"cases": [(first.args[0], case0), (first.args[1], case1)]},
                 note="sort a, b decreasingly and name them so that a is larger at the first index where they "
                      "differ (they differ as multisets; |Boltz(a) - Boltz(b)| is symmetric). Index 1: Lemma C.6; "
                      "index k + 1 > 1: Lemma C.8 with m = n - k. Either bound's exponent a_1 - b_. is < 2 gamma"),
            Step("c", sp.And(Le(sp.Abs(Bz), g), SEP), "z3_nonlinear", ("bound", "sep"))],
        conclusion="c")


def ks24_lemma7() -> ProofRecord:
    """Kajitsuka & Sato's Lemma 7 as the paper cites it: k = 0 (Lemma C.6) or k >= 1 (Lemma C.8)."""
    bound = Gt(sp.Abs(Ba - Bb), L ** 2 * sp.exp(-(a1 - be)))
    cited6 = {"result": "lemma-C.6", "subs": {a1: a1, S("b_1"): be, dl: dl, Ba: Ba, Bb: Bb, L: L}}
    cited8 = {"result": "lemma-C.8", "subs": {L: L, n: n, m: m, dl: dl, a1: a1, ck: ck, al: al, be: be,
                                              Ba: Ba, Bb: Bb}}
    case0 = [Step("C6", Gt(Ba - Bb, L ** 2 * sp.exp(-(a1 - be))), "instantiate", ("k.case0", "delta"), options=cited6),
             Step("k0", bound, "z3_nonlinear", ("C6",))]
    case1 = [Step("C8", bound, "instantiate", ("k.case1", "delta", "n"), options=cited8)]
    which = sp.Or(sp.And(sp.Eq(m, n), Gt(a1, be), Gt(a1 - be, dl)),    # k = 0: b_{k+1} is b_1
                  sp.And(Gt(al, be), Gt(al - be, dl), Gt(ck - al, dl), Ge(a1, ck), Ge(m, 1), Le(m, n - 1)))
    return ProofRecord(
        "ext-ks24-lemma-7", "Kajitsuka & Sato Lemma 7 as the paper cites it for C.6 and C.8: a, b decreasing, "
                            "tokenwise delta-separated, delta >= 4 ln n, n >= 2, equal top k entries (k in {0..n-1}), "
                            "a_{k+1} > b_{k+1}: |Boltz(a) - Boltz(b)| > ln^2(n) e^{-(a_1 - b_{k+1})}",
        latex=r"|\text{Boltz}(a) - \text{Boltz}(b)| > \ln^2(n) e^{-(a_1 - b_{k+1})}",
        hypotheses={"delta": Ge(dl, 4 * L), "n": Ge(n, 2), "which": which},
        variables={n: Domain(2, None, integer=True), m: Domain(1, None, integer=True)},
        formula=bound, uses=["lemma-C.6", "lemma-C.8"],
        steps=[Step("k", bound, "cases", ("which",), options={"cases": [(which.args[0], case0), (which.args[1], case1)]},
                    note="k = 0: b_{k+1} = b_1 and Lemma C.6; k >= 1: Lemma C.8 with m = n - k")],
        conclusion="k")
