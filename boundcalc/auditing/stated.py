"""StatedVsDerived: does the constant a statement claims follow from the proof's own steps?"""
from __future__ import annotations

from ..checks import StatedVsDerived
from ..findings import Finding, Verdict
from ..formula import Formula
from ..records import Result
from .context import AuditContext
from .values import failures, points, relation_at_points


def run(result: Result, spec: StatedVsDerived, ctx: AuditContext) -> list[Finding]:
    name = f"stated-vs-derived:{spec.name}"
    try:
        stated, derived = Formula(spec.stated), Formula(spec.derived)
    except ValueError as exc:
        return [Finding(name, Verdict.UNKNOWN, f"declaration error: {exc}", {})]
    if spec.follows not in ("<", "<=", "==", ">=", ">"):
        return [Finding(name, Verdict.UNKNOWN, f"declaration error: relation {spec.follows!r}", {})]
    pts = points(result, ctx.params, spec.grid, edges=True)
    base = {"stated": spec.stated, "derived": spec.derived, "follows": f"stated {spec.follows} derived"}
    if not pts:
        return [Finding(name, Verdict.UNKNOWN,
                        "no evaluation point: parameters without defaults, no grid and no --param values", base)]
    rows, failed, undecided = relation_at_points(result, stated, spec.follows, derived, pts, ctx.digits,
                                                 keys=("stated", "derived"))
    summary = failures(rows)
    evidence = dict(base, points=rows, failures=summary)
    if failed is not None:
        gap = failed.get("log10_ratio") or failed.get("ratio") or failed.get("difference", "")
        detail = (f"stated {spec.follows} derived fails at {summary['failing']} of {len(rows)} points; first "
                  f"{failed['point']} {_params(failed['params'])}: "
                  f"stated {failed['stated']} vs derived {failed['derived']}"
                  + (f" (log10 ratio {gap})" if "log10_ratio" in failed else "")
                  + (f"; worst {summary['worst']} (miss {summary.get('worst_miss', '?')})"
                     if summary.get("worst") != failed["point"] else ""))
        return [Finding(name, Verdict.UNSUPPORTED, detail, evidence)]
    if undecided:
        why = undecided[0].get("error", "comparison not certified within the precision cap")
        return [Finding(name, Verdict.UNKNOWN,
                        f"undecided at {len(undecided)} of {len(rows)} points ({undecided[0]['point']}: {why})",
                        evidence)]
    return [Finding(name, Verdict.VERIFIED,
                    f"stated {spec.follows} derived certified at all {len(rows)} points", evidence)]


def _params(values: dict) -> str:
    return "(" + ", ".join(f"{k}={v}" for k, v in values.items()) + ")"
