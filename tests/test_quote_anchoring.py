"""Quotes anchored where they are printed (issue 21, item 7): found inside the place ``where`` names, as a
whole expression; printed hypotheses compared with the declared ones by meaning, chains included."""
from __future__ import annotations

import os

import pytest

from boundcalc.auditing import paper_text
from boundcalc.auditing.anchor import find, occurrences
from boundcalc.quotes import Quote, compare
from boundcalc.records import Param, Result

TEXT = """1 Introduction

Lemma 1 (Threshold). For every $n \\geq 2$ and $\\delta > \\ln n + 13$, the map is injective.

Proof. By (2.1) we have
$$a = 2\\ln n + 1, \\quad (2.1)$$
where $x > 0$ holds since $1 - y > 0$. \\square

Lemma 2 (Other). If $\\delta > \\ln n + 1$ then $c_0 \\|x\\| \\leq \\frac{1}{2} \\|y\\|$ and $n \\ln n^2 > 0$.
"""


@pytest.fixture()
def paper(tmp_path):
    f = tmp_path / "paper.txt"
    f.write_text(TEXT)
    return paper_text.load(str(f))


def _node(rid="lemma-1"):
    return Result(id=rid, kind="lemma", title="t", statement="s", location="l",
                  params=(Param("n", "int>=2", default="3"), Param("delta", "pos", default="9")))


@pytest.mark.parametrize("latex,where,status", [
    (r"\delta > \ln n + 13", "Lemma 1", "anchored"),
    (r"\delta > \ln n + 1", "Lemma 2", "anchored"),
    (r"\delta > \ln n + 1", "Lemma 1", "substring"),       # only inside '+ 13' in Lemma 1
    (r"\ln n + 1", "eq. (2.1)", "substring"),               # printed as 2\ln n + 1
    (r"2\ln n + 1", "eq. (2.1)", "anchored"),
    (r"y > 0", "Lemma 1", "substring"),                      # printed as 1 - y > 0
    (r"x > 0", "eq. (2.1)", "anchored"),                     # the where-clause of the display belongs to it
    (r"n \ln n", "Lemma 2", "substring"),                    # printed as n \ln n^2
    (r"\frac{1}{2}", "Lemma 2", "anchored"),                 # a bracketed factor times \|y\|
    (r"\delta >", "Lemma 2", "anchored"),                    # a printed fragment, open on its right
    (r"n \geq 2", "Lemma 2", "elsewhere"),                   # printed, but in Lemma 1
    (r"n \geq 3", "Lemma 1", "missing"),
])
def test_quotes_are_found_as_whole_expressions_at_their_place(paper, latex, where, status):
    assert find(Quote(latex, where, role="constant"), _node(), paper)["status"] == status


def test_the_text_finding_flags_a_quote_printed_elsewhere(paper):
    from boundcalc.auditing.context import AuditContext
    from boundcalc.registry import Registry

    good = Result(**{**_node().__dict__, "quotes": (Quote(r"n \geq 2", "Lemma 1", role="hypothesis", declares="domain:n"),)})
    bad = Result(**{**_node().__dict__, "quotes": (Quote(r"n \geq 2", "Lemma 2", role="hypothesis", declares="domain:n"),)})
    for r, verdict in ((good, "verified"), (bad, "inconsistent")):
        ctx = AuditContext(registry=Registry([r]), digits=15, seed=0, params={}, effort=1, paper_text=paper)
        f = next(f for f in paper_text.run(r, ctx) if f.check == "text:quotes")
        assert f.verdict.value == verdict, f.detail


def test_occurrence_counts():
    assert occurrences(r"\ln n + 1", r"$\ln n + 1 = 2 \ln n + 1 + \ln n + 13$") == (1, 3)


def _rank_node(hyp: str, rho_domain="posint"):
    return Result(id="lemma-9", kind="lemma", title="t", statement="s", location="l",
                  params=(Param("d", "posint", default="4"), Param("s", "posint", default="3"),
                          Param("rho", rho_domain, default="2", latex=r"\rho")),
                  hypotheses=(hyp,))


CHAIN = r"\min(d, s) \geq \rho \geq 1"


@pytest.mark.parametrize("hyp,domain,status", [
    ("1 <= rho <= min(d, s)", "posint", "match"),
    ("rho <= min(d, s)", "posint", "match"),
    ("min(s, d) >= rho", "posint", "match"),
    ("rho <= max(d, s)", "posint", "mismatch"),        # a wider hypothesis: certified disagreement
    ("rho >= min(d, s)", "posint", "mismatch"),        # written the wrong way round
    ("rho <= min(d, s)", "pos", "mismatch"),           # rho >= 1 printed, rho > 0 (reals) declared
    ("rho is small", "posint", "undecided"),           # prose: nothing to compare with
])
def test_chained_hypothesis_compared_by_meaning(hyp, domain, status):
    q = Quote(CHAIN, "Remark D.1", role="hypothesis")
    assert compare(q, _rank_node(hyp, domain)).status == status


def test_the_paper_chain_matches_its_declaration():
    import proofs

    r = proofs.registry().get("lemma-D.2")
    q = next(q for q in r.quotes if q.latex == CHAIN)
    assert compare(q, r).status == "match"


PAPER = "/work/shared/paper/001_afd380e0f51532d9.txt"


@pytest.mark.skipif(not os.path.isfile(PAPER), reason="the paper's text is not on this machine")
def test_every_quote_of_the_paper_is_anchored():
    """No false alarm on this paper: each formula quote is found, whole, where it says it is printed."""
    import proofs

    text = paper_text.load(PAPER)
    bad = [(r.id, q.where, q.latex[:50], f["status"]) for r in proofs.registry() for q in r.quotes
           if q.role != "citation" for f in [find(q, r, text)] if f["status"] != "anchored" or not f["located"]]
    assert bad == []


@pytest.mark.parametrize("prose,verdict,extra", [
    ("For n >= 2 and delta > ln n + 13 the map is injective.", "verified", []),
    ("For n >= 2 and delta > ln n + 12 the map is injective.", "unknown", ["12"]),
    ("For n >= 2 and delta > ln n + 13 it is injective (proof: by (2.1), a = 2 ln n + 1; see Lemma 7).", "verified", []),
])
def test_prose_statement_against_the_printed_one(paper, prose, verdict, extra):
    from boundcalc.auditing.context import AuditContext
    from boundcalc.registry import Registry

    r = Result(**{**_node().__dict__, "statement": prose})
    ctx = AuditContext(registry=Registry([r]), digits=15, seed=0, params={}, effort=1, paper_text=paper)
    f = next(f for f in paper_text.run(r, ctx) if f.check == "text:prose")
    assert f.verdict.value == verdict and f.evidence["not_printed"] == extra
    assert f.computed is (verdict == "verified")       # a number only the prose has is left to a reader


def test_numbers_leave_out_references_labels_and_subscripts():
    from fractions import Fraction

    from boundcalc.auditing.anchor import numbers

    assert numbers("By Lemma 2.3 and eq. 2.1-2.2, z_1 > 3/4 and x^2 < 7 (i)") == {Fraction(3, 4), 2, 7}
    assert numbers(r"$$a > \frac{1}{2} \tag{C.4}$$ and $b_{12} = 5$", latex=True) == {Fraction(1, 2), 5}
