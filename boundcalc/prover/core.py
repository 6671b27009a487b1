"""The checker: runs a proof record's steps through the tactics. Generic: nothing here knows about any paper.

The record types live in :mod:`.forms` (re-exported here); the tactics get the step runner passed in,
so no prover module imports this one back."""
from __future__ import annotations

import time

from . import tactics as _t
from .forms import (POS, REALS, Axiom, Domain, ProofOutcome, ProofRecord, Step, StepOutcome,  # noqa: F401
                    same_formula)


def _run_steps(record, steps, facts, proved_results, outs):
    """Check steps in order; `facts` maps name -> formula for citable things. Returns True if all closed."""
    ok = True
    for st in steps:
        t0 = time.perf_counter()
        missing = [p for p in st.premises if p not in facts]
        if st.name in facts:
            closed, detail = False, f"step name {st.name!r} is already taken by a hypothesis, axiom or step"
        elif missing:
            closed, detail = False, f"unknown or unproved premises: {missing}"
        else:
            prem = [facts[p] for p in st.premises]
            try:
                closed, detail = _t.run(st, prem, record, proved_results, facts, outs, run_steps=_run_steps)
            except Exception as exc:  # a tactic crash never closes a goal
                closed, detail = False, f"tactic error: {type(exc).__name__}: {exc}"
        dt = time.perf_counter() - t0
        residual = None
        if not closed:
            hyp = " & ".join(str(facts[p]) for p in st.premises if p in facts) or "True"
            residual = f"{hyp}  |-  {st.claim}"
            ok = False
        outs.append(StepOutcome(st.name, str(st.claim), st.tactic, tuple(st.premises),
                                "closed" if closed else "open", residual, dt, detail))
        if closed:
            facts[st.name] = st.claim
    return ok


def check(record: ProofRecord, *, proved_results: dict | None = None, statement=None,
          require_statement: bool = False, used_statements: dict | None = None) -> ProofOutcome:
    """Check every step of ``record``; 'checked' only if all steps close and the conclusion is the statement.

    With ``statement`` (a :class:`boundcalc.statements.Statement`) the record must also prove that declared
    statement (:func:`boundcalc.statements.binds`), else it is a gap whatever its steps do;
    ``require_statement`` refuses a record when no statement is given."""
    t0 = time.perf_counter()
    binding = None
    if statement is not None or require_statement:
        from ..statements import binds

        binding = binds(record, statement, used_statements)
    proved_results = proved_results or {}
    facts = dict(record.hypotheses)
    for ax in record.axioms:
        if ax.formula is not None:
            facts[ax.name] = ax.formula
    outs: list = []
    all_closed = _run_steps(record, record.steps, facts, proved_results, outs)
    names = [s.name for s in record.steps]
    reason = ""
    if record.conclusion not in names:
        status, reason = "gap", f"conclusion {record.conclusion!r} is not a step"
    else:
        concl = next(s for s in record.steps if s.name == record.conclusion)
        concl_out = next(o for o in outs if o.name == record.conclusion)
        if not same_formula(concl.claim, record.formula):
            status, reason = "gap", f"conclusion claim {concl.claim} differs from the statement {record.formula}"
        elif not all_closed or concl_out.status != "closed":
            status = "gap"
            reason = "open steps: " + ", ".join(o.name for o in outs if o.status == "open")
        else:
            status = "checked"
    if binding is not None and not binding.ok:
        status, reason = "gap", f"does not prove the declared statement: {binding.reason}" + (
            f"; {reason}" if reason else "")
    return ProofOutcome(record.result_id, status, outs, list(record.axioms), list(record.uses), reason,
                        time.perf_counter() - t0, record, binding)
