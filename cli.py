"""boundcalc command line: parse, call the library, format.

Commands live in ``boundcalc/commands/<name>.py`` and are imported only when used.
"""
from __future__ import annotations

import importlib
import sys

import click

from boundcalc.errors import BoundcalcError, InputError

# the engine's generic commands: name -> module exposing ``command``
COMMANDS = {
    "apti": "boundcalc.commands.apti",
    "audit": "boundcalc.commands.audit",
    "report": "boundcalc.commands.report",
    "graph": "boundcalc.commands.graph",
    "explain": "boundcalc.commands.explain",
    "new-paper": "boundcalc.commands.new_paper",
}


def _paper_commands(ctx: click.Context) -> dict[str, str]:
    """The selected paper package's own commands (calculators, validations), after ``--paper``."""
    from boundcalc import paper

    paper.choose((ctx.params or {}).get("paper"))
    extra = paper.commands()
    return {k: v for k, v in extra.items() if k not in COMMANDS}


class LazyGroup(click.Group):
    """A group whose subcommands are imported on first use; the paper package adds its own."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({**COMMANDS, **_paper_commands(ctx)})

    def get_command(self, ctx: click.Context, name: str):
        module = COMMANDS.get(name) or _paper_commands(ctx).get(name)
        if module is None:
            from boundcalc import paper

            paper.module()      # a paper package that cannot be imported is the cause: say so (exit 2)
            return None
        return importlib.import_module(module).command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="boundcalc")
@click.option("--paper", default=None, metavar="MODULE", is_eager=True,   # before --help: it lists this paper's commands
              help="the paper package to audit (an importable module exposing registry()); "
                   "default: $BOUNDCALC_PAPER, else 'proofs'")
def app(paper: str | None) -> None:
    """boundcalc: audit a paper's declared results and evaluate their constants.

    The default paper is Hu et al. (arXiv 2411.16525), declared in the package 'proofs'.
    """
    from boundcalc import paper as papers

    papers.choose(paper)


def _interrupted() -> None:
    """Ctrl-C: one line, exit code 130 (128 + SIGINT) in every command; output files are only renamed into
    place at the end, so nothing is written."""
    click.echo("boundcalc: interrupted (nothing written)", err=True)
    sys.exit(130)


def main(argv: list[str] | None = None) -> None:
    """Console entry point: bad input is one line on stderr and exit code 2; Ctrl-C is exit code 130."""
    from boundcalc import settings

    settings.ONE_COMMAND_PROCESS = True
    try:
        code = app.main(args=argv, prog_name="boundcalc", standalone_mode=False)
        sys.exit(code if isinstance(code, int) else 0)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        _interrupted()
    except click.exceptions.Abort as exc:
        if isinstance(exc.__cause__ or exc.__context__, KeyboardInterrupt):   # click turns Ctrl-C into Abort
            _interrupted()
        click.echo("boundcalc: aborted", err=True)
        sys.exit(1)
    except click.ClickException as exc:
        click.echo(f"boundcalc: error: {' '.join(exc.format_message().split())}", err=True)
        sys.exit(2)
    except InputError as exc:  # a DeclarationError has one line per malformed field
        for line in str(exc).splitlines() or [""]:
            click.echo(f"boundcalc: error: {' '.join(line.split())}", err=True)
        sys.exit(2)
    except BoundcalcError as exc:  # e.g. a value that cannot be certified within the precision cap
        click.echo(f"boundcalc: cannot compute: {' '.join(str(exc).split())}", err=True)
        sys.exit(3)


if __name__ == "__main__":
    main()
