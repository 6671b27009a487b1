"""Error propagation: entrywise relative error of the kernel -> max-norm error of the output.

Per output row, with weights a_j > 0, o = sum a_j v_j / sum a_j and perturbed weights
a~_j = a_j (1 + d_j), |d_j| <= eps < 1:
    o~ - o = sum a_j d_j (v_j - o) / sum a~_j,
so |o~ - o| <= eps/(1-eps) * max_j |v_j - o| <= eps/(1-eps) * (max v - min v) <= 2 eps/(1-eps) * B
for entries of V in [-B, B].  Solving eps/(1-eps) * W = delta_F gives eps = delta_F / (W + delta_F).
Alman & Song state the cruder <= 2 eps ||V||_inf for eps < 0.1 (recalled, [R]).
"""
from __future__ import annotations

from fractions import Fraction

from flint import arb

U = Fraction(1, 2 ** 53)
"""Unit roundoff of IEEE float64 (round to nearest)."""


def required_relative_error(delta_F: Fraction, B: Fraction) -> Fraction:
    """Relative kernel accuracy eps with eps/(1-eps) * 2B = delta_F (output error <= delta_F)."""
    delta_F, B = Fraction(delta_F), Fraction(B)
    if delta_F <= 0 or B <= 0:
        raise ValueError("delta_F and B must be positive")
    return delta_F / (2 * B + delta_F)


def output_error_bound(eps, width):
    """eps/(1-eps) * width: the max-norm output error from relative kernel error eps (< 1)."""
    if isinstance(eps, arb) or isinstance(width, arb):
        return arb(eps) / (1 - arb(eps)) * arb(width)
    eps, width = Fraction(eps), Fraction(width)
    if not 0 <= eps < 1:
        raise ValueError("need 0 <= eps < 1")
    return eps / (1 - eps) * width


def gamma(k: int) -> arb:
    """gamma_k = k u / (1 - k u): the classical bound on k rounding errors in float64."""
    ku = k * U
    if ku >= Fraction(1, 2):
        raise ValueError("too many rounding steps for the a-priori bound")
    g = ku / (1 - ku)
    from boundcalc.apti.degree import to_arb
    return to_arb(g)


def float_error_bound(n: int, r: int, g: int, S: arb, R: arb, eps: arb, vmax: arb,
                      wmax: arb) -> arb | None:
    """A-priori bound on the float64 error of U1 (U2^T [V, 1]) followed by the division.

    Every term w_a F_ia F_ja V_jc passes through at most K = n + r + 2g + 8 roundings, so each of
    the numerator and denominator is off by at most gamma_K * S * (sum_j |V_jc|) resp. gamma_K * S * n,
    with S = sum_m |c_m| tau^m >= sum_a |w_a F_ia F_ja| (wmax = max |w_a|).  The exact denominator is at least
    n e^{-R} (1 - eps).  An absolute term covers underflow.  Returns None if the denominator is not
    certified positive (float64 cannot do this request).
    """
    K = n + r + 2 * g + 8
    gam = gamma(K)
    kappa = gam * S
    dmin = (-R).exp() * (1 - eps)
    # underflow: each multiplication may add |eta| <= 2^-1075; later factors are <= max(1, |w|)
    # and max(1, |V|) in size (features have |x|^alpha <= 1), counted crudely over all products.
    tiny = arb(2) ** -1070 * n * r * (2 * g + 6) * (1 + wmax) * (1 + vmax)
    eta_d = kappa * n + tiny
    eta_n = kappa * n * vmax + tiny
    den = n * dmin - eta_d
    if not (den > 0 and kappa < dmin / 2):
        return None
    err = (eta_n + vmax * eta_d) / den
    return err + 2 * to_arb_u() * (vmax + err)


def to_arb_u() -> arb:
    from boundcalc.apti.degree import to_arb
    return to_arb(U)
