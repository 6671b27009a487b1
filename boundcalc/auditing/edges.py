"""How far a refuted claim keeps failing toward the ends of its domains (a point class per end).

A search reports the first certified counterexample it meets. A reader (and the mutation harness, issue 21's
"per point class") also wants to know whether the failure reaches the edge of what the statement assumes:
a bound printed too weak fails right up to its end, a wrong formula may fail only inside. For each scalar
object with a finite end, the counterexample is moved along that object alone toward the end, by exact
bisection between a failing value and the end (the end itself first, when it belongs to the domain), and
the failing point nearest the end is reported. Every reported point is admissible and its claim certified
false; a point that cannot be decided counts as not failing, so nothing is claimed that was not computed.
"""
from __future__ import annotations

from fractions import Fraction
from typing import Any, Callable, Mapping, Sequence

from .. import objects as ob

STEPS = 6
"""Bisection steps per end for rationals (integers bisect to the nearest failing value within as many)."""


def toward_ends(spec, obj: Mapping[str, Any], fails: Callable[[dict], bool], steps: int = STEPS,
                others: Sequence[Mapping[str, Any]] = ()) -> dict:
    """``{"NAME lower end" | "NAME upper end": point}``: for each scalar object of ``spec`` with a finite
    end, the failing point nearest that end (``fails(point)`` certified), when it differs from ``obj``.

    When bisection from ``obj`` stops short of the end, the other candidates ``others`` (the search's
    admissible points, nearest to failing first; at most :data:`PINNED` of them) are tried with that object
    set at the end (just inside an open end): a failing point at the end itself is the better witness of the
    class, and may fail where ``obj``'s neighbourhood holds."""
    out = {}
    for name, dom in (spec.objects or {}).items():
        v = obj.get(name)
        if isinstance(v, bool) or not isinstance(v, (int, Fraction)):
            continue
        integer = isinstance(dom, ob.Integers)
        for side, end, closed in _ends(dom, obj):
            if end == v:
                continue
            best = _nearest(obj, name, v, end, closed, integer, fails, steps)
            if best != end and others:
                at = end if closed else end + (Fraction(v) - end) / 2 ** steps
                moved = (dict(o, **{name: at}) for o in others[:PINNED])
                pinned = next((p for p in moved if _fails(fails, p)), None)
                if pinned is not None:
                    out[f"{name} {side} end"] = pinned
                    continue
            if best is not None and best != v:
                out[f"{name} {side} end"] = dict(obj, **{name: best})
    return out


PINNED = 16
"""Candidates tried with one object set at an end its counterexample's neighbourhood does not reach."""


def _fails(fails, point) -> bool:
    try:
        return bool(fails(point))
    except Exception:        # a point the claim cannot be evaluated at is not a failing point
        return False


def evaluate(spec, obj: Mapping[str, Any]) -> tuple[bool | None, Any, Any]:
    """(admissible, lhs, rhs) of ``spec`` at ``obj``: admissibility certified (None when undecided or not
    evaluable); the two sides as certified numbers when admissible and evaluable, else None."""
    from .falsify import EVAL_ERRORS
    from .values import to_real

    try:
        inside = spec.hypotheses(obj)
    except EVAL_ERRORS + (IndexError,):
        return None, None, None
    if inside is not True:
        return (False if inside is False else None), None, None
    try:
        return True, to_real(spec.lhs(obj)), to_real(spec.rhs(obj))
    except EVAL_ERRORS + (IndexError,):
        return True, None, None


def holds_at(spec, ev: tuple) -> bool | None:
    """The claim of ``spec`` at an :func:`evaluate` result ``ev``: certified, or None."""
    from .falsify import EVAL_ERRORS, claim_holds

    inside, lhs, rhs = ev
    if inside is not True or lhs is None:
        return None
    try:
        return claim_holds(lhs, spec.rel, rhs)
    except EVAL_ERRORS:
        return None


def decide(spec, obj: Mapping[str, Any]) -> tuple[bool | None, bool | None]:
    """(admissible, claim holds) of ``spec`` at ``obj``, each certified or None."""
    ev = evaluate(spec, obj)
    return ev[0], holds_at(spec, ev)


def violates(spec, obj: Mapping[str, Any]) -> bool:
    """True when ``obj`` is certified admissible for ``spec`` and its claim certified false."""
    return decide(spec, obj) == (True, False)


def reported(spec, obj: Mapping[str, Any], digits: int = 15, pool: Sequence = ()) -> dict:
    """:func:`toward_ends` of a counterexample, as JSON evidence (empty when no end is reached further).
    ``pool``: the search's ``(margin, label, objects)`` admissible candidates."""
    from .values import jsonable

    others = [o for _, _, o in sorted(pool, key=lambda r: r[0], reverse=True)] if pool else []
    found = toward_ends(spec, obj, lambda o: violates(spec, o), others=others)
    return {k: jsonable(p, digits) for k, p in found.items()}


SHOWN = 6
"""End points named in a finding's detail (the evidence keeps them all)."""


def summary(ends: Mapping[str, Mapping[str, Any]]) -> str:
    """A detail suffix naming where the failure reaches: '; fails toward the ends of its domains too, at V = 0,
    V = 6, ...' (empty when no end was reached further than the counterexample)."""
    if not ends:
        return ""
    parts = []
    for key, point in ends.items():
        name = key.rsplit(" ", 2)[0]
        v = str(point.get(name))
        parts.append(f"{name} = {v if len(v) <= 24 else v[:12] + '...'}")
    more = f" and {len(parts) - SHOWN} more" if len(parts) > SHOWN else ""
    return "; fails toward the ends of its domains too, at " + ", ".join(parts[:SHOWN]) + more


def _ends(dom, env) -> list[tuple[str, Fraction, bool]]:
    """(side, end, end belongs to the domain) for each finite end of an Integers or Rationals domain."""
    try:
        if isinstance(dom, ob.Integers):
            lo, hi = dom._range(env)
            ends = [("lower", lo, True), ("upper", hi, True)]
        elif isinstance(dom, ob.Rationals):
            lo, hi = dom._ends(env)
            ends = [("lower", lo, not dom.lo_open), ("upper", hi, not dom.hi_open)]
        else:
            return []
    except (KeyError, TypeError, ValueError, ZeroDivisionError):
        return []
    return [(s, e, c) for s, e, c in ends if e is not None]


def _nearest(obj, name, v, end, closed: bool, integer: bool, fails, steps: int):
    """The failing value nearest ``end`` found by bisection from the failing value ``v``."""
    def bad(x) -> bool:
        return _fails(fails, dict(obj, **{name: x}))

    if closed and bad(end):
        return end
    good, other = v, end      # good fails; other does not (or is an open end)
    for _ in range(steps if not integer else max(steps, abs(int(end) - int(v)).bit_length())):
        mid = (good + other) // 2 if integer else (Fraction(good) + Fraction(other)) / 2
        if integer and mid == good:
            mid = good + (1 if other > good else -1)
        if mid == other:
            break
        if bad(mid):
            good = mid
        else:
            other = mid
    return good
