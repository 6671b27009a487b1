"""Mutation harness: inject realistic mistakes into the paper's declarations and count what the audit catches.

Run: ``python benchmarks/bench_mutations.py [--json] [--limit N] [--seed S] [--jobs J]``.

Mutants are generated from the declaration modules' source by :mod:`boundcalc.mutation` (literals
perturbed in code and inside formula texts, relations flipped, hypotheses dropped or weakened,
exponents changed, ``uses`` dependencies swapped); ``--limit`` of them are chosen by ``--seed``,
operators in turn. Each runs in a worker process on a temporary copy of the package (the working
tree is never written); the audit of the touched nodes and their dependents is compared with the
unmutated audit. The kill rate is caught / (generated - equivalent). Nothing is asserted here.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path


def _positive(text: str) -> int:
    if not text.isdigit() or len(text) > 7 or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text[:40]!r}")
    return int(text)


def _seed(text: str) -> int:
    if not text.isdigit() or len(text) > 18:
        raise argparse.ArgumentTypeError(f"expected a non-negative integer below 10^18, got {text[:40]!r}")
    return int(text)


PAPER_TEXT = Path(__file__).resolve().parents[2] / "shared" / "paper" / "001_afd380e0f51532d9.txt"
"""The paper's text where the development machine keeps it (the tests use the same file)."""


def _default_text() -> str | None:
    return str(PAPER_TEXT) if PAPER_TEXT.is_file() else None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--json", action="store_true", help="print the result as JSON (schema boundcalc.mutations/1)")
    ap.add_argument("--limit", type=_positive, default=120, help="mutants to run (default 120)")
    ap.add_argument("--seed", type=_seed, default=0, help="seed of the mutant sample and of the audit (default 0)")
    ap.add_argument("--jobs", type=_positive, default=2, help="worker processes (default 2)")
    ap.add_argument("--timeout", type=_positive, default=120, help="seconds per mutant before 'timeout' (default 120)")
    ap.add_argument("--package", default="proofs", help="the paper package's module name (default proofs)")
    ap.add_argument("--paper-text", default=os.environ.get("BOUNDCALC_PAPER_TEXT") or _default_text(),
                    metavar="FILE",
                    help="the paper's text for the audit's quote and proof-reference checks (default: env "
                         "BOUNDCALC_PAPER_TEXT, else ../shared/paper/ beside the project when present; "
                         "'none': those checks are skipped)")
    ap.add_argument("--rev", default=None, help="take the package from this git revision instead of the working tree")
    args = ap.parse_args(argv)

    if args.paper_text == "none":
        args.paper_text = None
    if args.paper_text is not None and not os.path.isfile(args.paper_text):
        ap.error(f"--paper-text: no such file {args.paper_text[:80]!r}")
    import importlib.util

    spec = importlib.util.find_spec(args.package)
    if spec is None or not spec.submodule_search_locations:
        ap.error(f"cannot find package {args.package!r}")
    package_dir = Path(list(spec.submodule_search_locations)[0])

    import tempfile

    from boundcalc import mutation

    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        snap = mutation.snapshot(package_dir, tmp, args.package, args.rev)
        excluded: dict[str, int] = {}
        every = mutation.generate(snap, excluded=excluded)
        chosen = mutation.select(every, args.limit, args.seed)
        run = mutation.evaluate(args.package, snap, chosen, seed=args.seed, jobs=args.jobs,
                                timeout=args.timeout, paper_text=args.paper_text)
    out = {"schema": "boundcalc.mutations/1", "package": args.package, "rev": args.rev or "working tree",
           "paper_text": args.paper_text,
           "seed": args.seed, "limit": args.limit}
    out.update(mutation.summarize(run["results"], len(every), excluded))
    out["control_reproduces_baseline"] = run["control"]
    out["seconds"] = round(time.perf_counter() - t0, 1)
    out["mutants"] = run["results"]
    if args.json:
        print(json.dumps(out, indent=2))
        return 0
    rate = "n/a" if out["kill_rate"] is None else f"{100 * out['kill_rate']:.1f}%"
    print(f"{out['generated']} mutants (of {out['available']}) over {out['nodes']} nodes, seed {args.seed}: "
          f"{out['caught']} caught, {out['equivalent']} equivalent, {out['survived']} survived, "
          f"{out['timeout']} timed out; kill rate {rate} (goal 90%: {'met' if out['goal']['met'] else 'not met'})")
    strict = "n/a" if out["strict_kill_rate"] is None else f"{100 * out['strict_kill_rate']:.1f}%"
    print("caught by: " + ", ".join(f"{k} {v}" for k, v in out["caught_by"].items()) +
          f"; strict rate (a changed flagged finding not counted) {strict}")
    print(f"sites not mutated: {out['excluded_sites'].get('witness', 0)} inside custom checks (the audit's own "
          "witnesses, not declarations)")
    print(f"control (unmutated copy reproduces the baseline): {out['control_reproduces_baseline']}; "
          f"{out['caught_by_load_error']} caught because the mutated declaration did not load; "
          f"{out['seconds']} s")
    print("per operator:")
    for op, t in out["per_operator"].items():
        print(f"  {op:18s} {t['generated']:4d} generated  {t['caught']:4d} caught  {t['equivalent']:3d} equivalent"
              f"  {t['survived']:4d} survived")
    print("survivors:")
    for s in out["survivors"]:
        print(f"  {s['id']:40s} {','.join(s['nodes'])[:40]:40s} {s['description'][:80]}")
    print("equivalent:")
    for e in out["equivalents"]:
        print(f"  {e['id']:40s} {e['reason'][:100]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
