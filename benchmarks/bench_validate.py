"""The evaluator timings the README quotes, each against ``python -c 'import sympy, flint'`` in the same run.

    python benchmarks/bench_validate.py [--json] [--quick]

Every case runs ``boundcalc validate ... --json --timings`` in a fresh interpreter and reports the
wall time of the whole command with the seconds the command itself prints (build, evaluation).
``--quick`` skips the paper-mode memorize case (about 40 s). The header names the date and machine.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BASE = [sys.executable, "-c", "import sympy, flint"]


def _run(argv: list[str]) -> tuple[float, subprocess.CompletedProcess]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPATH"] = ROOT + os.pathsep + env.get("PYTHONPATH", "")
    t = time.perf_counter()
    p = subprocess.run(argv, capture_output=True, text=True, cwd=ROOT, env=env)
    return time.perf_counter() - t, p


def _cli(args: list[str]) -> tuple[float, subprocess.CompletedProcess]:
    return _run([sys.executable, "-m", "cli", *args])


def _seconds(out: str) -> str:
    """The build/eval seconds a ``--timings`` record prints, as a short string."""
    try:
        rec = json.loads(out)
    except ValueError:
        return ""
    parts = []
    for key in ("build_seconds", "eval_seconds"):
        if isinstance(rec.get(key), (int, float)):
            parts.append(f"{key.split('_')[0]} {rec[key]:.2f} s")
    return ", ".join(parts)


def cases(tmp: str, quick: bool) -> list[tuple[str, list[str], int]]:
    """(label, CLI arguments, expected exit code)."""
    data = os.path.join(tmp, "D.json")
    with open(data, "w") as fh:
        json.dump({"X": [[["0.1"]], [["0.7"]]], "Y": [[["0.2"]], [["0.9"]]]}, fh)
    big = os.path.join(tmp, "D3.json")
    with open(big, "w") as fh:
        json.dump({"X": [[[0, 0, 0]] * 3], "Y": [[[0, 0, 0]] * 3]}, fh)
    out = [
        ("validate contextual --d 2 --L 1 --inv-delta 2 (tight)",
         ["validate", "contextual", "--d", "2", "--L", "1", "--inv-delta", "2", "--json", "--timings"], 0),
        ("validate contextual --d 1 --L 2 --inv-delta 2 (tight)",
         ["validate", "contextual", "--d", "1", "--L", "2", "--inv-delta", "2", "--json", "--timings"], 0),
        ("validate memorize, d = L = 3, default grid (refused by cost)",
         ["validate", "memorize", "--data", big, "--eps", "1/10", "--json"], 2),
        ("validate universality --f identity --eps 0.5 --mode paper --inv-delta 2 --export",
         ["validate", "universality", "--f", "identity", "--eps", "0.5", "--mode", "paper", "--inv-delta", "2",
          "--export", os.path.join(tmp, "W.json"), "--json", "--timings"], 0),
    ]
    if not quick:
        out.append(("validate memorize --mode paper, d = L = 1, 1/delta = 2",
                    ["validate", "memorize", "--data", data, "--eps", "1/2", "--mode", "paper", "--inv-delta", "2",
                     "--json", "--timings"], 0))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--quick", action="store_true", help="skip the paper-mode memorize case")
    args = ap.parse_args()
    base, _ = _run(BASE)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for label, argv, want in cases(tmp, args.quick):
            secs, p = _cli(argv)
            if p.returncode != want:
                print(f"{label}: exit {p.returncode}, expected {want}: {p.stderr.strip()[:300]}", file=sys.stderr)
                return 1
            rows.append({"case": label, "seconds": round(secs, 3), "ratio": round(secs / base, 2),
                         "printed": _seconds(p.stdout), "exit": p.returncode})
    head = (f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC on {platform.machine()}, {os.cpu_count()} cores, "
            f"Python {platform.python_version()}; baseline `python -c 'import sympy, flint'` {base:.3f} s")
    if args.json:
        print(json.dumps({"schema": "boundcalc.bench_validate/1", "header": head, "baseline_seconds": base,
                          "rows": rows}, indent=2))
        return 0
    print(head)
    for r in rows:
        extra = f"  ({r['printed']})" if r["printed"] else ""
        print(f"{r['case']:<84} {r['seconds']:8.2f} s {r['ratio']:8.2f}x{extra}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
