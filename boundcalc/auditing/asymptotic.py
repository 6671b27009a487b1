"""Asymptotic claims: the ratio explicit/claimed along the limit, with hidden parameters exposed.

``held`` maps each parameter the O(.) treats as a constant to what it really is (a formula of the
parameters): when that formula involves the limit variable, the 'constant' is hidden dependence and
the ratio is taken with the true dependence substituted. Parameters neither varied nor held take
their defaults. Verdicts: ``verified`` when sympy's limit of the ratio is finite (and the certified
samples do not contradict it), ``unsupported`` when the limit is infinite, else ``unknown``; for a
``Theta`` claim a limit 0 is also unsupported, for an ``o`` claim any limit but 0.

Each part of a claim is its own finding, so one flagged part never hides another:

* ``asymptotic:NAME`` — along ``variable`` with ``held`` as declared (the growth of hidden constants
  included);
* ``asymptotic:NAME@X`` — along each further variable ``X`` the notation names (``variables``), the
  others at their held values or defaults and ``variable`` itself fixed at 16 (1/16 when it goes to 0);
* ``asymptotic:NAME@joint`` — every named variable along one ray (x = t, or 1/t for one going to 0);
* ``asymptotic:NAME@fixed[h=v]`` — a held parameter that secretly depends on the variable fixed at a
  value, as the notation reads it ("at a fixed L_p"), separate from its growth;
* ``asymptotic:NAME@constants-moved`` — every numeric held constant moved to another value (integers
  +1, others doubled): an exponent that drops a constant which the declared values make vanish shows.
"""
from __future__ import annotations

from fractions import Fraction
from typing import Any

from ..checks import Asymptotic
from ..findings import Finding, Verdict
from ..formula import Formula
from ..numbers import Real
from ..records import Result
from . import symbolic
from .context import AuditContext
from .values import EVAL_ERRORS, compare_evidence, show

SAMPLE_EXPONENTS = (2, 3, 4, 5, 6, 7)
"""The variable runs over 2^(2^k) (to oo) or 2^-(2^k) (to 0) for these k: 4 ... 2^128."""

SUB_SYMPY_SECONDS = 3
"""sympy time for each further part of a claim (the main part keeps symbolic.SYMPY_SECONDS)."""

INTEGER_DOMAINS = ("posint", "nonnegint", "int>=2")


def _samples(point: str) -> list[Fraction]:
    return [Fraction(2) ** (2 ** k) if point == "oo" else Fraction(1, 2 ** (2 ** k)) for k in SAMPLE_EXPONENTS]


def _parse_var(text: str) -> tuple[str, str]:
    """``"eps->0"`` -> ("eps", "0"); ``"V"`` or ``"V->oo"`` -> ("V", "oo")."""
    name, _, point = text.partition("->")
    return name.strip(), (point.strip() or "oo")


def _at(t: Fraction, point: str) -> Fraction:
    """The variable's value at ray parameter t (t -> oo): t itself, or 1/t for a variable going to 0."""
    return t if point == "oo" else 1 / t


def _env(result: Result, ray: dict[str, str], t: Fraction, held: dict[str, Formula], needed: set[str]) \
        -> dict[str, Real]:
    env: dict[str, Real] = {v: Real(_at(t, pt)) for v, pt in ray.items()}
    for p in result.params:
        if p.name not in ray and p.name not in held:
            env[p.name] = Real(p.default)
    for name, f in held.items():
        env[name] = f.evaluate(env)
    wanted = result._closure(needed)
    for c in result.constants:
        if c.name in wanted:
            env[c.name] = c.formula.evaluate(env)
    return env


def _limit(result: Result, ray: dict[str, str], held: dict[str, Formula], top: Formula, bottom: Formula,
           seconds: float | None = None) -> tuple[Any, str]:
    """sympy's limit of top/bottom as t -> oo with each ray variable at t (or 1/t), held parameters
    substituted and the others at their defaults: (limit or None, how)."""
    import sympy

    try:
        tab = result.sympy_symbols()
        t = sympy.Symbol("t_ray", positive=True)
        if len(ray) == 1:
            (var, point), = ray.items()
            t, target = tab[var], point
        else:
            target = "oo"
            for var, point in ray.items():
                tab[var] = t if point == "oo" else 1 / t
        for p in result.params:
            if p.name not in ray and p.name not in held:
                q = Fraction(p.default)
                tab[p.name] = sympy.Rational(q.numerator, q.denominator)
        base = dict(tab)
        for k, f in held.items():
            tab[k] = f.sympy(base)
        for c in result.constants:
            tab[c.name] = c.formula.sympy(tab)
        expr = top.sympy(tab) / bottom.sympy(tab)
    except Exception as exc:
        return None, f"symbolic setup failed: {type(exc).__name__}"
    if seconds is None:
        return symbolic.limit(expr, t, target)
    old = symbolic.SYMPY_SECONDS
    symbolic.SYMPY_SECONDS = seconds
    try:
        return symbolic.limit(expr, t, target)
    finally:
        symbolic.SYMPY_SECONDS = old


def ratio_limit(result: Result, spec: Asymptotic, top: Formula, bottom: Formula) -> tuple[Any, str]:
    """sympy's limit of top/bottom along the spec's limit, held parameters substituted and the others
    at their defaults: (limit or None, how)."""
    try:
        held = {k: Formula(str(v)) for k, v in sorted(spec.held.items())}
    except ValueError as exc:
        return None, f"symbolic setup failed: {type(exc).__name__}"
    return _limit(result, {spec.variable: spec.point}, held, top, bottom)


def _part(result: Result, spec: Asymptotic, ctx: AuditContext, name: str, ray: dict[str, str],
          held: dict[str, Formula], explicit: Formula, claimed: Formula, seconds: float | None,
          extra: dict | None = None) -> Finding:
    """One part of the claim: certified samples along the ray and sympy's limit of the ratio."""
    import sympy

    ev: dict = {"explicit": spec.explicit, "claimed": spec.claimed, "variable": spec.variable,
                "point": spec.point, "held": dict(sorted(spec.held.items()))}
    if len(ray) > 1 or next(iter(ray)) != spec.variable:
        ev["along"] = dict(ray)
        ev["held_here"] = {k: f.text for k, f in held.items()}
    if spec.bound != "O":
        ev["bound"] = spec.bound
    ev.update(extra or {})
    label = next(iter(ray)) if len(ray) == 1 else "t"
    point = ray[label] if len(ray) == 1 else "oo"
    hidden = sorted(k for k, f in held.items() if f.symbols & set(ray))
    ev["hidden_dependence"] = hidden

    rows, logs = [], []
    for value in _samples(point):
        t = value if point == "oo" else 1 / value
        row = {label: str(value) if value.denominator == 1 else f"1/{value.denominator}"}
        try:
            env = _env(result, ray, t, held, explicit.symbols | claimed.symbols)
            a, b = explicit.evaluate(env), claimed.evaluate(env)
            row.update(explicit=show(a, ctx.digits), claimed=show(b, ctx.digits))
            row.update(compare_evidence(a, b, ctx.digits))
            if "log10_ratio" in row:
                logs.append(float(row["log10_ratio"]))
        except EVAL_ERRORS as exc:
            row["error"] = f"{type(exc).__name__}: {exc}"
        rows.append(row)
    ev["samples"] = rows

    lim, how = _limit(result, ray, held, explicit, claimed, seconds)
    ev["limit"] = how
    hid = f"; held {', '.join(hidden)} depend(s) on {', '.join(ray)}" if hidden else ""
    along = " and ".join(f"{v} -> {'oo' if p == 'oo' else '0+'}" for v, p in ray.items())
    growing = len(logs) >= 3 and logs[-1] > logs[-2] + 1 > logs[-3] + 2
    shrinking = len(logs) >= 3 and logs[-1] < logs[-2] - 1 < logs[-3] - 2
    form = {"O": "O", "Theta": "Theta", "o": "o"}.get(spec.bound, "O")
    if lim is not None and lim.is_finite:
        if form == "o" and lim != 0:
            return Finding(name, Verdict.UNSUPPORTED, f"explicit/claimed -> {sympy.sstr(lim)} as {along}, not 0: "
                           f"{spec.explicit} is not o({spec.claimed}){hid}", ev)
        if form == "Theta" and lim == 0:
            return Finding(name, Verdict.UNSUPPORTED, f"explicit/claimed -> 0 as {along}: {spec.explicit} is "
                           f"O({spec.claimed}) but not Theta({spec.claimed}){hid}", ev)
        if growing or (form == "Theta" and shrinking):
            return Finding(name, Verdict.UNKNOWN, f"sympy says the ratio -> {sympy.sstr(lim)} but the certified "
                           f"samples keep {'growing' if growing else 'shrinking'}{hid}", ev)
        return Finding(name, Verdict.VERIFIED, f"explicit/claimed -> {sympy.sstr(lim)} as {along}: "
                       f"{'bounded' if form == 'O' else 'bounded and away from 0' if form == 'Theta' else 'vanishes'}"
                       f"{hid}", ev)
    if lim is not None and lim.is_infinite:
        last = rows[-1].get("log10_ratio")
        tail = f" (log10 ratio {last} at {label} = {rows[-1][label]})" if last else ""
        return Finding(name, Verdict.UNSUPPORTED, f"explicit/claimed -> {sympy.sstr(lim)} as {along}: "
                       f"{spec.explicit} is not {form}({spec.claimed}){tail}{hid}", ev)
    return Finding(name, Verdict.UNKNOWN, f"boundedness of explicit/claimed undecided ({how}){hid}", ev)


def _moved(value: Fraction, domain: str) -> Fraction:
    """Another value of a held constant: the next integer for an integer parameter, else twice it."""
    if domain in INTEGER_DOMAINS or value.denominator == 1 and value >= 1:
        return value + 1
    return 2 * value if value else Fraction(1)


def _fixed_value(domain: str) -> str:
    return "2" if domain in INTEGER_DOMAINS else "1"


def run(result: Result, spec: Asymptotic, ctx: AuditContext) -> list[Finding]:
    name = f"asymptotic:{spec.name}"
    params = {p.name: p for p in result.params}
    ev: dict = {"explicit": spec.explicit, "claimed": spec.claimed, "variable": spec.variable,
                "point": spec.point, "held": dict(sorted(spec.held.items()))}
    try:
        explicit, claimed = Formula(spec.explicit), Formula(spec.claimed)
        held = {k: Formula(str(v)) for k, v in sorted(spec.held.items())}
        further = [_parse_var(v) for v in spec.variables]
    except ValueError as exc:
        return [Finding(name, Verdict.UNKNOWN, f"declaration error: {exc}", ev)]
    problems = []
    if spec.variable not in params:
        problems.append(f"variable {spec.variable!r} is not a parameter")
    if spec.point not in ("oo", "0"):
        problems.append(f"point must be 'oo' or '0', got {spec.point!r}")
    if spec.bound not in ("O", "Theta", "o"):
        problems.append(f"bound must be 'O', 'Theta' or 'o', got {spec.bound!r}")
    problems += [f"further variable {v!r} is not a parameter" for v, _ in further if v not in params]
    problems += [f"further variable {v!r} goes to {p!r} (not 'oo' or '0')" for v, p in further if p not in ("oo", "0")]
    problems += [f"held {k!r} is not a parameter" for k in held if k not in params]
    problems += [f"held {k!r} uses {sorted(f.symbols - set(params))}" for k, f in held.items()
                 if f.symbols - set(params)]
    missing = [n for n, p in params.items() if n != spec.variable and n not in held and p.default is None]
    if missing:
        problems.append(f"parameters {missing} are neither held nor defaulted")
    if problems:
        return [Finding(name, Verdict.UNKNOWN, "declaration error: " + "; ".join(problems), ev)]

    out = [_part(result, spec, ctx, name, {spec.variable: spec.point}, held, explicit, claimed, None)]
    main_at = {spec.variable: Formula("16" if spec.point == "oo" else "1/16")}
    for var, point in further:                                   # each further variable on its own
        mine = {**main_at, **{k: f for k, f in held.items() if k != var}}   # the main variable fixed at 16
        out.append(_part(result, spec, ctx, f"{name}@{var}", {var: point}, mine, explicit, claimed,
                         SUB_SYMPY_SECONDS))
    if further:                                                  # every named variable together
        ray = {spec.variable: spec.point, **dict(further)}
        mine = {k: f for k, f in held.items() if k not in ray}
        out.append(_part(result, spec, ctx, f"{name}@joint", ray, mine, explicit, claimed, SUB_SYMPY_SECONDS))
    for k, f in held.items():                                    # a hidden 'constant' fixed, as the notation reads it
        if spec.variable in f.symbols:
            v = _fixed_value(params[k].domain if isinstance(params[k].domain, str) else "")
            mine = dict(held, **{k: Formula(v)})
            out.append(_part(result, spec, ctx, f"{name}@fixed[{k}={v}]", {spec.variable: spec.point}, mine,
                             explicit, claimed, SUB_SYMPY_SECONDS, {"fixed": {k: v}}))
    moved = {}
    for k, f in held.items():                                    # numeric constants at other values
        if not f.symbols and k not in dict(further):
            try:
                q = f.evaluate({}).as_fraction()
            except (ValueError, ArithmeticError, TypeError):
                continue
            dom = params[k].domain if isinstance(params[k].domain, str) else ""
            new = _moved(q, dom)
            moved[k] = str(new.numerator) if new.denominator == 1 else f"{new.numerator}/{new.denominator}"
    if moved:
        mine = dict(held, **{k: Formula(v) for k, v in moved.items()})
        out.append(_part(result, spec, ctx, f"{name}@constants-moved", {spec.variable: spec.point}, mine,
                         explicit, claimed, SUB_SYMPY_SECONDS, {"moved": moved}))
    return out
