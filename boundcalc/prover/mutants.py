"""Mutants of a proof record's statement, their falsity decided on a model, and whether the proof still checks.

A mutant changes one numeric constant (c -> c + 1, c - 1, 2c, c/2), shifts one relation's right side by +-1,
or flips one relation (< <-> >, <= <-> >=)
in the statement's conclusion or in one hypothesis, or widens one variable's domain (lower bound moved
down, an open end closed, the domain dropped). Axiom mutants (:func:`axiom_mutants`) make the same edits
in an axiom's formula: the checker trusts axioms, so a false one can only be refused by an axiom check. A conclusion mutant also changes the record's conclusion
step, so that the checker has to find a failing step rather than a mismatch. A mutant is *false* when a sample
of the record's model satisfies every hypothesis (unchanged ones by the model's contract, changed ones
certified with arb) and violates the conclusion (certified); otherwise it is *undetermined*. A sound checker
never checks a false mutant.

A *model* is a callable ``model(rng) -> dict`` (Symbol -> exact rational or arb ball) whose samples give every
atom the meaning the record's axioms state; they need not satisfy the hypotheses.
"""
from __future__ import annotations

import dataclasses
import random
from dataclasses import dataclass, field
from typing import Any, Callable

import sympy as sp
from flint import arb

from .arith import _arb
from .core import ProofRecord, check
from .forms import Domain

_FLIP = {sp.StrictLessThan: sp.StrictGreaterThan, sp.StrictGreaterThan: sp.StrictLessThan,
         sp.LessThan: sp.GreaterThan, sp.GreaterThan: sp.LessThan}


@dataclass
class Mutant:
    """One mutated record: where the change is, what it is, and the mutated record."""
    where: str            # "statement" or "hypothesis:<name>"
    change: str
    record: ProofRecord


@dataclass
class MutantResult:
    where: str
    change: str
    falsity: str          # "false" / "undetermined"
    proof: str            # "checked" / "gap"
    counterexample: dict = field(default_factory=dict)
    axiom_check: str | None = None   # for an axiom mutant: what the axiom check said (confirmed, refuted, ...)

    @property
    def sound(self) -> bool:
        """False only when a false mutant's proof checks (a soundness failure)."""
        return not (self.falsity == "false" and self.proof == "checked")

    def to_dict(self) -> dict[str, Any]:
        return {"where": self.where, "change": self.change, "falsity": self.falsity, "proof": self.proof,
                "counterexample": dict(self.counterexample)}


# ---------------------------------------------------------------- generating mutants
def _paths(e, path=()):
    yield path, e
    if isinstance(e, sp.Basic) and e.args and not e.is_Atom:
        for i, a in enumerate(e.args):
            yield from _paths(a, path + (i,))


def _replace(e, path, new):
    if not path:
        return new
    args = list(e.args)
    args[path[0]] = _replace(args[path[0]], path[1:], new)
    if isinstance(e, sp.core.relational.Relational):
        return type(e)(*args, evaluate=False)
    return e.func(*args)


def _number_changes(c):
    out = []
    for new in (c + 1, c - 1, 2 * c, c / 2):
        if new != c and new not in out:
            out.append(new)
    return out


def formula_mutants(f) -> list[tuple[str, Any]]:
    """(description, mutated formula) for each constant perturbation and each relation flip in ``f``."""
    out, seen = [], set()
    for path, e in _paths(f):
        if isinstance(e, sp.Rational) and e != -1:
            for new in _number_changes(sp.Rational(e)):
                g = _replace(f, path, sp.Rational(new))
                if g != f and isinstance(g, sp.Basic) and g not in (sp.true, sp.false) and g not in seen:
                    seen.add(g)
                    out.append((f"constant {e} -> {new} in {f}", g))
        if isinstance(e, sp.core.relational.Relational):
            for off in (1, -1):                   # the relation's implicit 0 offset perturbed
                g = _replace(f, path, type(e)(e.lhs, e.rhs + off, evaluate=False))
                if g not in seen:
                    seen.add(g)
                    out.append((f"offset {off:+d} on the right of {e}", g))
        if type(e) in _FLIP:
            g = _replace(f, path, _FLIP[type(e)](e.lhs, e.rhs, evaluate=False))
            if g not in seen:
                seen.add(g)
                out.append((f"relation flipped: {e} -> {_FLIP[type(e)](e.lhs, e.rhs, evaluate=False)}", g))
    return out


def domain_changes(d: Domain) -> list[tuple[str, Domain]]:
    """A variable's domain widened: its lower bound moved down by one, an open end closed, or dropped."""
    out = []
    if d.lo is not None:
        out.append((f"lower bound {d.lo} -> {d.lo - 1}", dataclasses.replace(d, lo=d.lo - 1)))
        if d.lo_open:
            out.append((f"lower end {d.lo} closed", dataclasses.replace(d, lo_open=False)))
    if d.hi is not None and d.hi_open:
        out.append((f"upper end {d.hi} closed", dataclasses.replace(d, hi_open=False)))
    if d.lo is not None or d.hi is not None:
        out.append(("domain dropped (all reals)", dataclasses.replace(d, lo=None, hi=None, lo_open=False,
                                                                         hi_open=False)))
    return out


def mutants(record: ProofRecord) -> list[Mutant]:
    """Every single-change mutant of the statement's conclusion, of each hypothesis and of each variable's
    domain."""
    out = []
    for desc, g in formula_mutants(record.formula):
        steps = [dataclasses.replace(s, claim=g) if s.name == record.conclusion else s for s in record.steps]
        out.append(Mutant("statement", desc, dataclasses.replace(record, formula=g, steps=steps)))
    for name, h in record.hypotheses.items():
        for desc, g in formula_mutants(h):
            out.append(Mutant(f"hypothesis:{name}", desc,
                              dataclasses.replace(record, hypotheses={**record.hypotheses, name: g})))
    for x, d in record.variables.items():
        for desc, wide in domain_changes(d):
            out.append(Mutant(f"domain:{x}", desc, dataclasses.replace(record, variables={**record.variables,
                                                                                          x: wide})))
    return out


def axiom_mutants(record: ProofRecord) -> list[Mutant]:
    """Every single-change mutant of each axiom's formula (a constant moved, an offset, a relation flipped):
    a false 'trusted fact' the checker would accept, so only an axiom check can refuse it."""
    out = []
    for k, ax in enumerate(record.axioms):
        if ax.formula is None:
            continue
        for desc, g in formula_mutants(ax.formula):
            axioms = list(record.axioms)
            axioms[k] = dataclasses.replace(ax, formula=g)
            out.append(Mutant(f"axiom:{ax.name}", desc, dataclasses.replace(record, axioms=axioms)))
    return out


# ---------------------------------------------------------------- deciding falsity on a model
def _ball(e, env):
    return _arb(e, env)


def truth(f, env) -> bool | None:
    """Certified truth value of a formula at ``env`` (Symbol -> arb), None when undecided."""
    if f is sp.true:
        return True
    if f is sp.false:
        return False
    if isinstance(f, sp.And):
        vals = [truth(a, env) for a in f.args]
        return False if False in vals else (True if all(v is True for v in vals) else None)
    if isinstance(f, sp.Or):
        vals = [truth(a, env) for a in f.args]
        return True if True in vals else (False if all(v is False for v in vals) else None)
    if isinstance(f, sp.Implies):
        a, b = truth(f.args[0], env), truth(f.args[1], env)
        return True if (a is False or b is True) else (False if (a is True and b is False) else None)
    if not isinstance(f, sp.core.relational.Relational):
        return None
    try:
        d = _ball(f.lhs, env) - _ball(f.rhs, env)
    except Exception:
        return None
    if not isinstance(d, arb) or not d.is_finite():
        return None
    exact_zero = d == 0 and d.rad() == 0
    if isinstance(f, sp.Equality):
        return True if exact_zero else (False if not d.contains(0) else None)
    if isinstance(f, sp.Unequality):
        return False if exact_zero else (True if not d.contains(0) else None)
    pos, neg, nonneg, nonpos = d > 0, d < 0, d >= 0, d <= 0
    if isinstance(f, sp.StrictGreaterThan):
        return True if pos else (False if nonpos else None)
    if isinstance(f, sp.GreaterThan):
        return True if nonneg else (False if neg else None)
    if isinstance(f, sp.StrictLessThan):
        return True if neg else (False if nonneg else None)
    if isinstance(f, sp.LessThan):
        return True if nonpos else (False if pos else None)
    return None


def _env(sample):
    out = {}
    for k, v in sample.items():
        if not isinstance(k, sp.Symbol):
            continue
        if isinstance(v, arb):
            out[k] = v
        else:
            q = sp.Rational(v)
            out[k] = arb(int(q.p)) / int(q.q)
    return out


def counterexample(original: ProofRecord, mutant: ProofRecord, samples) -> dict | None:
    """A sample where every hypothesis of ``mutant`` holds (changed ones certified) and its conclusion fails."""
    for s in samples:
        env = _env(s)
        holds = s.get("_holds", set())
        need = [h for k, h in mutant.hypotheses.items() if not (k in holds and original.hypotheses.get(k) == h)]
        try:
            if truth(mutant.formula, env) is not False:
                continue
            if any(truth(h, env) is not True for h in need):
                continue
            if any(truth(c, env) is not True for x, d in mutant.variables.items() if x in env
                   for c in d.constraints(x)):
                continue
        except KeyError:
            continue
        return {str(k): str(v) for k, v in sorted(s.items(), key=lambda kv: str(kv[0])) if isinstance(k, sp.Symbol)}
    return None


def run_mutants(record: ProofRecord, model: Callable[[random.Random], dict] | None, *,
                proved_results: dict | None = None, samples: int = 40, seed: int = 0) -> list[MutantResult]:
    """Decide each mutant's falsity on ``samples`` draws of ``model`` (None: all undetermined) and check its proof."""
    rng = random.Random(seed)
    pts = [model(rng) for _ in range(samples)] if model is not None else []
    out = []
    for m in mutants(record):
        cx = counterexample(record, m.record, pts)
        proof = check(m.record, proved_results=proved_results).status
        out.append(MutantResult(m.where, m.change, "false" if cx is not None else "undetermined", proof, cx or {}))
    return out


def false_axiom(mutant: ProofRecord, where: str, samples) -> dict | None:
    """A model sample at which the mutated axiom's formula is certified false (the model gives every atom
    the meaning the original axioms state, so the mutated one misstates it there)."""
    name = where.split(":", 1)[1]
    ax = next(a for a in mutant.axioms if a.name == name)
    for s in samples:
        try:
            if truth(ax.formula, _env(s)) is False:
                return {str(k): str(v) for k, v in sorted(s.items(), key=lambda kv: str(kv[0]))
                        if isinstance(k, sp.Symbol)}
        except KeyError:
            continue
    return None


def run_axiom_mutants(record: ProofRecord, model: Callable[[random.Random], dict] | None, *,
                      proved_results: dict | None = None, samples: int = 40, seed: int = 0,
                      axiom_check: Callable | None = None) -> list[MutantResult]:
    """Each axiom mutant: false on the model or undetermined, whether the proof still checks (it may: the
    checker trusts axioms), and for a false one ``axiom_check(axiom) -> status`` when given (an axiom check
    must never confirm it)."""
    rng = random.Random(seed)
    pts = [model(rng) for _ in range(samples)] if model is not None else []
    out = []
    for m in axiom_mutants(record):
        cx = false_axiom(m.record, m.where, pts)
        proof = check(m.record, proved_results=proved_results).status
        res = MutantResult(m.where, m.change, "false" if cx is not None else "undetermined", proof, cx or {})
        if axiom_check is not None and cx is not None:
            ax = next(a for a in m.record.axioms if a.name == m.where.split(":", 1)[1])
            res.axiom_check = axiom_check(ax)
        out.append(res)
    return out


def summary(results: list[MutantResult]) -> dict[str, int]:
    """Counts: mutants, false, undetermined, false-but-checked (must be 0), undetermined-and-checked."""
    return {"mutants": len(results), "false": sum(r.falsity == "false" for r in results),
            "undetermined": sum(r.falsity == "undetermined" for r in results),
            "false_checked": sum(not r.sound for r in results),
            "undetermined_checked": sum(r.falsity == "undetermined" and r.proof == "checked" for r in results)}
