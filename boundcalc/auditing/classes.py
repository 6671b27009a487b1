"""Findings per point class, so a failure at one kind of point never hides a failure at another.

A check evaluated at several kinds of points (the user's ``params``, ``defaults``, ``grid``,
``example``, ``edge``, ``pinned``) reports one finding over all of them; a certified failure in a class
other than the one holding the first failure is also reported as its own finding ``CHECK@CLASS``. A
second error that only shows at the domain's edges therefore adds a flagged finding even when the
check already fails on its grid, instead of only changing a count in the first finding's evidence.
"""
from __future__ import annotations

from ..findings import Finding, Verdict
from .values import failures


def point_class(label: str) -> str:
    """``grid[3]`` -> ``grid``; ``edge[n=1]`` -> ``edge``; ``pinned[rho=2]@grid[0]`` -> ``pinned``."""
    return label.split("[", 1)[0].split("@", 1)[0]


def per_class(name: str, rows: list[dict], verdict: Verdict, what: str) -> list[Finding]:
    """One finding per point class with a certified failure, except the class of the first failure
    (which the check's own finding reports). ``what`` names the relation in the detail."""
    bad = [r for r in rows if r.get("holds") is False]
    if not bad:
        return []
    first = point_class(bad[0]["point"])
    out = []
    for cls in dict.fromkeys(point_class(r["point"]) for r in bad):
        if cls == first:
            continue
        mine = [r for r in rows if point_class(r["point"]) == cls]
        fails = [r for r in mine if r.get("holds") is False]
        f = fails[0]
        params = ", ".join(f"{k}={v}" for k, v in f["params"].items())
        out.append(Finding(f"{name}@{cls}", verdict,
                           f"{what} fails at {len(fails)} of {len(mine)} {cls} point(s) too; first {f['point']} "
                           f"({params})" + (f" ({f['direction']})" if f.get("direction") else ""),
                           {"class": cls, "points": mine, "failures": failures(mine)}))
    return out
