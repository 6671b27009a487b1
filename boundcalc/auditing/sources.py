"""One source of truth: declared constants read by other code, and the checks that keep it so.

``constant_value(result, name, **inputs)`` evaluates a declared constant at given inputs (exact
numbers, or arb balls for measured quantities); inputs may also fix intermediate constants. Code
outside the declarations (calculators, evaluator evidence) reads formulas this way instead of
keeping its own copy.

``unused_constants`` and ``duplicate_formulas`` find what breaks that rule: a declared constant that
no formula, claim, check, same-name comparison or reader uses, and one formula text written twice
(as two objects) in different declarations.
"""
from __future__ import annotations

import re
from collections import defaultdict
from fractions import Fraction
from typing import Any, Iterable

from ..checks import Asymptotic, Citation, Consistency, StatedVsDerived
from ..numbers import Real
from ..records import Result
from ..registry import Registry
from .generic import _symbols


def _real(v: Any) -> Real:
    if isinstance(v, Real):
        return v
    name = type(v).__name__
    if name == "fmpq":
        return Real(Fraction(int(v.p), int(v.q)))
    if name == "fmpz":
        return Real(int(v))
    if name == "arb":
        return Real.from_arb_function(lambda: v)
    return Real(v)


def constant_value(result: Result, name: str, **inputs: Any) -> Real:
    """The declared constant ``name`` of ``result`` with the given parameters (and constants) fixed."""
    env = {k: _real(v) for k, v in inputs.items()}
    needed = result._closure({name})
    for c in result.constants:
        if c.name in needed and c.name not in env:
            env[c.name] = c.formula.evaluate(env)
    return env[name]


def constant_fraction(result: Result, name: str, **inputs: Any) -> Fraction:
    """The constant as an exact rational (raises ValueError when it is not one)."""
    return constant_value(result, name, **inputs).as_fraction()


def constant_arb(result: Result, name: str, **inputs: Any):
    """The constant as an arb ball at the current flint precision."""
    from flint import ctx

    return constant_value(result, name, **inputs).arb(ctx.prec)


# ---------------------------------------------------------------- the rule's checks


def _check_texts(spec) -> list[str]:
    if isinstance(spec, StatedVsDerived):
        return [spec.stated, spec.derived]
    if isinstance(spec, Consistency):
        return [t for t in (spec.a, spec.b) if t]
    if isinstance(spec, Citation):
        return [t for t in (spec.condition, spec.survives) if t]
    if isinstance(spec, Asymptotic):
        return [spec.explicit, spec.claimed] + [str(v) for v in spec.held.values()]
    return []


def _related(reg: Registry, r: Result) -> Iterable[Result]:
    """Results the node uses (transitively) or that use it: their same-named constants are compared."""
    from .context import AuditContext
    from .crossnode import ancestors

    ctx = AuditContext(registry=reg)
    yield from ancestors(r, ctx)
    for o in reg.results.values():
        if o.id != r.id and r.id in {a.id for a in ancestors(o, ctx)}:
            yield o


def unused_constants(reg: Registry, reader_texts: Iterable[str] = ()) -> list[tuple[str, str]]:
    """(result id, constant) pairs that nothing uses: no formula, claim or check of the node, no
    same-name comparison with a related node, and no reader (source text quoting the name)."""
    quoted = set()
    for text in reader_texts:
        quoted |= set(re.findall(r"""["']([A-Za-z_][A-Za-z_0-9]*)["']""", text))
    out = []
    for r in reg.results.values():
        used = set(quoted)
        for c in r.constants:
            used |= c.formula.symbols
        for cl in r.claims:
            used |= cl.lhs.symbols | cl.rhs.symbols
        for spec in r.checks:
            for t in _check_texts(spec):
                used |= _symbols(t)
        for o in _related(reg, r):
            used |= {c.name for c in o.constants}
        out += [(r.id, c.name) for c in r.constants if c.name not in used]
    return out


def duplicate_formulas(reg: Registry) -> list[tuple[str, list[tuple[str, str]]]]:
    """Formula texts declared as separate objects in different results (one copy can change alone)."""
    seen: dict[str, list[tuple[str, str, int]]] = defaultdict(list)
    for r in reg.results.values():
        for c in r.constants:
            seen[c.formula.text.replace(" ", "")].append((r.id, c.name, id(c.formula)))
    return [(text, [(a, b) for a, b, _ in v]) for text, v in seen.items()
            if len({x[0] for x in v}) > 1 and len({x[2] for x in v}) > 1]
