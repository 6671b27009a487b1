"""Scalars of the evaluator: exact rationals (fmpq) or certified arb balls.

Piecewise-linear layers keep exact inputs exact; the softmax produces arb balls and
everything after it stays a ball that certainly contains the true value.
"""
from __future__ import annotations

import contextlib
from fractions import Fraction
from typing import Union

from flint import arb, ctx, fmpq

Scalar = Union[fmpq, arb]


def q(x) -> fmpq:
    """An exact rational from int / Fraction / fmpq / 'p/q' or decimal string (never a float)."""
    if isinstance(x, fmpq):
        return x
    if isinstance(x, bool):
        raise TypeError("bool is not a number")
    if isinstance(x, int):
        return fmpq(x)
    if isinstance(x, Fraction):
        return fmpq(x.numerator, x.denominator)
    if isinstance(x, str):
        f = Fraction(x.strip())
        return fmpq(f.numerator, f.denominator)
    raise TypeError(f"not an exact number: {x!r}")


def is_exact(x: Scalar) -> bool:
    return isinstance(x, fmpq)


def to_arb(x: Scalar) -> arb:
    return x if isinstance(x, arb) else arb(x)


def relu(x: Scalar) -> Scalar:
    """ReLU; an undecided ball gives a ball that contains [0, upper]."""
    if isinstance(x, fmpq):
        return x if x > 0 else fmpq(0)
    if x > 0:
        return x
    if x <= 0:
        return arb(0)
    return arb(0).union(x.upper())


def sign(x: Scalar) -> int | None:
    """-1, 0, 1, or None when a ball straddles 0."""
    if isinstance(x, fmpq):
        return (x > 0) - (x < 0)
    if x > 0:
        return 1
    if x < 0:
        return -1
    if x.is_zero():
        return 0
    return None


def dec(x: fmpq) -> str:
    """Exact text of a rational: a finite decimal when the denominator allows, else 'p/q'."""
    p, n = int(x.p), int(x.q)
    twos = fives = 0
    m = n
    while m % 2 == 0:
        m //= 2
        twos += 1
    while m % 5 == 0:
        m //= 5
        fives += 1
    if m != 1:
        return f"{p}/{n}"
    k = max(twos, fives)
    scaled = p * (10 ** k) // n
    if k == 0:
        return str(scaled)
    sgn = "-" if scaled < 0 else ""
    s = str(abs(scaled)).rjust(k + 1, "0")
    return f"{sgn}{s[:-k]}.{s[-k:]}".rstrip("0").rstrip(".")


def arb_text(x: Scalar, digits: int = 30) -> str:
    """A short decimal text of a scalar (exact rationals as exact text)."""
    if isinstance(x, fmpq):
        return dec(x)
    return x.str(digits, radius=True)


def arb_to_fmpq(x: arb) -> fmpq:
    """The exact midpoint of a ball as a rational."""
    man, exp = x.mid().man_exp()
    man, exp = int(man), int(exp)
    return fmpq(man * 2 ** exp) if exp >= 0 else fmpq(man, 2 ** (-exp))


@contextlib.contextmanager
def precision(bits: int):
    """Temporarily set flint's working precision (bits)."""
    old = ctx.prec
    ctx.prec = max(int(bits), 53)
    try:
        yield
    finally:
        ctx.prec = old
