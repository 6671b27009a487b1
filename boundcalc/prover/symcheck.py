"""The symbolic check of an axiom: its own formula, its atoms replaced by their definitions, decided by sympy.

A :class:`SymbolicCheck` gives each atom of an axiom a *definition*: the expression sympy computes from the
defined function (``D := sympy.diff(Boltz, u)``, ``p := e^u / Z``, ``lnZ := log(Z)``). The check takes the
formula the prover uses as the premise, substitutes the definitions (simultaneously, by symbol name) and
decides each relation of it:

* ``lhs - rhs`` simplifies to 0: an equality (or ``<=``, ``>=``) is *confirmed*; a strict inequality or
  ``!=`` is *refuted* (the two sides are identically equal);
* ``larger - smaller`` minus the check's ``certificate`` (a sum of squares with positive coefficients)
  simplifies to 0: a ``<=`` / ``>=`` is *confirmed*;
* ``lhs - rhs`` evaluated with arb balls at an exact rational point violates the relation with certainty:
  *refuted* (the point is reported);
* anything else is *undecided* (never a pass).

Symbols left free after the substitution are the instance's variables (random rational values; those
declared ``positive`` stay positive). ``positive`` lists expressions sympy must show positive (e.g. the
denominator of the defined function, so that it is smooth). Generic: nothing here is paper-specific.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Mapping

import sympy as sp
from flint import arb, ctx

from .. import symcache
from .arith import NotEncodable, _arb

POINTS = 12
"""Exact rational points tried for a certified violation before (and after) simplification."""

PREC_BITS = 128
"""arb precision of the point evaluations."""


@dataclass(frozen=True)
class SymbolicCheck:
    """Definitions of an axiom's atoms (atom name -> sympy expression computed from the defined function);
    the axiom's own formula, with them substituted, must hold identically (see the module docstring)."""

    defs: Mapping[str, Any]
    note: str = ""
    certificate: Any = None
    """For an inequality: a sum of squares (positive coefficients) equal to the larger side minus the smaller."""
    positive: tuple = field(default=())
    """Expressions sympy must show positive (``is_positive``), e.g. the denominators of the defined function."""


def substituted(rel, chk: SymbolicCheck):
    """The relation with every atom that has a definition replaced by it (simultaneously, sides kept apart
    so that sympy does not evaluate the relation away)."""
    sub = {s: sp.sympify(chk.defs[s.name]) for s in rel.free_symbols if s.name in chk.defs}
    return type(rel)(rel.lhs.xreplace(sub), rel.rhs.xreplace(sub), evaluate=False)


def _relations(f) -> list | None:
    if isinstance(f, sp.And):
        out = []
        for a in f.args:
            r = _relations(a)
            if r is None:
                return None
            out += r
        return out
    if isinstance(f, sp.core.relational.Relational):
        return [f]
    return None


def _is_zero(e) -> bool:
    e = sp.expand_log(e, force=True)
    if e.is_polynomial() and sp.expand(e) == 0:
        return True
    return symcache.simplify(e) == 0


def _sum_of_squares(e) -> bool:
    """True when ``e`` is manifestly >= 0: a sum of terms c * x**(2k) with c > 0 rational."""
    for t in sp.Add.make_args(e):
        c, rest = t.as_coeff_Mul()
        if c <= 0:
            return False
        for f in sp.Mul.make_args(rest):
            if f == 1:
                continue
            if not (isinstance(f, sp.Pow) and f.exp.is_Integer and int(f.exp) % 2 == 0):
                return False
    return True


def _point(syms, rng: random.Random) -> dict:
    env = {}
    for s in syms:
        q = Fraction(rng.randint(-40, 40), rng.choice((1, 3, 7, 40)))
        if s.is_positive and q <= 0:
            q = -q + 1
        elif s.is_nonnegative and q < 0:
            q = -q
        env[s] = q
    return env


def _violated(rel, env) -> bool:
    """True when ``rel`` is certainly false at the exact point ``env`` (arb balls)."""
    old = ctx.prec
    ctx.prec = PREC_BITS
    try:
        d = _arb(rel.lhs - rel.rhs, {s: arb(q.numerator) / q.denominator for s, q in env.items()})
    except (NotEncodable, ZeroDivisionError, ValueError, TypeError, KeyError, AttributeError):
        return False
    finally:
        ctx.prec = old
    if not isinstance(d, arb) or not d.is_finite():
        return False
    if isinstance(rel, sp.Equality):
        return not d.contains(0)
    if isinstance(rel, sp.Unequality):
        return d == 0 and d.rad() == 0
    return {sp.StrictGreaterThan: d <= 0, sp.GreaterThan: d < 0, sp.StrictLessThan: d >= 0,
            sp.LessThan: d > 0}.get(type(rel), False)


def _counterexample(rel, seed: str) -> dict | None:
    rng = random.Random(seed)
    syms = sorted(rel.free_symbols, key=str)
    for _ in range(POINTS):
        env = _point(syms, rng)
        if _violated(rel, env):
            return {s.name: str(q) for s, q in env.items()}
    return None


def _decide(rel, chk: SymbolicCheck, seed: str) -> tuple[str, str]:
    cx = _counterexample(rel, seed)
    if cx is not None:
        return "refuted", f"{_short(rel)} is false at {cx} (certified)"
    diff = rel.lhs - rel.rhs
    if _is_zero(diff):
        if isinstance(rel, (sp.Equality, sp.GreaterThan, sp.LessThan)):
            return "confirmed", "lhs - rhs simplifies to 0"
        return "refuted", f"lhs - rhs simplifies to 0, so {type(rel).__name__} is false everywhere"
    if isinstance(rel, (sp.GreaterThan, sp.LessThan)) and chk.certificate is not None:
        gap = diff if isinstance(rel, sp.GreaterThan) else -diff
        if _sum_of_squares(chk.certificate) and _is_zero(gap - chk.certificate):
            return "confirmed", "larger - smaller equals the sum-of-squares certificate"
    return "undecided", f"sympy left lhs - rhs = {_short(symcache.simplify(diff))}; no certified violation found"


def _short(e, width: int = 160) -> str:
    s = str(e)
    return s if len(s) <= width else s[:width] + " ..."


def symbolic_check(formula, chk: SymbolicCheck, seed: str) -> tuple[str, str]:
    """(status, detail) of the formula with ``chk``'s definitions substituted (module docstring)."""
    if formula is None:
        return "undecided", "the axiom has no formula"
    for e in chk.positive:
        if sp.sympify(e).is_positive is not True:
            return "undecided", f"sympy cannot show {e} > 0"
    rels = _relations(formula)
    if rels is None:
        return "undecided", "the formula is not a relation or a conjunction of relations"
    done = []
    for i, rel in enumerate(substituted(r, chk) for r in rels):
        status, detail = _decide(rel, chk, f"{seed}:{i}")
        if status != "confirmed":
            return status, detail + (f" ({chk.note})" if chk.note else "")
        done.append(detail)
    return "confirmed", f"{len(rels)} relation(s) of the axiom's formula with its atoms defined: " \
        + "; ".join(sorted(set(done))) + (f" ({chk.note})" if chk.note else "")
