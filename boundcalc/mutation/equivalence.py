"""Equivalent mutants: a computed reason why a survivor keeps every relation it touches true."""
from __future__ import annotations

import ast
import random
from typing import Any

from .mutant import Mutant


def equivalence(mutant: Mutant, base_reg, mut_reg) -> str | None:
    """Why a surviving mutant keeps every relation it touches true, or None (computed, never assumed).

    * the mutated formula has the same value (sympy reduces the difference to 0);
    * every claim and stated-vs-derived relation of the touched nodes is implied by the original one
      at every grid point: the mutated sides moved only in the relation's weaker direction (certified);
    * a formal statement's conclusion weakened: each mutated conclusion follows from the original one
      (sympy: the margins differ by a constant of the weaker sign), all else of the statement the same;
    * a hypothesis strengthened: every candidate the mutated check admits, the original admits too
      (certified on the search's candidates), so the same claim is asked of fewer objects;
    * a statement's domain widened where z3 proves every claim of the statement on the added part
      (:mod:`.widened`), so nothing new can fail.
    """
    if mutant.operator in ("formula-literal", "exponent") and mutant.before and mutant.after:
        same = _same_formula(mutant, base_reg)
        if same:
            return same
    if mutant.operator == "statement-relation":
        return _weaker_conclusion(mutant, base_reg, mut_reg)
    if mutant.operator == "step-relation":
        return None   # a proof step's relation against the LaTeX it carries: no weaker form is equivalent
    if mutant.operator == "statement-domain":
        from .widened import widened_domain

        return widened_domain(mutant, base_reg, mut_reg)
    if mutant.role == "claim" and mutant.operator == "relation":
        flip = _flipped_identity(mutant, base_reg, mut_reg)
        if flip:
            return flip
    if mutant.role == "claim":
        return (_weaker_everywhere(mutant, base_reg, mut_reg) or _weaker_on_candidates(mutant, base_reg, mut_reg)
                or _weaker_asymptotic(mutant, base_reg, mut_reg))
    if mutant.role == "hypothesis" and mutant.description.startswith("domain of "):
        return _domain_without_effect(mutant, base_reg)
    if mutant.role == "hypothesis" and mutant.operator != "hypothesis-drop":
        return _stronger_hypothesis(mutant, base_reg, mut_reg)
    return None


def _same_formula(mutant: Mutant, reg) -> str | None:
    from ..formula import Formula

    try:
        import sympy

        r = reg.results[mutant.nodes[0]]
        table = r.sympy_symbols()
        for c in r.constants:
            table.setdefault(c.name, sympy.Symbol(c.name, positive=True))
        a, b = Formula(mutant.before).sympy(table), Formula(mutant.after).sympy(table)
        if sympy.simplify(a - b) == 0:
            return f"same value: sympy reduces ({mutant.before}) - ({mutant.after}) to 0"
    except Exception:
        return None
    return None


def _relations(result) -> list[tuple[str, Any, str, Any, tuple]]:
    """(name, lhs formula, rel, rhs formula, grid) of every formula relation of a result."""
    from ..checks import StatedVsDerived
    from ..formula import Formula

    out = []
    for cl in result.claims:
        out.append((f"claim:{cl.name}", cl.lhs, cl.rel, cl.rhs, ()))
    for spec in result.checks:
        if isinstance(spec, StatedVsDerived):
            out.append((f"stated:{spec.name}", Formula(spec.stated), spec.follows, Formula(spec.derived),
                        tuple(spec.grid)))
    return out


def _weaker_everywhere(mutant: Mutant, base_reg, mut_reg) -> str | None:
    """Every formula relation of the touched nodes implied by the original at every grid point."""
    from ..checks import Asymptotic, Citation, Consistency

    points_total = 0
    for nid in mutant.nodes:
        a, b = base_reg.results.get(nid), mut_reg.results.get(nid)
        if a is None or b is None:
            return None
        # only formula relations may differ: every other check must be the same declaration
        other_a = [s for s in a.checks if isinstance(s, (Consistency, Citation, Asymptotic))]
        other_b = [s for s in b.checks if isinstance(s, (Consistency, Citation, Asymptotic))]
        if repr(other_a) != repr(other_b):
            return None
        ra, rb = _relations(a), _relations(b)
        if len(ra) != len(rb) or not ra:
            return None
        syms_a = {c.name: c.formula.text for c in a.constants}
        syms_b = {c.name: c.formula.text for c in b.constants}
        changed = {k for k in syms_a if syms_a.get(k) != syms_b.get(k)}
        used = set()
        for _, l, _, r, _ in ra:
            used |= set(l.symbols) | set(r.symbols)
        for s in list(a.checks):
            for attr in ("a", "b", "condition", "survives", "explicit", "claimed"):
                t = getattr(s, attr, None)
                if isinstance(t, str) and set(changed) & set(_symbols(t)):
                    return None
        for (n1, l1, rel1, r1, grid), (n2, l2, rel2, r2, _) in zip(ra, rb):
            if n1 != n2 or rel1 != rel2:
                return None
            if l1.text == l2.text and r1.text == r2.text and not (changed & (set(l1.symbols) | set(r1.symbols))):
                continue
            if rel1 not in ("<", "<=", ">", ">="):
                return None
            pts = list(grid) or [{}]
            for pt in pts:
                try:
                    ea, eb = a.evaluate(pt), b.evaluate(pt)
                    la, lb, xa, xb = l1.evaluate(ea), l2.evaluate(eb), r1.evaluate(ea), r2.evaluate(eb)
                except Exception:
                    return None
                small = rel1 in ("<", "<=")
                ok_l = lb.compare("<=" if small else ">=", la)
                ok_r = xb.compare(">=" if small else "<=", xa)
                if ok_l is not True or ok_r is not True:
                    return None
                points_total += 1
    if not points_total:
        return None
    return (f"weaker at every grid point: each touched relation's mutated sides moved only in its weaker "
            f"direction (certified at {points_total} point(s)), so the original implies the mutant there")


def _added_value(narrow: str, wide: str):
    """The one value the domain ``wide`` adds to ``narrow`` (from :data:`boundcalc.domains.DECLARED`),
    or None when it adds more (an interval) or is not a widening of that kind."""
    from ..domains import DECLARED

    a, b = DECLARED[narrow].normal(), DECLARED[wide].normal()
    if a.integer != b.integer:
        return None
    same_hi = (a.hi, a.hi_closed) == (b.hi, b.hi_closed)
    if same_hi and a.integer and a.lo is not None and b.lo == a.lo - 1:
        return b.lo
    if same_hi and not a.integer and a.lo == b.lo and b.lo_closed and not a.lo_closed:
        return b.lo
    if (a.lo, a.lo_closed) == (b.lo, b.lo_closed) and a.hi == b.hi and b.hi_closed and not a.hi_closed:
        return b.hi
    return None


def _formula_texts(result) -> list[str]:
    """Every formula a node asserts or computes with: constants, claims, hypotheses, the checks' formulas."""
    from ..auditing.generic import _spec_formulas

    out = [c.formula.text for c in result.constants]
    out += [t for c in result.claims for t in (c.lhs.text, c.rhs.text)]
    out += list(result.hypotheses)
    return out + [t for spec in result.checks for t in _spec_formulas(spec)]


def _domain_without_effect(mutant: Mutant, base_reg) -> str | None:
    """A widened parameter domain that changes nothing any node asserts: on every touched node the
    parameter occurs in no formula (constant, claim, hypothesis, check) and no quote states its domain,
    or the value the widening adds contradicts a formula hypothesis for every value of the others
    (sympy, with the other parameters' domain assumptions)."""
    from ..auditing import symbolic
    from ..auditing.values import formula_hypotheses

    name = mutant.description[len("domain of "):].split(":", 1)[0].strip()
    new = _added_value(mutant.before, mutant.after)
    why = []
    for nid in mutant.nodes:
        r = base_reg.results.get(nid)
        if r is None or all(p.name != name for p in r.params):
            return None
        if any(q.declares == f"domain:{name}" for q in getattr(r, "quotes", ()) or ()):
            return None
        if not any(name in _symbols(t) for t in _formula_texts(r)):
            why.append(f"{nid}: no formula reads {name}")
            continue
        if new is None:
            return None
        tab, at = symbolic.table(r), {r.sympy_symbols()[name]: new}
        excluded = next((f"{a.text} {rel} {b.text}" for a, rel, b in formula_hypotheses(r)
                         if symbolic.relation_holds(a.sympy(tab).subs(at), rel, b.sympy(tab).subs(at))[0] is False),
                        None)
        if excluded is None:
            return None
        why.append(f"{nid}: {name} = {new} contradicts the hypothesis {excluded}")
    if not why:
        return None
    return "widened domain without effect: " + "; ".join(why)


def _weaker_asymptotic(mutant: Mutant, base_reg, mut_reg) -> str | None:
    """An O(.) claim 'explicit = O(claimed)' made weaker: the mutated claimed is at least the original
    up to a constant (original/mutated has a finite limit, sympy), or the mutated explicit at most the
    original (mutated/original finite); every other declaration of the node unchanged."""
    from ..auditing.asymptotic import ratio_limit
    from ..checks import Asymptotic
    from ..formula import Formula

    why = []
    for nid in mutant.nodes:
        a, b = base_reg.results.get(nid), mut_reg.results.get(nid)
        if a is None or b is None or len(a.checks) != len(b.checks):
            return None
        if [(c.name, c.formula.text) for c in a.constants] != [(c.name, c.formula.text) for c in b.constants]:
            return None
        if list(map(_relation_key, _relations(a))) != list(map(_relation_key, _relations(b))):
            return None
        for x, y in zip(a.checks, b.checks):
            if not isinstance(x, Asymptotic):
                continue
            if not isinstance(y, Asymptotic) or (x.name, x.variable, x.point, dict(x.held)) != \
                    (y.name, y.variable, y.point, dict(y.held)):
                return None
            if (x.explicit, x.claimed) == (y.explicit, y.claimed):
                continue
            if x.explicit != y.explicit and x.claimed != y.claimed:
                return None
            top, bottom = ((x.claimed, y.claimed) if x.claimed != y.claimed else (y.explicit, x.explicit))
            lim, how = ratio_limit(a, x, Formula(top), Formula(bottom))
            if lim is None or not lim.is_finite:
                return None
            why.append(f"{x.name}: ({top})/({bottom}) -> {lim}")
    if not why:
        return None
    return ("O-claim weakened: " + "; ".join(why) + " (sympy), so the original O bound implies the mutated one")


def _relation_key(rel: tuple) -> tuple:
    """A formula relation of :func:`_relations` by its texts (Formula objects of two loads differ)."""
    return (rel[0], rel[1].text, rel[2], rel[3].text)


def _flipped_identity(mutant: Mutant, base_reg, mut_reg) -> str | None:
    """A non-strict relation flipped between two sides that are identical (sympy): both directions hold."""
    from ..auditing import symbolic

    for nid in mutant.nodes:
        a, b = base_reg.results.get(nid), mut_reg.results.get(nid)
        if a is None or b is None:
            return None
        ra, rb = _relations(a), _relations(b)
        diff = [(x, y) for x, y in zip(ra, rb) if _relation_key(x) != _relation_key(y)] if len(ra) == len(rb) else None
        if not diff or len(diff) != 1:
            return None
        (name, l1, rel1, r1, _), (_, l2, rel2, r2, _) = diff[0]
        if (l1.text, r1.text) != (l2.text, r2.text) or rel2 not in ("<=", ">=", "==") or rel1 not in ("<=", ">=", "=="):
            return None
        tab = symbolic.table(a)
        same, how = symbolic.relation_holds(l1.sympy(tab), "==", r1.sympy(tab))
        if same is not True:
            return None
        return (f"both sides of {name} are identical (sympy, constants substituted: {how}), "
                f"so {rel2} holds as {rel1} does")
    return None


def _symbols(text: str) -> set[str]:
    try:
        return {n.id for n in ast.walk(ast.parse(text, mode="eval")) if isinstance(n, ast.Name)}
    except SyntaxError:
        return set()


POOL_DRAWS = 100
"""Draws per search (hand sampler, declared domains, special values) in an equivalence pool."""


def _candidate_pool(*specs) -> list:
    """Candidates of the searches of ``specs``, deduplicated: the hand-written lists and sampler, and
    for declared objects random draws from the domains and the special (extreme, degenerate) values."""
    import itertools

    from .. import objects as ob
    from ..auditing.falsify import Search

    pool = []
    for spec in specs:
        if spec.adversarial is not None:
            pool.extend(itertools.islice(spec.adversarial(), POOL_DRAWS))
        if spec.sample is not None:
            rng = random.Random(0)
            pool.extend(spec.sample(rng) for _ in range(min(spec.trials, POOL_DRAWS)))
        if spec.objects is not None:
            rng = random.Random(1)
            pool.extend(ob.draw(spec.objects, rng) for _ in range(POOL_DRAWS))
            pool.extend(itertools.islice(Search(spec, 0).specials(), POOL_DRAWS))
    return list({repr(o): o for o in pool}.values())


SAME_BITS = 4096
"""Two inexact values whose enclosures at this precision overlap count as one (an unchanged side of a
relation: balls never certify equality, so an equivalence reason on candidates accepts 2^-4000)."""


def _same_value(x, y) -> bool:
    """Certified equal, or inexact with overlapping enclosures at SAME_BITS (the unchanged side)."""
    if x.compare("==", y) is True:
        return True
    if x.is_exact or y.is_exact:
        return False
    try:
        return bool(x.arb(SAME_BITS).overlaps(y.arb(SAME_BITS)))
    except Exception:
        return False


def _weaker_on_candidates(mutant: Mutant, base_reg, mut_reg) -> str | None:
    """A search's claim weakened: on every candidate both versions admit, each side is unchanged (see
    :func:`_same_value`) or moved in the relation's weaker direction (certified), at least one moved,
    and the hypotheses admit the same candidates."""
    from ..auditing.values import to_real
    from ..checks import Counterexample

    checked = moved = 0
    for nid in mutant.nodes:
        a, b = base_reg.results.get(nid), mut_reg.results.get(nid)
        if a is None or b is None or [p.domain for p in a.params] != [p.domain for p in b.params]:
            return None
        if [(c.name, c.lhs.text, c.rel, c.rhs.text) for c in a.claims] != \
                [(c.name, c.lhs.text, c.rel, c.rhs.text) for c in b.claims]:
            return None
        sa = [s for s in a.checks if isinstance(s, Counterexample)]
        sb = [s for s in b.checks if isinstance(s, Counterexample)]
        if len(sa) != len(sb) or not sa or len(a.checks) != len(b.checks):
            return None
        for x, y in zip(sa, sb):
            if x.name != y.name or x.rel != y.rel:
                return None
            small = x.rel in ("<", "<=")
            for obj in _candidate_pool(x, y):
                try:
                    hx, hy = x.hypotheses(obj), y.hypotheses(obj)
                    if hx is not hy:
                        return None
                    if hx is not True:
                        continue
                    lx, ly = to_real(x.lhs(obj)), to_real(y.lhs(obj))
                    rx, ry = to_real(x.rhs(obj)), to_real(y.rhs(obj))
                except Exception:
                    return None
                same_l, same_r = _same_value(lx, ly), _same_value(rx, ry)
                if not (same_l and same_r):
                    if x.rel not in ("<", "<=", ">", ">="):
                        return None
                    ok_l = same_l or ly.compare("<=" if small else ">=", lx) is True
                    ok_r = same_r or ry.compare(">=" if small else "<=", rx) is True
                    if not (ok_l and ok_r):
                        return None
                    moved += 1
                checked += 1
    if not checked or not moved:
        return None
    return (f"claim weakened: on {checked} admissible candidates of the search the mutated sides moved only in "
            f"the relation's weaker direction ({moved} moved, certified) and the hypotheses admit the same ones, "
            "so the original claim implies the mutant there")


def _stronger_hypothesis(mutant: Mutant, base_reg, mut_reg) -> str | None:
    """Certified on the candidates of both searches: the mutated hypothesis admits a subset."""
    from ..checks import Counterexample

    checked = rejected = 0
    for nid in mutant.nodes:
        a, b = base_reg.results.get(nid), mut_reg.results.get(nid)
        if a is None or b is None or [p.domain for p in a.params] != [p.domain for p in b.params]:
            return None
        sa = [s for s in a.checks if isinstance(s, Counterexample)]
        sb = [s for s in b.checks if isinstance(s, Counterexample)]
        if len(sa) != len(sb) or not sa:
            return None
        for x, y in zip(sa, sb):
            for obj in _candidate_pool(x, y):
                try:
                    hy, hx = y.hypotheses(obj), x.hypotheses(obj)
                except Exception:
                    return None
                if hy is None or (hy is True and hx is not True):
                    return None
                checked += 1
                rejected += hy is not True and hx is True
    if not checked or not rejected:
        return None
    return (f"hypothesis strengthened: of {checked} candidates, every one the mutant admits the original "
            f"admits (certified), and {rejected} the original admits are rejected")



def _margin(rel):
    """(e, strict) with the relation reading e > 0 (strict) or e >= 0; None for other relations."""
    import sympy

    if isinstance(rel, (sympy.StrictLessThan, sympy.LessThan)):
        return rel.rhs - rel.lhs, isinstance(rel, sympy.StrictLessThan)
    if isinstance(rel, (sympy.StrictGreaterThan, sympy.GreaterThan)):
        return rel.lhs - rel.rhs, isinstance(rel, sympy.StrictGreaterThan)
    return None


def _implies(old, new) -> str | None:
    """How ``new`` follows from ``old`` (two inequalities whose margins differ by a constant k >= 0, with
    k > 0 or the strictness not raised), or None when sympy does not show it."""
    import sympy

    a, b = _margin(old), _margin(new)
    if a is None or b is None:
        return None
    try:
        k = sympy.simplify(b[0] - a[0])
    except Exception:
        return None
    if not k.is_number or k.free_symbols:
        return None
    if k.is_positive or (k.is_zero and (a[1] or not b[1])):
        return f"{new} follows from {old} (margin + {k})"
    return None


def _weaker_conclusion(mutant: Mutant, base_reg, mut_reg) -> str | None:
    """A formal statement's conclusion weakened on every touched node: same variables and hypotheses,
    each changed conclusion implied by the original one (:func:`_implies`). The statements compared are
    each node's formal statement and the standing statements its proof steps are declared under."""
    reasons = []
    for nid, a, b, _ in statement_pairs(mutant, base_reg, mut_reg) or ():
        if a.variables != b.variables or list(map(_hyp_key, a.hypotheses)) != list(map(_hyp_key, b.hypotheses)) \
                or len(a.conclusion) != len(b.conclusion):
            return None
        for c0, c1 in zip(a.conclusion, b.conclusion):
            if c0 == c1:
                continue
            how = _implies(c0, c1)
            if how is None:
                return None
            reasons.append(f"{nid}: {how}")
    if not reasons:
        return None
    return "conclusion weakened: " + "; ".join(dict.fromkeys(reasons))


def _hyp_key(h) -> tuple:
    """A hypothesis by what it says: a sympy relation by its tree, a named predicate by its name and
    definition (its test function is a new object in every load of the package)."""
    import sympy

    if isinstance(h, sympy.Basic):
        return ("sympy", sympy.srepr(h))
    return (type(h).__name__, getattr(h, "name", None), getattr(h, "definition", None),
            tuple(sympy.srepr(x) for x in getattr(h, "implies", ()) if isinstance(x, sympy.Basic)))


def statement_pairs(mutant: Mutant, base_reg, mut_reg) -> list | None:
    """(node, original, mutated, mutated steps) over every node the mutant touches (:func:`_statement_pairs`),
    or None when some node's statements do not pair up."""
    out = []
    for nid in mutant.nodes:
        pairs = _statement_pairs(nid, base_reg, mut_reg)
        if pairs is None:
            return None
        out += [(nid, *p) for p in pairs]
    return out


def _statement_pairs(nid: str, base_reg, mut_reg) -> list | None:
    """(original, mutated, the mutated proof steps declared under it) for the formal statement (no steps) and
    the standing statements of one node, or None when they do not pair up."""
    a = getattr(base_reg.results.get(nid), "formal", None)
    b = getattr(mut_reg.results.get(nid), "formal", None)
    if (a is None) != (b is None):
        return None
    pairs = [(a, b, ())] if a is not None else []
    sa = (getattr(base_reg, "proof_steps", None) or {}).get(nid, ())
    sb = (getattr(mut_reg, "proof_steps", None) or {}).get(nid, ())
    if len(sa) != len(sb):
        return None
    pairs += [(x[0], y[0], tuple(y[1])) for x, y in zip(sa, sb) if x[0] is not None and y[0] is not None]
    return pairs or None
