"""`boundcalc validate`: build the paper's constructions and evaluate them exactly.

Every option is checked before any work (one line on stderr, exit 2, nothing written); long runs are
estimated first and refused past ``--max-cost``; Ctrl-C stops with exit 130 and no half-written file.
JSON schemas: docs/validate.md.
"""
from __future__ import annotations

import json
import sys

import click

from boundcalc.commands._common import OutputFile, check_count, check_seed, read_text_utf8

LIMITS = {"d": 8, "L": 8, "inv_delta": 1000, "rank": 8, "alpha": 16, "samples": 100_000, "trials": 100_000}

_mode = click.option("--mode", type=click.Choice(["tight", "paper"]), default="tight", show_default=True,
                     help="tight: the corrected construction's small constants; paper: the printed constants")
_seed = click.option("--seed", type=int, default=0, show_default=True,
                     help="seed of the random weights / search, integer in [0, 2^63)")
_json = click.option("--json", "as_json", is_flag=True, help="print the JSON record (schema: docs/validate.md)")
_timings = click.option("--timings", is_flag=True, help="include wall-clock seconds (output then varies run to run)")


def _flat(d: dict, prefix: str = "") -> list[tuple[str, str]]:
    out = []
    for k, v in d.items():
        if k == "schema":
            continue
        key = f"{prefix}{k}".replace("_", " ")
        if isinstance(v, dict):
            out += _flat(v, f"{prefix}{k}.")
        elif v is None:
            out.append((key, "not computed"))
        elif isinstance(v, bool):
            out.append((key, "yes" if v else "no"))
        elif isinstance(v, list):
            if all(isinstance(x, str) and len(x) > 30 for x in v) and v:
                out.append((key, ""))
                out += [("", f"- {x}") for x in v]
            else:
                out.append((key, json.dumps(v) if v else "none"))
        else:
            out.append((key, _short(str(v))))
    return out


def _short(text: str) -> str:
    """An exact decimal or integer longer than 40 characters as 15 significant digits (a·10^b); the JSON
    record keeps every digit."""
    if len(text) <= 40:
        return text
    from boundcalc.errors import InputError
    from boundcalc.numbers import Real, parse_exact
    try:
        return Real(parse_exact(text)).format(15) + f"  (exact: {len(text)} characters, see --json)"
    except InputError:
        return text


def render(d: dict, title: str) -> str:
    rows = _flat(d)
    w = min(32, max(len(k) for k, _ in rows))
    return "\n".join([title] + [f"  {k:<{w}}  {v}" if k else f"  {'':<{w}}  {v}" for k, v in rows])


def _emit(res, as_json: bool, timings: bool, title: str) -> None:
    d = res.to_dict(timings=timings)
    click.echo(json.dumps(d, indent=2) if as_json else render(d, title))


class _Bar:
    """click.progressbar on stderr, only when stderr is a terminal."""

    def __init__(self, label: str, quiet: bool):
        self.label, self.on, self.bar = label, not quiet and sys.stderr.isatty(), None

    def __call__(self, done: int, total: int) -> None:
        if not self.on:
            return
        if self.bar is None:
            self.bar = click.progressbar(length=total, label=self.label, file=sys.stderr, show_pos=True)
            self.bar.__enter__()
        self.bar.update(1)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


def _run(fn, label: str, quiet: bool, out: OutputFile | None = None):
    bar = _Bar(label, quiet)
    try:
        res = fn(bar)
        if out is not None:
            out.commit()
        return res
    except KeyboardInterrupt:
        bar.close()
        if out is not None:
            out.discard()
        click.echo("boundcalc: interrupted (nothing written)", err=True)
        sys.exit(130)
    finally:
        bar.close()
        if out is not None:
            out.discard()


@click.group(name="validate")
def command() -> None:
    """End-to-end checks on small cases: contextual (Lemma 2.2), universality (Theorem 2.3), memorize
    (Theorem 2.5) and failure (Corollary I.0.1)."""


@command.command()
@click.option("--d", "d", type=int, default=1, show_default=True, help="token dimension d, 1..8")
@click.option("--L", "L", type=int, default=2, show_default=True, help="sequence length L, 1..8")
@click.option("--inv-delta", type=int, default=2, show_default=True, help="grid size 1/delta, 2..1000")
@click.option("--rank", type=int, default=1, show_default=True, help="rank rho of W_K, W_Q, W_V, 1..d")
@_mode
@_seed
@click.option("--max-cost", type=int, default=None,
              help="refuse runs whose estimated cost exceeds this [default: 1e9; see docs/validate.md]")
@_json
@_timings
def contextual(d, L, inv_delta, rank, mode, seed, max_cost, as_json, timings):
    """Lemma 2.2 over all sequences of a small grid: measured gamma and id distance vs the stated delta."""
    from proofs.validate import MAX_COST, validate_contextual
    check_count(d, "--d", 1, LIMITS["d"]), check_count(L, "--L", 1, LIMITS["L"])
    check_count(inv_delta, "--inv-delta", 2, LIMITS["inv_delta"]), check_count(rank, "--rank", 1, LIMITS["rank"])
    check_seed(seed)
    mc = MAX_COST if max_cost is None else check_count(max_cost, "--max-cost", 1, 10 ** 18)
    _emit(_run(lambda p: validate_contextual(d, L, inv_delta, rank, mode, seed, max_cost=mc, progress=p),
               "sequences", as_json), as_json, timings, "validate contextual (Lemma 2.2)")


@command.command()
@click.option("--data", "data", required=True, help='UTF-8 JSON file {"X": [...], "Y": [...]} (entries in [0, 1])')
@click.option("--eps", required=True, help="target error eps > 0 (exact decimal or p/q)")
@click.option("--alpha", type=int, default=1, show_default=True, help="norm exponent alpha, 1..16")
@_mode
@click.option("--C", "C", default=None, help="Lipschitz constant (default: the data's max ratio)")
@click.option("--inv-delta", type=int, default=None, help="override the grid size 1/delta, 2..1000")
@click.option("--rank", type=int, default=1, show_default=True, help="rank rho of the attention weights, 1..d")
@_seed
@click.option("--max-cost", type=int, default=None,
              help="limit on the grid sequences (1/delta)^(d n) [default: 5000]")
@click.option("--export", default=None, help="write the network as JSON (schema boundcalc-transformer/2)")
@_json
@_timings
def memorize(data, eps, alpha, mode, C, inv_delta, rank, seed, max_cost, export, as_json, timings):
    """Theorem 2.5 end to end: build tau and the prompt, evaluate every example exactly."""
    from proofs.validate import MAX_SEQUENCES, validate_memorize
    check_count(alpha, "--alpha", 1, LIMITS["alpha"]), check_count(rank, "--rank", 1, LIMITS["rank"])
    if inv_delta is not None:
        check_count(inv_delta, "--inv-delta", 2, LIMITS["inv_delta"])
    check_seed(seed)
    mc = MAX_SEQUENCES if max_cost is None else check_count(max_cost, "--max-cost", 1, 10 ** 18)
    text = read_text_utf8(data, "--data")
    out = OutputFile(export, "--export") if export is not None else None

    def work(p):
        res = validate_memorize(text, eps, alpha, mode, C, inv_delta, rank, seed, out.tmp if out else None,
                                max_cost=mc, progress=p)
        if out:
            res.data["exported"] = export
        return res
    try:
        res = _run(work, "examples", as_json, out)
    finally:
        if out:
            out.discard()
    _emit(res, as_json, timings, "validate memorize (Theorem 2.5)")


@command.command()
@_seed
@click.option("--trials", type=int, default=200, show_default=True, help="random prompts tried, 1..100000")
@_json
@_timings
def failure(seed, trials, as_json, timings):
    """Corollary I.0.1: two examples sharing a token that no prompt memorizes (certified)."""
    from proofs.validate import validate_failure
    check_seed(seed), check_count(trials, "--trials", 1, LIMITS["trials"])
    _emit(_run(lambda p: validate_failure(seed, trials), "trials", as_json), as_json, timings,
          "validate failure (Corollary I.0.1)")


@command.command()
@click.option("--f", "f", required=True, help="target: identity, shift, mean, sine, quarter")
@click.option("--eps", required=True, help="target error eps > 0 (exact decimal or p/q)")
@_mode
@click.option("--alpha", type=int, default=1, show_default=True, help="norm exponent alpha, 1..16")
@click.option("--d", "d", type=int, default=1, show_default=True, help="token dimension d, 1..8")
@click.option("--L", "L", type=int, default=1, show_default=True, help="sequence length L, 1..8")
@click.option("--C", "C", default=None, help="Lipschitz constant to use (>= the target's own)")
@click.option("--inv-delta", type=int, default=None, help="override the grid size 1/delta, 2..1000")
@click.option("--samples", type=int, default=200, show_default=True, help="Monte Carlo samples, 1..100000")
@_seed
@click.option("--max-cost", type=int, default=None,
              help="limit on the grid sequences [default: 8 in paper mode, 1100 in tight mode]")
@click.option("--export", default=None, help="write the network as JSON (schema boundcalc-transformer/2)")
@_json
@_timings
def universality(f, eps, mode, alpha, d, L, C, inv_delta, samples, seed, max_cost, export, as_json, timings):
    """Theorem 2.3 end to end: T_A^{1,1,4} with a prompt for a built-in Lipschitz target; d_alpha vs eps."""
    from boundcalc.errors import InputError
    from proofs.validate import TARGETS, validate_universality
    if f not in TARGETS:
        raise InputError(f"--f: unknown target {f[:40]!r}; choose one of {', '.join(TARGETS)}")
    check_count(alpha, "--alpha", 1, LIMITS["alpha"]), check_count(d, "--d", 1, LIMITS["d"])
    check_count(L, "--L", 1, LIMITS["L"]), check_count(samples, "--samples", 1, LIMITS["samples"])
    if inv_delta is not None:
        check_count(inv_delta, "--inv-delta", 2, LIMITS["inv_delta"])
    check_seed(seed)
    mc = None if max_cost is None else check_count(max_cost, "--max-cost", 1, 10 ** 18)
    out = OutputFile(export, "--export") if export is not None else None

    def work(p):
        res = validate_universality(f, eps, mode, alpha, d, L, C, inv_delta, samples, seed,
                                    out.tmp if out else None, max_cost=mc, progress=p)
        if out:
            res.data["exported"] = export
        return res
    _emit(_run(work, "samples", as_json, out), as_json, timings, "validate universality (Theorem 2.3)")
