"""Cited results that the paper restates: each is proved by instantiating the proved restatement."""
from __future__ import annotations

from boundcalc.prover import ProofRecord, Step


def restated(result_id: str, source: ProofRecord, statement: str) -> ProofRecord:
    """A record for ``result_id`` whose statement is ``source``'s, closed by instantiating ``source``."""
    free = set(source.formula.free_symbols)
    for h in source.hypotheses.values():
        free |= h.free_symbols
    return ProofRecord(
        result_id, statement, dict(source.hypotheses), dict(source.variables), source.formula,
        [Step("c", source.formula, "instantiate", tuple(source.hypotheses),
              options={"result": source.result_id, "subs": {x: x for x in sorted(free, key=str)}},
              note=f"the cited result as the paper restates it in {source.result_id}")],
        "c", uses=[source.result_id], latex=source.latex)
