"""`boundcalc lp`: the prompt length L_p >= L*lambda of Lemma 2.3 / Theorem 2.5."""
from __future__ import annotations

import json

import click


@click.command("lp")
@click.option("--d", "d", required=True, help="token dimension d (positive integer)")
@click.option("--L", "L", required=True, help="input sequence length L (positive integer)")
@click.option("--eps", required=True, help="approximation error eps > 0 (exact: 0.1 means 1/10)")
@click.option("--C", "C", default=None, help="Lipschitz constant C > 0 [default: 1]")
@click.option("--alpha", default=None, help="norm exponent alpha >= 1 [default: 2]")
@click.option("--digits", default=15, show_default=True, type=click.IntRange(1, 1000),
              help="significant digits for inexact values")
@click.option("--json", "as_json", is_flag=True, help="print the result as JSON (schema boundcalc.lp/1)")
@click.option("--latex", is_flag=True, help="also print the formulas in LaTeX")
def command(d, L, eps, C, alpha, digits, as_json, latex):
    """Prompt length needed by Lemma 2.3 / Theorem 2.5: L_p >= L*lambda."""
    from proofs.calculators.lp import FORMULA, GRID_FORMULA, prompt_length
    from boundcalc.numbers import Real

    res = prompt_length(d=d, L=L, eps=eps, C=C, alpha=alpha, digits=digits, latex=latex)
    if as_json:
        click.echo(json.dumps(res.to_dict(), indent=2))
        return
    v, q = res.values, res.inputs
    shown = {k: Real(x).format(digits) for k, x in q.items()}
    note = f"  (defaults: {', '.join(f'{k} = {shown[k]}' for k in res.defaults_used)})" if res.defaults_used else ""
    lines = [
        f"Prompt length, {res.node} ({', '.join(res.aliases)}), used by {', '.join(res.used_by) or '-'}",
        f"inputs: d = {shown['d']}, L = {shown['L']}, eps = {shown['eps']}, C = {shown['C']}, "
        f"alpha = {shown['alpha']}{note}",
        f"formula: {FORMULA}",
        "",
        "paper's bound",
        f"  lambda         = {_show(v['lam'], digits)}",
        f"  L*lambda       = {_show(v['Lp_min'], digits)}",
        "grid the proof needs",
        f"  delta          <= {_show(v['delta_star'], digits)}   (C*delta*(dL)^(1/alpha) <= eps/2)",
        f"  {GRID_FORMULA}",
        f"  1/delta        = {_show(v['grid_n'], digits)}",
        f"  L_p (grid)     = {_show(v['Lp_grid'], digits)}",
        f"  grid / paper   = {_show(res.ratio(), digits)}",
        f"  quantization error C*delta*(dL)^(1/alpha) = {_show(v['quant_error'], digits)}",
        "claims",
    ]
    for name, ok in res.claims.items():
        lines.append(f"  {name} (proof step, at these inputs): "
                     f"{({True: 'verified', False: 'REFUTED', None: 'unknown'})[ok]}")
    enough = res.lambda_suffices
    lines.append("  L*lambda suffices for the construction: "
                 + {True: "yes (2C(dL)^(1/alpha)/eps is a whole number)",
                    False: f"no: the construction needs L*ceil(2C(dL)^(1/alpha)/eps)^(dL) = "
                           f"{_show(v['Lp_grid'], digits)} columns; L*lambda suffices only when "
                           "2C(dL)^(1/alpha)/eps is a whole number",
                    None: "undecided"}[enough])
    if latex:
        lines += ["latex", f"  {res.latex['bound']}", f"  L_p^{{grid}} = {res.latex['Lp_grid']}"]
    click.echo("\n".join(lines))


def _show(x, digits: int) -> str:
    text = x.format(digits)
    return text if x.is_rational else f"{text}  [{'exact: ' + x.exact_text() if x.is_exact else 'certified'}]"
