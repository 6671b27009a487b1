"""The README's audit counts are the current audit's: the checked-in figures block is regenerated and compared.

The counts are also recounted here from the nodes and defects one by one (a second path to the same
numbers), so a bug in the summary cannot make README and generator agree on a wrong figure.
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from boundcalc.render import figures as fig

README = Path(__file__).resolve().parent.parent / "README.md"


def test_readme_block_is_the_current_audit(full_audit):
    checked_in = fig.current_block(README.read_text(encoding="utf-8"))
    assert checked_in == fig.block(full_audit), (
        "README's audit figures are stale: run `python -m boundcalc.render.figures --seed 0 --update README.md`")


def _number_before(text: str, words: str) -> int:
    m = re.search(r"(\d+) " + re.escape(words) + r"\b", text)
    assert m, f"{words!r} not in the block"
    return int(m.group(1))


def test_block_counts_match_a_recount_of_the_nodes(full_audit):
    text = "\n".join(fig.figures(full_audit))
    assert _number_before(text, "results") == len(full_audit.nodes)
    stmt = Counter(n.statement.status for n in full_audit.nodes)
    proof = Counter(n.proof.status for n in full_audit.nodes)
    for status, k in stmt.items():
        assert _number_before(text, status) == k
    for status, k in proof.items():
        assert _number_before(text, "with a gap" if status == "gap" else status) == k
    sev = Counter(d["severity"] for d in full_audit.defects)
    for s, k in sev.items():
        assert _number_before(text, s) == k
    assert _number_before(text, "distinct defects") == len(full_audit.defects)
    flagged = sum(1 for n in full_audit.nodes for f in n.findings if f.flagged and f.channel != "correction")
    assert _number_before(text, "flagged findings") == flagged
    refuted = [n.id for n in full_audit.nodes if n.statement.status == "refuted"]
    for nid in refuted:
        assert nid in text


def test_update_rewrites_only_the_block(tmp_path):
    page = tmp_path / "R.md"
    page.write_text("before\n<!-- figures: python -m boundcalc.render.figures --seed 0 -->\nold\n<!-- /figures -->\nafter\n")
    out = fig.replace_block(page.read_text(), "<!-- figures: x -->\nnew\n<!-- /figures -->")
    assert out == "before\n<!-- figures: x -->\nnew\n<!-- /figures -->\nafter\n"


def test_a_page_without_a_block_is_refused(tmp_path):
    with pytest.raises(ValueError):
        fig.replace_block("no markers here", "x")
    page = tmp_path / "R.md"
    page.write_text("no markers\n")
    assert fig.main(["--update", str(page)]) == 2
    assert page.read_text() == "no markers\n"
