"""`boundcalc graph`: node-link JSON with user -> used edges; dot and html carry every node and the legend."""
from __future__ import annotations

import json
import re


from conftest import run_main as call
from boundcalc.render import PALETTE
from boundcalc.render.graphs import focus, layers
from boundcalc.registry import Registry
from boundcalc.records import Result
from proofs import registry


def test_json_is_node_link_with_edge_direction(capsys):
    code, out, _ = call(capsys, "graph", "--format", "json", "--no-audit")
    data = json.loads(out)
    assert code == 0 and data["directed"] is True
    ids = {n["id"] for n in data["nodes"]}
    assert ids == {r.id for r in registry()}
    links = {(e["source"], e["target"]) for e in data["links"]}
    assert ("theorem-2.5", "lemma-2.3") in links and ("lemma-2.3", "theorem-2.5") not in links
    expected = {(r.id, registry().resolve(u)) for r in registry() for u in r.uses
                if (r.id, u) not in registry().dangling()}
    assert links == expected
    t = next(n for n in data["nodes"] if n["id"] == "theorem-2.5")
    assert {"aliases", "kind", "title", "verdict"} <= set(t) and "G.1" in t["aliases"]


def test_dot_and_html_contain_every_node_and_the_legend(capsys):
    ids = [r.id for r in registry()]
    _, dot, _ = call(capsys, "graph", "--format", "dot", "--no-audit")
    _, page, _ = call(capsys, "graph", "--format", "html", "--no-audit")
    for i in ids:
        assert f'"{i}" [label=' in dot
        assert f'data-id="{i}"' in page
    for channel, entries in PALETTE.items():
        for name, (fill, _) in entries.items():
            assert f'"legend {channel}: {name}"' in dot and fill in dot
            assert f">{name}</text>" in page
    assert "cluster_legend" in dot
    assert "<script" not in page and "http://" not in page.replace("http://www.w3.org/2000/svg", "")
    assert dot.count("->") == len(json.loads(call(capsys, "graph", "--format", "json", "--no-audit")[1])["links"])


def test_focus_down_colours_by_verdict(capsys, tmp_path):
    target = tmp_path / "g.dot"
    code, out, err = call(capsys, "graph", "--format", "dot", "--focus", "lemma-2.3", "--down", "--depth", "1",
                          "--out", str(target))
    text = target.read_text()
    assert code == 0 and out == "" and "wrote" in err
    names = set(re.findall(r'^  "([^"]+)" \[label', text, flags=re.M))
    users = {r.id for r in registry() if any(registry().resolve(u) == "lemma-2.3" for u in r.uses
                                               if (r.id, u) not in registry().dangling())}
    assert names == {"lemma-2.3"} | users
    body = text.split("subgraph")[0]
    fills = set(re.findall(r'fillcolor="(#[0-9a-f]{6})"', body))
    borders = set(re.findall(r', color="(#[0-9a-f]{6})"', body))
    st, pr = PALETTE["statement"], PALETTE["proof"]
    assert fills <= {c for c, _ in st.values()} and st["not audited"][0] not in fills
    assert borders <= {c for c, _ in pr.values()} and pr["not audited"][0] not in borders


def test_focus_and_layers_on_a_synthetic_graph():
    from boundcalc.graph import build_graph

    def r(i, uses=()):
        return Result(id=i, kind="lemma", title=i, statement="s", location="l", uses=uses)
    g = build_graph(Registry([r("a", ("b",)), r("b", ("c",)), r("c"), r("d", ("c",)), r("e")]))
    assert set(focus(g, "b", up=True, down=False, depth=None)) == {"b", "c"}
    assert set(focus(g, "c", up=False, down=True, depth=1)) == {"c", "b", "d"}
    assert set(focus(g, "c", up=False, down=True, depth=None)) == {"a", "b", "c", "d"}
    col = layers(g)
    assert all(col[u] > col[v] for u, v in g.edges)  # every arrow points left
    assert col["d"] == col["b"]  # d sits next to what it uses... and c right before both


def test_up_without_focus_is_an_input_error(capsys):
    code, out, err = call(capsys, "graph", "--up")
    assert code == 2 and "--focus" in err
