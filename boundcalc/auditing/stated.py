"""StatedVsDerived: does the constant a statement claims follow from the proof's own steps?"""
from __future__ import annotations

from ..checks import StatedVsDerived
from ..findings import Finding, Verdict
from ..formula import Formula
from ..records import Result
from .context import AuditContext
from .classes import per_class
from .values import admissible, failures, formula_hypotheses, points, relation_at_points

INTEGER_DOMAINS = ("posint", "nonnegint", "int>=2")


def pinned_points(result: Result, grid) -> list[tuple[str, dict[str, str]]]:
    """Grid points with each integer parameter that every grid point pins to one value (a rank, a head
    size: rho = s = 1) moved to v + 1 and 2v + 1, one at a time and all such parameters together, kept
    when every formula hypothesis of the result is certified true there.

    A parameter is moved only when the declaration states its constraints as formulas: every hypothesis
    of the result is a formula hypothesis, or the parameter occurs in one (``rho <= min(d, s)``); a
    parameter only prose constrains could leave the statement's scope unseen."""
    grid = [dict(g) for g in grid]
    fh = formula_hypotheses(result)
    if not grid or not fh:
        return []
    all_formal = len(fh) == len(result.hypotheses)
    mentioned = set().union(*(a.symbols | b.symbols for a, _, b in fh))
    movable = {}
    for p in result.params:
        if not isinstance(p.domain, str) or p.domain not in INTEGER_DOMAINS:
            continue
        if not (all_formal or p.name in mentioned):
            continue
        seen = {str(g.get(p.name, p.default)) for g in grid}
        if len(seen) != 1 or "None" in seen:
            continue
        movable[p.name] = int(seen.pop())
    moves = [{k: new} for k, v in movable.items() for new in dict.fromkeys((v + 1, 2 * v + 1))]
    if len(movable) > 1:
        moves += [{k: v + 1 for k, v in movable.items()}, {k: 2 * v + 1 for k, v in movable.items()}]
    out = []
    for move in moves:
        tag = ",".join(f"{k}={v}" for k, v in move.items())
        for i, g in enumerate(grid):
            cand = {k: str(x) for k, x in g.items()}
            cand.update({k: str(v) for k, v in move.items()})
            if admissible(result, cand):
                out.append((f"pinned[{tag}]@grid[{i}]", cand))
    return out


def _run(result: Result, spec: StatedVsDerived, ctx: AuditContext, pts=None, name: str | None = None) \
        -> list[Finding]:
    name = name or f"stated-vs-derived:{spec.name}"
    try:
        stated, derived = Formula(spec.stated), Formula(spec.derived)
    except ValueError as exc:
        return [Finding(name, Verdict.UNKNOWN, f"declaration error: {exc}", {})]
    if spec.follows not in ("<", "<=", "==", ">=", ">"):
        return [Finding(name, Verdict.UNKNOWN, f"declaration error: relation {spec.follows!r}", {})]
    pts = points(result, ctx.params, spec.grid, edges=True) if pts is None else pts
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
        return [Finding(name, Verdict.UNSUPPORTED, detail, evidence)] + \
            per_class(name, rows, Verdict.UNSUPPORTED, f"stated {spec.follows} derived")
    if undecided:
        why = undecided[0].get("error", "comparison not certified within the precision cap")
        return [Finding(name, Verdict.UNKNOWN,
                        f"undecided at {len(undecided)} of {len(rows)} points ({undecided[0]['point']}: {why})",
                        evidence)]
    return [Finding(name, Verdict.VERIFIED,
                    f"stated {spec.follows} derived certified at all {len(rows)} points", evidence)]


def run(result: Result, spec: StatedVsDerived, ctx: AuditContext) -> list[Finding]:
    """The declared points (user, defaults, grid, edges), then, as its own finding, the grid with each
    pinned integer parameter moved (so a failure there is never hidden by one at the declared points)."""
    out = _run(result, spec, ctx)
    try:
        pinned = pinned_points(result, spec.grid)
    except Exception:                      # a grid the formulas cannot read: the main finding says so
        pinned = []
    if pinned and out and out[0].evidence.get("points") is not None:
        extra = _run(result, spec, ctx, pinned, f"stated-vs-derived:{spec.name}@pinned")
        for f in extra:
            f.evidence["pinned"] = sorted({lab.split("@")[0] for lab, _ in pinned})
        out += extra
    return out


def _params(values: dict) -> str:
    return "(" + ", ".join(f"{k}={v}" for k, v in values.items()) + ")"
