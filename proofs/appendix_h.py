"""Appendix H (proofs of Section 3): Definition H.1, Lemmas H.1-H.2, Theorems 3.1-3.2."""

RESULTS: list = []
