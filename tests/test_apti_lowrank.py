"""lowrank_attention against exact attention: error <= certified bound <= delta_F, and refusals."""
from fractions import Fraction

import mpmath as mp
import numpy as np
import pytest

from boundcalc.apti.errors_prop import output_error_bound, required_relative_error
from boundcalc.apti.lowrank import exact_attention, lowrank_attention, lowrank_attention_detailed
from boundcalc.errors import InputError


def _mp_attention(Q, K, V, scale):
    """Softmax attention in mpmath at 30 digits (an independent reference)."""
    mp.mp.dps = 30
    n, d = Q.shape
    out = np.empty((n, d))
    for i in range(n):
        s = [scale * mp.fsum(mp.mpf(Q[i, c]) * mp.mpf(K[j, c]) for c in range(d)) for j in range(n)]
        w = [mp.exp(x) for x in s]
        tot = mp.fsum(w)
        for c in range(d):
            out[i, c] = float(mp.fsum(w[j] * mp.mpf(V[j, c]) for j in range(n)) / tot)
    return out


def test_against_mpmath_reference():
    rng = np.random.default_rng(7)
    n, d, B = 40, 3, 0.6
    Q, K, V = (rng.uniform(-B, B, (n, d)) for _ in range(3))
    for scale, sval in [(None, 1.0), ("1/d", 1 / 3), ("1/sqrt(d)", 1 / np.sqrt(3))]:
        Z, bound = lowrank_attention(Q, K, V, "1e-5", scale=scale)
        ref = _mp_attention(Q, K, V, mp.mpf(1) / 3 if scale == "1/d" else
                            (1 / mp.sqrt(3) if scale else mp.mpf(1)))
        err = np.abs(Z - ref).max()
        assert err <= bound <= 1e-5
        assert err > 0  # an approximation, not the exact output


@pytest.mark.parametrize("seed", range(6))
def test_bound_never_violated_random(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(2, 300))
    d = int(rng.integers(1, 5))
    B = float(rng.choice([0.1, 0.3, 0.5, 0.8]))
    delta = rng.choice(["1e-3", "1e-6", "1/300"])
    scale = rng.choice([None, "1/d", "1/sqrt(d)"])
    Q, K, V = (rng.uniform(-B, B, (n, d)) for _ in range(3))
    res = lowrank_attention_detailed(Q, K, V, delta, scale=scale)
    ref = exact_attention(Q, K, V, scale=scale)
    err = np.abs(res.Z - ref).max()
    # the float64 reference itself is off by ~n*u relative; 1e-12 covers it and is far below delta
    assert err <= res.bound + 1e-12
    assert res.bound <= float(Fraction(delta))
    assert res.math_bound + res.float_bound <= res.bound * (1 + 1e-12)
    # degree actually used meets the math part: Chebyshev bound is monotone so g >= math-only g
    assert res.degree >= res.details["math_only_degree"]


def test_gaussian_entries_and_scaled_inputs():
    rng = np.random.default_rng(3)
    n, d = 257, 2
    Q = rng.normal(0, 0.4, (n, d)) * 1e-3   # tiny entries: power-of-two scaling must be exact
    K = rng.normal(0, 0.4, (n, d)) * 1e3
    V = rng.normal(0, 1, (n, d))
    Z, bound = lowrank_attention(Q, K, V, "1e-4")
    assert np.abs(Z - exact_attention(Q, K, V)).max() <= bound + 1e-12
    assert bound <= 1e-4


def test_constant_values_and_zero_queries():
    rng = np.random.default_rng(4)
    n, d = 50, 2
    Q, K = rng.uniform(-1, 1, (n, d)), rng.uniform(-1, 1, (n, d))
    V = np.full((n, d), 0.25)
    Z, bound = lowrank_attention(Q, K, V, "1e-6")
    assert np.abs(Z - 0.25).max() <= bound <= 1e-6
    Z, bound = lowrank_attention(np.zeros((n, d)), K, rng.uniform(-1, 1, (n, d)), "1e-6")
    assert bound <= 1e-6


def test_refuses_float_floor_and_memory():
    rng = np.random.default_rng(5)
    n, d = 64, 4
    Q, K, V = (rng.uniform(-3, 3, (n, d)) for _ in range(3))   # R up to 36: u*e^72 >> 1e-9
    with pytest.raises(InputError, match="float64"):
        lowrank_attention(Q, K, V, "1e-9")
    Q, K, V = (rng.uniform(-0.5, 0.5, (n, d)) for _ in range(3))
    with pytest.raises(InputError, match="rank"):
        lowrank_attention(Q, K, V, "1e-6", memory_limit=10_000)


def test_bad_inputs():
    Q = np.zeros((4, 2))
    for bad in ["0", "1", "-1e-3", "nan", "abc"]:
        with pytest.raises(InputError):
            lowrank_attention(Q, Q, Q, bad)
    with pytest.raises(InputError):
        lowrank_attention(Q, Q, np.zeros((4, 3)), "1e-3")
    with pytest.raises(InputError):
        lowrank_attention(Q, Q, Q * np.nan, "1e-3")


def test_error_propagation_constant():
    # hand derivation: eps/(1-eps) * 2B = delta  <=>  eps = delta / (2B + delta)
    for delta, B in [(Fraction(1, 10), Fraction(1)), (Fraction(1, 65536), Fraction(1, 2))]:
        eps = required_relative_error(delta, B)
        assert eps * 2 * B == delta * (1 - eps)
        assert output_error_bound(eps, 2 * B) == delta
    # brute force: adversarial perturbations of random weights never exceed eps/(1-eps) * range
    rng = np.random.default_rng(0)
    eps = 0.01
    for _ in range(2000):
        m = rng.integers(2, 6)
        a = rng.exponential(1, m)
        v = rng.uniform(-1, 1, m)
        dlt = rng.choice([-eps, eps], m)
        o = a @ v / a.sum()
        at = a * (1 + dlt)
        assert abs(at @ v / at.sum() - o) <= eps / (1 - eps) * (v.max() - v.min()) + 1e-15
