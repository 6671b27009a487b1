"""Certified Boltzmann-operator arithmetic and exact samplers for the Appendix C checks.

Boltz(z) = sum_i z_i softmax(z)_i (Definition C.1). Vectors are lists of exact rationals
(``Fraction``); every value is a :class:`~boundcalc.numbers.Real` whose enclosure is recomputed
as a python-flint ``arb`` ball at whatever precision the comparison asks for, so a sign is only
ever reported when certified. Hypotheses are decided exactly (rational comparisons) or, where a
logarithm enters (``delta > ln n + 1``), with three-valued certified comparisons.

Samplers build vectors from "slots": a decreasing sequence whose consecutive gaps all exceed
delta, so any two distinct slot values are more than delta apart. Vectors drawn as subsets of
the slots are tokenwise (delta)-separated by construction; the hypotheses are still re-checked
exactly by the specs.
"""
from __future__ import annotations

import random
from fractions import Fraction
from typing import Callable, Sequence

from flint import arb, ctx, fmpq

from boundcalc.numbers import Real

Vector = Sequence[Fraction]
MARGIN = Fraction(1, 10**6)
"""The smallest excess over a threshold used by adversarial candidates."""


# ------------------------------------------------------------------ arb evaluation


def _arb(q: Fraction | int) -> arb:
    q = Fraction(q)
    return arb(fmpq(q.numerator, q.denominator))


def _weights(z: Vector) -> tuple[Fraction, list[arb], arb]:
    """(max, e^{z_i - max}, sum): shifted by the exact maximum so nothing overflows."""
    m = max(z)
    w = [(_arb(zi - m)).exp() for zi in z]
    total = sum(w[1:], w[0])
    return m, w, total


def boltz_ball(z: Vector) -> arb:
    """Boltz(z) at the current flint precision."""
    m, w, total = _weights(z)
    acc = sum((_arb(zi - m) * wi for zi, wi in zip(z[1:], w[1:])), _arb(z[0] - m) * w[0])
    return _arb(m) + acc / total


def softmax_ball(z: Vector, i: int) -> arb:
    _, w, total = _weights(z)
    return w[i] / total


def entropy_ball(z: Vector) -> arb:
    """S(p) = -sum p_i ln p_i, with ln p_i = (z_i - max) - ln(sum) computed without cancellation."""
    m, w, total = _weights(z)
    lnt = total.log()
    out = arb(0)
    for zi, wi in zip(z, w):
        out -= (wi / total) * (_arb(zi - m) - lnt)
    return out


def log_partition_ball(z: Vector) -> arb:
    """ln Z(z) = ln sum e^{z_i}."""
    m, _, total = _weights(z)
    return _arb(m) + total.log()


def real(fn: Callable[[], arb]) -> Real:
    """A certified Real recomputed by ``fn`` at the precision the comparison requests."""
    return Real.from_arb_function(fn)


def boltz(z: Vector) -> Real:
    zz = list(z)
    return real(lambda: boltz_ball(zz))


def boltz_diff(a: Vector, b: Vector) -> Real:
    """Boltz(a) - Boltz(b) as one ball (the cancellation is resolved by raising the precision)."""
    aa, bb = list(a), list(b)
    if sorted(aa) == sorted(bb):
        return Real(0)  # Boltz is permutation invariant: exactly equal
    return real(lambda: boltz_ball(aa) - boltz_ball(bb))


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


def ln(n: int) -> Real:
    return Real(n).log()


# ------------------------------------------------------------------ exact hypothesis helpers


def strictly_decreasing(z: Vector) -> bool:
    return all(z[k] > z[k + 1] for k in range(len(z) - 1))


def gaps_exceed(z: Vector, delta: Fraction) -> bool:
    """z_i - z_j > delta for all i < j (for a decreasing vector: consecutive gaps suffice, but all are checked)."""
    return all(z[i] - z[j] > delta for i in range(len(z)) for j in range(i + 1, len(z)))


def cross_separated(a: Vector, b: Vector, delta: Fraction) -> bool:
    """|a_i - b_j| > delta whenever a_i != b_j."""
    return all(ai == bj or abs(ai - bj) > delta for ai in a for bj in b)


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


def rand_frac(rng: random.Random, lo: Fraction, hi: Fraction, den: int = 1000) -> Fraction:
    """A random rational in [lo, hi] with denominator dividing ``den`` (ends included)."""
    a, b = int(lo * den), int(hi * den)
    return Fraction(rng.randint(a, b), den)


def slots(rng: random.Random, count: int, delta: Fraction, top: Fraction,
          extra_hi: Fraction = Fraction(3), tight: bool = False) -> list[Fraction]:
    """``count`` decreasing values from ``top`` with consecutive gaps delta + (MARGIN or random extra)."""
    out = [top]
    for _ in range(count - 1):
        extra = MARGIN if tight else rand_frac(rng, MARGIN, extra_hi) + MARGIN
        out.append(out[-1] - delta - extra)
    return out
