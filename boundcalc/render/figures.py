"""The audit's deterministic counts as the Markdown block a README quotes, so the figures cannot drift.

A README keeps the block between two markers::

    <!-- figures: python -m boundcalc.render.figures --seed 0 -->
    ...generated lines...
    <!-- /figures -->

``python -m boundcalc.render.figures --seed 0`` prints the block for the selected paper;
``--update README.md`` rewrites the block in place (atomically), and a test compares the checked-in
block with the block generated from the current audit. Counts only, never timings: timings depend on
the machine and are quoted with the benchmark that measured them.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from typing import Any

from ..audit import PROOF_STATES, STATEMENT_STATES
from ..findings import SEVERITIES

BEGIN = "<!-- figures: python -m boundcalc.render.figures --seed {seed} -->"
END = "<!-- /figures -->"


def _counts(pairs: dict[str, int], order: tuple[str, ...], names: dict[str, str] | None = None) -> str:
    names = names or {}
    return ", ".join(f"{pairs[k]} {names.get(k, k)}" for k in order if pairs.get(k))


def figures(report: Any, *, default_min_severity: str = "typo") -> list[str]:
    """The count lines of an :class:`~boundcalc.audit.AuditReport` (nodes, statuses, defects by severity)."""
    s = report.summary
    d = s["defects"]
    shown = sum(d["by_severity"][k] for k in SEVERITIES[: SEVERITIES.index(default_min_severity) + 1])
    under = {}
    for n in report.nodes:
        if n.statement.status == "refuted-under-hypothesis":
            for h in n.statement.under or ["a named hypothesis"]:
                under.setdefault(h, []).append(n.id)
    under_text = "; ".join(f"under {h}: {', '.join(ids)}" for h, ids in sorted(under.items()))
    refuted = ", ".join(s["refuted"]) or "none"
    statement = _counts(s["statement"], STATEMENT_STATES)
    proof = _counts(s["proof"], PROOF_STATES, {"gap": "with a gap"})
    lines = [
        f"- **{s['nodes']} results** audited (seed {report.seed}).",
        f"- **{d['distinct']} distinct defects**: "
        + ", ".join(f"{d['by_severity'][k]} {k}" for k in SEVERITIES)
        + f" ({d['by_kind']['computed']} computed, {d['by_kind']['reading']} from a reading; the default report"
        f" shows the {shown} at `{default_min_severity}` or worse), shown by {d['flagged_findings']} flagged findings.",
        f"- **Statements**: {statement}.",
        f"- **Refuted as written**: {refuted}." + (f" Refuted under a named hypothesis: {under_text}." if under else ""),
        f"- **Proofs**: {proof}.",
    ]
    return lines


def block(report: Any) -> str:
    """The marked block, markers included."""
    return "\n".join([BEGIN.format(seed=report.seed), *figures(report), END])


def replace_block(text: str, new_block: str) -> str:
    """``text`` with its figures block replaced by ``new_block``; ValueError when it has none."""
    start = text.find("<!-- figures:")
    stop = text.find(END, start)
    if start < 0 or stop < 0:
        raise ValueError("no figures block (<!-- figures: ... --> ... <!-- /figures -->)")
    return text[:start] + new_block + text[stop + len(END):]


def current_block(text: str) -> str:
    """The figures block of ``text`` as checked in, markers included."""
    start = text.find("<!-- figures:")
    stop = text.find(END, start)
    if start < 0 or stop < 0:
        raise ValueError("no figures block (<!-- figures: ... --> ... <!-- /figures -->)")
    return text[start: stop + len(END)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m boundcalc.render.figures", description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--update", metavar="FILE", help="rewrite the figures block of FILE in place")
    args = ap.parse_args(argv)
    if args.update and not os.path.isfile(args.update):
        print(f"boundcalc: error: {args.update}: no such file", file=sys.stderr)
        return 2
    text = ""
    if args.update:
        with open(args.update, encoding="utf-8") as fh:
            text = fh.read()
        try:
            current_block(text)
        except ValueError as e:   # refused before any work
            print(f"boundcalc: error: {args.update}: {e}", file=sys.stderr)
            return 2
    from ..audit import audit

    new = block(audit(seed=args.seed))
    if not args.update:
        print(new)
        return 0
    out = replace_block(text, new)
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(os.path.abspath(args.update)), suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(out)
    os.replace(tmp, args.update)
    return 0


if __name__ == "__main__":
    sys.exit(main())
