"""Axioms checked like statements: symbolically where they are computations, by search otherwise.

``check_axiom(axiom, statement, seed)`` returns an :class:`AxiomCheck`:

* :class:`.symcheck.SymbolicCheck` (one or several instances): the axiom's *own* formula, the very premise
  the prover uses, with its atoms replaced by their definitions computed by sympy from the defined
  function; an identity that ``simplify`` takes to 0 (or an inequality whose gap equals a sum-of-squares
  certificate) confirms, a certified violation at an exact rational point refutes, anything else is
  undecided (:mod:`.symcheck`);
* a :class:`boundcalc.statements.Statement` (the axiom's own, or its record's formal statement): the
  axiom's formula is searched at the statement's admissible points with the certified falsification
  machinery (:mod:`boundcalc.auditing.falsify`); ``Implies(A, B)`` adds ``A`` as a hypothesis, ``And``
  is searched part by part. A certified violation refutes; none found is ``searched`` (not a proof).

Nothing here is paper-specific: the checks are content of the paper's package.
"""
from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace
from typing import Any

import sympy as sp

from .symcheck import SymbolicCheck, symbolic_check  # noqa: F401  (re-exported)

SEARCH_TRIALS = 16
"""Random draws (and hand-written samples) per part of an axiom's search."""

SPECIALS = 24
"""At most this many of the domains' special values per part."""

PREC_CAP_BITS = 4096
"""Precision cap of an axiom search's comparisons: a tie (ln 2 >= ln 2 at n = 2) stays undecided at this
precision instead of running to the engine's cap; undecided is never counted as a pass."""


@dataclass
class AxiomCheck:
    """How one axiom was checked and what came out: status confirmed / searched / refuted / undecided /
    unchecked (no check possible: say why)."""

    name: str
    how: str
    status: str
    detail: str
    paper_claim: bool = False
    reference: str = ""

    @property
    def refuted(self) -> bool:
        return self.status == "refuted"

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "how": self.how, "status": self.status, "detail": self.detail,
                "paper_claim": self.paper_claim, "reference": self.reference}


def _symbolic(ax, checks: list[SymbolicCheck], seed: int) -> AxiomCheck:
    """The axiom's own formula with each instance's definitions substituted: confirmed only when every
    instance is, refuted when one is."""
    results = [symbolic_check(ax.formula, c, f"{seed}:{ax.name}:{k}") for k, c in enumerate(checks)]
    for status in ("refuted", "undecided"):
        bad = [d for s, d in results if s == status]
        if bad:
            return AxiomCheck(ax.name, "symbolic", status, bad[0])
    detail = results[0][1] if len(results) == 1 else f"{len(results)} instances: " + "; ".join(d for _, d in results)
    return AxiomCheck(ax.name, "symbolic", "confirmed", detail)


def _parts(formula) -> list[tuple[list, Any]]:
    """(extra hypotheses, claim) pairs of a formula: Implies adds its premise, And splits."""
    if isinstance(formula, sp.And):
        return [p for a in formula.args for p in _parts(a)]
    if isinstance(formula, sp.Implies):
        prem, concl = formula.args
        extra = list(prem.args) if isinstance(prem, sp.And) else [prem]
        return [(extra + e, c) for e, c in _parts(concl)]
    return [([], formula)]


def searchable(formula, statement) -> bool:
    """True when the statement gives a value to every symbol of the formula."""
    return formula is not None and not _missing(formula, statement)


def _missing(formula, statement) -> list[str]:
    """Symbols of the formula the statement gives no value (not a variable, or a quantity without one)."""
    valued = set(statement.scalars()) | {q.name for q in statement.quantities
                                         if q.value is not None or q.expr is not None}
    return sorted({s.name for s in formula.free_symbols} - valued)


def _search(ax, statement, seed: int) -> AxiomCheck:
    from ..statements import REL_TEXT, Statement, text

    checked = undecided = 0
    for i, (extra, claim) in enumerate(_parts(ax.formula)):
        if any(type(e) not in REL_TEXT for e in extra):
            extra, claim = [], sp.Implies(sp.And(*extra), claim)
        try:
            st = Statement(statement.variables, (claim,), tuple(statement.hypotheses) + tuple(extra),
                           statement.quantities, statement.latex, statement.sample, statement.adversarial)
        except TypeError:        # a part a statement cannot state (e.g. !=): not searched
            continue
        spec = replace(st.counterexample(f"axiom {ax.name} [{i}]", target="proof"), trials=SEARCH_TRIALS)
        with _capped():
            out = _Light(spec, seed, statement).run()
        if out.found is not None:
            label, obj, a, b = out.found
            shown = {k: (str(v) if not isinstance(v, list) else [str(x) for x in v]) for k, v in obj.items()}
            return AxiomCheck(ax.name, "search", "refuted",
                              f"certified counterexample to {text(claim)} at {shown} ({label}, seed {seed}): "
                              f"lhs {a.format(10)}, rhs {b.format(10)}")
        checked += out.admissible - out.undecided
        undecided += out.undecided
    if not checked:
        return AxiomCheck(ax.name, "search", "undecided", f"no admissible point was decided ({undecided} undecided)")
    return AxiomCheck(ax.name, "search", "searched",
                      f"no counterexample at {checked} admissible points decided with certified arithmetic"
                      + (f" ({undecided} undecided)" if undecided else "") + "; a search is not a proof")


class _capped:
    """Lower the comparisons' precision cap for the duration of one search."""

    def __enter__(self):
        from .. import numbers

        self.old, numbers.PREC_CAP = numbers.PREC_CAP, PREC_CAP_BITS

    def __exit__(self, *exc):
        from .. import numbers

        numbers.PREC_CAP = self.old


class _Light:
    """The falsification search without its costly stages: hand-written candidates, random draws and the
    domains' special values, each admitted by the formal hypotheses and judged with certified arithmetic.

    Inside :func:`sharing`, the searches of one ``statement`` (its axioms' parts, its facts) share what
    does not depend on the axiom: the hand-written candidates (the same sampler, seed and count give the
    same points) and each point's admissibility under the statement's own hypotheses (the first ones of
    every part's statement); a part's extra premises are evaluated by each search."""

    def __new__(cls, spec, seed, statement=None):
        from ..auditing import falsify
        from ..auditing.search import _hand
        from .. import objects as ob

        shared = _SHARED.get() if statement is not None else None
        base = len(statement.hypotheses) if statement is not None else 0

        class Light(falsify.Search):
            def _note_rejection(self, obj):   # coverage statistics are not reported for axiom searches
                pass

            def _margin_of(self, a, b):       # nor margins (no stage here is guided by them)
                return 0.0

            def admissible(self, obj):
                if shared is None:
                    return super().admissible(obj)
                return shared.admissible(statement, base, self.spec, obj)

            def run(self):
                stages = [("hand", self.hand),
                          ("random", ((f"random[{k}]", ob.draw(self.spec.objects, self.rng))
                                      for k in range(self.spec.trials))),
                          ("special", ((f"special[{k}]", o) for k, o in zip(range(SPECIALS), self.specials())))]
                for _, cands in stages:
                    for label, obj in cands:
                        if self.judge(label, obj):
                            return self.out
                return self.out

        hand = shared.hand(statement, spec, seed, _hand) if shared is not None else _hand(spec, seed)
        return Light(spec, seed, hand)


class _Replay:
    """A generator's items for several consumers: drawn once, in order, as far as the furthest consumer
    went; an exception the generator raised is raised again at the same position."""

    def __init__(self, gen):
        self.gen, self.items, self.error = gen, [], None

    def __iter__(self):
        k = 0
        while True:
            if k < len(self.items):
                yield self.items[k]
            elif self.error is not None:
                raise self.error
            else:
                try:
                    item = next(self.gen)
                except StopIteration:
                    return
                except Exception as exc:      # noqa: BLE001  (re-raised, here and for later consumers)
                    self.error = exc
                    raise
                self.items.append(item)
                yield item
            k += 1


class _Shared:
    """What the axiom searches of one run share (see :class:`_Light`)."""

    def __init__(self):
        self.hands: dict = {}
        self.bases: dict = {}
        self.keep: list = []                   # the statements keyed by id, kept alive for the run

    def hand(self, statement, spec, seed, make):
        key = (id(statement), spec.sample, spec.adversarial, seed, spec.trials)
        got = self.hands.get(key)
        if got is None:
            self.keep.append(statement)
            got = self.hands[key] = _Replay(make(spec, seed))
        return iter(got)

    def admissible(self, statement, base: int, spec, obj):
        """``falsify.Search.admissible``: the statement's own hypotheses (the first ``base``) once per point
        content, then the part's extra premises."""
        from .. import objects as ob
        from ..auditing.values import EVAL_ERRORS
        from ..statements import _content_key

        key = _content_key(obj)
        if key is None:
            try:
                return ob.admissible(spec.objects, spec.assume, obj)
            except EVAL_ERRORS + (IndexError,):
                return None
        key = (id(statement), key)
        first = self.bases.get(key, _NONE)
        if first is _NONE:
            self.keep.append(statement)
            try:
                first = ob.admissible(spec.objects, spec.assume[:base], obj)
            except EVAL_ERRORS + (IndexError,):
                first = _ERROR
            self.bases[key] = first
        if first is _ERROR:
            return None
        if first is False or base == len(spec.assume):
            return first
        try:
            rest = ob.admissible({}, spec.assume[base:], obj)
        except EVAL_ERRORS + (IndexError,):
            return None
        return ob.conjunction((first, rest))


_NONE, _ERROR = object(), object()
_SHARED: ContextVar[_Shared | None] = ContextVar("boundcalc_axiom_sharing", default=None)


@contextmanager
def sharing():
    """Share the axiom searches' common work (see :class:`_Light`) for the duration of the block (one
    audit's proof records); the results are those of the searches done separately."""
    token = _SHARED.set(_Shared())
    try:
        yield
    finally:
        _SHARED.reset(token)


def check_axiom(ax, statement=None, seed: int = 0) -> AxiomCheck:
    """Check one axiom twice where possible: symbolically (its ``SymbolicCheck`` instances) and by search on
    its own statement (a ``Statement`` in ``check``) or its record's ``statement``. ``check`` is one of
    these or a tuple of them. Refuted when either refutes."""
    chk = getattr(ax, "check", None)
    given = chk if isinstance(chk, tuple) else (chk,)
    symbolic = [c for c in given if isinstance(c, SymbolicCheck)]
    own = next((c for c in given if hasattr(c, "counterexample")), None)
    parts: list[AxiomCheck] = []
    if symbolic:
        parts.append(_symbolic(ax, symbolic, seed))
    where = own if own is not None else statement
    if ax.formula is not None and where is not None and searchable(ax.formula, where):
        parts.append(_search(ax, where, seed))
    if not parts:
        if ax.formula is None:
            why = "the axiom has no formula (prose only)"
        elif where is None:
            why = "its record has no formal statement"
        else:
            why = f"no value for {', '.join(_missing(ax.formula, where))} in the record's formal statement"
        out = AxiomCheck(ax.name, "none", "unchecked", why)
    else:
        order = ("refuted", "confirmed", "searched", "undecided")
        status = min((p.status for p in parts), key=order.index)
        out = AxiomCheck(ax.name, "+".join(p.how for p in parts), status, "; ".join(f"{p.how}: {p.detail}" for p in parts))
    out.paper_claim = bool(getattr(ax, "paper_claim", False))
    out.reference = ax.reference
    return out


def check_record_axioms(record, statement=None, seed: int = 0) -> list[AxiomCheck]:
    return [check_axiom(ax, statement, seed) for ax in record.axioms]


def table(checks: dict[str, list[AxiomCheck]]) -> str:
    """The axiom checks as a markdown table (record, axiom, how, status, paper's claim) with a count line."""
    rows = ["| record | axiom | checked how | status | paper's claim |", "|---|---|---|---|---|"]
    counts: dict[str, int] = {}
    for key in sorted(checks):
        for c in checks[key]:
            counts[c.status] = counts.get(c.status, 0) + 1
            rows.append(f"| {key} | {c.name.replace('|', '&#124;')} | {c.how} | {c.status} | "
                        f"{'yes' if c.paper_claim else ''} |")
    total = sum(counts.values())
    summary = f"{total} axioms and statement facts: " + ", ".join(f"{v} {k}" for k, v in sorted(counts.items()))
    return summary + "\n\n" + "\n".join(rows) + "\n"


def main(argv: list[str] | None = None) -> int:
    """``python -m boundcalc.prover.axioms [PAPER]``: print how every axiom of the paper's records is checked."""
    import sys

    from .. import paper
    from ..auditing.proofcheck import check_records

    args = sys.argv[1:] if argv is None else argv
    reg = paper.load(args[0]) if args else paper.load()
    _, checks = check_records(reg, reg.proofs, seed=0)
    sys.stdout.write(table(checks))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
