"""Ranks of the polynomial feature maps and the monomial layout used to build them.

A degree-g polynomial of <q, k> is an inner product of feature vectors with one coordinate per
monomial x^alpha, |alpha| <= g, in d variables: r = C(d+g, g) coordinates (exact count).
Alman & Song (2023) bound the rank by C(2(g+d), 2g) [recalled, not verified: see docs/apti.md].
"""
from __future__ import annotations

from math import comb, factorial

import numpy as np


def monomial_rank(d: int, g: int) -> int:
    """Number of monomials of degree <= g in d variables: C(d+g, g) (an exact int)."""
    _check(d, g)
    return comb(d + g, g)


def as23_rank_bound(d: int, g: int) -> int:
    """The looser Alman-Song-style rank bound C(2(g+d), 2g) (formula recalled, tag [R])."""
    _check(d, g)
    return comb(2 * (g + d), 2 * g)


def _check(d: int, g: int) -> None:
    if not (isinstance(d, int) and isinstance(g, int)) or d < 1 or g < 0:
        raise ValueError("need integers d >= 1 and g >= 0")


class MonomialLayout:
    """Graded monomial order in which every degree-m block is built from a prefix of degree m-1.

    Within degree m, monomials are grouped by their largest variable c; the group for c is
    (every degree-(m-1) monomial whose largest variable is <= c) times x_c. Those parents form a
    prefix of the degree-(m-1) block, of length C(c+m-1, m-1), so features are filled with
    contiguous slices and no gather.
    """

    def __init__(self, d: int, g: int):
        _check(d, g)
        self.d, self.g = d, g
        self.start = [0]           # start[m]: first column of degree m
        self.steps = []            # (dst_start, src_start, src_len, var) per (m, c)
        col = 1
        for m in range(1, g + 1):
            self.start.append(col)
            src = self.start[m - 1]
            for c in range(d):
                length = comb(c + m - 1, m - 1)
                self.steps.append((col, src, length, c))
                col += length
        self.rank = col
        assert col == comb(d + g, g)

    def exponents(self) -> list[tuple[int, ...]]:
        """Exponent vector alpha of every column, in layout order (small d, g only: tests/docs)."""
        out = [tuple([0] * self.d)]
        for dst, src, length, c in self.steps:
            for j in range(length):
                e = list(out[src + j])
                e[c] += 1
                out.append(tuple(e))
        return out

    def degrees(self) -> np.ndarray:
        """Total degree of every column."""
        deg = np.zeros(self.rank, dtype=np.int64)
        for m in range(1, self.g + 1):
            end = self.start[m + 1] if m < self.g else self.rank
            deg[self.start[m]:end] = m
        return deg

    def multinomials(self) -> list[int]:
        """m! / prod(alpha_c!) per column, exactly (the weight of x^alpha in (sum x_c)^m)."""
        mult = [1]
        # multinomial(alpha + e_c) = multinomial(alpha) * (m) / (alpha_c + 1)
        exps = [tuple([0] * self.d)]
        for dst, src, length, c in self.steps:
            for j in range(length):
                e = list(exps[src + j])
                m = sum(e) + 1
                mult.append(mult[src + j] * m // (e[c] + 1))
                e[c] += 1
                exps.append(tuple(e))
        return mult

    def features_T(self, X: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
        """F with F[col, i] = X[i]^alpha(col), shape (rank, b): rows are contiguous per monomial."""
        b = X.shape[0]
        F = out if out is not None else np.empty((self.rank, b))
        F[0] = 1.0
        XT = np.ascontiguousarray(X.T)
        for dst, src, length, c in self.steps:
            np.multiply(F[src:src + length], XT[c], out=F[dst:dst + length])
        return F


def multinomial(alpha: tuple[int, ...]) -> int:
    """m! / prod alpha_c! for a single exponent vector (reference implementation)."""
    out = factorial(sum(alpha))
    for a in alpha:
        out //= factorial(a)
    return out
