"""Constants named alike in a result and in what its proof uses, compared at every evaluation point.

A constant ``c`` of a node and a constant of the same name in a result the node uses (transitively)
are two texts for the same quantity unless a declaration says why not:
``data={"differs_from": {"c": {"other-id": "reason"}}}`` on either node. They are evaluated at the
node's points (its user's and default values, its examples and check grids, the other's examples)
on the parameters both share; a certified difference anywhere is ``inconsistent``. When the other
result needs a parameter this node lacks (partial binding, e.g. L_p of Theorem B.1), it is bound to the
other result's own bound for it (a hypothesis ``q >= f``/``q <= f``/``q == f`` over the shared
parameters) or else to the common specialisation (its domain's least element, e.g. L_p = 0); each
compared row says which (``bound_there``). Like the other
integrity checks this reports problems only: agreement adds no finding.
"""
from __future__ import annotations

from fractions import Fraction

from ..checks import Citation, Consistency, StatedVsDerived
from ..findings import Finding, Verdict
from ..numbers import Real
from ..records import Result
from .context import AuditContext
from .values import EVAL_ERRORS, decide, show


def ancestors(result: Result, ctx: AuditContext) -> list[Result]:
    """The results a node's proof uses, transitively (each once, nearest first)."""
    out, seen, todo = [], {result.id}, list(result.uses)
    while todo:
        u = todo.pop(0)
        try:
            r = ctx.registry.get(ctx.registry.resolve(u))
        except (ValueError, KeyError):
            continue
        if r.id in seen:
            continue
        seen.add(r.id)
        out.append(r)
        todo.extend(r.uses)
    return out


def declared_difference(a: Result, b: Result, name: str) -> str | None:
    """The reason either node gives for its constant ``name`` differing from the other's, or None."""
    for x, y in ((a, b), (b, a)):
        reason = (x.data.get("differs_from") or {}).get(name, {}).get(y.id)
        if reason:
            return reason
    return None


def _grids(r: Result) -> list[dict]:
    out = [dict(g) for g in (r.data.get("examples") or ())]
    for spec in r.checks:
        if isinstance(spec, (StatedVsDerived, Consistency, Citation)):
            out += [dict(g) for g in spec.grid]
    return out


def _assignments(result: Result, other: Result, ctx: AuditContext) -> list[tuple[str, dict]]:
    """Points of both nodes, each restricted to the parameters of ``result``, defaults filled in."""
    cands = []
    mine = {k: v for k, v in ctx.params.items() if any(p.name == k for p in result.params)}
    if mine:
        cands.append(("params", mine))
    cands.append(("defaults", {}))
    cands += [(f"{result.id}[{i}]", g) for i, g in enumerate(_grids(result))]
    cands += [(f"{other.id}[{i}]", g) for i, g in enumerate(_grids(other))]
    names = {p.name for p in result.params}
    seen, out = set(), []
    for label, g in cands:
        values = {k: str(v) for k, v in g.items() if k in names}
        for p in result.params:
            if p.name not in values and p.default is not None:
                values[p.name] = str(p.default)
        if len(values) < len(names):
            continue
        key = tuple(sorted(values.items()))
        if key not in seen:
            seen.add(key)
            out.append((label, values))
    return out


def _least(domain) -> str | None:
    """The least element of a parameter's domain (or just inside an open end): the common specialisation."""
    from .values import EDGES
    if isinstance(domain, str):
        vals = EDGES.get(domain, ())
    else:
        try:
            from ..domains import edges
            vals = edges(domain)
        except (ImportError, ValueError, TypeError):
            vals = ()
    if not vals or Fraction(vals[0]) not in (0, 1) or (isinstance(domain, str) and domain not in VANISHING):
        return None
    return vals[0]


VANISHING = ("nonnegint", "nonneg", "posint")
"""Domains whose least element (0, or 1 for a count such as a rank) is the case a result without the
parameter describes; a continuous positive parameter (eps, a scale) has no such specialisation."""


def _own_bound(r: Result, q: str, values: dict) -> str | None:
    """The value ``r``'s own hypotheses give ``q`` from the shared values: a hypothesis ``q == f``,
    ``q >= f`` or ``q <= f`` with f over parameters the point gives, as an exact rational, or None."""
    from ..numbers import Real
    from .values import formula_hypotheses
    for a, rel, b in formula_hypotheses(r):
        for side, other in ((a, b), (b, a)):
            if side.text == q and rel in ("==", ">=", "<=") and other.symbols <= set(values):
                try:
                    x = other.evaluate({k: Real(values[k]) for k in other.symbols}).as_fraction()
                except (ValueError, ArithmeticError, TypeError, KeyError, OverflowError):
                    continue
                return str(x.numerator) if x.denominator == 1 else f"{x.numerator}/{x.denominator}"
    return None


def _bind_missing(r: Result, values: dict, want: set[str]) -> dict[str, str] | None:
    """Values for the parameters of ``r`` the shared point leaves open (no value, no default): ``r``'s
    own bound for it when a hypothesis gives one, else the common specialisation (the least element of
    its domain, e.g. L_p = 0). Returns {param: "value (how)"}; None when one cannot be bound."""
    out = {}
    for q in sorted(want):
        if q in values or r.param(q).default is not None:
            continue
        v = _own_bound(r, q, values)
        if v is not None:
            out[q] = (v, f"{r.id}'s own bound")
            continue
        v = _least(r.param(q).domain)
        if v is None:
            return None
        out[q] = (v, "common specialisation (least element of its domain)")
    return out


def _value(r: Result, name: str, values: dict, mine: dict | None = None, bound: dict | None = None,
           used: dict | None = None):
    """The constant at the shared values, or None when ``r`` needs a parameter they do not give.

    A parameter of ``r`` that the node computes as a constant of the same name (``mine``, exact
    rationals only) is taken from the node: e.g. a theorem's L_p = L N^{dL} feeds a lemma's L_p.
    With ``bound`` (a dict), a parameter still missing is bound by :func:`_bind_missing` and recorded
    there as {param: (value, how)} instead of giving up (partial binding)."""
    needed = r._closure({name})
    params = {p.name for p in r.params}
    values = dict(values)
    for k, v in (mine or {}).items():
        if k in params and k not in values:
            try:
                q = v.as_fraction()
            except (ValueError, ArithmeticError, TypeError, OverflowError):
                continue
            values[k] = str(q.numerator) if q.denominator == 1 else f"{q.numerator}/{q.denominator}"
    want = set()
    for c in r.constants:
        if c.name in needed:
            want |= c.formula.symbols & params
    if any(p not in values and r.param(p).default is None for p in want):
        if bound is None:
            return None
        fixed = _bind_missing(r, values, want)
        if fixed is None:
            return None
        bound.update(fixed)
        values.update({k: v for k, (v, _) in fixed.items()})
    given = {k: v for k, v in values.items() if k in params}
    for p in r.params:                                    # parameters the constant does not need
        if p.name not in given and p.name not in want and p.default is None:
            given[p.name] = "2"
    if used is not None:
        used.update(given)
    return r.evaluate(given, only={name})[name]


def shape(r: Result, name: str, values: dict, table: dict) -> int | None:
    """A number for how constant ``name`` of ``r`` is computed at parameter values ``values``, through
    ``table`` (shared by the calls whose numbers are compared): equal numbers mean equal values.

    Each subformula (the constants it reads expanded) becomes an exact coefficient times a product of
    integer powers of atoms: an exact subformula is its exact value (``N`` and ``ceil(2*C*sqrt(d*L)/eps)``
    alike), products and quotients multiply coefficients exactly and add exponents, and any other
    operation on an inexact operand is an atom numbered by the operation and its operands' numbers. Every
    rewriting is an identity of real arithmetic, so two constants with the same number are equal: an
    equality of irrational values that interval arithmetic never certifies (their balls always overlap)
    is decided without it. None when something cannot be read (a parameter that is not rational, say)."""
    import ast

    from ..formula import _binomial

    try:
        env = r.bind(values)
        names = {k: (v, ()) for k, v in env.items()}
        if not all(v.is_rational for v in env.values()):
            return None
        needed = r._closure({name})

        def atom(key: tuple) -> tuple:
            return (Real(1), ((_intern(table, key), 1),))

        def number(form: tuple) -> int:
            c, fs = form
            return _intern(table, ("m", c._coeff, c._rad, fs))

        def walk(node) -> tuple:
            if isinstance(node, ast.Constant):
                return (Real(node.value), ())
            if isinstance(node, ast.Name):
                return atom(("k", node.id)) if node.id in ("pi", "E") else names[node.id]
            if isinstance(node, ast.UnaryOp):
                c, fs = walk(node.operand)
                return (-c if isinstance(node.op, ast.USub) else c, fs)
            if isinstance(node, ast.BinOp):
                (a, fa), (b, fb) = walk(node.left), walk(node.right)
                op = type(node.op)
                if op in (ast.Mult, ast.Div):
                    if op is ast.Div:
                        fb = tuple((k, -e) for k, e in fb)
                    return _exact_or_fail(a * b if op is ast.Mult else a / b), _merge(fa + fb)
                if op in (ast.Add, ast.Sub):
                    b = -b if op is ast.Sub else b
                    if not fa and not fb and (a + b).is_exact:
                        return (a + b, ())
                    if not fb and b.is_rational and b._coeff == 0:
                        return (a, fa)
                    if not fa and a.is_rational and a._coeff == 0:
                        return (b, fb)
                    return atom(("+",) + tuple(sorted((number((a, fa)), number((b, fb))))))
                if not fb and b.is_integer and b._coeff > 0:       # (c * prod f^e)^k, k a positive integer
                    k = int(b._coeff)
                    return _exact_or_fail(a ** b), tuple((f, e * k) for f, e in fa)
                if not fa and not fb:
                    out = a ** b
                    if out.is_exact:
                        return (out, ())
                return atom(("**", number((a, fa)), number((b, fb))))
            fn = node.func.id
            args = [walk(x) for x in node.args]
            if all(not fs for _, fs in args) and fn not in ("min", "max"):
                xs = [c for c, _ in args]
                out = (abs(xs[0]) if fn == "abs" else _binomial(*xs) if fn == "binomial"
                       else getattr(xs[0], fn)())
                if out.is_exact:
                    return (out, ())
            return atom(("f", fn) + tuple(number(x) for x in args))

        for c in r.constants:                   # in declaration order, as Result.evaluate binds them
            if c.name in needed:
                names[c.name] = walk(c.formula._tree)
        return number(names[name])
    except Exception:                           # noqa: BLE001  (unreadable: decided by intervals instead)
        return None


def _exact_or_fail(x: Real) -> Real:
    if not x.is_exact:
        raise ValueError("not exact")
    return x


def _merge(fs: tuple) -> tuple:
    """Factor exponents added up per atom (an exponent 0 is kept: x/x is not 1 when x is 0)."""
    out: dict = {}
    for k, e in fs:
        out[k] = out.get(k, 0) + e
    return tuple(sorted(out.items()))


def _intern(table: dict, key: tuple) -> int:
    got = table.get(key)
    if got is None:
        got = table[key] = len(table)
    return got


def run(result: Result, ctx: AuditContext) -> list[Finding]:
    mine = {c.name for c in result.constants}
    out = []
    table: dict = {}
    for other in ancestors(result, ctx):
        for name in sorted(mine & {c.name for c in other.constants}):
            if declared_difference(result, other, name):
                continue
            rows, bad = [], []
            for label, values in _assignments(result, other, ctx):
                try:
                    here = result.evaluate(values, only={name} | ({p.name for p in other.params}
                                                                   & {c.name for c in result.constants}))
                    x = here[name]
                    bound: dict = {}
                    used: dict = {}
                    y = _value(other, name, values, here, bound, used)
                except EVAL_ERRORS:
                    continue
                if y is None:
                    continue
                twin = shape(result, name, values, table)
                same = True if twin is not None and twin == shape(other, name, used, table) else decide(x, "==", y)
                row = {"point": label, "params": values, "here": show(x, ctx.digits),
                       "there": show(y, ctx.digits), "equal": same}
                if bound:
                    row["bound_there"] = {k: {"value": v, "how": how} for k, (v, how) in bound.items()}
                rows.append(row)
                if same is False:
                    bad.append(row)
            if bad:
                first = bad[0]
                how = first.get("bound_there")
                via = ("; " + other.id + "'s " + ", ".join(f"{k} = {b['value']} ({b['how']})" for k, b in how.items())
                       + " (this node has no such parameter)") if how else ""
                out.append(Finding(
                    f"same-name:{name}:{other.id}", Verdict.INCONSISTENT,
                    f"{name} here and {name} in {other.id} (which the proof uses) differ at {len(bad)} of "
                    f"{len(rows)} points; first {first['point']} {first['params']}: {first['here']} vs "
                    f"{first['there']}{via}. If they are different quantities, declare differs_from with the reason",
                    {"constant": name, "other": other.id, "points": rows,
                     "failures": {"failing": len(bad), "points": len(rows), "first": first["point"]}},
                    channel="text"))
    return out
