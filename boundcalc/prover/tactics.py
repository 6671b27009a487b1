"""Tactics. Each returns (closed: bool, detail: str) and closes a goal only on positive evidence."""
from __future__ import annotations

import sympy as sp
import z3
from flint import arb

from . import rules as _rules
from .arith import (Z3_TIMEOUT_MS, NotEncodable, _arb, _cert, _has_transcendental, _is_linear,  # noqa: F401
                    _symbols, _z3, z3_entails)
from .forms import same_formula
from .. import symcache

# ---------------------------------------------------------------- algebra
def t_algebra(step, prem, record, **_):
    c = step.claim
    if not isinstance(c, sp.core.relational.Relational):
        return False, "algebra needs a relational claim"
    diff = symcache.simplify(c.lhs - c.rhs)
    if isinstance(c, sp.Equality):
        return diff == 0, f"lhs - rhs simplifies to {diff}"
    # sign of the difference from the domain assumptions only (fresh symbols carry the assumptions)
    rep = {}
    for x, d in record.variables.items():
        kw = {}
        if d.lo is not None and d.lo >= 0:
            kw["positive" if (d.lo > 0 or d.lo_open) else "nonnegative"] = True
        if d.hi is not None and d.hi <= 0:
            kw["negative" if (d.hi < 0 or d.hi_open) else "nonpositive"] = True
        if d.integer:
            kw["integer"] = True
        rep[x] = sp.Symbol(str(x) + "_a", real=True, **kw)
    e = symcache.simplify(diff.subs(rep))
    want = {sp.StrictGreaterThan: "is_positive", sp.GreaterThan: "is_nonnegative",
            sp.StrictLessThan: "is_negative", sp.LessThan: "is_nonpositive"}.get(type(c))
    if want is None:
        return False, "unsupported relation"
    return getattr(e, want) is True, f"sign of {e}: {getattr(e, want)}"


# ---------------------------------------------------------------- z3
def t_z3(step, prem, record, linear=False, **_):
    fs = list(prem) + [step.claim]
    if linear and not _is_linear(fs):
        return False, "z3_linear: goal is not linear"
    return z3_entails(prem, step.claim, record.variables, step.options.get("timeout_ms", Z3_TIMEOUT_MS))


# ---------------------------------------------------------------- interval (flint arb)
def t_interval(step, prem, record, **_):
    """Branch and bound on a compact box. The box is options['box'] or the closed finite domains."""
    c = step.claim
    if not isinstance(c, (sp.StrictGreaterThan, sp.GreaterThan, sp.StrictLessThan, sp.LessThan)):
        return False, "interval needs an inequality"
    box = dict(step.options.get("box", {}))
    for x in sorted(c.free_symbols, key=str):
        if x not in box:
            d = record.variables.get(x)
            if d is None or d.lo is None or d.hi is None:
                return False, f"no compact box for {x}"
            box[x] = (d.lo, d.hi)
        elif record.variables.get(x) is None:
            return False, f"box given for {x}, which has no declared domain (the box would not cover it)"
        else:
            d = record.variables[x]      # an explicit box must cover the whole declared domain
            lo, hi = box[x]
            if d.lo is None or d.hi is None or sp.Rational(lo) > d.lo or sp.Rational(hi) < d.hi:
                return False, f"box for {x} does not cover its domain; reduce the domain in a premise-free way"
    syms = sorted(box, key=str)
    work = [tuple((sp.Rational(box[x][0]), sp.Rational(box[x][1])) for x in syms)]
    budget = step.options.get("max_boxes", 20000)
    n = 0
    while work:
        b = work.pop()
        n += 1
        if n > budget:
            return False, f"interval: budget of {budget} boxes exhausted"
        env = {}
        for x, (lo, hi) in zip(syms, b):
            mid = (lo + hi) / 2
            env[x] = arb(int(mid.p)) / int(mid.q) + arb(0, float((hi - lo) / 2) * (1 + 1e-12))
        if _cert(c, env):
            continue
        if not syms:
            return False, "interval: not certified at a point"
        widths = [hi - lo for lo, hi in b]
        i = widths.index(max(widths))
        if widths[i] < sp.Rational(1, 10 ** 9):
            return False, f"interval: cannot certify near {[(str(lo), str(hi)) for lo, hi in b]}"
        lo, hi = b[i]
        mid = (lo + hi) / 2
        work.append(b[:i] + ((lo, mid),) + b[i + 1:])
        work.append(b[:i] + ((mid, hi),) + b[i + 1:])
    return True, f"interval: {n} boxes certified on box {dict((str(k), tuple(map(str, v))) for k, v in box.items())}"


# ---------------------------------------------------------------- instantiate
def _entails(prem, goal, record):
    if any(same_formula_(p, goal) for p in prem):
        return True
    return z3_entails(prem, goal, record.variables)[0]


def same_formula_(a, b):
    return same_formula(a, b)


def t_instantiate(step, prem, record, proved_results, **_):
    """options: result= record id or axiom name, subs= {their var: our expr}.
    Each of its hypotheses and domain constraints, substituted, must follow from the premises; the claim must follow
    from the premises plus its substituted conclusion."""
    src = step.options.get("result")
    subs = step.options.get("subs", {})
    ax = next((a for a in record.axioms if a.name == src and a.formula is not None), None)
    if ax is not None:
        hyps, vars_, concl = ax.hypotheses, ax.variables, ax.formula
    else:
        if src not in record.uses:
            return False, f"{src} is not in the record's uses"
        out = proved_results.get(src)
        if out is None or getattr(out, "status", None) != "checked" or out.record is None:
            return False, f"{src} is not a checked result"
        rec = out.record
        hyps, vars_, concl = rec.hypotheses, rec.variables, rec.formula
    free = set(concl.free_symbols)
    for h in hyps.values():
        free |= h.free_symbols
    unbound = [x for x in free if x not in subs]
    if unbound:
        return False, f"unsubstituted variables: {sorted(map(str, unbound))}"
    for x, d in vars_.items():
        v = sp.sympify(subs[x]) if x in subs else None
        ours = record.variables.get(v) if isinstance(v, sp.Symbol) else None
        if d.integer and v is not None and v.is_integer is not True and not (ours is not None and ours.integer):
            return False, f"{x} is integer in {src} but {subs[x]} is not known to be an integer"
    obligations = [h.subs(subs, simultaneous=True) for h in hyps.values()]
    for x, d in vars_.items():
        if x in subs:
            obligations += [c.subs(subs, simultaneous=True) for c in d.constraints(x)]
    for ob in obligations:
        if ob is sp.true:
            continue
        if not _entails(prem, ob, record):
            return False, f"hypothesis not discharged: {ob}"
    inst = concl.subs(subs, simultaneous=True)
    if not _entails(list(prem) + [inst], step.claim, record):
        return False, f"claim does not follow from instance {inst}"
    return True, f"instance of {src}: {inst}"


# ---------------------------------------------------------------- cases
def t_cases(step, prem, record, proved_results, facts, outs, run_steps=None, **_):
    """options: cases=[(case_formula, [Step...]), ...]. The cases' disjunction must follow from the premises; each
    sub-proof runs with its case as an extra fact and its last step must be the claim. ``run_steps`` is the
    checker's step runner (passed in by the checker, which imports this module)."""
    if run_steps is None:
        return False, "cases: no step runner given"
    cases = step.options.get("cases", [])
    if not cases:
        return False, "no cases"
    if not _entails(prem, sp.Or(*[c for c, _ in cases]), record):
        return False, "cases are not exhaustive under the premises"
    for i, (c, sub) in enumerate(cases):
        local = dict(facts)
        local[f"{step.name}.case{i}"] = c
        sub_outs = []
        ok = run_steps(record, sub, local, proved_results, sub_outs)
        for o in sub_outs:
            o.name = f"{step.name}/{i}/{o.name}"
        outs.extend(sub_outs)
        if not ok or not sub or not same_formula(sub[-1].claim, step.claim):
            return False, f"case {i} ({c}) not established"
    return True, f"{len(cases)} cases"


TACTICS = {
    "algebra": t_algebra,
    "z3_linear": lambda *a, **k: t_z3(*a, linear=True, **k),
    "z3_nonlinear": t_z3,
    "interval": t_interval,
    "instantiate": t_instantiate,
    "cases": t_cases,
    "sign": _rules.t_sign,
    "monotone": _rules.t_monotone,
}


def run(step, prem, record, proved_results, facts, outs, run_steps=None):
    """Run the step's tactic; ``run_steps`` (the checker's step runner) is handed on for sub-proofs."""
    tac = TACTICS.get(step.tactic)
    if tac is None:
        return False, f"unknown tactic {step.tactic}"
    return tac(step, prem, record, proved_results=proved_results, facts=facts, outs=outs, run_steps=run_steps,
               tactics=TACTICS)
