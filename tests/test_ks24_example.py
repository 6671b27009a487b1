"""examples/ks24_example gains quotes and proof records (issue 24): its two records prove the declared
formal statements, a broken record is a gap, and every quote is printed verbatim in Hu et al.'s text."""
from __future__ import annotations

import dataclasses
import os
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "examples"))

import ks24_example  # noqa: E402

from boundcalc.audit import audit  # noqa: E402
from boundcalc.auditing import paper_text  # noqa: E402
from boundcalc.findings import Verdict  # noqa: E402
from boundcalc.registry import Registry  # noqa: E402

TEXT = "/work/shared/paper/001_afd380e0f51532d9.txt"


def test_records_prove_the_two_lemmas():
    rep = audit(registry=ks24_example.registry(), seed=0, evaluator=False)
    by = {n.id: n for n in rep.nodes}
    assert (by["ks-identity"].statement.status, by["ks-identity"].proof.status) == ("proved", "checked")
    assert (by["ks-lemma-4"].statement.status, by["ks-lemma-4"].proof.status) == ("proved", "checked")
    assert by["ks-lemma-5"].statement.status == "unknown"          # no record: searched, not proved


def test_a_record_missing_a_premise_is_a_gap():
    from boundcalc.prover import Step

    from ks24_example.proofs import DECREASING, PROOFS, Lt, D, zi, B

    broken = dataclasses.replace(DECREASING, steps=[
        Step("bracket_negative", Lt(1 + zi - B, 0), "z3_linear", ("gap",)),   # the lower bound on Boltz left out
        DECREASING.steps[1]])
    reg = Registry(list(ks24_example.registry()))
    reg.proofs = dict(PROOFS, **{"ks-lemma-4": broken})
    node = audit(registry=reg, node="ks-lemma-4", seed=0, evaluator=False).nodes[0]
    assert node.proof.status == "gap" and node.statement.status != "proved"


@pytest.mark.skipif(not os.path.isfile(TEXT), reason="the paper's text is not on this machine")
def test_every_quote_is_printed_verbatim():
    text = paper_text.load(TEXT)
    quotes = [q for r in ks24_example.registry() for q in r.quotes]
    assert len(quotes) == 6
    assert all(text.contains(q.latex) for q in quotes)
    rep = audit(registry=ks24_example.registry(), seed=0, evaluator=False, paper_text=TEXT)
    verbatim = [f for n in rep.nodes for f in n.findings if f.check == "text:quotes"]
    assert len(verbatim) == 3 and all(f.verdict is Verdict.VERIFIED for f in verbatim)
