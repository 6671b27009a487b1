"""Almost-linear softmax attention by the polynomial method, with a certified error bound.

Row i of the output approximates sum_j softmax_j(s_ij) v_j with s_ij = scale * <q_i, k_j>
(scale 1 is the paper's Problem 1). The kernel e^s is replaced by a polynomial P(s) of degree g,
so P(S) = U1 U2^T with U1, U2 of n x r monomial features, r = C(d+g, g); the output is
U1 (U2^T V) / U1 (U2^T 1). No n x n matrix is formed: K-side and Q-side features are built in
row blocks, so memory is O(r (block + d)).

The returned bound is certified: (Chebyshev truncation bound + coefficient rounding) -> relative
kernel error eps -> output error eps/(1-eps) * (column range of V), plus an a-priori float64
rounding bound (errors_prop.float_error_bound). Requests float64 cannot certify are refused.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Union

import numpy as np
from flint import arb

from boundcalc.apti.degree import (certified_degree, chebyshev_monomial_coeffs, rel_bound_sequence,
                                   to_arb, workprec, _start_prec)
from boundcalc.apti.errors_prop import float_error_bound, gamma
from boundcalc.apti.rank import MonomialLayout
from boundcalc.errors import InputError, PrecisionError

ScaleLike = Union[None, str, int, Fraction]

MEMORY_LIMIT = 2 << 30
"""Bytes the feature blocks may use before a request is refused (default 2 GiB)."""

BLOCK_BYTES = 48 << 20
"""Target size of one feature block (r x b doubles)."""

BLOCK_FLOPS = 1 << 19
"""Target b*r*(d+1) per gemm call: below OpenBLAS's threading threshold (measured near 2^20)."""

EXTRA_DEGREES = 10
"""How far above the math-only degree the search goes to absorb the float64 budget."""


@dataclass
class LowRankResult:
    """The output, its certified max-norm error bound, and how it was obtained."""

    Z: np.ndarray
    bound: float
    degree: int
    rank: int
    R: float                  # certified upper bound on max |s_ij| actually used
    eps: float                # certified relative error of the kernel polynomial
    math_bound: float         # eps/(1-eps) * column range of V
    float_bound: float        # a-priori float64 rounding bound
    scale: str
    details: dict = field(default_factory=dict)


def resolve_scale(scale: ScaleLike, d: int) -> tuple[str, arb, Fraction | None]:
    """(label, value as arb, exact value or None) for None/'none'/'1/d'/'1/sqrt(d)'/a positive rational."""
    if scale is None or (isinstance(scale, str) and scale.strip().lower() in ("none", "1")):
        return "none", arb(1), Fraction(1)
    if isinstance(scale, str):
        key = scale.strip().lower().replace(" ", "")
        if key == "1/d":
            return "1/d", arb(1) / d, Fraction(1, d)
        if key in ("1/sqrt(d)", "1/sqrtd", "1/√d"):
            root = math.isqrt(d)
            exact = Fraction(1, root) if root * root == d else None
            return "1/sqrt(d)", 1 / arb(d).sqrt(), exact
        from boundcalc.numbers import parse_exact
        q = parse_exact(scale, "scale")
    elif isinstance(scale, (int, Fraction)) and not isinstance(scale, bool):
        q = Fraction(scale)
    else:
        raise InputError(f"scale: expected none, 1/d, 1/sqrt(d) or a positive rational, got {scale!r}")
    if q <= 0:
        raise InputError("scale must be positive")
    return str(q), to_arb(q), q


def _check_arrays(Q, K, V) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    arrs = []
    for name, X in (("Q", Q), ("K", K), ("V", V)):
        X = np.asarray(X)
        if X.ndim != 2:
            raise InputError(f"{name} must be a 2-d array (n, d)")
        if not np.issubdtype(X.dtype, np.number) or np.iscomplexobj(X):
            raise InputError(f"{name} must be real")
        X = np.ascontiguousarray(X, dtype=np.float64)
        if not np.all(np.isfinite(X)):
            raise InputError(f"{name} has non-finite entries")
        arrs.append(X)
    Q, K, V = arrs
    if not (Q.shape == K.shape == V.shape):
        raise InputError(f"Q, K, V must have the same shape (n, d); got {Q.shape}, {K.shape}, {V.shape}")
    if Q.shape[0] < 1 or Q.shape[1] < 1:
        raise InputError("need n >= 1 and d >= 1")
    return Q, K, V


def _pow2_normalise(X: np.ndarray) -> tuple[np.ndarray, int, arb]:
    """X * 2^-e with max row norm <= 1 (exact scaling), e, and a certified bound on that norm."""
    n, d = X.shape
    e = 0
    rho_up = _rho_upper(X)
    if rho_up > 0:
        e = math.frexp(float(rho_up.upper()) * (1 + 2.0 ** -40))[1]  # 2^e > rho
    Xh = np.ldexp(X, -e)
    if not np.array_equal(np.ldexp(Xh, e), X):
        raise InputError("entries span too many binades for exact power-of-two scaling (subnormals)")
    return Xh, e, _rho_upper(Xh)


def _rho_upper(X: np.ndarray) -> arb:
    """Certified upper bound of max_i ||x_i||_2 from the float64 row sums of squares."""
    n, d = X.shape
    f = float(np.max(np.einsum("ij,ij->i", X, X))) if n else 0.0
    s = (arb(f) + arb(2) ** -1074 * d) / (1 - gamma(d + 1))
    return s.sqrt()


def exact_attention(Q, K, V, scale: ScaleLike = None, block: int | None = None) -> np.ndarray:
    """Reference softmax attention in float64, computed in row blocks (memory O(block * n))."""
    Q, K, V = _check_arrays(Q, K, V)
    n, d = Q.shape
    _, sc, _ = resolve_scale(scale, d)
    s = float(sc.mid())
    Z = np.empty_like(V)
    b = block or max(1, min(n, (64 << 20) // (8 * n)))
    for i in range(0, n, b):
        S = Q[i:i + b] @ K.T
        if s != 1.0:
            S *= s
        S -= S.max(axis=1, keepdims=True)
        np.exp(S, out=S)
        Z[i:i + b] = (S @ V) / S.sum(axis=1, keepdims=True)
    return Z


def lowrank_attention(Q, K, V, delta_F, scale: ScaleLike = None,
                      memory_limit: int = MEMORY_LIMIT) -> tuple[np.ndarray, float]:
    """(Z, bound): Z approximates softmax attention with ||Z - exact||_max <= bound <= delta_F.

    Q, K, V: arrays (n, d); delta_F: target max-norm error (exact rational: str, Fraction, int;
    a float is taken as its exact binary value); scale: None (paper), '1/d', '1/sqrt(d)' or a
    rational. Raises InputError if float64 cannot certify delta_F or the rank is too large.
    """
    res = lowrank_attention_detailed(Q, K, V, delta_F, scale, memory_limit)
    return res.Z, res.bound


def _parse_delta(delta_F) -> Fraction:
    if isinstance(delta_F, float):
        if not math.isfinite(delta_F):
            raise InputError("delta_F must be finite")
        q = Fraction(delta_F)
    else:
        from boundcalc.numbers import parse_exact
        q = parse_exact(delta_F, "delta_F")
    if not 0 < q < 1:
        raise InputError("delta_F must satisfy 0 < delta_F < 1")
    return q


def _up(x: arb) -> float:
    """A float >= every point of the ball."""
    return math.nextafter(float(x.upper()), math.inf)


def lowrank_attention_detailed(Q, K, V, delta_F, scale: ScaleLike = None,
                               memory_limit: int = MEMORY_LIMIT) -> LowRankResult:
    """As lowrank_attention, returning degree, rank and the parts of the bound as well."""
    Q, K, V = _check_arrays(Q, K, V)
    delta = _parse_delta(delta_F)
    n, d = Q.shape
    label, sc, _ = resolve_scale(scale, d)

    Qh, eq, rq = _pow2_normalise(Q)
    Kh, ek, rk = _pow2_normalise(K)
    tau = rq * rk                                  # |q^ . k^| <= tau
    mu = sc * arb(2) ** (eq + ek)                  # s = mu * (q^ . k^)
    R_ball = mu * tau
    vmax = to_arb(float(np.max(np.abs(V))))
    width = max((to_arb(float(hi)) - to_arb(float(lo)) for lo, hi in zip(V.min(0), V.max(0))),
                key=lambda a: float(a.upper()))
    delta_a = to_arb(delta)

    plan = _choose_degree(n, d, R_ball, tau, mu, width, vmax, delta_a, memory_limit)
    g, coeffs = plan["g"], plan["coeffs"]
    layout = MonomialLayout(d, g)
    r = layout.rank
    mult = np.array([float(m) for m in layout.multinomials()])
    w = np.asarray(coeffs)[layout.degrees()] * mult
    # modest row blocks: skinny gemms stay on OpenBLAS's single-thread path, whose thread start-up
    # otherwise costs milliseconds per call on a busy 2-core machine (measured)
    b = max(1, min(n, max(16, BLOCK_FLOPS // (r * (d + 1))), BLOCK_BYTES // (8 * r)))

    VV = np.empty((n, d + 1))
    VV[:, :d] = V
    VV[:, d] = 1.0
    M = np.zeros((r, d + 1))
    F = np.empty((r, b))
    for i in range(0, n, b):
        blk = Kh[i:i + b]
        Fb = layout.features_T(blk, out=F[:, :blk.shape[0]])
        M += Fb @ VV[i:i + b]
    M *= w[:, None]
    Z = np.empty((n, d))
    for i in range(0, n, b):
        blk = Qh[i:i + b]
        Fb = layout.features_T(blk, out=F[:, :blk.shape[0]])
        Y = Fb.T @ M
        den = Y[:, d]
        if not np.all(den > 0):
            raise PrecisionError("a computed denominator is not positive (contradicts the certified bound)")
        Z[i:i + b] = Y[:, :d] / den[:, None]
    return LowRankResult(
        Z=Z, bound=_up(plan["total"]), degree=g, rank=r, R=_up(R_ball), eps=_up(plan["eps"]),
        math_bound=_up(plan["math"]), float_bound=_up(plan["float"]), scale=label,
        details={"delta_F": f"{delta.numerator}/{delta.denominator}", "n": n, "d": d, "block": b,
                 "math_only_degree": plan["g0"]})


def _choose_degree(n, d, R_ball, tau, mu, width, vmax, delta_a, memory_limit) -> dict:
    """Smallest degree (from the math-only degree upwards) whose total certified bound is <= delta_F."""
    R_c = R_ball.upper()                            # exact dyadic upper bound of max |s|
    degenerate = not (R_c > 0)
    eps_target = delta_a / (width + delta_a)
    if degenerate:
        g0 = 0
    elif width == 0:
        g0 = 0
    else:
        g0 = certified_degree(R_c, eps_target)
    seq = None if degenerate else rel_bound_sequence(R_c, g0 + EXTRA_DEGREES,
                                                     _start_prec(R_c, eps_target) + 64)
    best = None
    for g in range(g0, g0 + EXTRA_DEGREES + 1):
        r = math.comb(d + g, g)
        need = 8 * r * (min(n, 64) + 2 * d + 4)
        if need > memory_limit:
            raise InputError(f"rank r = C(d+g, g) = {r} at degree {g} needs about {need} bytes of "
                             f"feature memory, above the limit {memory_limit}")
        if degenerate:
            coeffs, eps_cheb, c_arb = [1.0], arb(0), [arb(1)]
        else:
            prec = max(2 * g + 96, _start_prec(R_c, eps_target) + 64)
            with workprec(prec):
                a = chebyshev_monomial_coeffs(R_c, g, prec)
                c_arb = [a[m] * (+mu) ** m for m in range(g + 1)]
            coeffs = [float(c.mid()) for c in c_arb]
            eps_cheb = seq[g]
        # coefficient rounding: |sum (c^_m - c_m) t^m| <= sum |c^_m - c_m| tau^m, relative to e^{-R}
        dc = sum(((arb(ch) - c).abs_upper() * tau ** m for m, (ch, c) in enumerate(zip(coeffs, c_arb))),
                 arb(0))
        eps = eps_cheb + dc * (R_c.exp() if not degenerate else arb(1))
        if not (eps < 1):
            continue
        math_err = eps / (1 - eps) * width
        S = sum((abs(arb(c)) * tau ** m for m, c in enumerate(coeffs)), arb(0))
        maxmult = max(math.comb(g, k) for k in range(g + 1)) * math.factorial(g)  # >= any multinomial
        wmax = max(abs(c) for c in coeffs) * arb(maxmult)
        ferr = float_error_bound(n, r, g, S, R_c if not degenerate else arb(0), eps, vmax, wmax)
        if ferr is None:
            continue
        total = math_err + ferr
        cand = {"g": g, "g0": g0, "coeffs": coeffs, "eps": eps, "math": math_err,
                "float": ferr, "total": total}
        if total <= delta_a:
            return cand
        if best is None:
            best = cand
    floor = "" if best is None else f" (best certified total {best['total'].str(3, radius=False)} at degree {best['g']})"
    raise InputError(f"float64 cannot certify delta_F = {delta_a.str(5, radius=False)} for R <= "
                     f"{R_ball.upper().str(5, radius=False)}: the rounding floor grows like u*e^(2R)*n{floor}")
