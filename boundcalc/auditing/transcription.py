"""Quoted = declared: each quote of a declaration compared with the formula it names (channel "text").

Needs no paper text. A certified difference is a ``transcription`` finding (inconsistent) unless the
quote says why it differs: a reconstructed glitch is compared through its reconstruction, a deliberate
correction is reported under the defect it names. Undecided comparisons stay ``unknown``.
"""
from __future__ import annotations

from ..findings import Finding, Verdict
from ..quotes import Quote, compare
from ..records import Result
from .context import AuditContext
from .values import points

PROBES = {
    "posint": ("2", "3"), "nonnegint": ("1", "2"), "int>=2": ("2", "3"), "pos": ("3/2", "2/7"),
    "nonneg": ("1/2", "2"), "real": ("-1/2", "2"), ">=1": ("1", "3/2"), "(0,1)": ("1/3", "3/4"),
    "(0,1]": ("1/2", "1"),
}
"""Two exact probe values per parameter domain: the comparison of two formulas is an identity, so any
point of the domains will do (no hypothesis is involved)."""


def probe_points(result: Result, ctx: AuditContext) -> list[tuple[str, dict[str, str]]]:
    """The user's point and the defaults (when complete), then two probe points from the domains."""
    from .. import domains

    grid = [{p.name: (PROBES[p.domain] if isinstance(p.domain, str) else domains.probes(p.domain))[k]
             for p in result.params} for k in (0, 1)]
    return points(result, ctx.params, grid)


def label(result: Result, i: int, quote: Quote) -> str:
    return f"transcription:{quote.declares or quote.role}#{i}"


def run(result: Result, ctx: AuditContext) -> list[Finding]:
    """One finding per compared quote (none for verbatim-only quotes and citation phrases)."""
    quotes = tuple(getattr(result, "quotes", ()) or ())
    if not quotes:
        return []
    pts = None
    out = []
    for i, q in enumerate(quotes):
        if (q.declares is None and q.role != "hypothesis") or q.role == "citation":
            continue          # a printed hypothesis without 'declares' is compared with the declared ones by meaning
        if pts is None:
            pts = probe_points(result, ctx)
        got = compare(q, result, pts, ctx.digits)
        if q.declares is None and got.status == "undecided":
            continue          # a printed hypothesis the declarations cannot express: checked verbatim only
        ev = {"kind": "transcription", "quote": q.to_dict(), "status": got.status, **got.evidence}
        name = label(result, i, q)
        if got.status == "match":
            if q.differs and q.defect:
                out.append(Finding(name, Verdict.UNKNOWN, f"the quote declares a deliberate difference ({q.differs}) "
                                   "but it equals the declared formula: the 'differs' note is stale", ev,
                                   channel="text"))
                continue
            how = " (through the reconstruction of a conversion glitch)" if q.reconstructed else ""
            out.append(Finding(name, Verdict.VERIFIED, f"quoted formula at {q.where} = declared {q.declares or 'the declared hypotheses'}{how}",
                               ev, channel="text"))
        elif got.status == "mismatch":
            if q.differs and q.defect:
                out.append(Finding(name, Verdict.INCONSISTENT,
                                   f"declared {q.declares or 'the declared hypotheses'} deliberately differs from the text at {q.where}: {q.differs}",
                                   ev, channel="text", defect=q.defect))
            else:
                out.append(Finding(name, Verdict.INCONSISTENT,
                                   f"transcription: declared {q.declares or 'the declared hypotheses'} differs from the formula printed at "
                                   f"{q.where}: {got.detail}", ev, channel="text"))
        else:
            out.append(Finding(name, Verdict.UNKNOWN, f"quote at {q.where} vs {q.declares or 'the declared hypotheses'}: {got.detail}", ev,
                               channel="text"))
    return out
