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
    with their defect link, and what each flagged finding reports (its detail, and its evidence for
    :func:`.certify.difference`)."""
    flagged = sorted({(f.check, f.verdict.value, f.channel or "", f.defect or "") for f in node_report.findings
                      if f.flagged})
    return {"statement": node_report.statement.status, "proof": node_report.proof.status,
            "verdict": node_report.verdict.value, "flagged": [list(t) for t in flagged],
            "flagged_details": sorted([f.check, f.detail] for f in node_report.findings if f.flagged),
            "flagged_evidence": {f.check: f.evidence for f in node_report.findings if f.flagged},
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


MECHANISMS = ("search", "proof", "axiom", "comparison", "text", "load")
"""What caught a mutant, by the finding that changed: a counterexample search (or the audit's own
witness construction); a proof record that no longer checks; an axiom check; a computed comparison
(claims at points, stated vs derived, restatements, citations, O-claims, cross-node checks); a text
check (quote vs declaration, quotes in the paper text, headings, references); or the declaration did
not load. The first four are computation; a primary mechanism is the first of these that applies."""

COMPUTED = ("search", "proof", "axiom", "comparison")

TEXT_CHECKS = ("formal-vs-quote", "step-text", "step-printed")
"""Check names (prefixes) that compare a quote of the printed text with a declaration, whatever their
channel: a printed hypothesis or claim read against the formal statement is a text check, not a
computation (in the paper-level mode the printed text agrees with the mutant, and such a finding
would otherwise be counted as a computed catch)."""


def mechanism(check: str, detail: str = "") -> str:
    """The mechanism of one finding, from its check name (and, for a proof record, its detail: a record
    that rests on a refuted axiom was caught by the axiom check)."""
    head = check.split(":", 1)[0].lower()
    if "axiom" in check.lower() or (head.startswith("proof") and "refuted axiom" in detail):
        return "axiom"
    if head in ("counterexample", "custom", "search"):
        return "search"
    if head.startswith("proof"):
        return "proof"
    if head in ("transcription", "text") or head.startswith(TEXT_CHECKS):
        return "text"
    return "comparison"


def mechanisms(base: Mapping[str, Any], mutated: Mapping[str, Any]) -> list[str]:
    """Every mechanism whose findings differ between the two audits in a way :func:`compare` counts:
    a flagged finding added, removed or reporting other evidence; for a node whose status or verdict
    changed, any finding whose verdict or detail changed. Ordered as :data:`MECHANISMS`."""
    found: set[str] = set()
    for nid in set(base) & set(mutated):
        a, b = base[nid], mutated[nid]
        flag_a = {(t[0], t[1]) for t in a["flagged"]} | {tuple(x) for x in a.get("flagged_details", [])}
        flag_b = {(t[0], t[1]) for t in b["flagged"]} | {tuple(x) for x in b.get("flagged_details", [])}
        checks = {(c, d) for c, d in flag_a ^ flag_b}
        if any(a[k] != b[k] for k in ("statement", "proof", "verdict")):
            checks |= {(t[0], t[-1]) for t in {tuple(x) for x in a["details"]} ^ {tuple(x) for x in b["details"]}}
            if a["proof"] != b["proof"] and not any(c.startswith("proof") for c, _ in checks):
                checks.add(("proof", ""))
        found |= {mechanism(c, d) for c, d in checks}
    return [m for m in MECHANISMS if m in found]

