"""A paper the engine had not seen: bounded-entry attention, Alman & Song (NeurIPS 2023).

A handful of the statements its upper bound rests on, declared as the tutorial (docs/declaring-a-paper.md)
explains. One constant is deliberately wrong (``as23-taylor-degree``, see its notes); the audit refutes it.
Audit with::

    PYTHONPATH=examples boundcalc --paper as23_example audit
"""
from __future__ import annotations

from functools import lru_cache

from boundcalc.registry import Registry

SOURCE = ("J. Alman and Z. Song, 'Fast Attention Requires Bounded Entries', NeurIPS 2023 (arXiv 2302.13214); "
          "constants marked 'ours' are explicit instances we derived, not printed in the paper")


@lru_cache(maxsize=1)
def registry() -> Registry:
    """The declared results (the engine calls this)."""
    from .results import RESULTS

    return Registry(RESULTS, source=SOURCE)
