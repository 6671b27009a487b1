"""Appendix C (proofs in Appendix J): the Boltzmann operator, Definition C.1 and Lemmas C.1-C.9."""

RESULTS: list = []
