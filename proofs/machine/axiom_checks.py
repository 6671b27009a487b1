"""How the audit checks the proof records' axioms beyond searching them on the record's formal statement.

``SYMBOLIC[(record, axiom)]`` compares an axiom that is a computation with sympy's own computation from the
defined function (Definition C.1's Boltz, the softmax, J.1's sums): derivatives by ``sympy.diff``, identities
by ``simplify``. ``PAPER_CLAIMS`` names the axioms that are the paper's own claims or computations (the
trusted base shows them as such). :func:`annotate` puts both on the records' axioms.
"""
from __future__ import annotations

from dataclasses import replace

import sympy as sp

from boundcalc.prover.axioms import SymbolicCheck

from ..formal_quantities import BOLTZ_OF_U, boltz_derivative

_u, _N0, _Z0 = sp.symbols("u N0 Z0")


def _vector(n: int):
    """Boltz, softmax, entropy and ln Z of a concrete vector (z_1..z_n) as sympy expressions (Definition C.1)."""
    z = sp.symbols(f"z1:{n + 1}", real=True)
    Z = sum(sp.exp(x) for x in z)
    p = [sp.exp(x) / Z for x in z]
    B = sum(x * sp.exp(x) for x in z) / Z
    S = -sum(q * sp.log(q) for q in p)
    return z, Z, p, B, S, sp.log(Z)


def _j2() -> SymbolicCheck:
    """J.2: dBoltz/dz_i = p_i (1 + z_i - Boltz(z)), with z_i = u and the other entries summed into N0, Z0."""
    p = sp.exp(_u) / (_Z0 + sp.exp(_u))
    return SymbolicCheck(p * (1 + _u - BOLTZ_OF_U), boltz_derivative(1),
                         "J.2's derivative vs sympy.diff of Boltz = (N0 + u e^u)/(Z0 + e^u) in u")


def _j3() -> SymbolicCheck:
    z, Z, p, B, S, lnZ = _vector(3)
    return SymbolicCheck(p[0] * ((1 - 2 * p[0]) * (z[0] - lnZ + S + 1) + 1), sp.diff(B, z[0], 2),
                         "J.3's second derivative vs sympy.diff of Definition C.1 (n = 3, i = 1)")


def _j1() -> SymbolicCheck:
    z, Z, p, B, S, lnZ = _vector(3)
    T, P = sum(q * sp.log(q) for q in p), sum(p)
    return SymbolicCheck(T + lnZ * P, B, "J.1 summed, sum p ln p + ln Z sum p, vs Definition C.1 (n = 3)")


def _split() -> SymbolicCheck:
    """C.5's split: Boltz(z') (Z + W) = Z Boltz(z) + W wbar for z = (z1, z2), appended (y1, y2)."""
    z1, z2, y1, y2 = sp.symbols("z1 z2 y1 y2", real=True)
    Z, W = sp.exp(z1) + sp.exp(z2), sp.exp(y1) + sp.exp(y2)
    Bz = (z1 * sp.exp(z1) + z2 * sp.exp(z2)) / Z
    wbar = (y1 * sp.exp(y1) + y2 * sp.exp(y2)) / W
    Bzp = (z1 * sp.exp(z1) + z2 * sp.exp(z2) + y1 * sp.exp(y1) + y2 * sp.exp(y2)) / (Z + W)
    return SymbolicCheck(Bzp * (Z + W), Z * Bz + W * wbar, "split of Definition C.1's sums (n = 2, two appended)")


def _c_sq() -> SymbolicCheck:
    d = sp.Symbol("d", positive=True)
    return SymbolicCheck(sp.sqrt(8 / (sp.pi * d)) ** 2 * sp.pi * d, sp.Integer(8), "c = sqrt(8/(pi d)) squared")


def _exp_add() -> SymbolicCheck:
    a1, al, be = sp.symbols("a_1 a_k1 b_k1", real=True)
    return SymbolicCheck(sp.exp(al - a1) * sp.exp(-(al - be)), sp.exp(-(a1 - be)), "e^{s+t} = e^s e^t")


def _c8_parts():
    """Lemma C.8's split at k = 2 with tails of two entries: a = (a1, a2, a3, a4), b = (a1, a2, b3, b4)."""
    a1, a2, a3, a4, b3, b4 = sp.symbols("a1 a2 a3 a4 b3 b4", real=True)
    E = sp.exp
    Zc = E(a1) + E(a2)
    Bc = (a1 * E(a1) + a2 * E(a2)) / Zc
    mean = lambda xs: sum(x * E(x) for x in xs) / sum(E(x) for x in xs)  # noqa: E731
    return a1, a3, (a3, a4), (b3, b4), Zc, Bc, mean


def _split_a(tail_of: str) -> SymbolicCheck:
    a1, a3, ta, tb, Zc, Bc, mean = _c8_parts()
    tail = ta if tail_of == "a" else tb
    r = sum(sp.exp(x) for x in tail) / Zc
    whole = mean((sp.Symbol("a1", real=True), sp.Symbol("a2", real=True)) + tail)
    return SymbolicCheck(whole * (1 + r), Bc + r * mean(tail),
                         f"Definition C.1 split over c and {tail_of}'s tail (k = 2, two tail entries)")


def _tail_b() -> SymbolicCheck:
    a1, a3, ta, tb, Zc, Bc, mean = _c8_parts()
    r = sum(sp.exp(x) for x in tb) / Zc
    K, F = sp.exp(a1) / Zc, sp.exp(a3 - a1)
    T = sum(sp.exp(-(a3 - x)) * (Bc - a3 + (a3 - x)) for x in tb)
    return SymbolicCheck(r * (Bc - mean(tb)), K * F * T, "r_b (Boltz(c) - m_b) = K e^{a_{k+1} - a_1} T (k = 2)")


SYMBOLIC = {("lemma-C.8", "split_a"): lambda: _split_a("a"), ("lemma-C.8", "split_b"): lambda: _split_a("b"),
            ("lemma-C.8", "tail_b"): _tail_b, ("lemma-C.2", "deriv"): _j2, ("lemma-C.7-corrected", "deriv_b"): _j2, ("lemma-C.3", "d2"): _j3,
            ("lemma-C.1", "J1_sum"): _j1, ("lemma-C.5", "split"): _split, ("lemma-D.2-rank1", "c_sq"): _c_sq,
            ("lemma-C.8", "exp_add"): _exp_add}

def _c4_path():
    from ..formal import c4_path

    return c4_path()


STATEMENTS = {("lemma-C.4", name): _c4_path for name in ("path", "path_max", "softmax_pos", "chain")}
"""Axioms searched on a statement of their own (one that defines the proof-internal atoms they use)."""

PAPER_CLAIMS = {"J1_sum", "deriv", "deriv_b", "d2", "split", "split_a", "split_b", "tail_b", "park_A", "park_C",
                "cell", "round", "boltz_ge_max_minus_ln_n", "boltz_a", "boltz_b", "mean"}
"""Axioms that restate the paper's own computations or lemmas (J.1-J.3, C.5's split, Lemma D.1 as used in D.2,
E.1's grid steps, Lemma C.1's bound), as opposed to textbook facts."""


def annotate(record):
    """The record with each axiom's symbolic check and paper-claim flag attached."""
    axioms = []
    for ax in record.axioms:
        make = SYMBOLIC.get((record.result_id, ax.name)) or STATEMENTS.get((record.result_id, ax.name))
        axioms.append(replace(ax, check=make() if make else ax.check, paper_claim=ax.name in PAPER_CLAIMS))
    return replace(record, axioms=axioms)
