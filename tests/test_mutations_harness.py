"""The mutation harness on the paper's own declarations, one snapshot, two samples:

- a real sample: nine mutants, operators in turn (``mutation.select(..., 9, seed=11)``): every operator
  runs, and a caught mutant names the flagged difference;
- proved nodes: one certified-false mutant of the formal statement per proved node never stays proved,
  through the harness's own audit (judged on the mutated nodes, without re-auditing their dependents).

(Before issue 23 these were tests/test_mutations_real.py and tests/test_mutations_proved.py; one file keeps
both runs on one parallel worker.)
"""
from __future__ import annotations

from pathlib import Path

import pytest

from boundcalc import mutation


def _false_by_the_proof(m) -> bool:
    """A conclusion that contradicts the proved original at every admissible point: a strict relation
    reversed (the original holds strictly there) or an equation's right side moved by one."""
    return m.operator == "statement-relation" and (
        (m.description.endswith("reversed") and m.before.startswith(("Gt(", "Lt(")))
        or (m.description.endswith("right side + 1") and "'Eq(" in m.description))


@pytest.fixture(scope="module")
def harness_run(full_audit, tmp_path_factory):
    """Two runs of the mutation harness on one snapshot of the paper's declarations, one per sample below,
    each with its baseline audit and control:

    - ``real``: (chosen, run) for nine mutants picked by ``mutation.select(..., 9, seed=11)``, operators in turn;
    - ``proved``: (proved ids, chosen, run) for one certified-false mutant of the formal statement per node
      ``full_audit`` proves (a strict relation reversed, or an equation's right side moved by one), judged
      on the nodes each mutant edits (``scope="touched"``: the question is their own status, so their
      dependents are not re-audited).

    Each ``run`` is ``{"results": records in the order of its ``chosen``, "control": bool}``, as
    ``mutation.evaluate`` returns it. Both samples run at ``effort="quick"`` (search sizes / 4)."""
    import proofs

    snap = mutation.snapshot(Path(proofs.__file__).parent, tmp_path_factory.mktemp("harness"), "proofs")
    ms = mutation.generate(snap)
    real = mutation.select(ms, 9, seed=11)
    proved = sorted(n.id for n in full_audit.nodes if n.statement.status == "proved")
    chosen, covered = [], set()
    for m in ms:
        if _false_by_the_proof(m) and set(m.nodes) & set(proved) - covered:
            chosen.append(m)
            covered |= set(m.nodes)
    real_run = mutation.evaluate("proofs", snap, real, seed=0, jobs=2, effort="quick", timeout=600)
    # the proved sample asks about the mutated nodes' own statuses: judged on those nodes alone
    proved_run = mutation.evaluate("proofs", snap, chosen, seed=0, jobs=2, effort="quick", timeout=600,
                                   scope="touched")
    return {"real": (real, real_run), "proved": (proved, chosen, proved_run)}


# ---------------------------------------------------------------- a real sample: every operator runs


@pytest.fixture(scope="module")
def real_sample(harness_run):
    return harness_run["real"]


def test_real_sample_covers_every_operator(real_sample):
    chosen, run = real_sample
    # nine mutants, operators in turn: nine different operators
    assert len({m.operator for m in chosen}) == 9 and {m.operator for m in chosen} <= set(mutation.OPERATORS)
    assert run["control"] is True
    assert [r["id"] for r in run["results"]] == [m.id for m in chosen]
    for r in run["results"]:
        assert r["outcome"] in ("caught", "equivalent", "survived", "timeout")
        if r["outcome"] == "equivalent":
            assert r["equivalent_reason"]
        if r.get("caught_by") == "flagged-evidence":   # strict only when certified (mutation.certify)
            assert isinstance(r["certified"], bool) and r["certified_how"]


def test_real_sample_caught_means_flagged_difference(real_sample):
    _, run = real_sample
    caught = [r for r in run["results"] if r["outcome"] == "caught"]
    assert caught, "no mutant of the sample was caught"
    for r in caught:
        assert r["how"] != "no flagged difference on the affected nodes"
        assert r.get("load_error") or any(r["how"].startswith(n + ":") for n in r["affected"])


# ---------------------------------------------------------------- proved nodes: a false mutant is never proved


@pytest.fixture(scope="module")
def proved_run(harness_run):
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


def test_scope_is_validated_before_work(tmp_path):
    with pytest.raises(ValueError, match="scope must be 'dependents' or 'touched'"):
        mutation.evaluate("proofs", tmp_path, [], scope="closure")
