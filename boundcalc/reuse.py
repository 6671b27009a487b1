"""Reuse an audit: the same inputs give the same report, so commands that only read an audit
(``report``, ``graph``, ``explain``, and ``audit`` itself) look it up before running it again.

The key (:func:`audit_key`) covers everything the report depends on: the engine's source, the paper
package's source, the paper text's bytes, the seed, the effort, the digits, the parameters, the nodes
asked for, and the versions of Python and of the numeric libraries. ``--jobs`` is left out on
purpose: the report is the same for any number of processes (a test checks it).

Fresh or reused, a command renders the report after the same JSON round trip
(:func:`settled`), so its output is byte-identical either way. Rendered outputs are cached as well
(:func:`remember_output`), keyed by the audit key and the command's own options, which makes a
repeated ``report`` or ``graph`` call cost about as much as starting the interpreter.
"""
from __future__ import annotations

import importlib.util
import json
import os
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

from . import cache

NAMESPACE = "audit"
OUTPUTS = "output"


@lru_cache(maxsize=None)
def _engine_hash() -> str:
    return cache.tree_hash(Path(__file__).resolve().parent)


@lru_cache(maxsize=None)
def _package_hash(name: str) -> str:
    """Hash of the paper package's source (found without importing it)."""
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        spec = None
    if spec is None or spec.origin is None:
        return f"unfound:{name}"
    origin = Path(spec.origin).resolve()
    if spec.submodule_search_locations:      # a package: every source file under it
        return cache.tree_hash(origin.parent)
    return cache.digest(origin.read_bytes())


def _versions() -> str:
    from importlib.metadata import PackageNotFoundError, version

    out = [sys.version.split()[0]]
    for dist in ("sympy", "python-flint", "mpmath", "numpy", "lark", "z3-solver", "networkx", "scipy"):
        try:
            out.append(f"{dist}={version(dist)}")
        except PackageNotFoundError:
            out.append(f"{dist}=-")
    return ";".join(out)


def audit_key(*, paper: str, seed: int, effort: str = "default", digits: int = 15,
              params: Mapping[str, Any] | None = None, node: str | None = None,
              nodes: Sequence[str] | None = None, paper_text_path: str | None = None) -> str:
    """The text every reused audit is filed under (see the module docstring for what it covers)."""
    text_hash = "none"
    if paper_text_path is not None:
        text_hash = cache.digest(Path(paper_text_path).read_bytes())
    fields = {
        "engine": _engine_hash(), "paper": paper, "package": _package_hash(paper), "paper_text": text_hash,
        "seed": int(seed), "effort": effort, "digits": int(digits),
        "params": sorted((str(k), str(v)) for k, v in (params or {}).items()),
        "node": node, "nodes": sorted(nodes) if nodes is not None else None, "versions": _versions(),
    }
    return json.dumps(fields, sort_keys=True)


def settled(data: dict[str, Any]) -> dict[str, Any]:
    """The report data after the JSON round trip that a stored copy goes through."""
    return json.loads(json.dumps(data))


def audit_data(key: str, run: Callable[[], Any]) -> dict[str, Any]:
    """The stored report data for ``key``, or ``run()``'s report (an AuditReport) stored and returned."""
    hit = cache.get(NAMESPACE, key)
    if isinstance(hit, dict) and hit.get("schema"):
        return hit
    data = settled(run().to_dict())
    cache.put(NAMESPACE, key, data)
    return data


def remember_output(key: str, command: str, options: Mapping[str, Any],
                    make: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """A command's rendered output (``{"text": ..., ...}``, JSON data) for (audit key, command, options),
    made once and then reused."""
    full = json.dumps({"audit": key, "command": command, "options": dict(options)}, sort_keys=True, default=str)
    hit = cache.get(OUTPUTS, full)
    if isinstance(hit, dict) and isinstance(hit.get("text"), str):
        return hit
    out = settled(make())
    cache.put(OUTPUTS, full, out)
    return out


def paper_name() -> str:
    """The selected paper package's module name (without importing it)."""
    from .paper import current

    return current()


def text_path(path: str | None) -> str | None:
    """An absolute path for the key (the same file named two ways is one key)."""
    return os.path.abspath(path) if path is not None else None


def report_from_dict(data: Mapping[str, Any]):
    """Rebuild an :class:`~boundcalc.audit.AuditReport` from its ``to_dict()`` (evidence stays JSON data).

    Field by field over the dataclasses, so a field added to a report class is carried without a
    change here; ``report_from_dict(d).to_dict() == d`` (a test checks it on the full audit)."""
    from .audit import SCHEMA, AuditReport, Channel, NodeReport
    from .findings import Finding, Verdict

    if data.get("schema") != SCHEMA:
        raise ValueError(f"not an audit report of schema {SCHEMA}")

    def build(cls, d: Mapping[str, Any], convert: Mapping[str, Callable[[Any], Any]]):
        from dataclasses import fields

        kw = {}
        for f in fields(cls):
            key = _JSON_KEY.get((cls.__name__, f.name), f.name)
            if key in d:
                kw[f.name] = convert.get(f.name, _copy)(d[key])
        return cls(**kw)

    def finding(d):
        return build(Finding, d, {"verdict": Verdict})

    def node(d):
        return build(NodeReport, d, {"verdict": Verdict, "findings": lambda fs: [finding(f) for f in fs],
                                     "statement": lambda c: build(Channel, c, {}),
                                     "proof": lambda c: build(Channel, c, {})})

    return build(AuditReport, data, {"nodes": lambda ns: [node(n) for n in ns]})


_JSON_KEY = {("NodeReport", "formal"): "formal_statement"}
"""(class, field) -> its key in ``to_dict()`` where the two names differ."""


def _copy(x: Any) -> Any:
    return json.loads(json.dumps(x))
