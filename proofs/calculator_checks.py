"""Which output of the paper's calculators (``lp``, ``ffn``, ``contextual``) is which node constant.

The calculators compose declarations (Lemma 2.3's grid and prompt length feed the T_A / T_B counts);
:class:`boundcalc.checks.CalculatorAgrees` runs them at each node's points and compares every mapped
output with the node's constant, so an error in a calculator (a count evaluated at L*lambda instead of
the construction's L_p, say) becomes a finding. Only the calculators' public functions are called.
"""
from __future__ import annotations

from typing import Any, Mapping

from boundcalc.checks import CalculatorAgrees

FFN_BY_EPS = ("d", "L", "eps", "C", "alpha", "s")
"""Nodes whose parameters are these: the calculator derives the grid and L_p from Lemma 2.3."""


def _ffn_eps(p: Mapping[str, str]) -> dict[str, Any]:
    from proofs.calculators.ffn import ffn
    r = ffn(d=p["d"], L=p["L"], eps=p["eps"], C=p.get("C"), alpha=p.get("alpha"), s=p.get("s"))
    return _flat(r)


def _ffn_grid(p: Mapping[str, str]) -> dict[str, Any]:
    from proofs.calculators.ffn import ffn
    r = ffn(d=p["d"], L=p["L"], grid=p["N"], Lp=p["Lp"], s=p.get("s"))
    return _flat(r)


def _flat(r) -> dict[str, Any]:
    out = {}
    for section in ("grid", "t_a", "t_b", "b1", "contextual"):
        for k, q in getattr(r, section).items():
            out[f"{section}:{k}"] = q
    return out


def _lp(p: Mapping[str, str]) -> dict[str, Any]:
    from proofs.calculators.lp import prompt_length
    r = prompt_length(d=p["d"], L=p["L"], eps=p["eps"], C=p.get("C"), alpha=p.get("alpha"))
    return dict(r.values)


def _contextual(p: Mapping[str, str]) -> dict[str, Any]:
    from proofs.calculators.contextual import contextual
    r = contextual(V=p["V"], d=p["d"], n=p["n"], gamma_min=p["gamma_min"], gamma_max=p["gamma_max"],
                   eps=p["eps"], rank=p.get("rho"), s=p.get("s"))
    return {**{f"stated:{k}": v for k, v in r.stated.items()}, **{f"chain:{k}": v for k, v in r.chain.items()}}


GRID23 = ("lam", "Lp_min", "delta_star", "grid_n", "delta", "Lp_grid", "quant_error")
TA = ("ffn_layers", "grid_sequences", "neurons", "params_attention", "params_per_ffn", "params_total", "quant_layers",
      "quant_layers_paper", "value_layers", "value_layers_paper_O")
TB = ("grid_sequences", "params_attention", "params_ffn", "params_total", "r", "r1", "r1_literal", "r2",
      "steps_literal", "steps_needed", "top_claimed", "top_literal")
CTX = ("Delta", "Delta_sub", "Gamma", "Gamma_sub", "V_grid", "claimed_gmax", "claimed_gmin", "claimed_sep")
B1 = ("claimed_r", "ffn_layers", "grid_sequences", "neurons_A", "params_A", "params_B", "quant_layers", "r", "r1",
      "r2", "value_layers", "value_layers_paper_O")
CONTEXTUAL = ("kappa", "gamma_stated", "delta_stated", "c_proj", "delta_D", "pp_scale", "pp_scale_D2", "logit_gap",
              "gamma_logit", "delta_boltz", "value_scale", "psi_bound", "gamma_derived", "bound_D11", "delta_D12",
              "pp_scale_D10", "delta_D12_pi")

CHECKS: dict[str, tuple[CalculatorAgrees, ...]] = {
    "lemma-2.3": (
        CalculatorAgrees("lp", _lp, {k: k for k in GRID23}),
        CalculatorAgrees("ffn grid", _ffn_eps, {f"grid:{k}": k for k in GRID23}),
    ),
    "theorem-2.3": (CalculatorAgrees("ffn T_A at Lemma 2.3's grid", _ffn_eps,
                                     {"grid:Lp": "Lp", "grid:delta": "delta", "t_a:ffn_layers": "ffn_layers"}),),
    "theorem-2.4": (CalculatorAgrees("ffn T_B at Lemma 2.3's grid", _ffn_eps,
                                     {"grid:Lp": "Lp", "t_b:r": "r", "t_b:r1": "r1", "t_b:r2": "r2"}),),
    "theorem-B.1": (CalculatorAgrees("ffn Theorem B.1", _ffn_eps, {f"b1:{k}": k for k in B1}),),
    "lemma-2.4": (CalculatorAgrees("ffn T_A", _ffn_grid,
                                   {**{f"t_a:{k}": k for k in TA}, **{f"contextual:{k}": k for k in CTX}}),),
    "lemma-F.2": (CalculatorAgrees("ffn T_B", _ffn_grid, {f"t_b:{k}": k for k in TB}),),
    "lemma-2.2": (CalculatorAgrees("contextual", _contextual,
                                   {**{f"stated:{k}": k for k in CONTEXTUAL[:3]},
                                    **{f"chain:{k}": k for k in CONTEXTUAL[3:]}}),),
}


def attach(reg) -> None:
    """Append each node's calculator checks (after its own)."""
    for rid, specs in CHECKS.items():
        r = reg.results[rid]
        r.checks = tuple(r.checks) + tuple(s for s in specs if s.name not in {getattr(c, "name", None)
                                                                               for c in r.checks})
