"""A second paper for boundcalc: three of Kajitsuka & Sato's (2024) results on the Boltzmann operator,
as Hu et al. restate them (Lemmas C.1-C.3).

This package is what ``docs/declaring-a-paper.md`` builds step by step. Audit it with::

    PYTHONPATH=examples boundcalc --paper ks24_example audit
"""
from __future__ import annotations

from functools import lru_cache

from boundcalc.registry import Registry

PAPER = "Kajitsuka & Sato, 'Are Transformers with One Layer Self-Attention Using Low-Rank Weight Matrices Universal Approximators?' (ICLR 2024), as restated by Hu et al. (arXiv 2411.16525)"


@lru_cache(maxsize=1)
def registry() -> Registry:
    """The three declared results and two proof records (the engine calls this; only the results are required)."""
    from .lemmas import RESULTS, SOURCE
    from .proofs import PROOFS

    reg = Registry(RESULTS, source=SOURCE)
    reg.proofs = dict(PROOFS)       # machine-checked proof records (docs/proofs.md)
    return reg
