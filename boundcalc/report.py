"""The errata report: the audit's distinct defects, worst first, as a reviewer would send them.

``errata(...)`` runs the audit and returns a dict (schema ``boundcalc.report/1``); ``render(data, fmt)``
turns it into Markdown, HTML or JSON text. Nothing here knows the paper: defects, quotes and corrections
come from the paper's package through the audit.
"""
from __future__ import annotations

import json
from typing import Any

from .errors import InputError
from .findings import SEVERITIES

SCHEMA = "boundcalc.report/1"
FORMATS = ("md", "html", "json")


def check_severity(level: str) -> str:
    """The severity name, or InputError (one line)."""
    if level not in SEVERITIES:
        raise InputError(f"--min-severity must be one of {', '.join(SEVERITIES)}, got {level!r}")
    return level


def errata(seed: int = 0, min_severity: str = "typo", *, report=None, **audit_kwargs) -> dict[str, Any]:
    """Distinct defects at or above ``min_severity`` with quotes, evidence, commands and corrections."""
    from .audit import audit

    check_severity(min_severity)
    rep = report if report is not None else audit(seed=seed, **audit_kwargs)
    cut = SEVERITIES.index(min_severity)
    by_key = {(n.id, f.check): f for n in rep.nodes for f in n.findings}
    defects = []
    for d in rep.defects:
        if SEVERITIES.index(d["severity"]) > cut:
            continue
        rec = dict(d)
        rec["findings"] = []
        for link in d["findings"]:
            f = by_key.get((link["node"], link["check"]))
            row = dict(link)
            if f is not None:
                row["evidence"] = f.to_dict()["evidence"]
            rec["findings"].append(row)
        defects.append(rec)
    summary = rep.summary
    proved = [{"id": n.id, "trusted_base": n.trusted_base} for n in rep.nodes if n.statement.status == "proved"]
    data = {"schema": SCHEMA, "seed": rep.seed, "min_severity": min_severity,
            "counts": {s: sum(d["severity"] == s for d in defects) for s in SEVERITIES},
            "left_out": {s: sum(d["severity"] == s for d in rep.defects) for s in SEVERITIES[cut + 1:]},
            "audit_summary": summary, "defects": defects, "proved": proved,
            "nodes": [n.to_dict() for n in rep.nodes]}
    from .auditing.values import json_safe
    return json_safe(data)


def render(data: dict[str, Any], fmt: str) -> str:
    """The report as ``md``, ``html`` (self-contained page) or ``json`` text."""
    if fmt == "json":
        return json.dumps(data, indent=2)
    if fmt == "md":
        from .render.errata import markdown
        return markdown(data)
    if fmt == "html":
        from .render.page import page
        return page(data)
    raise InputError(f"--format must be one of {', '.join(FORMATS)}, got {fmt!r}")
