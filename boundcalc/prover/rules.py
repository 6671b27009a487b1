"""Sign and monotonicity rules: tactics that close a goal only by standard sign/calculus facts.

``sign`` decides the sign of ``lhs - rhs`` from the expression tree (sums of terms of one sign, products,
powers, exp, positive constants certified with arb) and the signs its premises and the variables' domains
give to sub-terms. ``monotone`` compares a function's values at two points from the sign of its
derivative on a declared interval, the derivative's sign being proved by another tactic.
"""
from __future__ import annotations

import sympy as sp
from flint import arb

from .arith import _arb, _has_transcendental, z3_entails
from .forms import Domain, Step, same_formula

# A sign is a set of possible signs of a real value, a subset of {-1, 0, 1}; None = not a real we can reason about.
POS, NEG, ZERO = frozenset({1}), frozenset({-1}), frozenset({0})
NONNEG, NONPOS, ANY = frozenset({0, 1}), frozenset({-1, 0}), frozenset({-1, 0, 1})
_WANT = {sp.StrictGreaterThan: POS, sp.GreaterThan: NONNEG, sp.StrictLessThan: NEG, sp.LessThan: NONPOS}


def _rel_sign(rel):
    """The sign set that ``rel.lhs - rel.rhs`` must have for ``rel`` to hold, or None for = / !=."""
    return _WANT.get(type(rel))


def _mul(a, b):
    return frozenset(x * y for x in a for y in b)


def _add(a, b):
    out = set()
    for x in a:
        for y in b:
            out |= {x} if x == y or y == 0 else ({y} if x == 0 else {-1, 0, 1})
    return frozenset(out)


def _const_sign(e):
    """Sign of a variable-free real expression, certified with arb (None when undecided)."""
    try:
        v = _arb(e, {})
    except Exception:
        return None
    if not isinstance(v, arb) or not v.is_finite():
        return None
    if v > 0:
        return POS
    if v < 0:
        return NEG
    if v == 0 and v.rad() == 0:
        return ZERO
    return None


class SignFacts:
    """Signs known for sub-expressions: from premises ``a rel b`` (a sign of a - b) and from domains."""

    def __init__(self, premises, variables):
        self.known: dict = {}
        self.premises, self.variables = list(premises), variables
        for p in premises:
            want = _rel_sign(p) if isinstance(p, sp.core.relational.Relational) else None
            if want is None:
                continue
            d = sp.expand(p.lhs - p.rhs)
            self._note(d, want)
            self._note(sp.expand(-d), frozenset(-s for s in want))
            # a premise x rel c with c a number: x = (x - c) + c, and c = x - (x - c)
            if p.rhs.is_number and not p.lhs.is_number:
                c = _const_sign(p.rhs)
                if c is not None:
                    self._note(sp.expand(p.lhs), _add(want, c))
            if p.lhs.is_number and not p.rhs.is_number:
                c = _const_sign(p.lhs)
                if c is not None:
                    self._note(sp.expand(p.rhs), _add(c, frozenset(-s for s in want)))
        for x, dom in variables.items():
            s = ANY
            if dom.lo is not None:
                lo = _const_sign(sp.sympify(dom.lo))
                if lo is not None and lo <= NONNEG:
                    s = s & (POS if (lo == POS or dom.lo_open) else NONNEG)
            if dom.hi is not None:
                hi = _const_sign(sp.sympify(dom.hi))
                if hi is not None and hi <= NONPOS:
                    s = s & (NEG if (hi == NEG or dom.hi_open) else NONPOS)
            if s != ANY:
                self._note(x, s)

    def _note(self, e, s):
        self.known[e] = self.known.get(e, ANY) & s

    def sign(self, e, depth=0):
        """Sign set of ``e`` (ANY when unknown). Sound: every rule is a standard fact about real arithmetic."""
        if depth > 60:
            return ANY
        if e.is_number:
            return self._tree(e, depth)
        x = sp.expand(e)
        base = self.known.get(x, ANY)
        for k, s in self.known.items():      # e = k + c with k of known sign and c a number
            c = sp.expand(x - k)
            if c.is_number and c != 0:
                cs = _const_sign(c)
                if cs is not None:
                    base = base & _add(s, cs)
        return base & self._tree(e, depth)

    def _z3_sign(self, e):
        """Sign of a polynomial sub-term that the premises give by real arithmetic (z3), else ANY."""
        if _has_transcendental([e]) or not self.premises:
            return ANY
        for rel, s in ((sp.StrictGreaterThan, POS), (sp.StrictLessThan, NEG), (sp.GreaterThan, NONNEG),
                       (sp.LessThan, NONPOS)):
            if z3_entails(self.premises, rel(e, 0, evaluate=False), self.variables, 2000)[0]:
                return s
        return ANY

    def _tree(self, e, depth):
        if e.is_number:
            return _const_sign(e) or ANY
        if isinstance(e, sp.Add):
            s = ZERO
            for a in e.args:
                s = _add(s, self.sign(a, depth + 1))
            return s if s != ANY else self._z3_sign(e)
        if isinstance(e, sp.Mul):
            s = POS
            for a in e.args:
                s = _mul(s, self.sign(a, depth + 1))
            return s
        if isinstance(e, sp.exp):
            return POS
        if isinstance(e, sp.Abs):
            s = self.sign(e.args[0], depth + 1)
            return POS if 0 not in s else NONNEG
        if isinstance(e, sp.log):
            s = self.sign(e.args[0] - 1, depth + 1)
            pos = self.sign(e.args[0], depth + 1)
            if pos != POS:
                return ANY
            return s
        if isinstance(e, sp.Pow):
            b = self.sign(e.base, depth + 1)
            k = e.exp
            if k.is_Integer:
                k = int(k)
                if k < 0 and 0 in b:
                    return ANY            # 1/0 is not a real number
                if k % 2 == 0:
                    return NONNEG if 0 in b else POS
                return b
            if b == POS:                  # a real power of a positive base is positive
                return POS
            return ANY
        return ANY


def sign_entails(premises, claim, variables):
    """(closed, detail) for a claim ``lhs rel rhs`` by the sign rules."""
    want = _rel_sign(claim) if isinstance(claim, sp.core.relational.Relational) else None
    if want is None:
        return False, "sign needs an inequality (<, <=, >, >=)"
    if claim.has(sp.I):
        return False, "sign: complex terms"
    facts = SignFacts(premises, variables)
    diff = claim.lhs - claim.rhs
    got = facts.sign(diff)
    if not got <= want:
        got = got & facts.sign(sp.factor(diff))
    return got <= want, f"sign of lhs - rhs: {sorted(got)} (needs {sorted(want)})"


def t_sign(step, prem, record, **_):
    return sign_entails(prem, step.claim, record.variables)


# ---------------------------------------------------------------- monotonicity
_SMOOTH = (sp.Symbol, sp.Add, sp.Mul, sp.Pow, sp.exp, sp.log)


def _definedness(f, t):
    """Side conditions (as claims) under which every sub-term of f is a real, differentiable function of t."""
    out = []
    for a in sp.preorder_traversal(f):
        if a.is_number or not a.has(t):
            continue
        if not isinstance(a, _SMOOTH):
            raise ValueError(f"monotone: {type(a).__name__} is not among the smooth building blocks")
        if isinstance(a, sp.log):
            out.append(sp.StrictGreaterThan(a.args[0], 0, evaluate=False))
        if isinstance(a, sp.Pow) and a.base.has(t):
            if not a.exp.is_Integer:
                out.append(sp.StrictGreaterThan(a.base, 0, evaluate=False))
            elif a.exp < 0:
                out.append(sp.Unequality(a.base, 0, evaluate=False))
    return out


def _entails(prem, goal, record):
    return z3_entails(prem, goal, record.variables)[0]


def t_monotone(step, prem, record, tactics=None, **_):
    """options: var=t, f=expr in t (explicit) or derivative=D & by=axiom name (abstract), at=(x0, x1),
    on=(lo, hi) (default: t's declared domain), derivative_tactic='sign' | 'interval' | 'z3_nonlinear'.

    Closes ``f(x0) < f(x1)`` (derivative > 0 on [lo, hi]), ``f(x0) > f(x1)`` (derivative < 0), or the
    non-strict forms (derivative >= 0 / <= 0), with x0 < x1 both in [lo, hi] following from the premises.
    The derivative's sign is proved for a generic t in [lo, hi] from the premises that do not mention t
    (mean value theorem)."""
    o = step.options
    t = o.get("var")
    x0, x1 = (sp.sympify(v) for v in o.get("at", (None, None)))
    if not isinstance(t, sp.Symbol) or x0 is None:
        return False, "monotone needs var= and at=(x0, x1)"
    dom = record.variables.get(t)
    lo, hi = o.get("on", (None, None) if dom is None else (dom.lo, dom.hi))
    if lo is None or hi is None:
        return False, f"monotone: no bounded interval for {t} (give on=(lo, hi) or a bounded domain)"
    lo, hi = sp.sympify(lo), sp.sympify(hi)
    if lo.has(t) or hi.has(t) or x0.has(t) or x1.has(t):
        return False, "monotone: the interval and the points may not mention the variable"
    free_prem = [p for p in prem if not p.has(t)]
    if "f" in o:
        f = sp.sympify(o["f"])
        try:
            side = _definedness(f, t)
        except ValueError as exc:
            return False, str(exc)
        deriv = sp.diff(f, t)
        v0, v1 = f.subs(t, x0), f.subs(t, x1)
        how = f"derivative of {f} in {t}: {deriv}"
    else:
        by, deriv = o.get("by"), o.get("derivative")
        ax = next((a for a in record.axioms if a.name == by), None)
        if ax is None or deriv is None or "values" not in o:
            return False, "abstract monotone needs derivative=, values=(f(x0), f(x1)) and by= an axiom of the record"
        if t in record.formula.free_symbols or any(h.has(t) for h in record.hypotheses.values()):
            return False, f"{t} must be a bound variable of the proof (not in the statement or its hypotheses)"
        side = []
        v0, v1 = (sp.sympify(v) for v in o["values"])
        how = f"derivative {deriv} of {t} -> {by}"
    c = step.claim
    rel = type(c)
    if same_formula(c, sp.StrictLessThan(v0, v1, evaluate=False)):
        need = sp.StrictGreaterThan(deriv, 0, evaluate=False)
    elif same_formula(c, sp.StrictGreaterThan(v0, v1, evaluate=False)):
        need = sp.StrictLessThan(deriv, 0, evaluate=False)
    elif same_formula(c, sp.LessThan(v0, v1, evaluate=False)):
        need = sp.GreaterThan(deriv, 0, evaluate=False)
    elif same_formula(c, sp.GreaterThan(v0, v1, evaluate=False)):
        need = sp.LessThan(deriv, 0, evaluate=False)
    else:
        return False, f"monotone: claim {c} ({rel.__name__}) is not a comparison of f({x0}) and f({x1})"
    order = sp.StrictLessThan(x0, x1) if rel in (sp.StrictLessThan, sp.StrictGreaterThan) else sp.LessThan(x0, x1)
    for ob in (order, sp.GreaterThan(x0, lo), sp.LessThan(x1, hi)):
        if not _entails(prem, ob, record):
            return False, f"monotone: {ob} does not follow from the premises"
    # the derivative's sign (and definedness) for every t in [lo, hi]: premises free of t, t's interval
    box_var = dict(record.variables)
    box_var[t] = Domain(lo, hi) if (lo.is_number and hi.is_number) else Domain()
    local = free_prem + [sp.GreaterThan(t, lo), sp.LessThan(t, hi)]
    sub_rec = type(record)(record.result_id, record.statement, {}, box_var, need, [], "", record.axioms,
                           record.uses)
    tac = o.get("derivative_tactic", "sign")
    if "f" not in o:
        # abstract: the derivative's sign must be a cited premise (proved for generic t) or follow from one
        if not any(same_formula(p, need) for p in prem) and not _entails(prem, need, record):
            return False, f"monotone: {need} is not among the premises"
        return True, f"{how}; {need} on [{lo}, {hi}] (generic {t}); mean value theorem"
    for goal in side + [need]:
        if isinstance(goal, sp.Unequality):
            ok, _ = sign_entails(local, sp.StrictGreaterThan(goal.lhs ** 2, 0, evaluate=False), box_var)
        elif tac == "sign":
            ok, _ = sign_entails(local, goal, box_var)
        elif tac in ("interval", "z3_nonlinear"):
            if not tactics or tac not in tactics:
                return False, f"monotone: tactic {tac} not available"
            ok, _ = tactics[tac](Step("d", goal, tac, options=o.get("derivative_options", {})), local, sub_rec,
                                 proved_results={}, facts={}, outs=[])
        else:
            return False, f"monotone: unknown derivative_tactic {tac}"
        if not ok:
            return False, f"monotone: {goal} not shown for {t} in [{lo}, {hi}] by {tac}"
    return True, f"{how}; {need} on [{lo}, {hi}] by {tac} (domain of {t} reduced to [{lo}, {hi}]); mean value theorem"
