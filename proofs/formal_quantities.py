"""Certified values of the quantities the formal statements define (Boltz, softmax, derivatives, E.1's grid).

Derivatives of Boltz are sympy's own computation from Definition C.1, never the paper's formulas (J.2, J.3):
with u = z_i and the other entries summed into N0 = sum_{j != i} z_j e^{z_j}, Z0 = sum_{j != i} e^{z_j},
Boltz = (N0 + u e^u)/(Z0 + e^u) is a function of u alone; sympy differentiates it and the result is
evaluated with certified arithmetic. The E.1 quantities are the rounding and cell errors of constant
f (the family the search draws from; the statement itself quantifies over every C-Lipschitz f).
"""
from __future__ import annotations

from fractions import Fraction
from functools import lru_cache

import sympy as sp
from flint import arb

from boundcalc.boltzmann import _arb, boltz, entropy_ball, log_partition_ball, real, softmax_ball
from boundcalc.numbers import Real
from boundcalc.statements import evaluate

_u, _N0, _Z0 = sp.symbols("u N0 Z0")
BOLTZ_OF_U = (_N0 + _u * sp.exp(_u)) / (_Z0 + sp.exp(_u))
"""Definition C.1 as a function of one entry u = z_i (the rest summed into N0, Z0)."""


@lru_cache(maxsize=4)
def boltz_derivative(order: int):
    """d^order Boltz / dz_i^order, computed by sympy from the definition (not from J.2 / J.3)."""
    return sp.diff(BOLTZ_OF_U, _u, order)


def _rest(z, i):
    """(N0, Z0) of the entries other than z_i, as certified Reals."""
    others = [x for k, x in enumerate(z) if k != i]
    n0 = real(lambda: sum((_arb(x) * _arb(x).exp() for x in others), arb(0)))
    z0 = real(lambda: sum((_arb(x).exp() for x in others), arb(0)))
    return n0, z0


def dboltz(z, i: int, order: int = 1) -> Real:
    """The order-th derivative of Boltz in z_i at z (sympy's derivative, certified evaluation)."""
    n0, z0 = _rest(z, i)
    return evaluate(boltz_derivative(order), {"u": Real(z[i]), "N0": n0, "Z0": z0})


def softmax(z, i: int) -> Real:
    zz = list(z)
    return real(lambda: softmax_ball(zz, i))


def entropy(z) -> Real:
    zz = list(z)
    return real(lambda: entropy_ball(zz))


def log_partition(z) -> Real:
    zz = list(z)
    return real(lambda: log_partition_ball(zz))


def exp_sum(z) -> Real:
    zz = list(z)
    return real(lambda: sum((_arb(x).exp() for x in zz), arb(0)))


def weighted_mean(z) -> Real:
    """The e^z-weighted mean of the entries (= Boltz of them)."""
    return boltz(z)


# ------------------------------------------------------------------ Lemma E.1's grid


def nearest_grid(c: Fraction, k: int) -> Fraction:
    """The nearest point of the grid {0, 1/k, ..., 1 - 1/k} to c in [0, 1] (ties go down)."""
    x = Fraction(c) * k
    j = x.numerator // x.denominator
    if x - j > Fraction(1, 2):
        j += 1
    return Fraction(min(max(j, 0), k - 1), k)


def rounding_error(c: Fraction, k: int) -> Fraction:
    """|q(c) - c|: how far c moves when rounded to the grid of side 1/k."""
    return abs(nearest_grid(Fraction(c), k) - Fraction(c))


# ------------------------------------------------------------------ Lemma D.1's sphere


def _t(o) -> arb:
    return (arb(8) / (arb.pi() * o["d"])).sqrt() / (o["N"] ** 2)


def cap_probability(o) -> Real:
    """Pr(|u_1| < t) for u uniform on S^{d-1}: closed forms for d = 1 (u_1 = +-1), 2 ((2/pi) arcsin t),
    3 (u_1 uniform on [-1, 1]: t) and 4 ((2/pi)(t sqrt(1 - t^2) + arcsin t)); t capped at 1."""
    d = o["d"]

    def fn():
        t = _t(o)
        if t >= 1:
            return arb(1)
        if not t < 1:
            raise ArithmeticError("t = 1 undecided")
        if d == 1:
            return arb(0)
        if d == 2:
            return 2 * t.asin() / arb.pi()
        if d == 3:
            return t
        if d == 4:
            return 2 * (t * (1 - t * t).sqrt() + t.asin()) / arb.pi()
        raise ArithmeticError(f"no closed form for d = {d}")
    return real(fn)


def sphere_density(o) -> Real:
    """c_d = Gamma(d/2)/(sqrt(pi) Gamma((d-1)/2)), the density of u_1 at 0 (d >= 2)."""
    d = o["d"]
    if d < 2:
        raise ArithmeticError("c_d is defined for d >= 2")
    return real(lambda: (arb(d) / 2).gamma() / (arb.pi().sqrt() * (arb(d - 1) / 2).gamma()))


def good_probability(o) -> Real:
    """d = 1: u = +-1 keeps every |x - x'| exactly, so the lower bounds hold iff t <= 1 (or no pair, N = 1)."""
    if o["d"] != 1:
        raise ArithmeticError("P_good depends on X for d >= 2")
    t = _t(o)
    return Real(1) if (o["N"] == 1 or t <= 1) else Real(0)
