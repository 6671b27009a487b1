"""Section 2 (main text): definitions 2.1-2.7, Problem 2, and the informal Lemma 2.1 / Theorems 2.1-2.2."""

RESULTS: list = []
