"""`boundcalc audit`: run every node's checks in dependency order; exit 1 when something is refuted."""
from __future__ import annotations

import json
import sys

import click


@click.command("audit")
@click.option("--node", default=None, help="audit one result (id or alias) and, for its status, what it uses")
@click.option("--digits", default=15, show_default=True, type=click.IntRange(1, 1000),
              help="significant digits of inexact values in the evidence")
@click.option("--seed", default="0", show_default=True, help="seed of the counterexample searches")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="evaluate at this parameter value (exact: 0.1 is 1/10); repeatable")
@click.option("--json", "as_json", is_flag=True, help="print the report as JSON (schema: docs/audit.md)")
@click.option("--brief", is_flag=True, help="summary table only, no per-finding details")
@click.option("--effort", default="default", show_default=True, metavar="quick|default|thorough",
              help="search sizes times 1/4 (quick), 1 (default) or 4 (thorough)")
@click.option("--jobs", default="1", show_default=True, metavar="N",
              help="run the nodes in N processes (1 to 256); the report is the same for any N")
@click.option("--paper-text", "paper_text", default=None, envvar="BOUNDCALC_PAPER_TEXT", metavar="FILE",
              help="the paper's text: quotes checked verbatim, proof references compared with 'uses' "
                   "(default: env BOUNDCALC_PAPER_TEXT; without it those checks say 'skipped')")
def command(node, digits, seed, params, as_json, brief, effort, jobs, paper_text):
    """Audit the paper's lemma graph: verdict, evidence and dependency status per node.

    Exit status: 0 when nothing is refuted, 1 when some audited node is refuted, 2 on bad input.
    """
    from ..audit import audit
    from ..render import report as render
    from ._common import parse_params, parse_seed

    values, seed_ = parse_params(params), parse_seed(seed)
    effort_, jobs_ = _effort(effort), _jobs(jobs)
    text = _paper_text(paper_text)
    show_bar = not as_json and sys.stderr.isatty()
    bar = None

    def progress(done: int, total: int, rid: str) -> None:
        nonlocal bar
        if not show_bar:
            return
        if bar is None:
            bar = click.progressbar(length=total, label="auditing", file=sys.stderr, show_pos=True,
                                   item_show_func=lambda rid: rid)
            bar.__enter__()
        bar.update(1, rid)

    try:
        rep = audit(node=node, digits=digits, seed=seed_, params=values, progress=progress, effort=effort_,
                    jobs=jobs_, paper_text=text)
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    data = rep.to_dict()
    if as_json:
        click.echo(json.dumps(data, indent=2))
    elif brief:
        click.echo(render.table(data))
    else:
        click.echo(render.text(data))
    if rep.exit_code:
        # SystemExit, not click's Exit: click returns Exit's code in non-standalone mode
        sys.exit(rep.exit_code)


def _effort(text: str) -> str:
    from ..audit import EFFORT
    from ..errors import InputError

    if text not in EFFORT:
        raise InputError(f"--effort must be one of {', '.join(EFFORT)}, got {text[:40]!r}")
    return text


def _jobs(text: str) -> int:
    from ..audit import MAX_JOBS
    from ..errors import InputError

    t = text.strip()
    if not t.isdigit() or len(t) > 6 or not 1 <= int(t) <= MAX_JOBS:
        raise InputError(f"--jobs must be an integer from 1 to {MAX_JOBS}, got {text[:40]!r}")
    return int(t)


def _paper_text(path: str | None):
    """The loaded paper text, or None; a bad path is one line and exit 2, before any work."""
    if path is None:
        return None
    from ..auditing.paper_text import load

    return load(path)
