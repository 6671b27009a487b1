"""FFN layer and neuron counts of the T_A^{1,1,4} (Sec. 2.3, E.2) and T_B^{1,1,r} (Sec. 2.4, F.2)
constructions and of Theorem B.1's no-prompt variants.

All formulas are constants of declared nodes (lemma-2.3, lemma-2.4, theorem-2.3 in
``proofs/appendix_e.py``; lemma-2.5, lemma-F.2, theorem-2.4 in ``proofs/appendix_f.py``; theorem-B.1
in ``proofs/appendix_b.py``); this module binds the inputs (a grid N = 1/delta given or derived
from eps by Lemma 2.3, and L_p given or Lemma 2.3's L (1/delta)^{dL}) and packages the values.
The tokenwise separation of the quantized grids is computed from the grids themselves.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from boundcalc.errors import InputError
from boundcalc.numbers import Real
from boundcalc.calc import Quantity, check_digits, evaluate, parse_param, quantities, verdict

SCHEMA = "boundcalc.ffn/2"

TA_NAMES = ("quant_layers_paper", "quant_layers", "grid_sequences", "value_layers", "value_layers_paper_O",
            "ffn_layers", "neurons", "params_per_ffn", "params_attention", "params_total")
TB_NAMES = ("steps_literal", "top_literal", "top_claimed", "steps_needed", "r1_literal", "r1", "grid_sequences",
            "r2", "r", "params_ffn", "params_attention", "params_total")
B1_NAMES = ("quant_layers", "grid_sequences", "value_layers", "value_layers_paper_O", "ffn_layers", "neurons_A",
            "params_A", "r1", "r2", "r", "params_B", "claimed_r")
CTX_NAMES = ("V_grid", "claimed_gmin", "claimed_gmax", "claimed_sep", "Gamma", "Gamma_sub", "Delta", "Delta_sub")


@dataclass
class GridSeparation:
    """Tokenwise separation of one quantized grid, computed from its tokens, against the claimed triple."""

    kind: str
    where: str
    n_cols: Real
    values: dict[str, Real]
    claimed: dict[str, Real]
    holds: dict[str, bool | None]
    method: str
    tokens: Real

    def to_dict(self, digits: int) -> dict:
        return {"grid": self.kind, "used_in": self.where, "columns": self.n_cols.describe(digits),
                "tokens": self.tokens.describe(digits),
                "method": self.method,
                "values": {k: v.describe(digits) for k, v in self.values.items()},
                "claimed": {k: v.describe(digits) for k, v in self.claimed.items()},
                "claimed_holds": {k: verdict(b) for k, b in self.holds.items()},
                "convention": "gamma_min/gamma_max are the smallest/largest token norms and separation the smallest "
                              "distance between distinct tokens; the claimed strict inequalities need "
                              "gamma_min < min norm, gamma_max > max norm, separation < min distance"}


@dataclass
class FFNResult:
    """Result of :func:`ffn`: grid, T_A, T_B, Theorem B.1 counts, asymptotic forms, grid separation."""

    inputs: dict[str, Real]
    grid: dict[str, Quantity]
    grid_source: str
    lp_source: str
    t_a: dict[str, Quantity]
    t_a_forms: dict[str, Quantity]
    t_b: dict[str, Quantity]
    t_b_forms: dict[str, Quantity]
    b1: dict[str, Quantity]
    contextual: dict[str, Quantity]
    separation: list[GridSeparation]
    claims: dict[str, bool | None]
    digits: int
    notes: list[str] = field(default_factory=list)

    def value(self, section: str, name: str) -> Real:
        return getattr(self, section)[name].value

    def to_dict(self) -> dict:
        d = self.digits

        def sec(qs):
            return {k: q.to_dict(d) for k, q in qs.items()}

        return {
            "schema": SCHEMA, "digits": d,
            "inputs": {k: v.describe(d) for k, v in self.inputs.items()},
            "grid": {"source": self.grid_source, "Lp_source": self.lp_source, **sec(self.grid)},
            "T_A": {"node": "lemma-2.4", "counts": sec(self.t_a), "paper_forms": sec(self.t_a_forms)},
            "T_B": {"node": "lemma-F.2", "counts": sec(self.t_b), "paper_forms": sec(self.t_b_forms)},
            "theorem_B1": {"node": "theorem-B.1", "counts": sec(self.b1)},
            "contextual_map": {"node": "lemma-2.4", "values": sec(self.contextual)},
            "grid_separation": [g.to_dict(d) for g in self.separation],
            "claims": {k: verdict(b) for k, b in self.claims.items()},
            "notes": self.notes,
        }


def _separation(kind: str, where: str, d: int, n_cols: Real, N: int) -> GridSeparation | None:
    """Separation of one grid in closed form, exact at any size (the grid is never enumerated; the token
    count L' N^d is a Real, never expanded). Tests compare it with enumeration on small grids."""
    from proofs.appendix_e import grid_level, grid_separation_closed

    if not n_cols.is_integer:
        return None
    stats = grid_separation_closed(d, n_cols, N, kind)
    tokens = stats["tokens"]
    vals = {"gamma_min": Real(stats["min_norm2"]).sqrt(), "gamma_max": Real(stats["max_norm2"]).sqrt()}
    if stats["min_dist2"] is not None:
        vals["separation"] = Real(stats["min_dist2"]).sqrt()
    delta = Fraction(1, N)
    rd = Real(d).sqrt()
    claimed = {"gamma_min": rd, "gamma_max": rd * (n_cols - delta), "separation": rd * Real(delta)}
    holds = {"gamma_min": vals["gamma_min"].gt(claimed["gamma_min"]),
             # both sides are sqrt(d) ((L'-1) + t): compare the in-column tops t exactly (L' may be huge)
             "gamma_max": Real(grid_level(0, N, kind, N - 1)).lt(1 - delta),
             "separation": None if "separation" not in vals else vals["separation"].gt(claimed["separation"])}
    return GridSeparation(kind, where, n_cols, vals, claimed, holds, stats["method"], tokens)


def ffn(d, L, eps=None, C=None, alpha=None, grid=None, Lp=None, s=None,
        digits: int = 15, latex: bool = False) -> FFNResult:
    """Counts of the T_A / T_B constructions: ``ffn(d=1, L=2, eps="1/2")`` or ``ffn(d=1, L=2, grid=3, Lp=4)``.

    ``grid`` is N = 1/delta (an integer >= 2); without it N = ceil(2C(dL)^{1/alpha}/eps) (Lemma 2.3).
    ``Lp`` defaults to Lemma 2.3's L N^{dL}. Inputs are exact; all are validated before computing.
    """
    from proofs.appendix_b import THEOREM_B1
    from proofs.appendix_e import LEMMA_2_3, LEMMA_2_4, THEOREM_2_3
    from proofs.appendix_f import LEMMA_2_5, LEMMA_F2, THEOREM_2_4

    digits = check_digits(digits)
    if d is None or L is None:
        raise InputError("missing --d or --L")
    if eps is None and grid is None:
        raise InputError("give --eps (grid from Lemma 2.3) or --grid N (1/delta)")
    base = {"d": Real(parse_param(LEMMA_2_4, "d", d, "--d")), "L": Real(parse_param(LEMMA_2_4, "L", L, "--L")),
            "C": Real(parse_param(LEMMA_2_3, "C", "1" if C is None else C, "--C")),
            "alpha": Real(parse_param(LEMMA_2_3, "alpha", "2" if alpha is None else alpha, "--alpha")),
            "s": Real(parse_param(LEMMA_2_4, "s", "1" if s is None else s, "--s"))}
    if eps is not None:
        base["eps"] = Real(parse_param(LEMMA_2_3, "eps", eps, "--eps"))
    N_given = None if grid is None else Real(parse_param(LEMMA_2_4, "N", grid, "--grid"))
    Lp_given = None if Lp is None else Real(parse_param(LEMMA_2_4, "Lp", Lp, "--Lp"))
    d_i = base["d"].as_int()

    # ---- the grid: N and L_p (Lemma 2.3's node)
    lemma23_params = {k: base[k] for k in ("d", "L", "C", "alpha", "eps") if k in base}
    if N_given is None:
        e23 = evaluate(LEMMA_2_3, lemma23_params)
        N = e23["grid_n"]
        if N.as_int() < 2:
            raise InputError(f"eps = {base['eps'].format()} gives 1/delta = 1 (a one-point grid): use a smaller "
                             "--eps or give --grid N >= 2")
        grid_source = "lemma-2.3: N = ceil(2*C*(d*L)**(1/alpha)/eps)"
    else:
        N = N_given
        e23 = evaluate(LEMMA_2_3, lemma23_params, {"grid_n": N})
        grid_source = "given (--grid)"
    if Lp_given is None:
        Lp_val, lp_source = e23["Lp_grid"], "lemma-2.3: L_p = L*N**(d*L) (>= L*lambda)"
    else:
        Lp_val, lp_source = Lp_given, "given (--Lp)"
    grid_q = quantities(LEMMA_2_3, e23, ("lam", "Lp_min", "delta_star", "grid_n", "delta", "Lp_grid", "quant_error"),
                        latex)
    if N_given is not None:
        grid_q["grid_n"] = Quantity("grid_n", "input", N, "given (--grid)", "grid levels per coordinate 1/delta")
    grid_q["Lp"] = Quantity("Lp", "lemma-2.3" if Lp_given is None else "input", Lp_val,
                            "L*grid_n**(d*L)" if Lp_given is None else "given", "prompt length used below")

    # ---- T_A (lemma-2.4) and T_B (lemma-F.2) at (d, L, L_p, N, s)
    seq = {"d": base["d"], "L": base["L"], "Lp": Lp_val, "N": N, "s": base["s"]}
    e24 = evaluate(LEMMA_2_4, seq)
    eF2 = evaluate(LEMMA_F2, seq)
    over = {"N": N, "delta": e24["delta"], "Lp": Lp_val, "n_cols": e24["n_cols"]}
    e_t23 = evaluate(THEOREM_2_3, {k: v for k, v in base.items()}, over)
    e_l25 = evaluate(LEMMA_2_5, {**{k: v for k, v in base.items() if k != "s"}, "Lp": Lp_val}, {"N": N})
    e_t24 = evaluate(THEOREM_2_4, base, over)
    e_b1 = evaluate(THEOREM_B1, base, {"N": N})

    t_a = quantities(LEMMA_2_4, e24, TA_NAMES, latex)
    t_a_forms = {}
    t_a_forms.update(quantities(THEOREM_2_3, e_t23, ("claimed_O",), latex))
    t_a_forms.update(quantities(LEMMA_2_5, e_l25, ("F1_expr", "delta_form", "claimed_O"), latex))
    t_a_forms = {f"{q.node}:{k}": q for k, q in t_a_forms.items()}
    t_b = quantities(LEMMA_F2, eF2, TB_NAMES, latex)
    t_b_forms = {f"theorem-2.4:{k}": q for k, q in
                 quantities(THEOREM_2_4, e_t24, ("claimed_r", "claimed_r_F1", "F2_expr"), latex).items()}
    b1 = quantities(THEOREM_B1, e_b1, B1_NAMES, latex)
    ctx = quantities(LEMMA_2_4, e24, CTX_NAMES, latex)

    N_i = N.as_int()
    seps = [s_ for s_ in (_separation("E4", "E.2 (T_A), grid (E.4)", d_i, e24["n_cols"], N_i),
                          _separation("F2", "F.2 (T_B)", d_i, e24["n_cols"], N_i),
                          _separation("E4", "B.1 (no prompt)", d_i, base["L"], N_i)) if s_ is not None]
    claims = {"F.1 reaches L_p+L (top_literal == top_claimed)": eF2["top_literal"].eq(eF2["top_claimed"]),
              "quantization layers: d(L_p+L)/delta == d(L_p+L)N": e24["quant_layers_paper"].eq(e24["quant_layers"])}
    if "eps" in base:
        claims["quantization error C delta (dL)^(1/alpha) <= eps/2"] = e23["quant_error"].le(base["eps"] / 2)
    notes = [
        "T_A counts one (E.4) layer per row and grid level (d(L_p+L)/delta) and one value layer per context id of "
        "the last L columns (L N^{d(L_p+L)}); 4 neurons and 9d+4 weights per FFN layer, 4sd attention weights.",
        "T_B: f1 needs 2 ReLUs per step and row; (F.1)'s sum has (L_p+L)(N-1)+1 steps (r1_literal) where "
        "(L_p+L)N are needed (r1); f2 has 3 d(L_p+L) neurons per grid sequence (r2); r = max(r1, r2).",
        "Paper forms are the O(.) arguments evaluated as written; their hidden constants are not 1.",
    ]
    inputs = dict(base)
    inputs.update({"N": N, "Lp": Lp_val})
    return FFNResult(inputs=inputs, grid=grid_q, grid_source=grid_source, lp_source=lp_source, t_a=t_a,
                     t_a_forms=t_a_forms, t_b=t_b, t_b_forms=t_b_forms, b1=b1, contextual=ctx, separation=seps,
                     claims=claims, digits=digits, notes=notes)
