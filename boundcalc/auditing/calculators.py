"""CalculatorAgrees: what a paper's calculators return against the constants its nodes declare.

A calculator composes declarations (which grid, which prompt length feeds which count); an error in
that composition changes its answer but no declaration. The node's points are the user's and default
values, the examples and the grids of the node's checks (each complete assignment once), plus the
spec's own grid; at each, the calculator runs once and every mapped output is compared with the node's
constant, certified. Each mapped output is its own finding (one failing output never hides another).
"""
from __future__ import annotations

from typing import Any

from ..checks import CalculatorAgrees, Citation, Consistency, StatedVsDerived
from ..errors import BoundcalcError
from ..findings import Finding, Verdict
from ..records import Result
from .context import AuditContext
from .values import EVAL_ERRORS, compare_evidence, decide, points, show, to_real

MAX_POINTS = 6
"""Points per calculator check (the first distinct complete ones): a calculator run costs milliseconds."""


def _grids(result: Result, spec: CalculatorAgrees) -> list[dict]:
    out = [dict(g) for g in spec.grid]
    for other in result.checks:
        if isinstance(other, (StatedVsDerived, Consistency, Citation)):
            out += [dict(g) for g in other.grid]
    return out


def _value(x: Any):
    return to_real(x.value if hasattr(x, "value") and not isinstance(x, (int, float)) else x)


AGREE_BITS = 1024
"""Precision at which two values that are not both exact are compared: a ball excluding 0 is a certified
difference; one containing 0 is agreement to this precision, never a certified equality."""


def _equal(a, b) -> bool | None:
    """True when certified equal (exact values), False when a certified difference, None otherwise."""
    if a.is_exact and b.is_exact:
        return decide(a, "==", b)
    try:
        sign = (a - b).sign(cap=AGREE_BITS)
    except EVAL_ERRORS:
        return None
    return None if sign is None else (True if sign == 0 else False)


def run(result: Result, spec: CalculatorAgrees, ctx: AuditContext) -> list[Finding]:
    known = {c.name for c in result.constants}
    bad = sorted(v for v in spec.maps.values() if v not in known)
    if bad:
        return [Finding(f"calculator:{spec.name}", Verdict.UNKNOWN,
                        f"declaration error: {bad} are not constants of {result.id}", {"maps": dict(spec.maps)})]
    pts = points(result, ctx.params, _grids(result, spec), result.data.get("examples") or ())[:MAX_POINTS]
    rows: dict[str, list[dict]] = {out: [] for out in spec.maps}
    for label, values in pts:
        try:
            outputs = spec.run(dict(values))
            env = result.evaluate(values, only=set(spec.maps.values()))
        except EVAL_ERRORS + (BoundcalcError,) as exc:
            for out in spec.maps:
                rows[out].append({"point": label, "params": values, "holds": None,
                                  "error": f"{type(exc).__name__}: {exc}"})
            continue
        for out, const in spec.maps.items():
            row = {"point": label, "params": values}
            try:
                a, b = _value(outputs[out]), env[const]
                same = _equal(a, b)
                row.update({"calculator": show(a, ctx.digits), "node": show(b, ctx.digits), "holds": same})
                if same is False:
                    row.update(compare_evidence(a, b, ctx.digits))
            except EVAL_ERRORS as exc:
                row.update({"holds": None, "error": f"{type(exc).__name__}: {exc}"})
            rows[out].append(row)
    findings, agreed, undecided = [], [], []
    for out, const in spec.maps.items():
        rs = rows[out]
        failing = [r for r in rs if r["holds"] is False]
        if failing:                      # each failing output is its own finding
            f = failing[0]
            ev = {"output": out, "constant": const, "node": result.id, "points": rs,
                  "failures": {"failing": len(failing), "points": len(rs), "first": f["point"]}}
            findings.append(Finding(f"calculator:{spec.name}:{out}", Verdict.INCONSISTENT,
                                    f"the calculator's {out} = {f['calculator']} but {result.id}'s {const} = "
                                    f"{f['node']} at {f['point']} {f['params']} ({len(failing)} of {len(rs)} points)",
                                    ev))
        elif rs and all(r["holds"] is True for r in rs):
            agreed.append(out)
        else:
            undecided.append(out)
    ev = {"maps": dict(spec.maps), "points": [label for label, _ in pts], "certified_equal": agreed,
          "not_certified": undecided}
    name = f"calculator:{spec.name}"
    if not pts:
        findings.insert(0, Finding(name, Verdict.UNKNOWN, "no complete point of the node to run the calculator at", ev))
    elif not findings and not undecided:
        findings.insert(0, Finding(name, Verdict.VERIFIED, f"all {len(agreed)} mapped outputs equal the node's "
                                   f"constants at {len(pts)} points (exact)", ev))
    elif not findings:
        findings.insert(0, Finding(name, Verdict.UNKNOWN, f"{len(agreed)} outputs certified equal; {len(undecided)} "
                                   f"({', '.join(undecided[:4])}{'...' if len(undecided) > 4 else ''}) agree to "
                                   f"{AGREE_BITS} bits or were undecided: balls never certify an equality of "
                                   "non-exact values", ev))
    return findings
