"""boundcalc: a symbolic-numeric verification and bound calculator for a paper's declared results.

The engine is generic; a paper is a package of declarations (this repository's is ``proofs``, for
Hu et al., arXiv 2411.16525; see :mod:`boundcalc.paper`). Entry points are imported lazily::

    import boundcalc, proofs
    boundcalc.evaluate("E.1", d=2, L=3, eps="1/10")
    proofs.prompt_length(d=2, L=3, eps="0.1").paper_prompt_length.format()   # '41472000000'
"""
from __future__ import annotations

import importlib

__version__ = "0.1.0"

_EXPORTS = {
    "Real": "boundcalc.numbers",
    "parse_exact": "boundcalc.numbers",
    "InputError": "boundcalc.errors",
}


def evaluate(node: str, digits: int | None = None, **params):
    """Constants of one node of the lemma graph: ``boundcalc.evaluate("E.1", d=2, L=3, eps="0.1")``."""
    from . import paper
    from .graph import evaluate_node

    return evaluate_node(paper.load(), node, params, digits)


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'boundcalc' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


def __dir__():
    return sorted(list(globals()) + list(_EXPORTS))
