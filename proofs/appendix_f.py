"""Appendix F (proofs of Section 2.4): Lemma 2.5 = F.1, Lemma F.2, Theorem 2.4."""

RESULTS: list = []
