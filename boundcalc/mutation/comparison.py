"""Deciding 'caught': what of a node's audit is compared, and how two audits differ."""
from __future__ import annotations

from typing import Any, Iterable, Mapping

from .mutant import _short


def dependents(reg, ids: Iterable[str]) -> list[str]:
    """The nodes ``ids`` and every node whose proof uses one of them, transitively (sorted)."""
    users: dict[str, set[str]] = {}
    for r in reg:
        for u in r.uses:
            try:
                users.setdefault(reg.resolve(u), set()).add(r.id)
            except Exception:
                continue
    out, todo = set(), [i for i in ids if i in reg.results]
    while todo:
        i = todo.pop()
        if i in out:
            continue
        out.add(i)
        todo.extend(users.get(i, ()))
    return sorted(out)


CAUGHT_BY = ("status", "flag", "flagged-evidence", "load")
"""How a mutant was caught: a node's statement/proof status or verdict changed; a finding became (or
stopped being) flagged; a flagged finding reports different evidence (its failing count, worst or
first point, the stated value it prints); the mutated declaration did not load or the audit raised."""


def signature(node_report) -> dict[str, Any]:
    """What 'caught' compares for one node: channels, verdict, flagged findings (corrections included)
    with their defect link, and what each flagged finding reports."""
    flagged = sorted({(f.check, f.verdict.value, f.channel or "", f.defect or "") for f in node_report.findings
                      if f.flagged})
    return {"statement": node_report.statement.status, "proof": node_report.proof.status,
            "verdict": node_report.verdict.value, "flagged": [list(t) for t in flagged],
            "flagged_details": sorted([f.check, f.detail] for f in node_report.findings if f.flagged),
            "details": sorted([f.check, f.verdict.value, f.detail] for f in node_report.findings)}


def compare(base: Mapping[str, Any], mutated: Mapping[str, Any]) -> tuple[str | None, str, bool]:
    """(how caught: one of CAUGHT_BY or None, explanation, evidence changed) for node signatures
    ``{id: signature}`` of the affected nodes. The strongest difference over the nodes is reported."""
    changed_evidence = False
    found: list[tuple[int, str, str]] = []
    for nid in sorted(set(base) | set(mutated)):
        a, b = base.get(nid), mutated.get(nid)
        if a is None or b is None:
            found.append((0, "status", f"{nid}: node {'added' if a is None else 'missing'}"))
            continue
        key = next((k for k in ("statement", "proof", "verdict") if a[k] != b[k]), None)
        if key:
            found.append((0, "status", f"{nid}: {key} {a[key]} -> {b[key]}"))
        if a["flagged"] != b["flagged"]:
            new = [t for t in b["flagged"] if t not in a["flagged"]]
            gone = [t for t in a["flagged"] if t not in b["flagged"]]
            what = f"new flagged {new[0][0]} ({new[0][1]})" if new else f"{gone[0][0]} no longer flagged"
            found.append((1, "flag", f"{nid}: {what}"))
        elif a.get("flagged_details") != b.get("flagged_details"):
            old = dict(map(tuple, a.get("flagged_details", [])))
            diff = next((c for c, d in b.get("flagged_details", []) if old.get(c) != d), "?")
            found.append((2, "flagged-evidence", f"{nid}: flagged {diff} reports different evidence: "
                                                 f"{_short(str(dict(map(tuple, b['flagged_details'])).get(diff)), 140)}"))
        if a["details"] != b["details"]:
            changed_evidence = True
    if found:
        _, how, what = min(found)
        return how, what, True
    return None, "no flagged difference on the affected nodes", changed_evidence

