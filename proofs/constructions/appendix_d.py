"""Appendix D: any-rank attention as a contextual mapping (Lemma 2.2 / D.1 / D.2 / D.3).

Each weight block is built by a function named after the proof step, followed by a check of
what that step promises.  Modes: "paper" uses the literal scales (D.5, D.8); "tight" uses the
smallest scale the vocabulary actually needs (a logit gap of max(4 ln n, 2 ln n + 3)).
"""
from __future__ import annotations

import itertools
import random
from dataclasses import dataclass

from flint import arb, fmpq

from boundcalc.transformer import Attention

from boundcalc.auditing.sources import constant_arb, constant_fraction


def _declared(rid: str):
    """The declaration a construction reads its constants from (one source of truth)."""
    import proofs

    return proofs.registry().get(rid)


Vec = list[fmpq]


def dot(a, b):
    return sum((x * y for x, y in zip(a, b)), fmpq(0))


def sub(a, b):
    return [x - y for x, y in zip(a, b)]


def norm2(a) -> fmpq:
    return dot(a, a)


def ceil_q(x: arb, den: int = 1 << 20) -> fmpq:
    """A rational >= x (certified), on a 1/den grid."""
    return fmpq(int((x * den).upper().ceil().unique_fmpz()), den)


def floor_q(x: arb, den: int = 1 << 20) -> fmpq:
    return fmpq(int((x * den).lower().floor().unique_fmpz()), den)


# ---- Lemma D.1: a projection that keeps a finite set apart ----------------------------------
def lemma_D1_projection(points: list[Vec], seed: int = 0, tries: int = 400) -> Vec:
    """Search random rational directions (||u|| <= 1 exactly) maximising the worst pair ratio.

    Found numerically; ``check_D1`` then certifies the inequality exactly/with arb.
    """
    d = len(points[0])
    rng = random.Random(seed)
    pairs = [(a, b) for a, b in itertools.combinations(points, 2) if a != b]
    best, best_r = None, -1.0
    cands = [[1.0] + [0.0] * (d - 1)] if d == 1 else []
    for _ in range(tries if d > 1 else 0):
        cands.append([rng.gauss(0, 1) for _ in range(d)])
    for c in cands:
        nrm = sum(x * x for x in c) ** 0.5
        u = [fmpq(round(x / nrm * 4096), 4096) for x in c]
        while norm2(u) > 1:                      # keep ||u|| <= 1 exactly, entries dyadic
            k = max(range(d), key=lambda i: abs(u[i]))
            u[k] -= fmpq(1, 4096) if u[k] > 0 else fmpq(-1, 4096)
        r = min((abs(float(dot(u, sub(a, b)))) / float(norm2(sub(a, b))) ** 0.5 for a, b in pairs), default=1.0)
        if r > best_r:
            best, best_r = u, r
    return best


def d1_constant(n_points: int, d: int) -> arb:
    """Lemma D.1's constant sqrt(8/(pi d)) / |X|^2, read from its declaration (c_park)."""
    return constant_arb(_declared("lemma-D.1"), "c_park", V=n_points, d=d)


def check_D1(u: Vec, points: list[Vec]) -> dict:
    """Certify (1/|X|^2) sqrt(8/(pi d)) ||x-x'|| <= |u^T(x-x')| <= ||x-x'|| for all pairs."""
    d = len(u)
    c = d1_constant(len(points), d)
    upper_ok = norm2(u) <= 1
    worst, worst_pair, ok = None, None, True
    for a, b in itertools.combinations(points, 2):
        diff = sub(a, b)
        if norm2(diff) == 0:
            continue
        ratio = abs(arb(dot(u, diff))) / arb(norm2(diff)).sqrt()
        if worst is None or ratio.mid() < worst.mid():
            worst, worst_pair = ratio, (a, b)
        if not bool(ratio >= c):
            ok = False if bool(ratio < c) else (None if ok is not False else False)
    return {"holds": (ok if upper_ok else False), "constant": c, "worst_ratio": worst,
            "worst_pair": worst_pair, "norm_u_le_1": upper_ok}


# ---- separation of a token set (Definition 2.5) ---------------------------------------------
@dataclass
class Separation:
    gamma_min: arb     # min token norm
    gamma_max: arb     # max token norm
    eps: arb           # min distance between distinct tokens


def measured_separation(vocab: list[Vec]) -> Separation:
    norms = [arb(norm2(v)).sqrt() for v in vocab]
    dists = [arb(norm2(sub(a, b))).sqrt() for a, b in itertools.combinations(vocab, 2) if a != b]
    return Separation(min(norms, key=lambda x: x.mid()), max(norms, key=lambda x: x.mid()),
                      min(dists, key=lambda x: x.mid()) if dists else arb(1))


# ---- Lemma D.2 / D.5: key and query weights of rank rho --------------------------------------
def logit_gap_needed(n: int) -> arb:
    """Lemma C.9 as used in D.3 wants gaps >= 4 ln n; Kajitsuka's Lemma 1 wants > 2 ln n + 3."""
    ln = arb(n).log()
    return max(4 * ln, 2 * ln + 3, key=lambda x: x.mid())


def scale_D5(n_vocab: int, d: int, sep: Separation, n: int) -> arb:
    """(D.5): |p1^T p1'| = (|V|+1)^4 d delta/(eps gamma_min) with delta = 4 ln n, read from Lemma 2.2's
    declaration (pp_scale) at the measured separation."""
    return constant_arb(_declared("lemma-2.2"), "pp_scale", V=n_vocab, d=d, n=n, eps=sep.eps, gamma_min=sep.gamma_min)


def min_rank1_gap(u: Vec, vocab: list[Vec]) -> fmpq:
    """min over v_a != v_b, v_c of |(u^T(v_a - v_b)) (u^T v_c)| (exact)."""
    pu = sorted({dot(u, v) for v in vocab})
    dp = min((b - a for a, b in zip(pu, pu[1:])), default=fmpq(0))
    if len(pu) < len(set(map(tuple, vocab))):
        return fmpq(0)   # u merges two tokens
    return dp * min(abs(x) for x in pu)


def weights_D2(u: Vec, rho: int, scale: fmpq, extra: list[Vec], mu: fmpq):
    """W_K = scale e1 u^T + mu sum_i e_i q_i^T,  W_Q = e1 u^T + mu sum_i e_i q_i^T (s = rho)."""
    WK = [[scale * x for x in u]] + [[mu * x for x in qv] for qv in extra[: rho - 1]]
    WQ = [list(u)] + [[mu * x for x in qv] for qv in extra[: rho - 1]]
    return WK, WQ


def check_D2(WK, WQ, vocab: list[Vec], delta) -> dict:
    """Certify |(W_K v_a)^T(W_Q v_c) - (W_K v_b)^T(W_Q v_c)| > delta over the vocabulary (exact)."""
    worst, where = None, None
    for va, vb in itertools.permutations(vocab, 2):
        for vc in vocab:
            qc = [dot(r, vc) for r in WQ]
            diff = abs(dot([dot(r, sub(va, vb)) for r in WK], qc))
            if worst is None or diff < worst:
                worst, where = diff, (va, vb, vc)
    holds = None if worst is None else bool(arb(worst) > delta) if not bool(arb(worst) <= delta) else False
    return {"holds": holds, "min_difference": worst, "where": where}


def extra_directions(d: int, rho: int, seed: int) -> list[Vec]:
    rng = random.Random(seed + 17)
    return [[fmpq(rng.randint(-8, 8), 8) for _ in range(d)] for _ in range(rho - 1)]


def attention_D3(vocab: list[Vec], n: int, rho: int = 1, mode: str = "tight", seed: int = 0,
                 claimed: Separation | None = None) -> tuple[Attention, dict]:
    """The attention layer of Lemma D.3 for a vocabulary and sequence length n.

    paper: scale from (D.5) with the claimed (gamma_min, gamma_max, eps) when given, W_O from (D.8).
    tight: the smallest scale that makes every logit gap >= max(4 ln n, 2 ln n + 3).
    """
    d = len(vocab[0])
    if not 1 <= rho <= d:
        raise ValueError(f"rank rho must be in [1, d={d}]")
    sep = measured_separation(vocab)
    use = claimed or sep
    u = lemma_D1_projection(vocab + [[fmpq(0)] * d], seed)
    d1 = check_D1(u, vocab + [[fmpq(0)] * d])
    gap = logit_gap_needed(n)
    m1 = min_rank1_gap(u, vocab)
    extra = extra_directions(d, rho, seed)
    if mode == "paper":
        scale = ceil_q(scale_D5(len(vocab), d, use, n))
        mu = fmpq(1)          # "the other components may be chosen freely": we take them unscaled
    else:
        scale = ceil_q(2 * gap / arb(m1)) if m1 > 0 else fmpq(1)
        # extras must not eat more than half the rank-1 gap (a condition D.2 leaves out)
        big = max((abs(dot(qv, sub(a, b))) * abs(dot(qv, c)) for qv in extra
                   for a, b in itertools.permutations(vocab, 2) for c in vocab), default=fmpq(0))
        mu = fmpq(1)
        while big > 0 and mu * mu * big * (rho - 1) * 2 > scale * m1:
            mu /= 2
    WK, WQ = weights_D2(u, rho, scale, extra, mu)
    d2 = check_D2(WK, WQ, vocab, gap)
    # (D.7)/(D.8): W_V = sum p''_i q''_i^T with q''_1 = u; ||W_O p''_i|| = eps/(4 rho gamma_max)
    WV = [list(u)] + [list(qv) for qv in extra[: rho - 1]]
    qmax = max([fmpq(1)] + [norm2(qv) for qv in extra[: rho - 1]])
    value_scale = constant_arb(_declared("lemma-2.2"), "value_scale", eps=use.eps, rho=rho, gamma_max=use.gamma_max)
    sigma = floor_q(value_scale / arb(qmax).sqrt())
    cols = [list(u)] + [[x / max(abs(y) for y in qv) if any(qv) else x for x in qv] for qv in extra[: rho - 1]]
    # normalise output directions to ||.|| <= 1, then scale by sigma
    outs = []
    for c in cols:
        nn = norm2(c)
        k = fmpq(1)
        while nn * k * k > 1:
            k /= 2
        outs.append([sigma * k * x for x in c])
    WO = [[outs[j][i] for j in range(rho)] for i in range(d)]
    info = {"u": u, "D1": d1, "gap_needed": gap, "rank1_min_gap": m1, "scale": scale, "mu": mu,
            "D2": d2, "sigma": sigma, "separation_measured": sep, "separation_used": use, "rho": rho,
            "mode": mode}
    return Attention(WQ, WK, WV, WO), info


# ---- the D.2 cross-term cancellation: a counterexample to Lemma D.2 as stated -----------------
def d2_cancellation_counterexample() -> dict:
    """Rank-2 W_K = W_Q whose components all satisfy D.1 and (D.2), yet the gap is exactly 0.

    Vocabulary {e1, e2} in R^2: gamma_min = 1/2, eps = 1 (separated), q_1 = (3/5, 4/5),
    q_2 = (4/5, -3/5) (both unit, both satisfy D.1 on V u {0}), p_i = p'_i.  D.2's statement asks
    |p_1^T p_1'| = 5 (|V|+1)^4 d delta/(eps gamma_min); with delta = 7/1215 this is 28/3.
    """
    e1, e2 = [fmpq(1), fmpq(0)], [fmpq(0), fmpq(1)]
    V = [e1, e2]
    q1, q2 = [fmpq(3, 5), fmpq(4, 5)], [fmpq(4, 5), fmpq(-3, 5)]
    delta = fmpq(7, 1215)
    eps, gmin, d = fmpq(1), fmpq(1, 2), 2
    q = constant_fraction(_declared("lemma-D.2"), "pp_stated", V=len(V), d=d, delta=delta, eps=eps, gamma_min=gmin)
    p11 = fmpq(q.numerator, q.denominator)                           # = 28/3
    # p_1 = p_1' = (a, 0) with a^2 = p11 is irrational; use p_1 = (p11, 0), p_1' = (1, 0): p_1^T p_1' = p11
    WK = [[p11 * x for x in q1], list(q2)]
    WQ = [list(q1), list(q2)]
    D1 = [check_D1(qv, V + [[fmpq(0)] * 2]) for qv in (q1, q2)]
    lhs = abs(dot([dot(r, sub(e1, e2)) for r in WK], [dot(r, e1) for r in WQ]))
    return {"vocab": V, "q1": q1, "q2": q2, "p1_dot_p1prime": p11, "delta": delta, "WK": WK, "WQ": WQ,
            "D1_holds": [x["holds"] for x in D1], "rank_WK": 2, "difference": lhs,
            "refuted": lhs <= delta}
