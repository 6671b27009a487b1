"""The report's HTML page without a browser: one element per node, safe embedded JSON, no external
resource, a layout whose arrows all point left and whose boxes never overlap, panels with MathML,
quotes, findings' commands and proof steps."""
from __future__ import annotations

import dataclasses
import html
import json
import re

import pytest

from boundcalc.audit import audit
from boundcalc.records import Param, Result, claim, constant
from boundcalc.registry import Registry
from boundcalc.render.page import page
from boundcalc.render.page_layout import BOX_H, BOX_W, group_of
from boundcalc.report import errata, render
from conftest import run_main
from proofs import registry

from boundcalc.findings import SEVERITIES


def embedded(text: str, ident: str = "page-model"):
    m = re.search(rf'<script type="application/json" id="{ident}">(.*?)</script>', text, re.S)
    assert m, ident
    return json.loads(m.group(1))


def template(text: str, nid: str) -> str:
    m = re.search(rf'<template id="panel-{re.escape(html.escape(nid))}">(.*?)</template>', text, re.S)
    assert m, nid
    return m.group(1)


@pytest.fixture(scope="module")
def real(full_errata):
    return full_errata, render(full_errata, "html")


def test_every_node_once_with_its_classes(real):
    data, text = real
    ids = [r.id for r in registry()]
    assert sorted(n["id"] for n in data["nodes"]) == sorted(ids)
    for i in ids:
        assert text.count(f'data-node="{html.escape(i)}"') == 1
        assert f'<template id="panel-{html.escape(i)}">' in text
    by_id = {n["id"]: n for n in data["nodes"]}
    for m in re.finditer(r'<g class="node" data-node="([^"]+)" data-statement="([^"]+)" data-proof="([^"]+)"', text):
        n = by_id[html.unescape(m.group(1))]
        assert (m.group(2), m.group(3)) == (n["statement"]["status"], n["proof"]["status"])
    assert 'id="panel"' in text
    for name in ("statement", "proof", "severity"):
        assert f'data-filter="{name}"' in text


def test_no_external_resource(real):
    _, text = real
    assert re.findall(r"https?://[^\"'\s<>]*", text) and set(re.findall(r"https?://[^\"'\s<>]*", text)) <= {
        "http://www.w3.org/2000/svg", "http://www.w3.org/1998/Math/MathML"}     # namespaces only, never fetched
    assert not re.search(r"<(link|img|iframe|object|embed)\b", text, re.I)
    assert not re.search(r"<script[^>]*\bsrc=", text, re.I)
    assert "@import" not in text and "url(" not in text.replace("url(#arrow)", "")


def test_embedded_model_matches_the_report(real):
    data, text = real
    m = embedded(text)
    assert m["schema"] == "boundcalc.page/1"
    assert m["report"]["nodes"] == data["nodes"] and m["report"]["defects"] == data["defects"]
    # worst severity per node, recomputed from the findings (the page uses the defects' node lists)
    for n in data["nodes"]:
        cut = SEVERITIES.index(data["min_severity"])        # nits are not in a default report
        sev = [f["severity"] for f in n["findings"] if f.get("severity") and SEVERITIES.index(f["severity"]) <= cut]
        want = min(sev, key=SEVERITIES.index) if sev else "none"
        got = next(x for x in m["nodes"] if x["id"] == n["id"])
        assert got["severity"] == want, n["id"]
        assert set(got["uses"]) == set(n["uses"]) and set(got["used_by"]) == set(n["used_by"])


def test_layout_layers_lanes_and_no_overlap(real):
    data, text = real
    m = embedded(text)
    pos = {n["id"]: (n["x"], n["y"]) for n in m["nodes"]}
    for n in m["nodes"]:
        for u in n["uses"]:
            assert pos[u][0] + BOX_W < pos[n["id"]][0], (n["id"], u)     # what a proof uses lies to its left
    boxes = list(pos.items())
    for i, (a, (xa, ya)) in enumerate(boxes):
        for b, (xb, yb) in boxes[i + 1:]:
            assert abs(xa - xb) >= BOX_W or abs(ya - yb) >= BOX_H, (a, b)
    lanes = {lane["name"]: lane for lane in m["lanes"]}
    for n in m["nodes"]:
        lane = lanes[n["group"]]
        assert lane["y"] <= pos[n["id"]][1] and pos[n["id"]][1] + BOX_H <= lane["y"] + lane["height"]
    assert lanes.keys() >= {"Sec. 2", "App. C", "App. D", "cited"}
    assert group_of("App. C.2 (Lemma C.9, p. 27)", "lemma") == "App. C"
    assert group_of("Sec. 2.2 (Lemma 2.2, p. 8); restated as Lemma D.3", "lemma") == "Sec. 2"
    assert group_of("cited in App. D", "external") == "cited" and group_of("p. 3", "lemma") == "other"


def test_panels_show_formulas_findings_and_proofs(real):
    data, text = real
    reg = registry()
    for n in data["nodes"]:
        body = template(text, n["id"])
        r = reg.results[n["id"]]
        assert html.escape(r.statement) in body
        assert body.count("<math") >= len(r.constants) + len(r.claims) + len(r.params)
        for f in n["findings"]:
            if f.get("rerun") and f["check"] != "proof-record":
                assert html.escape(f["rerun"]) in body
        rec = [f["evidence"]["proof"] for f in n["findings"] if f["check"] == "proof-record"]
        if rec:
            for s in rec[0]["steps"]:
                assert f'<td>{html.escape(s["name"])}</td>' in body and html.escape(s["tactic"]) in body
                if s.get("residual"):
                    assert html.escape(s["residual"]) in body
            for b in n.get("trusted_base", []):
                assert html.escape(b["name"]) in body
        for u in n["uses"]:
            assert f'data-link="{html.escape(u)}"' in body
    assert "<mfrac>" in template(text, "lemma-2.2")     # delta = exp(-5 ... log(n)/eps) has a fraction


def test_defects_listed_worst_first_with_links(real):
    data, text = real
    found = re.findall(r"<li class='defect' data-severity='(\w+)' data-defect='([^']+)'", text)
    assert sorted(d for _, d in found) == sorted(html.escape(d["id"]) for d in data["defects"])
    ranks = [SEVERITIES.index(s) for s, _ in found]
    assert ranks == sorted(ranks)
    for d in data["defects"]:
        seg = text.split(f"id='defect-{html.escape(d['id'])}'")[1].split("</li>")[0]
        for nid in d["nodes"]:
            assert f'data-link="{html.escape(nid)}"' in seg


def test_page_opens_on_the_errata_with_focus_buttons_and_mathml(real):
    """Issue 22: the errata list comes before the graph; each entry has a button that focuses its results;
    the paper's formulas are MathML, not raw LaTeX; the graph's severity counts are labelled as node counts."""
    data, text = real
    assert text.index("id=\"defects\"") < text.index("id=\"graph-box\"")
    for d in data["defects"]:
        seg = text.split(f"id='defect-{html.escape(d['id'])}'")[1].split("</li>")[0]
        assert f"data-focus-defect='{html.escape(d['id'])}' data-nodes='{html.escape(' '.join(d['nodes']))}'" in seg
        if d.get("says"):
            assert "<math" in seg and html.escape(d["says"]) not in seg
    assert "worst defect (nodes)" in text and "statement status (nodes)" in text


@dataclasses.dataclass
class _Quote:
    text: str
    where: str


def _tiny():
    a = Result(id="lemma-A.1", kind="lemma", title="a </script><b>bold</b> title",
               statement="<img src=x onerror=alert(1)> & more", location="App. A (Lemma A.1)",
               params=(Param("g", "pos", "a parameter", latex=r"\gamma_{\min}"),),
               constants=(constant("y", "g/(g+1)"),), claims=(claim("c", "y", "<", "1"),))
    b = Result(id="theorem-1", kind="theorem", title="t", statement="s", location="Sec. 1 (Theorem 1)",
               uses=("lemma-A.1",))
    a.quotes = ("we have y < 1", {"text": "y = g/(g+1)", "page": 3}, _Quote("quoted", "p. 4"))
    reg = Registry([a, b])
    return reg, errata(report=audit(registry=reg, evaluator=False))


def test_user_text_is_escaped_and_json_survives():
    reg, data = _tiny()
    text = page(data, registry=reg)
    assert "<img" not in text and "<b>bold</b>" not in text
    assert "&lt;img src=x onerror=alert(1)&gt; &amp; more" in text
    m = embedded(text)
    assert m["report"]["nodes"][0]["title"] == "a </script><b>bold</b> title"
    assert text.count("<script>") == 1      # the page's own script; the title closed nothing


def test_quotes_rendered_whatever_their_record_type():
    reg, data = _tiny()
    body = template(page(data, registry=reg), "lemma-A.1")
    assert 'data-part="quotes"' in body
    for s in ("we have y &lt; 1", "y = g/(g+1)", "<dt>page</dt><dd>3</dd>", "quoted", "<dd>p. 4</dd>"):
        assert s in body, s
    assert 'data-part="quotes"' not in template(page(data, registry=reg), "theorem-1")   # no attribute, no section
    # the parameter's LaTeX \gamma_{\min} prints as gamma with subscript min; the constant is a fraction
    assert "<msub><mi>&#947;</mi><mi>min</mi></msub>" in body and "<mfrac>" in body


def test_report_command_writes_the_page(tmp_path, capsys):
    out = tmp_path / "audit.html"
    code, _, err = run_main(capsys, "report", "--format", "html", "--min-severity", "critical", "--out", str(out))
    text = out.read_text()
    assert code == 0 and text.startswith("<!DOCTYPE html>") and 'id="panel"' in text
    m = embedded(text)
    assert m["report"]["min_severity"] == "critical"
    assert {d["severity"] for d in m["report"]["defects"]} == {"critical"}
    code, _, err = run_main(capsys, "report", "--format", "htm", "--out", str(tmp_path / "x.html"))
    assert code == 2 and not (tmp_path / "x.html").exists()
