"""Benchmark `boundcalc lp`: wall time of the command against a bare interpreter start, same run.

Usage: python benchmarks/bench_lp.py [--repeat N]
Prints medians and the ratio command / bare interpreter (the part of the time boundcalc adds).
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time

from machine import header  # noqa: E402  (benchmarks/machine.py: date and machine line)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CASES = {
    "paper example (d=2, L=3, eps=0.1)": ["lp", "--d", "2", "--L", "3", "--eps", "0.1"],
    "huge (d=1000, L=1000, eps=1e-12)": ["lp", "--d", "1000", "--L", "1000", "--eps", "1e-12"],
    "json (d=2, L=3, eps=0.1)": ["lp", "--d", "2", "--L", "3", "--eps", "0.1", "--json"],
}


def timed(cmd: list[str], repeat: int) -> float:
    env = dict(os.environ, PYTHONPATH=ROOT)
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT, env=env)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    base = timed([sys.executable, "-c", "pass"], args.repeat)
    click_only = timed([sys.executable, "-c", "import click"], args.repeat)
    print(header())
    print(f"baseline: bare interpreter {base * 1000:.0f} ms, interpreter + click {click_only * 1000:.0f} ms")
    for name, argv in CASES.items():
        t = timed([sys.executable, "-m", "cli", *argv], args.repeat)
        print(f"{name:38s} {t * 1000:6.0f} ms   {t / base:5.1f}x bare interpreter   "
              f"+{(t - base) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
