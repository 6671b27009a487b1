"""The audit as the commands run it: shared options, progress on a terminal, and reuse of a stored audit.

``audit``, ``report``, ``graph`` and ``explain`` all take ``--effort``, ``--jobs``, ``--paper-text`` and
``--no-cache``. :func:`prepare` validates them (cheaply, before any work) and computes the reuse key
(:mod:`boundcalc.reuse`); :meth:`AuditRun.report` returns the stored audit for that key or runs it,
with a progress bar when standard error is a terminal.
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Sequence

import click

from ..errors import InputError
from ..settings import EFFORT_NAMES, MAX_JOBS


def audit_options(f: Callable) -> Callable:
    """Add ``--effort``, ``--jobs``, ``--paper-text`` and ``--no-cache`` to a command."""
    for opt in reversed([
        click.option("--effort", default="default", show_default=True, metavar="quick|default|thorough",
                     help="search sizes times 1/4 (quick), 1 (default) or 4 (thorough)"),
        click.option("--jobs", default="1", show_default=True, metavar="N",
                     help="run the nodes in N processes (1 to 256); the report is the same for any N"),
        click.option("--paper-text", "paper_text", default=None, envvar="BOUNDCALC_PAPER_TEXT", metavar="FILE",
                     help="the paper's text: quotes checked verbatim, proof references compared with 'uses' "
                          "(default: env BOUNDCALC_PAPER_TEXT; without it those checks say 'skipped')"),
        click.option("--no-cache", "no_cache", is_flag=True,
                     help="neither reuse nor store audits and parsed formulas (cache: $BOUNDCALC_CACHE_DIR, "
                          "else ~/.cache/boundcalc)"),
    ]):
        f = opt(f)
    return f


def check_effort(text: str) -> str:
    if text not in EFFORT_NAMES:
        raise InputError(f"--effort must be one of {', '.join(EFFORT_NAMES)}, got {text[:40]!r}")
    return text


def check_jobs(text: str) -> int:
    t = str(text).strip()
    if not t.isdigit() or len(t) > 6 or not 1 <= int(t) <= MAX_JOBS:
        raise InputError(f"--jobs must be an integer from 1 to {MAX_JOBS}, got {str(text)[:40]!r}")
    return int(t)


def check_paper_text(path: str | None) -> str | None:
    """An absolute path to a readable file, or None; one line and exit 2 otherwise, before any work."""
    if path is None:
        return None
    if os.path.isdir(path):
        raise InputError(f"--paper-text: {path} is a directory, not a file")
    if not os.path.isfile(path):
        raise InputError(f"--paper-text: no such file: {path}")
    return os.path.abspath(path)


@dataclass
class AuditRun:
    """One audit as a command asks for it: validated settings and the key it is filed under."""

    seed: int
    effort: str
    jobs: int
    paper_text: str | None
    digits: int = 15
    params: Mapping[str, str] = field(default_factory=dict)
    node: str | None = None
    nodes: Sequence[str] | None = None
    registry: Any = None
    show_progress: bool = False
    key: str = ""

    def report(self):
        """The audit (an AuditReport rebuilt from its JSON data, whether reused or fresh)."""
        from .. import reuse

        return reuse.report_from_dict(reuse.audit_data(self.key, self._run))

    def reuse_output(self, command: str, options: Mapping[str, Any],
                     make: Callable[[], dict[str, Any]]) -> dict[str, Any]:
        """The command's rendered output (``{"text": ...}``), reused when the same audit and options were
        rendered before."""
        from .. import reuse

        return reuse.remember_output(self.key, command, options, make)

    def narrowed(self, **changes: Any) -> "AuditRun":
        """The same settings with some changed (a node, a sub-registry, params), filed under its own key."""
        from dataclasses import replace

        run = replace(self, **changes)
        run.key = _key(run)
        return run

    def _run(self):
        from ..audit import audit

        _settle(self.registry)
        bar = None

        def progress(done: int, total: int, rid: str) -> None:
            nonlocal bar
            if not self.show_progress:
                return
            if bar is None:
                bar = click.progressbar(length=total, label="auditing", file=sys.stderr, show_pos=True,
                                        item_show_func=lambda rid: rid)
                bar.__enter__()
            bar.update(1, rid)

        try:
            return audit(node=self.node, nodes=self.nodes, digits=self.digits, seed=self.seed,
                         params=dict(self.params), progress=progress, effort=self.effort, jobs=self.jobs,
                         paper_text=self.paper_text, registry=self.registry)
        finally:
            if bar is not None:
                bar.__exit__(None, None, None)


def _settle(registry: Any) -> None:
    """Before a command's audit: load what lives until the process exits (the paper's registry and its proof
    records, as the audit would first thing) and take it out of the cyclic garbage collector's passes
    (``gc.freeze``), and let the collector's young generation grow to 5000 allocations (from 700) before a
    pass. The audit allocates millions of short-lived numbers; the collector's passes over the long-lived
    objects cost half a second of it. No result depends on when garbage is collected. Only in a process that
    runs one command and exits (``settings.ONE_COMMAND_PROCESS``), where nothing frozen needs collecting;
    a library caller or a test session keeps the interpreter's defaults."""
    import gc

    from ..audit import _default_registry
    from ..settings import ONE_COMMAND_PROCESS

    if not ONE_COMMAND_PROCESS:
        return
    reg = registry if registry is not None else _default_registry()
    getattr(reg, "proofs", None)
    gc.freeze()
    gc.set_threshold(max(5000, gc.get_threshold()[0]), *gc.get_threshold()[1:])


def prepare(*, seed: int, effort: str, jobs: str, paper_text: str | None, no_cache: bool, digits: int = 15,
            params: Mapping[str, str] | None = None, node: str | None = None, nodes: Sequence[str] | None = None,
            registry: Any = None, progress: bool = True) -> AuditRun:
    """Validate the shared options and compute the reuse key; nothing is audited yet."""
    from .. import cache

    if no_cache:
        cache.disable()
    run = AuditRun(seed=seed, effort=check_effort(effort), jobs=check_jobs(jobs),
                   paper_text=check_paper_text(paper_text), digits=digits, params=dict(params or {}),
                   node=node, nodes=list(nodes) if nodes is not None else None, registry=registry,
                   show_progress=progress and sys.stderr.isatty())
    run.key = _key(run)
    return run


def _key(run: AuditRun) -> str:
    from .. import reuse

    return reuse.audit_key(paper=reuse.paper_name(), seed=run.seed, effort=run.effort, digits=run.digits,
                           params=run.params, node=run.node, nodes=run.nodes, paper_text_path=run.paper_text)
