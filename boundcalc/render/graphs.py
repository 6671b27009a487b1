"""The lemma graph as text (indented tree), node-link JSON, Graphviz dot and self-contained HTML/SVG.

Edges point from a result to what its proof uses. Node attributes ``statement`` and ``proof`` (the two
channels of the audit, or None) pick the fill and border from :data:`boundcalc.render.PALETTE`, which
also draws the legends.
"""
from __future__ import annotations

import html as _html
from typing import Any

from . import BORDER_WIDTH, PALETTE, colour, status_key


def focus(g, node: str, up: bool, down: bool, depth: int | None):
    """Subgraph around ``node``: what it uses (``up``), what uses it (``down``), within ``depth`` steps."""
    import networkx as nx

    keep = {node}
    if up:
        keep |= set(nx.single_source_shortest_path_length(g, node, cutoff=depth))
    if down:
        keep |= set(nx.single_source_shortest_path_length(g.reverse(copy=False), node, cutoff=depth))
    return g.subgraph(n for n in g.nodes if n in keep).copy()


GRAPH_SCHEMA = "boundcalc.graph/1"
"""Version of ``graph --format json`` (networkx node-link data plus this key; docs/audit.md)."""


def node_link(g) -> dict[str, Any]:
    """networkx node-link data: nodes with their attributes, links with source = the user; ``schema`` first."""
    import networkx as nx

    return {"schema": GRAPH_SCHEMA, **nx.node_link_data(g, edges="links")}


# ---------------------------------------------------------------- text


def _label(g, n: str) -> str:
    a = g.nodes[n]
    if a.get("statement") is None:
        return f"{n} [not audited] {a.get('kind', '')}: {a.get('title', '')}"
    st = a["statement"] + (f" ({', '.join(a['statement_under'])})" if a.get("statement_under") else "")
    return f"{n} [statement {st}, proof {a['proof']}] {a.get('kind', '')}: {a.get('title', '')}"


def text(g, roots: list[str] | None = None, reverse: bool = False) -> str:
    """Indented tree: each root, then what it uses (or, with ``reverse``, what uses it); repeats are marked."""
    nxt = g.predecessors if reverse else g.successors
    if roots is None:
        roots = sorted(n for n in g.nodes if (g.out_degree(n) if reverse else g.in_degree(n)) == 0)
    lines: list[str] = []
    shown: set[str] = set()

    def walk(n: str, depth: int) -> None:
        pad = "  " * depth + ("└ " if depth else "")
        if n in shown:
            lines.append(f"{pad}{n} (see above)")
            return
        shown.add(n)
        lines.append(pad + _label(g, n))
        for m in sorted(nxt(n)):
            walk(m, depth + 1)

    for r in roots:
        walk(r, 0)
    head = "what uses it (indented below each result)" if reverse else "what each proof uses (indented below it)"
    return f"# {g.number_of_nodes()} results, {g.number_of_edges()} uses; {head}\n" + "\n".join(lines) + "\n"


# ---------------------------------------------------------------- dot


def _q(s: str) -> str:
    return '"' + str(s).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def dot(g) -> str:
    """Graphviz text: nodes filled by verdict, edges user -> used, a legend cluster from the palette."""
    out = ["digraph lemmas {", "  rankdir=RL;", '  node [shape=box, style="rounded,filled", fontname="Helvetica"];',
           '  edge [color="#555555"];']
    for n, a in g.nodes(data=True):
        label = f"{n}\n{a.get('title', '')[:40]}"
        st, pr = status_key("statement", a.get("statement")), status_key("proof", a.get("proof"))
        tip = f"statement {st}, proof {pr}: {a.get('reason', '')}"
        out.append(f"  {_q(n)} [label={_q(label)}, fillcolor={_q(colour('statement', st))}, "
                   f"color={_q(colour('proof', pr))}, penwidth={BORDER_WIDTH[pr]}, tooltip={_q(tip[:300])}];")
    for u, v in g.edges:
        out.append(f"  {_q(u)} -> {_q(v)};")
    for channel, entries in PALETTE.items():
        out.append(f"  subgraph cluster_legend_{channel} {{")
        out.append(f'    label="{channel} ({"fill" if channel == "statement" else "border"})"; style="rounded"; '
                   'color="#999999";')
        for name, (c, meaning) in entries.items():
            style = (f"fillcolor={_q(c)}" if channel == "statement" else
                     f"fillcolor=\"#ffffff\", color={_q(c)}, penwidth={BORDER_WIDTH[name]}")
            out.append(f"    {_q(f'legend {channel}: {name}')} [label={_q(name + ': ' + meaning)}, {style}];")
        out.append("  }")
    out.append("}")
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- html


BOX_W, BOX_H, COL_GAP, ROW_GAP, MARGIN, LEGEND_H = 170, 36, 70, 12, 20, 60


def layers(g) -> dict[str, int]:
    """Column of each node: left of everything that uses it, right of everything it uses."""
    import networkx as nx

    order = list(nx.lexicographical_topological_sort(g))
    col: dict[str, int] = {}
    for n in reversed(order):
        col[n] = 1 + max((col[m] for m in g.successors(n)), default=-1)
    # then pull each node right, next to its nearest user (shorter edges, shorter first column)
    for n in order:
        users = [col[u] for u in g.predecessors(n)]
        if users:
            col[n] = max(col[n], min(users) - 1)
    return col


def layout(g) -> dict[str, tuple[float, float]]:
    """Layered layout: columns by :func:`layers`, rows ordered by the barycentre of neighbours."""
    col = layers(g)
    ncols = 1 + max(col.values(), default=0)
    columns = [sorted(n for n in g.nodes if col[n] == c) for c in range(ncols)]
    pos = {n: i for c in columns for i, n in enumerate(c)}
    for _ in range(4):  # a few sweeps, left to right then right to left
        for c in list(range(1, ncols)) + list(range(ncols - 2, -1, -1)):
            def bary(n):
                nb = [pos[m] for m in list(g.successors(n)) + list(g.predecessors(n)) if col[m] != c]
                return (sum(nb) / len(nb) if nb else pos[n], n)
            columns[c].sort(key=bary)
            for i, n in enumerate(columns[c]):
                pos[n] = i
    xy = {}
    for c, members in enumerate(columns):
        for i, n in enumerate(members):
            xy[n] = (MARGIN + c * (BOX_W + COL_GAP), MARGIN + LEGEND_H + i * (BOX_H + ROW_GAP))
    return xy


def svg(g) -> str:
    xy = layout(g)
    width = max((x for x, _ in xy.values()), default=0) + BOX_W + MARGIN
    height = max((y for _, y in xy.values()), default=LEGEND_H) + BOX_H + MARGIN
    width = max(width, 190 * len(PALETTE["statement"]) + 2 * MARGIN)
    e = _html.escape
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" font-family="Helvetica, Arial, sans-serif" font-size="12">',
             '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
             'orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#666"/></marker></defs>']
    parts.append('<g class="legend">')
    for row, (channel, entries) in enumerate(PALETTE.items()):
        y = MARGIN - 6 + row * 20
        parts.append(f'<text x="{MARGIN}" y="{y + 13}" font-weight="bold">{e(channel)}</text>')
        for i, (name, (c, meaning)) in enumerate(entries.items()):
            x = MARGIN + 70 + i * 190
            fill, stroke = (c, "#333") if channel == "statement" else ("#ffffff", c)
            parts.append(f'<g><title>{e(meaning)}</title><rect x="{x}" y="{y}" width="16" height="16" rx="3" '
                         f'fill="{fill}" stroke="{stroke}" stroke-width="{BORDER_WIDTH.get(name, 1) if channel == "proof" else 1}"/>'
                         f'<text x="{x + 22}" y="{y + 13}">{e(name)}</text></g>')
    parts.append("</g>")
    for u, v in sorted(g.edges):
        (x1, y1), (x2, y2) = xy[u], xy[v]
        sx, sy, tx, ty = x1, y1 + BOX_H / 2, x2 + BOX_W, y2 + BOX_H / 2
        mx = (sx + tx) / 2
        parts.append(f'<path class="edge" data-source="{e(u)}" data-target="{e(v)}" '
                     f'd="M {sx} {sy} C {mx} {sy}, {mx} {ty}, {tx} {ty}" fill="none" stroke="#888" '
                     f'stroke-width="1.2" marker-end="url(#arrow)"/>')
    for n in sorted(g.nodes):
        a = g.nodes[n]
        x, y = xy[n]
        st, pr = status_key("statement", a.get("statement")), status_key("proof", a.get("proof"))
        tip = f"{n}: {a.get('title', '')}\nstatement {st}, proof {pr}: {a.get('reason', '')}"
        parts.append(f'<g class="node" data-id="{e(n)}" data-node="{e(n)}" data-statement="{e(st)}" '
                     f'data-proof="{e(pr)}"><title>{e(tip)}</title>'
                     f'<rect x="{x}" y="{y}" width="{BOX_W}" height="{BOX_H}" rx="6" fill="{colour("statement", st)}" '
                     f'stroke="{colour("proof", pr)}" stroke-width="{BORDER_WIDTH[pr]}"/>'
                     f'<text x="{x + 8}" y="{y + 15}" font-weight="bold">{e(n)}</text>'
                     f'<text x="{x + 8}" y="{y + 30}" font-size="10">{e(a.get("kind", ""))} · {e(st)} · '
                     f'{e(pr)}</text></g>')
    parts.append("</svg>")
    return "\n".join(parts)


def html(g, title: str = "boundcalc lemma graph") -> str:
    """A single self-contained page (no scripts, no network): the SVG picture, legend and a node table."""
    e = _html.escape
    rows = []
    for n in sorted(g.nodes):
        a = g.nodes[n]
        st, pr = status_key("statement", a.get("statement")), status_key("proof", a.get("proof"))
        rows.append(f'<tr><td><span class="sw" style="background:{colour("statement", st)};'
                    f'border-color:{colour("proof", pr)}"></span>{e(st)}</td><td>{e(pr)}</td>'
                    f'<td>{e(n)}</td><td>{e(", ".join(a.get("aliases", [])))}</td><td>{e(a.get("title", ""))}</td>'
                    f'<td>{e(a.get("reason", ""))}</td></tr>')
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{e(title)}</title>
<style>
body {{ font-family: Helvetica, Arial, sans-serif; margin: 16px; color: #222; }}
.picture {{ overflow: auto; border: 1px solid #ddd; }}
table {{ border-collapse: collapse; margin-top: 16px; font-size: 13px; }}
td, th {{ border: 1px solid #ddd; padding: 3px 6px; text-align: left; vertical-align: top; }}
.sw {{ display: inline-block; width: 12px; height: 12px; border: 1px solid #333; margin-right: 4px; }}
</style></head><body>
<h1>{e(title)}</h1>
<p>{g.number_of_nodes()} results, {g.number_of_edges()} uses. An arrow goes from a result to a result its proof uses.
Fill: statement status; border: proof status. Hover a box for its title and the reason.</p>
<div class="picture">
{svg(g)}
</div>
<table><tr><th>statement</th><th>proof</th><th>id</th><th>aliases</th><th>title</th><th>reason</th></tr>
{chr(10).join(rows)}
</table>
</body></html>
"""
