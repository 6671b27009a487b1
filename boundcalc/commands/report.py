"""`boundcalc report`: the errata a reviewer sends the authors (distinct defects by severity)."""
from __future__ import annotations

import sys

import click

from ..findings import SEVERITIES
from ._audit import audit_options, prepare


@click.command("report")
@click.option("--format", "fmt", type=click.Choice(["md", "html", "json"]), default="md", show_default=True,
              help="Markdown, a self-contained HTML page, or JSON (schema boundcalc.report/1, docs/audit.md)")
@click.option("--min-severity", default="typo", show_default=True, type=click.Choice(list(SEVERITIES)),
              help="leave out defects less severe than this")
@click.option("--seed", default="0", show_default=True, help="seed of the audit's counterexample searches")
@click.option("--out", "out", default=None, metavar="FILE", help="write here instead of standard output")
@click.option("--json", "as_json", is_flag=True, help="same as --format json")
@audit_options
def command(fmt, min_severity, seed, out, as_json, effort, jobs, paper_text, no_cache):
    """Distinct defects, worst first: location, the paper's words, what fails, evidence, the command
    that reproduces it, and the corrected statement with the tool's verdict on it.

    Reuses a stored audit of the same inputs (paper package, paper text, seed, effort, engine)."""
    from ._common import OutputFile, parse_seed

    fmt = "json" if as_json else fmt
    run = prepare(seed=parse_seed(seed), effort=effort, jobs=jobs, paper_text=paper_text, no_cache=no_cache)
    target = OutputFile(out, "--out") if out is not None else None      # claimed before any work

    def make() -> dict:
        from ..report import errata, render

        return {"text": render(errata(seed=run.seed, min_severity=min_severity, report=run.report()), fmt)}

    try:
        text = run.reuse_output("report", {"format": fmt, "min_severity": min_severity}, make)["text"]
        if target is None:
            click.echo(text)
            return
        target.write(text if text.endswith("\n") else text + "\n")
        target.commit()
    except KeyboardInterrupt:
        click.echo("boundcalc: interrupted (nothing written)", err=True)
        sys.exit(130)
    finally:
        if target is not None:
            target.discard()      # no-op after commit; removes the reserved file on error or Ctrl-C
