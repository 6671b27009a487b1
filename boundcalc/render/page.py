"""The errata report as one self-contained, interactive HTML page (no network: styles, script and data inline).

``page(data)`` takes the report data (:func:`boundcalc.report.errata`, schema ``boundcalc.report/1``) and
the registry the audit ran on (statements, parameters, formulas). The page holds: the lemma graph
(fill = statement status, border = proof status, dot = worst defect; lanes by part of the paper,
columns by dependency), filters, focus kept in the URL hash, a panel per node and the defects list.
Hooks (docs/report.md): ``[data-node]`` graph nodes, ``#panel``, ``[data-filter]`` controls, embedded
JSON ``#page-model`` (schema ``boundcalc.page/1``).
"""
from __future__ import annotations

import html as _html
import json
from typing import Any

from . import PALETTE, status_key
from .errata import _evidence
from .page_graph import legend, svg
from .page_math import tex
from .page_layout import BOX_H, BOX_W, group_of, lanes
from .page_panel import link, panel
from ..findings import SEVERITIES
from .page_script import CSS, JS

SCHEMA = "boundcalc.page/1"
e = _html.escape


def _graph(data: dict[str, Any]):
    import networkx as nx

    g = nx.DiGraph()
    for n in data["nodes"]:
        g.add_node(n["id"], title=n["title"], kind=n["kind"], statement=n["statement"]["status"],
                   proof=n["proof"]["status"], reason=n["reason"], aliases=n["aliases"])
    for n in data["nodes"]:
        for u in n["uses"]:
            if u in g:
                g.add_edge(n["id"], u)
    return g


def node_severity(data: dict[str, Any]) -> dict[str, str]:
    """Each node's worst defect severity among the report's defects, or ``"none"``."""
    worst = {n["id"]: "none" for n in data["nodes"]}
    for d in data["defects"]:
        for nid in d["nodes"]:
            if nid in worst and (worst[nid] == "none" or SEVERITIES.index(d["severity"]) < SEVERITIES.index(worst[nid])):
                worst[nid] = d["severity"]
    return worst


def model(data: dict[str, Any], g, lay: dict[str, Any], groups: dict[str, str], sev: dict[str, str]) -> dict[str, Any]:
    """The JSON the page's script reads (and users' scripts may): nodes with place and classes, the report."""
    nodes = [{"id": n["id"], "title": n["title"], "kind": n["kind"], "group": groups[n["id"]],
              "statement": status_key("statement", n["statement"]["status"]),
              "proof": status_key("proof", n["proof"]["status"]), "severity": sev[n["id"]],
              "uses": [u for u in n["uses"] if u in g], "used_by": [u for u in n["used_by"] if u in g],
              "x": lay["xy"][n["id"]][0], "y": lay["xy"][n["id"]][1]} for n in data["nodes"]]
    return {"schema": SCHEMA, "box": [BOX_W, BOX_H], "lanes": lay["lanes"], "nodes": nodes, "report": data}


def _json_script(obj: Any, ident: str) -> str:
    text = json.dumps(obj, sort_keys=True, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/json" id="{ident}">{text}</script>'


FILTER_LABELS = {"statement": "statement status (nodes)", "proof": "proof status (nodes)",
                 "severity": "worst defect (nodes)"}


def _filters(counts: dict[str, dict[str, int]]) -> str:
    groups = [("statement", list(PALETTE["statement"])), ("proof", list(PALETTE["proof"])),
              ("severity", list(SEVERITIES) + ["none"])]
    out = []
    for name, values in groups:
        boxes = "".join(f'<label><input type="checkbox" data-filter="{name}" value="{e(v)}" checked> {e(v)} '
                        f'({counts[name].get(v, 0)})</label>' for v in values)
        out.append(f'<fieldset><legend>{e(FILTER_LABELS[name])}</legend>{boxes}</fieldset>')
    return "".join(out)


def _evidence_html(ev: Any) -> str:
    """A finding's evidence as a short table (the same rows as the Markdown errata); JSON under 'all data'."""
    from .errata import SKIP, _cell

    if not isinstance(ev, dict) or not ev:
        return ""
    first = [k for k in ("objects", "lhs", "rhs", "relation", "ratio", "difference") if k in ev]
    keys = (first + [k for k in ev if k not in first and k not in SKIP])[:8]
    rows = "".join(f"<tr><th>{e(k)}</th><td>{e(_cell(ev[k]))}</td></tr>" for k in keys)
    return ((f"<table class='ev'>{rows}</table>" if rows else "")
            + f"<details><summary>all data</summary><code>{e(_evidence(ev))}</code></details>")


def _defects(data: dict[str, Any]) -> str:
    items = []
    for d in sorted(data["defects"], key=lambda d: SEVERITIES.index(d["severity"])):
        ev = []
        for f in d["findings"]:
            how = "computed" if f["computed"] else "declared by a reader"
            verdict = f"refuted under {f['under']}" if f.get("under") else f["verdict"]
            ev.append(f"<li>{link(f['node'])} {e(f['check'])} [{e(verdict)}, {e(f['channel'])}, {how}]: "
                      f"{e(f['detail'])}" + (f"<br>re-run: <code>{e(f['rerun'])}</code>" if f.get("rerun") else "")
                      + _evidence_html(f.get("evidence")) + "</li>")
        corr = d.get("correction")
        nodes = " ".join(d["nodes"])
        items.append(
            f"<li class='defect' data-severity='{e(d['severity'])}' data-defect='{e(d['id'])}' id='defect-{e(d['id'])}'>"
            f"<span class='sev {e(d['severity'])}'>{e(d['severity'])}</span> <b>{e(d['title'])}</b> "
            f"<small>({e(d['id'])}, {e(d['kind'])})</small> "
            f"<button type='button' data-focus-defect='{e(d['id'])}' data-nodes='{e(nodes)}'>show in graph</button>"
            f"<br>results: {', '.join(link(n) for n in d['nodes'])}"
            + (f"<br><b>Status:</b> refuted under {e(' and '.join(d['under']))}" if d.get("under") else "")
            + (f"<br><b>Where:</b> {e('; '.join(d['locations']))}" if d.get("locations") else "")
            + (f"<br><b>The paper says:</b> {tex(d['says'])}" if d.get("says") else "")
            + (f"<br><b>What fails:</b> {e(d['why'])}" if d.get("why") else "")
            + (f"<br><b>Severity:</b> {e(d['severity_note'])}" if d.get("severity_note") else "")
            + f"<details><summary>evidence ({len(ev)})</summary><ul>{''.join(ev)}</ul></details>"
            + (f"<b>Correction:</b> {e(corr['statement'])} — verdict <b>{e(corr['verdict'])}</b> "
               f"({e(corr['detail'])})" if corr else "")
            + "</li>")
    return "".join(items)


def _proved(data: dict[str, Any]) -> str:
    rows = []
    for p in data.get("proved", ()):
        base = ", ".join(e(b["name"]) for b in p["trusted_base"]) or "no axioms"
        rows.append(f"<li>{link(p['id'])} — rests on: {base}</li>")
    return f"<h2>Proved statements</h2><ul>{''.join(rows)}</ul>" if rows else ""


def page(data: dict[str, Any], registry=None) -> str:
    """The whole page as text; ``registry`` (default: the paper's) supplies statements and formulas."""
    if registry is None:
        from ..audit import _default_registry
        registry = _default_registry()
    g = _graph(data)
    groups = {n["id"]: group_of(n["location"], n["kind"]) for n in data["nodes"]}
    lay = lanes(g, groups)
    sev = node_severity(data)
    counts: dict[str, dict[str, int]] = {"statement": {}, "proof": {}, "severity": {}}
    for n in data["nodes"]:
        for ch, v in (("statement", status_key("statement", n["statement"]["status"])),
                      ("proof", status_key("proof", n["proof"]["status"])), ("severity", sev[n["id"]])):
            counts[ch][v] = counts[ch].get(v, 0) + 1
    by_node: dict[str, list] = {}
    for d in data["defects"]:
        for nid in d["nodes"]:
            by_node.setdefault(nid, []).append(d)
    templates = "".join(
        f'<template id="panel-{e(n["id"])}">'
        f'{panel(n, registry.results.get(n["id"]), groups[n["id"]], by_node.get(n["id"], []))}</template>'
        for n in data["nodes"])
    c = data["counts"]
    summary = ", ".join(f"{v} {k}" for k, v in c.items() if v) or "none"
    ids = "".join(f'<option value="{e(n["id"])}">' for n in data["nodes"])
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>boundcalc audit — seed {e(str(data['seed']))}</title>
<style>{CSS}</style></head><body>
<header><h1>boundcalc audit — seed {e(str(data['seed']))}</h1>
<p>{len(data['nodes'])} results, {g.number_of_edges()} uses (an arrow goes from a result to one its proof uses).
Defects (distinct errors of the paper): {len(data['defects'])} at severity {e(data['min_severity'])} or worse —
{e(summary)}. The graph's severity filter counts <i>nodes</i> by their worst defect, a different number.</p></header>
<section id="defects"><h2>Errata: defects, worst first</h2><p class="hint">“show in graph” focuses the graph on a
defect's results; a result's link opens its panel.</p><ol>{_defects(data)}</ol></section>
<div class="toolbar">{_filters(counts)}
<button type="button" data-action="reset-filters">show all</button>
<fieldset><legend>focus</legend><select id="focus-dir" data-focus="dir"><option value="up">what it uses</option>
<option value="down">what uses it</option><option value="both">both</option></select>
depth <input id="focus-depth" data-focus="depth" type="number" min="0" style="width:4em" placeholder="all">
<button type="button" data-focus="clear">clear</button> <span id="focus-status"></span></fieldset>
<label>find <input id="find" list="node-ids" size="18"></label><datalist id="node-ids">{ids}</datalist>
<span id="shown-count"></span></div>
<p class="hint" id="graph-hint">The graph: click a node for its panel; drag to pan, wheel or +/− to zoom, ⤢ fits the shown
nodes.</p>
{legend(counts)}
<main><div id="graph-box">{svg(g, lay, sev)}
<div id="zoom"><button type="button" data-zoom="in" title="zoom in">+</button>
<button type="button" data-zoom="out" title="zoom out">−</button>
<button type="button" data-zoom="fit" title="fit the shown nodes">⤢</button></div></div>
<aside id="panel" aria-live="polite"><p>Loading…</p></aside></main>
<section id="proved">{_proved(data)}</section>
<template id="panel-help"><h2>Select a result</h2><p>Click a node of the graph, a link in the defects list,
or type an id in “find”. The panel shows the statement, parameters and constants (as mathematics),
findings with their evidence and the command that re-runs each, the proof record and uses / used by.</p></template>
{templates}
{_json_script(model(data, g, lay, groups, sev), "page-model")}
<script>{JS}</script>
</body></html>
"""
