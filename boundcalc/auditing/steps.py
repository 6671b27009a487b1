"""Proof steps as claims: each displayed relation a proof derives, searched under the proof's standing
hypotheses (the result's formal statement) like the statement itself.

A :class:`Step` names the displayed relation (a sympy relation over the statement's symbols and any
quantities the step introduces, e.g. Boltz(a') of a comparison vector a'), what the proof cites for it,
and its label. :func:`searches` turns each step into a ``Counterexample`` with ``target="proof"``: the
statement's variables and hypotheses, the step as the claim. A certified violation is a gap in the proof
at that step (never a refutation of the statement); finding nothing is ``unknown``, one finding per step.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Sequence


@dataclass(frozen=True)
class Step:
    """One displayed relation of a proof: ``label`` (its equation number or position), ``relation``
    (sympy, over the statement's symbols and ``quantities``), ``because`` (what the proof cites)."""

    label: str
    relation: Any
    because: str = ""
    quantities: tuple = ()


STEP_TRIALS = 60
"""Random draws per step search (the special, tight and joint stages come on top)."""


def searches(statement, steps: Sequence[Step], trials: int = STEP_TRIALS, defect: str | None = None) -> tuple:
    """One proof-channel search per step, under the statement's variables and hypotheses."""
    out = []
    for s in steps:
        st = replace(statement, conclusion=(s.relation,), quantities=tuple(statement.quantities) + tuple(s.quantities))
        out.append(st.counterexample(f"step {s.label}", target="proof", trials=trials, defect=defect,
                                     explanation=f"proof step {s.label}" + (f" ({s.because})" if s.because else "")))
    return tuple(out)


def shared_search(name: str, statement, steps: Sequence[Step], trials: int = STEP_TRIALS):
    """A ``Custom`` check that searches every step on one shared candidate set: the candidates of the
    first step's search (hand-written, random, special, tight and joint stages; admissibility certified
    once), then each step's claim decided, certified, at every admissible candidate. One finding per step
    (``step:LABEL``, channel proof): refuted at a certified violation (the candidate named), else unknown
    with the number of admissible points searched."""
    from ..checks import Custom

    def run(seed: int):
        from ..findings import Finding, Verdict
        from . import falsify
        from .values import EVAL_ERRORS, compare_evidence, jsonable, show, to_real

        specs = searches(statement, steps, trials)
        from .search import _hand
        search = falsify.Search(specs[0], seed, _hand(specs[0], seed))
        out = search.run(stop=False, optimise=False)
        pool = [(label, obj) for _, label, obj in search.pool]
        findings = []
        for step, spec in zip(steps, specs):
            hit, undecided = None, 0
            for label, obj in pool:
                try:
                    a, b = to_real(spec.lhs(obj)), to_real(spec.rhs(obj))
                    holds = falsify.claim_holds(a, spec.rel, b)
                except EVAL_ERRORS + (IndexError,):
                    holds = None
                if holds is None:
                    undecided += 1
                elif holds is False:
                    hit = (label, obj, a, b)
                    break
            ev = {"step": step.label, "because": step.because, "seed": seed, "admissible": len(pool),
                  "stages": dict(out.stages), "undecided": undecided, "hypotheses": [h.text for h in spec.assume]}
            check = f"step:{step.label}"
            if hit is not None:
                label, obj, a, b = hit
                ev.update(trial=label, objects=jsonable(obj), lhs=show(a, 15), rhs=show(b, 15), **compare_evidence(a, b, 15))
                findings.append(Finding(check, Verdict.REFUTED, f"proof step {step.label} fails at {label} (seed {seed}): "
                                        f"lhs {ev['lhs']} {spec.rel} rhs {ev['rhs']} is false, strictly inside the "
                                        "standing hypotheses", ev, channel="proof"))
            else:
                findings.append(Finding(check, Verdict.UNKNOWN, f"no violation of proof step {step.label} at "
                                        f"{len(pool)} admissible points ({undecided} undecided); a search is not a "
                                        "proof", ev, channel="proof"))
        return findings

    return Custom(name, run)
