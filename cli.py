"""boundcalc command line: parse, call the library, format.

Commands live in ``boundcalc/commands/<name>.py`` and are imported only when used.
"""
from __future__ import annotations

import importlib
import sys

import click

from boundcalc.errors import BoundcalcError, InputError

# command name -> module in boundcalc.commands exposing ``command``
COMMANDS = {
    "validate": "validate",
    "apti": "apti",
    "audit": "audit",
    "report": "report",
    "graph": "graph",
    "explain": "explain",
    "lp": "lp",
    "contextual": "contextual",
    "ffn": "ffn",
}


class LazyGroup(click.Group):
    """A group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str):
        module = COMMANDS.get(name)
        if module is None:
            return None
        return importlib.import_module(f"boundcalc.commands.{module}").command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="boundcalc")
def app() -> None:
    """boundcalc: audit and evaluate the constants of Hu et al. (arXiv 2411.16525)."""


def main(argv: list[str] | None = None) -> None:
    """Console entry point: bad input is one line on stderr and exit code 2."""
    try:
        code = app.main(args=argv, prog_name="boundcalc", standalone_mode=False)
        sys.exit(code if isinstance(code, int) else 0)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("boundcalc: aborted", err=True)
        sys.exit(1)
    except click.ClickException as exc:
        click.echo(f"boundcalc: error: {' '.join(exc.format_message().split())}", err=True)
        sys.exit(2)
    except InputError as exc:
        click.echo(f"boundcalc: error: {' '.join(str(exc).split())}", err=True)
        sys.exit(2)
    except BoundcalcError as exc:  # e.g. a value that cannot be certified within the precision cap
        click.echo(f"boundcalc: cannot compute: {' '.join(str(exc).split())}", err=True)
        sys.exit(3)


if __name__ == "__main__":
    main()
