"""Asymptotic claims: the ratio explicit/claimed along the limit, with hidden parameters exposed.

``held`` maps each parameter the O(.) treats as a constant to what it really is (a formula of the
parameters): when that formula involves the limit variable, the 'constant' is hidden dependence and
the ratio is taken with the true dependence substituted. Parameters neither varied nor held take
their defaults. Verdicts: ``verified`` when sympy's limit of the ratio is finite (and the certified
samples do not contradict it), ``unsupported`` when the limit is infinite, else ``unknown``.
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


def _samples(point: str) -> list[Fraction]:
    return [Fraction(2) ** (2 ** k) if point == "oo" else Fraction(1, 2 ** (2 ** k)) for k in SAMPLE_EXPONENTS]


def _env(result: Result, var: str, value: Fraction, held: dict[str, Formula], needed: set[str]) -> dict[str, Real]:
    env: dict[str, Real] = {var: Real(value)}
    for p in result.params:
        if p.name != var and p.name not in held:
            env[p.name] = Real(p.default)
    for name, f in held.items():
        env[name] = f.evaluate(env)
    wanted = result._closure(needed)
    for c in result.constants:
        if c.name in wanted:
            env[c.name] = c.formula.evaluate(env)
    return env


def ratio_limit(result: Result, spec: Asymptotic, top: Formula, bottom: Formula) -> tuple[Any, str]:
    """sympy's limit of top/bottom along the spec's limit, held parameters substituted and the others
    at their defaults: (limit or None, how)."""
    import sympy

    try:
        held = {k: Formula(str(v)) for k, v in sorted(spec.held.items())}
        tab = result.sympy_symbols()
        var = tab[spec.variable]
        for p in result.params:
            if p.name != spec.variable and p.name not in held:
                q = Fraction(p.default)
                tab[p.name] = sympy.Rational(q.numerator, q.denominator)
        base = dict(tab)
        for k, f in held.items():
            tab[k] = f.sympy(base)
        for c in result.constants:
            tab[c.name] = c.formula.sympy(tab)
        return symbolic.limit(top.sympy(tab) / bottom.sympy(tab), var, spec.point)
    except Exception as exc:
        return None, f"symbolic setup failed: {type(exc).__name__}"


def run(result: Result, spec: Asymptotic, ctx: AuditContext) -> list[Finding]:
    name = f"asymptotic:{spec.name}"
    params = {p.name: p for p in result.params}
    ev: dict = {"explicit": spec.explicit, "claimed": spec.claimed, "variable": spec.variable,
                "point": spec.point, "held": dict(sorted(spec.held.items()))}
    try:
        explicit, claimed = Formula(spec.explicit), Formula(spec.claimed)
        held = {k: Formula(str(v)) for k, v in sorted(spec.held.items())}
    except ValueError as exc:
        return [Finding(name, Verdict.UNKNOWN, f"declaration error: {exc}", ev)]
    problems = []
    if spec.variable not in params:
        problems.append(f"variable {spec.variable!r} is not a parameter")
    if spec.point not in ("oo", "0"):
        problems.append(f"point must be 'oo' or '0', got {spec.point!r}")
    problems += [f"held {k!r} is not a parameter" for k in held if k not in params]
    problems += [f"held {k!r} uses {sorted(f.symbols - set(params))}" for k, f in held.items()
                 if f.symbols - set(params)]
    missing = [n for n, p in params.items() if n != spec.variable and n not in held and p.default is None]
    if missing:
        problems.append(f"parameters {missing} are neither held nor defaulted")
    if problems:
        return [Finding(name, Verdict.UNKNOWN, "declaration error: " + "; ".join(problems), ev)]

    hidden = sorted(k for k, f in held.items() if spec.variable in f.symbols)
    ev["hidden_dependence"] = hidden

    # certified samples along the limit
    rows, logs = [], []
    for value in _samples(spec.point):
        row = {spec.variable: str(value) if value.denominator == 1 else f"1/{value.denominator}"}
        try:
            env = _env(result, spec.variable, value, held, explicit.symbols | claimed.symbols)
            a, b = explicit.evaluate(env), claimed.evaluate(env)
            row.update(explicit=show(a, ctx.digits), claimed=show(b, ctx.digits))
            row.update(compare_evidence(a, b, ctx.digits))
            if "log10_ratio" in row:
                logs.append(float(row["log10_ratio"]))
        except EVAL_ERRORS as exc:
            row["error"] = f"{type(exc).__name__}: {exc}"
        rows.append(row)
    ev["samples"] = rows

    # symbolic limit of the ratio with the true dependence substituted
    import sympy

    lim, how = ratio_limit(result, spec, explicit, claimed)
    ev["limit"] = how
    hid = f"; held {', '.join(hidden)} depend(s) on {spec.variable}" if hidden else ""
    to = "oo" if spec.point == "oo" else "0+"
    growing = len(logs) >= 3 and logs[-1] > logs[-2] + 1 > logs[-3] + 2
    if lim is not None and lim.is_finite:
        if growing:
            return [Finding(name, Verdict.UNKNOWN,
                            f"sympy says the ratio -> {sympy.sstr(lim)} but the certified samples keep growing{hid}", ev)]
        return [Finding(name, Verdict.VERIFIED,
                        f"explicit/claimed -> {sympy.sstr(lim)} as {spec.variable} -> {to}: bounded{hid}", ev)]
    if lim is not None and lim.is_infinite:
        last = rows[-1].get("log10_ratio")
        tail = f" (log10 ratio {last} at {spec.variable} = {rows[-1][spec.variable]})" if last else ""
        return [Finding(name, Verdict.UNSUPPORTED,
                        f"explicit/claimed -> {sympy.sstr(lim)} as {spec.variable} -> {to}: "
                        f"{spec.explicit} is not O({spec.claimed}){tail}{hid}", ev)]
    return [Finding(name, Verdict.UNKNOWN, f"boundedness of explicit/claimed undecided ({how}){hid}", ev)]
