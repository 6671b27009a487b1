"""`boundcalc contextual`: Lemma 2.2's (gamma, delta) contextual-map constants, stated and as proved."""
from __future__ import annotations

import json

import click


@click.command("contextual")
@click.option("--V", "V", default=None, help="vocabulary size |V| (positive integer)")
@click.option("--d", "d", default=None, help="token dimension d (positive integer)")
@click.option("--n", "n", default=None, help="sequence length (integer >= 2; the statement's L, L_p + L in E.2/F.2)")
@click.option("--gamma-min", "gamma_min", default=None, help="lower bound on token norms (> 0, exact)")
@click.option("--gamma-max", "gamma_max", default=None, help="upper bound on token norms (> 0, exact)")
@click.option("--eps", default=None, help="token separation eps > 0 (exact: 0.1 means 1/10)")
@click.option("--rank", default=None, help="rank rho of the weights, 1 <= rho <= min(d, s) [default: 1]")
@click.option("--s", "s", default=None, help="head size s [default: 1]")
@click.option("--vocab", default=None, help="JSON file: list of token vectors (replaces --V --d --gamma-* --eps)")
@click.option("--digits", default=15, show_default=True, type=click.IntRange(1, 1000),
              help="significant digits for inexact values")
@click.option("--json", "as_json", is_flag=True, help="print the JSON record (schema: docs/contextual.md)")
@click.option("--latex", is_flag=True, help="also print each formula in LaTeX")
def command(V, d, n, gamma_min, gamma_max, eps, rank, s, vocab, digits, as_json, latex):
    """Lemma 2.2 / D.3: gamma and delta as stated, as the proof's chain gives them, and Kajitsuka & Sato's."""
    from proofs.calculators.contextual import contextual
    from boundcalc.commands._common import read_json_utf8

    if vocab is not None:   # readable UTF-8 JSON before any work; decimals kept as text ("0.1" is 1/10)
        vocab = read_json_utf8(vocab, "--vocab", parse_float=str, parse_constant=lambda c: c)

    res = contextual(V=V, d=d, n=n, gamma_min=gamma_min, gamma_max=gamma_max, eps=eps, rank=rank, s=s,
                     vocab=vocab, digits=digits, latex=latex)
    if as_json:
        click.echo(json.dumps(res.to_dict(), indent=2))
        return
    click.echo(render(res))


def _line(q, digits: int, latex: bool) -> list[str]:
    out = [f"  {q.name:<14} = {q.value.format(digits)}    [{q.formula}]  {q.description}"]
    if latex and q.latex:
        out.append(f"  {'':<14}   latex: {q.latex}")
    return out


def render(res) -> str:
    dg = res.digits
    inp = ", ".join(f"{k} = {v.format(dg)}" for k, v in res.inputs.items())
    lines = [f"Contextual map, lemma-2.2 ({', '.join(res.aliases)}); source: {res.source}", f"inputs: {inp}"]
    if res.vocab is not None:
        v = res.vocab
        lines.append(f"vocabulary: |V| = {v.size} distinct tokens in R^{v.dim} ({v.duplicates_dropped} duplicates "
                     f"dropped); min ||v||^2 = {v.min_norm2}, max ||v||^2 = {v.max_norm2}, "
                     f"min ||v - v'||^2 = {v.min_dist2} (gamma_min, gamma_max, eps are the square roots)")
    for title, group in (("as stated (Lemma 2.2)", res.stated), ("the proof's chain (D.5 -> C.9 -> D.8 -> D.12)",
                                                                  res.chain),
                         ("Kajitsuka & Sato, rank 1 (Remark D.2)", res.ks)):
        lines.append(title)
        for q in group.values():
            lines += _line(q, dg, res.latex)
    lines.append("comparisons")
    for c in res.comparisons:
        extra = f"log10(a/b) = {c['log10_ratio']}" if "log10_ratio" in c else f"b/a = {c['ratio']}"
        lines.append(f"  {c['a']} {c['relation']} {c['b']}: {c['result'].upper()}   ({extra}; {c['meaning']})")
    lines.append("hypotheses")
    for h in res.hypotheses:
        lines.append(f"  {h['hypothesis']}: {h['result']}")
    lines += [f"note: {t}" for t in res.notes]
    return "\n".join(lines)
