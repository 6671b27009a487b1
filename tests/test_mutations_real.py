"""The mutation harness on a real sample of the paper's declarations (the harness run is shared with
tests/test_mutations_proved.py: tests/conftest.py's ``harness_run``; both files run on one parallel worker,
see the conftest's scheduling note)."""
from __future__ import annotations

import pytest

from boundcalc import mutation


@pytest.fixture(scope="module")
def real_sample(harness_run):
    """(chosen, run): nine mutants, ``mutation.select(..., 9, seed=11)``, through the shared harness run of
    tests/conftest.py (with the proved-node sample of tests/test_mutations_proved.py; effort "quick")."""
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


def test_real_sample_caught_means_flagged_difference(real_sample):
    _, run = real_sample
    caught = [r for r in run["results"] if r["outcome"] == "caught"]
    assert caught, "no mutant of the sample was caught"
    for r in caught:
        assert r["how"] != "no flagged difference on the affected nodes"
        assert r.get("load_error") or any(r["how"].startswith(n + ":") for n in r["affected"])
