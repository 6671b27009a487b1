"""Counterexample search: admissible candidates (hypotheses certified) against the claim, certified.

Candidates: the spec's hand-written adversarial ones first (trial "adversarial[k]"), then ``trials``
hand-written random draws ``spec.sample(rng)`` with ``rng = random.Random(seed)`` (trial i is the
(i+1)-th draw). A spec that declares its objects and hypotheses then gets the candidates the engine
derives from them (:mod:`.falsify`: special, random, tight, optimised). A certified violation
refutes; finding nothing is ``unknown`` (a search is not a proof).
"""
from __future__ import annotations

import random

from ..checks import Counterexample
from ..findings import Finding, Verdict
from ..records import Result
from . import edges, falsify
from .context import AuditContext
from .values import compare_evidence, jsonable, show


def _hand(spec: Counterexample, seed: int):
    if spec.adversarial is not None:
        for k, obj in enumerate(spec.adversarial()):
            yield f"adversarial[{k}]", obj
    if spec.sample is not None:
        rng = random.Random(seed)
        for i in range(spec.trials):
            yield f"random[{i}]" if not spec.declared else f"sample[{i}]", spec.sample(rng)


class _HandOnly(falsify.Search):
    """Specs without declared objects: only the hand-written candidates, judged by ``hypotheses``."""

    def __init__(self, spec, seed):
        self.spec, self.seed = spec, seed
        self.hand = _hand(spec, seed)
        self.out = falsify.Outcome()
        self.pool = []

    def admissible(self, obj):
        try:
            ok = self.spec.hypotheses(obj)
        except falsify.EVAL_ERRORS + (IndexError,):
            return None
        return ok if ok in (True, False) else None

    def _note_rejection(self, obj):
        pass

    def margin(self, obj):
        return 0.0

    def _margin_of(self, a, b):
        return 0.0

    def run(self):
        for label, obj in self.hand:
            if self.judge(label, obj):
                break
        return self.out


def run(result: Result, spec: Counterexample, ctx: AuditContext) -> list[Finding]:
    name = f"counterexample:{spec.name}"
    base = {"claim": f"lhs {spec.rel} rhs", "seed": ctx.seed, "trials": spec.trials}
    if spec.declared:
        base["hypotheses"] = [h.text for h in spec.assume]
    if spec.rel not in ("<", "<=", "==", ">=", ">"):
        return [Finding(name, Verdict.UNKNOWN, f"declaration error: relation {spec.rel!r}", base)]
    try:
        search = falsify.Search(spec, ctx.seed, _hand(spec, ctx.seed)) if spec.declared else _HandOnly(spec, ctx.seed)
        out = search.run()
    except falsify.EVAL_ERRORS as exc:
        return [Finding(name, Verdict.UNKNOWN, f"search failed: {type(exc).__name__}: {exc}", base)]
    if spec.declared:
        base["stages"] = dict(out.stages)
        if out.screened:
            base["screened"] = out.screened
    if out.found is not None:
        trial, obj, a, b = out.found
        evidence = dict(base, trial=trial, objects=jsonable(obj, ctx.digits),
                        lhs=show(a, ctx.digits), rhs=show(b, ctx.digits))
        if out.shrunk_from is not None:
            evidence["shrunk_from"] = jsonable(out.shrunk_from, ctx.digits)
        evidence.update(compare_evidence(a, b, ctx.digits))
        ends = edges.reported(spec, obj, ctx.digits, pool=search.pool) if spec.declared else {}
        if ends:
            evidence["toward_ends"] = ends
        return [Finding(name, Verdict.REFUTED,
                        f"counterexample at trial {trial} (seed {ctx.seed}): lhs {evidence['lhs']} "
                        f"{spec.rel} rhs {evidence['rhs']} is false{edges.summary(ends)}", evidence)]
    evidence = dict(base, admissible=out.admissible, inadmissible=out.inadmissible, undecided=out.undecided,
                    violating=out.violating)
    if out.first_undecided:
        evidence["first_undecided"] = out.first_undecided
    if spec.declared:
        evidence["tight"] = dict(out.tight)
    open_ = out.inadmissible - out.violating
    skipped = [f"{out.violating} violate a hypothesis (certified)"] if out.violating else []
    skipped += [f"{open_} with a hypothesis not decided"] if open_ else []
    detail = (f"no counterexample in {out.admissible} admissible trials"
              + (f" ({out.inadmissible} candidates skipped: {', '.join(skipped)})" if out.inadmissible else "")
              + (f" ({out.undecided} undecided)" if out.undecided else "") + "; a search is not a proof")
    return [Finding(name, Verdict.UNKNOWN, detail, evidence)]
