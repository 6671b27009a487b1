"""The paper's results as declarations, one module per part of the paper.

Each module defines ``RESULTS``, a list of :class:`boundcalc.records.Result`. ``registry()`` loads
them all (cheaply: no sympy, no networkx) and checks ids, aliases and 'uses' edges.
"""
from __future__ import annotations

import importlib
from functools import lru_cache

from boundcalc.registry import Registry

PAPER = "Hu, Wang, Gilani, Li, Song, Liu: Fundamental Limits of Prompt Tuning Transformers (arXiv 2411.16525)"

MODULES = (
    "section_2",
    "section_3",
    "appendix_b",
    "appendix_c",
    "appendix_d",
    "appendix_e",
    "appendix_f",
    "appendix_g",
    "appendix_h",
    "appendix_i",
    "external",
)


# the paper's own CLI commands (boundcalc.paper adds them to the ``boundcalc`` command)
COMMANDS = {
    "lp": "proofs.commands.lp",
    "contextual": "proofs.commands.contextual",
    "ffn": "proofs.commands.ffn",
    "validate": "proofs.commands.validate",
}


def evidence(seed: int = 0):
    """Findings of the paper's constructions (``proofs.constructions``), for the audit."""
    from .constructions import evidence as run

    return run(seed)


def prompt_length(*args, **kwargs):
    """Lemma 2.3's prompt length L_p >= L*lambda (see :func:`proofs.calculators.lp.prompt_length`)."""
    from .calculators.lp import prompt_length as run

    return run(*args, **kwargs)


@lru_cache(maxsize=1)
def declarations() -> Registry:
    """The declared results and defects only: no formal statements, searches or proof records attached.

    What the calculators (``lp``, ``ffn``, ``contextual``) read: it loads neither sympy nor the prover
    (tests/test_lazy_imports.py). :func:`registry` completes this same object."""
    results = []
    for name in MODULES:
        results.extend(importlib.import_module(f"proofs.{name}").RESULTS)
    reg = Registry(results, source="Hu et al., arXiv 2411.16525")  # a dangling uses id is refused on load
    from .defects import DEFECTS

    reg.defects = tuple(DEFECTS)
    reg.load_proofs_with(_proof_records)   # the prover and sympy load only when a command reads them
    return reg


@lru_cache(maxsize=1)
def registry() -> Registry:
    """Every declared result, indexed by id and alias, with its formal statement and derived checks."""
    reg = declarations()
    from .formal import attach

    attach(reg)   # formal statements on the nodes (their searches derive from them); corrections' too
    from .calculator_checks import attach as attach_calculators

    attach_calculators(reg)   # the calculators' outputs against the node constants they compute
    from .steps import attach as attach_steps

    attach_steps(reg)         # proof steps as claims under the proofs' standing hypotheses
    reg.proof_steps = step_sets(reg)   # their printed LaTeX, compared by boundcalc.auditing.step_text
    return reg


def step_sets(reg) -> dict:
    """node id -> [(standing statement, steps)] of the declared proof steps (``proofs/steps.py``)."""
    from .steps import declared

    out: dict = {}
    for key, (st, steps) in declared(reg).items():
        if st is not None:
            out.setdefault(key.partition(" ")[0], []).append((st, tuple(steps)))
    return out


def _proof_records() -> dict:
    from .machine import PROOFS

    return dict(PROOFS)
