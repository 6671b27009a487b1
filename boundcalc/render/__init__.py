"""Rendering of audit reports and lemma graphs: text, JSON node-link, Graphviz dot, self-contained HTML.

One palette (:data:`PALETTE`) colours every format and generates every legend: a node's fill is its
statement status, its border its proof status.
"""
from __future__ import annotations

PALETTE: dict[str, dict[str, tuple[str, str]]] = {
    "statement": {
        "proved": ("#2e7d32", "machine-checked for all parameter values"),
        "verified-at-points": ("#a5d6a7", "signs certified at the listed points only"),
        "refuted": ("#e53935", "certified counterexample to the statement as written"),
        "refuted-under-hypothesis": ("#f48fb1", "false under a named hypothesis (e.g. SETH): a reduction checked exactly"),
        "unknown": ("#e0e0e0", "not decided (reason given)"),
        "not audited": ("#ffffff", "graph drawn without running the audit"),
    },
    "proof": {
        "checked": ("#1b5e20", "every step machine-checked"),
        "gap": ("#ef6c00", "a step fails (which, what and why in the findings)"),
        "unchecked": ("#757575", "no machine-checked proof record"),
        "not audited": ("#9e9e9e", "graph drawn without running the audit"),
    },
}
"""channel -> status -> (colour, legend text). Statement colours fill a node, proof colours draw its border."""

BORDER_WIDTH = {"checked": 3, "gap": 3, "unchecked": 1, "not audited": 1}


def status_key(channel: str, status: str | None) -> str:
    return status if status in PALETTE[channel] else "not audited"


def colour(channel: str, status: str | None) -> str:
    return PALETTE[channel][status_key(channel, status)][0]
