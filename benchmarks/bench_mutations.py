"""Mutation harness: inject realistic mistakes into the paper's declarations and count what the audit catches.

Run: ``python benchmarks/bench_mutations.py [--json] [--limit N] [--seed S] [--jobs J] [--paper-level | --both]``.

Mutants are generated from the declaration modules' source by :mod:`boundcalc.mutation` (literals
perturbed in code and inside formula texts, relations flipped, hypotheses dropped or weakened,
exponents changed, ``uses`` dependencies swapped); ``--limit`` of them are chosen by ``--seed``,
operators in turn. Each runs in a worker process on a temporary copy of the package (the working
tree is never written); the audit of the touched nodes and their dependents is compared with the
unmutated audit. The kill rate is caught / (generated - equivalent). Nothing is asserted here.

Two modes. *Transcription* (the default): the declaration alone is edited, so a quote of the printed
formula disagrees with it and the text checks can catch it without mathematics. *Paper level*
(``--paper-level``): the same edits of formulas, relations and domains, made as if the paper had
printed them: the quotes and a private copy of the paper text are rewritten to agree
(:mod:`boundcalc.mutation.paper_level`), so only computation can catch them. Every caught mutant
records how: search, proof, axiom, comparison (the computed mechanisms), text, or load.
``--both`` runs the two modes on the same seed and prints them side by side.
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
    mode = ap.add_mutually_exclusive_group()
    mode.add_argument("--paper-level", action="store_true",
                      help="paper-level mutants: quotes and a copy of the paper text print the error too")
    mode.add_argument("--both", action="store_true", help="run both modes and report them side by side")
    ap.add_argument("--progress", default=None, metavar="FILE",
                    help="append each mutant's record to FILE (JSON lines) as soon as it is ready; the sample then "
                         "runs in a seeded random order, so a run stopped early leaves a random part of it")
    args = ap.parse_args(argv)

    if args.paper_text == "none":
        args.paper_text = None
    if args.paper_text is not None and not os.path.isfile(args.paper_text):
        ap.error(f"--paper-text: no such file {args.paper_text[:80]!r}")
    if (args.paper_level or args.both) and args.paper_text is None:
        ap.error("--paper-level needs the paper's text (--paper-text FILE or BOUNDCALC_PAPER_TEXT)")
    import importlib.util

    spec = importlib.util.find_spec(args.package)
    if spec is None or not spec.submodule_search_locations:
        ap.error(f"cannot find package {args.package!r}")
    package_dir = Path(list(spec.submodule_search_locations)[0])

    import tempfile

    from boundcalc import mutation

    modes = ["transcription", "paper"] if args.both else ["paper"] if args.paper_level else ["transcription"]
    reports = {}
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        snap = mutation.snapshot(package_dir, tmp, args.package, args.rev)
        excluded: dict[str, int] = {}
        every = mutation.generate(snap, excluded=excluded)
        shared = time.perf_counter() - t0
        for mode in modes:
            reports[mode] = _run_mode(mode, args, snap, every, excluded, shared)
    if args.both:
        out = {"schema": "boundcalc.mutations/2", "package": args.package, "seed": args.seed, "limit": args.limit,
               "modes": reports}
    else:
        out = reports[modes[0]]
    if args.json:
        print(json.dumps(out, indent=2))
        return 0
    for mode in modes:
        _print_mode(reports[mode])
    if args.both:
        _print_side_by_side(reports)
    return 0


def _run_mode(mode: str, args, snap, every, excluded, shared: float) -> dict:
    """One mode's sample, run and summary (the JSON keys of boundcalc.mutations/1 plus the mechanisms)."""
    from boundcalc import mutation
    from boundcalc.mutation import paper_level as pl

    t0 = time.perf_counter()
    printing = None
    if mode == "paper":
        # the printed forms are searched for a seeded over-sample of the printable mutants (covering nodes
        # first), then the sample is drawn from those whose every quote and the text can print the error
        cands = [m for m in every if m.operator in pl.PRINTABLE_OPERATORS]
        pre = mutation.select(cands, min(len(cands), args.limit + args.limit // 3), args.seed)
        pool, printing = pl.paper_level(args.package, snap, pre, args.paper_text, jobs=args.jobs,
                                        keep_unquoted=True)
        chosen = mutation.select(pool, args.limit, args.seed)
    else:
        chosen = mutation.select(every, args.limit, args.seed)
    if args.progress and printing is not None:
        with open(args.progress, "a", encoding="utf-8") as fh:
            fh.write(json.dumps({"run_mode": mode, "printing": printing, "sample": len(chosen),
                                 "printed_in_sample": sum(1 for m in chosen if m.text_edits)}) + "\n")
    on_result = None
    if args.progress:
        import random

        order = list(chosen)
        random.Random(f"{args.seed}:{mode}").shuffle(order)

        def on_result(rec, path=args.progress, mode=mode):
            with open(path, "a", encoding="utf-8") as fh:
                fh.write(json.dumps(dict(rec, run_mode=mode)) + "\n")
        run = mutation.evaluate(args.package, snap, order, seed=args.seed, jobs=args.jobs, timeout=args.timeout,
                                paper_text=args.paper_text, on_result=on_result)
        by_id = {r["id"]: r for r in run["results"]}
        run["results"] = [by_id[m.id] for m in chosen]
    else:
        run = mutation.evaluate(args.package, snap, chosen, seed=args.seed, jobs=args.jobs,
                                timeout=args.timeout, paper_text=args.paper_text)
    out = {"schema": "boundcalc.mutations/1", "mode": mode, "package": args.package,
           "rev": args.rev or "working tree", "paper_text": args.paper_text, "seed": args.seed, "limit": args.limit}
    if mode == "paper":
        out.update(mutation.summarize(run["results"], len(pool), excluded, goal_rate=0.7,
                                      goal_of="computed_kill_rate"))
        out["printing"] = printing
        out["printed_in_sample"] = sum(1 for m in chosen if m.text_edits)
        printed = [r for r in run["results"] if r.get("text_edits")]
        part = mutation.summarize(printed, len(printed), goal_rate=0.7, goal_of="computed_kill_rate")
        out["printed_only"] = {k: part[k] for k in ("generated", "equivalent", "caught", "caught_by_computation",
                                                    "kill_rate", "computed_kill_rate", "mechanism")}
    else:
        out.update(mutation.summarize(run["results"], len(every), excluded))
    out["control_reproduces_baseline"] = run["control"]
    out["seconds"] = round(time.perf_counter() - t0 + shared, 1)
    out["mutants"] = run["results"]
    return out


def _pct(x) -> str:
    return "n/a" if x is None else f"{100 * x:.1f}%"


def _print_mode(out: dict) -> None:
    goal = out["goal"]
    print(f"[{out['mode']}] {out['generated']} mutants (of {out['available']}) over {out['nodes']} nodes, "
          f"seed {out['seed']}: {out['caught']} caught, {out['equivalent']} equivalent, {out['survived']} survived, "
          f"{out['timeout']} timed out; kill rate {_pct(out['kill_rate'])}, by computation "
          f"{_pct(out['computed_kill_rate'])} (goal {_pct(goal['rate'])} of {goal['of']}: "
          f"{'met' if goal['met'] else 'not met'})")
    print("caught by (primary mechanism): " + ", ".join(f"{k} {v}" for k, v in out["mechanism"].items()))
    print("mechanisms involved: " + ", ".join(f"{k} {v}" for k, v in out["mechanisms_involved"].items()))
    print("caught by (difference): " + ", ".join(f"{k} {v}" for k, v in out["caught_by"].items()) +
          "; strict rate (a changed flagged finding counted only when certified) "
          f"{_pct(out['strict_kill_rate'])}, by computation "
          f"{_pct(out['strict_computed_kill_rate'])}")
    if out.get("printing"):
        p = out["printing"]
        print(f"printing: {p['printed']} printed (quote and text rewritten), {p['unquoted']} unquoted (no quote shows "
              f"the formula), {p['unprintable']} unprintable, of an over-sample of "
              f"{p['printed'] + p['unquoted'] + p['unprintable']}; {out['printed_in_sample']} printed in the sample")
        q = out["printed_only"]
        print(f"printed mutants only: {q['generated']}, {q['equivalent']} equivalent, {q['caught']} caught, "
              f"{q['caught_by_computation']} by computation ({_pct(q['computed_kill_rate'])})")
    print(f"sites not mutated: {out['excluded_sites'].get('witness', 0)} inside custom checks (the audit's own "
          "witnesses, not declarations)")
    print(f"control (unmutated copy reproduces the baseline): {out['control_reproduces_baseline']}; "
          f"{out['caught_by_load_error']} caught because the mutated declaration did not load; "
          f"{out['seconds']} s")
    print("per operator:")
    for op, t in out["per_operator"].items():
        if t["generated"]:
            print(f"  {op:18s} {t['generated']:4d} generated  {t['caught']:4d} caught  {t['equivalent']:3d} "
                  f"equivalent  {t['survived']:4d} survived")
    print("survivors:")
    for s in out["survivors"]:
        print(f"  {s['id']:40s} {','.join(s['nodes'])[:40]:40s} {s['description'][:80]}")
    print("equivalent:")
    for e in out["equivalents"]:
        print(f"  {e['id']:40s} {e['reason'][:100]}")
    print()


def _print_side_by_side(reports: dict) -> None:
    rows = [("mutants", "generated"), ("nodes", "nodes"), ("equivalent", "equivalent"), ("caught", "caught"),
            ("caught by computation", "caught_by_computation"), ("survived", "survived"), ("timed out", "timeout"),
            ("kill rate", "kill_rate"), ("kill rate by computation", "computed_kill_rate"),
            ("  strict (status, flag or certified evidence)", "strict_computed_kill_rate")]
    rows += [(f"  primary: {k}", ("mechanism", k)) for k in reports["paper"]["mechanism"]]
    t, p = reports["transcription"], reports["paper"]
    print(f"{'':28s} {'transcription':>14s} {'paper level':>14s}")
    for label, key in rows:
        a, b = ((t[key[0]][key[1]], p[key[0]][key[1]]) if isinstance(key, tuple) else (t[key], p[key]))
        fa, fb = (_pct(a), _pct(b)) if "rate" in label else (str(a), str(b))
        print(f"{label:28s} {fa:>14s} {fb:>14s}")


if __name__ == "__main__":
    sys.exit(main())
