"""Certified polynomial degree for approximating exp on [-R, R] to a relative error.

Construction: the Chebyshev truncation of e^x on [-R, R],
    S_g(x) = I_0(R) + 2 sum_{k=1..g} I_k(R) T_k(x/R)     (I_k: modified Bessel functions).
Because e^{Rt} = I_0(R) + 2 sum_{k>=1} I_k(R) T_k(t), I_k(R) > 0 and |T_k| <= 1 on [-1, 1],
    sup |e^x - S_g(x)| <= 2 sum_{k>g} I_k(R) = e^R - I_0(R) - 2 sum_{k=1..g} I_k(R)
and, dividing by min e^x = e^{-R}, the relative error is at most
    rel_bound(R, g) = e^R (e^R - I_0(R) - 2 sum_{k=1..g} I_k(R)).
The tail is computed as that difference in arb at a precision high enough for the cancellation.
``certified_degree(R, eps)`` is the smallest g with rel_bound(R, g) <= eps, certified in both
directions: rel_bound(R, g) <= eps and rel_bound(R, g-1) > eps, both as ball comparisons.
"Minimal" is minimal *for this bound on this construction*; the truncation's true error at g-1 may
already be below eps, and minimax polynomials can need a degree or so less.
"""
from __future__ import annotations

import math
from fractions import Fraction
from typing import Union

from flint import arb, ctx, fmpq

from boundcalc.errors import InputError, PrecisionError

RealLike = Union[int, Fraction, str, arb]

MAX_DEGREE = 4000
"""Degrees above this are not searched (R would be in the thousands; ranks astronomically large)."""

PREC_CAP = 1 << 16


class workprec:
    """Set flint's global working precision inside a block and restore it afterwards."""

    def __init__(self, prec: int):
        self.prec = prec

    def __enter__(self):
        self.old = ctx.prec
        ctx.prec = self.prec
        return self

    def __exit__(self, *exc):
        ctx.prec = self.old


def to_arb(x: RealLike) -> arb:
    """An exact ball for ints/Fractions/decimal strings (never via binary floats)."""
    if isinstance(x, arb):
        return x
    if isinstance(x, bool):
        raise InputError("expected a number")
    if isinstance(x, int):
        return arb(x)
    if isinstance(x, Fraction):
        return arb(fmpq(x.numerator, x.denominator))
    if isinstance(x, float):
        return arb(x)  # a binary float is an exact dyadic rational
    from boundcalc.numbers import parse_exact
    return to_arb(parse_exact(x))


def _start_prec(R: arb, eps: arb | None) -> int:
    """Bits needed: the cancellation costs about 2R/ln 2 bits (e^R * e^R), plus log2(1/eps)."""
    r_up = float(R.upper()) if R.is_finite() else 1e9
    bits = 2 * r_up / math.log(2) + 64
    if eps is not None and eps > 0:
        bits += max(0.0, -float(eps.log().lower()) / math.log(2))
    return int(min(PREC_CAP, max(64, 1.25 * bits)))


def rel_bound_sequence(R: RealLike, gmax: int, prec: int | None = None) -> list[arb]:
    """[rel_bound(R, g) for g = 0..gmax] as arb balls (computed at ``prec`` bits)."""
    Ra = to_arb(R)
    if not (Ra > 0):
        raise InputError("R must be positive")
    p = prec or _start_prec(Ra, None)
    with workprec(p):
        Ra = to_arb(R) if not isinstance(R, arb) else +R   # exact inputs converted at this precision
        eR = Ra.exp()
        tail2 = eR - Ra.bessel_i(0)  # = 2 * sum_{k>0} I_k(R)
        out = [eR * tail2]
        for k in range(1, gmax + 1):
            tail2 = tail2 - 2 * Ra.bessel_i(k)
            out.append(eR * tail2)
    return out


def chebyshev_rel_bound(R: RealLike, g: int, prec: int | None = None) -> arb:
    """Certified upper-bound ball for the relative error of the degree-g Chebyshev truncation."""
    return rel_bound_sequence(R, g, prec)[g]


def certified_degree(R: RealLike, eps: RealLike, max_degree: int = MAX_DEGREE) -> int:
    """Smallest g with rel_bound(R, g) <= eps, certified (g-1 certifiably fails the bound).

    Raises PrecisionError if the comparison stays undecided up to the precision cap, and
    InputError if the degree exceeds ``max_degree``.
    """
    Ra, ea = to_arb(R), to_arb(eps)
    if not (ea > 0):
        raise InputError("eps must be positive")
    if _degree_zero_suffices(Ra, ea):
        return 0
    if _degree_exceeds(Ra, ea, max_degree):
        raise InputError(f"the certified degree exceeds {max_degree} (R = {Ra.str(6, radius=False)}, "
                         f"eps = {ea.str(6, radius=False)}); the polynomial method is hopeless here")
    prec = _start_prec(Ra, ea)
    while prec <= PREC_CAP:
        with workprec(prec):   # exact inputs converted at the working precision (not at 53 bits)
            Rp = to_arb(R) if not isinstance(R, arb) else Ra
            ep = to_arb(eps) if not isinstance(eps, arb) else ea
        g = _search(Rp, ep, prec, max_degree)
        if g is not None:
            return g
        prec *= 2
    raise PrecisionError(f"could not certify the degree for R={Ra}, eps={ea} within {PREC_CAP} bits")


def _degree_zero_suffices(Ra: arb, ea: arb) -> bool:
    """Certified rel_bound(R, 0) <= eps from rel_bound(R, 0) = e^R (e^R - I_0(R)) <= R e^{2R}
    (I_0 >= 1 and e^R - 1 <= R e^R): decides tiny R without the e^R - I_0(R) cancellation."""
    with workprec(128):
        return bool((Ra * (2 * Ra).exp()) <= ea)


def _degree_exceeds(Ra: arb, ea: arb, m: int) -> bool:
    """Certified rel_bound(R, m) > eps, from rel_bound(R, m) >= 2 I_{m+1}(R) >= 2 (R/2)^{m+1}/(m+1)!
    (e^R >= 1, every I_k(R) > 0, and the first term of I_{m+1}'s series): refuses hopeless requests
    before the search (the log of both sides, so any magnitude)."""
    with workprec(128):
        low = arb(2).log() + (m + 1) * (Ra / 2).log() - arb(m + 2).lgamma()
        return bool(low > ea.log())


def _search(Ra: arb, ea: arb, prec: int, max_degree: int) -> int | None:
    """One pass at fixed precision: the first certified g, or None if a comparison was undecided."""
    with workprec(prec):
        Ra, ea = +Ra, +ea
        eR = Ra.exp()
        tail2 = eR - Ra.bessel_i(0)
        prev = None
        for g in range(0, max_degree + 1):
            if g > 0:
                tail2 = tail2 - 2 * Ra.bessel_i(g)
            b = eR * tail2
            if b <= ea:  # certified: the whole ball is <= eps
                if g == 0 or (prev is not None and prev > ea):
                    return g
                return None  # g-1 was undecided: need more precision
            if not (b > ea):
                return None  # undecided at this precision
            prev = b
    raise InputError(f"the certified degree exceeds {max_degree} (R = {Ra.str(6, radius=False)}); "
                     "the polynomial method is hopeless here")


def chebyshev_monomial_coeffs(R: RealLike, g: int, prec: int) -> list[arb]:
    """Coefficients a_0..a_g (in powers of x) of the degree-g Chebyshev truncation on [-R, R].

    Exact integer Chebyshev coefficients times arb Bessel values; ``prec`` must cover the 2^g
    cancellation in the T_k coefficients (callers pass >= 2g + 64 bits).
    """
    Ra = to_arb(R)
    with workprec(prec):
        Ra = +Ra
        ck = [Ra.bessel_i(0)] + [2 * Ra.bessel_i(k) for k in range(1, g + 1)]
        # integer coefficients of T_k via T_{k+1} = 2t T_k - T_{k-1}
        tprev, tcur = [1], [0, 1]
        polys = [tprev, tcur]
        for _ in range(2, g + 1):
            nxt = [0] + [2 * c for c in tcur]
            for i, c in enumerate(tprev):
                nxt[i] -= c
            tprev, tcur = tcur, nxt
            polys.append(tcur)
        coeff_t = [arb(0)] * (g + 1)  # coefficients in t = x / R
        for k in range(g + 1):
            for m, c in enumerate(polys[k]):
                if c:
                    coeff_t[m] = coeff_t[m] + ck[k] * c
        Rinv = 1 / Ra
        return [coeff_t[m] * Rinv ** m for m in range(g + 1)]


def aa22_degree_form(R: RealLike, eps: RealLike) -> dict:
    """The Aggarwal-Alman order of growth for relative error eps on [-R, R], hidden constant unknown.

    Relative error eps on [-R, R] is additive error eps on [0, 2R] after the shift
    P(x) = e^{-R} p(x + R) (|P - e^x| <= eps e^{-R} <= eps e^x), so AA22's d_{2R;eps}(e^x) applies:
    Theta(max{2R, log(1/eps) / log(log(1/eps) / (2R))}).
    """
    Ra, ea = to_arb(R), to_arb(eps)
    with workprec(128):
        L = (1 / ea).log()
        first = 2 * Ra
        ratio = L / (2 * Ra)
        second = None
        note = ""
        if ratio > math.e:
            second = L / ratio.log()
        else:
            note = "log(1/eps)/(2R) <= e: the second term is undefined or below log(1/eps); 2R dominates"
        value = first if second is None else (first if first > second else second)
    return {
        "expression": "Theta(max{2R, log(1/eps)/log(log(1/eps)/(2R))})",
        "first_term_2R": first.str(10, radius=False),
        "second_term": None if second is None else second.str(10, radius=False),
        "max_of_terms": value.str(10, radius=False),
        "hidden_constant": "unknown (AA22 give leading constants in most regimes in the paper body; not retrieved)",
        "note": note,
    }
