"""Benchmark: low-rank polynomial attention vs exact attention (same inputs, same run).

    PYTHONPATH=. python benchmarks/bench_apti.py [--quick] [--json out.json] [--plot docs/img/apti_phase.png]

1. grid: n = 2^10..2^16 (quick: ..2^13), d = 4, B in {0.25, 0.5, 0.75}, entries uniform in [-B, B],
   delta_F = 1/n, no score scaling (paper's Problem 1): time, speedup, measured error vs certified bound;
2. crossover: n = 2^5..2^11 at B = 0.5, the measured crossover next to the predicted n* = r + 1;
3. phase transition: fixed n, scale 1/d (Alman-Song's convention, R = B^2), sweep B up to past
   sqrt(ln n): time and rank of both methods, plotted (matplotlib, Agg).
"""
from __future__ import annotations

import argparse
import json
import math
import time
from fractions import Fraction

import numpy as np

from boundcalc.apti.lowrank import exact_attention, lowrank_attention_detailed
from boundcalc.apti.plan import apti_plan
from boundcalc.errors import InputError

from machine import header  # noqa: E402  (benchmarks/machine.py: date and machine line)


def timed(fn, repeat=1):
    best, out = math.inf, None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t)
    return best, out


def inputs(n, d, B, seed):
    rng = np.random.default_rng(seed)
    return [rng.uniform(-B, B, (n, d)) for _ in range(3)]


def run_case(n, d, B, delta, scale=None, seed=0, repeat_low=2):
    Q, K, V = inputs(n, d, B, seed)
    row = {"n": n, "d": d, "B": B, "delta_F": str(delta), "scale": scale or "none"}
    t_ex, Z_ex = timed(lambda: exact_attention(Q, K, V, scale=scale))
    row["t_exact"] = t_ex
    try:
        t_lr, res = timed(lambda: lowrank_attention_detailed(Q, K, V, delta, scale=scale), repeat_low)
    except InputError as exc:
        row.update(refused=str(exc))
        return row
    err = float(np.abs(res.Z - Z_ex).max())
    row.update(t_lowrank=t_lr, speedup=t_ex / t_lr, degree=res.degree, rank=res.rank, R=res.R,
               max_error=err, bound=res.bound, bound_met=err <= res.bound <= float(delta))
    return row


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="small sizes only (about 20 s)")
    ap.add_argument("--json", default=None, help="write all rows to this JSON file")
    ap.add_argument("--plot", default=None, help="write the phase-transition PNG to this path (none by default; the committed docs/img/apti_phase.png is only rewritten when asked)")
    a = ap.parse_args(argv)
    d = 4
    out = {"grid": [], "crossover": [], "phase": {}}

    exps = range(10, 14) if a.quick else range(10, 17)
    Bs = [0.5] if a.quick else [0.25, 0.5, 0.75]
    print(header())
    print("## grid: d = 4, delta_F = 1/n, no scaling")
    print("| n | B | g | r | t_exact s | t_lowrank s | speedup | max error | certified bound | <= delta_F |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for B in Bs:
        for e in exps:
            n = 2 ** e
            row = run_case(n, d, B, Fraction(1, n))
            out["grid"].append(row)
            if "refused" in row:
                print(f"| {n} | {B} | refused: {row['refused']} |")
                continue
            print(f"| {n} | {B} | {row['degree']} | {row['rank']} | {row['t_exact']:.3g} | {row['t_lowrank']:.3g} | "
                  f"{row['speedup']:.1f}x | {row['max_error']:.2e} | {row['bound']:.2e} | {row['bound_met']} |")

    print("\n## crossover at B = 0.5, d = 4, delta_F = 1e-4 (fixed, so r does not change with n)")
    delta = Fraction(1, 10 ** 4)
    measured = None
    for e in range(5, 12):
        n = 2 ** e
        row = run_case(n, d, 0.5, delta, repeat_low=5)
        row["t_exact"] = min(row["t_exact"], timed(lambda: exact_attention(*inputs(n, d, 0.5, 0)), 5)[0])
        row["speedup"] = row["t_exact"] / row["t_lowrank"]
        out["crossover"].append(row)
        if measured is None and row["speedup"] > 1:
            measured = n
        print(f"n = {n}: r = {row['rank']}, exact {row['t_exact']:.3g}s, low-rank {row['t_lowrank']:.3g}s, "
              f"speedup {row['speedup']:.2f}")
    pred = int(apti_plan(n=2 ** 10, d=d, B="0.5", delta_F="1e-4").to_dict()["operations"]["predicted_crossover_n"])
    out["crossover_measured_grid_n"], out["crossover_predicted_n"] = measured, pred
    print(f"predicted crossover (op count n*r*d vs n^2*d, worst-case R = dB^2): n* = {pred}; "
          f"measured: first grid n with speedup > 1 = {measured}")

    n_ph = 2 ** 12 if a.quick else 2 ** 14
    sq = math.sqrt(math.log(n_ph))
    Bgrid = [round(x, 3) for x in np.linspace(0.25, 1.15 * sq, 8 if a.quick else 14)]
    print(f"\n## phase transition: n = {n_ph}, d = 4, scale 1/d (R = B^2), delta_F = 1/n, sqrt(ln n) = {sq:.3f}")
    rows = []
    for B in Bgrid:
        row = run_case(n_ph, d, B, Fraction(1, n_ph), scale="1/d", repeat_low=1)
        plan = apti_plan(n=n_ph, d=d, B=str(B), delta_F=f"1/{n_ph}", scale="1/d").to_dict()
        row["plan_rank"] = int(plan["rank"]["r"]) if plan["rank"].get("r") else None
        rows.append(row)
        print(f"B = {B}: " + (f"refused ({row['refused'][:70]}...)" if "refused" in row else
                              f"g = {row['degree']}, r = {row['rank']}, speedup {row['speedup']:.2f}, "
                              f"err {row['max_error']:.1e} <= {row['bound']:.1e}") + f"; worst-case plan rank {row['plan_rank']}")
    out["phase"] = {"n": n_ph, "sqrt_ln_n": sq, "rows": rows}
    if a.plot:
        plot(out["phase"], a.plot)
        print(f"plot written to {a.plot}")
    if a.json:
        with open(a.json, "w") as fh:
            json.dump(out, fh, indent=1, default=str)


def plot(phase, path):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    rows, n, sq = phase["rows"], phase["n"], phase["sqrt_ln_n"]
    B = [r["B"] for r in rows]
    fig, (ax1, ax2) = plt.subplots(2, 1, figsize=(7, 7), sharex=True)
    ax1.plot(B, [r["t_exact"] for r in rows], "o-", label="exact attention (n^2 d)")
    ok = [r for r in rows if "t_lowrank" in r]
    ax1.plot([r["B"] for r in ok], [r["t_lowrank"] for r in ok], "s-", label="low-rank, certified")
    bad = [r["B"] for r in rows if "refused" in r]
    if bad:
        ax1.plot(bad, [rows[0]["t_exact"]] * len(bad), "x", color="red", label="low-rank refused (float64 floor)")
    ax1.set_yscale("log"); ax1.set_ylabel("time (s)"); ax1.legend(fontsize=8)
    ax1.set_title(f"n = {n}, d = 4, delta_F = 1/n, scores q.k/d (R = B^2)")
    ax2.plot(B, [r.get("plan_rank") or np.nan for r in rows], "^-", label="rank C(d+g,g), worst case R = B^2")
    ax2.plot([r["B"] for r in ok], [r["rank"] for r in ok], "s", label="rank used (data R)")
    ax2.axhline(n, color="gray", ls=":", label="n (exact attention's rank)")
    ax2.set_yscale("log"); ax2.set_ylabel("rank r"); ax2.set_xlabel("entry bound B"); ax2.legend(fontsize=8)
    for ax in (ax1, ax2):
        ax.axvline(sq, color="k", ls="--")
    ax2.text(sq, ax2.get_ylim()[0] * 2, " sqrt(ln n)", fontsize=9)
    fig.tight_layout()
    fig.savefig(path, dpi=90)


if __name__ == "__main__":
    main()
