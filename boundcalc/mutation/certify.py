"""Is a changed flagged finding a *certified* difference? Issue 21's criterion for a mutant whose only
visible effect is that a flagged finding reports other evidence (``caught_by == "flagged-evidence"``).

A new failing point, a moved counterexample or another worst miss counts only when the change is itself
certified, in one of these ways:

* **points**: the finding lists its evaluation points, each with a certified verdict (``holds``: True or
  False; None when undecided) and its two values. Certified when, at a point named in both audits (same
  label and parameter values), the verdict flips between certified verdicts, or both fail and a value
  moved by more than its printed precision (see :func:`enclosure`: the miss there moved); or when the mutated audit adds a failing point whose
  parameters are outside the original node's declared parameter domains.
* **samples**: an asymptotic finding lists its samples of the variable; certified when, at a value of the
  variable sampled in both audits with the same held parameters, a value it reports moved by more than its
  printed precision.
* **witness**: the finding names a counterexample (the ``objects`` of a search, a ``counterexample:`` or
  ``step:`` check), and possibly the failing points nearest the ends of its domains (``toward_ends``, see
  :mod:`boundcalc.auditing.edges`). Each is read back exactly (rationals only) and re-checked under the
  mutated declaration: admissible and the claim certified false, which confirms the reading. Certified
  when the original declaration provably does not fail there (the point is certified outside its domains
  or hypotheses, or its claim is certified to hold at it), or when it fails there too but with a miss
  ``lhs - rhs`` certified to differ from the mutant's (the miss at that point moved).

Anything else (a count of failures, a ratio, printed values whose enclosures overlap) is not certified:
the numbers differ, but nothing proves that the two declarations differ at a point.
"""
from __future__ import annotations

import re
from fractions import Fraction
from typing import Any, Mapping

from ..auditing.edges import decide, evaluate, holds_at   # noqa: F401  (decide: a point, as the audit reads it)

_RATIONAL = re.compile(r"-?\d+(/\d+)?")


def difference(base: Mapping[str, Any], mutated: Mapping[str, Any], base_reg, mutant_reg) -> tuple[bool, str]:
    """(certified, how) over the flagged findings of node signatures ``{id: signature}`` (see
    :func:`.comparison.signature`) whose evidence differs between the two audits."""
    tried = []
    for nid in sorted(set(base) & set(mutated)):
        ev_a = base[nid].get("flagged_evidence", {})
        ev_b = mutated[nid].get("flagged_evidence", {})
        for check in sorted(set(ev_a) & set(ev_b)):
            a, b = ev_a[check], ev_b[check]
            if a == b:
                continue
            ok, how = _points(a, b, base_reg, nid)
            if not ok:
                ok, how = (_samples(a, b) if "samples" in b else (ok, how))
            if not ok and "objects" in b:
                ok, how = _witness(nid, check, b, base_reg, mutant_reg)
            if ok:
                return True, f"{nid}: {check}: {how}"
            tried.append(f"{nid}: {check}: {how}")
    return False, "; ".join(tried[:3]) or "no flagged finding present in both audits changed its evidence"


def _points(a: Mapping[str, Any], b: Mapping[str, Any], base_reg=None, nid: str = "") -> tuple[bool, str]:
    rows_a, rows_b = _rows(a), _rows(b)
    if not rows_a or not rows_b:
        return False, "no per-point verdicts"
    for label in sorted(set(rows_a) & set(rows_b)):
        ha, hb = rows_a[label].get("holds"), rows_b[label].get("holds")
        if {ha, hb} == {True, False}:
            before, after = ("hold" if h else "fail" for h in (ha, hb))
            return True, f"point {label} certified to {before} before and to {after} after"
    for label in sorted(set(rows_a) & set(rows_b)):
        ra, rb = rows_a[label], rows_b[label]
        if ra.get("holds") is False and rb.get("holds") is False:
            for key in sorted(set(ra) & set(rb) - NOT_VALUES):
                if apart(ra.get(key), rb.get(key)):
                    return True, (f"point {label} fails in both, with {key} = {ra.get(key)} before and {rb.get(key)} "
                                  "after (certified different): the miss there moved")
    for label in sorted(set(rows_b) - set(rows_a)):
        row = rows_b[label]
        if row.get("holds") is False and (out := _outside_params(base_reg, nid, row.get("params"))):
            return True, f"new failing point {label}, outside the original's domain ({out})"
    return False, "no point flips between certified verdicts or moves its exact miss"


SAMPLE_VALUES = ("explicit", "claimed")
"""The values an asymptotic finding reports at each sample of its variable."""


def _samples(a: Mapping[str, Any], b: Mapping[str, Any]) -> tuple[bool, str]:
    """An asymptotic finding's samples: at a value of the variable sampled in both audits (with the same
    held and moved parameters), an exact value that differs."""
    var = b.get("variable")
    if not var or var != a.get("variable") or any(a.get(k) != b.get(k) for k in ("held", "moved", "point")):
        return False, "no shared samples"
    rows_a = {r.get(var): r for r in a.get("samples") or () if isinstance(r, dict)}
    for rb in b.get("samples") or ():
        ra = rows_a.get(rb.get(var)) if isinstance(rb, dict) else None
        if ra is None:
            continue
        for key in SAMPLE_VALUES:
            if apart(ra.get(key), rb.get(key)):
                return True, f"sample {var} = {rb.get(var)}: {key} {ra.get(key)} before and {rb.get(key)} after " \
                             "(certified different)"
    return False, "no sampled value moved beyond its printed precision"


NOT_VALUES = {"point", "params", "holds", "how", "direction", "error", "miss", "log10_ratio"}
"""Keys of a point row that are not values printed by the number model (``miss`` is a 6-digit float)."""

_DECIMAL = re.compile(r"(-?)(\d+)\.(\d*)(?:e([+-]?\d+))?")


def enclosure(text: Any) -> tuple[Fraction, Fraction] | None:
    """Exact bounds of a printed value: an exact rational (an integer or p/q) is its own bounds; a decimal
    printed by :func:`boundcalc.numbers` (Arb's digits, each correct up to one unit in the last printed
    place) is that decimal plus or minus one unit in its last place. None for anything else (a ball shown
    as text, 'undetermined', a tower 10^(10^x))."""
    if not isinstance(text, str):
        return None
    q = exact(text)
    if q is not None and not isinstance(q, (list, dict)):
        return Fraction(q), Fraction(q)
    m = _DECIMAL.fullmatch(text)
    if not m:
        return None
    sign, whole, frac, e = m.groups()
    scale = int(e or 0) - len(frac)
    mid = Fraction(int(whole + frac)) * Fraction(10) ** scale
    ulp = Fraction(10) ** scale
    mid = -mid if sign else mid
    return mid - ulp, mid + ulp


def apart(x: Any, y: Any) -> bool:
    """True when two printed values are certified different (disjoint :func:`enclosure`)."""
    a, b = enclosure(x), enclosure(y)
    return a is not None and b is not None and (a[1] < b[0] or b[1] < a[0])


def _outside_params(reg, nid: str, params: Any) -> str | None:
    """The first parameter value of a point that the node of ``reg`` declares outside its domain."""
    from ..errors import InputError
    from ..records import check_domain

    node = getattr(reg, "results", {}).get(nid) if reg is not None else None
    if node is None or not isinstance(params, dict):
        return None
    for p in getattr(node, "params", ()):
        q = exact(params.get(p.name)) if p.name in params else None
        if q is None or isinstance(q, (list, dict)):
            continue
        try:
            check_domain(p.name, p.domain, Fraction(q))
        except InputError as exc:
            return str(exc)
    return None


def _rows(ev: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    """label (with its parameter values, so that a label whose point moved is not the same point) -> row."""
    rows = ev.get("points")
    if not isinstance(rows, list):
        return {}
    return {_label(r): r for r in rows if isinstance(r, dict) and "point" in r}


def _label(row: Mapping[str, Any]) -> str:
    params = row.get("params")
    if not isinstance(params, dict):
        return str(row["point"])
    return f"{row['point']} (" + ", ".join(f"{k}={params[k]}" for k in sorted(params)) + ")"


def _witness(nid: str, check: str, ev_b: Mapping[str, Any], base_reg, mutant_reg) -> tuple[bool, str]:
    spec_b, spec_a = find_spec(mutant_reg, nid, check), find_spec(base_reg, nid, check)
    if spec_b is None or spec_a is None:
        return False, "the check's search is not found in both declarations"
    points = [("the mutant's witness", ev_b["objects"])]
    ends = ev_b.get("toward_ends")
    if isinstance(ends, dict):
        points += [(f"its failing point nearest the {k}", v) for k, v in sorted(ends.items())]
    why = []
    for what, raw in points:
        obj = exact(raw)
        if obj is None:
            why.append(f"{what} is not exact (not all rationals)")
            continue
        ok, how = _one_witness(spec_a, spec_b, obj)
        if ok:
            return True, f"{what}: {how}"
        why.append(f"{what}: {how}")
    return False, why[0] if why else "no witness"


def _one_witness(spec_a, spec_b, obj: dict) -> tuple[bool, str]:
    b = evaluate(spec_b, obj)
    if holds_at(spec_b, b) is not False:
        return False, "does not re-read as a certified violation of the mutant"
    a = evaluate(spec_a, obj)
    holds_a = holds_at(spec_a, a)
    if a[0] is False:
        return True, "certified outside the original's domains or hypotheses"
    if holds_a is True:
        return True, "the original's claim is certified to hold there"
    if holds_a is False:
        moved = _miss_moved(a, b)
        if moved:
            return True, f"a counterexample of the original too, but {moved}"
        return False, "a counterexample of the original too, with the same miss"
    return False, "the original is undecided there"


MISS_BITS = 1024
"""Precision cap (bits) for deciding that two misses differ: equal misses are never decided, so the cap
bounds the work spent on them."""


def _miss_moved(a: tuple, b: tuple) -> str | None:
    """'the miss lhs - rhs moved from X to Y' when the two evaluations' misses certifiably differ."""
    from ..auditing.falsify import EVAL_ERRORS
    from ..auditing.values import show

    try:
        ma, mb = a[1] - a[2], b[1] - b[2]
        sign = (ma - mb).sign(cap=MISS_BITS)
    except EVAL_ERRORS:
        return None
    if sign in (1, -1):
        return f"the miss lhs - rhs there moved from {show(ma, 6)} to {show(mb, 6)} (certified different)"
    return None


def exact(x: Any) -> Any:
    """JSON evidence objects read back exactly: rational strings as int (whole) or Fraction, containers
    recursively; None when any number is not an exact rational (a ball, a float)."""
    if isinstance(x, bool) or x is None:
        return x
    if isinstance(x, str):
        if not _RATIONAL.fullmatch(x):
            return None
        q = Fraction(x)
        return int(q) if q.denominator == 1 else q
    if isinstance(x, list):
        out = [exact(v) for v in x]
        return None if any(v is None for v in out) else out
    if isinstance(x, dict):
        out = {k: exact(v) for k, v in x.items()}
        return None if any(v is None for v in out.values()) else out
    return None


def find_spec(reg, nid: str, check: str):
    """The search spec behind a ``counterexample:NAME`` or ``step:LABEL`` finding of node ``nid``."""
    kind, _, name = check.partition(":")
    if kind == "counterexample":
        from ..checks import Counterexample

        node = reg.results.get(nid)
        checks = node.checks if node else ()
        return next((c for c in checks if isinstance(c, Counterexample) and c.name == name), None)
    if kind == "step":
        from ..auditing.steps import searches, with_conclusion

        for st, steps in (getattr(reg, "proof_steps", None) or {}).get(nid, ()):
            steps = with_conclusion(st, steps)
            for step, spec in zip(steps, searches(st, steps)):
                if step.label == name:
                    return spec
    return None

