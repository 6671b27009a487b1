"""Rendering of audit reports and lemma graphs: text, JSON node-link, Graphviz dot, self-contained HTML.

One palette (:data:`PALETTE`) colours every format and generates every legend.
"""
from __future__ import annotations

PALETTE: dict[str, tuple[str, str]] = {
    "verified": ("#4caf50", "certified true"),
    "refuted": ("#e53935", "certified counterexample"),
    "unsupported": ("#fb8c00", "stated does not follow from the proof"),
    "inconsistent": ("#8e24aa", "two texts disagree"),
    "unknown": ("#bdbdbd", "not decided (reason given)"),
    "not audited": ("#ffffff", "graph drawn without running the audit"),
}
"""verdict -> (fill colour, legend text)."""


def colour(verdict: str | None) -> str:
    return PALETTE.get(verdict or "not audited", PALETTE["not audited"])[0]


def verdict_key(verdict: str | None) -> str:
    return verdict if verdict in PALETTE else "not audited"
