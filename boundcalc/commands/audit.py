"""`boundcalc audit`: run every node's checks in dependency order; exit 1 when something is refuted."""
from __future__ import annotations

import json
import sys

import click

from ._audit import audit_options, prepare


@click.command("audit")
@click.option("--node", default=None, help="audit one result (id or alias) and, for its status, what it uses")
@click.option("--digits", default=15, show_default=True, type=click.IntRange(1, 1000),
              help="significant digits of inexact values in the evidence")
@click.option("--seed", default="0", show_default=True, help="seed of the counterexample searches")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="evaluate at this parameter value (exact: 0.1 is 1/10); repeatable")
@click.option("--json", "as_json", is_flag=True, help="print the report as JSON (schema: docs/audit.md)")
@click.option("--brief", is_flag=True, help="summary table only, no per-finding details")
@audit_options
def command(node, digits, seed, params, as_json, brief, effort, jobs, paper_text, no_cache):
    """Audit the paper's lemma graph: verdict, evidence and dependency status per node.

    Exit status: 0 when nothing is refuted, 1 when some audited node is refuted, 2 on bad input.
    """
    from ..render import report as render
    from ._common import parse_params, parse_seed

    run = prepare(seed=parse_seed(seed), effort=effort, jobs=jobs, paper_text=paper_text, no_cache=no_cache,
                  digits=digits, params=parse_params(params), node=node, progress=not as_json)
    rep = run.report()
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

