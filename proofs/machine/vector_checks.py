"""Formal statements on which Lemma D.1's vector axioms are searched: exact rational vectors of every small size.

``cauchy_schwarz()``: u, v in Q^d (d = 1..8) with the inner products u_dot_v, u_dot_u, v_dot_v as quantities.
``rotation()``: u, v in Q^d (d = 2..6) and the entries of a skew-symmetric A; Q = (I + A)^{-1}(I - A) (the
Cayley transform, orthogonal for every skew A) is computed exactly by Gaussian elimination, and Qu_dot_Qv is
(Qu)^T(Qv). Every value is an exact Fraction, so the searches compare exactly.
"""
from __future__ import annotations

from fractions import Fraction

import sympy as sp

from boundcalc.objects import Integers, Vectors
from boundcalc.statements import Quantity, Statement

S = sp.Symbol


def _dot(a, b) -> Fraction:
    return sum((Fraction(x) * Fraction(y) for x, y in zip(a, b)), Fraction(0))


def _skew(d: int, entries) -> list[list[Fraction]]:
    A = [[Fraction(0)] * d for _ in range(d)]
    it = iter(entries)
    for i in range(d):
        for j in range(i + 1, d):
            A[i][j] = Fraction(next(it))
            A[j][i] = -A[i][j]
    return A


def _solve(M: list[list[Fraction]], b: list[Fraction]) -> list[Fraction]:
    """x with M x = b, M invertible (Gauss-Jordan with exact pivots)."""
    n = len(b)
    rows = [list(M[i]) + [b[i]] for i in range(n)]
    for c in range(n):
        p = next(r for r in range(c, n) if rows[r][c] != 0)
        rows[c], rows[p] = rows[p], rows[c]
        piv = rows[c][c]
        rows[c] = [x / piv for x in rows[c]]
        for r in range(n):
            if r != c and rows[r][c] != 0:
                f = rows[r][c]
                rows[r] = [x - f * y for x, y in zip(rows[r], rows[c])]
    return [rows[i][n] for i in range(n)]


def cayley_apply(d: int, entries, u) -> list[Fraction]:
    """Q u for the Cayley transform Q = (I + A)^{-1}(I - A) of the skew-symmetric A with these entries."""
    A = _skew(d, entries)
    rhs = [Fraction(u[i]) - _dot(A[i], u) for i in range(d)]
    plus = [[(1 if i == j else 0) + A[i][j] for j in range(d)] for i in range(d)]
    return _solve(plus, rhs)


def cauchy_schwarz() -> Statement:
    uv, uu, vv = S("u_dot_v"), S("u_dot_u"), S("v_dot_v")
    return Statement(
        {"d": Integers(1, 8), "u": Vectors("d"), "v": Vectors("d")},
        (sp.LessThan(uv ** 2, uu * vv, evaluate=False),),
        quantities=(Quantity("u_dot_v", "u^T v", lambda o: _dot(o["u"], o["v"])),
                    Quantity("u_dot_u", "u^T u", lambda o: _dot(o["u"], o["u"])),
                    Quantity("v_dot_v", "v^T v", lambda o: _dot(o["v"], o["v"]))))


def rotation() -> Statement:
    quv, uv = S("Qu_dot_Qv"), S("u_dot_v")

    def rotated(o):
        d = o["d"]
        return _dot(cayley_apply(d, o["a"], o["u"]), cayley_apply(d, o["a"], o["v"]))

    return Statement(
        {"d": Integers(2, 6), "u": Vectors("d"), "v": Vectors("d"),
         "a": Vectors(lambda o: o["d"] * (o["d"] - 1) // 2)},
        (sp.Eq(quv, uv),),
        quantities=(Quantity("Qu_dot_Qv", "(Qu)^T (Qv), Q = (I + A)^{-1}(I - A), A skew with entries a", rotated),
                    Quantity("u_dot_v", "u^T v", lambda o: _dot(o["u"], o["v"]))))
