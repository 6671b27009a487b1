"""`boundcalc ffn`: FFN layers, neurons and parameters of the T_A / T_B constructions (Sec. 2.3-2.4, App. B)."""
from __future__ import annotations

import json

import click


@click.command("ffn")
@click.option("--d", "d", required=True, help="token dimension d (positive integer)")
@click.option("--L", "L", required=True, help="input sequence length L (positive integer)")
@click.option("--eps", default=None, help="approximation error eps > 0 (gives 1/delta by Lemma 2.3)")
@click.option("--C", "C", default=None, help="Lipschitz constant C > 0 [default: 1]")
@click.option("--alpha", default=None, help="norm exponent alpha >= 1 [default: 2]")
@click.option("--grid", default=None, help="grid size N = 1/delta (integer >= 2; overrides the eps-derived one)")
@click.option("--Lp", "Lp", default=None, help="prompt length L_p [default: Lemma 2.3's L*N^(dL)]")
@click.option("--s", "s", default=None, help="attention head size s [default: 1]")
@click.option("--digits", default=15, show_default=True, type=click.IntRange(1, 1000),
              help="significant digits for inexact values")
@click.option("--json", "as_json", is_flag=True, help="print the JSON record (schema: docs/ffn.md)")
@click.option("--latex", is_flag=True, help="also print each formula in LaTeX")
def command(d, L, eps, C, alpha, grid, Lp, s, digits, as_json, latex):
    """Layer, neuron and parameter counts: exact counts next to the paper's O(.) forms."""
    from proofs.calculators.ffn import ffn

    res = ffn(d=d, L=L, eps=eps, C=C, alpha=alpha, grid=grid, Lp=Lp, s=s, digits=digits, latex=latex)
    if as_json:
        click.echo(json.dumps(res.to_dict(), indent=2))
        return
    click.echo(render(res, latex))


def _block(title: str, qs: dict, digits: int, latex: bool) -> list[str]:
    out = [title]
    for key, q in qs.items():
        out.append(f"  {key:<28} = {q.value.format(digits)}    [{q.formula}]  {q.description}")
        if latex and q.latex:
            out.append(f"  {'':<28}   latex: {q.latex}")
    return out


def render(res, latex: bool = False) -> str:
    dg = res.digits
    inp = ", ".join(f"{k} = {v.format(dg)}" for k, v in res.inputs.items())
    lines = [f"FFN counts; inputs: {inp}", f"grid N = 1/delta: {res.grid_source}; L_p: {res.lp_source}"]
    lines += _block("grid (lemma-2.3)", res.grid, dg, latex)
    lines += _block("T_A^{1,1,4} (lemma-2.4 = E.2): exact counts", res.t_a, dg, latex)
    lines += _block("T_A: the paper's forms", res.t_a_forms, dg, latex)
    lines += _block("T_B^{1,1,r} (lemma-F.2): exact counts", res.t_b, dg, latex)
    lines += _block("T_B: the paper's forms", res.t_b_forms, dg, latex)
    lines += _block("Theorem B.1, no prompt (L_p = 0)", res.b1, dg, latex)
    lines += _block("contextual map fed by the quantized grid (E.2 / F.2)", res.contextual, dg, latex)
    lines.append("tokenwise separation computed from the grid (claimed: sqrt(d), sqrt(d)(L'-delta), sqrt(d) delta)")
    for g in res.separation:
        vals = ", ".join(f"{k} = {v.format(dg)}" for k, v in g.values.items())
        held = ", ".join(f"{k} {'ok' if b else ('FAILS' if b is False else 'undecided')}" for k, b in g.holds.items())
        lines.append(f"  {g.where}: {vals}  [{g.method}, {g.tokens.format(dg)} tokens]; claimed: {held}")
    lines.append("claims")
    for k, b in res.claims.items():
        lines.append(f"  {k}: {({True: 'holds', False: 'FAILS', None: 'undecided'})[b]}")
    lines += [f"note: {t}" for t in res.notes]
    return "\n".join(lines)
