"""Statements of cited works as the paper restates them (Kajitsuka & Sato, Park et al., Alman & Song, Aggarwal & Alman, Yun et al., Wang et al.)."""

RESULTS: list = []
