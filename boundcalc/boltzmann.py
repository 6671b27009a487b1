"""Certified Boltzmann-operator arithmetic: Boltz(z) = sum_i z_i softmax(z)_i and its relatives.

Vectors are sequences of exact rationals. Each function returns an arb ball at the current flint
precision (``*_ball``) or a :class:`~boundcalc.numbers.Real` recomputed at whatever precision a
comparison asks for, so a sign is only ever reported when certified. Softmax weights are shifted
by the exact maximum, so nothing overflows whatever the entries' size.
"""
from __future__ import annotations

from fractions import Fraction
from typing import Callable, Sequence

from flint import arb, ctx, fmpq

from .numbers import Real

Vector = Sequence[Fraction]


def _fmpq(q: Fraction | int) -> fmpq:
    """An exact rational as flint's fmpq (its arithmetic is much cheaper than Fraction's)."""
    t = type(q)
    if t is int:
        return fmpq(q)
    if t is not Fraction:
        q = Fraction(q)
    return fmpq(q.numerator, q.denominator)


def _arb(q: Fraction | int) -> arb:
    return arb(_fmpq(q))


def _shifted(z: Vector) -> tuple[Fraction, Sequence[arb], Sequence[arb], arb]:
    """(max, z_i - max as balls, e^{z_i - max}, their sum): the differences are exact rationals before
    they become balls, so nothing overflows whatever the entries' size.

    Remembered for the :data:`SHIFTED_MEMO` most recent vectors (entries, their types and the flint
    precision compared): Boltz, softmax, entropy and ln Z of one point share these balls (immutable,
    returned as tuples) instead of recomputing them."""
    prec = ctx.prec
    for i, (p, zz, types, got) in enumerate(_SHIFTED):
        if p == prec and len(zz) == len(z) and zz == z and types == tuple(map(type, z)):
            if i:
                _SHIFTED.insert(0, _SHIFTED.pop(i))
            return got
    zz = list(z)
    m = max(zz)
    mq = _fmpq(m)
    d = tuple(arb(_fmpq(zi) - mq) for zi in zz)
    w = tuple(di.exp() for di in d)
    got = (m, d, w, sum(w[1:], w[0]))
    _SHIFTED.insert(0, (prec, zz, tuple(map(type, zz)), got))
    del _SHIFTED[SHIFTED_MEMO:]
    return got


SHIFTED_MEMO = 8
"""Vectors (at one precision each) whose shifted balls :func:`_shifted` keeps, the most recently used."""
_SHIFTED: list = []


def _weights(z: Vector) -> tuple[Fraction, Sequence[arb], arb]:
    """(max, e^{z_i - max}, sum): shifted by the exact maximum so nothing overflows."""
    m, _, w, total = _shifted(z)
    return m, w, total


def boltz_ball(z: Vector) -> arb:
    """Boltz(z) at the current flint precision."""
    m, d, w, total = _shifted(z)
    acc = sum((di * wi for di, wi in zip(d[1:], w[1:])), d[0] * w[0])
    return _arb(m) + acc / total


def softmax_ball(z: Vector, i: int) -> arb:
    _, w, total = _weights(z)
    return w[i] / total


def entropy_ball(z: Vector) -> arb:
    """S(p) = -sum p_i ln p_i, with ln p_i = (z_i - max) - ln(sum) computed without cancellation."""
    _, d, w, total = _shifted(z)
    lnt = total.log()
    out = arb(0)
    for di, wi in zip(d, w):
        out -= (wi / total) * (di - lnt)
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
