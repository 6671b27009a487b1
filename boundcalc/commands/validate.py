"""`boundcalc validate`: build the paper's constructions and evaluate them exactly."""
from __future__ import annotations

import json

import click

from boundcalc.errors import InputError


def _emit(res, as_json: bool) -> None:
    d = res.to_dict()
    if as_json:
        click.echo(json.dumps(d, indent=2))
        return
    for k, v in d.items():
        if isinstance(v, (dict, list)):
            v = json.dumps(v)
        click.echo(f"{k}: {v}")


@click.group(name="validate")
def command() -> None:
    """End-to-end checks of Lemma 2.2, Theorem 2.5 and Corollary I.0.1 on small cases."""


@command.command()
@click.option("--d", "d", type=int, default=1, show_default=True)
@click.option("--L", "L", type=int, default=2, show_default=True)
@click.option("--inv-delta", type=int, default=2, show_default=True, help="grid size 1/delta")
@click.option("--rank", type=int, default=1, show_default=True, help="rank rho of W_K, W_Q, W_V")
@click.option("--mode", type=click.Choice(["tight", "paper"]), default="tight", show_default=True)
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--json", "as_json", is_flag=True)
def contextual(d, L, inv_delta, rank, mode, seed, as_json):
    """Lemma 2.2 over all sequences of a small grid: measured gamma and id distance vs the stated delta."""
    from boundcalc.validate import validate_contextual
    _emit(validate_contextual(d, L, inv_delta, rank, mode, seed), as_json)


@command.command()
@click.option("--data", "data", required=True, type=click.Path(dir_okay=False), help='{"X": [...], "Y": [...]}')
@click.option("--eps", required=True, help="target error (exact decimal)")
@click.option("--alpha", type=int, default=1, show_default=True)
@click.option("--mode", type=click.Choice(["tight", "paper"]), default="tight", show_default=True)
@click.option("--C", "C", default=None, help="Lipschitz constant (default: the data's max ratio)")
@click.option("--inv-delta", type=int, default=None, help="override the grid size 1/delta")
@click.option("--rank", type=int, default=1, show_default=True)
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--export", type=click.Path(dir_okay=False), default=None, help="write the network as JSON")
@click.option("--json", "as_json", is_flag=True)
def memorize(data, eps, alpha, mode, C, inv_delta, rank, seed, export, as_json):
    """Theorem 2.5 end to end: build tau and the prompt, evaluate every example exactly."""
    from boundcalc.validate import validate_memorize
    try:
        text = open(data).read()
    except OSError as exc:
        raise InputError(f"cannot read {data}: {exc.strerror}") from None
    _emit(validate_memorize(text, eps, alpha, mode, C, inv_delta, rank, seed, export), as_json)


@command.command()
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--trials", type=int, default=200, show_default=True)
@click.option("--json", "as_json", is_flag=True)
def failure(seed, trials, as_json):
    """Corollary I.0.1: two examples sharing a token that no prompt memorizes (certified)."""
    from boundcalc.validate import validate_failure
    _emit(validate_failure(seed, trials), as_json)


@command.command()
@click.option("--f", "f", required=True, help="target: identity, shift, mean, sine, quarter")
@click.option("--eps", required=True, help="target error (exact decimal)")
@click.option("--mode", type=click.Choice(["tight", "paper"]), default="tight", show_default=True)
@click.option("--alpha", type=int, default=1, show_default=True)
@click.option("--d", "d", type=int, default=1, show_default=True)
@click.option("--L", "L", type=int, default=1, show_default=True)
@click.option("--C", "C", default=None, help="Lipschitz constant to use (>= the target's own)")
@click.option("--inv-delta", type=int, default=None, help="override the grid size 1/delta")
@click.option("--samples", type=int, default=200, show_default=True)
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--export", type=click.Path(dir_okay=False), default=None, help="write the network as JSON")
@click.option("--json", "as_json", is_flag=True)
def universality(f, eps, mode, alpha, d, L, C, inv_delta, samples, seed, export, as_json):
    """Theorem 2.3 end to end: T_A^{1,1,4} with a prompt for a built-in Lipschitz target; d_alpha vs eps."""
    from boundcalc.validate import validate_universality
    _emit(validate_universality(f, eps, mode, alpha, d, L, C, inv_delta, samples, seed, export), as_json)
