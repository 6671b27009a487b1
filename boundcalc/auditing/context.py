"""What every runner receives: the registry, the user's settings, and the node being audited."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

from ..registry import Registry


@dataclass(frozen=True)
class AuditContext:
    """Settings of one audit run (all runners are pure functions of these and the declaration)."""

    registry: Registry
    digits: int = 15
    seed: int = 0
    params: Mapping[str, str] = field(default_factory=dict)
