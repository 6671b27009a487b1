"""Layout of the report page's graph: columns by dependency layer, horizontal lanes by part of the paper.

A node's column comes from :func:`boundcalc.render.graphs.layers` (everything a proof uses lies to its
left); its lane from :func:`group_of` (the section or appendix its location names first). Within a
lane and column, nodes are ordered by the mean height of their neighbours (a few sweeps).
"""
from __future__ import annotations

import re
from typing import Any, Mapping

from .graphs import layers

BOX_W, BOX_H, COL_GAP, ROW_GAP, LANE_GAP, LABEL_W, MARGIN = 170, 40, 40, 8, 14, 70, 12
SWEEPS = 6

_PART = re.compile(r"^(Sec\.|App\.)\s*([A-Z]|\d+)")


def group_of(location: str, kind: str) -> str:
    """``"Sec. 2"``, ``"App. C"`` (from the location's first words), ``"cited"`` for external results, else ``"other"``."""
    if kind == "external":
        return "cited"
    m = _PART.match(location.strip())
    return f"{m.group(1)} {m.group(2)}" if m else "other"


def _group_key(name: str) -> tuple:
    if name.startswith("Sec. "):
        tail = name[5:]
        return (0, int(tail) if tail.isdigit() else 0, tail)
    if name.startswith("App. "):
        return (1, 0, name[5:])
    return (2 if name == "other" else 3, 0, name)


def lanes(g, groups: Mapping[str, str]) -> dict[str, Any]:
    """Positions (top-left corner of each box), lanes (name, y, height), width and height of the picture."""
    col = layers(g)
    ncols = 1 + max(col.values(), default=0)
    names = sorted(set(groups[n] for n in g.nodes), key=_group_key)
    cells: dict[tuple[str, int], list[str]] = {}
    for n in sorted(g.nodes):
        cells.setdefault((groups[n], col[n]), []).append(n)
    rows = {name: max((len(cells.get((name, c), [])) for c in range(ncols)), default=1) for name in names}
    tops, y = {}, MARGIN
    for name in names:
        tops[name] = y
        y += rows[name] * (BOX_H + ROW_GAP) - ROW_GAP + 2 * LANE_GAP
    height = y + MARGIN - LANE_GAP

    def place() -> dict[str, float]:
        return {n: tops[name] + LANE_GAP + i * (BOX_H + ROW_GAP)
                for (name, _), members in cells.items() for i, n in enumerate(members)}

    ys = place()
    order = list(range(ncols)) + list(range(ncols - 2, -1, -1))
    for _ in range(SWEEPS):
        for c in order:
            for (name, cc), members in cells.items():
                if cc != c:
                    continue

                def bary(n: str) -> tuple[float, str]:
                    nb = [ys[m] for m in list(g.successors(n)) + list(g.predecessors(n)) if col[m] != c]
                    return (sum(nb) / len(nb) if nb else ys[n], n)
                members.sort(key=bary)
            ys = place()
    xy = {n: (MARGIN + LABEL_W + col[n] * (BOX_W + COL_GAP), ys[n]) for n in g.nodes}
    width = MARGIN + LABEL_W + ncols * (BOX_W + COL_GAP) - COL_GAP + MARGIN
    lane_list = [{"name": name, "y": tops[name], "height": rows[name] * (BOX_H + ROW_GAP) - ROW_GAP + 2 * LANE_GAP}
                 for name in names]
    return {"xy": xy, "lanes": lane_list, "width": width, "height": height, "columns": ncols}
