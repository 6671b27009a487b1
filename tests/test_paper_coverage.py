"""Coverage from the paper's text: every numbered heading has a node; every cited equation label exists."""
import os

import pytest

import proofs
from boundcalc.auditing.paper_text import heading_label, load

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TEXT = os.path.normpath(os.path.join(ROOT, "../shared/paper/001_afd380e0f51532d9.txt"))
pytestmark = pytest.mark.skipif(not os.path.isfile(TEXT), reason=f"the paper's text {TEXT} is not on this machine")
KINDS = ("Definition", "Lemma", "Theorem", "Proposition", "Corollary", "Problem", "Assumption")


def test_every_numbered_heading_has_a_node():
    reg = proofs.registry()
    labels = {heading_label(k) for r in reg for k in (r.id,) + tuple(r.aliases)} - {None}
    headings = {lab for lab, _ in load(TEXT).headings if lab.split()[0] in KINDS}
    assert len(headings) >= 40
    assert sorted(headings - labels) == []


def test_every_equation_label_a_declaration_cites_exists():
    reg = proofs.registry()
    text = load(TEXT)
    cited = {p.target for r in reg for p in r.proof_refs if p.is_equation}
    assert cited and sorted(cited - text.equation_labels) == []


def test_the_label_finder_sees_displayed_and_tagged_labels():
    text = load(TEXT)
    assert {"(2.1)", "(C.1)", "(D.5)", "(E.2)", "(F.1)"} <= text.equation_labels
    assert "(D.99)" not in text.equation_labels
