"""Certified Chebyshev degree vs an independent mpmath computation (quadrature + dense sampling)."""
from fractions import Fraction

import mpmath as mp
import pytest

from boundcalc.apti.degree import (aa22_degree_form, certified_degree, chebyshev_monomial_coeffs,
                                   chebyshev_rel_bound)


def _cheb_coeffs_quad(R, gmax):
    """c_k = (2/pi) int_0^pi e^{R cos th} cos(k th) dth (c_0 halved): no Bessel function used."""
    out = []
    for k in range(gmax + 1):
        c = 2 / mp.pi * mp.quad(lambda th: mp.exp(R * mp.cos(th)) * mp.cos(k * th), [0, mp.pi])
        out.append(c / 2 if k == 0 else c)
    return out


def _sampled_rel_error(R, coeffs, g, npts=801):
    worst = mp.mpf(0)
    for i in range(npts):
        t = mp.cos(mp.pi * i / (npts - 1))  # Chebyshev-spaced samples, endpoints included
        p = sum(coeffs[k] * mp.chebyt(k, t) for k in range(g + 1))
        worst = max(worst, abs(p - mp.exp(R * t)) / mp.exp(R * t))
    return worst


@pytest.mark.parametrize("R", [Fraction(1, 2), Fraction(1), Fraction(2)])
def test_certified_degree_vs_sampled_truncation(R):
    mp.mp.dps = 40
    Rm = mp.mpf(R.numerator) / R.denominator
    coeffs = _cheb_coeffs_quad(Rm, 22)
    for eps in ("1e-2", "1e-4", "1e-8"):
        g = certified_degree(R, eps)
        e = mp.mpf(eps)
        g_s = next(h for h in range(23) if _sampled_rel_error(Rm, coeffs, h, 201) <= e)
        # the bound dominates the true error, so the sampled minimum can only be smaller or equal;
        # for g + 2 >= 1.32 R the tail is dominated by I_{g+1} (ratio <= R/(2(g+2)) <= 0.38),
        # which forces the bound at g_s + 1 below the true error at g_s: at most one degree apart.
        assert g_s <= g <= g_s + 1, (R, eps, g, g_s)


def test_bound_matches_bessel_tail_from_mpmath():
    mp.mp.dps = 50
    for R, g in [(1, 5), (3, 12), (Fraction(7, 2), 9)]:
        Rm = mp.mpf(Fraction(R).numerator) / Fraction(R).denominator
        tail = mp.nsum(lambda k: mp.besseli(k, Rm), [g + 1, mp.inf])
        ref = 2 * mp.exp(Rm) * tail
        ball = chebyshev_rel_bound(R, g, 200)
        lo, hi = mp.mpf(ball.lower().str(40, radius=False)), mp.mpf(ball.upper().str(40, radius=False))
        assert lo * (1 - mp.mpf(10) ** -30) <= ref <= hi * (1 + mp.mpf(10) ** -30)


def test_degree_is_certified_both_ways():
    for R, eps in [(1, "1/65537"), (4, "1e-6"), (8, "1e-9"), (Fraction(1, 10), "1e-3")]:
        g = certified_degree(R, eps)
        e = Fraction(eps)
        assert float(chebyshev_rel_bound(R, g, 400).upper()) <= float(e) * (1 + 1e-12)
        if g > 0:
            assert float(chebyshev_rel_bound(R, g - 1, 400).lower()) > float(e)


def test_monomial_coefficients_reproduce_truncation():
    mp.mp.dps = 40
    R, g = 2, 9
    a = chebyshev_monomial_coeffs(R, g, 256)
    coeffs = _cheb_coeffs_quad(mp.mpf(R), g)
    for x in [mp.mpf(-2), mp.mpf("-0.7"), mp.mpf(0), mp.mpf("1.3"), mp.mpf(2)]:
        p_mono = sum(mp.mpf(a[m].mid().str(45, radius=False)) * x ** m for m in range(g + 1))
        p_cheb = sum(coeffs[k] * mp.chebyt(k, x / R) for k in range(g + 1))
        assert abs(p_mono - p_cheb) < mp.mpf(10) ** -25


def test_aa22_form_terms():
    f = aa22_degree_form(1, Fraction(1, 10 ** 6))
    L = mp.log(10 ** 6)
    assert abs(mp.mpf(f["second_term"]) - L / mp.log(L / 2)) < 1e-8
    assert f["first_term_2R"].startswith("2.0")
    assert "unknown" in f["hidden_constant"]
