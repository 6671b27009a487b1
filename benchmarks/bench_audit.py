"""Benchmark the full audit at default settings against baselines measured in the same run.

Run: ``PYTHONPATH=. python benchmarks/bench_audit.py [--repeat N]``. Reports wall-clock seconds,
the ratio of the full audit to (a) loading the registry and (b) auditing one node (Lemma 2.3 at
d=2, L=3, eps=1/10), and the ten slowest nodes. Nothing is asserted: speed is measured, not tested.
"""
from __future__ import annotations

import argparse
import json
import time


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=1, help="full-audit repetitions (min is reported)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    t0 = time.perf_counter()
    from proofs import registry
    reg = registry()
    t_load = time.perf_counter() - t0

    from boundcalc.audit import audit
    t0 = time.perf_counter()
    audit(node="lemma-2.3", params={"d": "2", "L": "3", "eps": "1/10"}, registry=reg)
    t_node = time.perf_counter() - t0

    runs, per_node = [], {}
    for _ in range(args.repeat):
        stamps = []
        t0 = time.perf_counter()
        rep = audit(registry=reg, progress=lambda done, total, rid: stamps.append((rid, time.perf_counter())))
        runs.append(time.perf_counter() - t0)
        prev = t0
        for rid, t in stamps:
            per_node[rid] = min(per_node.get(rid, float("inf")), t - prev)
            prev = t
    t_full = min(runs)
    slow = sorted(per_node.items(), key=lambda kv: -kv[1])[:10]
    out = {
        "nodes": len(reg), "registry_load_s": round(t_load, 3), "one_node_s": round(t_node, 3),
        "full_audit_s": round(t_full, 3), "full_over_load": round(t_full / t_load, 1),
        "full_over_one_node": round(t_full / t_node, 1),
        "slowest_nodes_s": {k: round(v, 3) for k, v in slow}, "summary": rep.summary["verdicts"],
    }
    if args.json:
        print(json.dumps(out, indent=2))
        return
    print(f"registry: {out['nodes']} nodes, loaded in {t_load:.3f} s (baseline 1)")
    print(f"one node (lemma-2.3 at d=2, L=3, eps=1/10): {t_node:.3f} s (baseline 2)")
    print(f"full audit (default settings, min of {args.repeat}): {t_full:.2f} s = "
          f"{out['full_over_load']} x load, {out['full_over_one_node']} x one node")
    print("slowest nodes: " + ", ".join(f"{k} {v:.2f} s" for k, v in slow))
    print("verdicts: " + json.dumps(out["summary"]))


if __name__ == "__main__":
    main()
