"""Certified Boltzmann-operator arithmetic: Boltz(z) = sum_i z_i softmax(z)_i and its relatives.

Vectors are sequences of exact rationals. Each function returns an arb ball at the current flint
precision (``*_ball``) or a :class:`~boundcalc.numbers.Real` recomputed at whatever precision a
comparison asks for, so a sign is only ever reported when certified. Softmax weights are shifted
by the exact maximum, so nothing overflows whatever the entries' size.
"""
from __future__ import annotations

from fractions import Fraction
from typing import Callable, Sequence

from flint import arb, fmpq

from .numbers import Real

Vector = Sequence[Fraction]


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
