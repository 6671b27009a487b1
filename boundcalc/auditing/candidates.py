"""Candidates of a falsification search: one exact value per declared object.

Shared by the search (:mod:`.falsify`) and its float screen (:mod:`.screen`), so neither imports the other.
"""
from __future__ import annotations

ROUND_DEN = 2 ** 16
"""Float proposals (optimiser steps, screened rows) are rounded to this denominator before their
admissibility is certified."""


def copy(obj: dict) -> dict:
    """A copy of a candidate whose list values can be edited without touching the original."""
    return {k: (list(v) if isinstance(v, list) else v) for k, v in obj.items()}
