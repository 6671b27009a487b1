"""Issue 21, item 3: no masking. A check already flagged on its grid gets a separate finding for a
certified failure in another point class (edges, examples, pinned parameters), so a second error
changes a status a reviewer reads, not only a count in the evidence.

Planted: stated n + floor(x/999) <= derived 3 fails on the grid (n = 4: the first error) and, after a
second error, also at the domain edge x = 1000 (floor(1000/999) = 1). True statements: the check with
only the first error gets no edge finding, and a correct check gets none at all.
"""
from __future__ import annotations

from boundcalc.audit import audit
from boundcalc.checks import StatedVsDerived
from boundcalc.findings import Verdict
from boundcalc.records import Claim, Param, Result
from boundcalc.formula import Formula


def findings(stated, claims=()):
    r = Result(id="m", kind="lemma", title="m", statement="s", location="t",
               params=(Param("n", "posint"), Param("x", "pos")), claims=tuple(claims),
               data={"examples": [{"n": "3", "x": "1"}]},
               checks=(StatedVsDerived("bound", stated=stated, derived="3 + 0*x", follows="<=",
                                       grid=({"n": "3", "x": "1"}, {"n": "4", "x": "1"})),))
    rep = audit(registry=__import__("boundcalc.registry", fromlist=["Registry"]).Registry([r]), evaluator=False)
    return {f.check: f for f in rep.nodes[0].findings}


def test_a_second_error_at_the_edges_is_its_own_finding():
    f = findings("n + floor(x/999)")
    assert f["stated-vs-derived:bound"].verdict is Verdict.UNSUPPORTED
    edge = f["stated-vs-derived:bound@edge"]
    assert edge.verdict is Verdict.UNSUPPORTED and edge.evidence["class"] == "edge"
    bad = [r for r in edge.evidence["points"] if r["holds"] is False]
    # independently: at n = 3, x = 1000: 3 + floor(1000/999) = 4 > 3
    assert [r["params"] for r in bad] == [{"n": "3", "x": "1000"}]


def test_the_first_error_alone_adds_no_class_finding():
    f = findings("n + 0*x")
    assert f["stated-vs-derived:bound"].verdict is Verdict.UNSUPPORTED
    assert "stated-vs-derived:bound@edge" not in f


def test_a_correct_check_has_no_class_findings():
    f = findings("n - 1 + 0*x")
    assert f["stated-vs-derived:bound"].verdict is Verdict.VERIFIED
    assert not [k for k in f if "@" in k]


def claim_findings(lhs):
    from boundcalc.registry import Registry
    r = Result(id="c", kind="lemma", title="c", statement="s", location="t",
               params=(Param("n", "posint"), Param("x", "pos")),
               claims=(Claim("c", Formula(lhs), "<=", Formula("3")),),
               data={"examples": [{"n": "3", "x": "1"}, {"n": "4", "x": "1"}]})
    rep = audit(registry=Registry([r]), evaluator=False)
    return {f.check: f for f in rep.nodes[0].findings if f.check.startswith("claim:")}


def test_claims_report_a_second_point_class_too():
    first_only = claim_findings("n + 0*x")               # fails at example[1] (n = 4), not at the edges
    assert first_only["claim:c"].verdict is Verdict.REFUTED and "claim:c@edge" not in first_only
    both = claim_findings("n + floor(x/999)")           # ... and at the edge x = 1000 (n = 3)
    assert both["claim:c"].verdict is Verdict.REFUTED
    assert both["claim:c@edge"].verdict is Verdict.REFUTED
