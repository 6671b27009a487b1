"""Loading a package, or a mutated copy of it, without touching the working tree."""
from __future__ import annotations

import importlib
import shutil
import sys
from pathlib import Path

from .mutant import Mutant


def fresh_import(package: str, root: str | Path):
    """Import ``package`` from directory ``root`` (which holds ``root/package``), replacing any loaded copy."""
    for key in [k for k in sys.modules if k == package or k.startswith(package + ".")]:
        del sys.modules[key]
    root = str(root)
    while root in sys.path:
        sys.path.remove(root)
    sys.path.insert(0, root)
    importlib.invalidate_caches()
    try:
        from .. import paper

        paper.module.cache_clear()
    except (ImportError, AttributeError):
        pass
    return importlib.import_module(package)


def load_registry(package: str, root: str | Path):
    """The registry of ``package`` imported from ``root`` (its ``registry()``; ``paper`` set to the name)."""
    mod = fresh_import(package, root)
    reg = mod.registry()
    try:
        reg.paper = package
    except AttributeError:
        pass
    return reg


def snapshot(package_dir: str | Path, dest: str | Path, package: str, rev: str | None = None) -> Path:
    """A fixed copy of the package at ``dest/package`` (the working tree as it is now, or git ``rev``),
    so that edits made meanwhile reach neither the baseline nor the mutants. Returns the copy's directory."""
    import io
    import subprocess
    import tarfile

    src = Path(package_dir).resolve()
    target = Path(dest) / package
    if rev is None:
        shutil.copytree(src, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        return target
    top = Path(subprocess.run(["git", "-C", str(src), "rev-parse", "--show-toplevel"], check=True,
                              capture_output=True, text=True).stdout.strip())
    rel = src.relative_to(top).as_posix()
    archive = subprocess.run(["git", "-C", str(top), "archive", "--format=tar", rev, rel], check=True,
                             capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(Path(dest) / "_rev", filter="data")
    shutil.move(str(Path(dest) / "_rev" / rel), target)
    return target


def copy_package(package_dir: str | Path, dest: str | Path, package: str, mutant: Mutant | None = None) -> Path:
    """Copy the package to ``dest/package`` (the mutant's module rewritten); returns ``dest``."""
    target = Path(dest) / package
    shutil.copytree(package_dir, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    if mutant is not None:
        (target / mutant.module).write_text(mutant.source, encoding="utf-8")
    return Path(dest)

