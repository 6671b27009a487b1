"""Proof records and the checker. Generic: nothing here knows about any paper."""
from __future__ import annotations

import time
from dataclasses import dataclass, field

import sympy as sp

from . import tactics as _t


@dataclass(frozen=True)
class Domain:
    """Domain of one real variable: an interval with open/closed ends (None = unbounded), maybe integer."""
    lo: object = None
    hi: object = None
    lo_open: bool = False
    hi_open: bool = False
    integer: bool = False

    def constraints(self, x):
        out = []
        if self.lo is not None:
            out.append(x > self.lo if self.lo_open else x >= self.lo)
        if self.hi is not None:
            out.append(x < self.hi if self.hi_open else x <= self.hi)
        return out

    def text(self):
        lb = "(" if self.lo_open or self.lo is None else "["
        rb = ")" if self.hi_open or self.hi is None else "]"
        s = f"{lb}{'-oo' if self.lo is None else self.lo}, {'oo' if self.hi is None else self.hi}{rb}"
        return s + (" integer" if self.integer else "")


REALS = Domain()
POS = Domain(0, None, lo_open=True)


@dataclass(frozen=True)
class Axiom:
    """A trusted fact. ``formula`` (over the record's variables) is what a step may cite by ``name``."""
    name: str
    statement: str
    reference: str
    formula: object = None
    hypotheses: dict = field(default_factory=dict)   # for generic axioms used via `instantiate`
    variables: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Step:
    name: str
    claim: object
    tactic: str
    premises: tuple = ()
    note: str = ""
    options: dict = field(default_factory=dict)


@dataclass
class ProofRecord:
    result_id: str
    statement: str
    hypotheses: dict
    variables: dict           # sympy Symbol -> Domain
    formula: object           # the statement's conclusion as a sympy formula
    steps: list
    conclusion: str           # name of the step that proves `formula`
    axioms: list = field(default_factory=list)
    uses: list = field(default_factory=list)
    latex: str = ""


@dataclass
class StepOutcome:
    name: str
    claim: str
    tactic: str
    premises: tuple
    status: str               # "closed" / "open"
    residual: str | None
    seconds: float
    detail: str = ""

    def to_dict(self, timings=False):
        d = {"name": self.name, "claim": self.claim, "tactic": self.tactic, "premises": list(self.premises),
             "status": self.status, "residual": self.residual, "detail": self.detail}
        if timings:
            d["seconds"] = round(self.seconds, 4)
        return d


@dataclass
class ProofOutcome:
    result_id: str
    status: str               # "checked" / "gap"
    steps: list
    axioms: list
    uses: list
    reason: str
    seconds: float
    record: ProofRecord = None

    def to_dict(self, timings=False):
        d = {"result_id": self.result_id, "status": self.status, "reason": self.reason,
             "steps": [s.to_dict(timings) for s in self.steps],
             "axioms": [{"name": a.name, "statement": a.statement, "reference": a.reference} for a in self.axioms],
             "uses": list(self.uses)}
        if timings:
            d["seconds"] = round(self.seconds, 4)
        return d


def same_formula(a, b) -> bool:
    """Structural or simplify-equality of two relationals (same relation, lhs-rhs differences equal)."""
    if a == b:
        return True
    if isinstance(a, sp.core.relational.Relational) and isinstance(b, sp.core.relational.Relational):
        if type(a) is type(b):
            return sp.simplify((a.lhs - a.rhs) - (b.lhs - b.rhs)) == 0
        if a.reversed.__class__ is type(b):
            return sp.simplify((a.lhs - a.rhs) - (b.rhs - b.lhs)) == 0
        return False
    if isinstance(a, (sp.And, sp.Or)) and type(a) is type(b) and len(a.args) == len(b.args):
        return all(any(same_formula(x, y) for y in b.args) for x in a.args)
    return False


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
                closed, detail = _t.run(st, prem, record, proved_results, facts, outs)
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


def check(record: ProofRecord, *, proved_results: dict | None = None) -> ProofOutcome:
    """Check every step of ``record``; 'checked' only if all steps close and the conclusion is the statement."""
    t0 = time.perf_counter()
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
    return ProofOutcome(record.result_id, status, outs, list(record.axioms), list(record.uses), reason,
                        time.perf_counter() - t0, record)
