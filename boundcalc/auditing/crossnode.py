"""Constants named alike in a result and in what its proof uses, compared at every evaluation point.

A constant ``c`` of a node and a constant of the same name in a result the node uses (transitively)
are two texts for the same quantity unless a declaration says why not:
``data={"differs_from": {"c": {"other-id": "reason"}}}`` on either node. They are evaluated at the
node's points (its user's and default values, its examples and check grids, the other's examples)
on the parameters both share; a certified difference anywhere is ``inconsistent``. When the other
result needs a parameter this node lacks (partial binding, e.g. L_p of Theorem B.1), it is bound to the
other result's own bound for it (a hypothesis ``q >= f``/``q <= f``/``q == f`` over the shared
parameters) or else to the common specialisation (its domain's least element, e.g. L_p = 0); each
compared row says which (``bound_there``). Like the other
integrity checks this reports problems only: agreement adds no finding.
"""
from __future__ import annotations

from fractions import Fraction

from ..checks import Citation, Consistency, StatedVsDerived
from ..findings import Finding, Verdict
from ..records import Result
from .context import AuditContext
from .values import EVAL_ERRORS, decide, show


def ancestors(result: Result, ctx: AuditContext) -> list[Result]:
    """The results a node's proof uses, transitively (each once, nearest first)."""
    out, seen, todo = [], {result.id}, list(result.uses)
    while todo:
        u = todo.pop(0)
        try:
            r = ctx.registry.get(ctx.registry.resolve(u))
        except (ValueError, KeyError):
            continue
        if r.id in seen:
            continue
        seen.add(r.id)
        out.append(r)
        todo.extend(r.uses)
    return out


def declared_difference(a: Result, b: Result, name: str) -> str | None:
    """The reason either node gives for its constant ``name`` differing from the other's, or None."""
    for x, y in ((a, b), (b, a)):
        reason = (x.data.get("differs_from") or {}).get(name, {}).get(y.id)
        if reason:
            return reason
    return None


def _grids(r: Result) -> list[dict]:
    out = [dict(g) for g in (r.data.get("examples") or ())]
    for spec in r.checks:
        if isinstance(spec, (StatedVsDerived, Consistency, Citation)):
            out += [dict(g) for g in spec.grid]
    return out


def _assignments(result: Result, other: Result, ctx: AuditContext) -> list[tuple[str, dict]]:
    """Points of both nodes, each restricted to the parameters of ``result``, defaults filled in."""
    cands = []
    mine = {k: v for k, v in ctx.params.items() if any(p.name == k for p in result.params)}
    if mine:
        cands.append(("params", mine))
    cands.append(("defaults", {}))
    cands += [(f"{result.id}[{i}]", g) for i, g in enumerate(_grids(result))]
    cands += [(f"{other.id}[{i}]", g) for i, g in enumerate(_grids(other))]
    names = {p.name for p in result.params}
    seen, out = set(), []
    for label, g in cands:
        values = {k: str(v) for k, v in g.items() if k in names}
        for p in result.params:
            if p.name not in values and p.default is not None:
                values[p.name] = str(p.default)
        if len(values) < len(names):
            continue
        key = tuple(sorted(values.items()))
        if key not in seen:
            seen.add(key)
            out.append((label, values))
    return out


def _least(domain) -> str | None:
    """The least element of a parameter's domain (or just inside an open end): the common specialisation."""
    from .values import EDGES
    if isinstance(domain, str):
        vals = EDGES.get(domain, ())
    else:
        try:
            from ..domains import edges
            vals = edges(domain)
        except (ImportError, ValueError, TypeError):
            vals = ()
    if not vals or Fraction(vals[0]) not in (0, 1) or (isinstance(domain, str) and domain not in VANISHING):
        return None
    return vals[0]


VANISHING = ("nonnegint", "nonneg", "posint")
"""Domains whose least element (0, or 1 for a count such as a rank) is the case a result without the
parameter describes; a continuous positive parameter (eps, a scale) has no such specialisation."""


def _own_bound(r: Result, q: str, values: dict) -> str | None:
    """The value ``r``'s own hypotheses give ``q`` from the shared values: a hypothesis ``q == f``,
    ``q >= f`` or ``q <= f`` with f over parameters the point gives, as an exact rational, or None."""
    from ..numbers import Real
    from .values import formula_hypotheses
    for a, rel, b in formula_hypotheses(r):
        for side, other in ((a, b), (b, a)):
            if side.text == q and rel in ("==", ">=", "<=") and other.symbols <= set(values):
                try:
                    x = other.evaluate({k: Real(values[k]) for k in other.symbols}).as_fraction()
                except (ValueError, ArithmeticError, TypeError, KeyError, OverflowError):
                    continue
                return str(x.numerator) if x.denominator == 1 else f"{x.numerator}/{x.denominator}"
    return None


def _bind_missing(r: Result, values: dict, want: set[str]) -> dict[str, str] | None:
    """Values for the parameters of ``r`` the shared point leaves open (no value, no default): ``r``'s
    own bound for it when a hypothesis gives one, else the common specialisation (the least element of
    its domain, e.g. L_p = 0). Returns {param: "value (how)"}; None when one cannot be bound."""
    out = {}
    for q in sorted(want):
        if q in values or r.param(q).default is not None:
            continue
        v = _own_bound(r, q, values)
        if v is not None:
            out[q] = (v, f"{r.id}'s own bound")
            continue
        v = _least(r.param(q).domain)
        if v is None:
            return None
        out[q] = (v, "common specialisation (least element of its domain)")
    return out


def _value(r: Result, name: str, values: dict, mine: dict | None = None, bound: dict | None = None):
    """The constant at the shared values, or None when ``r`` needs a parameter they do not give.

    A parameter of ``r`` that the node computes as a constant of the same name (``mine``, exact
    rationals only) is taken from the node: e.g. a theorem's L_p = L N^{dL} feeds a lemma's L_p.
    With ``bound`` (a dict), a parameter still missing is bound by :func:`_bind_missing` and recorded
    there as {param: (value, how)} instead of giving up (partial binding)."""
    needed = r._closure({name})
    params = {p.name for p in r.params}
    values = dict(values)
    for k, v in (mine or {}).items():
        if k in params and k not in values:
            try:
                q = v.as_fraction()
            except (ValueError, ArithmeticError, TypeError, OverflowError):
                continue
            values[k] = str(q.numerator) if q.denominator == 1 else f"{q.numerator}/{q.denominator}"
    want = set()
    for c in r.constants:
        if c.name in needed:
            want |= c.formula.symbols & params
    if any(p not in values and r.param(p).default is None for p in want):
        if bound is None:
            return None
        fixed = _bind_missing(r, values, want)
        if fixed is None:
            return None
        bound.update(fixed)
        values.update({k: v for k, (v, _) in fixed.items()})
    given = {k: v for k, v in values.items() if k in params}
    for p in r.params:                                    # parameters the constant does not need
        if p.name not in given and p.name not in want and p.default is None:
            given[p.name] = "2"
    return r.evaluate(given, only={name})[name]


def run(result: Result, ctx: AuditContext) -> list[Finding]:
    mine = {c.name for c in result.constants}
    out = []
    for other in ancestors(result, ctx):
        for name in sorted(mine & {c.name for c in other.constants}):
            if declared_difference(result, other, name):
                continue
            rows, bad = [], []
            for label, values in _assignments(result, other, ctx):
                try:
                    here = result.evaluate(values, only={name} | ({p.name for p in other.params}
                                                                   & {c.name for c in result.constants}))
                    x = here[name]
                    bound: dict = {}
                    y = _value(other, name, values, here, bound)
                except EVAL_ERRORS:
                    continue
                if y is None:
                    continue
                same = decide(x, "==", y)
                row = {"point": label, "params": values, "here": show(x, ctx.digits),
                       "there": show(y, ctx.digits), "equal": same}
                if bound:
                    row["bound_there"] = {k: {"value": v, "how": how} for k, (v, how) in bound.items()}
                rows.append(row)
                if same is False:
                    bad.append(row)
            if bad:
                first = bad[0]
                how = first.get("bound_there")
                via = ("; " + other.id + "'s " + ", ".join(f"{k} = {b['value']} ({b['how']})" for k, b in how.items())
                       + " (this node has no such parameter)") if how else ""
                out.append(Finding(
                    f"same-name:{name}:{other.id}", Verdict.INCONSISTENT,
                    f"{name} here and {name} in {other.id} (which the proof uses) differ at {len(bad)} of "
                    f"{len(rows)} points; first {first['point']} {first['params']}: {first['here']} vs "
                    f"{first['there']}{via}. If they are different quantities, declare differs_from with the reason",
                    {"constant": name, "other": other.id, "points": rows,
                     "failures": {"failing": len(bad), "points": len(rows), "first": first["point"]}},
                    channel="text"))
    return out
