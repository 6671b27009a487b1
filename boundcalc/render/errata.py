"""The errata report as Markdown: one section per defect, worst severity first."""
from __future__ import annotations

import json
from typing import Any

MAX_EVIDENCE = 600


def _evidence(ev: Any) -> str:
    text = json.dumps(ev, sort_keys=True)
    return text if len(text) <= MAX_EVIDENCE else text[: MAX_EVIDENCE - 3] + "..."


SKIP = {"command", "seed", "trials", "stages", "tight", "hypotheses", "screened", "where_a", "where_b",
        "declared_detail", "symbolic", "failures", "points", "toward_ends"}   # toward_ends: the detail names them


def _flat(v: Any) -> str:
    """A value in words-and-numbers: lists as (a, b), mappings as k = v; strings (exact values) as given."""
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, (list, tuple)):
        return "(" + ", ".join(_flat(x) for x in v) + ")"
    if isinstance(v, dict):
        return ", ".join(f"{k} = {_flat(x)}" for k, x in v.items())
    return str(v)


def _cell(v: Any) -> str:
    text = _flat(v).replace("|", "\\|").replace("\n", " ")
    return text if len(text) <= 120 else text[:117] + "..."


def evidence_table(ev: dict[str, Any], limit: int = 8) -> list[str]:
    """The evidence of one finding as a short two-column table: the objects and the two sides first; the
    full data stays in ``--format json``."""
    if not isinstance(ev, dict):
        return []
    first = [k for k in ("objects", "lhs", "rhs", "relation", "ratio", "difference") if k in ev]
    rest = [k for k in ev if k not in first and k not in SKIP]
    keys = (first + rest)[:limit]
    if not keys:
        return []
    rows = ["    | | |", "    |---|---|"] + [f"    | {k} | {_cell(ev[k])} |" for k in keys]
    if len(first) + len(rest) > limit:
        rows.append(f"    | … | {len(first) + len(rest) - limit} more in `--format json` |")
    return rows


def markdown(data: dict[str, Any]) -> str:
    c = data["counts"]
    lines = [f"# Errata (boundcalc, seed {data['seed']})", "",
             f"{len(data['defects'])} distinct defect(s) at severity {data['min_severity']} or worse: "
             + ", ".join(f"{v} {k}" for k, v in c.items() if v) + "."
             + "".join(f" Left out: {v} {k} (`--min-severity {k}` shows them)." for k, v in
                       (data.get("left_out") or {}).items() if v), "",
             "Severity: critical = a stated result is false as written (or under a named hypothesis such as SETH) "
             "and something built on it needs the false part, or no checked correction exists; major = a proof "
             "step fails or a stated constant does not follow (the statement may still hold); misstated = false "
             "as written, but a proved correction, which the proof already assumes, covers every use; minor = a "
             "restatement, citation or constant mismatch that changes no result (including citation slips: a "
             "cited result used outside its hypotheses where the step itself is certified); typo = a misprint "
             "whose intent is unambiguous; nit = notation (shown only with --min-severity nit). "
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
        if d.get("under"):
            lines.append(f"- **Status:** refuted under {' and '.join(d['under'])} (a conditional refutation)")
        if d.get("severity_note"):
            lines.append(f"- **Severity:** {d['severity_note']}")
        if d.get("related"):
            lines.append(f"- **Related records:** {', '.join(d['related'])}")
        lines.append("- **Evidence:**")
        for f in d["findings"]:
            how = "computed" if f["computed"] else "declared by a reader"
            verdict = f"refuted under {f['under']}" if f.get("under") else f["verdict"]
            lines.append(f"  - `{f['node']}` {f['check']} [{verdict}, {f['channel']}, {how}]: {f['detail']}")
            table = evidence_table(f.get("evidence") or {})
            if table:
                lines.append("")
                lines.extend(table)
                lines.append("")
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
