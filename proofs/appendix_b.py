"""Appendix B: Theorem B.1, universality without a prompt."""

RESULTS: list = []
