"""Text rendering of an audit report: a summary table, then the findings of each node."""
from __future__ import annotations

import json
from typing import Any

WIDTH_TITLE = 48


def _cell(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def table(report: dict[str, Any]) -> str:
    """Summary table: one row per node in dependency order."""
    rows = [("node", "kind", "statement", "proof", "verdict", "findings", "title")]
    for n in report["nodes"]:
        rows.append((n["id"], n["kind"], n["statement"]["status"], n["proof"]["status"], n["verdict"],
                     str(len(n["findings"])), _cell(n["title"], WIDTH_TITLE)))
    k_cols = len(rows[0]) - 1
    widths = [max(len(r[i]) for r in rows) for i in range(k_cols)]
    lines = []
    for k, r in enumerate(rows):
        lines.append("  ".join(c.ljust(w) for c, w in zip(r[:k_cols], widths)) + "  " + r[k_cols])
        if k == 0:
            lines.append("  ".join("-" * w for w in widths) + "  " + "-" * 5)
    s = report["summary"]
    d = s["defects"]
    lines.append("")
    lines.append(f"{d['distinct']} distinct defect(s): "
                 + ", ".join(f"{v} {k}" for k, v in d["by_severity"].items() if v)
                 + f" ({d['by_kind']['computed']} computed, {d['by_kind']['reading']} from a reading), "
                 f"shown by {d['flagged_findings']} flagged finding(s)")
    lines.append(f"{s['nodes']} node(s): statement " + ", ".join(f"{v} {k}" for k, v in s["statement"].items() if v)
                 + "; proof " + ", ".join(f"{v} {k}" for k, v in s["proof"].items() if v)
                 + f"; seed {report['seed']}, {report['digits']} digits"
                 + (f", params {_params(report['params'])}" if report["params"] else ""))
    return "\n".join(lines)


def _params(values: dict) -> str:
    return ", ".join(f"{k}={v}" for k, v in values.items())


def _evidence_lines(ev: Any, indent: str) -> list[str]:
    if not isinstance(ev, dict):
        return [indent + json.dumps(ev)]
    out = []
    for k, v in ev.items():
        if k == "points" and isinstance(v, list) and all(isinstance(row, dict) for row in v):
            for row in v:
                params = _params(row.get("params", {}))
                rest = {a: b for a, b in row.items() if a not in ("point", "params")}
                out.append(f"{indent}{row.get('point')} ({params}): "
                           + ", ".join(f"{a}={b}" for a, b in rest.items()))
        elif isinstance(v, (dict, list)):
            text = json.dumps(v)
            out.append(f"{indent}{k}: {text if len(text) <= 300 else text[:297] + '...'}")
        else:
            out.append(f"{indent}{k}: {v}")
    return out


def details(report: dict[str, Any], evidence: bool = True) -> str:
    """Every node's findings, worst first within a node, with their evidence."""
    lines = []
    for n in report["nodes"]:
        alias = f" ({', '.join(n['aliases'])})" if n["aliases"] else ""
        lines.append(f"== {n['id']}{alias}: statement {n['statement']['status']}, proof {n['proof']['status']} "
                     f"— {n['title']}")
        lines.append(f"   {n['location']}")
        if not n["dependencies_verified"]:
            lines.append(f"   dependencies not verified: {', '.join(n['unverified_dependencies'])}")
        if not n["findings"]:
            lines.append(f"   {n['reason']}")
        for f in n["findings"]:
            tag = f"{f['verdict']}, {f['channel']}" + (f", {f['severity']} {f['defect']}" if f.get("severity") else "")
            lines.append(f"   [{tag}] {f['check']}: {f['detail']}")
            if evidence and f["evidence"]:
                lines.extend(_evidence_lines(f["evidence"], "       "))
            if evidence and f.get("rerun"):
                lines.append(f"       rerun: {f['rerun']}")
        lines.append("")
    if report.get("orphan_evidence"):
        lines.append(f"evaluator evidence for undeclared nodes: {', '.join(report['orphan_evidence'])}")
    return "\n".join(lines).rstrip() + "\n"


def text(report: dict[str, Any]) -> str:
    return table(report) + "\n\n" + details(report)
