"""Shared helpers of the contextual and FFN calculators: evaluate declared nodes and package values."""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Mapping

from boundcalc.errors import InputError
from boundcalc.numbers import Real, parse_exact
from boundcalc.records import DOMAINS, Result, check_domain


@dataclass
class Quantity:
    """One evaluated constant of a node, with the formula it came from."""

    name: str
    node: str
    value: Real
    formula: str
    description: str = ""
    latex: str | None = None

    def to_dict(self, digits: int) -> dict:
        out = {"name": self.name, "node": self.node, "formula": self.formula, "description": self.description}
        out.update(self.value.describe(digits))
        if self.latex is not None:
            out["latex"] = self.latex
        return out


def parse_param(node: Result, name: str, raw: object, label: str | None = None) -> Fraction:
    """Parse one user value exactly and check it against the node's declared domain."""
    label = label or name
    q = parse_exact(raw, label)
    check_domain(label, node.param(name).domain, q)
    return q


def require(value: object, label: str, domain: str) -> Fraction:
    """Parse a value with a domain that is not a node parameter (one-line InputError)."""
    if domain not in DOMAINS:
        raise ValueError(domain)
    q = parse_exact(value, label)
    check_domain(label, domain, q)
    return q


def evaluate(node: Result, values: Mapping[str, Real], overrides: Mapping[str, Real] | None = None) -> dict[str, Real]:
    """The node's constants in declaration order; ``overrides`` replace constants (e.g. a given grid N).

    Constants whose symbols are not all bound (an eps-only form when only a grid is given) are skipped.
    """
    env = dict(values)
    env.update(overrides or {})
    for c in node.constants:
        if overrides and c.name in overrides:
            continue
        if c.formula.symbols <= set(env):
            env[c.name] = c.formula.evaluate(env)
    return env


def quantities(node: Result, env: Mapping[str, Real], names, with_latex: bool) -> dict[str, Quantity]:
    """Package the named constants of ``node`` that ``env`` holds."""
    out = {}
    tex_names = node.latex_names() if with_latex else {}
    for name in names:
        if name not in env:
            continue
        c = node.constant(name)
        tex = c.formula.latex(names=tex_names) if with_latex else None
        out[name] = Quantity(name, node.id, env[name], c.formula.text, c.description, tex)
    return out


def log10_ratio(a: Real, b: Real) -> Real | None:
    """log10(a/b) for positive a, b (log domain: fine for exp(-10^50)); None when a sign is undecided."""
    if a.sign() != 1 or b.sign() != 1:
        return None
    return (a / b).log10()


def verdict(b: bool | None) -> str:
    return {True: "holds", False: "fails", None: "undecided"}[b]


def check_digits(digits: object) -> int:
    if not isinstance(digits, int) or isinstance(digits, bool) or not 1 <= digits <= 1000:
        raise InputError(f"digits must be an integer between 1 and 1000, got {digits!r}")
    return digits


def symbolic_difference_is_zero(node: Result, a: str, b: str) -> bool:
    """True when constants a and b of ``node`` agree as formulas of the parameters (sympy simplify).

    Used only to settle comparisons that certified balls cannot (equal values such as
    gamma_max + eps/4 on both sides); False means 'not shown equal', not 'different'.
    """
    import sympy

    sym = node.symbolic()
    return sympy.simplify(sym[a] - sym[b]) == 0


def compare(node: Result, env: Mapping[str, Real], a: str, rel: str, b: str) -> tuple[bool | None, str]:
    """Decide ``a rel b`` with balls, then symbolically for ties; returns (decision, method)."""
    got = env[a].compare(rel, env[b])
    if got is None and rel in ("==", "<=", ">=") and symbolic_difference_is_zero(node, a, b):
        return True, "symbolic"
    return got, "certified"
