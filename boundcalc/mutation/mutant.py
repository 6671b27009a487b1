"""A mutant: one small edit of one declaration module, and the operators that make them."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

OPERATORS = ("literal", "formula-literal", "relation", "hypothesis-drop", "hypothesis-weaken", "exponent",
             "uses-swap", "statement-hypothesis", "statement-domain", "statement-relation", "step-relation", "axiom")
"""The last five edit formal statements, proof steps' relations and proof records' axioms (:mod:`.formal_sites`)."""


@dataclass(frozen=True)
class Mutant:
    """One edit of one module: where, what, which declarations it touches, and the mutated source."""

    id: str
    operator: str
    module: str
    line: int
    nodes: tuple[str, ...]
    description: str
    role: str
    source: str = field(repr=False, compare=False)
    before: str = ""
    after: str = ""
    mode: str = "transcription"
    """``transcription``: the declaration alone is edited (its quotes still show the printed formula);
    ``paper``: the quotes and a private copy of the paper text are edited too (see :mod:`.paper_level`)."""
    text_edits: tuple[tuple[str, str], ...] = ()
    """(printed before, printed after) LaTeX pairs applied to the paper-text copy in ``paper`` mode."""

    def to_dict(self) -> dict[str, Any]:
        out = {"id": self.id, "operator": self.operator, "module": self.module, "line": self.line,
               "nodes": list(self.nodes), "role": self.role, "description": self.description,
               "before": self.before, "after": self.after, "mode": self.mode}
        if self.text_edits:
            out["text_edits"] = [list(e) for e in self.text_edits]
        return out


def _short(text: str, n: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n - 3] + "..."
