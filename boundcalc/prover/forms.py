"""The prover's data: domains, axioms, steps, proof records and outcomes, and formula equality.

Imports nothing of the package: the checker, the tactics and the sign rules all read these types."""
from __future__ import annotations

from dataclasses import dataclass, field

import sympy as sp
from .. import symcache


@dataclass(frozen=True)
class Domain:
    """Domain of one real variable: an interval with open/closed ends (None = unbounded), maybe integer.

    Example::

        >>> from boundcalc.prover import POS, Domain
        >>> POS.text(), Domain(1, None, integer=True).text()
        ('(0, oo)', '[1, oo) integer')
    """
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
    """A trusted fact. ``formula`` (over the record's variables) is what a step may cite by ``name``.

    Example::

        >>> import sympy as sp
        >>> from boundcalc.prover import Axiom
        >>> B, M, L = sp.symbols("B M L")
        >>> Axiom("boltz_lower_bound", "Boltz(z) >= max_j z_j - ln n", "Lemma C.1 and S(p) <= ln n",
        ...       formula=sp.GreaterThan(B, M - L, evaluate=False)).name
        'boltz_lower_bound'
    """
    name: str
    statement: str
    reference: str
    formula: object = None
    hypotheses: dict = field(default_factory=dict)   # for generic axioms used via `instantiate`
    variables: dict = field(default_factory=dict)
    check: object = None
    """How the audit checks this axiom: a ``prover.axioms.SymbolicCheck``, a formal ``Statement`` to search
    the formula on, or None (searched on its record's formal statement when that gives every atom a value)."""
    paper_claim: bool = False
    """True when the axiom is the paper's own claim or computation (shown as such in the trusted base)."""


@dataclass(frozen=True)
class Step:
    """One step of a proof record: ``claim`` (a sympy relation) closed by ``tactic`` (docs/proofs.md) from
    the named ``premises`` (hypotheses, axioms, earlier steps) and the variables' domains.

    Example::

        >>> import sympy as sp
        >>> from boundcalc.prover import Step
        >>> x = sp.Symbol("x")
        >>> Step("bound", sp.GreaterThan(x + 1 / x, 2, evaluate=False), "sign", note="(x - 1)^2 / x >= 0").tactic
        'sign'
    """

    name: str
    claim: object
    tactic: str
    premises: tuple = ()
    note: str = ""
    options: dict = field(default_factory=dict)


@dataclass
class ProofRecord:
    """A machine-checkable proof of one result: its hypotheses (name -> relation), variables (Symbol ->
    :class:`Domain`), the conclusion ``formula``, the ``steps`` and the name of the step that proves it
    (``conclusion``), the ``axioms`` it trusts and the records it ``uses``. A paper package lists its
    records in ``registry().proofs`` by result id; the record counts only when it proves the result's
    formal statement (:func:`boundcalc.statements.binds`).

    Example::

        >>> import sympy as sp
        >>> from boundcalc.prover import POS, ProofRecord, Step, check
        >>> x = sp.Symbol("x")
        >>> claim = sp.GreaterThan(x + 1 / x, 2, evaluate=False)
        >>> rec = ProofRecord("lemma-1", "x + 1/x >= 2 for x > 0", hypotheses={}, variables={x: POS}, formula=claim,
        ...                   steps=[Step("bound", claim, "sign")], conclusion="bound")
        >>> check(rec).status
        'checked'
    """

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
    binding: object = None    # statements.Binding: whether the record proves the declared statement

    def to_dict(self, timings=False):
        d = {"result_id": self.result_id, "status": self.status, "reason": self.reason,
             "steps": [s.to_dict(timings) for s in self.steps],
             "axioms": [{"name": a.name, "statement": a.statement, "reference": a.reference} for a in self.axioms],
             "uses": list(self.uses)}
        if self.binding is not None:
            d["binding"] = {"ok": self.binding.ok, "reason": self.binding.reason, "checks": list(self.binding.checks)}
        if timings:
            d["seconds"] = round(self.seconds, 4)
        return d


def same_formula(a, b) -> bool:
    """Structural or simplify-equality of two relationals (same relation, lhs-rhs differences equal)."""
    if a == b:
        return True
    if isinstance(a, sp.core.relational.Relational) and isinstance(b, sp.core.relational.Relational):
        if type(a) is type(b):
            return symcache.simplify((a.lhs - a.rhs) - (b.lhs - b.rhs)) == 0
        if a.reversed.__class__ is type(b):
            return symcache.simplify((a.lhs - a.rhs) - (b.rhs - b.lhs)) == 0
        return False
    if isinstance(a, (sp.And, sp.Or)) and type(a) is type(b) and len(a.args) == len(b.args):
        return all(any(same_formula(x, y) for y in b.args) for x in a.args)
    return False
