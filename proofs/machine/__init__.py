"""Machine-checked proof records for Hu et al. (arXiv 2411.16525), Appendix C/D/E lemmas.

Each record abstracts vectors and transcendental quantities as real atoms (Boltz(z) -> B, ln n -> L, ...); the
facts linking the atoms are named axioms with a reference, or are proved by the interval tactic. Check with
``boundcalc.prover.check(PROOFS[id], proved_results=...)``.
"""
from .records import PROOFS, ORDER, EXPECTED

__all__ = ["PROOFS", "ORDER", "EXPECTED"]
