"""The APTI calculator: interval, accuracy, degree, rank, operation counts and the threshold.

Worst case under Problem 1's guarantee max(|Q_p|, |K_p|, |V_p|) <= B with scores s = scale * <q, k>:
|s| <= R = scale * d * B^2, and V's column range is at most 2B.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction

from flint import arb

from boundcalc.apti.degree import (aa22_degree_form, certified_degree,
                                   chebyshev_monomial_coeffs, rel_bound_sequence, to_arb, workprec,
                                   _start_prec)
from boundcalc.apti.errors_prop import float_error_bound, required_relative_error
from boundcalc.apti.rank import as23_rank_bound, monomial_rank
from boundcalc.errors import InputError, PrecisionError
from boundcalc.numbers import Real, parse_exact

SCHEMA = "boundcalc.apti/1"
SCALES = ("none", "1/d", "1/sqrt(d)")
MAX_R = 1000
"""Score radii above this are not searched (degree in the thousands, rank beyond any machine)."""


def score_radius(d: int, B: Fraction, scale: str) -> Real:
    """R = scale * d * B^2: the half-width of the interval every score lies in."""
    if scale == "none":
        return Real(d * B * B)
    if scale == "1/d":
        return Real(B * B)
    if scale == "1/sqrt(d)":
        return Real(d).sqrt() * Real(B * B)
    raise InputError(f"scale must be one of {', '.join(SCALES)}")


@dataclass
class AptiPlan:
    n: int
    d: int
    B: Fraction
    delta_F: Fraction
    scale: str
    L: int | None = None
    Lp: int | None = None
    R: Real = None
    eps: Fraction = None
    degree: int | None = None
    degree_note: str = ""
    data: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return self.data


def _frac(q) -> str:
    """An exact number as a string: all digits (or p/q) up to 1000 digits, else a decimal (any size)."""
    return Real(q).to_json()


def _dec(x: arb, digits: int = 6) -> str:
    """A ball's midpoint to ``digits`` significant digits (arb prints any exponent; never a float)."""
    return x.str(digits, radius=False)


def _ln(x) -> arb:
    """ln x of an exact positive int or Fraction, as a ball (works for any magnitude)."""
    with workprec(128):
        return to_arb(Fraction(x)).log()


def validate(n, d, B, delta_F, scale, L=None, Lp=None) -> tuple[int, int, Fraction, Fraction, str, int | None, int | None]:
    """Parse and check every input before anything is computed (InputError on the first problem)."""
    def nonneg_int(x, name):
        q = parse_exact(x, name)
        if q.denominator != 1 or q < 0:
            raise InputError(f"{name} must be a non-negative integer, got {x}")
        return int(q)

    Li = None if L is None else nonneg_int(L, "L")
    Lpi = None if Lp is None else nonneg_int(Lp, "Lp")
    if (Li is None) != (Lpi is None):
        raise InputError("give both --L and --Lp (or --n)")
    ni = None if n is None else nonneg_int(n, "n")
    if ni is None and Li is None:
        raise InputError("give --n, or --L and --Lp")
    if Li is not None:
        if ni is not None and ni != Li + Lpi:
            raise InputError(f"n = {ni} disagrees with L + Lp = {Li + Lpi}")
        ni = Li + Lpi
    if ni < 2:
        raise InputError(f"need n = L + Lp >= 2, got {ni}")
    dq = parse_exact(d, "d")
    if dq.denominator != 1 or dq < 1:
        raise InputError(f"d must be an integer >= 1, got {d}")
    Bq = parse_exact(B, "B")
    if Bq <= 0:
        raise InputError(f"B must be positive, got {B}")
    dF = parse_exact(delta_F, "delta_F")
    if not 0 < dF < 1:
        raise InputError(f"delta_F must satisfy 0 < delta_F < 1, got {delta_F}")
    sc = "none" if scale is None else str(scale).strip().lower().replace(" ", "")
    if sc not in SCALES:
        raise InputError(f"scale must be one of {', '.join(SCALES)}, got {scale}")
    return ni, int(dq), Bq, dF, sc, Li, Lpi


def apti_plan(n=None, d=None, B=None, delta_F=None, scale: str = "none", L=None, Lp=None) -> AptiPlan:
    """Everything `boundcalc apti` reports, as a plan object (to_dict() is the JSON record)."""
    n, d, B, dF, scale, L, Lp = validate(n, d, B, delta_F, scale, L, Lp)
    R = score_radius(d, B, scale)
    Ra = R.arb(512)
    R_in = R.as_fraction() if R.is_rational else R.arb(8192)   # exact for the degree search when rational
    eps = required_relative_error(dF, B)
    eps_as23 = dF / (2 * B)
    plan = AptiPlan(n=n, d=d, B=B, delta_F=dF, scale=scale, L=L, Lp=Lp, R=R, eps=eps)
    lnn = _ln(n)

    out: dict = {
        "schema": SCHEMA,
        "inputs": {"n": _frac(n), "L": None if L is None else _frac(L), "Lp": None if Lp is None else _frac(Lp),
                   "d": _frac(d), "B": _frac(B), "delta_F": _frac(dF), "scale": scale},
        "interval": {"formula": {"none": "R = d*B^2", "1/d": "R = B^2", "1/sqrt(d)": "R = sqrt(d)*B^2"}[scale],
                     "R": R.to_json(), "R_decimal": _dec(Ra, 10),
                     "convention": ("paper Problem 1: Softmax(K_p^T Q_p), no score scaling" if scale == "none"
                                    else f"scores multiplied by {scale}")},
        "accuracy": {"eps": _frac(eps), "eps_decimal": _dec(to_arb(eps), 10),
                     "rule": "output error <= eps/(1-eps) * (max V - min V) <= 2*eps/(1-eps)*B; eps = delta_F/(2B + delta_F)",
                     "eps_as23_form": _frac(eps_as23),
                     "as23_rule": "[R] AS23: error <= 2*eps*||V||_inf for eps < 0.1, i.e. eps = delta_F/(2B)"},
        "degree": {"aa22": aa22_degree_form(Ra, eps)},
    }
    g = None
    try:
        if Ra > MAX_R:
            raise InputError(f"R > {MAX_R}: degree search not attempted (the polynomial method is hopeless here)")
        g = certified_degree(R_in, eps)
    except InputError as exc:  # degree beyond MAX_DEGREE
        plan.degree_note = str(exc)
    # a PrecisionError (degree not certifiable within the cap) propagates: the CLI's exit code 3
    plan.degree = g
    deg = {"construction": "Chebyshev truncation of exp on [-R, R]",
           "bound": "relative error <= e^R * (e^R - I_0(R) - 2*sum_{k=1..g} I_k(R))",
           "certified_degree": None if g is None else str(g), "note": plan.degree_note}
    if g is not None:
        seq = rel_bound_sequence(R_in, g, _start_prec(Ra, to_arb(eps)) + 64)
        deg["bound_at_g"] = seq[g].upper().str(6, radius=False)
        deg["bound_at_g_minus_1"] = None if g == 0 else seq[g - 1].lower().str(6, radius=False)
        if g == 0 and not seq[0].upper() <= to_arb(eps):      # certified by the small-R bound instead
            deg["bound_at_g"] = f"<= R*e^(2R) = {_dec((Ra * (2 * Ra).exp()).upper(), 6)}"
        deg["minimal_means"] = ("the bound at g is <= eps and the bound at g-1 is > eps, both certified "
                                "with arb balls; minimal for this construction and this bound")
    out["degree"].update(deg)

    if g is not None:
        r, r_as = monomial_rank(d, g), as23_rank_bound(d, g)
        ops_low, ops_exact = n * r * d, n * n * d
        out["rank"] = {"r": _frac(r), "r_display": Real(r).format(), "formula": "C(d+g, g)",
                       "as23_bound": _frac(r_as), "as23_display": Real(r_as).format(),
                       "as23_formula": "C(2(g+d), 2g) [R: recalled from Alman-Song, not verified]"}
        out["operations"] = {
            "lowrank": _frac(ops_low), "exact": _frac(ops_exact), "model": "n*r*d vs n^2*d",
            "ratio_exact_over_lowrank": _dec(to_arb(Fraction(n, r)), 6),
            "predicted_crossover_n": _frac(r + 1),
            "crossover_note": "at fixed B, d, delta_F the rank r does not depend on n, so n*r*d < n^2*d iff n > r",
            "lowrank_fewer_ops": n > r}
        out["float64"] = _float64_section(n, d, g, r, Ra, eps, B, dF)
    else:
        out["rank"] = {"r": None, "note": "degree not computed"}
        out["operations"] = {"note": "degree not computed"}
        out["float64"] = {"note": "degree not computed"}
    out["threshold"] = _threshold_section(n, d, B, Ra, g, scale, lnn)
    plan.data = out
    return plan


def _float64_section(n, d, g, r, Ra, eps, B, dF) -> dict:
    """A-priori float64 bound of lowrank_attention for worst-case data at this degree."""
    if g > 400:
        return {"note": "degree too large for the float64 estimate"}
    R_c = Ra.upper()
    prec = max(2 * g + 96, _start_prec(R_c, to_arb(eps)) + 64)
    with workprec(prec):
        a = chebyshev_monomial_coeffs(R_c, g, prec)
        terms = [abs(a[m]) * R_c ** m for m in range(g + 1)]
        S = sum(terms, arb(0))
        top = terms[0]
        for t in terms[1:]:
            top = t if t.upper() > top.upper() else top
        wmax = top * math.comb(g, g // 2) * math.factorial(g)
    try:
        ferr = float_error_bound(n, r, g, S, R_c, to_arb(eps), to_arb(B), wmax)
    except ValueError:
        ferr = None
    floor = arb(2) ** -53 * (2 * R_c).exp()
    res = {"unit_roundoff_times_e^(2R)": floor.upper().str(4, radius=False),
           "a_priori_float_bound": None if ferr is None else ferr.upper().str(4, radius=False)}
    if ferr is None:
        res["certifiable"] = False
        res["note"] = "float64 cannot certify a positive denominator here"
    else:
        res["certifiable_within_delta_F"] = bool(ferr < to_arb(dF))
        res["note"] = ("lowrank_attention raises the degree until math + float <= delta_F; "
                       "worst-case float bound shown for the math-only degree")
    return res


def _threshold_section(n, d, B, Ra, g, scale, lnn: arb) -> dict:
    """Where (n, d, B) sit against sqrt(ln n), as balls (any magnitude; no float conversion)."""
    with workprec(128):
        sq = lnn.sqrt()
        lnr = None if g is None else _ln(monomial_rank(d, g))
        res = {
            "ln_n": _dec(lnn), "sqrt_ln_n": _dec(sq), "B_over_sqrt_ln_n": _dec(to_arb(B) / sq),
            "d_over_ln_n": _dec(to_arb(d) / lnn), "R_over_ln_n": _dec(Ra / lnn),
            "theorem_constants": ("Thm 3.1: C, C_a, C_b exist for each q > 0 (SETH reduction of AS23); no values "
                                  "are given, so no single instance can be placed above the hardness threshold. "
                                  "Thm 3.2: B = o(sqrt(log n)) is asymptotic; it has no constant to evaluate."),
            "what_governs": ("the polynomial method's rank is n^{o(1)} roughly when R = o(log n) with "
                             "log(1/eps) = Theta(log n); R/ln n is the explicit quantity"),
        }
        if g is not None:
            r = monomial_rank(d, g)
            res["rank_exponent_log_r_over_ln_n"] = _dec(lnr / lnn)
            res["lowrank_time_exponent"] = _dec((lnn + lnr + _ln(d)) / lnn)
            res["exact_time_exponent"] = _dec((2 * lnn + _ln(d)) / lnn)
            res["side"] = ("below: rank < n, the low-rank method needs fewer operations (indicative only)"
                           if r < n else "above: rank >= n, no saving over exact attention at this n (indicative only)")
    if scale == "none":
        res["convention_note"] = ("With no score scaling R = d*B^2. AS23 scale scores by 1/d (R = B^2); with "
                                  "d = Theta(log n) the paper's B = o(sqrt(log n)) allows R up to o(log^2 n), "
                                  "outside AS23's almost-linear regime (see docs/apti.md).")
    return res
