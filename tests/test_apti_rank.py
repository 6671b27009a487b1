"""Ranks and the monomial layout against brute-force enumeration."""
import itertools
from math import factorial

import numpy as np

from boundcalc.apti.rank import MonomialLayout, as23_rank_bound, monomial_rank


def _brute_monomials(d, g):
    return {a for a in itertools.product(range(g + 1), repeat=d) if sum(a) <= g}


def test_rank_counts_monomials():
    for d in range(1, 5):
        for g in range(0, 6):
            assert monomial_rank(d, g) == len(_brute_monomials(d, g))


def test_as23_bound_formula_and_looseness():
    for d, g in [(1, 0), (2, 3), (4, 6), (8, 2)]:
        n, k = 2 * (g + d), 2 * g
        assert as23_rank_bound(d, g) == factorial(n) // (factorial(k) * factorial(n - k))
        assert as23_rank_bound(d, g) >= monomial_rank(d, g)
    assert as23_rank_bound(8, 2) == 4845 and monomial_rank(8, 2) == 45  # reference-notes table, d=8 g=2


def test_layout_columns_and_features():
    rng = np.random.default_rng(1)
    for d, g in [(1, 4), (3, 3), (4, 5)]:
        lay = MonomialLayout(d, g)
        ex = lay.exponents()
        assert len(ex) == len(set(ex)) == lay.rank
        assert set(ex) == _brute_monomials(d, g)
        mult = lay.multinomials()
        for a, m in zip(ex, mult):
            ref = factorial(sum(a))
            for ai in a:
                ref //= factorial(ai)
            assert m == ref
        X = rng.uniform(-1, 1, (7, d))
        F = lay.features_T(X)
        ref = np.array([np.prod(X ** np.array(a), axis=1) for a in ex])
        assert np.allclose(F, ref, rtol=1e-13, atol=1e-15)
        # sum over degree-m columns of mult * q^a k^a == (q.k)^m
        q, k = X[0], X[1]
        Fq, Fk = lay.features_T(q[None])[:, 0], lay.features_T(k[None])[:, 0]
        deg = lay.degrees()
        for m in range(g + 1):
            sel = deg == m
            assert np.isclose(np.sum(np.array(mult, float)[sel] * Fq[sel] * Fk[sel]), np.dot(q, k) ** m)
