"""The errata report as one self-contained HTML page (no scripts from the network, no requests)."""
from __future__ import annotations

import html as _html
from typing import Any

from .errata import _evidence


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


def page(data: dict[str, Any]) -> str:
    from .graphs import svg

    e = _html.escape
    c = data["counts"]
    items = []
    for d in data["defects"]:
        ev = []
        for f in d["findings"]:
            how = "computed" if f["computed"] else "declared by a reader"
            ev.append(f"<li><a href='#node-{e(f['node'])}'>{e(f['node'])}</a> {e(f['check'])} "
                      f"[{e(f['verdict'])}, {e(f['channel'])}, {how}]: {e(f['detail'])}"
                      + (f"<br><code>{e(f['rerun'])}</code>" if f.get("rerun") else "")
                      + (f"<details><summary>data</summary><code>{e(_evidence(f.get('evidence')))}</code></details>"
                         if f.get("evidence") else "") + "</li>")
        corr = d.get("correction")
        items.append(
            f"<section class='defect' data-severity='{e(d['severity'])}' id='defect-{e(d['id'])}'>"
            f"<h3><span class='sev {e(d['severity'])}'>{e(d['severity'])}</span> {e(d['title'])} "
            f"<small>({e(d['id'])}, {e(d['kind'])})</small></h3>"
            + (f"<p><b>Where:</b> {e('; '.join(d['locations']))}</p>" if d.get("locations") else "")
            + (f"<p><b>The paper says:</b> <code>{e(d['says'])}</code></p>" if d.get("says") else "")
            + (f"<p><b>What fails:</b> {e(d['why'])}</p>" if d.get("why") else "")
            + f"<ul>{''.join(ev)}</ul>"
            + (f"<p><b>Correction:</b> {e(corr['statement'])} — verdict <b>{e(corr['verdict'])}</b> "
               f"({e(corr['detail'])})</p>" if corr else "")
            + "</section>")
    rows = "".join(
        f"<tr id='node-{e(n['id'])}'><td>{e(n['id'])}</td><td>{e(n['statement']['status'])}</td>"
        f"<td>{e(n['proof']['status'])}</td><td>{e(n['title'])}</td><td>{e(n['reason'])}</td></tr>"
        for n in data["nodes"])
    counts = ", ".join(f"{v} {k}" for k, v in c.items() if v)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>boundcalc errata</title>
<style>
body {{ font-family: Helvetica, Arial, sans-serif; margin: 16px; color: #222; max-width: 1400px; }}
.picture {{ overflow: auto; border: 1px solid #ddd; max-height: 70vh; }}
.sev {{ padding: 1px 6px; border-radius: 3px; color: #fff; font-size: 12px; }}
.critical {{ background: #b71c1c; }} .major {{ background: #e65100; }} .minor {{ background: #6a1b9a; }}
.typo {{ background: #616161; }}
table {{ border-collapse: collapse; font-size: 13px; }} td, th {{ border: 1px solid #ddd; padding: 3px 6px; }}
code {{ word-break: break-all; }}
</style></head><body>
<h1>Errata — seed {data['seed']}</h1>
<p>{len(data['defects'])} distinct defect(s): {e(counts)}.</p>
<div class="picture">{svg(_graph(data))}</div>
<h2>Defects, worst first</h2>
{''.join(items)}
<h2>Results</h2>
<table><tr><th>id</th><th>statement</th><th>proof</th><th>title</th><th>reason</th></tr>{rows}</table>
</body></html>
"""
