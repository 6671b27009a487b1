"""Calculators: library calls behind the CLI commands, each evaluating nodes of the lemma graph."""
