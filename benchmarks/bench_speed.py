"""The speed table of issue 23, each figure against a baseline measured in the same run.

Run: ``python benchmarks/bench_speed.py [--repeat N] [--json]``. Every command runs in a fresh
interpreter, as a user runs it, with bytecode caching on (as for an installed package) and a private,
empty cache folder. Reported:

- ``lp`` against ``python -c "import mpmath"``;
- the full ``audit --json`` against ``python -c "import sympy, flint"``: cold (``--no-cache``: every
  quote parsed, every simplification done), and warm (parses and sympy results cached, the audit itself
  not reused) at ``--jobs 1``, ``--jobs 2`` and ``--effort quick``;
- repeated ``report``, ``graph`` and ``explain`` calls on the same inputs against ``lp``;
- whether the audit JSON is byte-identical cold, warm and at ``--jobs 2``.

Nothing is asserted: speed is measured, not tested. The date and the machine are printed with the figures.
"""
from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LP = ["lp", "--d", "2", "--L", "3", "--eps", "0.1"]


class Runner:
    def __init__(self, cache_dir: str):
        self.env = dict(os.environ, PYTHONPATH=ROOT, BOUNDCALC_CACHE_DIR=cache_dir)
        for k in ("PYTHONDONTWRITEBYTECODE", "BOUNDCALC_NO_CACHE", "BOUNDCALC_PAPER", "BOUNDCALC_PAPER_TEXT"):
            self.env.pop(k, None)
        self.cache_dir = cache_dir

    def run(self, argv: list[str]) -> tuple[float, str]:
        t = time.perf_counter()
        out = subprocess.run(argv, capture_output=True, text=True, cwd=ROOT, env=self.env)
        took = time.perf_counter() - t
        if out.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(argv)} failed: {out.stderr.strip()[-500:]}")
        return took, out.stdout

    def cli(self, args: list[str]) -> tuple[float, str]:
        return self.run([sys.executable, "-m", "cli", *args])

    def median(self, argv: list[str], repeat: int) -> float:
        self.run(argv)                      # warm: bytecode written, files in the page cache
        return statistics.median(self.run(argv)[0] for _ in range(repeat))

    def forget_audits(self) -> None:
        """Drop stored audits and outputs, keep parsed quotes and sympy results."""
        for sub in ("audit", "output"):
            shutil.rmtree(os.path.join(self.cache_dir, sub), ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=7, help="runs per short command (median reported)")
    ap.add_argument("--audit-repeat", type=int, default=1, help="runs per full audit (min reported)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="boundcalc-bench-")
    try:
        out = measure(Runner(tmp), args.repeat, args.audit_repeat)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if args.json:
        print(json.dumps(out, indent=2))
        return
    print(f"{out['date']} on {out['machine']}")
    for row in out["rows"]:
        print(f"{row['what']:58s} {row['seconds']:8.3f} s  {row['ratio']:7.2f}x {row['baseline']}")
    print(f"audit JSON identical cold / warm / --jobs 2: {out['identical']}")


def measure(r: Runner, repeat: int, audit_repeat: int) -> dict:
    py = sys.executable
    rows = []

    def row(what: str, seconds: float, base: float, base_name: str) -> None:
        rows.append({"what": what, "seconds": round(seconds, 3), "ratio": round(seconds / base, 2),
                     "baseline": base_name})

    mp = r.median([py, "-c", "import mpmath"], repeat)
    lp = r.median([py, "-m", "cli", *LP], repeat)
    row("boundcalc lp --d 2 --L 3 --eps 0.1", lp, mp, f"python -c 'import mpmath' ({mp:.3f} s)")
    sf = r.median([py, "-c", "import sympy, flint"], repeat)
    base = f"python -c 'import sympy, flint' ({sf:.3f} s)"
    cold, cold_json = r.cli(["audit", "--json", "--no-cache"])
    row("audit --json --no-cache (cold)", cold, sf, base)
    r.cli(["audit", "--json"])               # fills the parse and sympy caches
    timings, outputs = {}, {}
    for name, extra in (("jobs 1", []), ("jobs 2", ["--jobs", "2"]), ("effort quick", ["--effort", "quick"])):
        runs = []
        for _ in range(audit_repeat):
            r.forget_audits()
            took, text = r.cli(["audit", "--json", *extra])
            runs.append(took)
        timings[name], outputs[name] = min(runs), text
        row(f"audit --json {' '.join(extra) or '--jobs 1'} (warm caches, no reuse)", timings[name], sf, base)
    rows.append({"what": "--jobs 2 / --jobs 1", "seconds": timings["jobs 2"],
                 "ratio": round(timings["jobs 2"] / timings["jobs 1"], 2), "baseline": "audit --jobs 1"})
    rows.append({"what": "--effort quick / default", "seconds": timings["effort quick"],
                 "ratio": round(timings["effort quick"] / timings["jobs 1"], 2), "baseline": "audit --jobs 1"})
    for args in (["report"], ["graph"], ["explain", "lemma-2.2"]):
        r.cli(args)                           # the first call audits (or reuses) and renders
        t = statistics.median(r.cli(args)[0] for _ in range(repeat))
        row(f"boundcalc {' '.join(args)} (repeat call)", t, lp, f"boundcalc lp ({lp:.3f} s)")
    identical = cold_json == outputs["jobs 1"] == outputs["jobs 2"]
    return {"date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
            "rows": rows, "identical": identical}


if __name__ == "__main__":
    main()
