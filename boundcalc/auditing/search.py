"""Counterexample search: admissible candidates (hypotheses certified) against the claim, certified.

Candidates: the spec's adversarial ones first (trial "adversarial[k]"), then ``trials`` random draws
``spec.sample(rng)`` with ``rng = random.Random(seed)`` (trial i is the (i+1)-th draw, so a reader
re-runs it exactly). A certified violation refutes; finding nothing is ``unknown``.
"""
from __future__ import annotations

import random

from ..checks import Counterexample
from ..findings import Finding, Verdict
from ..records import Result
from .context import AuditContext
from .values import EVAL_ERRORS, compare_evidence, decide, jsonable, show, to_real


def _candidates(spec: Counterexample, seed: int):
    if spec.adversarial is not None:
        for k, obj in enumerate(spec.adversarial()):
            yield f"adversarial[{k}]", obj
    if spec.sample is not None:
        rng = random.Random(seed)
        for i in range(spec.trials):
            yield f"random[{i}]", spec.sample(rng)


def run(result: Result, spec: Counterexample, ctx: AuditContext) -> list[Finding]:
    name = f"counterexample:{spec.name}"
    base = {"claim": f"lhs {spec.rel} rhs", "seed": ctx.seed, "trials": spec.trials}
    if spec.rel not in ("<", "<=", "==", ">=", ">"):
        return [Finding(name, Verdict.UNKNOWN, f"declaration error: relation {spec.rel!r}", base)]
    admissible = inadmissible = undecided = 0
    first_undecided = None
    try:
        for trial, obj in _candidates(spec, ctx.seed):
            try:
                ok = spec.hypotheses(obj)
            except EVAL_ERRORS:
                ok = None
            if ok is not True:
                inadmissible += 1
                continue
            admissible += 1
            try:
                a, b = to_real(spec.lhs(obj)), to_real(spec.rhs(obj))
                holds = decide(a, spec.rel, b)
            except EVAL_ERRORS as exc:
                holds, a, b = None, None, None
                if first_undecided is None:
                    first_undecided = f"{trial}: {type(exc).__name__}: {exc}"
            if holds is False:
                evidence = dict(base, trial=trial, objects=jsonable(obj, ctx.digits),
                                lhs=show(a, ctx.digits), rhs=show(b, ctx.digits))
                evidence.update(compare_evidence(a, b, ctx.digits))
                return [Finding(name, Verdict.REFUTED,
                                f"counterexample at trial {trial} (seed {ctx.seed}): lhs {evidence['lhs']} "
                                f"{spec.rel} rhs {evidence['rhs']} is false", evidence)]
            if holds is None:
                undecided += 1
                if first_undecided is None:
                    first_undecided = f"{trial}: comparison not certified"
    except EVAL_ERRORS as exc:
        return [Finding(name, Verdict.UNKNOWN, f"search failed: {type(exc).__name__}: {exc}", base)]
    evidence = dict(base, admissible=admissible, inadmissible=inadmissible, undecided=undecided)
    if first_undecided:
        evidence["first_undecided"] = first_undecided
    detail = (f"no counterexample in {admissible} admissible trials"
              f" ({inadmissible} candidates skipped: hypotheses not certified"
              + (f"; {undecided} undecided" if undecided else "") + "); a search is not a proof")
    return [Finding(name, Verdict.UNKNOWN, detail, evidence)]
