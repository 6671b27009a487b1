"""The report page in a real browser (Chromium driven by Playwright): panel, filters, focus from the URL,
zoom and pan, and not one network request. Skipped, with the reason, where Playwright or Chromium is absent."""
from __future__ import annotations

import os
import shutil

import networkx as nx
import pytest

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")
CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (apt-get install chromium)")

from boundcalc.graph import build_graph  # noqa: E402
from boundcalc.report import errata, render  # noqa: E402
from proofs import registry  # noqa: E402

from boundcalc.findings import SEVERITIES


@pytest.fixture(scope="module")
def report(tmp_path_factory, full_errata):
    data = full_errata
    path = tmp_path_factory.mktemp("page") / "audit.html"
    path.write_text(render(data, "html"))
    return data, path.as_uri()


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture
def tab(browser, report):
    """A fresh page with every request recorded (and any non-file request refused), and script errors."""
    ctx = browser.new_context(viewport={"width": 1400, "height": 900})
    requests, errors = [], []

    def route(r):
        requests.append(r.request.url)
        if r.request.url.startswith("file://"):
            r.continue_()
        else:
            r.abort()

    ctx.route("**/*", route)
    pg = ctx.new_page()
    pg.on("request", lambda req: requests.append(req.url))
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.requests, pg.errors = requests, errors

    def open_(fragment: str = ""):
        pg.goto(report[1] + fragment)
        pg.wait_for_selector("body[data-ready]")
    pg.open = open_
    yield pg
    assert not errors, errors
    ctx.close()


def visible(pg) -> set[str]:
    """Ids of the graph nodes the browser shows (Playwright's :visible: a non-empty box, not hidden)."""
    return set(pg.locator("#graph [data-node]:visible").evaluate_all("els => els.map(e => e.dataset.node)"))


def click_node(tab, nid: str) -> None:
    """Click a graph node; when the first view (labels at their own size) does not show it, fit first."""
    loc, g = tab.locator(f'#graph [data-node="{nid}"]'), tab.locator("#graph")
    loc.scroll_into_view_if_needed()
    box, gb = loc.bounding_box(), g.bounding_box()
    if not (box and gb["x"] <= box["x"] and box["x"] + box["width"] <= gb["x"] + gb["width"]
            and gb["y"] <= box["y"] and box["y"] + box["height"] <= gb["y"] + gb["height"]):
        tab.click('[data-zoom="fit"]')
    loc.click()


def worst(n: dict) -> str:
    sev = [f["severity"] for f in n["findings"] if f.get("severity")]
    return min(sev, key=SEVERITIES.index) if sev else "none"


def test_click_a_node_and_read_its_panel(tab, report):
    data = report[0]
    tab.open()
    assert len(visible(tab)) == len(data["nodes"]) == len(registry())
    n = next(x for x in data["nodes"] if x["id"] == "lemma-C.9")
    click_node(tab, "lemma-C.9")
    panel = tab.locator("#panel")
    assert panel.locator("h2").inner_text().startswith("lemma-C.9")
    text = panel.inner_text()
    assert registry().results["lemma-C.9"].title in text and n["title"] in text
    assert f"statement: {n['statement']['status']}" in text and f"proof: {n['proof']['status']}" in text
    for f in n["findings"]:
        if f["check"] != "proof-record":
            assert f["rerun"] in text
    assert panel.locator("math").count() >= len(registry().results["lemma-C.9"].constants)
    assert "node=lemma-C.9" in tab.evaluate("location.hash")
    # a node with a proof record: one row per step, the residual goal of an open step, the trusted base
    with_rec = [x for x in data["nodes"] if any(f["check"] == "proof-record" for f in x["findings"])]
    assert with_rec
    for m in with_rec[:3] + [x for x in with_rec if x.get("trusted_base")][:1]:
        rec = next(f for f in m["findings"] if f["check"] == "proof-record")["evidence"]["proof"]
        click_node(tab, m["id"])
        # the panel re-renders after the click: wait until it shows this node (a loaded machine lags)
        sync_api.expect(panel.locator("h2")).to_contain_text(m["id"])
        sync_api.expect(panel.locator("tr.step")).to_have_count(len(rec["steps"]))
        text = panel.inner_text()
        for st in rec["steps"]:
            assert st["tactic"] in text and (not st.get("residual") or st["residual"] in text)
        for b in m.get("trusted_base", []):
            assert b["name"] in panel.locator("ul.trusted").inner_text()
    click_node(tab, "lemma-C.9")
    # follow a 'uses' link: the panel now shows that node
    used = n["uses"][0]
    panel.locator(f'.uses [data-link="{used}"]').click()
    assert panel.locator("h2").inner_text().startswith(used)
    # MathML is laid out (a fraction has height), not shown as raw text
    click_node(tab, "lemma-2.2")
    box = tab.locator("#panel mfrac").first.bounding_box()
    assert box is not None and box["height"] > 0


def _only(tab, name: str, keep: set[str]):
    for box in tab.locator(f'[data-filter="{name}"]').all():
        if box.is_checked() != (box.get_attribute("value") in keep):
            box.click()


def test_filters_count_visible_nodes(tab, report):
    data = report[0]
    tab.open()
    _only(tab, "statement", {"refuted"})
    want = {n["id"] for n in data["nodes"] if n["statement"]["status"] == "refuted"}
    assert visible(tab) == want and len(want) == 6   # the six of tests/test_verdicts.py
    _only(tab, "statement", {"unknown", "proved"})
    _only(tab, "proof", {"gap"})
    want = {n["id"] for n in data["nodes"]
            if n["statement"]["status"] in ("unknown", "proved") and n["proof"]["status"] == "gap"}
    assert visible(tab) == want and want
    tab.click('[data-action="reset-filters"]')
    assert len(visible(tab)) == len(data["nodes"])
    _only(tab, "severity", {"critical", "major"})
    want = {n["id"] for n in data["nodes"] if worst(n) in ("critical", "major")}
    assert visible(tab) == want and want
    # an edge is drawn only between two shown nodes
    edges = tab.locator("#graph .edge:visible").evaluate_all("els => els.map(e => [e.dataset.source, e.dataset.target])")
    assert edges and all(a in want and b in want for a, b in edges)


@pytest.mark.parametrize("node,direction,depth", [("lemma-2.2", "up", 2), ("lemma-C.2", "down", 1),
                                                  ("lemma-C.7", "both", None), ("theorem-2.3", "up", 0)])
def test_focus_url_shows_the_neighbourhood(tab, node, direction, depth):
    g = build_graph(registry())
    want = {node}
    if direction in ("up", "both"):
        want |= set(nx.ego_graph(g, node, radius=depth if depth is not None else len(g)))
    if direction in ("down", "both"):
        want |= set(nx.ego_graph(g.reverse(), node, radius=depth if depth is not None else len(g)))
    frag = f"#focus={node}&dir={direction}" + (f"&depth={depth}" if depth is not None else "")
    tab.open(frag)
    assert visible(tab) == want
    assert tab.locator("#panel h2").inner_text().startswith(node)
    if depth == 2:
        assert want != set(nx.ego_graph(g, node, radius=1)) | {node}    # depth matters here
    tab.click('[data-focus="clear"]')
    assert len(visible(tab)) == g.number_of_nodes()


def test_focus_buttons_write_the_url(tab):
    tab.open()
    click_node(tab, "lemma-C.3")
    tab.fill("#focus-depth", "1")
    tab.click('#panel [data-focus-dir="down"]')
    assert tab.evaluate("location.hash") == "#focus=lemma-C.3&dir=down&depth=1&node=lemma-C.3"
    g = build_graph(registry())
    assert visible(tab) == {"lemma-C.3"} | set(g.predecessors("lemma-C.3"))


def test_zoom_and_pan_move_the_view(tab):
    tab.open()
    vb = lambda: [float(x) for x in tab.get_attribute("#graph", "viewBox").split()]   # noqa: E731
    w0 = vb()[2]
    tab.click('[data-zoom="in"]')
    assert vb()[2] < w0
    tab.locator("#graph-box").scroll_into_view_if_needed()      # the errata list comes first on the page
    box = tab.locator("#graph").bounding_box()
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    tab.mouse.move(cx, cy)
    before = vb()
    tab.mouse.wheel(0, -400)
    tab.wait_for_function(f"document.getElementById('graph').getAttribute('viewBox').split(' ')[2] < {before[2]}")
    before = vb()
    tab.mouse.move(cx, cy)
    tab.mouse.down()
    tab.mouse.move(cx + 120, cy + 60, steps=5)
    tab.mouse.up()
    after = vb()
    assert after[0] < before[0] and after[1] < before[1] and after[2] == before[2]


def test_the_page_makes_no_network_request(tab, report):
    tab.open("#focus=lemma-2.2&dir=both&depth=1")
    click_node(tab, "lemma-2.2")
    tab.locator("#panel details").first.click()
    _only(tab, "severity", {"critical"})
    tab.click('[data-zoom="fit"]')
    tab.locator("#defects [data-link]").first.click()
    assert set(tab.requests) == {report[1]}, tab.requests


def test_first_view_errata_on_top_labels_legible_and_defect_focus_refits(tab, report):
    """Issue 22: the page opens on the errata list (worst first, in the first screen); the graph's labels are
    drawn at a legible size in its first view (not scaled down to fit 55 nodes); 'show in graph' shows exactly
    the defect's results and fits the view to them."""
    data = report[0]
    tab.open()
    first = tab.locator("#defects li.defect").first
    assert first.bounding_box()["y"] < 900 and first.get_attribute("data-severity") == data["defects"][0]["severity"]
    tab.locator("#graph-box").scroll_into_view_if_needed()
    label = tab.locator('#graph [data-node] text').first.bounding_box()
    assert label["height"] >= 10                                  # was about 5 px when fitted to everything
    d = next(x for x in data["defects"] if len(x["nodes"]) >= 2)
    before = tab.get_attribute("#graph", "viewBox")
    tab.click(f"[data-focus-defect='{d['id']}']")
    assert visible(tab) == set(d["nodes"])
    assert tab.get_attribute("#graph", "viewBox") != before
    assert f"defect={d['id']}" in tab.evaluate("location.hash")
    for nid in d["nodes"]:                                        # every shown node inside the fitted view
        box, g = tab.locator(f'#graph [data-node="{nid}"]').bounding_box(), tab.locator("#graph").bounding_box()
        assert g["x"] <= box["x"] and box["x"] + box["width"] <= g["x"] + g["width"] + 1
