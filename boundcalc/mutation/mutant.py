"""A mutant: one small edit of one declaration module, and the operators that make them."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

OPERATORS = ("literal", "formula-literal", "relation", "hypothesis-drop", "hypothesis-weaken", "exponent",
             "uses-swap")


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

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "operator": self.operator, "module": self.module, "line": self.line,
                "nodes": list(self.nodes), "role": self.role, "description": self.description,
                "before": self.before, "after": self.after}



def _short(text: str, n: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n - 3] + "..."
