"""A hand-written copy of a formal statement, compared with it at points.

When a node's statement-level search is derived from its formal statement
(:meth:`boundcalc.statements.Statement.counterexample`), the hand-written search it replaces (a
:class:`~boundcalc.checks.Counterexample` with its own claim ``lhs REL rhs`` and hypotheses) would be read
by nothing but its candidate sources. :func:`compare` reads the rest: at candidate points (the copy's
hand-written candidates, the statement's own sources, random draws from the statement's domains) it
decides, with exact or certified arithmetic,

* the two hypothesis sets (the formal ones and the copy's): admitted by one, rejected by the other, at
  points inside both declarations' domains (a domain's bounds may be search caps, so domains themselves
  are not compared);
* at points both admit, the two claims' truth values, and their margins ``lhs - rhs`` (oriented so that
  ``a > b`` and ``b < a`` have the same margin; for ``==`` either orientation agrees). A copy is declared
  as a transcription of the formal relation, so its margin is the formal one; a copy written with other
  sides (multiplied through, say) is a different formula and is reported as one.

A certified difference (exact rationals, or balls that separate at :data:`CAP` bits) is an ``inconsistent``
finding naming the point and both values. Otherwise the finding is ``unknown`` (agreement at finitely many
points, or an undecided comparison, is evidence, never ``verified``).

Example: a copy whose hypothesis reads ``x > 2`` where the formal statement has ``x > 1``::

    >>> import sympy as sp
    >>> from fractions import Fraction
    >>> from boundcalc.checks import Counterexample
    >>> from boundcalc.objects import Rationals, Rel
    >>> from boundcalc.statements import Statement
    >>> x = sp.Symbol("x")
    >>> st = Statement({"x": Rationals(0, 10)}, (sp.StrictGreaterThan(x * x, x, evaluate=False),),
    ...                hypotheses=(sp.StrictGreaterThan(x, 1, evaluate=False),))
    >>> copy = Counterexample("square", lhs=lambda o: o["x"] ** 2, rel=">", rhs=lambda o: o["x"],
    ...                       objects={"x": Rationals(0, 10)}, assume=(Rel("x > 2", "x", ">", "2"),),
    ...                       adversarial=lambda: iter([{"x": Fraction(3, 2)}]))
    >>> [f.verdict.value for f in compare(st, copy, seed=0)]
    ['inconsistent']
"""
from __future__ import annotations

import random
from typing import Any, Callable, Iterable, Mapping

from .. import objects as ob
from ..findings import Finding, Verdict
from ..numbers import Real

CAP = 256
"""Working precision (bits) up to which two margins are separated before the comparison is undecided."""

ADVERSARIAL = 10
"""Hand-written adversarial candidates read (the first ones)."""
SAMPLES = 8
"""Draws of each hand-written sampler."""
DRAWS = 6
"""Random draws from the statement's domains (points outside the hypotheses test the hypothesis sets)."""

_ORIENT = {">": 1, ">=": 1, "<": -1, "<=": -1, "==": 0}
_TRUTH = {"<": lambda s: s < 0, "<=": lambda s: s <= 0, "==": lambda s: s == 0, ">=": lambda s: s >= 0,
          ">": lambda s: s > 0}


def _call(fn: Callable, *args) -> Any:
    try:
        return fn(*args)
    except Exception:   # a point outside a side's definition decides nothing
        return None


def _real(v: Any) -> Real | None:
    if v is None or isinstance(v, (bool, float)):
        return None
    try:
        return v if isinstance(v, Real) else Real(v)
    except Exception:
        return None


def _sign(x: Real | None) -> int | None:
    if x is None:
        return None
    try:
        return x.sign(CAP)
    except Exception:
        return None


def _text(x: Any) -> str:
    try:
        return x.format(12) if isinstance(x, Real) else str(x)
    except Exception:
        return repr(x)


def _point(o: Mapping[str, Any]) -> dict[str, Any]:
    def one(v):
        if isinstance(v, (list, tuple)):
            return [one(x) for x in v]
        return v if isinstance(v, (int, bool)) or v is None else str(v)
    return {k: one(v) for k, v in o.items()}


def completed(statement, o: Mapping[str, Any]) -> dict[str, Any] | None:
    """``o`` as a point of the statement: a missing variable that is a vector's declared length (an
    ``objects.Vectors`` whose length names it) is read off that vector; None when a variable stays missing
    (the candidate is not a point of this statement, so it decides nothing)."""
    out = dict(o)
    for k, dom in statement.variables.items():
        if k in out:
            continue
        for v, d in statement.variables.items():
            if isinstance(d, ob.Vectors) and d.length == k and isinstance(out.get(v), (list, tuple)):
                out[k] = len(out[v])
                break
        else:
            return None
    return out


def candidates(statement, copy, seed: int) -> Iterable[Mapping[str, Any]]:
    """The points compared: the copy's adversarial ones and sampler draws, the statement's own sources
    (when they are other functions), then draws from the statement's domains; each at most once."""
    rng = random.Random(f"copy:{copy.name}:{seed}")
    sources: list[tuple[Callable | None, Callable | None]] = [(copy.adversarial, copy.sample)]
    if statement.adversarial is not copy.adversarial or statement.sample is not copy.sample:
        sources.append((statement.adversarial, statement.sample))
    seen: list = []
    for adversarial, sample in sources:
        if adversarial is not None:
            try:
                for k, o in enumerate(adversarial()):
                    if k >= ADVERSARIAL:
                        break
                    if o not in seen:
                        seen.append(o)
                        yield o
            except Exception:
                pass
        if sample is not None:
            for _ in range(SAMPLES):
                o = _call(sample, rng)
                if o is not None and o not in seen:
                    seen.append(o)
                    yield o
    for _ in range(DRAWS):
        o = _call(ob.draw, statement.variables, rng)
        if o is not None and o not in seen:
            seen.append(o)
            yield o


def _margin_differs(cm: Real, fm: Real, rc: str, rf: str) -> tuple[bool | None, Real | None]:
    """(certified different, the formal margin as oriented for the copy)."""
    oc, of = _ORIENT[rc], _ORIENT[rf]
    if oc and of:
        ref = fm if oc == of else -fm
        s = _sign(cm - ref)
        return (None if s is None else s != 0), ref
    s1, s2 = _sign(cm - fm), _sign(cm + fm)      # an equality reads the same with its sides swapped
    if s1 == 0 or s2 == 0:
        return False, fm
    if s1 is None or s2 is None:
        return None, fm
    return True, fm


def compare(statement, copy, seed: int = 0, *, index: int = 0, name: str | None = None,
            channel: str = "text") -> list[Finding]:
    """One finding: the hand-written search ``copy`` against conclusion ``index`` of ``statement``."""
    derived = statement.counterexample(copy.name, index=index)
    check = f"copy:{name or copy.name}"
    rf, rc = derived.rel, copy.rel
    disagree: list[dict[str, Any]] = []
    counts = {"points": 0, "not_points": 0, "outside_domains": 0, "admitted": 0, "rejected": 0, "undecided": 0, "margins_undecided": 0}
    for o in candidates(statement, copy, seed):
        o = completed(statement, o)
        if o is None:
            counts["not_points"] += 1
            continue
        if not (_call(ob.in_domains, statement.variables, o) and
                (copy.objects is None or _call(ob.in_domains, copy.objects, o))):
            counts["outside_domains"] += 1     # domains carry search caps: only the hypotheses are compared
            continue
        counts["points"] += 1
        fh, ch = _call(derived.hypotheses, o), _call(copy.hypotheses, o)
        if fh is None or ch is None:
            counts["undecided"] += 1
            continue
        if fh != ch:
            disagree.append({"what": "hypotheses", "point": _point(o), "formal": bool(fh), "copy": bool(ch)})
            continue
        if not fh:
            counts["rejected"] += 1
            continue
        counts["admitted"] += 1
        fl, fr = _real(_call(derived.lhs, o)), _real(_call(derived.rhs, o))
        cl, cr = _real(_call(copy.lhs, o)), _real(_call(copy.rhs, o))
        if None in (fl, fr, cl, cr):
            counts["undecided"] += 1
            continue
        fm, cm = fl - fr, cl - cr
        sf, sc = _sign(fm), _sign(cm)
        ft = None if sf is None else _TRUTH[rf](sf)
        ct = None if sc is None else _TRUTH[rc](sc)
        values = {"formal": {"lhs": _text(fl), "rel": rf, "rhs": _text(fr)},
                  "copy": {"lhs": _text(cl), "rel": rc, "rhs": _text(cr)}}
        if ft is not None and ct is not None and ft != ct:
            disagree.append({"what": "claim", "point": _point(o), "formal_holds": ft, "copy_holds": ct, **values})
            continue
        differs, ref = _margin_differs(cm, fm, rc, rf)
        if differs:
            disagree.append({"what": "margin", "point": _point(o), "formal_margin": _text(ref),
                             "copy_margin": _text(cm), **values})
        elif differs is None:
            counts["margins_undecided"] += 1
    if disagree:
        first = disagree[0]
        if first["what"] == "hypotheses":
            why = (f"the formal hypotheses {'admit' if first['formal'] else 'reject'} the point and the copy's "
                   f"{'admit' if first['copy'] else 'reject'} it")
        elif first["what"] == "claim":
            why = (f"the formal claim {first['formal']['lhs']} {rf} {first['formal']['rhs']} is "
                   f"{'true' if first['formal_holds'] else 'false'}, the copy's {first['copy']['lhs']} {rc} "
                   f"{first['copy']['rhs']} is {'true' if first['copy_holds'] else 'false'}")
        else:
            why = (f"the copy's lhs - rhs = {first['copy_margin']} and the formal statement's = "
                   f"{first['formal_margin']} are certified different")
        return [Finding(check, Verdict.INCONSISTENT, channel=channel, evidence={
            "disagreements": disagree[:3], "count": len(disagree), **counts},
            detail=(f"the hand-written search '{copy.name}' does not state the formal statement: at "
                    f"{first['point']} {why} ({len(disagree)} of {counts['points']} points disagree)"))]
    return [Finding(check, Verdict.UNKNOWN, channel=channel, evidence=counts, detail=(
        f"the hand-written search '{copy.name}' agrees with the formal statement at {counts['admitted']} admitted "
        f"and {counts['rejected']} rejected points ({counts['undecided']} undecided, {counts['margins_undecided']} "
        "margins equal within the balls): evidence at points, not a proof that the two statements agree"))]


def check(statement, copy, *, index: int = 0, name: str | None = None, channel: str = "text"):
    """The :class:`~boundcalc.checks.Custom` check running :func:`compare` (put it beside the derived search)."""
    from ..checks import Custom

    return Custom(f"copy {name or copy.name}", lambda seed: compare(statement, copy, seed, index=index, name=name,
                                                                     channel=channel))


def derive(statement, copy, *, index: int = 0) -> tuple:
    """(the search derived from ``statement`` that replaces ``copy``, keeping its candidate sources, screen,
    trials, defect and explanation; the check comparing ``copy`` with the statement)."""
    derived = statement.counterexample(copy.name, index=index, sample=copy.sample, adversarial=copy.adversarial,
                                       screen=copy.screen, trials=copy.trials, defect=copy.defect,
                                       explanation=copy.explanation)
    return derived, check(statement, copy, index=index)
