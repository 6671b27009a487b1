"""Benchmark the full default audit at --jobs 1 and --jobs 2 against baselines measured in the same run.

Run: ``python benchmarks/bench_audit.py [--json] [--repeat N]``. Reports wall-clock seconds of loading
the registry and of auditing one node (Lemma 2.3 at d=2, L=3, eps=1/10), the full audit at jobs 1 and
jobs 2 as ratios against them, whether both full reports are identical, and the slowest nodes.
Nothing is asserted: speed is measured, not tested.
"""
from __future__ import annotations

import argparse
import json
import time

from machine import header  # noqa: E402  (benchmarks/machine.py: date and machine line)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=1, choices=range(1, 11), metavar="N",
                    help="full-audit repetitions per jobs value (1 to 10; min is reported)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    from boundcalc import paper

    t0 = time.perf_counter()
    reg = paper.load()
    t_load = time.perf_counter() - t0

    from boundcalc.audit import audit
    t0 = time.perf_counter()
    audit(node="lemma-2.3", params={"d": "2", "L": "3", "eps": "1/10"}, registry=reg)
    t_node = time.perf_counter() - t0

    full, reports, per_node = {}, {}, {}
    for jobs in (1, 2):
        runs = []
        for _ in range(args.repeat):
            stamps = []
            t0 = time.perf_counter()
            rep = audit(registry=reg, jobs=jobs,
                        progress=lambda done, total, rid: stamps.append((rid, time.perf_counter())))
            runs.append(time.perf_counter() - t0)
            if jobs == 1:
                prev = t0
                for rid, t in stamps:
                    per_node[rid] = min(per_node.get(rid, float("inf")), t - prev)
                    prev = t
        full[jobs] = min(runs)
        reports[jobs] = json.dumps(rep.to_dict(), sort_keys=True)
    slow = sorted(per_node.items(), key=lambda kv: -kv[1])[:10]
    out = {
        "nodes": len(reg), "registry_load_s": round(t_load, 3), "one_node_s": round(t_node, 3),
        "full_audit_s": {"jobs_1": round(full[1], 2), "jobs_2": round(full[2], 2)},
        "full_over_load": {f"jobs_{j}": round(full[j] / t_load, 1) for j in full},
        "full_over_one_node": {f"jobs_{j}": round(full[j] / t_node, 1) for j in full},
        "speedup_jobs_2": round(full[1] / full[2], 2),
        "same_report": reports[1] == reports[2],
        "slowest_nodes_s": {k: round(v, 3) for k, v in slow}, "summary": rep.summary["verdicts"],
    }
    if args.json:
        print(json.dumps(out, indent=2))
        return
    print(header())
    print(f"registry: {out['nodes']} nodes, loaded in {t_load:.3f} s (baseline 1)")
    print(f"one node (lemma-2.3 at d=2, L=3, eps=1/10): {t_node:.3f} s (baseline 2)")
    for j in (1, 2):
        print(f"full audit --jobs {j} (min of {args.repeat}): {full[j]:.2f} s = "
              f"{out['full_over_load'][f'jobs_{j}']} x load, {out['full_over_one_node'][f'jobs_{j}']} x one node")
    print(f"speed-up with 2 jobs: {out['speedup_jobs_2']}; same report: {out['same_report']}")
    print("slowest nodes (jobs 1): " + ", ".join(f"{k} {v:.2f} s" for k, v in slow))


if __name__ == "__main__":
    main()
