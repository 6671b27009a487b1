"""The report page's graph picture: SVG with lanes (parts of the paper), edges and one ``data-node`` box per node."""
from __future__ import annotations

import html as _html
from typing import Any, Mapping

from . import BORDER_WIDTH, PALETTE, colour, status_key
from .page_layout import BOX_H, BOX_W, LABEL_W, MARGIN

e = _html.escape
SEVERITY_COLOUR = {"critical": "#b71c1c", "major": "#e65100", "misstated": "#ad1457", "minor": "#6a1b9a", "typo": "#616161",
                   "nit": "#9e9e9e"}
TITLE_CHARS = 28


def _short(s: str, k: int) -> str:
    return s if len(s) <= k else s[: k - 1] + "…"


def svg(g, lay: Mapping[str, Any], severity: Mapping[str, str]) -> str:
    """SVG of ``g`` at the positions ``lay`` (:func:`.page_layout.lanes`); ``severity`` = node -> worst or "none"."""
    xy, w, h = lay["xy"], lay["width"], lay["height"]
    out = [f'<svg id="graph" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" data-width="{w}" '
           f'data-height="{h}" font-family="Helvetica, Arial, sans-serif" font-size="12">',
           '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
           'orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#777"/></marker></defs>',
           '<g id="viewport">']
    for i, lane in enumerate(lay["lanes"]):
        fill = "#f6f8fa" if i % 2 == 0 else "#ffffff"
        out.append(f'<g class="lane" data-lane="{e(lane["name"])}"><rect x="{MARGIN / 2}" y="{lane["y"]}" '
                   f'width="{w - MARGIN}" height="{lane["height"]}" fill="{fill}" stroke="#e3e6ea"/>'
                   f'<text x="{MARGIN}" y="{lane["y"] + 18}" font-weight="bold" fill="#555">{e(lane["name"])}</text></g>')
    for u, v in sorted(g.edges):
        (x1, y1), (x2, y2) = xy[u], xy[v]
        sx, sy, tx, ty = x1, y1 + BOX_H / 2, x2 + BOX_W, y2 + BOX_H / 2
        if tx > sx:  # same column cannot happen (layers), but keep the curve sane if it ever does
            tx = x2
        mx = (sx + tx) / 2
        out.append(f'<path class="edge" data-source="{e(u)}" data-target="{e(v)}" '
                   f'd="M {sx} {sy} C {mx} {sy}, {mx} {ty}, {tx} {ty}" fill="none" stroke="#999" '
                   f'stroke-width="1.1" marker-end="url(#arrow)"/>')
    for n in sorted(g.nodes):
        a = g.nodes[n]
        x, y = xy[n]
        st, pr = status_key("statement", a.get("statement")), status_key("proof", a.get("proof"))
        sev = severity.get(n, "none")
        dark = st in ("proved", "refuted")
        ink = "#ffffff" if dark else "#222222"
        badge = (f'<circle cx="{x + BOX_W - 9}" cy="{y + 9}" r="5" fill="{SEVERITY_COLOUR[sev]}" stroke="#fff"/>'
                 if sev in SEVERITY_COLOUR else "")
        out.append(f'<g class="node" data-node="{e(n)}" data-statement="{e(st)}" data-proof="{e(pr)}" '
                   f'data-severity="{e(sev)}" tabindex="0" role="button"><title>{e(n)}: {e(a.get("title", ""))}\n'
                   f'statement {e(st)}, proof {e(pr)}</title>'
                   f'<rect x="{x}" y="{y}" width="{BOX_W}" height="{BOX_H}" rx="6" fill="{colour("statement", st)}" '
                   f'stroke="{colour("proof", pr)}" stroke-width="{BORDER_WIDTH[pr] + 0.5}"/>{badge}'
                   f'<text x="{x + 8}" y="{y + 16}" font-weight="bold" fill="{ink}">{e(n)}</text>'
                   f'<text x="{x + 8}" y="{y + 31}" font-size="10" fill="{ink}">'
                   f'{e(_short(a.get("title", ""), TITLE_CHARS))}</text></g>')
    out.append("</g></svg>")
    return "\n".join(out)


def legend(counts: Mapping[str, Mapping[str, int]]) -> str:
    """HTML legend from :data:`PALETTE` and the severity colours, with the number of nodes in each class."""
    parts = ['<div class="legend">']
    for channel, entries in PALETTE.items():
        role = "fill" if channel == "statement" else "border"
        parts.append(f'<div class="legend-row"><b>{e(channel)} ({role})</b>')
        for name, (c, meaning) in entries.items():
            k = counts.get(channel, {}).get(name, 0)
            style = (f"background:{c};border:1px solid #555" if channel == "statement" else
                     f"background:#fff;border:{BORDER_WIDTH[name] + 0.5}px solid {c}")
            parts.append(f'<span class="key" title="{e(meaning)}"><span class="sw" style="{style}"></span>'
                         f'{e(name)} ({k})</span>')
        parts.append("</div>")
    parts.append('<div class="legend-row"><b>worst defect (dot)</b>')
    for name, c in SEVERITY_COLOUR.items():
        k = counts.get("severity", {}).get(name, 0)
        parts.append(f'<span class="key"><span class="sw dot" style="background:{c}"></span>{e(name)} ({k})</span>')
    parts.append("</div></div>")
    return "".join(parts)


__all__ = ["svg", "legend", "SEVERITY_COLOUR", "LABEL_W"]
