"""Appendix I: Assumption I.1 and Corollary I.0.1 (prompt tuning failures)."""

RESULTS: list = []
