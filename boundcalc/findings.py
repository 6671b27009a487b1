"""Verdicts and findings: the three-valued outcome of every check.

A check that cannot certify its claim returns ``unknown``: an undecided sign, a sympy
``None``, or a search that found nothing is never ``verified``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any


class Verdict(str, Enum):
    """A finding's outcome. ``refuted`` needs a certified counterexample; ``unknown`` is never a pass.

    Example::

        >>> from boundcalc.findings import Verdict
        >>> Verdict("refuted") is Verdict.REFUTED, str(Verdict.UNKNOWN)
        (True, 'unknown')
    """

    VERIFIED = "verified"          # certified true (exact proof or certified enclosure)
    REFUTED = "refuted"            # a certified counterexample exists
    UNSUPPORTED = "unsupported"    # the stated constant does not follow from the proof's steps
    INCONSISTENT = "inconsistent"  # two texts of the paper disagree
    UNKNOWN = "unknown"            # not decided, with a reason

    def __str__(self) -> str:
        return self.value


# Worst first: a node's verdict is the worst of its findings.
SEVERITY = [Verdict.REFUTED, Verdict.INCONSISTENT, Verdict.UNSUPPORTED, Verdict.UNKNOWN, Verdict.VERIFIED]


def worst(verdicts) -> Verdict:
    """The most severe verdict of an iterable (``unknown`` when it is empty)."""
    vs = list(verdicts)
    if not vs:
        return Verdict.UNKNOWN
    return min(vs, key=SEVERITY.index)


def from_bool(value: bool | None) -> Verdict:
    """Three-valued logic: True -> verified, False -> refuted, None -> unknown."""
    if value is True:
        return Verdict.VERIFIED
    if value is False:
        return Verdict.REFUTED
    return Verdict.UNKNOWN


CHANNELS = ("statement", "proof", "text", "correction")
"""What a finding is about: the statement as written, a step of its proof, the paper's text (a
restatement, a citation, notation), or a corrected statement the declaration proposes."""

SEVERITIES = ("critical", "major", "misstated", "minor", "typo", "nit")
"""Worst first. critical: a stated result is false as written (or under a named hypothesis such as SETH)
and something built on it needs the false part, or no checked correction exists; major: a proof step
fails or a stated constant does not follow (the statement may still hold); misstated: false as written,
but the correction is proved, every use satisfies it and the proof already assumes it; minor: a
restatement, citation or constant mismatch that changes no result (a citation slip: a cited result
applied outside its hypotheses where the step itself is certified); typo: a misprint whose intent is
unambiguous; nit: a notation matter no reviewer would send (hidden unless asked for).
The rules are in :mod:`boundcalc.defects`."""

FLAGGED = (Verdict.REFUTED, Verdict.UNSUPPORTED, Verdict.INCONSISTENT)


@dataclass
class Finding:
    """One check's outcome on one node, with evidence a reader can re-run.

    ``computed`` is False when the verdict restates a reader's declaration (an ``agree`` flag) rather
    than the result of a computation. ``defect`` links a flagged finding to its defect record;
    ``severity`` is filled in by the audit from that defect.

    Example (what a :class:`~boundcalc.checks.Custom` check returns)::

        >>> from boundcalc.findings import Finding, Verdict
        >>> f = Finding("custom:identity", Verdict.UNKNOWN, "no difference at 40 points", {"seed": 0},
        ...             channel="statement")
        >>> f.flagged, f.to_dict()["verdict"]
        (False, 'unknown')
    """

    check: str
    verdict: Verdict
    detail: str
    evidence: dict[str, Any] = field(default_factory=dict)
    channel: str | None = None
    defect: str | None = None
    computed: bool = True
    severity: str | None = None
    rerun: str | None = None

    @property
    def flagged(self) -> bool:
        return self.verdict in FLAGGED

    def to_dict(self) -> dict[str, Any]:
        return {"check": self.check, "verdict": self.verdict.value, "channel": self.channel,
                "computed": self.computed, "severity": self.severity, "defect": self.defect,
                "detail": self.detail, "rerun": self.rerun, "evidence": self.evidence}
