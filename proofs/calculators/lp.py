"""Prompt length of Lemma 2.3 / Theorem 2.5: the paper's L*lambda and the constructive grid value.

All formulas live in the declaration ``proofs/appendix_e.py`` (node lemma-2.3); this module only
evaluates that node and packages the answer.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from boundcalc.errors import InputError
from boundcalc.findings import from_bool
from boundcalc.numbers import Real
from boundcalc.calc import check_digits

NODE = "lemma-2.3"
FORMULA = "L_p >= L*lambda,  lambda = (2*C*(d*L)^(1/alpha) / eps)^(d*L)"
GRID_FORMULA = "1/delta = ceil(2*C*(d*L)^(1/alpha) / eps),  L_p(grid) = L*(1/delta)^(d*L)"
DEFAULTS = {"C": "1", "alpha": "2"}
SCHEMA = "boundcalc.lp/1"


@dataclass
class PromptLength:
    """Result of :func:`prompt_length`: exact/certified values and their provenance."""

    inputs: dict[str, Fraction]
    defaults_used: list[str]
    values: dict[str, Real]
    claims: dict[str, bool | None]
    digits: int
    node: str = NODE
    aliases: tuple[str, ...] = ()
    used_by: tuple[str, ...] = ()
    latex: dict[str, str] = field(default_factory=dict)

    # convenient views
    @property
    def lam(self) -> Real:
        return self.values["lam"]

    @property
    def paper_prompt_length(self) -> Real:
        """L*lambda, the statement's bound."""
        return self.values["Lp_min"]

    @property
    def grid_prompt_length(self) -> Real:
        """L*(1/delta)^(dL) on a grid with whole 1/delta."""
        return self.values["Lp_grid"]

    @property
    def inverse_delta(self) -> int:
        return self.values["grid_n"].as_int()

    def ratio(self) -> Real:
        """Grid prompt length over the paper's L*lambda (>= 1)."""
        return self.values["Lp_grid"] / self.values["Lp_min"]

    @property
    def lambda_suffices(self) -> bool | None:
        """Does the statement's L*lambda reach the construction's L*ceil(2C(dL)^{1/alpha}/eps)^{dL}?

        True exactly when 2C(dL)^{1/alpha}/eps is a whole number; certified, None if undecided."""
        return self.values["Lp_min"].ge(self.values["Lp_grid"])

    def to_dict(self) -> dict:
        v, d = self.values, self.digits
        out = {
            "schema": SCHEMA,
            "node": self.node,
            "aliases": list(self.aliases),
            "used_by": list(self.used_by),
            "inputs": {k: _frac(q) for k, q in self.inputs.items()},
            "defaults_used": self.defaults_used,
            "digits": d,
            "formula": FORMULA,
            "paper": {"lambda": v["lam"].describe(d), "Lp": v["Lp_min"].describe(d)},
            "grid": {
                "delta_required": v["delta_star"].describe(d),
                "inverse_delta": v["grid_n"].describe(d),
                "delta": v["delta"].describe(d),
                "Lp": v["Lp_grid"].describe(d),
                "quantization_error": v["quant_error"].describe(d),
                "formula": GRID_FORMULA,
            },
            "grid_over_paper": self.ratio().describe(d),
            "claims": {k: from_bool(b).value for k, b in self.claims.items()},
            "lambda_suffices": self.lambda_suffices,
        }
        if self.latex:
            out["latex"] = self.latex
        return out


def _frac(q: Fraction) -> str:
    return Real(q).to_json()




def prompt_length(d: object, L: object, eps: object, C: object = None, alpha: object = None,
                  digits: int = 15, latex: bool = False) -> PromptLength:
    """Evaluate Lemma 2.3's prompt length exactly: ``prompt_length(d=2, L=3, eps="0.1")``.

    Inputs are parsed as exact rationals (pass strings or ints; 0.1 means 1/10). Raises
    :class:`~boundcalc.errors.InputError` on bad input before computing anything.
    """
    from proofs import declarations as registry   # the light registry: no sympy, no prover

    check_digits(digits)
    reg = registry()
    node = reg.get(NODE)
    given = {"d": d, "L": L, "eps": eps, "C": C, "alpha": alpha}
    missing = [k for k in ("d", "L", "eps") if given[k] is None]
    if missing:
        raise InputError(f"missing required parameter(s): {', '.join(missing)}")
    defaults_used = [k for k in ("C", "alpha") if given[k] is None]
    values = {k: (DEFAULTS[k] if given[k] is None else given[k]) for k in given}
    env = node.bind(values)  # parses exactly and checks domains: nothing computed yet
    inputs = {k: env[k].as_fraction() for k in given}
    env = node.evaluate(values)
    claims = {c.name: c.decide(env) for c in node.claims}
    used_by = tuple(sorted(r.id for r in reg if NODE in r.uses))
    tex = {}
    if latex:
        tex = {c.name: node.latex(c.name) for c in node.constants}
        tex["bound"] = r"L_p \ge L\lambda,\quad \lambda = " + tex["lam"]
    return PromptLength(inputs=inputs, defaults_used=defaults_used,
                        values={c.name: env[c.name] for c in node.constants},
                        claims=claims, digits=digits, aliases=node.aliases, used_by=used_by, latex=tex)
