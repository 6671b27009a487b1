"""`boundcalc apti`: polynomial degree, rank and cost of almost-linear prompt-tuning inference."""
from __future__ import annotations

import json

import click


@click.command("apti")
@click.option("--L", "L", default=None, help="input length L (with --Lp; n = L + Lp)")
@click.option("--Lp", "Lp", default=None, help="soft-prompt length L_p")
@click.option("--n", "n", default=None, help="total tokens n = L + L_p (instead of --L/--Lp)")
@click.option("--d", "d", required=True, help="token dimension d (integer >= 1)")
@click.option("--B", "B", required=True, help="entry bound B > 0 of Q_p, K_p, V_p (exact: 0.5, 1/2)")
@click.option("--delta-F", "delta_F", required=True, help="target max-norm output error, 0 < delta_F < 1")
@click.option("--scale", default="none", show_default=True,
              help="score scaling: none (paper's Problem 1), 1/d (Alman-Song), 1/sqrt(d) (standard)")
@click.option("--json", "as_json", is_flag=True, help="print the JSON record (schema: docs/apti.md)")
def command(L, Lp, n, d, B, delta_F, scale, as_json):
    """Interval, accuracy, certified degree, rank and operation counts for APTI."""
    from boundcalc.apti.plan import apti_plan
    data = apti_plan(n=n, d=d, B=B, delta_F=delta_F, scale=scale, L=L, Lp=Lp).to_dict()
    if as_json:
        click.echo(json.dumps(data, indent=2))
        return
    click.echo(render(data))


def _short(text: str | None) -> str:
    """An exact number string for the terminal: p/q or digits up to 40 characters, else a decimal."""
    if text is None or len(text) <= 40:
        return "-" if text is None else text
    from boundcalc.numbers import Real, parse_exact
    try:
        return Real(parse_exact(text)).format(15)
    except Exception:   # already a decimal or tower string
        return text


def render(p: dict) -> str:
    i, iv, ac, dg = p["inputs"], p["interval"], p["accuracy"], p["degree"]
    i = {k: (v if k == "scale" else _short(v)) for k, v in i.items()}
    iv = dict(iv, R=_short(iv["R"]))
    ac = dict(ac, eps=_short(ac["eps"]), eps_as23_form=_short(ac["eps_as23_form"]))
    aa = dg["aa22"]
    lines = [
        f"APTI  n = {i['n']}" + (f" (L = {i['L']}, Lp = {i['Lp']})" if i["L"] != "-" else "")
        + f", d = {i['d']}, B = {i['B']}, delta_F = {i['delta_F']}, scale = {i['scale']}",
        f"interval      [-R, R] with {iv['formula']} = {iv['R']} (~{iv['R_decimal']})   [{iv['convention']}]",
        f"accuracy      eps = {ac['eps']} (~{ac['eps_decimal']})   rule: {ac['rule']}",
        f"              AS23 form [R]: eps = delta_F/(2B) = {ac['eps_as23_form']}",
        f"degree (AA22) {aa['expression']} ~ {aa['max_of_terms']}; hidden constant unknown"
        + (f" ({aa['note']})" if aa["note"] else ""),
    ]
    if dg["certified_degree"] is not None:
        lines.append(f"degree (cert) g = {dg['certified_degree']}  ({dg['construction']}; bound at g: "
                     f"{dg['bound_at_g']}, at g-1: {dg['bound_at_g_minus_1'] or '- (g = 0)'})")
        rk, op, fl = p["rank"], p["operations"], p["float64"]
        lines += [
            f"rank          r = C(d+g, g) = {rk['r_display']}   vs AS23-style C(2(g+d), 2g) = {rk['as23_display']} [R]",
            f"operations    n*r*d = {_short(op['lowrank'])}  vs  n^2*d = {_short(op['exact'])}  "
            f"(ratio {op['ratio_exact_over_lowrank']}); predicted crossover n* = {_short(op['predicted_crossover_n'])}",
            ("float64       " + (f"a-priori rounding bound {fl['a_priori_float_bound']}; "
                                 if fl.get("a_priori_float_bound") else f"{fl.get('note', 'no bound')}; ")
             + f"u*e^(2R) = {fl.get('unit_roundoff_times_e^(2R)', '-')}"),
        ]
    else:
        lines.append(f"degree (cert) not computed: {dg['note']}")
    th = p["threshold"]
    lines += [
        f"threshold     B/sqrt(ln n) = {th['B_over_sqrt_ln_n']}  (sqrt(ln n) = {th['sqrt_ln_n']}), "
        f"R/ln n = {th['R_over_ln_n']}, d/ln n = {th['d_over_ln_n']}",
    ]
    if "side" in th:
        lines.append(f"              {th['side']}; op-count exponents: low-rank {th['lowrank_time_exponent']}, "
                     f"exact {th['exact_time_exponent']}")
    lines.append(f"              {th['theorem_constants']}")
    if "convention_note" in th:
        lines.append(f"note          {th['convention_note']}")
    return "\n".join(lines)
