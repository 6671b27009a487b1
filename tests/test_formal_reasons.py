"""Why a result has no formal statement: from its kind when the kind claims nothing, from a declared
reason otherwise; a claiming result with neither is a declaration gap (and shown as such)."""
from __future__ import annotations

import pytest

import proofs
from boundcalc.audit import NO_REASON, _formal
from boundcalc.commands.explain import _formal_line
from boundcalc.records import CLAIM_KINDS, CLAIMLESS_KINDS, Result, missing_formal


@pytest.fixture(scope="module")
def reg():
    return proofs.registry()


def _bare(kind: str, **kw) -> Result:
    return Result(id=f"{kind}-9", kind=kind, title="t", statement="s", location="l", **kw)


def test_every_claiming_result_of_the_paper_has_a_formal_statement_or_a_reason(reg):
    assert missing_formal(reg.results.values()) == []
    for r in reg.results.values():
        shown = _formal(r)
        if r.formal is None:
            assert set(shown) == {"absent"} and shown["absent"] != NO_REASON
        else:
            assert set(shown) == {"prose", "hypotheses", "conclusion"}


def test_a_claiming_result_with_neither_is_listed_and_shown_as_a_gap():
    lemma = _bare("lemma")
    assert missing_formal([lemma]) == ["lemma-9"]
    assert lemma.formal_absence() is None
    assert _formal(lemma) == {"absent": NO_REASON}
    assert _formal_line(_formal(lemma)).startswith("formal statement: none — none declared")
    reasoned = _bare("theorem", no_formal="a running-time claim: the engine evaluates no running times")
    assert missing_formal([reasoned]) == []
    assert _formal(reasoned) == {"absent": "a running-time claim: the engine evaluates no running times"}


@pytest.mark.parametrize("kind", sorted(CLAIMLESS_KINDS))
def test_kinds_that_claim_nothing_give_their_own_reason(kind):
    r = _bare(kind)
    assert kind not in CLAIM_KINDS and missing_formal([r]) == []
    assert r.formal_absence() == CLAIMLESS_KINDS[kind] == _formal(r)["absent"]


def test_paper_reasons(reg):
    """The SETH-conditional results say so; the definitions and informal overviews take the kind's reason."""
    for rid in ("theorem-3.1", "lemma-H.2", "ext-as23-theorem-1.3"):
        assert "SETH" in reg.results[rid].formal_absence() and "running times" in reg.results[rid].formal_absence()
    assert reg.results["definition-2.1"].formal_absence() == CLAIMLESS_KINDS["definition"]
    assert reg.results["theorem-2.1"].formal_absence() == CLAIMLESS_KINDS["informal"]
    assert reg.results["hypothesis-1"].formal_absence() == CLAIMLESS_KINDS["hypothesis"]
    assert reg.results["lemma-C.7"].formal_absence() is None       # it has one (as printed)


def test_reason_in_the_audit_json_and_explain_text(reg):
    from boundcalc.audit import SCHEMA, audit
    from boundcalc.commands.explain import render
    from boundcalc.explain import explain

    rep = audit(node="hypothesis-1", seed=0, registry=reg)
    assert SCHEMA == "boundcalc.audit/3"
    node = rep.nodes[0].to_dict()
    assert node["formal_statement"] == {"absent": CLAIMLESS_KINDS["hypothesis"]}
    text = render(explain("hypothesis-1", registry=reg))
    assert f"formal statement: none — {CLAIMLESS_KINDS['hypothesis']}" in text


def test_the_example_packages_have_no_gap(monkeypatch):
    """The guide's checklist holds for both example papers (ks24: every lemma formal; as23: reasons)."""
    import importlib
    import os

    monkeypatch.syspath_prepend(os.path.join(os.path.dirname(os.path.dirname(__file__)), "examples"))
    for name in ("ks24_example", "as23_example"):
        reg = importlib.import_module(name).registry()
        assert missing_formal(reg.results.values()) == [], name
    ks = importlib.import_module("ks24_example").registry()
    assert all(r.formal is not None for r in ks.results.values())
