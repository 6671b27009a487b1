"""A statement's domain widened where nothing new can fail: the mutant states no new error.

A ``statement-domain`` mutant moves one bound of a variable of a formal or standing statement outward. If
every claim the statement makes (its conclusions and, for a standing statement, each proof step declared
under it) is *proved* by z3 on the added part of the domain (the mutated domains and hypotheses, with the
original bound negated), the mutated statement fails exactly where the original fails: a paper printing the
wider domain would print no new error, so the mutant is equivalent. A claim z3 does not prove (sat, unknown,
not encodable, or a quantity given by a function rather than a formula) leaves the mutant counted.

Transcendental atoms are opaque to z3; a few facts about them, each true of every real value and stated
with exact rational bounds, are added: ``exp(x) > 0``, ``sqrt(x) >= 0``, bounds on pi, and ``log(n) >=
1 - 1/lo`` (a lower bound of log(lo)) for an integer variable ``n >= lo >= 1``.
"""
from __future__ import annotations

from typing import Any

import sympy as sp

from .mutant import Mutant

_PI = (sp.Rational(314159, 100000), sp.Rational(314160, 100000))


def widened_domain(mutant: Mutant, base_reg, mut_reg) -> str | None:
    """The reason the mutant is equivalent (every claim proved on the added part), or None."""
    from .equivalence import statement_pairs

    pairs = statement_pairs(mutant, base_reg, mut_reg)
    if pairs is None:
        return None
    reasons = []
    for nid, a, b, steps in pairs:
        changed = [x for x in b.variables if a.variables.get(x) != b.variables[x]]
        if not changed:
            continue
        if len(changed) != 1 or set(a.variables) != set(b.variables):
            return None
        how = _proved_on_added_part(a, b, changed[0], steps)
        if how is None:
            return None
        reasons.append(f"{nid}: {how}")
    return ("domain widened where nothing new fails: " + "; ".join(reasons)) if reasons else None


def _proved_on_added_part(a, b, var: str, steps) -> str | None:
    from ..statements import entails

    x = sp.Symbol(var)
    old = [r for r in a.domain_relations()[0] if r.free_symbols == {x}]
    new_rels, doms = b.domain_relations()
    if not old:
        return None
    outside = sp.Or(*[sp.Not(r) for r in old]) if len(old) > 1 else sp.Not(old[0])
    premises = list(b.relations()) + list(b.definitions()) + list(new_rels) + [outside]
    goals = list(b.conclusion) + [s.relation for s in steps]
    values = _added_integers(a, b, var)
    if values:      # finitely many new integers: each substituted exactly (log(1) is 0), then proved
        try:
            cases = [([_at(p, x, k) for p in premises if p is not outside] + [sp.Eq(x, k)],
                      [_at(g, x, k) for g in goals]) for k in values]
        except (TypeError, ValueError):    # undefined there (log 0, 1/0): not "nothing new fails"
            return None
        how = f"at {var} = {', '.join(map(str, values))} (the integers the mutant adds)"
    else:
        cases = [(premises, goals)]
        how = f"on {var} outside its original domain"
    for prem, gs in cases:
        prem = [p for p in prem if p is not sp.true] + _atom_facts(prem + gs, b)
        if any(p is sp.false for p in prem):
            continue                                   # no admissible point at this value
        for g in gs:
            if g is sp.true:
                continue
            ok, _ = entails(prem, g, doms) if g is not sp.false else (False, "")
            if not ok:
                return None
    return f"{how}, z3 proves all {len(goals)} claim(s) of the statement"


def _at(rel, x, k):
    """``rel`` with ``x = k``, each side substituted first; ValueError when a side is undefined there."""
    if not hasattr(rel, "lhs"):
        out = rel.subs(x, k)
        if out.has(sp.zoo, sp.nan):
            raise ValueError("undefined")
        return out
    sides = [rel.lhs.subs(x, k), rel.rhs.subs(x, k)]
    if any(side.has(sp.zoo, sp.nan, sp.oo, -sp.oo) for side in sides):
        raise ValueError("undefined")
    return type(rel)(*sides)


ADDED_INTEGERS = 4
"""At most this many new integer values are substituted one by one."""


def _added_integers(a, b, var: str) -> list[int]:
    """The integers a widened ``Integers`` lower bound adds (few), else []."""
    from .. import objects as ob

    da, db = a.variables.get(var), b.variables.get(var)
    if not (isinstance(da, ob.Integers) and isinstance(db, ob.Integers) and isinstance(da.lo, int)
            and isinstance(db.lo, int) and da.hi == db.hi and db.lo < da.lo <= db.lo + ADDED_INTEGERS):
        return []
    return list(range(db.lo, da.lo))


def _atom_facts(formulas, st) -> list:
    """True facts about the transcendental atoms occurring in ``formulas`` (exact rational bounds)."""
    facts = []
    atoms: set = set()
    for f in formulas:
        atoms |= {e for e in sp.preorder_traversal(f) if isinstance(e, (sp.exp, sp.log)) or e is sp.pi
                  or (isinstance(e, sp.Pow) and e.exp == sp.Rational(1, 2))}
    for e in sorted(atoms, key=sp.srepr):
        if e is sp.pi:
            facts += [sp.StrictGreaterThan(sp.pi, _PI[0], evaluate=False),
                      sp.StrictLessThan(sp.pi, _PI[1], evaluate=False)]
        elif isinstance(e, sp.exp):
            facts.append(sp.StrictGreaterThan(e, 0, evaluate=False))
        elif isinstance(e, sp.Pow):
            facts.append(sp.GreaterThan(e, 0, evaluate=False))
        elif isinstance(e, sp.log) and isinstance(e.args[0], sp.Symbol):
            low = _log_lower(st, e.args[0].name)
            if low is not None:
                facts.append(sp.GreaterThan(e, low, evaluate=False))
    return facts


def _log_lower(st, name: str) -> Any:
    """A rational lower bound of log(n) for an integer variable n >= lo >= 1: log(lo) >= 1 - 1/lo."""
    from .. import objects as ob

    d = st.variables.get(name)
    if not isinstance(d, ob.Integers) or not isinstance(d.lo, int) or d.lo < 1:
        return None
    return 1 - sp.Rational(1, d.lo)
