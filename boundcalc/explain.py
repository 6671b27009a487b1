"""One node explained: statement, parameters, constants (plain and LaTeX), claims, edges, audit.

``explain(key, ...)`` returns a JSON-ready dict; the ``explain`` command prints it as text.
"""
from __future__ import annotations

from typing import Any, Mapping

from .auditing.values import EVAL_ERRORS, complete, filled
from .domains import describe, name as domain_name
from .records import Result


def _latex(result: Result, formula, table) -> str | None:
    try:
        return formula.latex(table, result.latex_names())
    except Exception:  # sympy printing of an unusual formula: leave it out rather than fail
        return None


SCHEMA = "boundcalc.explain/1"
"""Version of the record :func:`explain` returns (``explain --json``; docs/audit.md)."""


def explain(key: str, digits: int = 15, seed: int = 0, params: Mapping[str, str] | None = None,
            *, registry=None, run_audit: bool = True, audit_node=None) -> dict[str, Any]:
    """Everything about one result, with its audit (run at ``seed``/``params``) unless ``run_audit`` is False.

    ``audit_node(id, params)``, when given, supplies the node's audit data (``NodeReport.to_dict()``)
    instead of running it here (the command passes a reused audit)."""
    from .audit import _default_registry, _validate, audit
    from .graph import build_graph

    reg = registry if registry is not None else _default_registry()
    rid, digits, seed, clean = _validate(reg, key, digits, seed, params)
    r = reg.results[rid]
    g = build_graph(reg)
    table = r.sympy_symbols()
    values = None
    if complete(r, clean):
        values = filled(r, clean)
    env: dict = {}
    if values is not None:
        try:
            env = r.bind(values)
        except EVAL_ERRORS:
            values, env = None, {}
    constants = []
    for c in r.constants:
        item = {"name": c.name, "formula": c.formula.text, "latex": _latex(r, c.formula, table),
                "description": c.description}
        if values is not None:
            try:
                env[c.name] = c.formula.evaluate(env)
                item["value"] = env[c.name].format(digits)
            except EVAL_ERRORS as exc:
                item["value"] = f"undetermined ({type(exc).__name__})"
        constants.append(item)
    claims = [{"name": c.name, "text": f"{c.lhs.text} {c.rel} {c.rhs.text}", "lhs": c.lhs.text, "rel": c.rel,
               "rhs": c.rhs.text, "description": c.description,
               "latex": _claim_latex(r, c, table)} for c in r.claims]
    out: dict[str, Any] = {
        "schema": SCHEMA, "id": r.id, "aliases": list(r.aliases), "kind": r.kind, "title": r.title, "location": r.location,
        "statement": r.statement, "source": r.source, "notes": r.notes,
        "params": [{"name": p.name, "domain": domain_name(p.domain), "domain_text": describe(p.domain), "default": p.default,
                    "description": p.description, "latex": p.latex} for p in r.params],
        "constants": constants, "hypotheses": list(r.hypotheses), "claims": claims,
        "uses": [{"id": u, "title": g.nodes[u]["title"]} for u in sorted(g.successors(rid))],
        "used_by": [{"id": u, "title": g.nodes[u]["title"]} for u in sorted(g.predecessors(rid))],
        "checks": [{"kind": type(s).__name__, "name": getattr(s, "name", "")} for s in r.checks],
        "values_at": values, "seed": seed, "digits": digits,
    }
    if run_audit:
        out["audit"] = (audit_node(rid, clean) if audit_node is not None else
                        audit(node=rid, digits=digits, seed=seed, params=clean, registry=reg).nodes[0].to_dict())
    return out


def _claim_latex(r: Result, c, table) -> str | None:
    a, b = _latex(r, c.lhs, table), _latex(r, c.rhs, table)
    if a is None or b is None:
        return None
    rel = {"<": "<", "<=": r"\le", "==": "=", ">=": r"\ge", ">": ">"}[c.rel]
    return f"{a} {rel} {b}"
