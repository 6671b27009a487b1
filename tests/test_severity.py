"""Severity from impact (boundcalc.defects): each rule on a small declared package of defects and findings.

The package: result R is used by U (graph edge U -> R); findings are built by hand so the expected severity
follows from the rules in the module docstring, derived in each test's docstring.
"""
from __future__ import annotations

from boundcalc.audit import Channel, statement_channel, summary_verdict
from boundcalc.defects import Defect, derive
from boundcalc.findings import SEVERITIES, Finding, Verdict

USERS = {"R": ["U"], "U": []}


def _run(defect: Defect, findings: list[tuple[str, Finding]], verdicts: dict[str, str], correction: str | None):
    def corr(ref):
        return {"verdict": correction, "detail": "hand"} if ref and correction else None
    (rec,) = derive({defect.id: defect}, {defect.id: findings}, corr, lambda n: USERS.get(n, []), verdicts.get)
    return rec


REFUTED = ("R", Finding("counterexample:as-written", Verdict.REFUTED, "x", {}, channel="statement"))
USE = {"R/custom:use": "verified"}


def _misstated(**kw) -> Defect:
    base = dict(id="d", title="t", severity="critical", locations=(), correction="c", correction_check="proof:c",
                assumed_by_proof="the proof's line 3", use_checks=(("U", "R/custom:use"),))
    base.update(kw)
    return Defect(**base)


def test_refuted_with_proved_correction_every_use_checked_and_assumed_is_misstated():
    """R is refuted as written; the correction is proved, U (the only user) has a verified use check, and the
    record points at where the proof assumes the correction: all three hold -> misstated, and the record keeps
    its counterexample finding."""
    rec = _run(_misstated(), [REFUTED], USE, "proved")
    assert rec["severity"] == "misstated" and "does not propagate" in rec["severity_note"]
    assert rec["findings"][0]["check"] == "counterexample:as-written"
    assert rec["uses"] == {"U": [{"check": "R/custom:use", "verdict": "verified"}]}


def test_each_missing_condition_keeps_critical():
    """Drop one condition at a time: correction not proved; U's use check refuted; no pointer into the proof.
    Each leaves a certified counterexample with a user that may need the false part -> critical."""
    assert _run(_misstated(), [REFUTED], USE, "unknown")["severity"] == "critical"
    assert _run(_misstated(), [REFUTED], {"R/custom:use": "refuted"}, "proved")["severity"] == "critical"
    rec = _run(_misstated(assumed_by_proof=""), [REFUTED], USE, "proved")
    assert rec["severity"] == "critical" and "no pointer" in rec["severity_note"]


def test_use_check_on_another_user_does_not_cover_u():
    """The use check names a result that does not use R; U stays unchecked -> critical, and the note names U."""
    rec = _run(_misstated(use_checks=(("X", "R/custom:use"),)), [REFUTED], USE, "proved")
    assert rec["severity"] == "critical" and "U" in rec["severity_note"]


def test_statement_wrong_as_written_without_counterexample_lowers_major_to_misstated():
    """A free symbol (statement-channel 'inconsistent', not a counterexample), declared major, with the three
    conditions -> misstated (the C.7 pattern)."""
    f = ("R", Finding("custom:unbound", Verdict.INCONSISTENT, "x", {}, channel="statement"))
    assert _run(_misstated(severity="major"), [f], USE, "proved")["severity"] == "misstated"


def test_citation_outside_hypotheses_is_a_slip_when_the_step_is_certified():
    """The cited lemma's hypothesis fails (a flagged proof finding); the step itself: verified -> minor (citation
    slip); refuted -> major; not run -> major (not certified)."""
    f = ("R", Finding("citation:uses-lemma", Verdict.INCONSISTENT, "x", {}, channel="proof"))
    d = Defect("s", "t", "major", (), step_check="R/custom:step")
    slip = _run(d, [f], {"R/custom:step": "verified"}, None)
    assert slip["severity"] == "minor" and slip["impact"] == "citation slip"
    assert _run(d, [f], {"R/custom:step": "refuted"}, None)["severity"] == "major"
    assert _run(d, [f], {}, None)["severity"] == "major"


def test_conditional_refutation_is_its_own_status_and_critical():
    """A statement finding 'refuted' whose evidence names under=SETH: the statement channel says
    refuted-under-hypothesis (not refuted), the summary is unsupported (no certified counterexample), and the
    defect is critical with 'false under SETH'."""
    f = Finding("counterexample-under-SETH: map", Verdict.REFUTED, "x", {"under": "SETH"}, channel="statement")
    ch = statement_channel([f])
    assert ch.status == "refuted-under-hypothesis" and ch.under == ["SETH"] and ch.to_dict()["under"] == ["SETH"]
    assert summary_verdict(ch, [f]) is Verdict.UNSUPPORTED
    rec = _run(Defect("h", "t", "major", ()), [("R", f)], {}, None)
    assert rec["severity"] == "critical" and rec["under"] == ["SETH"] and rec["impact"] == "false under SETH"


def test_summary_never_contradicts_a_proved_statement():
    """Statement proved, a flagged text finding (a misprint in the proof's display): the summary is verified,
    not 'inconsistent' (the C.3 case); with the statement unknown the same finding gives inconsistent."""
    typo = Finding("custom:chain", Verdict.INCONSISTENT, "x", {}, channel="text")
    assert summary_verdict(Channel("proved", ""), [typo]) is Verdict.VERIFIED
    assert summary_verdict(Channel("unknown", ""), [typo]) is Verdict.INCONSISTENT
    gap = Finding("custom:step", Verdict.REFUTED, "x", {}, channel="proof")
    assert summary_verdict(Channel("proved", ""), [gap]) is Verdict.VERIFIED            # C.8: the tool's proof
    assert summary_verdict(Channel("verified-at-points", ""), [gap]) is Verdict.UNSUPPORTED   # points only


def test_nit_is_below_typo_and_undeclared_findings_group_per_result():
    """nit is the last level; two flagged findings of one result that no record claims form one record whose
    title says in words what failed (not 'lhs ... rhs ...')."""
    assert SEVERITIES[-1] == "nit" and SEVERITIES.index("typo") < SEVERITIES.index("nit")
    a = Finding("claim:c1", Verdict.REFUTED, "lhs 42.47 <= rhs 42.35 is false", {}, channel="statement")
    b = Finding("stated-vs-derived:k", Verdict.UNSUPPORTED, "lhs 1 vs rhs 2", {}, channel="proof")
    (rec,) = derive({}, {"auto:R": [("R", a), ("R", b)]}, lambda r: None, titles={"R": "Lemma R"})
    assert rec["severity"] == "critical" and len(rec["findings"]) == 2
    assert rec["title"].startswith("Lemma R: the statement is false at a certified point") and "lhs" not in rec["title"]


# ------------------------------------------------------------------ the same rules through the audit, on a tiny package


def _node(id, checks=(), uses=()):
    from boundcalc.records import Result

    return Result(id=id, kind="lemma", title=f"Lemma {id}", statement="synthetic", location="test",
                  checks=tuple(checks), uses=uses)


def _custom(name, verdict, channel, **ev):
    from boundcalc.checks import Custom

    return Custom(name, lambda seed: [Finding(f"custom:{name}", verdict, name, dict(ev), channel=channel)])


def test_the_graph_decides_which_uses_need_a_check():
    """Package: R (refuted as written), U1 and U2 both use R (graph edges). The record checks only U1's use, the
    correction is proved, the proof assumes it: U2 is unchecked -> critical, and the note names U2. Checking U2's
    use too -> misstated. (The audit's own _defects, with the proved record given by hand.)"""
    from boundcalc.audit import _defects
    from boundcalc.registry import Registry

    reg = Registry([_node("R"), _node("U1", uses=("R",)), _node("U2", uses=("R",))])
    found = {"R": [Finding("counterexample:w", Verdict.REFUTED, "x", {}, channel="statement"),
                   Finding("custom:u1", Verdict.VERIFIED, "x", {}, channel="correction"),
                   Finding("custom:u2", Verdict.VERIFIED, "x", {}, channel="correction")], "U1": [], "U2": []}
    d = _misstated(use_checks=(("U1", "R/custom:u1"),), shown_by=("R/counterexample:w",))
    reg.defects = (d,)
    (rec,) = _defects(reg, found, ["R", "U1", "U2"], {"c": object()}, {})
    assert rec["severity"] == "critical" and "U2" in rec["severity_note"] and "U1" not in rec["severity_note"]
    reg.defects = (_misstated(use_checks=(("U1", "R/custom:u1"), ("U2", "R/custom:u2")), shown_by=d.shown_by),)
    for f in found["R"]:
        f.defect = None
    (rec,) = _defects(reg, found, ["R", "U1", "U2"], {"c": object()}, {})
    assert rec["severity"] == "misstated" and set(rec["uses"]) == {"U1", "U2"}


def test_audit_of_a_tiny_package_conditional_slip_and_nit():
    """Package: T has a statement finding refuted under SETH (T's status: refuted-under-hypothesis, defect
    critical); S cites a lemma outside its hypotheses (flagged) but its step check is verified (citation slip,
    minor); N has a notation record declared nit, left out of the errata unless min_severity='nit'."""
    from boundcalc.audit import audit
    from boundcalc.registry import Registry
    from boundcalc.report import errata, render

    reg = Registry([_node("T", [_custom("seth", Verdict.REFUTED, "statement", under="SETH")]),
                    _node("S", [_custom("cite", Verdict.INCONSISTENT, "proof"), _custom("step", Verdict.VERIFIED, "proof")]),
                    _node("N", [_custom("notation", Verdict.INCONSISTENT, "text")])])
    reg.defects = (Defect("h", "T is false under SETH", "major", ("T",), shown_by=("T/custom:seth",)),
                   Defect("s", "S cites outside hypotheses", "major", ("S",), shown_by=("S/custom:cite",),
                          step_check="S/custom:step"),
                   Defect("n", "N's notation", "nit", ("N",), shown_by=("N/custom:notation",)))
    rep = audit(registry=reg, evaluator=False)
    sev = {d["id"]: d["severity"] for d in rep.defects}
    assert sev == {"h": "critical", "s": "minor", "n": "nit"}
    t = rep.node("T")
    assert t.to_dict()["statement"] == {"status": "refuted-under-hypothesis", "reason": t.statement.reason,
                                        "findings": ["custom:seth"], "under": ["SETH"]}
    assert rep.exit_code == 0 and rep.summary["statement"]["refuted-under-hypothesis"] == 1
    data = errata(report=rep)
    assert [d["id"] for d in data["defects"]] == ["h", "s"] and "refuted under SETH" in render(data, "md")
    assert [d["id"] for d in errata(report=rep, min_severity="nit")["defects"]] == ["h", "s", "n"]


def test_constant_weaker_in_the_safe_direction_is_not_a_defect():
    """Package: a result whose appendix writes Delta = exp(-L^2) where the cited lemma gives exp(-(L-1)^2)
    (L >= 1, the delta-E2 pattern). exp(-L^2) <= exp(-(L-1)^2) since L^2 >= (L-1)^2, so the appendix claims less:
    asked as '<=' nothing is flagged and no defect is reported; asked as '==' (how the false alarm was declared)
    the two texts are flagged as disagreeing."""
    from boundcalc.audit import audit
    from boundcalc.checks import Consistency
    from boundcalc.records import Param, Result, constant
    from boundcalc.registry import Registry

    def package(rel):
        r = Result(id="A", kind="lemma", title="Lemma A", statement="synthetic", location="test",
                   params=(Param("L", "posint", default="3"),),
                   constants=(constant("Delta", "exp(-L**2)"), constant("Delta_cited", "exp(-(L-1)**2)")),
                   checks=(Consistency("Delta vs cited", where_a="appendix", where_b="cited lemma", a="Delta",
                                       b="Delta_cited", relation=rel, grid=({"L": "1"}, {"L": "2"}, {"L": "5"})),))
        return audit(registry=Registry([r]), evaluator=False)

    safe = package("<=")
    f = next(f for f in safe.nodes[0].findings if f.check == "consistency:Delta vs cited")
    assert not f.flagged and safe.defects == []
    strict = package("==")
    f = next(f for f in strict.nodes[0].findings if f.check == "consistency:Delta vs cited")
    assert f.flagged and len(strict.defects) == 1
