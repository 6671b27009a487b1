"""The record type for one result of a paper, and exact evaluation of its constants.

A :class:`Result` reads like the statement it declares: id mirroring the paper's numbering,
aliases (the appendix restatement), parameters with domains, constants as formulas of the
parameters, hypotheses, claims, and the results its proof uses. It holds no arithmetic: the
constants are :class:`~boundcalc.formula.Formula` texts evaluated by the engine.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Callable, Mapping

from .errors import InputError
from .formula import Formula, FormulaError
from .numbers import Real, parse_exact

DOMAINS = {
    "posint": "a positive integer",
    "nonnegint": "a non-negative integer",
    "int>=2": "an integer >= 2",
    "pos": "a positive number",
    "nonneg": "a non-negative number",
    "real": "a real number",
    ">=1": "a number >= 1",
    "(0,1)": "a number strictly between 0 and 1",
    "(0,1]": "a number in (0, 1]",
}


def check_domain(name: str, domain: str, q: Fraction) -> None:
    """Raise InputError (one line) when ``q`` is outside ``domain``."""
    ok = {
        "posint": q.denominator == 1 and q > 0,
        "nonnegint": q.denominator == 1 and q >= 0,
        "int>=2": q.denominator == 1 and q >= 2,
        "pos": q > 0,
        "nonneg": q >= 0,
        "real": True,
        ">=1": q >= 1,
        "(0,1)": 0 < q < 1,
        "(0,1]": 0 < q <= 1,
    }[domain]
    if not ok:
        raise InputError(f"{name} must be {DOMAINS[domain]}, got {_show(q)}")


def _show(q: Fraction) -> str:
    return str(q.numerator) if q.denominator == 1 else f"{q.numerator}/{q.denominator}"


@dataclass(frozen=True)
class Param:
    """A parameter of a result: its name in formulas, domain, meaning, optional default."""

    name: str
    domain: str
    description: str = ""
    default: str | None = None
    latex: str | None = None

    def __post_init__(self):
        if self.domain not in DOMAINS:
            raise FormulaError(f"unknown domain {self.domain!r} for parameter {self.name}")


@dataclass(frozen=True)
class Constant:
    """A named constant of a result, as a formula of the parameters and earlier constants."""

    name: str
    formula: Formula
    description: str = ""
    latex: str | None = None


@dataclass(frozen=True)
class Claim:
    """An (in)equality the result asserts: ``lhs rel rhs`` over its parameters and constants."""

    name: str
    lhs: Formula
    rel: str
    rhs: Formula
    description: str = ""
    channel: str = "statement"
    defect: str | None = None

    def __post_init__(self):
        if self.rel not in ("<", "<=", "==", ">=", ">"):
            raise FormulaError(f"unknown relation {self.rel!r} in claim {self.name}")

    def decide(self, env: Mapping[str, Real]) -> bool | None:
        """True/False when certified, None when undecided."""
        a, b = self.lhs.evaluate(env), self.rhs.evaluate(env)
        return a.compare(self.rel, b)


@dataclass
class Result:
    """One numbered result (or definition, or cited statement) of the paper."""

    id: str
    kind: str
    title: str
    statement: str
    location: str
    aliases: tuple[str, ...] = ()
    params: tuple[Param, ...] = ()
    constants: tuple[Constant, ...] = ()
    hypotheses: tuple[str, ...] = ()
    claims: tuple[Claim, ...] = ()
    uses: tuple[str, ...] = ()
    source: str = "Hu et al., arXiv 2411.16525"
    notes: str = ""
    checks: tuple[Callable[..., Any], ...] = field(default=(), repr=False)
    data: dict[str, Any] = field(default_factory=dict)
    quotes: tuple = ()
    """:class:`boundcalc.quotes.Quote` records: the statement's formulas as the paper prints them."""
    proof_refs: tuple = ()
    """:class:`boundcalc.quotes.ProofRef` records: the references the proof makes."""

    def __post_init__(self):
        known = {p.name for p in self.params}
        for c in self.constants:
            unbound = c.formula.symbols - known
            if unbound:
                raise FormulaError(f"{self.id}: constant {c.name} uses unbound symbols {sorted(unbound)}")
            known.add(c.name)
        for cl in self.claims:
            unbound = (cl.lhs.symbols | cl.rhs.symbols) - known
            if unbound:
                raise FormulaError(f"{self.id}: claim {cl.name} uses unbound symbols {sorted(unbound)}")

    def param(self, name: str) -> Param:
        return next(p for p in self.params if p.name == name)

    def constant(self, name: str) -> Constant:
        return next(c for c in self.constants if c.name == name)

    def bind(self, values: Mapping[str, object]) -> dict[str, Real]:
        """Parse and domain-check parameter values (exact), filling defaults; nothing evaluated yet."""
        unknown = set(values) - {p.name for p in self.params}
        if unknown:
            raise InputError(f"{self.id}: unknown parameter(s) {', '.join(sorted(unknown))}")
        env: dict[str, Real] = {}
        for p in self.params:
            raw = values.get(p.name, p.default)
            if raw is None:
                raise InputError(f"{self.id}: missing parameter {p.name} ({DOMAINS[p.domain]})")
            q = parse_exact(raw, p.name)
            check_domain(p.name, p.domain, q)
            env[p.name] = Real(q)
        return env

    def evaluate(self, values: Mapping[str, object], only: set[str] | None = None) -> dict[str, Real]:
        """Parameters and constants (all, or those in ``only`` and what they need), exactly."""
        env = self.bind(values)
        needed = None if only is None else self._closure(only)
        for c in self.constants:
            if needed is None or c.name in needed:
                env[c.name] = c.formula.evaluate(env)
        return env

    def _closure(self, names: set[str]) -> set[str]:
        by_name = {c.name: c for c in self.constants}
        out, todo = set(), list(names)
        while todo:
            n = todo.pop()
            if n in out or n not in by_name:
                continue
            out.add(n)
            todo.extend(by_name[n].formula.symbols)
        return out

    def sympy_symbols(self) -> dict[str, Any]:
        """sympy Symbols with assumptions from the parameter domains."""
        import sympy

        table = {}
        for p in self.params:
            kw = {"posint": dict(integer=True, positive=True),
                  "nonnegint": dict(integer=True, nonnegative=True),
                  "int>=2": dict(integer=True, positive=True),
                  "real": dict(real=True),
                  "nonneg": dict(nonnegative=True)}.get(p.domain, dict(positive=True))
            table[p.name] = sympy.Symbol(p.name, **kw)
        return table

    def symbolic(self) -> dict[str, Any]:
        """Each constant as a sympy expression of the parameters (earlier constants substituted)."""
        table = self.sympy_symbols()
        out = {}
        for c in self.constants:
            expr = c.formula.sympy(table)
            table[c.name] = expr
            out[c.name] = expr
        return out

    def latex(self, name: str) -> str:
        """LaTeX of a constant with the earlier constants substituted (parameters by their LaTeX names)."""
        import sympy

        expr = self.symbolic()[name]
        names = {s: self.param(s.name).latex for s in expr.free_symbols
                 if any(p.name == s.name and p.latex for p in self.params)}
        return sympy.latex(expr, symbol_names=names)

    def latex_names(self) -> dict[str, str]:
        names = {p.name: p.latex for p in self.params if p.latex}
        names.update({c.name: c.latex for c in self.constants if c.latex})
        return names


def constant(name: str, text: str, description: str = "", latex: str | None = None) -> Constant:
    """Shorthand used by declarations."""
    return Constant(name, Formula(text), description, latex)


def claim(name: str, lhs: str, rel: str, rhs: str, description: str = "", channel: str = "statement",
          defect: str | None = None) -> Claim:
    return Claim(name, Formula(lhs), rel, Formula(rhs), description, channel, defect)
