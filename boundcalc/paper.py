"""Which paper the engine audits: a paper is an importable package that exposes its declarations.

The engine knows nothing about any paper. A paper package provides

- ``registry() -> boundcalc.registry.Registry`` (required): its results, defects and proof records;
- ``evidence(seed) -> iterable`` (optional): findings from its constructions, keyed by node id;
- ``COMMANDS`` (optional): ``{command name: "module.path"}``, each module exposing a click ``command``
  that the ``boundcalc`` CLI adds beside its generic commands (calculators, validations).

The package is chosen by ``boundcalc --paper MODULE``, else the environment variable ``BOUNDCALC_PAPER``,
else an installed entry point of the group ``boundcalc.papers`` named ``default``, else ``proofs``
(this repository's paper).
"""
from __future__ import annotations

import importlib
import os
import re
from functools import lru_cache
from types import ModuleType
from typing import Any

from .errors import InputError

ENV = "BOUNDCALC_PAPER"
ENTRY_POINTS = "boundcalc.papers"
FALLBACK = "proofs"
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$")
_chosen: str | None = None


def choose(name: str | None) -> None:
    """Select the paper package for this process (the CLI's ``--paper``); None restores the default."""
    global _chosen
    if name is not None:
        _check_name(name)
    _chosen = name


def _check_name(name: str) -> None:
    if not _NAME.match(name):
        raise InputError(f"--paper must be a dotted module name like 'proofs' or 'mypaper.decls', got {name!r}")


def _entry_point(name: str) -> str | None:
    return _entry_points().get(name)


@lru_cache(maxsize=1)
def _entry_points() -> dict[str, str]:
    """Installed ``boundcalc.papers`` entry points, name -> module, read from the distributions'
    ``entry_points.txt`` on ``sys.path`` (what importlib.metadata reads, without its 20 ms import;
    the first distribution on the path wins, as with imports)."""
    import sys

    found: dict[str, str] = {}
    for folder in sys.path:
        try:
            names = sorted(e.name for e in os.scandir(folder or ".")
                           if e.name.endswith((".dist-info", ".egg-info")) and e.is_dir())
        except OSError:
            continue
        for dist in names:
            for key, value in _group(os.path.join(folder or ".", dist, "entry_points.txt")):
                found.setdefault(key, value.split(":")[0].strip())
    return found


def _group(path: str) -> list[tuple[str, str]]:
    """(name, value) lines of the ``[boundcalc.papers]`` section of an entry_points.txt."""
    try:
        with open(path, encoding="utf-8") as fh:
            lines = fh.read().splitlines()
    except (OSError, UnicodeDecodeError):
        return []
    out, inside = [], False
    for line in lines:
        line = line.strip()
        if line.startswith("["):
            inside = line == f"[{ENTRY_POINTS}]"
        elif inside and "=" in line and not line.startswith(("#", ";")):
            key, _, value = line.partition("=")
            out.append((key.strip(), value.strip()))
    return out


def current() -> str:
    """The module name of the selected paper package."""
    name = _chosen or os.environ.get(ENV) or _entry_point("default") or FALLBACK
    resolved = _entry_point(name) if not _NAME.match(name) or "." not in name else None
    name = resolved or name
    _check_name(name)
    return name


@lru_cache(maxsize=None)
def module(name: str | None = None) -> ModuleType:
    """Import the paper package (InputError, one line, when it cannot be imported or has no registry)."""
    name = name or current()
    _check_name(name)
    try:
        mod = importlib.import_module(name)
    except InputError:
        raise
    except ImportError as exc:
        raise InputError(f"cannot import paper package {name!r} (chosen by {_source()}): {exc}") from None
    except Exception as exc:  # a declaration that fails while its module loads: one line, no traceback
        raise InputError(f"paper package {name!r}: {_where(exc)}{type(exc).__name__}: {exc}") from None
    if not callable(getattr(mod, "registry", None)):
        raise InputError(f"paper package {name!r} has no registry() function")
    return mod


def _source() -> str:
    """Where the selected paper's name came from, for error messages."""
    if _chosen:
        return "--paper"
    if os.environ.get(ENV):
        return f"${ENV}"
    return "the entry point 'default'" if _entry_point("default") else "the default"


def load(name: str | None = None):
    """The selected paper's registry (cached by the paper package itself)."""
    mod = module(name)
    try:
        reg = mod.registry()
    except InputError:          # DeclarationError: one line per malformed field
        raise
    except Exception as exc:    # a declaration module that fails while it loads: one line, no traceback
        raise InputError(f"paper package {mod.__name__!r}: {_where(exc)}{type(exc).__name__}: "
                         f"{' '.join(str(exc).split())}") from None
    reg.paper = mod.__name__
    return reg


def _where(exc: BaseException) -> str:
    """'file.py line N: ' of the innermost frame outside the engine (the declaration that failed)."""
    import traceback

    engine = os.path.dirname(os.path.abspath(__file__))
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if not os.path.abspath(f.filename).startswith(engine)
              and "importlib" not in f.filename and not f.filename.startswith("<")]
    if not frames:
        return ""
    f = frames[-1]
    return f"{os.path.relpath(f.filename)} line {f.lineno}: {_enclosing_field(f.filename, f.lineno)}"


def _enclosing_field(path: str, line: int) -> str:
    """'result ID: FIELD: ' when ``line`` lies inside a ``Result(id=..., FIELD=...)`` call of the file."""
    import ast

    try:
        with open(path, encoding="utf-8") as fh:
            tree = ast.parse(fh.read())
    except (OSError, SyntaxError, ValueError):
        return ""
    best = None
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) == "Result" \
                and node.lineno <= line <= (node.end_lineno or node.lineno):
            if best is None or node.lineno >= best.lineno:
                best = node
    if best is None:
        return ""
    rid = next((k.value.value for k in best.keywords if k.arg == "id" and isinstance(k.value, ast.Constant)), "?")
    field = next((k.arg for k in best.keywords if k.value.lineno <= line <= (k.value.end_lineno or k.value.lineno)), None)
    return f"result {rid}: {field}: " if field else f"result {rid}: "


def evidence(reg: Any, seed: int):
    """The paper's construction evidence for ``reg`` (empty when the package provides none)."""
    name = getattr(reg, "paper", None)
    if name is None:
        return []
    fn = getattr(module(name), "evidence", None)
    return fn(seed) if callable(fn) else []


def commands(name: str | None = None) -> dict[str, str]:
    """The paper's extra CLI commands, ``{name: module path}``; none when the package cannot load."""
    try:
        mod = module(name)
    except InputError:
        return {}
    return dict(getattr(mod, "COMMANDS", {}) or {})


def rerun_prefix(name: str | None) -> str:
    """What a rerun command needs so that ``--paper NAME`` finds the package: nothing when it is installed
    (site-packages, or an entry point of ``boundcalc.papers``), else ``PYTHONPATH=DIR `` with the folder
    that holds it (relative to the working directory when inside it)."""
    import site
    import sys

    if not name:
        return ""
    try:
        mod = importlib.import_module(name.split(".")[0])
    except ImportError:
        return ""
    path = getattr(mod, "__file__", None)
    if not path:
        return ""
    parent = os.path.dirname(os.path.dirname(os.path.abspath(path)))
    installed = {os.path.abspath(p) for p in site.getsitepackages() + [site.getusersitepackages()]}
    if parent in installed or any(ep == name for ep in _entry_point_values()):
        return ""
    if parent == os.path.abspath(os.getcwd()) and "" in sys.path:
        return ""
    rel = os.path.relpath(parent)
    return f"PYTHONPATH={rel if not rel.startswith('..') else parent} "


def _entry_point_values() -> list[str]:
    try:
        from importlib.metadata import entry_points

        return [ep.value.split(":")[0] for ep in entry_points(group=ENTRY_POINTS)]
    except Exception:  # metadata unreadable
        return []
