"""Formal statements of the paper's results (boundcalc.statements), one per result, declared once.

``FORMAL`` maps node ids to their statement; ``CORRECTIONS`` maps a defect's corrected-statement key
(``proof:KEY``) to the correction's statement. :func:`attach` puts each on its node and derives the node's
statement-level search from it (the hand-written sampler, adversarial points and float screen of the old
search stay as extra candidate sources; the formal hypotheses admit every candidate).

Symbols are the atoms of the proof records in ``proofs/machine`` (so a record's goal and hypotheses are
compared with these, and its axioms are searched on these quantities).
"""
from __future__ import annotations

from fractions import Fraction

import sympy as sp

from boundcalc.boltzmann import boltz
from boundcalc.numbers import Real
from boundcalc.objects import Index, Integers, Rationals, Vectors
from boundcalc.statements import Predicate, Quantity, Statement

from . import appendix_c as C
from . import formal_quantities as fq

S = sp.Symbol
Gt = lambda a, b: sp.StrictGreaterThan(a, b, evaluate=False)  # noqa: E731
Ge = lambda a, b: sp.GreaterThan(a, b, evaluate=False)        # noqa: E731
Lt = lambda a, b: sp.StrictLessThan(a, b, evaluate=False)     # noqa: E731
Le = lambda a, b: sp.LessThan(a, b, evaluate=False)           # noqa: E731
Eq = lambda a, b: sp.Eq(a, b, evaluate=False)                 # noqa: E731

n, L, M, zi, p, B, D, D2 = (S(x) for x in ("n", "L", "M", "z_i", "p", "B", "D", "D2"))
delta = S("delta")


def _n(key: str) -> Quantity:
    return Quantity("n", f"the length of {key}", value=lambda o: len(o[key]), facts=(Ge(n, 2),))


LN = Quantity("L", "ln n", expr=sp.log(n), facts=(Ge(L, 0),))


def _pred(h, implies=(), entails=()) -> Predicate:
    """A declared objects.Rel/Pred hypothesis as a named predicate with its formal implications."""
    return Predicate(h.text, h.text, h.holds, tuple(implies), tuple(entails), search=h)


# ------------------------------------------------------------------ C.1


def c1() -> Statement:
    P, T, Sent, lnZ = S("P"), S("T"), S("S"), S("lnZ")
    return Statement(
        {"z": Vectors((1, 12))},
        (Eq(B, -Sent + lnZ),),
        quantities=(Quantity("B", "Boltz(z) = sum_i z_i e^{z_i} / sum_j e^{z_j}", lambda o: boltz(o["z"])),
                    Quantity("S", "S(p) = -sum_i p_i ln p_i, p = softmax(z)", lambda o: fq.entropy(o["z"])),
                    Quantity("lnZ", "ln Z(z) = ln sum_i e^{z_i}", lambda o: fq.log_partition(o["z"])),
                    Quantity("P", "sum_i p_i", lambda o: sum((fq.softmax(o["z"], i) for i in range(len(o["z"]))),
                                                           Real(0)), facts=(Eq(P, 1),)),
                    Quantity("T", "sum_i p_i ln p_i = -S(p)", expr=-Sent)))


# ------------------------------------------------------------------ C.2, C.3 (and K&S Lemmas 4, 5)


def _deriv(gap: int, order: int) -> Statement:
    lnZ, Sent, q = S("lnZ"), S("S"), S("q")
    quantities = [
        _n("z"), LN,
        Quantity("M", "max_j z_j", lambda o: max(o["z"])),
        Quantity("z_i", "the entry z_i", lambda o: o["z"][o["i"]]),
        Quantity("p", "p_i = softmax(z)_i", lambda o: fq.softmax(o["z"], o["i"]), facts=(Gt(p, 0),)),
        Quantity("B", "Boltz(z)", lambda o: boltz(o["z"])),
        Quantity("D" if order == 1 else "D2", f"d^{order} Boltz/dz_i^{order} (sympy's derivative of Definition C.1)",
                 lambda o: fq.dboltz(o["z"], o["i"], order)),
    ]
    if order == 2:
        quantities += [Quantity("lnZ", "ln sum_j e^{z_j}", lambda o: fq.log_partition(o["z"])),
                       Quantity("S", "S(p) = -sum_j p_j ln p_j", lambda o: fq.entropy(o["z"])),
                       Quantity("q", "e^{z_i - max_j z_j}", expr=sp.exp(zi - M))]
    goal = D if order == 1 else D2
    return Statement({"z": Vectors((2, 64)), "i": Index("z")}, (Lt(goal, 0),),
                     hypotheses=(Gt(M - zi, L + gap),), quantities=tuple(quantities))


# ------------------------------------------------------------------ C.4


def c4() -> Statement:
    z1, Bz, Bzp = S("z_1"), S("Bz"), S("Bzp")
    sep, thr = C.C4_ASSUME
    return Statement(
        dict(C.C4_OBJECTS), (Gt(Bz, Bzp),),
        hypotheses=(_pred(sep, (Gt(z1 - zi, delta),)), Gt(delta, L + 1)),
        quantities=(_n("z"), LN,
                    Quantity("z_1", "z_1", lambda o: o["z"][0]),
                    Quantity("z_i", "z_2, the largest entry after z_1 (a generic i >= 2 in the proof)",
                             lambda o: o["z"][1]),
                    Quantity("Bz", "Boltz(z)", lambda o: boltz(o["z"])),
                    Quantity("Bzp", "Boltz(z'), z' = (z_1, z_1 - delta, ..., z_1 - delta)",
                             lambda o: boltz([o["z"][0]] + [o["z"][0] - o["delta"]] * (len(o["z"]) - 1)))))


def _zs(o):
    """The path point z(s) = z + s (z' - z) of C.4's proof."""
    z, d, t = o["z"], o["delta"], o["s"]
    return [z[0]] + [x + t * (z[0] - d - x) for x in z[1:]]


def c4_path() -> Statement:
    """C.4's statement with the path parameter s in [0, 1] and the atoms of its proof record (path.py), so
    the path axioms are searched: z(s), its maximum, softmax and derivatives there, g'(s)."""
    base = c4()
    return Statement(
        {**base.variables, "s": Rationals(0, 1)}, base.conclusion, base.hypotheses,
        base.quantities + (
            Quantity("zs_i", "z(s)_2 = z_2 + s (z_1 - delta - z_2)", lambda o: _zs(o)[1]),
            Quantity("M_s", "max_j z(s)_j", lambda o: max(_zs(o))),
            Quantity("ps_i", "softmax(z(s))_2", lambda o: fq.softmax(_zs(o), 1)),
            Quantity("D_s", "dBoltz/dz_2 at z(s) (sympy's derivative)", lambda o: fq.dboltz(_zs(o), 1)),
            Quantity("Dg", "g'(s) = sum_{i>=2} (z_1 - delta - z_i) dBoltz/dz_i(z(s))",
                     lambda o: sum(((o["z"][0] - o["delta"] - o["z"][i]) * fq.dboltz(_zs(o), i)
                                    for i in range(1, len(o["z"]))), Real(0)))),
        sample=lambda rng: dict(C._c4_sample(rng), s=Fraction(rng.randint(0, 16), 16)),
        adversarial=lambda: (dict(x, s=t) for x in C._c4_adv() for t in (Fraction(0), Fraction(1, 2), Fraction(1))))


# ------------------------------------------------------------------ C.5


def c5() -> Statement:
    z1, zn1, Bp, Z, W, wbar = S("z_1"), S("zp_n1"), S("Bp"), S("Z"), S("W"), S("wbar")
    m_gt_n, prefix, sep_z, sep_zp, thr = C.C5_ASSUME
    tail = lambda o: o["zp"][len(o["z"]):]  # noqa: E731
    return Statement(
        dict(C.C5_OBJECTS), (Gt(B, Bp),),
        hypotheses=(_pred(m_gt_n), _pred(prefix), _pred(sep_z), _pred(sep_zp, (Gt(z1 - zn1, delta),)),
                    Gt(delta, L + 1)),
        quantities=(_n("z"), LN,
                    Quantity("z_1", "z_1", lambda o: o["z"][0]),
                    Quantity("zp_n1", "z'_{n+1}", lambda o: o["zp"][len(o["z"])]),
                    Quantity("M", "max_j z_j", lambda o: max(o["z"])),
                    Quantity("B", "Boltz(z)", lambda o: boltz(o["z"])),
                    Quantity("Bp", "Boltz(z')", lambda o: boltz(o["zp"])),
                    Quantity("Z", "sum_{i <= n} e^{z_i}", lambda o: fq.exp_sum(o["z"]), facts=(Gt(Z, 0),)),
                    Quantity("W", "sum_{i > n} e^{z'_i}", lambda o: fq.exp_sum(tail(o)), facts=(Gt(W, 0),)),
                    Quantity("wbar", "the e^{z'}-weighted mean of z'_{n+1..m}", lambda o: boltz(tail(o)))))


# ------------------------------------------------------------------ C.6, C.8 and K&S Lemma 7 (as the paper uses it)


def _pair(extra_q=()) -> tuple:
    a1, b1, Ba, Bb = S("a_1"), S("b_1"), S("Ba"), S("Bb")
    return (_n("a"), LN,
            Quantity("a_1", "a_1", lambda o: o["a"][0]), Quantity("b_1", "b_1", lambda o: o["b"][0]),
            Quantity("Ba", "Boltz(a)", lambda o: boltz(o["a"])), Quantity("Bb", "Boltz(b)", lambda o: boltz(o["b"]))) \
        + tuple(extra_q), (a1, b1, Ba, Bb)


def c6() -> Statement:
    qs, (a1, b1, Ba, Bb) = _pair()
    sep_a, sep_b, cross, four = C.PAIR_SEPARATED
    return Statement(
        dict(C.PAIR_OBJECTS), (Gt(Ba - Bb, L ** 2 * sp.exp(-(a1 - b1))),),
        hypotheses=(_pred(sep_a), _pred(sep_b), _pred(cross, (sp.Implies(Gt(a1, b1), Gt(a1 - b1, delta)),)),
                    Ge(delta, 4 * L), Gt(a1, b1)),
        quantities=qs)


def _topk_quantities():
    m, ck, al, be = S("m"), S("c_k"), S("a_k1"), S("b_k1")
    return (Quantity("m", "n - k", lambda o: len(o["a"]) - o["k"], facts=(Ge(m, 1), Le(m, n - 1))),
            Quantity("c_k", "a_k (the last shared entry)", lambda o: o["a"][o["k"] - 1]),
            Quantity("a_k1", "a_{k+1}", lambda o: o["a"][o["k"]]),
            Quantity("b_k1", "b_{k+1}", lambda o: o["b"][o["k"]])), (m, ck, al, be)


def _tails(o):
    """(c, a's tail, b's tail, D = Boltz(c) - a_{k+1}) of Lemma C.8's split: c = the shared top k entries."""
    k = o["k"]
    return o["a"][:k], o["a"][k:], o["b"][k:]


def _ratio(num, den) -> Real:
    return fq.exp_sum(num) / fq.exp_sum(den)


def _last_u(o):
    """u_n = a_{k+1} - b_n, the largest u_j of b's tail (a generic index of the proof; U >= X holds for all)."""
    return o["a"][o["k"]] - o["b"][-1]


def _c8_proof_quantities():
    """The atoms of C.8's proof record (topk.py), defined from the objects so its axioms can be searched."""
    K, T = S("K"), S("T")
    return (Quantity("Bc", "Boltz(c), c = (a_1..a_k)", lambda o: fq.weighted_mean(_tails(o)[0])),
            Quantity("r_a", "sum_{j>k} e^{a_j} / sum_{j<=k} e^{a_j}", lambda o: _ratio(_tails(o)[1], _tails(o)[0])),
            Quantity("r_b", "sum_{j>k} e^{b_j} / sum_{j<=k} e^{a_j}", lambda o: _ratio(_tails(o)[2], _tails(o)[0])),
            Quantity("m_a", "the e^a-weighted mean of a's tail", lambda o: fq.weighted_mean(_tails(o)[1])),
            Quantity("m_b", "the e^b-weighted mean of b's tail", lambda o: fq.weighted_mean(_tails(o)[2])),
            Quantity("K", "e^{a_1} / sum_{j<=k} e^{a_j}", lambda o: Real(o["a"][0]).exp() / fq.exp_sum(_tails(o)[0])),
            Quantity("T", "sum_{j>k} e^{-u_j}(Boltz(c) - a_{k+1} + u_j), u_j = a_{k+1} - b_j",
                     lambda o: sum(((Real(-(o["a"][o["k"]] - x)).exp()
                                     * (fq.weighted_mean(_tails(o)[0]) - o["a"][o["k"]] + (o["a"][o["k"]] - x)))
                                    for x in _tails(o)[2]), Real(0))),
            Quantity("U", "u_n = a_{k+1} - b_n (the proof's generic index, taken at the last entry)", _last_u)), (K, T)


def c8() -> Statement:
    tq, (m, ck, al, be) = _topk_quantities()
    qs, (a1, b1, Ba, Bb) = _pair(tq + _c8_proof_quantities()[0])
    sep_a, sep_b, cross, four, shared, order = C.C8_ASSUME
    return Statement(
        dict(C.C8_OBJECTS), (Gt(sp.Abs(Ba - Bb), L ** 2 * sp.exp(-(a1 - be))),),
        hypotheses=(_pred(sep_a, (Gt(ck - al, delta),)), _pred(sep_b),
                    _pred(cross, (sp.Implies(Gt(al, be), Gt(al - be, delta)),)),
                    Ge(delta, 4 * L), _pred(shared, (Ge(a1, ck),)), Gt(al, be)),
        quantities=qs)


def ks24_lemma7() -> Statement:
    """What the record proves: C.6 (k = 0) or C.8 (k >= 1) under delta >= 4 ln n (not K&S's own threshold)."""
    m, ck, al, be = (S(x) for x in ("m", "c_k", "a_k1", "b_k1"))
    qs, (a1, b1, Ba, Bb) = _pair()
    tq = (Quantity("m", "n - k", lambda o: len(o["a"]) - o["k"], facts=(Ge(m, 1), Le(m, n))),
          Quantity("c_k", "a_k (a_1 when k = 0)", lambda o: o["a"][max(o["k"] - 1, 0)]),
          Quantity("a_k1", "a_{k+1}", lambda o: o["a"][o["k"]]), Quantity("b_k1", "b_{k+1}", lambda o: o["b"][o["k"]]))
    sep_a, sep_b, cross, four, shared, order = C.C8_ASSUME
    objects = dict(C.PAIR_OBJECTS, k=Integers(0, lambda o: len(o["a"]) - 1))
    which = sp.Or(sp.And(sp.Eq(m, n), Gt(a1, be), Gt(a1 - be, delta)),
                  sp.And(Gt(al, be), Gt(al - be, delta), Gt(ck - al, delta), Ge(a1, ck), Ge(m, 1), Le(m, n - 1)))
    return Statement(
        objects, (Gt(sp.Abs(Ba - Bb), L ** 2 * sp.exp(-(a1 - be))),),
        hypotheses=(_pred(sep_a), _pred(sep_b), _pred(cross), Ge(delta, 4 * L), _pred(shared), Gt(al, be),
                    Predicate("which", "k = 0 and a_1 - b_1 > delta, or k >= 1 with a_{k+1} - b_{k+1} > delta and "
                              "a_k - a_{k+1} > delta", lambda o: _which(o, which), (which,))),
        quantities=qs + tq, sample=_ks24_sample)


def _which(o, which) -> bool | None:
    """The disjunction itself at the objects (certified), so the predicate is a real test."""
    from boundcalc.statements import decide

    st = FORMAL_KS24[0]
    return decide(which, st.env(o)) if st is not None else None


FORMAL_KS24: list = [None]


def _ks24_sample(rng):
    """C.6's sampler at k = 0 or C.8's at k >= 1 (extra candidates; the formal hypotheses admit them)."""
    return dict(C._c6_sample(rng), k=0) if rng.random() < 0.5 else C._c8_sample(rng)


# ------------------------------------------------------------------ the quantized grids of E.2 (= 2.4), F.2, B.1


GRID_WHERE = {"lemma-2.4": ("E4", "E.2's grid (E.4)"), "lemma-F.2": ("F2", "F.2's grid"),
              "theorem-B.1": ("E4", "B.1's grid")}
"""The grid whose separation each proof claims: E.4/B.1 put column j on {j, j + delta, ..., j + 1 - delta},
F.2 on {j + delta, ..., j + 1} (``appendix_e.GRID_KINDS``)."""


def grid(kind: str) -> Statement:
    """The proof's claim that the quantized M is token-wise $(\\sqrt{d}, \\sqrt{d}(L' - \\delta),
    \\sqrt{d}\\delta)$-separated, $L' = L_p + L$ (B.1: $L_p = 0$): for any $k, l$ (proofs of B.1, E.2, F.2)
    $\\|M_{:,k}\\| > \\sqrt{d}$, $\\|M_{:,k}\\| < \\sqrt{d}(L_p + L - \\delta)$,
    $\\|M_{:,k} - M_{:,l}\\| > \\sqrt{d}\\delta$ (distinct tokens). Both sides of each are >= 0, so they are
    stated squared (exact rationals; the equality case of the second is then decided exactly). The extremes
    are computed by enumerating every token and every pair of the grid (``grid_separation_bruteforce``)."""
    from .appendix_e import GRID_OBJECTS, grid_separation_bruteforce

    d, N, cols, lo2, hi2, sep2 = (S(x) for x in ("d", "N", "n_cols", "nmin2", "nmax2", "sep2"))
    where = "column j on {j, j+delta, ..., j+1-delta}" if kind == "E4" else "column j on {j+delta, ..., j+1}"

    def stat(key):
        return lambda o: grid_separation_bruteforce(o["d"], o["n_cols"], o["N"], kind)[key]

    return Statement(
        dict(GRID_OBJECTS), (Gt(lo2, d), Lt(hi2, d * (cols - delta) ** 2), Gt(sep2, d * delta ** 2)),
        hypotheses=(Ge(cols, 2), Ge(N, 2)),
        quantities=(Quantity("delta", "1/N, the grid side", expr=1 / N, facts=(Gt(delta, 0),)),
                    Quantity("nmin2", f"min_k ||M_{{:,k}}||^2 over every token the proof's quantized M can hold "
                                      f"(the grid {where}, coordinates d, columns L' = n_cols; the result's own "
                                      "claim, an existence over networks, is not evaluated)", stat("min_norm2")),
                    Quantity("nmax2", "max_k ||M_{:,k}||^2 over every token of the grid", stat("max_norm2")),
                    Quantity("sep2", "min ||x - y||^2 over distinct tokens x, y of the grid", stat("min_dist2"))),
        latex={"n_cols": "L'", "delta": r"\delta"})


def grid_searches(result, statement: Statement) -> tuple:
    """The node's hand-written grid searches rebuilt from the grid statement (conclusion k from the k-th,
    same name, target, trials and defect; their samplers stay extra candidate sources), and each compared
    with the statement at points."""
    from boundcalc.auditing import copies

    where = GRID_WHERE[result.id][1] + ":"
    pick = lambda spec: getattr(spec, "name", "").startswith(where)  # noqa: E731
    hand = [spec for spec in result.checks if pick(spec)]
    # each hand-written search is still read: compared with its conclusion at points (boundcalc.auditing.copies)
    return _rederive(result, statement, pick) + tuple(copies.check(statement, spec, index=k)
                                                      for k, spec in enumerate(hand))


# ------------------------------------------------------------------ corrections


def _c7_quantities(proof_atoms: bool = True) -> tuple:
    """The quantities of Lemma C.7: a_n, b_n, max_{i<n} a_i, Boltz, softmax_n (and, for the corrected
    statement's proof record, its atoms Bb, pa, d, D2a)."""
    pn = S("p_n")
    base = (_n("a"), LN,
            Quantity("a_n", "a_n", lambda o: o["a"][-1]), Quantity("b_n", "b_n", lambda o: o["b"][-1]),
            Quantity("M", "max_{i<n} a_i", lambda o: max(o["a"][:-1])),
            Quantity("fa", "Boltz(a)", lambda o: boltz(o["a"])), Quantity("fb", "Boltz(b)", lambda o: boltz(o["b"])),
            Quantity("p_n", "softmax(b)_n", lambda o: fq.softmax(o["b"], len(o["b"]) - 1), facts=(Gt(pn, 0),)))
    if not proof_atoms:
        return base
    return base + (
            Quantity("Bb", "Boltz(b)", lambda o: boltz(o["b"])),
            Quantity("pa", "softmax(a)_n", lambda o: fq.softmax(o["a"], len(o["a"]) - 1)),
            Quantity("d", "dBoltz/dz_n at b (sympy's derivative)", lambda o: fq.dboltz(o["b"], len(o["b"]) - 1)),
            Quantity("D2a", "d^2 Boltz/dz_n^2 at a (sympy's derivative)",
                     lambda o: fq.dboltz(o["a"], len(o["a"]) - 1, 2)))


def _c7_hypotheses() -> tuple:
    """Lemma C.7's hypotheses as printed (p. 26): $a_i = b_i \\forall i \\in [n - 1]$, $a_n > b_n$,
    $\\max_{i \\in [n-1]} a_i - a_n > \\ln n + 3$ (and $n \\geq 2$: the domain of a)."""
    an, bn = S("a_n"), S("b_n")
    return (_pred(C.C7_ASSUME[0]), Gt(an, bn), Gt(M - an, L + 3))


def c7_corrected() -> Statement:
    an, bn, fb, fa, pn = (S(x) for x in ("a_n", "b_n", "fb", "fa", "p_n"))
    return Statement(sample=C._c7_sample, adversarial=C._c7_adv, variables=dict(C.C7_OBJECTS),
                     conclusion=(Gt(fb - fa, (an - bn) * (M - bn - L - 1) * pn),),
                     hypotheses=_c7_hypotheses(), quantities=_c7_quantities())


def _c7_printed_sample(rng):
    """C.7's hand-written sampler (extra candidates) with the conclusion's delta drawn as well."""
    return dict(C._c7_sample(rng), delta=Fraction(rng.randint(-40, 160), 4))


def _c7_printed_adv():
    """C.7's adversarial vectors, each at delta = max_{i<n} a_i - a_n (where the bound holds) and 10 above."""
    for o in C._c7_adv():
        top = max(o["a"][:-1]) - o["a"][-1]
        yield dict(o, delta=top)
        yield dict(o, delta=top + 10)


def c7_printed() -> Statement:
    """Lemma C.7 as printed (p. 26-27): the conclusion's $\\delta$ is bound by no hypothesis, so it is read as
    every real delta (a free symbol of a statement is universally quantified). Claim as printed:
    $\\text{Boltz}(b) - \\text{Boltz}(a) > (a_n - b_n) (\\delta + a_n - b_n - \\ln n - 1) \\cdot
    \\frac{e^{b_n}}{\\sum_{i=1}^n e^{b_i}}$. The same restatement is cited as Kajitsuka & Sato's Lemma 6."""
    an, bn, fb, fa, pn = (S(x) for x in ("a_n", "b_n", "fb", "fa", "p_n"))
    return Statement(dict(C.C7_OBJECTS, delta=Rationals()),
                     (Gt(fb - fa, (an - bn) * (delta + an - bn - L - 1) * pn),),
                     hypotheses=_c7_hypotheses(), quantities=_c7_quantities(False),
                     sample=_c7_printed_sample, adversarial=_c7_printed_adv)


def e1_corrected(coefficient=1) -> Statement:
    """Lemma E.1 with f's values rounded to the grid {0, delta, ..., 1 - delta}: d_alpha(f_bar, f) <=
    (C + coefficient) delta (dL)^{1/alpha}. The search draws constant f = c (C-Lipschitz for every C >= 0)."""
    t, r, l, g, w, Cc, k = (S(x) for x in ("t", "r", "l", "g", "w", "C", "k"))
    dL = lambda o: o["d"] * o["L"]  # noqa: E731

    def w_of(o):
        return Real(dL(o)) ** Real(1 / Fraction(o["alpha"]))

    def t_of(o):  # constant f: the integrand is the same everywhere, the cube has volume 1
        return Real(fq.rounding_error(o["c"], o["k"])) * w_of(o)

    return Statement(
        {"d": Integers(1, 2), "L": Integers(1, 2), "alpha": Rationals(1, 4), "C": Rationals(0, 4),
         "k": Integers(1, 8), "c": Rationals(0, 1)},
        (Le(t, (Cc + coefficient) * delta * w),),
        hypotheses=(Ge(Cc, 0),),
        quantities=(Quantity("delta", "1/k, the grid side (1/delta = k whole)", expr=1 / k, facts=(Gt(delta, 0),)),
                    Quantity("w", "(dL)^{1/alpha}", w_of, facts=(Gt(w, 0),)),
                    Quantity("t", "d_alpha(f_bar, f), f_bar = f at the cell's grid point rounded to the nearest grid "
                                  "value (f = c constant in the search)", t_of),
                    Quantity("r", "sup_Z ||round(f(G)) - f(G)||_alpha (rounding error)", t_of),
                    Quantity("l", "sup_Z ||f(G) - f(Z)||_alpha (0 for constant f)", lambda o: 0),
                    Quantity("g", "sup_Z ||G(Z) - Z||_alpha over a cell = delta (dL)^{1/alpha}",
                             lambda o: Real(Fraction(1, o["k"])) * w_of(o))))


def _ordered_pair(o):
    """z^(i), z^(j) sorted decreasingly, named a, b so that a is larger at the first index k where they differ."""
    u, v = sorted(o["z"][o["i"]], reverse=True), sorted(o["z"][o["j"]], reverse=True)
    k = next((t for t in range(len(u)) if u[t] != v[t]), None)
    if k is None:
        raise ArithmeticError("the two vectors are equal as multisets")
    return (u, v, k) if u[k] > v[k] else (v, u, k)


def c9_corrected() -> Statement:
    """Lemma C.9 for pairs z^(i), z^(j) that differ as multisets."""
    zmax, zmin, Bz, g, m, ck, al, be = (S(x) for x in ("z_max", "z_min", "B_z", "gamma", "m", "c_k", "a_k1", "b_k1"))
    a1, b1, Ba, Bb = S("a_1"), S("b_1"), S("Ba"), S("Bb")
    bounded, cross, nodup, four, _ = C.C9_ASSUME
    first = sp.Or(sp.And(Gt(a1, b1), Gt(a1 - b1, delta)),
                  sp.And(sp.Eq(a1, b1), Gt(al, be), Gt(al - be, delta), Gt(ck - al, delta), Ge(a1, ck), Ge(m, 1),
                         Le(m, n - 1)))
    pair = lambda o, t: _ordered_pair(o)[t]  # noqa: E731
    return Statement(
        dict(C.C9_OBJECTS), (sp.And(Le(sp.Abs(Bz), g), Gt(sp.Abs(Ba - Bb), L ** 2 * sp.exp(-2 * g))),),
        hypotheses=(_pred(bounded, (Lt(zmax, g), Gt(zmin, -g), Lt(a1, g), Gt(b1, -g), Gt(be, -g))),
                    _pred(cross, entails=tuple(h.text for h in C.PAIR_SEPARATED[:3])),
                    _pred(nodup), Ge(delta, 4 * L), _pred(C.C9_DISTINCT, (first,), entails=(C.C8_ASSUME[4].text,))),
        quantities=(Quantity("L", "ln n", expr=sp.log(n), facts=(Ge(L, 0),)),
                    Quantity("z_max", "max_s z^(i)_s", lambda o: max(o["z"][o["i"]])),
                    Quantity("z_min", "min_s z^(i)_s", lambda o: min(o["z"][o["i"]])),
                    Quantity("B_z", "Boltz(z^(i))", lambda o: boltz(o["z"][o["i"]])),
                    Quantity("a_1", "a_1 (a, b: the pair sorted, a larger at the first difference)",
                             lambda o: pair(o, 0)[0]),
                    Quantity("b_1", "b_1", lambda o: pair(o, 1)[0]),
                    Quantity("m", "n - k, k the first index where a and b differ", lambda o: len(pair(o, 0)) - pair(o, 2),
                             facts=(Ge(m, 1),)),
                    Quantity("c_k", "a_k (a_1 when k = 0)", lambda o: pair(o, 0)[max(pair(o, 2) - 1, 0)]),
                    Quantity("a_k1", "a_{k+1}", lambda o: pair(o, 0)[pair(o, 2)]),
                    Quantity("b_k1", "b_{k+1}", lambda o: pair(o, 1)[pair(o, 2)]),
                    Quantity("Ba", "Boltz(a)", lambda o: boltz(pair(o, 0))),
                    Quantity("Bb", "Boltz(b)", lambda o: boltz(pair(o, 1)))),
        sample=lambda rng: C._c9_sample(rng, distinct=True), adversarial=C._c9_adv_distinct)


def d1() -> Statement:
    """Lemma D.1 in the record's atoms: t = N^{-2} sqrt(8/(pi d)), q the failure probability of one pair."""
    N, d, t, q, c, Pg = (S(x) for x in ("N", "d", "t", "q", "c_d", "P_good"))
    return Statement(
        {"N": Integers(1, 8), "d": Integers(1, 4)}, (Gt(Pg, 0),),
        quantities=(Quantity("t", "N^{-2} sqrt(8/(pi d))", expr=sp.sqrt(8 / (sp.pi * d)) / N ** 2,
                             facts=(sp.Implies(sp.And(Ge(N, 1), Ge(d, 1)), sp.And(Gt(t, 0),
                                                                                   Eq(sp.pi * N ** 4 * d * t ** 2, 8))),)),
                    Quantity("q", "Pr(|u_1| < t) for u uniform on S^{d-1} (closed forms for d <= 4)", fq.cap_probability,
                             facts=(Ge(q, 0),)),
                    Quantity("c_d", "Gamma(d/2)/(sqrt(pi) Gamma((d-1)/2)), the density of u_1 at 0 (d >= 2)",
                             fq.sphere_density),
                    Quantity("P_good", "the probability that a uniform unit u meets every lower bound (computed for "
                                       "d = 1 only: it depends on X otherwise)", fq.good_probability),
                    Quantity("P_bad", "1 - P_good (d = 1 only)", lambda o: 1 - fq.good_probability(o))))


def d2_rank1() -> Statement:
    """Lemma D.2 at rank one in the record's atoms (the construction's G, A, C have no evaluator here)."""
    names = ("s", "A", "C", "K", "c", "d", "epsilon", "gamma_min", "delta", "G", "N_ab", "N_c")
    s_, A, Cc, K, c, d, eps, g, dl, G, Nab, Nc = (S(x) for x in names)
    V = S("V")
    return Statement(
        {"V": Integers(1, 4), "d": Integers(1, 4), "epsilon": Rationals(0, 4, lo_open=True),
         "gamma_min": Rationals(0, 4, lo_open=True), "delta": Rationals(0, 4, lo_open=True),
         "N_ab": Rationals(0, 8), "N_c": Rationals(0, 8)},
        (Gt(G, dl),),
        hypotheses=(Gt(Nab, eps), Ge(Nc, g)),
        quantities=(Quantity("K", "(|V| + 1)^2", expr=(V + 1) ** 2, facts=(Gt(K, 0),)),
                    Quantity("c", "sqrt(8/(pi d))", expr=sp.sqrt(8 / (sp.pi * d)), facts=(Gt(c, 0),)),
                    Quantity("s", "|p^T p'| = 5 (|V|+1)^4 d delta/(eps gamma_min)",
                             expr=5 * (V + 1) ** 4 * d * dl / (eps * g),
                             facts=(Gt(s_, 0), Eq(s_ * eps * g, 5 * K ** 2 * d * dl))),
                    Quantity("A", "|q^T (v_a - v_b)|, q from Lemma D.1 (evaluated for d = 1, where q = 1 serves)",
                             lambda o: _d1_only(o, o["N_ab"])),
                    Quantity("C", "|q'^T v_c| (evaluated for d = 1, q' = 1)", lambda o: _d1_only(o, o["N_c"])),
                    Quantity("G", "the logit gap |p^T p'| |q^T (v_a - v_b)| |q'^T v_c| of the rank-one W_K, W_Q "
                                  "(evaluated for d = 1)",
                             lambda o: _d1_only(o, 5 * (o["V"] + 1) ** 4 * o["d"] * o["delta"] / (o["epsilon"] * o["gamma_min"])
                                                * o["N_ab"] * o["N_c"]))))


def _d1_only(o, value):
    if o["d"] != 1:
        raise ArithmeticError("the construction's projections are evaluated for d = 1 only")
    return value


# ------------------------------------------------------------------ registry


def _build() -> tuple[dict, dict]:
    c2, c3 = _deriv(1, 1), _deriv(3, 2)
    D1 = d1()
    C7 = c7_printed()
    formal = {"lemma-C.1": c1(), "lemma-C.2": c2, "lemma-C.3": c3, "lemma-C.4": c4(), "lemma-C.5": c5(),
              "lemma-C.6": c6(), "lemma-C.8": c8(), "ext-ks24-lemma-4": c2, "ext-ks24-lemma-5": c3,
              "ext-ks24-lemma-7": ks24_lemma7(), "lemma-D.1": D1, "ext-park21-lemma-13": D1,
              "lemma-C.7": C7, "ext-ks24-lemma-6": C7}
    FORMAL_KS24[0] = formal["ext-ks24-lemma-7"]
    formal.update({rid: grid(kind) for rid, (kind, _) in GRID_WHERE.items()})
    corrections = {"lemma-C.7-corrected": c7_corrected(), "lemma-E.1-rounded": e1_corrected(),
                   "lemma-C.9-corrected": c9_corrected(), "lemma-D.2-rank1": d2_rank1()}
    return formal, corrections


FORMAL, CORRECTIONS = _build()

DERIVED = {"lemma-C.1": "identity-at-vectors", "lemma-C.2": "derivative-negative",
           "lemma-C.3": "second-derivative-negative", "lemma-C.4": "lower-bound", "lemma-C.5": "comparison",
           "lemma-C.6": "separation", "lemma-C.8": "separation"}
"""The statement-level search of each node that the formal statement now derives (same name kept)."""


SEARCHED = {"lemma-C.7": ("statement as printed", ("c7-unbound-delta",)),
            "ext-ks24-lemma-6": ("statement as restated in Lemma C.7", ("c7-unbound-delta",)),
            "ext-ks24-lemma-1": ("statement as restated in Lemma C.9", (None, "c9-multisets"))}
"""Nodes with no hand-written statement-level search: the searches derived from the formal statement are
added (name, and per conclusion the defect its refutation shows: None where no defect records it false)."""

SHARED = {"ext-ks24-lemma-1": "lemma-C.9"}
"""Nodes whose formal statement is another node's, read off that node's searches (``FROM_SEARCHES``)."""


def searched(result, statement: Statement) -> tuple:
    """The node's checks with the derived search of each conclusion of its formal statement added."""
    name, defects = SEARCHED[result.id]
    many = len(statement.conclusion) > 1
    return tuple(result.checks) + tuple(
        statement.counterexample(name + (f" [{i + 1}]" if many else ""), index=i, defect=defects[i])
        for i in range(len(statement.conclusion)))


def derive_search(result, statement: Statement):
    """The node's checks with its statement-level search rebuilt from the formal statement, and the
    hand-written search it replaces compared with the statement at points (boundcalc.auditing.copies: its
    claim and hypotheses are read, not only its candidate sources)."""
    from boundcalc.auditing import copies

    name = DERIVED.get(result.id)
    checks, compared = [], []
    for spec in result.checks:
        if getattr(spec, "name", None) == name and getattr(spec, "target", None) == "statement" and \
                len(statement.conclusion) == 1:
            spec, copy = copies.derive(statement, spec)
            compared.append(copy)
        checks.append(spec)
    return tuple(checks + compared)      # after the node's own checks (their order is kept)


def _with_sources(result, statement: Statement) -> Statement:
    """The statement with the node's hand-written candidate sources (extra candidates, formally admitted)."""
    from dataclasses import replace

    name = DERIVED.get(result.id)
    spec = next((c for c in result.checks if getattr(c, "name", None) == name), None)
    if spec is None or statement.sample is not None:
        return statement
    return replace(statement, sample=spec.sample, adversarial=spec.adversarial)


_APPROX = ("a universal-approximation claim (for every f of a function class some network or prompt approximates "
           "it): the engine evaluates no quantifier over function classes or network constructions")
_APPROX_HERE = _APPROX + "; its constants and its proof's facts are checked separately"
_RUNTIME = "a running-time claim (an almost-linear algorithm): the engine evaluates no running times"
_SETH = "a running-time lower bound conditional on SETH: the engine evaluates no running times"
_MEMORIZE = ("an impossibility claim over every single-layer transformer and every prompt (no prompt memorizes the "
             "dataset): the engine evaluates no quantifier over transformers and prompts")
NO_FORMAL = {
    "lemma-2.3": _APPROX_HERE + " (E.1's quantization bound has a formal statement only as corrected: "
                                "lemma-E.1-rounded)",
    "theorem-2.3": _APPROX_HERE, "theorem-2.4": _APPROX_HERE, "ext-wang23-theorem-1": _APPROX,
    "ext-yun20-universality": _APPROX,
    "theorem-2.5": ("an existence claim (a transformer and a prompt memorizing every dataset from a C-Lipschitz map): "
                    "the engine evaluates no quantifier over datasets and network constructions"),
    "lemma-2.5": ("an asymptotic claim (O(.) FFN layers): the engine evaluates no O-notation; the expression behind "
                  "it is compared as constants"),
    "ext-aa22-degree": ("an asymptotic claim (Theta(.) for the least degree over all polynomials): the engine "
                        "evaluates no Theta-notation nor a minimum over all polynomials"),
    "ext-ks24-theorem-2": ("a contextual-mapping claim (for all separated sequences some rank-1 attention layer "
                           "separates their contexts): the engine evaluates no existence of weight matrices; its "
                           "constants Gamma, Delta are checked as constants"),
    "lemma-H.1": _RUNTIME, "theorem-3.2": _RUNTIME, "ext-as23-theorem-1.4": _RUNTIME,
    "lemma-H.2": _SETH, "theorem-3.1": _SETH, "ext-as23-theorem-1.3": _SETH,
    "corollary-I.0.1": _MEMORIZE, "ext-wang23-theorem-2": _MEMORIZE,
}
"""Why a claiming result has no formal statement (kinds that claim nothing get their reason from the kind:
``boundcalc.records.CLAIMLESS_KINDS``)."""

FROM_SEARCHES = ("lemma-C.9", "lemma-D.2", "lemma-2.2")
"""Nodes whose formal statement is read off their declared statement-level searches (objects, hypotheses as
named predicates, the claim's sides as quantities); their searches are then derived from it."""


def _declared_statement_search(spec) -> bool:
    from boundcalc.checks import Counterexample

    return isinstance(spec, Counterexample) and spec.target == "statement" and spec.declared


def _rederive(result, statement: Statement, pick=_declared_statement_search) -> tuple:
    """The node's searches that ``pick`` selects rebuilt from the statement (conclusion k from the k-th, with
    its name, target, trials, screen and defect; its candidate sources stay extra sources)."""
    checks, k = [], 0
    for spec in result.checks:
        if pick(spec):
            spec = statement.counterexample(spec.name, index=k, target=spec.target, sample=spec.sample,
                                            adversarial=spec.adversarial, screen=spec.screen, trials=spec.trials,
                                            defect=spec.defect, explanation=spec.explanation)
            k += 1
        checks.append(spec)
    if k != len(statement.conclusion):
        raise ValueError(f"{result.id}: {k} searches rebuilt for {len(statement.conclusion)} conclusions")
    return tuple(checks)


def attach(reg) -> None:
    """Put each formal statement on its node (``Result.formal``) and the corrections' on ``reg.statements``."""
    from boundcalc.checks import Custom
    from boundcalc.statements import compare_quotes, from_searches

    for rid, st in FORMAL.items():
        r = reg.results[rid]
        r.formal = _with_sources(r, st)
        if rid in SEARCHED:
            r.checks = searched(r, r.formal)
        elif rid in GRID_WHERE:
            r.checks = grid_searches(r, r.formal)
        else:
            r.checks = derive_search(r, r.formal)
    for rid in FROM_SEARCHES:
        r = reg.results[rid]
        r.formal = from_searches([c for c in r.checks if _declared_statement_search(c)])
        r.checks = _rederive(r, r.formal)
    for rid, src in SHARED.items():
        r = reg.results[rid]
        r.formal = reg.results[src].formal
        r.checks = searched(r, r.formal)
    for rid in list(FORMAL) + list(FROM_SEARCHES):
        r = reg.results[rid]
        if r.quotes:   # the printed hypotheses and claims against the formal statement
            r.checks = r.checks + (Custom("formal-vs-quotes", lambda seed, st=r.formal, qs=r.quotes:
                                          compare_quotes(st, qs, seed)),)
    for rid, why in NO_FORMAL.items():
        if reg.results[rid].formal is not None:
            raise ValueError(f"{rid} has a formal statement and a reason for having none")
        reg.results[rid].no_formal = why
    reg.statements = dict(CORRECTIONS)


__all__ = ["FORMAL", "CORRECTIONS", "NO_FORMAL", "attach", "e1_corrected"]
