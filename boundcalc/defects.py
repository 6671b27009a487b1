"""Defect records: one per distinct error of a paper, shown by the findings that carry its id.

A declaration (the paper's package) names each defect once, with its location, the paper's words and a
correction where the intent is clear. Which defects are *reported*, their ``kind`` and the severity
actually given are derived by the audit from the findings that link to them:

* a defect with no flagged finding is not reported (no computation shows it);
* ``critical`` is given only when some linked finding is a certified counterexample to a statement as
  written; a defect declared critical without one is reported as ``major`` and says so;
* ``kind`` is ``computed`` when some linked finding came from a computation, ``reading`` when every one
  restates a reader's declaration.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .findings import SEVERITIES, Finding, Verdict


@dataclass(frozen=True)
class Defect:
    """A distinct error of the paper as a reader declares it (the audit decides what is reported)."""

    id: str
    title: str
    severity: str
    locations: tuple[str, ...]
    says: str = ""
    why: str = ""
    shown_by: tuple[str, ...] = ()
    """``node-id/check-name`` of the findings that show the defect (a check may also name its defect)."""
    correction: str | None = None
    correction_check: str | None = None
    """``node-id/check-name`` of the finding whose verdict is the tool's verdict on the correction, or
    ``proof:KEY`` for a machine-checked proof record of the corrected statement."""

    def __post_init__(self):
        if self.severity not in SEVERITIES:
            raise ValueError(f"defect {self.id}: unknown severity {self.severity!r}")


def auto_severity(f: Finding) -> str:
    """The severity of a flagged finding no defect record claims, from its channel."""
    if f.channel == "statement" and f.verdict is Verdict.REFUTED:
        return "critical"
    return "major" if f.channel in ("proof", "statement") else "minor"


def derive(declared: dict[str, Defect], hits: dict[str, list[tuple[str, Finding]]],
           correction_verdict) -> list[dict[str, Any]]:
    """Reported defects (dicts), worst severity first, then by id.

    ``hits`` maps a defect id to its (node id, finding) pairs (flagged findings only);
    ``correction_verdict(ref)`` returns ``{"verdict", "detail"}`` for a correction reference or None.
    """
    out = []
    for did, pairs in hits.items():
        d = declared.get(did)
        refutes = any(f.channel == "statement" and f.verdict is Verdict.REFUTED for _, f in pairs)
        computed = any(f.computed for _, f in pairs)
        if d is None:
            nid, f0 = pairs[0]
            sev = "critical" if refutes else min((auto_severity(f) for _, f in pairs), key=SEVERITIES.index)
            rec = {"id": did, "title": f0.detail.split(";")[0][:160], "declared": False,
                   "severity": sev, "declared_severity": None, "locations": [], "says": "", "why": ""}
        else:
            sev, note = d.severity, None
            if refutes:
                sev = "critical"
                if d.severity != "critical":
                    note = f"declared {d.severity}; a certified counterexample refutes the statement as written"
            elif d.severity == "critical":
                sev, note = "major", "declared critical, but no certified counterexample to the statement: major"
            rec = {"id": did, "title": d.title, "declared": True, "severity": sev,
                   "declared_severity": d.severity, "locations": list(d.locations), "says": d.says, "why": d.why}
            if note:
                rec["severity_note"] = note
            if d.correction:
                rec["correction"] = {"statement": d.correction, "check": d.correction_check,
                                     **(correction_verdict(d.correction_check) or
                                        {"verdict": "unknown", "detail": "no check of the correction declared"})}
        rec["kind"] = "computed" if computed else "reading"
        rec["nodes"] = sorted({nid for nid, _ in pairs})
        rec["findings"] = [{"node": nid, "check": f.check, "verdict": f.verdict.value, "channel": f.channel,
                            "computed": f.computed, "detail": f.detail, "rerun": f.rerun} for nid, f in pairs]
        out.append(rec)
    out.sort(key=lambda r: (SEVERITIES.index(r["severity"]), r["id"]))
    return out
