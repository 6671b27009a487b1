"""Consistency (two texts of the paper) and Citation (a proof's use of a cited result).

Formulas are compared symbolically (sympy; undecided is unknown) and numerically at the grid
points (certified). A certified disagreement anywhere is ``inconsistent``. A declared ``agree``
flag (for plain-text comparisons) is reported as such, with the declaration's detail.
"""
from __future__ import annotations

from ..checks import Citation, Consistency
from ..findings import Finding, Verdict, worst
from ..formula import Formula
from ..records import Result
from . import symbolic
from .context import AuditContext
from .values import failures, points, relation_at_points, split_relation


def _numeric(result: Result, a: Formula, rel: str, b: Formula, grid, ctx: AuditContext):
    """Rows per point, the first certified failure, and the count of undecided points."""
    rows, failed, undecided = relation_at_points(result, a, rel, b, points(result, ctx.params, grid, edges=True), ctx.digits)
    return rows, failed, len(undecided)


def _symbolic(result: Result, a: Formula, rel: str, b: Formula) -> tuple[bool | None, str]:
    try:
        tab = symbolic.table(result)
        return symbolic.relation_holds(a.sympy(tab), rel, b.sympy(tab))
    except Exception as exc:  # sympy conversion of an odd formula
        return None, f"sympy failed: {type(exc).__name__}"


def _flag(agree: bool | None, detail: str) -> tuple[Verdict | None, str]:
    if agree is True:  # a reader's judgement, not a machine check: never "verified"
        return Verdict.UNKNOWN, f"agrees on reading (declared, not machine-checked): {detail}".rstrip(": ")
    if agree is False:
        return Verdict.INCONSISTENT, f"declared to disagree: {detail}".rstrip(": ")
    return None, ""


def _add_flag(spec, verdicts: list, details: list, ev: dict) -> None:
    """Record a declaration's agree flag (a reader's judgement, not computed) among the verdicts."""
    v, d = _flag(spec.agree, spec.detail)
    if v is not None:
        verdicts.append(v), details.append(d)
        ev["declared_agree"] = spec.agree


RANDOM_POINTS = 6
"""Random exact parameter points (inside the declared domains) tried when sympy cannot decide an identity."""

_RANGES = {"posint": (1, 5), "nonnegint": (0, 5), "int>=2": (2, 6)}


def random_points(result: Result, seed: int, count: int = RANDOM_POINTS) -> list[tuple[str, dict[str, str]]]:
    """``count`` random exact assignments of the node's parameters, each inside its declared domain."""
    import random

    rng = random.Random(f"{seed}:{result.id}")
    out = []
    for k in range(count):
        values = {}
        for p in result.params:
            if not isinstance(p.domain, str):                        # a domain object samples itself
                from ..domains import random_value

                values[p.name] = random_value(p.domain, rng)
                continue
            if p.domain in _RANGES:
                lo, hi = _RANGES[p.domain]
                values[p.name] = str(rng.randint(lo, hi))
                continue
            num, den = rng.randint(1, 999), 1000                     # in (0, 1)
            if p.domain in ("pos", "nonneg", "real") and rng.random() < 0.5:
                num, den = rng.randint(1000, 4000), 1000              # in [1, 4]
            if p.domain == ">=1":
                num += den
            if p.domain == "real" and rng.random() < 0.5:
                num = -num
            values[p.name] = f"{num}/{den}"
        out.append((f"random[{k}]", values))
    return out


def _formula_verdict(result, a, rel, b, grid, ctx, numeric_suffices: bool):
    """(verdict, detail, evidence) for 'a REL b' on a node."""
    rows, failed, undecided = _numeric(result, a, rel, b, grid, ctx)
    sym, how = _symbolic(result, a, rel, b)
    if sym is True and rel == "==":   # an identity: the points' ratio is exactly 1 (balls alone cannot say so)
        for r in rows:
            if r.get("holds") is None and "error" not in r:
                r.update(holds=True, ratio="1", log10_ratio="0", exact="by the symbolic identity")
    ev = {"relation": f"{a.text} {rel} {b.text}", "symbolic": how, "points": rows, "failures": failures(rows)}
    if failed is not None:
        return (Verdict.INCONSISTENT,
                f"{a.text} {rel} {b.text} fails at {ev['failures']['failing']} of {len(rows)} points; first "
                f"{failed['point']}: {failed['a']} vs {failed['b']}", ev)
    if sym is None and rel == "==":
        extra, bad, _ = relation_at_points(result, a, rel, b, random_points(result, ctx.seed), ctx.digits)
        ev["random_points"] = extra
        if bad is not None:
            return (Verdict.INCONSISTENT,
                    f"{a.text} {rel} {b.text}: sympy could not decide, and the two sides differ (certified) at "
                    f"the random exact point {bad['params']}: {bad['a']} vs {bad['b']}", ev)
    if sym is False:
        return Verdict.INCONSISTENT, f"{a.text} {rel} {b.text} is false for all parameters ({how})", ev
    if sym is True:
        return Verdict.VERIFIED, f"{a.text} {rel} {b.text} holds symbolically ({how})", ev
    if numeric_suffices and rows and not undecided:
        return Verdict.VERIFIED, f"{a.text} {rel} {b.text} certified at all {len(rows)} points", ev
    what = f"agrees at {len(rows) - undecided} of {len(rows)} points" if rows else "no evaluation point"
    return Verdict.UNKNOWN, f"{a.text} {rel} {b.text}: {how}; {what}", ev


def run_consistency(result: Result, spec: Consistency, ctx: AuditContext) -> list[Finding]:
    name = f"consistency:{spec.name}"
    ev = {"where_a": spec.where_a, "where_b": spec.where_b, "a": spec.a, "b": spec.b}
    if spec.detail:
        ev["declared_detail"] = spec.detail
    verdicts, details = [], []
    if spec.a is not None and spec.b is not None:
        try:
            a, b = Formula(spec.a), Formula(spec.b)
        except ValueError as exc:
            return [Finding(name, Verdict.UNKNOWN, f"declaration error: {exc}", ev)]
        if spec.relation not in ("<", "<=", "==", ">=", ">"):
            return [Finding(name, Verdict.UNKNOWN, f"declaration error: relation {spec.relation!r}", ev)]
        v, d, extra = _formula_verdict(result, a, spec.relation, b, spec.grid, ctx, numeric_suffices=False)
        verdicts.append(v), details.append(d), ev.update(extra)
    _add_flag(spec, verdicts, details, ev)
    if not verdicts:
        return [Finding(name, Verdict.UNKNOWN, "nothing to compare: no formulas and no agree flag", ev)]
    verdict = worst(verdicts)
    detail = f"{spec.where_a} vs {spec.where_b}: " + "; ".join(details)
    return [Finding(name, verdict, detail, ev, computed=spec.a is not None and spec.b is not None)]


def run_citation(result: Result, spec: Citation, ctx: AuditContext) -> list[Finding]:
    name = f"citation:{spec.name}"
    ev = {"cited": spec.cited, "uses_as": spec.uses_as, "condition": spec.condition}
    if spec.detail:
        ev["declared_detail"] = spec.detail
    try:
        ev["cited_id"] = ctx.registry.resolve(spec.cited)
    except ValueError:
        return [Finding(name, Verdict.UNKNOWN, f"cited result {spec.cited!r} is not declared", ev)]
    verdicts, details = [], []
    if spec.condition is not None:
        try:
            a, rel, b = split_relation(spec.condition)
        except (ValueError, SyntaxError) as exc:
            return [Finding(name, Verdict.UNKNOWN, f"declaration error: {exc}", ev)]
        v, d, extra = _formula_verdict(result, a, rel, b, spec.grid, ctx, numeric_suffices=True)
        verdicts.append(v), details.append(d), ev.update(extra)
    _add_flag(spec, verdicts, details, ev)
    if not verdicts:
        return [Finding(name, Verdict.UNKNOWN, "nothing to check: no condition and no agree flag", ev)]
    verdict, channel = worst(verdicts), None
    if verdict is Verdict.INCONSISTENT and spec.survives is not None and spec.condition is not None:
        holds, text = _step_survives(result, spec, ctx)
        ev["step"] = {"formula": spec.survives, "certified_at_points": holds, "detail": text}
        if holds:
            channel = "text"
            details.append(f"the step itself ({spec.survives}) is certified at every point, so only the "
                           "citation is wrong")
    return [Finding(name, verdict, f"use of {ev['cited_id']}: " + "; ".join(details), ev,
                    channel=channel, computed=spec.condition is not None)]


def _step_survives(result: Result, spec: Citation, ctx: AuditContext) -> tuple[bool, str]:
    """Is the step the citation justifies certified at every grid point on its own?"""
    a, rel, b = split_relation(spec.survives)
    rows, failed, undecided = _numeric(result, a, rel, b, spec.grid, ctx)
    ok = bool(rows) and failed is None and not undecided
    return ok, f"{len(rows) - undecided} of {len(rows)} points certified" + ("" if failed is None else
                                                                          f"; fails at {failed['point']}")
