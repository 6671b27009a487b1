"""Counting outcomes: kill rates, per operator and per node, survivors and equivalents listed."""
from __future__ import annotations

from typing import Any, Mapping, Sequence

from .comparison import CAUGHT_BY, COMPUTED, MECHANISMS
from .mutant import OPERATORS


def summarize(results: Sequence[Mapping[str, Any]], available: int,
              excluded: Mapping[str, int] | None = None, goal_rate: float = 0.9,
              goal_of: str = "kill_rate") -> dict[str, Any]:
    """Counts overall, per operator and per node; the kill rate C / (N - E), the strict rate that does
    not count a changed flagged finding as a catch unless the change is certified, and the computed rate that counts only mutants a
    computation caught (search, proof, axiom check, comparison; see :data:`.comparison.MECHANISMS`), and
    the strict computed rate that also leaves out a changed flagged finding unless the change is certified
    (the issue's criterion: a catch counts only when the change is itself certified: a status or verdict
    moved, a flag raised or cleared, or a flagged finding's evidence changed in a way
    :func:`.certify.difference` certifies, recorded as ``certified``; an uncertified one that
    :func:`.equivalence` shows states no new error, ``strict_equivalent``, is left out of the strict rates'
    denominator, as an equivalent mutant is of every rate);
    how each was caught (its primary mechanism, and every mechanism involved); every survivor listed.
    The goal is ``goal_rate`` of the rate named ``goal_of`` over at least 100 mutants and 30 nodes."""
    def tally(rows) -> dict[str, int]:
        t = {"generated": 0, "caught": 0, "equivalent": 0, "survived": 0, "timeout": 0, "skipped": 0}
        for r in rows:
            t["generated"] += 1
            t[r["outcome"]] += 1
        return t

    per_op = {op: tally([r for r in results if r["operator"] == op]) for op in OPERATORS}
    nodes = sorted({n for r in results for n in r["nodes"]})
    per_node = {n: tally([r for r in results if n in r["nodes"]]) for n in nodes}
    total = tally(results)
    counted = total["generated"] - total["equivalent"] - total["skipped"]
    rate = total["caught"] / counted if counted else None
    by = {k: sum(1 for r in results if r["outcome"] == "caught" and r.get("caught_by") == k) for k in CAUGHT_BY}
    uncertified = sum(1 for r in results if r["outcome"] == "caught" and r.get("caught_by") == "flagged-evidence"
                      and not r.get("certified"))
    # an uncertified evidence change of a mutant shown equivalent (the change comes from the search's draws,
    # and the mutant states no new error) is left out of the strict rates' denominator
    strict_equivalent = sum(1 for r in results if r["outcome"] == "caught" and r.get("caught_by") == "flagged-evidence"
                            and not r.get("certified") and r.get("strict_equivalent"))
    strict_counted = counted - strict_equivalent
    strict = (total["caught"] - uncertified) / strict_counted if strict_counted else None
    caught = [r for r in results if r["outcome"] == "caught"]
    primary = {k: sum(1 for r in caught if r.get("mechanism") == k) for k in MECHANISMS}
    involved = {k: sum(1 for r in caught if k in (r.get("mechanisms") or ())) for k in MECHANISMS}
    computed = sum(1 for r in caught if set(r.get("mechanisms") or ()) & set(COMPUTED))
    computed_rate = computed / counted if counted else None
    strict_computed = sum(1 for r in caught if set(r.get("mechanisms") or ()) & set(COMPUTED)
                          and (r.get("caught_by") != "flagged-evidence" or r.get("certified")))
    strict_computed_rate = strict_computed / strict_counted if strict_counted else None
    rates = {"kill_rate": rate, "strict_kill_rate": strict, "computed_kill_rate": computed_rate,
             "strict_computed_kill_rate": strict_computed_rate}
    goal = rates[goal_of]
    return {
        "generated": total["generated"], "equivalent": total["equivalent"], "caught": total["caught"],
        "survived": total["survived"], "timeout": total["timeout"], "available": available,
        "kill_rate": None if rate is None else round(rate, 4),
        "strict_kill_rate": None if strict is None else round(strict, 4),
        "computed_kill_rate": None if computed_rate is None else round(computed_rate, 4),
        "strict_computed_kill_rate": None if strict_computed_rate is None else round(strict_computed_rate, 4),
        "caught_by_computation": computed, "caught_by_computation_strict": strict_computed,
        "strict_equivalent": strict_equivalent,
        "skipped": total["skipped"],
        "caught_by": by, "flagged_evidence_certified": by["flagged-evidence"] - uncertified, "mechanism": primary, "mechanisms_involved": involved,
        "excluded_sites": dict(excluded or {}),
        "goal": {"rate": goal_rate, "of": goal_of, "min_mutants": 100, "min_nodes": 30,
                 "met": bool(goal is not None and goal >= goal_rate and total["generated"] >= 100
                             and len(nodes) >= 30)},
        "nodes": len(nodes),
        "caught_by_load_error": sum(1 for r in results if r.get("load_error")),
        "survivors_with_changed_evidence": sum(1 for r in results if r["outcome"] == "survived"
                                               and r.get("evidence_changed")),
        "per_operator": per_op, "per_node": per_node,
        "survivors": [{k: r.get(k) for k in ("id", "operator", "nodes", "module", "line", "description",
                                             "before", "after", "evidence_changed", "outcome", "mode")}
                      for r in results if r["outcome"] in ("survived", "timeout")],
        "equivalents": [{"id": r["id"], "reason": r["equivalent_reason"]} for r in results
                        if r["outcome"] == "equivalent"],
    }

