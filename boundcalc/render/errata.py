"""The errata report as Markdown: one section per defect, worst severity first."""
from __future__ import annotations

import json
from typing import Any

MAX_EVIDENCE = 600


def _evidence(ev: Any) -> str:
    text = json.dumps(ev, sort_keys=True)
    return text if len(text) <= MAX_EVIDENCE else text[: MAX_EVIDENCE - 3] + "..."


def markdown(data: dict[str, Any]) -> str:
    c = data["counts"]
    lines = [f"# Errata (boundcalc, seed {data['seed']})", "",
             f"{len(data['defects'])} distinct defect(s) at severity {data['min_severity']} or worse: "
             + ", ".join(f"{v} {k}" for k, v in c.items() if v) + ".", "",
             "Severity: critical = a stated result is false as written; major = a proof step fails or a stated "
             "constant does not follow (the statement may still hold); minor = a restatement, citation or "
             "constant mismatch that changes no result; typo = a misprint whose intent is unambiguous. "
             "Kind: computed (shown by a computation) or reading (a reader's declaration).", ""]
    for d in data["defects"]:
        lines.append(f"## [{d['severity']}] {d['title']}  (`{d['id']}`, {d['kind']})")
        lines.append("")
        if d.get("locations"):
            lines.append(f"- **Where:** {'; '.join(d['locations'])}")
        lines.append(f"- **Results affected:** {', '.join(d['nodes'])}")
        if d.get("says"):
            lines.append(f"- **The paper says:** `{d['says']}`")
        if d.get("why"):
            lines.append(f"- **What fails and why:** {d['why']}")
        if d.get("severity_note"):
            lines.append(f"- **Severity:** {d['severity_note']}")
        lines.append("- **Evidence:**")
        for f in d["findings"]:
            how = "computed" if f["computed"] else "declared by a reader"
            lines.append(f"  - `{f['node']}` {f['check']} [{f['verdict']}, {f['channel']}, {how}]: {f['detail']}")
            if f.get("evidence"):
                lines.append(f"    - data: `{_evidence(f['evidence'])}`")
            if f.get("rerun"):
                lines.append(f"    - reproduce: `{f['rerun']}`")
        corr = d.get("correction")
        if corr:
            lines.append(f"- **Correction:** {corr['statement']} — tool's verdict: **{corr['verdict']}** "
                         f"({corr['detail']})")
        lines.append("")
    if data.get("proved"):
        lines.append("## Proved statements")
        lines.append("")
        lines.append("Each rests on the named axioms and on the results it instantiates (with their status).")
        lines.append("")
        for p in data["proved"]:
            tb = p["trusted_base"]
            axioms = ", ".join(b["name"] for b in tb if b.get("kind") != "result") or "no axioms"
            results = [f"{b['name']} ({b.get('status', 'unknown')})" for b in tb if b.get("kind") == "result"]
            shaky = [b["name"] for b in tb if b.get("kind") == "result" and b.get("status") != "proved"]
            line = f"- `{p['id']}` — axioms: {axioms}"
            if results:
                line += "; results: " + ", ".join(results)
            if shaky:
                line += f" — **rests on results that are not proved: {', '.join(shaky)}**"
            lines.append(line)
        lines.append("")
    return "\n".join(lines)
