"""Mutation testing of a paper package's declarations: generate wrong declarations, audit each one.

The engine knows no paper: every function takes the package's name and directory. A mutant is one
small edit of one declaration module's source (the working tree is never touched): a numeric literal
perturbed (in code, or inside a formula text), a relation flipped, a hypothesis dropped or weakened,
an exponent changed, a dependency in ``uses`` swapped. Only code that a declaration reaches is
mutated: the keyword arguments of ``Result(...)`` and of its check specifications that state
something (formulas, claims, hypotheses, relations, uses), and the module-level functions those name
directly. Prose (titles, statements, notes, prose hypotheses), samplers, adversarial lists, grids and
trial counts are left alone: they state nothing the audit could find wrong.

A mutant is *caught* when the audit of the nodes it touches and of every node depending on them
differs from the unmutated audit in a flagged way (a statement/proof status, a node verdict, or the
set of flagged findings with their defect links). A survivor that can be shown to keep every
relation it touches true (a computation, see :func:`equivalence`) is *equivalent*, with the reason.

One module per concern: :mod:`.mutant` (the Mutant record), :mod:`.sites` (what may be edited),
:mod:`.generation` (the edits and the seeded sample), :mod:`.loading` (copies and imports),
:mod:`.comparison` (what 'caught' compares), :mod:`.equivalence` (computed reasons a survivor is
harmless), :mod:`.evaluation` (running mutants in worker processes), :mod:`.summary` (the counts).
"""
from .comparison import CAUGHT_BY, compare, dependents, signature
from .equivalence import equivalence
from .evaluation import evaluate
from .generation import generate, select
from .loading import copy_package, fresh_import, load_registry, snapshot
from .mutant import OPERATORS, Mutant
from .sites import WIDER_DOMAIN, WITNESS
from .summary import summarize

__all__ = ["CAUGHT_BY", "OPERATORS", "WIDER_DOMAIN", "WITNESS", "Mutant", "compare", "copy_package", "dependents",
           "equivalence", "evaluate", "fresh_import", "generate", "load_registry", "select", "signature",
           "snapshot", "summarize"]
