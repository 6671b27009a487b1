"""A false mutant of a proved statement never stays proved, through the harness's own audit (the harness
run is shared with tests/test_mutations_real.py: tests/conftest.py's ``harness_run``; both files run on one
parallel worker, see the conftest's scheduling note)."""
from __future__ import annotations

import pytest


# ---------------------------------------------------------------- proved nodes: a false mutant is never proved


@pytest.fixture(scope="module")
def proved_run(harness_run):
    """The harness run of one certified-false mutant of the formal statement per proved node (the shared
    harness run of tests/conftest.py, effort "quick"; the mutants are chosen there by ``_false_by_the_proof``)."""
    return harness_run["proved"]


def test_every_proved_node_has_a_false_mutant(proved_run):
    proved, chosen, _ = proved_run
    assert proved, "the audit proves nothing: the test would be vacuous"
    assert set(proved) <= {n for m in chosen for n in m.nodes}


def test_a_false_mutant_of_a_proved_statement_is_not_proved(proved_run):
    """Each mutant contradicts its proved original at every admissible point (or the search refutes it):
    through the harness's own audit, no node it touches stays proved."""
    proved, chosen, run = proved_run
    assert run["control"] is True
    refuted = 0
    for m, r in zip(chosen, run["results"]):
        assert r["outcome"] != "timeout", r["id"]
        for n in set(m.nodes) & set(proved):
            statement, proof = r["status"][n]
            assert r["base_status"][n][0] == "proved"
            assert statement != "proved", (m.description, n, r["status"][n])
            refuted += statement == "refuted"
    # the search certifies some of them false on its own (a counterexample strictly inside the hypotheses)
    assert refuted >= 1
