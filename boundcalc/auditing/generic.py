"""Checks run on every node: unbound symbols, dangling 'uses', and claims at the declared points.

Integrity checks report only problems (a clean node gets no finding from them, so they never make
a node look verified). Claims are decided at the user's parameters, the defaults, the
declaration's ``data["examples"]``, each domain's edges and a sweep of each parameter through small and
large values (``values.SWEEP_HOW``): certified true everywhere is ``verified`` (at those points, counted and
described in the finding), certified false anywhere is ``refuted`` with the point as evidence.
"""
from __future__ import annotations

from ..checks import Asymptotic, Citation, Consistency, StatedVsDerived
from ..findings import Finding, Verdict
from ..formula import Formula
from ..records import Result
from .context import AuditContext
from .classes import per_class
from .values import SWEEP_HOW, bound_names, failures, points, relation_at_points, split_relation


def _spec_formulas(spec) -> list[str]:
    if isinstance(spec, StatedVsDerived):
        return [spec.stated, spec.derived]
    if isinstance(spec, Consistency):
        return [t for t in (spec.a, spec.b) if t is not None]
    if isinstance(spec, Citation):
        return [spec.condition] if spec.condition else []
    if isinstance(spec, Asymptotic):
        return [spec.explicit, spec.claimed] + [str(v) for v in spec.held.values()]
    return []


def _symbols(text: str) -> set[str]:
    try:
        if any(op in text for op in ("<", ">", "==")):
            a, _, b = split_relation(text)
            return set(a.symbols | b.symbols)
        return set(Formula(text).symbols)
    except (ValueError, SyntaxError):
        return set()


def ancestors_bound(result: Result, ctx: AuditContext) -> set[str]:
    """Names bound by the node and by everything its proof uses, transitively."""
    names, seen, todo = set(), set(), [result.id]
    while todo:
        rid = todo.pop()
        if rid in seen:
            continue
        seen.add(rid)
        try:
            r = ctx.registry.get(rid)
        except ValueError:
            continue
        names |= bound_names(r)
        todo.extend(r.uses)
    return names


def unbound_symbols(result: Result, ctx: AuditContext) -> list[Finding]:
    out = []
    mine = bound_names(result)
    for spec in result.checks:
        bad = set()
        for text in _spec_formulas(spec):
            bad |= _symbols(text) - mine
        if bad:
            out.append(Finding(f"symbols:{getattr(spec, 'name', '?')}", Verdict.UNKNOWN,
                               f"declaration error: check uses unbound symbols {', '.join(sorted(bad))}",
                               {"unbound": sorted(bad)}, channel="text"))
    in_text = result.data.get("symbols_in_text")
    if in_text:
        known = ancestors_bound(result, ctx)
        bad = sorted(set(in_text) - known)
        if bad:
            out.append(Finding("symbols:statement", Verdict.INCONSISTENT,
                               f"symbols used in the statement but bound nowhere (node or what it uses): "
                               f"{', '.join(bad)}", {"unbound": bad}, channel="text", defect=result.data.get("symbols_defect")))
    return out


def dangling_uses(result: Result, ctx: AuditContext) -> list[Finding]:
    bad = []
    for u in result.uses:
        try:
            ctx.registry.resolve(u)
        except ValueError:
            bad.append(u)
    if not bad:
        return []
    return [Finding("uses", Verdict.UNKNOWN, f"the proof uses undeclared result(s): {', '.join(bad)}",
                    {"undeclared": bad}, channel="text")]


def undefined_constants(result: Result, ctx: AuditContext) -> list[Finding]:
    """A constant that divides by an exact zero at an edge of the declared domains (the point admitted
    by the formula hypotheses): the declared domain is wider than the formula allows. Problems only."""
    if not result.constants:
        return []
    grid = next((tuple(s.grid) for s in result.checks if getattr(s, "grid", ())), ())
    pts = [(lab, v) for lab, v in points(result, ctx.params, grid, result.data.get("examples") or (), edges=True)
           if lab.startswith("edge[")]
    bad = []
    for label, values in pts:
        try:
            result.evaluate(values)
        except ZeroDivisionError as exc:   # an exact zero denominator: certainly undefined
            bad.append({"point": label, "params": values, "error": f"ZeroDivisionError: {exc}"})
    if not bad:
        return []
    first = bad[0]
    return [Finding("domain:constants-defined", Verdict.INCONSISTENT,
                    f"a constant is undefined at {len(bad)} of {len(pts)} edge point(s) of the declared domains; "
                    f"first {first['point']} ({', '.join(f'{k}={v}' for k, v in first['params'].items())}): "
                    f"{first['error']}: the declared domain admits values the formulas do not",
                    {"points": bad, "edges": len(pts)})]


def claims_at_points(result: Result, ctx: AuditContext) -> list[Finding]:
    if not result.claims:
        return []
    examples = result.data.get("examples") or ()
    pts = points(result, ctx.params, (), examples, edges=True, sweep=True)
    if not pts:
        missing = [p.name for p in result.params if p.default is None]
        return [Finding(f"claim:{c.name}", Verdict.UNKNOWN,
                        f"not evaluated: no defaults for {', '.join(missing)} and no examples or --param values",
                        {"claim": f"{c.lhs.text} {c.rel} {c.rhs.text}"}, channel=c.channel) for c in result.claims]
    out = []
    for c in result.claims:
        rows, failed, undecided = relation_at_points(result, c.lhs, c.rel, c.rhs, pts, ctx.digits,
                                                     keys=("lhs", "rhs"))
        summary = failures(rows)
        ev = {"claim": f"{c.lhs.text} {c.rel} {c.rhs.text}", "points": rows, "failures": summary,
              "chosen": SWEEP_HOW}
        name = f"claim:{c.name}"
        before = len(out)
        if failed is not None:
            worst = "" if summary["worst"] == failed["point"] else \
                f"; worst {summary['worst']} (miss {summary.get('worst_miss', '?')})"
            out.append(Finding(name, Verdict.REFUTED,
                               f"{ev['claim']} is false at {summary['failing']} of {len(rows)} point(s); first "
                               f"{failed['point']} "
                               f"({', '.join(f'{k}={v}' for k, v in failed['params'].items())}): "
                               f"lhs {failed['lhs']}, rhs {failed['rhs']}"
                               + (f" ({failed['direction']})" if failed.get("direction") else "") + worst, ev))
            out += per_class(name, rows, Verdict.REFUTED, ev["claim"])
        elif undecided:
            why = undecided[0].get("error", "comparison not certified")
            out.append(Finding(name, Verdict.UNKNOWN, f"{ev['claim']} undecided at {undecided[0]['point']} ({why})", ev))
        else:
            out.append(Finding(name, Verdict.VERIFIED,
                               f"{ev['claim']} certified at {len(rows)} point(s) only (not a proof), chosen as "
                               f"{SWEEP_HOW}: " + ", ".join(r["point"] for r in rows), ev))
        for f in out[before:]:
            f.channel, f.defect = c.channel, c.defect
    return out
