"""`boundcalc report`: the errata a reviewer sends the authors (distinct defects by severity)."""
from __future__ import annotations

import click


@click.command("report")
@click.option("--format", "fmt", type=click.Choice(["md", "html", "json"]), default="md", show_default=True,
              help="Markdown, a self-contained HTML page, or JSON (schema boundcalc.report/1, docs/audit.md)")
@click.option("--min-severity", default="typo", show_default=True,
              type=click.Choice(["critical", "major", "minor", "typo"]),
              help="leave out defects less severe than this")
@click.option("--seed", default="0", show_default=True, help="seed of the audit's counterexample searches")
@click.option("--out", "out", default=None, metavar="FILE", help="write here instead of standard output")
@click.option("--json", "as_json", is_flag=True, help="same as --format json")
def command(fmt, min_severity, seed, out, as_json):
    """Distinct defects, worst first: location, the paper's words, what fails, evidence, the command
    that reproduces it, and the corrected statement with the tool's verdict on it."""
    from ..report import errata, render
    from ._common import OutputFile, parse_seed

    seed_ = parse_seed(seed)
    target = OutputFile(out, "--out") if out is not None else None      # claimed before any work
    try:
        text = render(errata(seed=seed_, min_severity=min_severity), "json" if as_json else fmt)
        if target is None:
            click.echo(text)
            return
        target.write(text if text.endswith("\n") else text + "\n")
        target.commit()
    finally:
        if target is not None:
            target.discard()      # no-op after commit; removes the reserved file on error or Ctrl-C
