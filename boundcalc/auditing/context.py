"""What every runner receives: the registry, the user's settings, and the node being audited."""
from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Mapping

from ..registry import Registry


@dataclass(frozen=True)
class AuditContext:
    """Settings of one audit run (all runners are pure functions of these and the declaration)."""

    registry: Registry
    digits: int = 15
    seed: int = 0
    params: Mapping[str, str] = field(default_factory=dict)
    paper_text: Any = None
    """The paper's text (:class:`boundcalc.auditing.paper_text.PaperText`), or None: text checks skipped."""
    effort: Fraction = Fraction(1)   # search-size multiplier (``audit --effort``: quick 1/4, default 1, thorough 4)

    def scaled(self, n: int) -> int:
        """A search size ``n`` times the effort multiplier (at least 1)."""
        return max(1, int(n * self.effort))
