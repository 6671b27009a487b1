"""Shared helpers of the audit runners: evaluation points, certified relations, JSON-safe evidence.

Everything here is three-valued: a relation that cannot be certified is ``None``, never True.
"""
from __future__ import annotations

import ast
from fractions import Fraction
from typing import Any, Iterable, Mapping

from .. import domains
from ..errors import BoundcalcError
from ..formula import Formula
from ..numbers import Real
from ..records import Result

RELATIONS = ("<", "<=", "==", ">=", ">")
EVAL_ERRORS = (BoundcalcError, ArithmeticError, ValueError, KeyError, TypeError, OverflowError)
"""Errors that make one evaluation undecided (a bad point, an undecidable floor, log of 0 ...)."""


def decide(a: Real, rel: str, b: Real) -> bool | None:
    """``a REL b`` certified: True, False, or None when undecided."""
    try:
        return a.compare(rel, b)
    except EVAL_ERRORS:
        return None


def show(x: Real, digits: int) -> str:
    """A value as a string for evidence (never raises)."""
    try:
        return x.format(digits)
    except EVAL_ERRORS:
        return "undetermined"


def compare_evidence(a: Real, b: Real, digits: int) -> dict[str, str]:
    """Ratio a/b and log10|a/b| as strings, when both signs are certified non-zero."""
    out: dict[str, str] = {}
    try:
        sa, sb = a.sign(), b.sign()
    except EVAL_ERRORS:
        return out
    if sa in (0, None) or sb in (0, None):
        if sa is not None and sb is not None:
            out["difference"] = show(a - b, digits)
        return out
    try:
        desc = (a / b).describe(digits)
        out["ratio"] = desc["value"]
        if "log10" in desc:
            out["log10_ratio"] = desc["log10"]
    except EVAL_ERRORS:
        out["ratio"] = "undetermined"
    return out


def to_real(x: Any) -> Real:
    """Coerce a runner callable's output to a Real; binary floats are refused (not certifiable)."""
    if isinstance(x, Real):
        return x
    if isinstance(x, bool) or isinstance(x, float):
        raise TypeError(f"expected an exact or certified number, got {type(x).__name__} {x!r}")
    if isinstance(x, (int, Fraction)):
        return Real(x)
    name = type(x).__name__
    if name == "fmpz":
        return Real(int(x))
    if name == "fmpq":
        return Real(Fraction(int(x.p), int(x.q)))
    if name == "arb":
        ball = x
        return Real.from_arb_function(lambda: ball)
    raise TypeError(f"expected an exact or certified number, got {name}")


def jsonable(x: Any, digits: int = 15) -> Any:
    """Objects as JSON-safe data: numbers as exact strings, containers recursively, keys sorted."""
    if x is None or isinstance(x, (bool, str)):
        return x
    if isinstance(x, int):
        return str(x)
    if isinstance(x, Fraction):
        return str(x.numerator) if x.denominator == 1 else f"{x.numerator}/{x.denominator}"
    if isinstance(x, float):
        return repr(x)
    if isinstance(x, Real):
        return x.to_json(digits)
    if isinstance(x, Mapping):
        return {str(k): jsonable(v, digits) for k, v in sorted(x.items(), key=lambda kv: str(kv[0]))}
    if isinstance(x, (list, tuple)):
        return [jsonable(v, digits) for v in x]
    if isinstance(x, (set, frozenset)):
        return sorted((jsonable(v, digits) for v in x), key=str)
    if hasattr(x, "to_dict"):
        return jsonable(x.to_dict(), digits)
    return str(x)


# ---------------------------------------------------------------- evaluation points


def complete(result: Result, values: Mapping[str, str]) -> bool:
    """True when every parameter is given or has a default."""
    return all(p.name in values or p.default is not None for p in result.params)


def filled(result: Result, values: Mapping[str, str]) -> dict[str, str]:
    """The assignment with defaults filled in (as strings, in declaration order)."""
    out = {}
    for p in result.params:
        raw = values.get(p.name, p.default)
        if raw is not None:
            out[p.name] = str(raw)
    return out


EDGES = {"posint": ("1",), "nonnegint": ("0",), "int>=2": ("2",), "pos": ("1/1000", "1000"),
         "nonneg": ("0", "1000"), "real": ("-1000", "0", "1000"), ">=1": ("1", "1000"),
         "(0,1)": ("1/1000", "999/1000"), "(0,1]": ("1/1000", "1")}
"""Values at the edges of each declared domain (its least element, or just inside an open end, and a
large one): a claim over the domain is asked there too, so a domain declared too wide is exercised."""


def edge_points(result: Result, base: Mapping[str, str]) -> list[tuple[str, dict[str, str]]]:
    """The complete assignment ``base`` with one parameter at a time moved to each edge of its domain."""
    out = []
    for p in result.params:
        for v in (EDGES.get(p.domain, ()) if isinstance(p.domain, str) else domains.edges(p.domain)):
            if str(base.get(p.name)) != v:
                out.append((f"edge[{p.name}={v}]", dict(base, **{p.name: v})))
    return out


SWEEP_SMALL = 8
"""An integer domain is swept through its first SWEEP_SMALL integers (1..8 for posint) ..."""
SWEEP_LARGE = (10, 16, 100, 1000, 10 ** 6, 10 ** 12)
"""... then through these large values; a rational domain through SWEEP_RATIONAL (and just inside its ends)."""
SWEEP_RATIONAL = tuple(Fraction(x) for x in ("1/1000000", "1/100", "1/10", "1/2", "1", "2", "10", "100", "10000",
                                             "1000000", "1000000000000"))
SWEEP_HOW = (f"the defaults and any --param/example points, each domain's edges, and each parameter moved alone "
             f"through its domain: integers: the {SWEEP_SMALL} least, then "
             f"{', '.join(f'{v:g}' if v < 10 ** 6 else f'10^{len(str(v)) - 1}' for v in SWEEP_LARGE)}; "
             f"rationals at +-10^-6, 1/100, 1/10, 1/2, 1, 2, 10, 100, 10^4, 10^6, 10^12 and 10^-6 inside each end")
"""How :func:`points` chooses its points with ``sweep`` (reported with every verified-at-points claim)."""


def sweep_values(domain) -> tuple[str, ...]:
    """Values of one parameter's domain to sweep a claim through: small and large integers, or rationals
    of every scale (negative ones too when the domain has them), each inside the domain."""
    d = domains.as_domain(domain)
    iv = domains.interval(d)
    if iv is None:      # a finite set: its values when few
        vals = getattr(d, "values", ())
        return tuple(domains._q(Fraction(v)) for v in vals) if 0 < len(vals) <= 16 else ()
    if iv.integer:
        n = iv.normal()
        lo = n.lo if n.lo is not None else Fraction(-SWEEP_SMALL // 2)
        cands = [lo + k for k in range(SWEEP_SMALL)] + [Fraction(v) for v in SWEEP_LARGE]
        cands += [-Fraction(v) for v in SWEEP_LARGE] if n.lo is None else []
    else:
        cands = [Fraction(0)] + list(SWEEP_RATIONAL) + [-x for x in SWEEP_RATIONAL]
        cands += [iv.lo + SWEEP_RATIONAL[0]] if iv.lo is not None else []
        cands += [iv.hi - SWEEP_RATIONAL[0]] if iv.hi is not None else []
    return tuple(dict.fromkeys(domains._q(v) for v in cands if domains.contains(d, v)))


def sweep_points(result: Result, base: Mapping[str, str]) -> list[tuple[str, dict[str, str]]]:
    """The complete assignment ``base`` with one parameter at a time moved through :func:`sweep_values`."""
    out = []
    for p in result.params:
        for v in sweep_values(p.domain):
            if str(base.get(p.name)) != v:
                out.append((f"sweep[{p.name}={v}]", dict(base, **{p.name: v})))
    return out


def points(result: Result, user: Mapping[str, str], grid: Iterable[Mapping[str, str]] = (),
           examples: Iterable[Mapping[str, str]] = (), edges: bool = False,
           sweep: bool = False) -> list[tuple[str, dict[str, str]]]:
    """(label, assignment) pairs: the user's point, the defaults, then grid and example points, and with
    ``edges`` the first complete one of these with each parameter moved to its domain's edges
    (:func:`edge_points`), with ``sweep`` also through :func:`sweep_points` (:data:`SWEEP_HOW`),
    deduplicated."""
    mine = {k: v for k, v in user.items() if any(p.name == k for p in result.params)}
    cands: list[tuple[str, Mapping[str, str]]] = []
    if mine and complete(result, mine):
        cands.append(("params", mine))
    if complete(result, {}):
        cands.append(("defaults", {}))
    cands += [(f"grid[{i}]", g) for i, g in enumerate(grid)]
    cands += [(f"example[{i}]", g) for i, g in enumerate(examples)]
    if edges:
        base = next((filled(result, {k: str(v) for k, v in g.items()}) for _, g in cands
                     if complete(result, {k: str(v) for k, v in g.items()})), None)
        if base is not None:
            cands += [(label, g) for label, g in edge_points(result, base) if admissible(result, g)]
            if sweep:
                cands += [(label, g) for label, g in sweep_points(result, base) if admissible(result, g)]
    seen, out = set(), []
    for label, values in cands:
        full = filled(result, {k: str(v) for k, v in values.items()})
        key = tuple(sorted(full.items()))
        if key not in seen:
            seen.add(key)
            out.append((label, full))
    return out


def formula_hypotheses(result: Result) -> list[tuple[Formula, str, Formula]]:
    """The hypotheses of ``result`` that are relations of the formula language between its parameters
    and constants (prose, and relations about the objects of a search, are skipped)."""
    known = {p.name for p in result.params} | {c.name for c in result.constants}
    out = []
    for h in result.hypotheses:
        try:
            a, rel, b = split_relation(h)
        except (ValueError, SyntaxError):
            continue
        if (a.symbols | b.symbols) <= known:   # a hypothesis on the parameters, not on objects
            out.append((a, rel, b))
    return out


def admissible(result: Result, values: Mapping[str, str]) -> bool:
    """Is every formula hypothesis certified true at this assignment? (undecided: not admissible)"""
    for a, rel, b in formula_hypotheses(result):
        try:
            x, y = evaluate_at(result, filled(result, values), a, b)
        except EVAL_ERRORS:
            return False
        if decide(x, rel, y) is not True:
            return False
    return True


def env_for(result: Result, values: Mapping[str, str], symbols: Iterable[str]) -> dict[str, Real]:
    """Parameters (domain-checked, exact) and the constants ``symbols`` need."""
    return result.evaluate(values, only=set(symbols))


def evaluate_at(result: Result, values: Mapping[str, str], *formulas: Formula) -> list[Real]:
    """The formulas evaluated at one parameter assignment."""
    needed: set[str] = set()
    for f in formulas:
        needed |= f.symbols
    env = env_for(result, values, needed)
    return [f.evaluate(env) for f in formulas]


def split_relation(text: str) -> tuple[Formula, str, Formula]:
    """Parse ``"lhs REL rhs"`` (one comparison) into two formulas and the relation."""
    tree = ast.parse(text.strip(), mode="eval").body
    if not isinstance(tree, ast.Compare) or len(tree.ops) != 1:
        raise ValueError(f"expected one comparison 'lhs REL rhs', got {text!r}")
    ops = {ast.Lt: "<", ast.LtE: "<=", ast.Eq: "==", ast.GtE: ">=", ast.Gt: ">"}
    rel = ops.get(type(tree.ops[0]))
    if rel is None:
        raise ValueError(f"unsupported relation in {text!r}")
    src = text.strip()
    left = ast.get_source_segment(src, tree.left)
    right = ast.get_source_segment(src, tree.comparators[0])
    return Formula(left), rel, Formula(right)


def bound_names(result: Result) -> set[str]:
    return {p.name for p in result.params} | {c.name for c in result.constants}


def json_safe(x: Any, digits: int = 15) -> Any:
    """Evidence made JSON-safe without touching what JSON already carries exactly (ints, bools, strings)."""
    if x is None or isinstance(x, (bool, int, str)):
        return x
    if isinstance(x, Mapping):
        return {str(k): json_safe(v, digits) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [json_safe(v, digits) for v in x]
    return jsonable(x, digits)


def miss(x: Real, rel: str, y: Real) -> float | None:
    """How badly ``x REL y`` fails, for ranking failures only: |log10(x/y)| when both sides have one
    certified sign, else |x - y|; None when it cannot be estimated."""
    try:
        sx, sy = x.sign(), y.sign()
        if sx and sy and sx == sy:
            return abs(float(x.log10_abs(128).mid()) - float(y.log10_abs(128).mid()))
        return abs((x - y).to_float())
    except EVAL_ERRORS:
        return None


def direction(x: Real, y: Real) -> str | None:
    """Which way two sides differ: "lhs < rhs", "lhs > rhs" (certified), or None."""
    try:
        c = x.compare("<", y)
    except EVAL_ERRORS:
        return None
    return "lhs < rhs" if c is True else "lhs > rhs" if c is False and x.compare(">", y) is True else None


def failures(rows: list[dict]) -> dict[str, Any]:
    """Summary of certified failures over all points: how many, the first and the worst (by ``miss``)."""
    bad = [r for r in rows if r.get("holds") is False]
    out: dict[str, Any] = {"failing": len(bad), "points": len(rows)}
    if bad:
        out["first"] = bad[0]["point"]
        ranked = [r for r in bad if r.get("miss") is not None]
        worst = max(ranked, key=lambda r: float(r["miss"])) if ranked else bad[0]
        out["worst"] = worst["point"]
        if worst.get("miss") is not None:
            out["worst_miss"] = worst["miss"]
    return out


def identical(result: Result, a: Formula, b: Formula) -> bool:
    """True when sympy simplifies ``a - b`` to 0 for all parameter values (cached by content).

    An equality that holds identically would otherwise be compared in interval arithmetic up to the
    precision cap at every point (and never certified); decided here once, exactly."""
    from .symbolic import SympyTimeout, table, time_limit
    from .. import symcache

    try:
        tab = table(result)
        with time_limit(5):
            return symcache.simplify(a.sympy(tab) - b.sympy(tab)) == 0
    except SympyTimeout:
        return False
    except Exception:  # a formula sympy cannot read: fall back to the certified comparison
        return False


def relation_at_points(result: Result, a: Formula, rel: str, b: Formula, pts, digits: int,
                       keys: tuple[str, str] = ("a", "b")):
    """Decide ``a REL b`` at each (label, values) point, certified; every point is evaluated.

    Returns (rows, first certified failure or None, undecided rows); each row holds the point, the
    two sides under ``keys``, ``holds`` (True/False/None) and the ratio evidence, or an ``error``; a
    failing row also says which way the sides differ and by how much (``miss``: |log10 ratio| or
    |difference|, 6 digits). :func:`failures` summarises the failing rows.
    """
    rows, failed, undecided = [], None, []
    same = rel in ("==", "<=", ">=") and identical(result, a, b)
    for label, values in pts:
        row = {"point": label, "params": values}
        try:
            x, y = evaluate_at(result, values, a, b)
            ok = True if same else decide(x, rel, y)
            if same:
                row["how"] = "the two formulas are identical (sympy simplify), decided before any interval arithmetic"
            row.update({keys[0]: show(x, digits), keys[1]: show(y, digits), "holds": ok})
            row.update(compare_evidence(x, y, digits))
            if ok is False:
                m, way = miss(x, rel, y), direction(x, y)
                if m is not None:
                    row["miss"] = f"{m:.6g}"
                if way is not None:
                    row["direction"] = way
        except EVAL_ERRORS as exc:
            ok = None
            row["error"] = f"{type(exc).__name__}: {exc}"
        rows.append(row)
        if ok is False and failed is None:
            failed = row
        elif ok is None:
            undecided.append(row)
    return rows, failed, undecided
