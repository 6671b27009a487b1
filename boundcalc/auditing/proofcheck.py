"""Proof records in the audit: each bound to its declared formal statement, each axiom checked.

* :func:`statement_for` — the formal statement a record must prove: the node's ``Result.formal``, or a
  correction's statement from ``registry.statements`` (keyed like the record).
* :func:`check_records` — every record checked after the records it instantiates, against its statement
  (:func:`boundcalc.statements.binds`); every axiom and every fact its statement lets a proof assume
  (predicate implications, quantity facts) checked by :mod:`boundcalc.prover.axioms`. A record resting on
  a refuted axiom or fact is a gap, and so is every record that instantiates it.
* :func:`axiom_defects` — refuted axioms as defects of the tool's trusted base (for the errata).
"""
from __future__ import annotations

from typing import Any, Mapping

from ..prover.axioms import AxiomCheck, check_axiom, sharing


def statement_for(reg, key: str):
    """The declared formal statement of a record key (None when nothing is declared)."""
    r = getattr(reg, "results", {}).get(key)
    if r is not None and getattr(r, "formal", None) is not None:
        return r.formal
    return (getattr(reg, "statements", None) or {}).get(key)


class _Fact:
    """A statement's assumable fact, checked like an axiom."""

    def __init__(self, name: str, formula):
        self.name, self.formula, self.reference, self.check, self.paper_claim = name, formula, "", None, False


def fact_checks(statement, seed: int) -> list[AxiomCheck]:
    """Predicate implications and quantity facts of a statement, each searched at its admissible points."""
    from ..statements import Predicate, text

    out = []
    for h in statement.hypotheses:
        if isinstance(h, Predicate):
            for rel in h.implies:
                out.append(check_axiom(_Fact(f"{h.name} implies {_show(rel, text)}", rel), statement, seed))
    for q in statement.quantities:
        for rel in q.facts:
            out.append(check_axiom(_Fact(f"fact of {q.name}: {_show(rel, text)}", rel), statement, seed))
    for c in out:
        c.reference = "declared statement"
    return out


def _show(rel, text) -> str:
    try:
        return text(rel)
    except (KeyError, AttributeError):
        return str(rel)


def check_records(reg, records: Mapping[str, Any], seed: int = 0) -> tuple[dict[str, Any], dict[str, list]]:
    """(key -> ProofOutcome, key -> [AxiomCheck]) for every record (see the module docstring)."""
    from ..prover import check

    statements = {k: statement_for(reg, k) for k in records}
    checks: dict[str, list[AxiomCheck]] = {}
    facts: dict[int, list[AxiomCheck]] = {}     # a statement shared by several records is checked once
    with sharing():                             # the searches of one statement share its points' work
        for key, rec in records.items():
            st = statements[key]
            own = [check_axiom(ax, st, seed) for ax in rec.axioms]
            if st is not None and id(st) not in facts:
                facts[id(st)] = fact_checks(st, seed)
            checks[key] = own + (facts[id(st)] if st is not None else [])
    outcomes: dict[str, Any] = {}
    proved: dict[str, Any] = {}
    todo = sorted(records)
    while todo:
        ready = [k for k in todo if all(u in proved or u not in records or u in outcomes
                                         for u in getattr(records[k], "uses", ()))] or todo[:1]
        for key in ready:
            outcome = check(records[key], proved_results=proved, statement=statements[key], require_statement=True,
                            used_statements=statements)
            bad = [c for c in checks[key] if c.refuted]
            if bad and outcome.status == "checked":
                outcome.status = "gap"
                outcome.reason = "rests on refuted axiom(s): " + "; ".join(f"{c.name}: {c.detail}" for c in bad)
            outcome.axiom_checks = checks[key]
            outcomes[key] = outcome
            if outcome.status == "checked":
                proved[key] = outcome
            todo.remove(key)
    return outcomes, checks


def axiom_defects(checks: Mapping[str, list], outcomes: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Each refuted axiom or fact as a defect of the tool's trusted base (errata record)."""
    out = []
    for key in sorted(checks):
        for c in checks[key]:
            if not c.refuted:
                continue
            out.append({"id": f"trusted-base:{key}:{c.name}", "title": f"Trusted base: axiom {c.name} of the proof "
                        f"record {key} is refuted", "declared": False, "severity": "major",
                        "declared_severity": None, "locations": [f"proof record {key}"], "says": c.reference,
                        "why": c.detail, "kind": "computed", "tool": True, "nodes": [key],
                        "findings": [{"node": key, "check": f"axiom:{c.name}", "verdict": "refuted",
                                      "channel": "proof", "computed": True, "detail": c.detail, "rerun": None}]})
    return out


def base_entry(c: AxiomCheck) -> dict[str, str]:
    """How an axiom of a trusted base was checked, for the node report."""
    return {"checked": c.how, "check_status": c.status, "check_detail": c.detail,
            "paper_claim": "yes" if c.paper_claim else "no"}
