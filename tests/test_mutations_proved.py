"""A false mutant of a proved statement never stays proved, through the harness's own audit (its own file
so that the parallel test runners can run it beside the other harness tests)."""
from __future__ import annotations

from pathlib import Path

import pytest

from boundcalc import mutation


# ---------------------------------------------------------------- proved nodes: a false mutant is never proved


def _false_by_the_proof(m) -> bool:
    """A conclusion that contradicts the proved original at every admissible point: a strict relation
    reversed (the original holds strictly there) or an equation's right side moved by one."""
    return m.operator == "statement-relation" and (
        (m.description.endswith("reversed") and m.before.startswith(("Gt(", "Lt(")))
        or (m.description.endswith("right side + 1") and "'Eq(" in m.description))


@pytest.fixture(scope="module")
def proved_run(full_audit, tmp_path_factory):
    """The harness run of one certified-false mutant of the formal statement per proved node."""
    import proofs

    proved = sorted(n.id for n in full_audit.nodes if n.statement.status == "proved")
    snap = mutation.snapshot(Path(proofs.__file__).parent, tmp_path_factory.mktemp("proved"), "proofs")
    chosen, covered = [], set()
    for m in mutation.generate(snap):
        if _false_by_the_proof(m) and set(m.nodes) & set(proved) - covered:
            chosen.append(m)
            covered |= set(m.nodes)
    run = mutation.evaluate("proofs", snap, chosen, seed=0, jobs=2, effort="quick", timeout=600)
    return proved, chosen, run


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
