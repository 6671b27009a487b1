"""No statement the counterexample search refutes is ever proved (over every declaration and correction)."""
import pytest

from boundcalc.audit import audit
from boundcalc.findings import Verdict


@pytest.fixture(scope="module")
def report(full_audit):
    return full_audit


def test_refuted_statements_are_never_proved(report):
    assert len(report.nodes) > 40
    for n in report.nodes:
        refuting = [f for f in n.findings if f.channel == "statement" and f.verdict is Verdict.REFUTED]
        proved = [f for f in n.findings if f.check == "proof-record" and f.verdict is Verdict.VERIFIED]
        assert not (refuting and proved), n.id
        if refuting:
            plain = [f for f in refuting if not f.evidence.get("under")]   # "under": a named hypothesis (SETH)
            want = "refuted" if plain else "refuted-under-hypothesis"
            assert n.statement.status == want and not n.trusted_base, n.id


def test_proved_corrections_have_no_counterexample(report):
    for d in report.defects:
        corr = d.get("correction") or {}
        if corr.get("verdict") == "proved":
            for n in report.nodes:
                for f in n.findings:
                    if f.channel == "correction" and f.verdict is Verdict.REFUTED:
                        assert f.defect != d["id"], (d["id"], f.check)


def test_at_least_twelve_statements_proved_with_their_base(report):
    proved = [n for n in report.nodes if n.statement.status == "proved"]
    assert len(proved) >= 12
    for n in proved:
        assert n.trusted_base, n.id
        for b in n.trusted_base:
            assert b["name"] and b["reference"] and b["kind"] in ("axiom", "result")
            if b["kind"] == "result":
                assert b["status"] == "proved", (n.id, b)


def test_errata_lists_the_trusted_base_and_flags_unproved_results():
    from boundcalc.render.errata import markdown
    data = {"seed": 0, "counts": {}, "min_severity": "typo", "defects": [],
            "proved": [{"id": "a", "trusted_base": [{"name": "ax", "reference": "r", "kind": "axiom", "via": "a"},
                                                    {"name": "b", "reference": "r", "kind": "result",
                                                     "status": "unknown", "via": "a"}]},
                       {"id": "c", "trusted_base": [{"name": "ax", "reference": "r", "kind": "axiom", "via": "c"}]}]}
    md = markdown(data)
    assert "- `a` — axioms: ax; results: b (unknown) — **rests on results that are not proved: b**" in md
    assert "- `c` — axioms: ax\n" in md + "\n" and "not proved: " not in md.split("- `c`")[1]
