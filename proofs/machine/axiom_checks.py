"""How the audit checks the proof records' axioms beyond searching them on the record's formal statement.

``SYMBOLIC[(record, axiom)]`` gives the atoms of an axiom that is a computation their *definitions*, computed
by sympy from the defined function (Definition C.1's Boltz and softmax, J.1's sums, the constant c_d, the
exponential): derivatives by ``sympy.diff``, sums written out for a small concrete vector. The check
(:mod:`boundcalc.prover.symcheck`) substitutes them into the axiom's own formula, the premise the prover
uses, so a wrong coefficient in that formula is refused. ``PAPER_CLAIMS`` names the axioms that are the
paper's own claims or computations (the trusted base shows them as such). :func:`annotate` puts both on the
records' axioms.
"""
from __future__ import annotations

from dataclasses import replace

import sympy as sp

from boundcalc.prover.axioms import SymbolicCheck

from ..formal_quantities import BOLTZ_OF_U
from . import vector_checks

_u, _N0 = sp.Symbol("u", real=True), sp.Symbol("N0", real=True)
_Z0 = sp.Symbol("Z0", positive=True)          # the other entries' sum of e^{z_j}: positive
_BOLTZ = BOLTZ_OF_U.xreplace({sp.Symbol("u"): _u, sp.Symbol("N0"): _N0, sp.Symbol("Z0"): _Z0})
_P = sp.exp(_u) / (_Z0 + sp.exp(_u))


def _vector(n: int):
    """Boltz, softmax, entropy and ln Z of a concrete vector (z_1..z_n) as sympy expressions (Definition C.1)."""
    z = sp.symbols(f"z1:{n + 1}", real=True)
    Z = sum(sp.exp(x) for x in z)
    p = [sp.exp(x) / Z for x in z]
    B = sum(x * sp.exp(x) for x in z) / Z
    S = -sum(q * sp.log(q) for q in p)
    return z, Z, p, B, S, sp.log(Z)


def _j2(D: str, p: str, z: str, B: str) -> SymbolicCheck:
    """J.2 (dBoltz/dz_i = p_i (1 + z_i - Boltz)): D := sympy.diff of Boltz = (N0 + u e^u)/(Z0 + e^u) in u."""
    return SymbolicCheck({D: sp.diff(_BOLTZ, _u), p: _P, z: _u, B: _BOLTZ},
                         "atoms defined from Boltz = (N0 + u e^u)/(Z0 + e^u), z_i = u; derivative by sympy.diff",
                         positive=(_Z0 + sp.exp(_u),))


def _j3() -> SymbolicCheck:
    z, Z, p, B, S, lnZ = _vector(3)
    return SymbolicCheck({"D2": sp.diff(B, z[0], 2), "p": p[0], "z_i": z[0], "lnZ": lnZ, "S": S},
                         "atoms defined from Definition C.1 at n = 3, i = 1; second derivative by sympy.diff",
                         positive=(Z,))


def _j1() -> SymbolicCheck:
    z, Z, p, B, S, lnZ = _vector(3)
    return SymbolicCheck({"B": sum(q * x for q, x in zip(p, z)), "T": sum(q * sp.log(q) for q in p),
                          "lnZ": lnZ, "P": sum(p)},
                         "B, T, P the sums sum p_i z_i, sum p_i ln p_i, sum p_i of Definition C.1 at n = 3")


def _split() -> SymbolicCheck:
    """C.5's split: z = (z1, z2), appended entries (y1, y2)."""
    z1, z2, y1, y2 = sp.symbols("z1 z2 y1 y2", real=True)
    Z, W = sp.exp(z1) + sp.exp(z2), sp.exp(y1) + sp.exp(y2)
    return SymbolicCheck({"Z": Z, "W": W, "B": (z1 * sp.exp(z1) + z2 * sp.exp(z2)) / Z,
                          "wbar": (y1 * sp.exp(y1) + y2 * sp.exp(y2)) / W,
                          "Bp": (z1 * sp.exp(z1) + z2 * sp.exp(z2) + y1 * sp.exp(y1) + y2 * sp.exp(y2)) / (Z + W)},
                         "atoms defined from Definition C.1 for z = (z1, z2) and z' = (z1, z2, y1, y2)")


def _c_sq() -> SymbolicCheck:
    d = sp.Symbol("d", positive=True)
    return SymbolicCheck({"d": d, "c": sp.sqrt(8 / (sp.pi * d))}, "c := sqrt(8/(pi d)), d > 0")


def _exp_add() -> SymbolicCheck:
    return SymbolicCheck({}, "no atoms: the exponentials are sympy's own")


def _c8_defs() -> dict:
    """Lemma C.8's atoms at k = 2 with tails of two entries: a = (a_1, a2, a_k1, a4), b = (a_1, a2, b_k1, b4)."""
    a1, a2, a3, a4, b3, b4 = sp.symbols("a_1 a2 a_k1 a4 b_k1 b4")
    E = sp.exp
    Zc = E(a1) + E(a2)
    mean = lambda xs: sum(x * E(x) for x in xs) / sum(E(x) for x in xs)  # noqa: E731
    Bc = mean((a1, a2))
    defs = {"Bc": Bc, "K": E(a1) / Zc}
    for side, tail in (("a", (a3, a4)), ("b", (b3, b4))):
        defs[f"B{side}"] = mean((a1, a2) + tail)
        defs[f"r_{side}"] = sum(E(x) for x in tail) / Zc
        defs[f"m_{side}"] = mean(tail)
    defs["T"] = sum(E(-(a3 - x)) * (Bc - a3 + (a3 - x)) for x in (b3, b4))
    return defs


def _c8(note: str) -> SymbolicCheck:
    return SymbolicCheck(_c8_defs(), "atoms defined from Definition C.1 at k = 2 with two tail entries: " + note)


def _segment() -> SymbolicCheck:
    """C.4's segment at n = 3: z(s) = (z_1, z_i + s (z_1 - delta - z_i)), g(s) = Boltz(z(s)); dg_s is sympy's
    derivative of g in s, Dg the chain-rule sum of sympy's partial derivatives of Boltz at z(s)."""
    z1, z2, z3, dl, s = sp.symbols("z_1 z2 z3 delta s", real=True)
    w = sp.symbols("w1:4", real=True)
    boltz = lambda v: sum(x * sp.exp(x) for x in v) / sum(sp.exp(x) for x in v)  # noqa: E731
    z, zp = (z1, z2, z3), (z1, z1 - dl, z1 - dl)
    zs = tuple(a + s * (b - a) for a, b in zip(z, zp))
    g = boltz(zs)
    at = dict(zip(w, zs))
    chain = sum((b - a) * sp.diff(boltz(w), wi).xreplace(at) for a, b, wi in zip(z[1:], zp[1:], w[1:]))
    return SymbolicCheck({"g_0": g.xreplace({s: 0}), "g_1": g.xreplace({s: 1}), "Bz": boltz(z), "Bzp": boltz(zp),
                          "dg_s": sp.diff(g, s), "Dg": chain},
                         "n = 3: g(s) = Boltz(z(s)) by Definition C.1, dg_s by sympy.diff, Dg the chain-rule sum",
                         positive=(sum(sp.exp(x) for x in zs),))


def _cauchy_schwarz(dim: int) -> SymbolicCheck:
    """Cauchy-Schwarz at dimension ``dim`` with symbolic entries; Lagrange's identity is the certificate."""
    u, v = sp.symbols(f"u1:{dim + 1}", real=True), sp.symbols(f"v1:{dim + 1}", real=True)
    dot = lambda a, b: sum(x * y for x, y in zip(a, b))  # noqa: E731
    lagrange = sum((u[i] * v[j] - u[j] * v[i]) ** 2 for i in range(dim) for j in range(i + 1, dim))
    return SymbolicCheck({"u_dot_v": dot(u, v), "u_dot_u": dot(u, u), "v_dot_v": dot(v, v)},
                         f"d = {dim}, symbolic entries; certificate: Lagrange's identity", certificate=lagrange)


def _cayley(dim: int):
    """The Cayley transform (I - A)(I + A)^{-1} of the general skew-symmetric A of size ``dim`` (symbolic)."""
    a = iter(sp.symbols(f"a1:{dim * (dim - 1) // 2 + 1}", real=True))
    A = sp.zeros(dim, dim)
    for i in range(dim):
        for j in range(i + 1, dim):
            A[i, j] = next(a)
            A[j, i] = -A[i, j]
    eye = sp.eye(dim)
    return (eye - A) * (eye + A).inv(), (eye + A).det()


def _rotation(dim: int) -> SymbolicCheck:
    Q, det = _cayley(dim)
    u, v = sp.Matrix(sp.symbols(f"u1:{dim + 1}", real=True)), sp.Matrix(sp.symbols(f"v1:{dim + 1}", real=True))
    return SymbolicCheck({"Qu_dot_Qv": ((Q * u).T * (Q * v))[0], "u_dot_v": (u.T * v)[0]},
                         f"d = {dim}: Q the Cayley transform of a symbolic skew-symmetric A", positive=(det,))


SYMBOLIC = {("lemma-C.8", "split_a"): lambda: _c8("split over c and a's tail"),
            ("lemma-C.8", "split_b"): lambda: _c8("split over c and b's tail"),
            ("lemma-C.8", "tail_b"): lambda: _c8("T = sum_j e^{-u_j}(D + u_j)"),
            ("lemma-C.2", "deriv"): lambda: _j2("D", "p", "z_i", "B"),
            ("lemma-C.7-corrected", "deriv_b"): lambda: _j2("d", "p_n", "b_n", "Bb"),
            ("lemma-C.3", "d2"): _j3, ("lemma-C.1", "J1_sum"): _j1, ("lemma-C.5", "split"): _split,
            ("lemma-D.2-rank1", "c_sq"): _c_sq, ("lemma-C.8", "exp_add"): _exp_add,
            ("lemma-C.4", "segment"): _segment,
            ("lemma-D.1", "cauchy_schwarz"): lambda: tuple(_cauchy_schwarz(k) for k in (1, 2, 3, 4)),
            ("lemma-D.1", "rotation"): lambda: (_rotation(2), _rotation(3))}
"""Axioms checked symbolically: the definitions of their atoms (the check reads the axiom's own formula)."""

def _c4_path():
    from ..formal import c4_path

    return c4_path()


STATEMENTS = {("lemma-C.4", name): _c4_path for name in ("path", "path_max", "softmax_pos", "chain")}
STATEMENTS[("lemma-D.1", "cauchy_schwarz")] = vector_checks.cauchy_schwarz
STATEMENTS[("lemma-D.1", "rotation")] = vector_checks.rotation
"""Axioms searched on a statement of their own (one that defines the proof-internal atoms they use)."""

PAPER_CLAIMS = {"J1_sum", "deriv", "deriv_b", "d2", "split", "split_a", "split_b", "tail_b", "park_A", "park_C",
                "cell", "round", "boltz_ge_max_minus_ln_n", "boltz_a", "boltz_b", "mean"}
"""Axioms that restate the paper's own computations or lemmas (J.1-J.3, C.5's split, Lemma D.1 as used in D.2,
E.1's grid steps, Lemma C.1's bound), as opposed to textbook facts."""


def annotate(record):
    """The record with each axiom's checks (symbolic instances and/or a statement to search it on) and
    paper-claim flag attached."""
    axioms = []
    for ax in record.axioms:
        key = (record.result_id, ax.name)
        checks: tuple = ()
        if key in SYMBOLIC:
            made = SYMBOLIC[key]()
            checks += made if isinstance(made, tuple) else (made,)
        if key in STATEMENTS:
            checks += (STATEMENTS[key](),)
        check = (checks[0] if len(checks) == 1 else checks) if checks else ax.check
        axioms.append(replace(ax, check=check, paper_claim=ax.name in PAPER_CLAIMS))
    return replace(record, axioms=axioms)
