"""Section 3 (main text): Problem 1 (APTI) and Hypothesis 1 (SETH)."""

RESULTS: list = []
