"""The Appendix C lemmas' formulas, hypotheses and exact samplers (content for the Boltz checks).

The certified arithmetic itself (Boltz, softmax, entropy as arb balls) is the engine's
:mod:`boundcalc.boltzmann`; here are the paper's derivative formulas of Lemma C.2 / J.3. Hypotheses are decided exactly (rational comparisons) or, where a
logarithm enters (``delta > ln n + 1``), with three-valued certified comparisons.

Samplers build vectors from "slots": a decreasing sequence whose consecutive gaps all exceed
delta, so any two distinct slot values are more than delta apart. Vectors drawn as subsets of
the slots are tokenwise (delta)-separated by construction; the hypotheses are still re-checked
exactly by the specs.
"""
from __future__ import annotations

import math
import random
from functools import lru_cache
from bisect import bisect_left
from fractions import Fraction
from typing import Sequence

from boundcalc.boltzmann import _arb, _weights, boltz_ball, entropy_ball, log_partition_ball, real, softmax_ball
from boundcalc.numbers import Real

Vector = Sequence[Fraction]
MARGIN = Fraction(1, 10**6)
"""The smallest excess over a threshold used by adversarial candidates."""


# ------------------------------------------------------------------ the paper's formulas
# (generic certified Boltz/softmax/entropy arithmetic lives in the engine: boundcalc/boltzmann.py)


def dboltz(z: Vector, i: int) -> Real:
    """The paper's formula for dBoltz/dz_i: p_i (1 + ln p_i + S(p))  (Lemma C.2)."""
    zz = list(z)

    def fn():
        m, w, total = _weights(zz)
        p = w[i] / total
        lnp = _arb(zz[i] - m) - total.log()
        return p * (1 + lnp + entropy_ball(zz))
    return real(fn)


def d2boltz(z: Vector, i: int) -> Real:
    """The second derivative p_i [(1 - 2 p_i)(1 + z_i - Boltz(z)) + 1]  (J.3, last line)."""
    zz = list(z)

    def fn():
        p = softmax_ball(zz, i)
        return p * ((1 - 2 * p) * (1 + _arb(zz[i]) - boltz_ball(zz)) + 1)
    return real(fn)


def entropy_form(z: Vector) -> Real:
    """Lemma C.1's right-hand side -S(p) + ln Z(z), p = Softmax(z)."""
    zz = list(z)
    return real(lambda: log_partition_ball(zz) - entropy_ball(zz))


# ------------------------------------------------------------------ float screens (guides only)


def _np_softmax(z):
    import numpy as np

    w = np.exp(z - z.max(axis=1, keepdims=True))
    return w / w.sum(axis=1, keepdims=True)


def screen_derivative(order: int, gap_extra: int):
    """Vectorised float reading of Lemma C.2 (order 1) / C.3 (order 2): the derivative's value (the
    claim is value < 0, so a positive value is a violation) and the hypothesis max z - z_i > ln n + gap."""

    def screen(batch):
        import numpy as np   # imported when the screen runs, not when the registry loads

        z, i = batch["z"], batch["i"]
        rows = np.arange(len(z))
        p = _np_softmax(z)
        pi, zi = p[rows, i], z[rows, i]
        if order == 1:
            logp = zi - z.max(axis=1) - np.log(np.exp(z - z.max(axis=1, keepdims=True)).sum(axis=1))
            S = -(p * np.log(np.where(p > 0, p, 1.0))).sum(axis=1)
            value = pi * (1 + logp + S)
        else:
            value = pi * ((1 - 2 * pi) * (1 + zi - (z * p).sum(axis=1)) + 1)
        inside = z.max(axis=1) - zi > np.log(z.shape[1]) + gap_extra
        return value, inside
    return screen


def screen_lower_bound(batch):
    """Lemma C.4 in floats: Boltz(z') - Boltz(z) (> 0 violates Boltz(z) > Boltz(z')) and its hypotheses."""
    import numpy as np

    z, delta = batch["z"], batch["delta"]
    zp = np.concatenate([z[:, :1], np.repeat(z[:, :1] - delta[:, None], z.shape[1] - 1, axis=1)], axis=1)
    b = (z * _np_softmax(z)).sum(axis=1)
    bp = (zp * _np_softmax(zp)).sum(axis=1)
    gaps = (z[:, :-1] - z[:, 1:]).min(axis=1)
    inside = (gaps > delta) & (delta > np.log(z.shape[1]) + 1)
    return bp - b, inside


def screen_separation(batch):
    """Lemma C.6 in floats: (ln n)^2 e^{-(a_1 - b_1)} - (Boltz(a) - Boltz(b)) (> 0 violates) and its
    hypotheses (decreasing, gaps and cross distances above delta, delta >= 4 ln n, a_1 > b_1)."""
    import numpy as np

    a, b, delta = batch["a"], batch["b"], batch["delta"]
    n = a.shape[1]
    diff = (a * _np_softmax(a)).sum(axis=1) - (b * _np_softmax(b)).sum(axis=1)
    rhs = np.log(n) ** 2 * np.exp(b[:, 0] - a[:, 0])
    inside = ((a[:, :-1] - a[:, 1:]).min(axis=1) > delta) & ((b[:, :-1] - b[:, 1:]).min(axis=1) > delta)
    inside &= (delta >= 4 * np.log(n)) & (a[:, 0] > b[:, 0])
    keep = np.nonzero(inside)[0]                # cross distances only for the rows the tests above keep
    cross = np.abs(a[keep, :, None] - b[keep, None, :])
    inside[keep] = ((cross == 0) | (cross > delta[keep, None, None])).all(axis=(1, 2))
    return rhs - diff, inside


def screen_distance(distinct: bool):
    """Lemma C.9 in floats (Boltz preserves distance): (ln n)^2 e^{-2 gamma} - |Boltz(z^(i)) - Boltz(z^(j))|
    (> 0 violates) and the hypotheses (entries below gamma, distinct entries more than delta apart, no
    duplicates, delta >= 4 ln n, i != j; with ``distinct`` the pair must differ as multisets)."""

    def screen(batch):
        import numpy as np   # imported when the screen runs, not when the registry loads

        z, gamma, delta, i, j = batch["z"], batch["gamma"], batch["delta"], batch["i"], batch["j"]
        size, N, n = z.shape
        rows = np.arange(size)
        w = np.exp(z - z.max(axis=2, keepdims=True))
        boltz = (z * w).sum(axis=2) / w.sum(axis=2)
        gap = np.abs(boltz[rows, i] - boltz[rows, j])
        rhs = np.log(n) ** 2 * np.exp(-2 * gamma)
        flat = z.reshape(size, N * n)
        inside = np.abs(flat).max(axis=1) < gamma
        srt = np.sort(z, axis=2)
        inside &= (srt[:, :, 1:] != srt[:, :, :-1]).all(axis=(1, 2))           # no duplicate entries
        inside &= (delta >= 4 * np.log(n))
        if distinct:
            inside &= (np.sort(z[rows, i], axis=1) != np.sort(z[rows, j], axis=1)).any(axis=1)
        else:
            inside &= i != j
        # the pairwise distances (an (N n)^2 array per row) only for the rows the tests above keep
        keep = np.nonzero(inside)[0]
        dist = np.abs(flat[keep, :, None] - flat[keep, None, :])
        inside[keep] = ((dist == 0) | (dist > delta[keep, None, None])).all(axis=(1, 2))
        return rhs - gap, inside
    return screen


def ln(n: int) -> Real:
    return Real(n).log()


# ------------------------------------------------------------------ exact hypothesis helpers


def strictly_decreasing(z: Vector) -> bool:
    return all(z[k] > z[k + 1] for k in range(len(z) - 1))


def gaps_exceed(z: Vector, delta: Fraction) -> bool:
    """z_i - z_j > delta for all i < j (every pair, through :func:`min_gap`)."""
    return len(z) < 2 or min_gap(z) > delta


def min_gap(z: Vector) -> Fraction:
    """min over i < j of z_i - z_j (the hypothesis 'z_i - z_j > delta for i < j' is min_gap(z) > delta).

    One pass: for each j the best i < j is the smallest earlier entry (the searches call this tens of
    thousands of times; the double loop over pairs was a fifth of the audit). Exact rationals are
    compared as integers over their common denominator (:func:`_scaled`), which Fraction's own
    comparisons cost several times over; the value is the same."""
    if len(z) < 2:
        raise ValueError("min_gap needs at least two entries")
    scaled = _scaled(z)
    if scaled is not None:
        ints, den = scaled
        best = _smallest_drop(ints)
        return best if den == 1 and all(type(x) is int for x in z) else Fraction(best, den)
    return _smallest_drop(z)


def _smallest_drop(z):
    """min over i of (min of the entries before i) - z_i, in one pass."""
    low, best = z[0], None
    for x in z[1:]:
        d = low - x
        if best is None or d < best:
            best = d
        if x < low:
            low = x
    return best


def _scaled(values, *more) -> tuple[list[int], int] | None:
    """Exact rationals (ints and Fractions) as integers over their least common denominator:
    (numerators of ``values`` then of ``more``, the denominator); None when one is of another type."""
    dens = []
    for v in (values, more):
        for x in v:
            t = type(x)
            if t is Fraction:
                dens.append(x._denominator)
            elif t is not int:
                return None
    den = math.lcm(*dens) if dens else 1
    out = []
    for v in (values, more):
        for x in v:
            out.append(x * den if type(x) is int else x._numerator * (den // x._denominator))
    return out, den


def cross_separated(a: Vector, b: Vector, delta: Fraction) -> bool:
    """|a_i - b_j| > delta whenever a_i != b_j.

    Exact, in O((n + m) log m): for each a_i only the nearest b value below it and the nearest above it
    (other than a_i itself) can come within delta; exact rationals are compared as integers over their
    common denominator (:func:`_scaled`). Entries other than exact rationals take the plain pairwise
    test."""
    scaled = _scaled(a, *b, delta)
    if scaled is None:
        return all(ai == bj or abs(ai - bj) > delta for ai in a for bj in b)
    ints = scaled[0]
    n = len(a)
    gap = ints[-1]
    bs = sorted(set(ints[n:-1]))
    for ai in ints[:n]:
        k = bisect_left(bs, ai)
        if k > 0 and not ai - bs[k - 1] > gap:
            return False
        if k < len(bs) and bs[k] == ai:
            k += 1
        if k < len(bs) and not bs[k] - ai > gap:
            return False
    return True


def no_duplicates(z: Vector) -> bool:
    return len(set(z)) == len(z)


def all3(*values: bool | None) -> bool | None:
    """Three-valued conjunction: False if any is False, None if any undecided, else True."""
    if any(v is False for v in values):
        return False
    if any(v is None for v in values):
        return None
    return True


def above(threshold: Real, margin: Fraction = MARGIN) -> Fraction:
    """A rational certified to exceed ``threshold`` by between ``margin`` and 2*margin-ish."""
    scale = 1 / margin
    k = (threshold * Real(scale)).ceil().as_int()
    q = Fraction(k, 1) / scale + margin
    assert Real(q).gt(threshold) is True
    return q


@lru_cache(maxsize=None)
def four_ln(n: int) -> Real:
    """``4 * ln(n)``, one value per n: the hypothesis delta >= 4 ln n is decided at every candidate of the
    separation searches, and one Real keeps its enclosures between them (it is only compared, never
    combined with itself)."""
    return 4 * ln(n)


@lru_cache(maxsize=None)
def above_ln(n: int, times: int = 1, plus: int = 0) -> Fraction:
    """``above(times * ln(n) + plus)`` (the threshold built as the samplers write it), remembered per
    (n, times, plus): the hand-written samplers ask for the same few thresholds thousands of times."""
    t = ln(n) if times == 1 else times * ln(n)
    return above(t + plus if plus else t)


def rand_frac(rng: random.Random, lo: Fraction, hi: Fraction, den: int = 1000) -> Fraction:
    """A random rational in [lo, hi] with denominator dividing ``den`` (ends included)."""
    a, b = _trunc_scaled(lo, den), _trunc_scaled(hi, den)
    return Fraction(rng.randint(a, b), den)


def _trunc_scaled(q: Fraction | int, den: int) -> int:
    """``int(q * den)`` (truncated toward 0) in integer arithmetic for an int or a Fraction."""
    if type(q) is int:
        return q * den
    if type(q) is not Fraction:
        return int(q * den)
    n, d = q.numerator * den, q.denominator
    return n // d if n >= 0 else -(-n // d)


def _minus2(x, y, z):
    """``x - y - z`` for exact rationals, normalised once (ints and Fractions; anything else as written)."""
    if type(x) is Fraction and type(y) is Fraction and type(z) is Fraction:
        xd, yd, zd = x._denominator, y._denominator, z._denominator
        d = math.lcm(xd, yd, zd)
        return Fraction(x._numerator * (d // xd) - y._numerator * (d // yd) - z._numerator * (d // zd), d)
    return x - y - z


def slots(rng: random.Random, count: int, delta: Fraction, top: Fraction,
          extra_hi: Fraction = Fraction(3), tight: bool = False) -> list[Fraction]:
    """``count`` decreasing values from ``top`` with consecutive gaps delta + (MARGIN or random extra)."""
    out = [top]
    for _ in range(count - 1):
        extra = MARGIN if tight else rand_frac(rng, MARGIN, extra_hi) + MARGIN
        out.append(_minus2(out[-1], delta, extra))
    return out
