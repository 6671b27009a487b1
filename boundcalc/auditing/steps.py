"""Proof steps as claims: each displayed relation a proof derives, searched under the proof's standing
hypotheses like the statement itself.

A :class:`Step` names the displayed relation (a sympy relation over the statement's symbols and any
quantities the step introduces, e.g. Boltz(a') of a comparison vector a'), what the proof cites for it,
the paper's LaTeX and, when the audit already records the error a failure of this step shows, that
defect's id. :func:`shared_search` decides every step of one proof on one candidate set; one
proof-channel finding ``step:LABEL`` per step:

* ``refuted`` at a certified violation strictly inside the standing hypotheses (a gap in the proof, never
  a refutation of the statement), the point named;
* ``verified`` when the step is *proved* (an equality whose sides, closed forms substituted, sympy
  simplifies to the same expression) or *certified at every searched point* (the points named: how
  many, which stages chose them) — the latter is not a proof for all values and says so;
* ``unknown`` when some point is undecided (an interval straddling 0, an undefined quantity).

The audit's proof status reads these (``boundcalc.audit.proof_channel``): ``checked`` needs every
declared step ``verified``.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Sequence

import sympy as sp


@dataclass(frozen=True)
class Step:
    """One displayed relation of a proof: ``label`` (its equation number or position), ``relation``
    (sympy, over the statement's symbols and ``quantities``), ``because`` (what the proof cites),
    ``latex`` (the paper's formula, quoted), ``defect`` (the id of the recorded error a failure shows)."""

    label: str
    relation: Any
    because: str = ""
    quantities: tuple = ()
    latex: str = ""
    defect: str | None = None


STEP_TRIALS = 60
"""Random draws per step search (the special, tight and joint stages come on top)."""

CHOSEN = ("the shared step search's admissible candidates (hand-written sampler and adversarial points, seeded "
          "random draws, domain specials, hypotheses made tight, jointly tight points), each admitted by the "
          "certified hypotheses")


def searches(statement, steps: Sequence[Step], trials: int = STEP_TRIALS, defect: str | None = None) -> tuple:
    """One proof-channel search per step, under the statement's variables and hypotheses."""
    out = []
    for s in steps:
        st = replace(statement, conclusion=(s.relation,), quantities=tuple(statement.quantities) + tuple(s.quantities))
        out.append(st.counterexample(f"step {s.label}", target="proof", trials=trials, defect=defect or s.defect,
                                     explanation=f"proof step {s.label}" + (f" ({s.because})" if s.because else "")))
    return tuple(out)


def identity(statement, step: Step) -> bool:
    """Is the step an equality that holds identically? Closed forms (quantities' ``expr``) substituted
    until none is left, sympy must simplify the difference of the sides to 0 (a machine check for all
    values where both sides are defined)."""
    rel = step.relation
    if not isinstance(rel, sp.Equality):
        return False
    subs = {q.symbol: q.expr for q in tuple(statement.quantities) + tuple(step.quantities) if q.expr is not None}
    diff = rel.lhs - rel.rhs
    for _ in range(8):
        new = diff.xreplace(subs)
        if new == diff:
            break
        diff = new
    from .. import symcache

    try:
        return symcache.simplify(diff) == 0
    except Exception:   # sympy gives up: not proved
        return False


def _decide(spec, obj):
    from . import falsify
    from .values import EVAL_ERRORS, to_real

    try:
        a, b = to_real(spec.lhs(obj)), to_real(spec.rhs(obj))
        return falsify.claim_holds(a, spec.rel, b), a, b
    except EVAL_ERRORS + (IndexError,):
        return None, None, None


def with_conclusion(statement, steps: Sequence[Step]) -> tuple[Step, ...]:
    """The steps and, last, the standing statement's own conclusion: what the proof establishes under its
    standing hypotheses is decided on the same points as its steps (otherwise nothing would read it)."""
    from ..statements import text

    shown = {sp.srepr(s.relation) for s in steps}
    extra = tuple(Step(f"standing conclusion {text(c)}", c, "what the proof establishes, under its standing "
                       "hypotheses") for c in statement.conclusion if sp.srepr(c) not in shown)
    return tuple(steps) + extra


def decide_steps(statement, steps: Sequence[Step], seed: int, trials: int = STEP_TRIALS) -> list:
    """Every step, and the standing conclusion (:func:`with_conclusion`), decided at every admissible
    candidate of one shared search (see the module docstring)."""
    from ..findings import Finding, Verdict
    from . import edges, falsify
    from .search import _hand
    from .values import compare_evidence, jsonable, show

    steps = with_conclusion(statement, steps)
    specs = searches(statement, steps, trials)
    search = falsify.Search(specs[0], seed, _hand(specs[0], seed))
    out = search.run(stop=False, optimise=False)
    pool = [(label, obj) for _, label, obj in search.pool]
    findings = []
    for step, spec in zip(steps, specs):
        check = f"step:{step.label}"
        ev = {"step": step.label, "because": step.because, "latex": step.latex, "seed": seed, "admissible": len(pool),
              "stages": dict(out.stages), "hypotheses": [h.text for h in spec.assume]}
        if identity(statement, step):
            ev["proved"] = "sympy: the two sides simplify to the same expression (closed forms substituted)"
            findings.append(Finding(check, Verdict.VERIFIED, f"proof step {step.label} proved: an identity "
                                    "(sympy, closed forms substituted)", ev, channel="proof"))
            continue
        hit, undecided, points = None, [], []
        for label, obj in pool:
            holds, a, b = _decide(spec, obj)
            if holds is None:
                undecided.append(label)
            elif holds is False:
                hit = (label, obj, a, b)
                break
            else:
                points.append(label)
        ev["undecided"] = len(undecided)
        if hit is not None:
            label, obj, a, b = hit
            ev.update(trial=label, objects=jsonable(obj), lhs=show(a, 15), rhs=show(b, 15), **compare_evidence(a, b, 15))
            if ends := edges.reported(spec, obj, pool=search.pool):
                ev["toward_ends"] = ends
            findings.append(Finding(check, Verdict.REFUTED, f"proof step {step.label} fails at {label} (seed {seed}): "
                                    f"lhs {ev['lhs']} {spec.rel} rhs {ev['rhs']} is false, strictly inside the "
                                    f"standing hypotheses{edges.summary(ends)}", ev, channel="proof",
                                    defect=step.defect))
        elif undecided or not points:
            ev["undecided_points"] = undecided[:10]
            findings.append(Finding(check, Verdict.UNKNOWN, f"no violation of proof step {step.label} at "
                                    f"{len(pool)} admissible points, but {len(undecided)} undecided (first: "
                                    f"{', '.join(undecided[:3]) or 'none searched'}); a search is not a proof",
                                    ev, channel="proof"))
        else:
            ev.update(points=points, chosen=CHOSEN)
            findings.append(Finding(check, Verdict.VERIFIED, f"proof step {step.label} certified at all {len(points)} "
                                    f"searched points only (seed {seed}; chosen as {CHOSEN}); not a proof for all "
                                    "values", ev, channel="proof"))
    return findings


def shared_search(name: str, statement, steps: Sequence[Step], trials: int = STEP_TRIALS):
    """A ``Custom`` check deciding every step on one shared candidate set (:func:`decide_steps`)."""
    from ..checks import Custom

    return Custom(name, lambda seed: decide_steps(statement, steps, seed, trials))
