"""Text rendering of an audit report: a summary table, then the findings of each node."""
from __future__ import annotations

import json
from typing import Any

WIDTH_TITLE = 48


def _cell(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def table(report: dict[str, Any]) -> str:
    """Summary table: one row per node in dependency order."""
    rows = [("node", "kind", "verdict", "deps ok", "findings", "title")]
    for n in report["nodes"]:
        rows.append((n["id"], n["kind"], n["verdict"], "yes" if n["dependencies_verified"] else "no",
                     str(len(n["findings"])), _cell(n["title"], WIDTH_TITLE)))
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    lines = []
    for k, r in enumerate(rows):
        lines.append("  ".join(c.ljust(w) for c, w in zip(r[:5], widths)) + "  " + r[5])
        if k == 0:
            lines.append("  ".join("-" * w for w in widths) + "  " + "-" * 5)
    s = report["summary"]
    counts = ", ".join(f"{v} {k}" for k, v in s["verdicts"].items() if v)
    lines.append("")
    lines.append(f"{s['nodes']} node(s): {counts}; dependencies verified for {s['dependencies_verified']}; "
                 f"seed {report['seed']}, {report['digits']} digits"
                 + (f", params {_params(report['params'])}" if report["params"] else ""))
    return "\n".join(lines)


def _params(values: dict) -> str:
    return ", ".join(f"{k}={v}" for k, v in values.items())


def _evidence_lines(ev: Any, indent: str) -> list[str]:
    if not isinstance(ev, dict):
        return [indent + json.dumps(ev)]
    out = []
    for k, v in ev.items():
        if k == "points" and isinstance(v, list):
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
        lines.append(f"== {n['id']}{alias}: {n['verdict']} — {n['title']}")
        lines.append(f"   {n['location']}")
        if not n["dependencies_verified"]:
            lines.append(f"   dependencies not verified: {', '.join(n['unverified_dependencies'])}")
        if not n["findings"]:
            lines.append(f"   {n['reason']}")
        for f in n["findings"]:
            lines.append(f"   [{f['verdict']}] {f['check']}: {f['detail']}")
            if evidence and f["evidence"]:
                lines.extend(_evidence_lines(f["evidence"], "       "))
        lines.append("")
    if report.get("orphan_evidence"):
        lines.append(f"evaluator evidence for undeclared nodes: {', '.join(report['orphan_evidence'])}")
    return "\n".join(lines).rstrip() + "\n"


def text(report: dict[str, Any]) -> str:
    return table(report) + "\n\n" + details(report)
