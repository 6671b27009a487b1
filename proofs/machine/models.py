"""Models of the proof records' atoms: concrete vectors, with every atom computed as its axioms define it.

``MODELS[id](rng)`` draws one sample: Symbol -> exact Fraction or arb ball. Samples range widely (they need not
satisfy the record's hypotheses; the mutation harness certifies those), except for the structural conditions
the records leave to their axioms (sortedness, separation between and within vectors), which every sample
meets. ``"_holds"`` lists hypotheses that hold by construction but are equalities arb cannot certify.
Records without a model here (D.2 rank one, E.1 rounded: their atoms are suprema over function classes)
get undetermined mutants.
"""
from __future__ import annotations

import random
from fractions import Fraction as Q

import sympy as sp
from flint import arb

from boundcalc.boltzmann import boltz_ball, entropy_ball, log_partition_ball, softmax_ball
from proofs.boltzmann import rand_frac, slots

S = sp.Symbol


def _ln(n: int) -> arb:
    return arb(n).log()


def _vec(rng, n, lo=-12, hi=4):
    return sorted((rand_frac(rng, Q(lo), Q(hi), 100) for _ in range(n)), reverse=True)


def _d1(z, i):
    p, b = softmax_ball(z, i), boltz_ball(z)
    return p * (1 + arb(z[i].numerator) / z[i].denominator - b)


def _d2(z, i):
    """Second derivative in z_i, derived from p_i' = p_i(1 - p_i) and Boltz' = p_i(1 + z_i - Boltz)."""
    p, b = softmax_ball(z, i), boltz_ball(z)
    zi = arb(z[i].numerator) / z[i].denominator
    u = 1 + zi - b
    return p * (1 - p) * u + p * (1 - p * u)


def _xi(x):
    return arb(x.numerator) / x.denominator


def c1(rng):
    z = _vec(rng, rng.randint(2, 6))
    s = entropy_ball(z)
    return {S("B"): boltz_ball(z), S("S"): s, S("lnZ"): log_partition_ball(z), S("P"): Q(1), S("T"): -s,
            "_holds": {"sum_p", "ent_def"}}


def c2(rng, second=False):
    n = rng.randint(2, 6)
    z = _vec(rng, n)
    i = rng.randint(1, n - 1)
    out = {S("M"): z[0], S("z_i"): z[i], S("L"): _ln(n), S("p"): softmax_ball(z, i), S("B"): boltz_ball(z)}
    if second:
        out.update({S("D2"): _d2(z, i), S("q"): (_xi(z[i] - z[0])).exp(), S("lnZ"): log_partition_ball(z),
                    S("S"): entropy_ball(z)})
    else:
        out[S("D")] = _d1(z, i)
    return out


def c3(rng):
    return c2(rng, second=True)


def c4(rng):
    n = rng.randint(2, 6)
    z = _vec(rng, n, -15, 3)
    z = [z[0]] + [x for x in z[1:] if x < z[0]] or z
    if len(z) < 2:
        z = [Q(0), Q(-5)]
    delta = rand_frac(rng, Q(0), Q(8), 100)
    zp = [z[0]] + [z[0] - delta] * (len(z) - 1)
    return {S("delta"): delta, S("L"): _ln(len(z)), S("z_1"): z[0], S("z_i"): z[1],
            S("Bz"): boltz_ball(z), S("Bzp"): boltz_ball(zp)}


def c5(rng):
    n = rng.randint(2, 5)
    z = _vec(rng, n)
    tail = _vec(rng, rng.randint(1, 4), -20, z[-1])
    zp = z + tail
    return {S("delta"): rand_frac(rng, Q(0), Q(8), 100), S("L"): _ln(n), S("z_1"): z[0], S("zp_n1"): tail[0],
            S("B"): boltz_ball(z), S("Bp"): boltz_ball(zp)}


def c6(rng):
    n = rng.randint(2, 5)
    delta = rand_frac(rng, Q(1, 10), Q(8), 100)
    s = slots(rng, 2 * n, delta, rand_frac(rng, Q(-5), Q(5), 100))
    a = sorted([s[0]] + rng.sample(s[1:], n - 1), reverse=True)
    b = sorted(rng.sample(s[1:], n), reverse=True)
    return {S("a_1"): a[0], S("b_1"): b[0], S("delta"): delta, S("L"): _ln(n),
            S("Ba"): boltz_ball(a), S("Bb"): boltz_ball(b)}


def c7(rng):
    n = rng.randint(2, 5)
    a = _vec(rng, n, -15, 3)
    bn = a[-1] - rand_frac(rng, Q(1, 100), Q(6), 100)
    b = a[:-1] + [bn]
    return {S("a_n"): a[-1], S("b_n"): bn, S("M"): max(a[:-1]), S("L"): _ln(n), S("fa"): boltz_ball(a),
            S("fb"): boltz_ball(b), S("p_n"): softmax_ball(b, n - 1)}


def _topk(rng, k_min=1):
    """Two decreasing vectors from one delta-separated pool sharing their top k entries, a_{k+1} > b_{k+1}."""
    n = rng.randint(2, 5)
    k = rng.randint(k_min, n - 1) if k_min <= n - 1 else 0
    delta = rand_frac(rng, Q(1, 10), Q(9), 100)
    s = slots(rng, 2 * n + 1, delta, rand_frac(rng, Q(-5), Q(5), 100))
    c, pool = s[:k], s[k:]
    while True:
        ra = sorted(rng.sample(pool, n - k), reverse=True)
        rb = sorted(rng.sample(pool, n - k), reverse=True)
        if ra[0] != rb[0]:
            break
    if ra[0] < rb[0]:
        ra, rb = rb, ra
    a, b = c + ra, c + rb
    return n, k, delta, a, b


def c8(rng, k_min=1):
    n, k, delta, a, b = _topk(rng, k_min)
    out = {S("L"): _ln(n), S("n"): n, S("m"): n - k, S("delta"): delta, S("a_1"): a[0],
           S("c_k"): a[k - 1] if k else a[0], S("a_k1"): a[k], S("b_k1"): b[k],
           S("Ba"): boltz_ball(a), S("Bb"): boltz_ball(b)}
    return out


def ks24_lemma7(rng):
    return c8(rng, k_min=rng.choice([0, 1]))


def c9_corrected(rng):
    n, k, delta, a, b = _topk(rng, rng.choice([0, 1]))
    z = rng.choice([a, b])
    gamma = max(abs(x) for x in a + b) + rand_frac(rng, Q(-1), Q(2), 100)
    return {S("z_max"): max(z), S("z_min"): min(z), S("B_z"): boltz_ball(z),
            S("gamma"): gamma, S("L"): _ln(n), S("n"): n, S("m"): n - k, S("delta"): delta, S("a_1"): a[0],
            S("b_1"): b[0], S("c_k"): a[k - 1] if k else a[0], S("a_k1"): a[k], S("b_k1"): b[k],
            S("Ba"): boltz_ball(a), S("Bb"): boltz_ball(b)}


def d1(rng):
    """Dimension 1 only: u = +-1, so the lower bound holds for every pair iff t <= 1; P_good is 1 or 0."""
    n = rng.randint(1, 5)
    t = (arb(8) / (arb.pi() * n ** 4)).sqrt()
    good = Q(1) if (t <= 1 or n == 1) else Q(0)
    return {S("N"): n, S("d"): 1, S("t"): t, S("P_good"): good, "_holds": {"t_def"}}


MODELS = {"lemma-C.1": c1, "lemma-C.2": c2, "lemma-C.3": c3, "lemma-C.4": c4, "lemma-C.5": c5, "lemma-C.6": c6,
          "lemma-C.7-corrected": c7, "lemma-C.8": c8, "lemma-C.9-corrected": c9_corrected,
          "ext-ks24-lemma-4": c2, "ext-ks24-lemma-5": c3, "ext-ks24-lemma-7": ks24_lemma7,
          "lemma-D.1": d1, "ext-park21-lemma-13": d1}
