"""The audit engine: run every node's checks and derive verdicts over the lemma graph.

``audit()`` returns an :class:`AuditReport` (data, not text). A node's verdict is the worst of its
findings (``unknown`` with a reason when nothing was checked). ``dependencies_verified`` is derived
from the graph on every run, never stored: it is True when every result the node's proof uses,
transitively, is verified.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping

from .auditing import AuditContext, run_node
from .auditing.values import json_safe
from .errors import InputError
from .findings import SEVERITY, Finding, Verdict, worst
from .numbers import parse_exact
from .records import Result, check_domain
from .registry import Registry

MAX_DIGITS = 1000


@dataclass
class NodeReport:
    """One node's audit: identity, place in the graph, verdict and findings."""

    id: str
    aliases: list[str]
    title: str
    kind: str
    location: str
    verdict: Verdict
    reason: str
    findings: list[Finding]
    dependencies_verified: bool
    unverified_dependencies: list[str]
    uses: list[str]
    used_by: list[str]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "aliases": list(self.aliases), "title": self.title, "kind": self.kind,
            "location": self.location, "verdict": self.verdict.value, "reason": self.reason,
            "dependencies_verified": self.dependencies_verified,
            "unverified_dependencies": list(self.unverified_dependencies),
            "uses": list(self.uses), "used_by": list(self.used_by),
            "findings": [json_safe(f.to_dict()) for f in self.findings],
        }


@dataclass
class AuditReport:
    """The audit of some nodes (in dependency order), with counts and the settings that reproduce it."""

    nodes: list[NodeReport]
    seed: int
    digits: int
    params: dict[str, str] = field(default_factory=dict)
    focus: str | None = None
    orphan_evidence: list[str] = field(default_factory=list)

    @property
    def summary(self) -> dict[str, Any]:
        by_verdict = {v.value: 0 for v in SEVERITY}
        by_finding = {v.value: 0 for v in SEVERITY}
        for n in self.nodes:
            by_verdict[n.verdict.value] += 1
            for f in n.findings:
                by_finding[f.verdict.value] += 1
        return {
            "nodes": len(self.nodes),
            "verdicts": by_verdict,
            "findings": by_finding,
            "dependencies_verified": sum(n.dependencies_verified for n in self.nodes),
            "refuted": [n.id for n in self.nodes if n.verdict is Verdict.REFUTED],
        }

    @property
    def exit_code(self) -> int:
        """1 when some reported node is refuted, else 0 (the CLI's exit status)."""
        return 1 if any(n.verdict is Verdict.REFUTED for n in self.nodes) else 0

    def node(self, key: str) -> NodeReport:
        return next(n for n in self.nodes if n.id == key)

    def to_dict(self) -> dict[str, Any]:
        out = {"nodes": [n.to_dict() for n in self.nodes], "summary": self.summary,
               "seed": self.seed, "digits": self.digits, "params": dict(self.params), "focus": self.focus}
        if self.orphan_evidence:
            out["orphan_evidence"] = list(self.orphan_evidence)
        return out


# ---------------------------------------------------------------- validation


def _default_registry() -> Registry:
    from proofs import registry

    return registry()


def _validate(reg: Registry, node: str | None, digits: Any, seed: Any,
              params: Mapping[str, Any] | None) -> tuple[str | None, int, int, dict[str, str]]:
    """Check every input before anything is computed (InputError, one line)."""
    if isinstance(digits, bool) or not isinstance(digits, int) or not 1 <= digits <= MAX_DIGITS:
        raise InputError(f"digits must be an integer from 1 to {MAX_DIGITS}, got {digits!r}")
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise InputError(f"seed must be a non-negative integer, got {seed!r}")
    target = reg.resolve(node) if node is not None else None
    scope = [reg.results[target]] if target else list(reg)
    clean: dict[str, str] = {}
    for name, raw in sorted((params or {}).items()):
        q = parse_exact(raw, name)
        owners = [r for r in scope if any(p.name == name for p in r.params)]
        if not owners:
            where = f"node {target}" if target else "any node"
            raise InputError(f"parameter {name!r} is not a parameter of {where}")
        for r in owners:
            check_domain(f"{name} (for {r.id})", r.param(name).domain, q)
        clean[name] = str(q.numerator) if q.denominator == 1 else f"{q.numerator}/{q.denominator}"
    return target, digits, seed, clean


# ---------------------------------------------------------------- evaluator evidence


def _evaluator_evidence(reg: Registry, seed: int) -> tuple[dict[str, list[Finding]], list[str]]:
    """Findings from ``proofs.constructions.evidence(seed)`` by node id (absent module: nothing)."""
    try:
        from proofs import constructions
        fn = constructions.evidence
    except (ImportError, AttributeError):
        return {}, []
    raw = fn(seed)
    pairs: Iterable = raw.items() if isinstance(raw, Mapping) else raw
    out: dict[str, list[Finding]] = {}
    orphans: list[str] = []
    for item in pairs:
        if isinstance(item, Finding):
            key, found = item.evidence.get("node"), [item]
        else:
            key, found = item
            found = [found] if isinstance(found, (Finding, Mapping)) else list(found)
        found = [f if isinstance(f, Finding) else Finding(str(f["check"]), Verdict(f["verdict"]),
                                                          str(f.get("detail", "")), dict(f.get("evidence", {})))
                 for f in found]
        try:
            rid = reg.resolve(str(key))
        except (InputError, ValueError):
            orphans.append(str(key))
            continue
        out.setdefault(rid, []).extend(found)
    return out, sorted(set(orphans))


# ---------------------------------------------------------------- the audit


def _closure(reg: Registry, start: str) -> set[str]:
    """The node and everything its proof uses, transitively (declared ids only)."""
    seen, todo = set(), [start]
    while todo:
        rid = todo.pop()
        if rid in seen:
            continue
        seen.add(rid)
        for u in reg.results[rid].uses:
            try:
                todo.append(reg.resolve(u))
            except InputError:
                pass
    return seen


def audit(node: str | None = None, digits: int = 15, seed: int = 0, params: Mapping[str, Any] | None = None,
          *, registry: Registry | None = None, evaluator: bool = True,
          progress: Callable[[int, int, str], None] | None = None) -> AuditReport:
    """Audit every node (or ``node`` and, for its dependency status, what it uses) in dependency order.

    ``params`` (name -> exact value) are applied to every audited node that has that parameter.
    ``progress(done, total, id)`` is called after each node. Same inputs, same report.
    """
    from .graph import build_graph, dependency_order

    reg = registry if registry is not None else _default_registry()
    target, digits, seed, clean = _validate(reg, node, digits, seed, params)
    g = build_graph(reg)
    order = dependency_order(reg)
    wanted = _closure(reg, target) if target else set(order)
    todo = [rid for rid in order if rid in wanted]
    ctx = AuditContext(registry=reg, digits=digits, seed=seed, params=clean)
    extra, orphans = _evaluator_evidence(reg, seed) if evaluator else ({}, [])
    found: dict[str, list[Finding]] = {}
    for i, rid in enumerate(todo):
        found[rid] = run_node(reg.results[rid], ctx) + extra.get(rid, [])
        if progress is not None:
            progress(i + 1, len(todo), rid)
    verdicts = {rid: worst(f.verdict for f in fs) for rid, fs in found.items()}
    reports = []
    for rid in todo if not target else [target]:
        r: Result = reg.results[rid]
        fs = found[rid]
        deps = sorted(_closure(reg, rid) - {rid})
        unverified = [d for d in deps if verdicts[d] is not Verdict.VERIFIED]
        verdict = verdicts[rid]
        if not fs:
            reason = "no checks declared"
        else:
            reason = next(f.detail for f in fs if f.verdict is verdict)
        reports.append(NodeReport(
            id=rid, aliases=list(r.aliases), title=r.title, kind=r.kind, location=r.location,
            verdict=verdict, reason=reason, findings=fs, dependencies_verified=not unverified,
            unverified_dependencies=unverified, uses=sorted(g.successors(rid)),
            used_by=sorted(g.predecessors(rid))))
    return AuditReport(nodes=reports, seed=seed, digits=digits, params=clean, focus=target, orphan_evidence=orphans)


def graph(report: AuditReport | None = None, *, registry: Registry | None = None, **audit_kwargs):
    """The lemma graph (networkx DiGraph, edge a -> b when a's proof uses b) with verdict attributes.

    Runs the full audit unless ``report`` is given; nodes missing from the report get verdict None.
    """
    from .graph import build_graph

    reg = registry if registry is not None else _default_registry()
    if report is None:
        report = audit(registry=reg, **audit_kwargs)
    g = build_graph(reg)
    by_id = {n.id: n for n in report.nodes}
    for nid, attrs in g.nodes(data=True):
        n = by_id.get(nid)
        attrs["verdict"] = n.verdict.value if n else None
        attrs["dependencies_verified"] = n.dependencies_verified if n else None
        attrs["reason"] = n.reason if n else ""
    return g
