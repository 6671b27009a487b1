"""Defect records: one per distinct error of a paper, shown by the findings that carry its id.

A declaration (the paper's package) names each defect once, with its location, the paper's words and a
correction where the intent is clear. Which defects are *reported*, their ``kind`` and the severity
actually given are derived by the audit from the findings that link to them and from the lemma graph
(docs/audit.md, "Severity"):

* a defect with no flagged finding is not reported (no computation shows it);
* **refuted as written** (a certified counterexample to a statement, strictly inside its hypotheses):
  ``critical`` when something built on it needs the false part or no checked correction exists;
  ``misstated`` when all three hold: the correction is proved (a machine-checked record), every result
  that uses the refuted one (graph edges) has a *verified* use check showing that the use satisfies the
  correction's extra hypotheses, and the record names where the proof already assumes the correction.
  The same test lowers a declared ``major`` whose statement is wrong as written (e.g. a free symbol);
* **refuted under a hypothesis** (a finding whose evidence names ``under``, e.g. SETH, with the
  reduction's mapping checked exactly): ``critical``, with the status "refuted under <hypothesis>";
* **a cited result applied outside its hypotheses** (the record names a ``step_check``): ``major`` only
  when the step itself is refuted or not certified; when the step is certified, ``minor`` (a citation
  slip);
* a declared ``critical`` without a certified counterexample is reported as ``major`` and says so;
* ``kind`` is ``computed`` when some linked finding came from a computation, ``reading`` when every one
  restates a reader's declaration.

Flagged findings no record claims are grouped per result into one ``auto:<node>`` record whose title says
in words what failed.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterable

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
    assumed_by_proof: str = ""
    """Where the paper's own proof already assumes the correction (a reader's pointer, reported as such)."""
    use_checks: tuple[str | tuple[str, str], ...] = ()
    """One per result that uses the defective one: ``(user-id, "node-id/check-name")`` (or just the reference
    when the check sits on the user), the finding certifying that the use satisfies the correction's extra
    hypotheses. A check placed on the defective node itself runs whenever that node is audited."""
    step_check: str | None = None
    """For a cited result applied outside its hypotheses: the finding that certifies (or refutes) the step
    the citation justifies."""
    related: tuple[str, ...] = ()
    """Ids of other records about the same passage (the graph and the page link them)."""

    def __post_init__(self):
        if self.severity not in SEVERITIES:
            raise ValueError(f"defect {self.id}: unknown severity {self.severity!r}")


def auto_severity(f: Finding) -> str:
    """The severity of a flagged finding no defect record claims, from its channel."""
    if f.channel == "statement" and f.verdict is Verdict.REFUTED and not f.evidence.get("under"):
        return "critical"
    return "major" if f.channel in ("proof", "statement") else "minor"


_WORDS = {
    ("statement", Verdict.REFUTED): "the statement is false at a certified point",
    ("statement", Verdict.UNSUPPORTED): "a stated constant does not follow from the proof's steps",
    ("statement", Verdict.INCONSISTENT): "the statement disagrees with another text of the paper",
    ("proof", Verdict.REFUTED): "a step of the proof fails at a certified point",
    ("proof", Verdict.UNSUPPORTED): "a constant of the proof does not follow from its steps",
    ("proof", Verdict.INCONSISTENT): "the proof uses a result in a way its statement does not give",
    ("text", Verdict.REFUTED): "a formula of the text is false at a certified point",
    ("text", Verdict.UNSUPPORTED): "a constant of the text does not follow",
    ("text", Verdict.INCONSISTENT): "two texts of the paper disagree",
}


def auto_title(node: str, findings: list[Finding], title: str | None = None) -> str:
    """A title in words for flagged findings no record claims: what failed, where, and which checks."""
    worst = min(findings, key=lambda f: (0 if f.channel == "statement" else 1, f.verdict is not Verdict.REFUTED))
    what = _WORDS.get((worst.channel, worst.verdict), "a check fails")
    if worst.evidence.get("under"):
        what = f"the statement is false under {worst.evidence['under']}"
    checks = ", ".join(sorted({f.check.split(":", 1)[-1].strip() for f in findings}))
    return f"{title or node}: {what} ({checks})"


def _impact(d: Defect, pairs: list[tuple[str, Finding]], corr: dict | None,
            users: Callable[[str], Iterable[str]], verdict_of: Callable[[str], str | None]) -> dict[str, Any]:
    """Severity and its reason for a declared defect, from the findings and the graph (rules above)."""
    refuting = [(n, f) for n, f in pairs if f.channel == "statement" and f.verdict is Verdict.REFUTED]
    conditional = [(n, f) for n, f in refuting if f.evidence.get("under")]
    plain = [(n, f) for n, f in refuting if not f.evidence.get("under")]
    wrong_as_written = [(n, f) for n, f in pairs if f.channel == "statement"]
    out: dict[str, Any] = {}
    if plain or (wrong_as_written and d.use_checks):
        subjects = sorted({n for n, _ in (plain or wrong_as_written)})
        out["subjects"] = subjects
        proved = bool(corr) and corr.get("verdict") == "proved"
        needed = sorted({u for s in subjects for u in users(s)} - set(subjects))
        covered = {}
        for entry in d.use_checks:
            node, ref = entry if isinstance(entry, tuple) else (entry.partition("/")[0], entry)
            covered.setdefault(node, []).append((ref, verdict_of(ref)))
        uses = {u: covered.get(u, []) for u in needed}
        unmet = [u for u, refs in uses.items() if not any(v == "verified" for _, v in refs)]
        out["uses"] = {u: [{"check": r, "verdict": v or "not run"} for r, v in refs] for u, refs in uses.items()}
        if proved and not unmet and d.assumed_by_proof:
            used = ", ".join(needed) if needed else "no result of the paper uses it"
            out["severity"] = "misstated"
            out["impact"] = "false as written; the proved correction covers every use"
            out["note"] = (f"{'refuted' if plain else 'wrong'} as written, but it does not propagate: the correction is "
                           f"proved ({d.correction_check}); every use satisfies its extra hypotheses (checked: {used}); "
                           f"the proof already assumes it ({d.assumed_by_proof})")
            return out
        why = []
        if not proved:
            why.append("no proved correction" if d.correction else "no correction declared")
        if unmet:
            why.append("uses not shown to satisfy the correction: " + ", ".join(unmet))
        if not d.assumed_by_proof:
            why.append("no pointer to where the proof assumes the correction")
        if plain:
            out["severity"] = "critical"
            out["impact"] = "false as written"
            out["note"] = "certified counterexample to the statement as written; critical because " + "; ".join(why)
            return out
    if conditional:
        under = sorted({f.evidence["under"] for _, f in conditional})
        out["severity"] = "critical"
        out["under"] = under
        out["impact"] = "false under " + " and ".join(under)
        out["note"] = (f"refuted under {' and '.join(under)}: a reduction whose mapping is checked exactly sends hard "
                       f"instances into the statement's hypotheses ({', '.join(sorted({n for n, _ in conditional}))})")
        return out
    if d.step_check:
        v = verdict_of(d.step_check)
        if v == "verified":
            out["severity"] = "minor"
            out["impact"] = "citation slip"
            out["note"] = (f"the cited result's hypothesis is not met, but the step it justifies is certified "
                           f"({d.step_check}): a citation slip, not a gap")
            return out
        out["severity"] = "major"
        out["impact"] = "proof step fails" if v == "refuted" else "proof step not certified"
        out["note"] = f"the cited result's hypothesis is not met and the step itself is {v or 'not checked'} ({d.step_check})"
        return out
    if d.severity == "critical":
        out["severity"] = "major"
        out["note"] = "declared critical, but no certified counterexample to the statement: major"
    return out


def derive(declared: dict[str, Defect], hits: dict[str, list[tuple[str, Finding]]],
           correction_verdict, users: Callable[[str], Iterable[str]] | None = None,
           verdict_of: Callable[[str], str | None] | None = None,
           titles: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """Reported defects (dicts), worst severity first, then by id.

    ``hits`` maps a defect id to its (node id, finding) pairs (flagged findings only);
    ``correction_verdict(ref)`` returns ``{"verdict", "detail"}`` for a correction reference or None;
    ``users(node)`` the results whose proofs use ``node`` (graph edges); ``verdict_of(ref)`` the verdict of
    the finding ``node/check`` (None when it was not run); ``titles`` node titles for undeclared records.
    """
    users = users or (lambda n: ())
    verdict_of = verdict_of or (lambda ref: None)
    out = []
    for did, pairs in hits.items():
        d = declared.get(did)
        computed = any(f.computed for _, f in pairs)
        if d is None:
            nid = pairs[0][0]
            fs = [f for _, f in pairs]
            sev = min((auto_severity(f) for f in fs), key=SEVERITIES.index)
            rec = {"id": did, "title": auto_title(nid, fs, (titles or {}).get(nid)), "declared": False,
                   "severity": sev, "declared_severity": None, "locations": [], "says": "", "why": ""}
            under = sorted({f.evidence["under"] for f in fs if f.evidence.get("under")})
            if under:
                rec.update(severity="critical", impact="false under " + " and ".join(under), under=under)
        else:
            corr = None
            if d.correction:
                corr = {"statement": d.correction, "check": d.correction_check,
                        **(correction_verdict(d.correction_check) or
                           {"verdict": "unknown", "detail": "no check of the correction declared"})}
            imp = _impact(d, pairs, corr, users, verdict_of)
            sev = imp.get("severity", d.severity)
            rec = {"id": did, "title": d.title, "declared": True, "severity": sev,
                   "declared_severity": d.severity, "locations": list(d.locations), "says": d.says, "why": d.why}
            note = imp.get("note")
            if note and (sev != d.severity or imp.get("impact")):
                rec["severity_note"] = note
            for key in ("impact", "under", "uses"):
                if imp.get(key):
                    rec[key] = imp[key]
            if d.assumed_by_proof:
                rec["assumed_by_proof"] = d.assumed_by_proof
            if d.related:
                rec["related"] = list(d.related)
            if corr:
                rec["correction"] = corr
        rec["kind"] = "computed" if computed else "reading"
        rec["nodes"] = sorted({nid for nid, _ in pairs})
        rec["findings"] = [{"node": nid, "check": f.check, "verdict": f.verdict.value, "channel": f.channel,
                            "computed": f.computed, "detail": f.detail, "rerun": f.rerun,
                            **({"under": f.evidence["under"]} if f.evidence.get("under") else {})}
                           for nid, f in pairs]
        out.append(rec)
    out.sort(key=lambda r: (SEVERITIES.index(r["severity"]), r["id"]))
    return out
