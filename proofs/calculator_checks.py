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

# ------------------------------------------------------------------ independent computations
# A node's formula that no claim or calculator reads is compared with a value computed another way: from
# another node's constant (Lemma 2.3's delta* and grid, through the lp/ffn calculators) or from a
# construction's count (the parameters of the architectures T_A^{1,1,4} and T_B^{1,1,r} counted from the
# shapes of their matrices). Each such output is its own finding (CalculatorAgrees).


def _value(q):
    from boundcalc.numbers import Real

    q = getattr(q, "value", q)
    return q if isinstance(q, Real) else Real(q)


def _exponent(x) -> int:
    """An exact integer count used as an exponent."""
    return _value(x).as_int()


def _grid_forms(p: Mapping[str, str], n_cols) -> dict[str, Any]:
    """The layer/width forms of Lemma 2.5 / F.1 / F.2 from Lemma 2.3's delta* = eps/(2C(dL)^{1/alpha}) (the lp
    calculator) and L' = L_p + L columns: L (1/delta*)^{dL'}, 2L (1/(2 delta*))^{dL'} and
    dL' (1/(2 delta*))^{dL'}."""
    d, L = int(p["d"]), int(p["L"])
    inv = 1 / _value(_lp(p)["delta_star"])
    e = d * n_cols
    return {"delta_form": L * inv ** e, "F1_expr": 2 * L * (inv / 2) ** e, "F2_expr": e * (inv / 2) ** e}


def _lemma25(p: Mapping[str, str]) -> dict[str, Any]:
    """Lemma 2.5 at (d, L, L_p, eps): the forms above, and Lemma 2.4's T_A layer counts (the ffn calculator)
    at Lemma 2.3's grid 1/delta = ceil(2C(dL)^{1/alpha}/eps) (the lp calculator) with this L_p."""
    L, Lp = int(p["L"]), int(p["Lp"])
    out = _grid_forms(p, Lp + L)
    grid = _lp(p)["grid_n"]
    counts = _ffn_grid({"d": p["d"], "L": p["L"], "N": str(_exponent(grid)), "Lp": str(Lp)})
    out.update({"value_layers": counts["t_a:value_layers"], "ffn_layers": counts["t_a:ffn_layers"]})
    return out


def _theorem24(p: Mapping[str, str]) -> dict[str, Any]:
    """Theorem 2.4 at (d, L, eps): F.2's form with L_p from Lemma 2.3's grid (the ffn calculator's grid)."""
    return _grid_forms(p, _exponent(_ffn_eps(p)["grid:Lp"]) + int(p["L"]))


def architecture_parameters(d: int, s: int, ffn_widths) -> int:
    """Weights of one single-head attention layer of size s on d-dimensional tokens (W_Q, W_K, W_V: s x d,
    W_O: d x s) and FFN layers R^d -> R^d with the given hidden widths (W_1: w x d, b_1: w, W_2: d x w,
    b_2: d), counted from the matrices' shapes."""
    shapes = [(s, d), (s, d), (s, d), (d, s)]
    for w in ffn_widths:
        shapes += [(w, d), (w, 1), (d, w), (d, 1)]
    return sum(a * b for a, b in shapes)


class _Layers:
    """``n`` copies of one width without listing them (T_A has as many FFN layers as the grid has points)."""

    def __init__(self, n: int, width: int):
        self.n, self.width = n, width

    def count(self, d: int) -> int:
        return self.n * architecture_parameters(d, 0, (self.width,))


def _theorem_b1(p: Mapping[str, str]) -> dict[str, Any]:
    """Theorem B.1's weight counts from the architectures (Sec. 2.3/2.4): T_A^{1,1,4} has one size-s attention
    layer and ell FFN layers of width 4 (ell from the ffn calculator); T_B^{1,1,r} one attention layer and two
    FFN layers f_1, f_2 of width r (r from the ffn calculator)."""
    out = _ffn_eps(p)
    d, s = int(p["d"]), int(p.get("s") or 1)
    ell, r = _exponent(out["b1:ffn_layers"]), _exponent(out["b1:r"])
    return {"params_A": architecture_parameters(d, s, ()) + _Layers(ell, 4).count(d), "neurons_A": 4 * ell,
            "params_B": architecture_parameters(d, s, (r, r))}


def _lemma_d1(p: Mapping[str, str]) -> dict[str, Any]:
    """Lemma D.1's lower factor as its formal statement (proofs/formal.py, the record's atom t) defines it."""
    from boundcalc.statements import evaluate

    from .formal import FORMAL

    st = FORMAL["lemma-D.1"]
    t = next(q for q in st.quantities if q.name == "t")
    env = st.env({"N": int(p["V"]), "d": int(p["d"])})
    return {"c_park": evaluate(t.expr, env)}


GRID25 = ({"d": "1", "L": "1", "Lp": "2", "eps": "1/2"}, {"d": "2", "L": "1", "Lp": "1", "eps": "1/3"},
          {"d": "1", "L": "2", "Lp": "3", "eps": "1/5", "C": "2", "alpha": "1"})
"""Lemma 2.5 declares no example points: these (small enough for the exact counts)."""

CHECKS: dict[str, tuple[CalculatorAgrees, ...]] = {
    "lemma-2.3": (
        CalculatorAgrees("lp", _lp, {k: k for k in GRID23}),
        CalculatorAgrees("ffn grid", _ffn_eps, {f"grid:{k}": k for k in GRID23}),
    ),
    "theorem-2.3": (CalculatorAgrees("ffn T_A at Lemma 2.3's grid", _ffn_eps,
                                     {"grid:Lp": "Lp", "grid:delta": "delta", "t_a:ffn_layers": "ffn_layers"}),),
    "theorem-2.4": (CalculatorAgrees("ffn T_B at Lemma 2.3's grid", _ffn_eps,
                                     {"grid:Lp": "Lp", "t_b:r": "r", "t_b:r1": "r1", "t_b:r2": "r2"}),
                    CalculatorAgrees("F.2's width form from Lemma 2.3's delta*", _theorem24, {"F2_expr": "F2_expr"})),
    "theorem-B.1": (CalculatorAgrees("ffn Theorem B.1", _ffn_eps, {f"b1:{k}": k for k in B1}),
                    CalculatorAgrees("B.1's weights counted from the architectures", _theorem_b1,
                                     {"params_A": "params_A", "params_B": "params_B", "neurons_A": "neurons_A"})),
    "lemma-2.5": (CalculatorAgrees("Lemma 2.5 from Lemma 2.3's delta* and grid", _lemma25,
                                   {k: k for k in ("delta_form", "F1_expr", "value_layers", "ffn_layers")},
                                   grid=GRID25),),
    "lemma-D.1": (CalculatorAgrees("c_park against the formal statement's t", _lemma_d1, {"c_park": "c_park"}),),
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
