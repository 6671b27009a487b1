"""Appendix D (proof of Section 2.2): Lemmas D.1, D.2 and Lemma 2.2 = D.3."""

RESULTS: list = []
