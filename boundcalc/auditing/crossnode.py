"""Constants named alike in a result and in what its proof uses, compared at every evaluation point.

A constant ``c`` of a node and a constant of the same name in a result the node uses (transitively)
are two texts for the same quantity unless a declaration says why not:
``data={"differs_from": {"c": {"other-id": "reason"}}}`` on either node. They are evaluated at the
node's points (its user's and default values, its examples and check grids, the other's examples)
on the parameters both share; a certified difference anywhere is ``inconsistent``. Like the other
integrity checks this reports problems only: agreement adds no finding.
"""
from __future__ import annotations

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


def _value(r: Result, name: str, values: dict, mine: dict | None = None):
    """The constant at the shared values, or None when ``r`` needs a parameter they do not give.

    A parameter of ``r`` that the node computes as a constant of the same name (``mine``, exact
    rationals only) is taken from the node: e.g. a theorem's L_p = L N^{dL} feeds a lemma's L_p."""
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
        return None
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
                    y = _value(other, name, values, here)
                except EVAL_ERRORS:
                    continue
                if y is None:
                    continue
                same = decide(x, "==", y)
                row = {"point": label, "params": values, "here": show(x, ctx.digits),
                       "there": show(y, ctx.digits), "equal": same}
                rows.append(row)
                if same is False:
                    bad.append(row)
            if bad:
                first = bad[0]
                out.append(Finding(
                    f"same-name:{name}:{other.id}", Verdict.INCONSISTENT,
                    f"{name} here and {name} in {other.id} (which the proof uses) differ at {len(bad)} of "
                    f"{len(rows)} points; first {first['point']} {first['params']}: {first['here']} vs "
                    f"{first['there']}. If they are different quantities, declare differs_from with the reason",
                    {"constant": name, "other": other.id, "points": rows,
                     "failures": {"failing": len(bad), "points": len(rows), "first": first["point"]}},
                    channel="text"))
    return out
