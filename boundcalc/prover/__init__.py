"""A small proof checker: a result is 'checked' only if every step is closed by a sound tactic."""
from .core import Axiom, Domain, POS, REALS, ProofOutcome, ProofRecord, Step, StepOutcome, check, same_formula
from .tactics import TACTICS

__all__ = ["Axiom", "Domain", "POS", "REALS", "ProofOutcome", "ProofRecord", "Step", "StepOutcome", "check",
           "same_formula", "TACTICS"]
