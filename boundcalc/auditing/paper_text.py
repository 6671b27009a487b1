"""Against the paper's text: quotes verbatim, statements and proofs by heading, references vs ``uses``.

The text is a plain (LaTeX-ish) conversion of the paper. Conventions, all generic:

* a node whose id is ``<kind>-<number>`` (``lemma-C.9``, ``problem-1``) has the heading
  ``<Kind> <number>`` followed by `` (`` or ``.`` at the start of a line (aliases give restatements);
* a statement runs from its heading to the next line starting with "Proof", the next heading, the
  next section title, or a blank line followed by a paragraph that does not continue it (see
  CONTINUES); the proof is the first "Proof ..." paragraph before the next heading or section title,
  and every "Proof of <Kind> <number>." paragraph, each up to its end mark (a square) or the next
  section title;
* references are "<Kind> <number>" (plurals "Lemmas 2.3 and 2.4" too) resolved in the registry, and
  the citation phrases nodes declare (quotes of role ``citation``); "Lemma 7 of [Author, year]" and
  "[Author, year, Theorem 2]" are external and count only through a citation phrase;
* markdown links ``[X](#)`` and escaped brackets ``\\[ \\]``, ``\\( \\)`` are read as their text.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import Any

from ..errors import InputError
from ..findings import Finding, Verdict
from ..quotes import EQUATION_LABEL
from ..records import Result
from .context import AuditContext

KINDS = ("Definition", "Lemma", "Theorem", "Proposition", "Corollary", "Problem", "Assumption", "Hypothesis")
NUMBER = r"(?:[A-Z]\.)?\d+(?:\.\d+)*"
HEADING = re.compile(rf"^({'|'.join(KINDS)}) ({NUMBER})(?: \(|\.(?!\d))")
SECTION = re.compile(r"^(?:[A-Z]|\d+)(?:\.\d+)* +[A-Z\[]")
CONTINUES = re.compile(r"(?:\$\$|[-*•]\s|\d+\.\s|\(\w+\)\s|\\|[a-z(|\[{]|\$)")
"""A line that continues a statement after a blank line: a display, a list item, a LaTeX line, lower case."""
END_MARK = re.compile(r"\\square|□|\\blacksquare|\\qed")
ID_FORM = re.compile(rf"^({'|'.join(k.lower() for k in KINDS)})-({NUMBER})$")
REF = re.compile(rf"\b({'|'.join(KINDS)})s?\s+({NUMBER})((?:\s*(?:,|and|&)\s*{NUMBER}(?![\w.]*\]))*)")
EXTERNAL_AFTER = re.compile(r"^\s+(?:of|in)\s+\[")
EXTERNAL_BEFORE = re.compile(r"\d{4}[a-z]?,\s*(?:see\s+)?$")
LABEL_DEF = re.compile(rf"\\tag\{{({NUMBER})\}}|\((?:\\text\{{)?({NUMBER})\}}?\)\s*\$\$")
SKIPPED = ("skipped: no paper text given (--paper-text FILE or BOUNDCALC_PAPER_TEXT); quotes were not "
           "checked against the text and proof references were not compared with 'uses'")


def clean(s: str) -> str:
    """Markdown links and escaped brackets read as their text."""
    s = re.sub(r"\[([^\[\]]*)\]\(#[^)]*\)", r"\1", s)
    s = re.sub(r"\[([^\[\]]*)\]\(#[^)]*\)", r"\1", s)
    return s.replace(r"\[", "[").replace(r"\]", "]").replace(r"\(", "(").replace(r"\)", ")")


def squash(s: str) -> str:
    """Whitespace and ``$`` math delimiters removed (the verbatim comparison is insensitive to both)."""
    return re.sub(r"[\s$]+", "", clean(s))


def collapse(s: str) -> str:
    return re.sub(r"\s+", " ", clean(s))


def heading_label(rid: str) -> str | None:
    """'lemma-C.9' -> 'Lemma C.9'; None for ids without a numbered heading (external results)."""
    m = ID_FORM.match(rid)
    return f"{m.group(1).capitalize()} {m.group(2)}" if m else None


@dataclass
class PaperText:
    """One paper's text, split into lines, with its headings and equation labels."""

    path: str
    text: str
    lines: list[str] = field(init=False)
    squashed: str = field(init=False)
    _cache: dict[str, Any] = field(init=False, default_factory=dict)

    def __post_init__(self):
        self.lines = self.text.splitlines()
        self.squashed = squash(self.text)

    @property
    def cleaned(self) -> list[str]:
        """``clean`` of every line, computed once (the anchoring reads them many times per audit)."""
        if "cleaned" not in self._cache:
            self._cache["cleaned"] = [clean(line) for line in self.lines]
        return self._cache["cleaned"]

    @property
    def headings(self) -> list[tuple[str, int]]:
        """(label, line index) of every numbered heading."""
        if "headings" not in self._cache:
            out = []
            for i, line in enumerate(self.cleaned):
                m = HEADING.match(line)
                if m:
                    out.append((f"{m.group(1)} {m.group(2)}", i))
            self._cache["headings"] = out
        return self._cache["headings"]

    @property
    def equation_labels(self) -> set[str]:
        """Labels the text defines: ``\\tag{C.1}``, or ``(2.1)$$`` / ``(\\text{E.2})$$`` ending a display."""
        if "labels" not in self._cache:
            self._cache["labels"] = {f"({a or b})" for a, b in LABEL_DEF.findall(self.text)}
        return self._cache["labels"]

    def contains(self, printed: str) -> bool:
        return squash(printed) in self.squashed

    def _is_stop(self, i: int) -> bool:
        line = self.cleaned[i]
        return bool(HEADING.match(line) or SECTION.match(line) or line.startswith("Proof"))

    def _new_paragraph(self, j: int) -> bool:
        """A blank line followed by prose that does not continue a statement (a display, a list item, an
        equation label, or a lower-case continuation such as 'where ...' continues it)."""
        if self.lines[j].strip() or j + 1 >= len(self.lines):
            return False
        k = j + 1
        while k < len(self.lines) and not self.lines[k].strip():
            k += 1
        if k >= len(self.lines):
            return True
        nxt = self.lines[k].lstrip()
        return not (CONTINUES.match(nxt) or self._is_stop(k))

    def _proof_from(self, i: int) -> tuple[int, int]:
        j = i
        while j < len(self.lines):
            if j > i and SECTION.match(self.cleaned[j]):
                return i, j
            if END_MARK.search(self.lines[j]):
                return i, j + 1
            j += 1
        return i, j

    def blocks(self, labels: list[str]) -> dict[str, list[tuple[int, int]]]:
        """Line ranges [start, end) of the statements and proofs of the results with these labels."""
        key = ("blocks", frozenset(labels))
        if key not in self._cache:
            self._cache[key] = self._blocks(set(labels))
        return {k: list(v) for k, v in self._cache[key].items()}

    def _blocks(self, wanted: set[str]) -> dict[str, list[tuple[int, int]]]:
        statements, proofs = [], []
        cleaned = self.cleaned
        for label, i in self.headings:
            if label not in wanted:
                continue
            j = i + 1
            while j < len(self.lines) and not self._is_stop(j) and not self._new_paragraph(j):
                j += 1
            statements.append((i, j))
            while j < len(self.lines) and not (HEADING.match(cleaned[j]) or SECTION.match(cleaned[j])):
                line = cleaned[j]
                if line.startswith("Proof"):
                    if not line.startswith("Proof of"):
                        proofs.append(self._proof_from(j))
                    break
                j += 1
        proof_of = re.compile(rf"Proof of ({'|'.join(KINDS)}) ({NUMBER})\b")
        for i, line in enumerate(cleaned):
            m = proof_of.match(line)
            if m and f"{m.group(1)} {m.group(2)}" in wanted:
                proofs.append(self._proof_from(i))
        return {"statement": statements, "proof": sorted(set(proofs))}

    def span(self, ranges: list[tuple[int, int]]) -> str:
        return "\n".join("\n".join(self.lines[a:b]) for a, b in ranges)


def load(path: str) -> PaperText:
    """Read a paper's text (UTF-8); InputError (one line) when the file cannot be used."""
    if not isinstance(path, str) or not path.strip():
        raise InputError("--paper-text needs a file name")
    if not os.path.isfile(path):
        raise InputError(f"--paper-text: no such file: {path}")
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"--paper-text: cannot read {path} as UTF-8 text ({type(exc).__name__})") from None
    if not text.strip():
        raise InputError(f"--paper-text: {path} is empty")
    return PaperText(path, text)


# ---------------------------------------------------------------- references


def citation_phrases(registry) -> list[tuple[str, str]]:
    """(phrase, node id) for every citation quote in the registry, longest phrase first."""
    out = [(collapse(q.latex).strip(), r.id) for r in registry for q in getattr(r, "quotes", ()) or ()
           if q.role == "citation"]
    return sorted(set(out), key=lambda pr: -len(pr[0]))


def references(text: str, registry, phrases: list[tuple[str, str]]) -> dict[str, Any]:
    """Results and equation labels a passage cites: {'nodes': {id: phrase}, 'unresolved': [...], 'equations': [...]}."""
    s = collapse(text)
    nodes: dict[str, str] = {}
    for phrase, rid in phrases:
        if phrase and phrase in s:
            nodes.setdefault(rid, phrase)
            s = s.replace(phrase, " ")
    unresolved = []
    for m in REF.finditer(s):
        if EXTERNAL_AFTER.match(s[m.end():]) or EXTERNAL_BEFORE.search(s[:m.start()]):
            continue
        nums = [m.group(2)] + re.findall(NUMBER, m.group(3) or "")
        for num in nums:
            key = f"{m.group(1).lower()}-{num}"
            try:
                rid = registry.resolve(key)
            except (InputError, KeyError, ValueError):
                unresolved.append(f"{m.group(1)} {num}")
                continue
            nodes.setdefault(rid, f"{m.group(1)} {num}")
    eqs = sorted(set(EQUATION_LABEL.findall(s)))
    return {"nodes": nodes, "unresolved": sorted(set(unresolved)), "equations": eqs}


# ---------------------------------------------------------------- findings


def run(result: Result, ctx: AuditContext) -> list[Finding]:
    """Text findings for one node; one 'skipped' finding (never passing) when no text is given."""
    paper = getattr(ctx, "paper_text", None)
    if paper is None:
        if not getattr(result, "quotes", ()) and heading_label(result.id) is None:
            return []  # nothing of this node could be looked up in a text
        return [Finding("text:paper", Verdict.UNKNOWN, SKIPPED, {"skipped": True}, channel="text")]
    out = [_verbatim(result, paper)]
    label = heading_label(result.id)
    if label is None:
        return [f for f in out if f is not None]
    labels = [label] + [lab for lab in (heading_label(a) for a in result.aliases) if lab]
    found = paper.blocks(labels)
    where = {"statement_lines": [a + 1 for a, _ in found["statement"]], "proof_lines": [a + 1 for a, _ in found["proof"]]}
    if not found["statement"]:
        out.append(Finding("text:heading", Verdict.INCONSISTENT,
                           f"no heading {' / '.join(labels)} in the text {os.path.basename(paper.path)}",
                           {"labels": labels}, channel="text"))
        return [f for f in out if f is not None]
    out.append(Finding("text:heading", Verdict.VERIFIED,
                       f"statement found at line(s) {where['statement_lines']}; proof at {where['proof_lines'] or 'none'}",
                       dict(where, labels=labels), channel="text"))
    phrases = paper._cache.get(("phrases", id(ctx.registry)))
    if phrases is None:
        phrases = citation_phrases(ctx.registry)
        paper._cache[("phrases", id(ctx.registry))] = phrases
    text = paper.span(found["statement"] + found["proof"])
    out += _uses(result, ctx, paper, text, phrases, where)
    out.append(_prose(result, paper, labels))
    return [f for f in out if f is not None]


def _prose(result: Result, paper: PaperText, labels: list[str]) -> Finding | None:
    """The prose statement shown to the reader against the printed statement (numbers it states)."""
    from .anchor import prose_vs_printed

    got = prose_vs_printed(result, paper, labels)
    if got is None:
        return None
    if got["not_printed"]:
        return Finding("text:prose", Verdict.UNKNOWN,
                       f"the prose statement mentions {', '.join(got['not_printed'])}, which the printed statement "
                       f"(line {got['lines'][0]}) does not: a detail of the proof, or a slip in the prose (a reader "
                       "decides)", got, channel="text", computed=False)
    return Finding("text:prose", Verdict.VERIFIED,
                   f"every number of the prose statement ({', '.join(got['prose_numbers']) or 'none'}) is printed in "
                   f"the statement (line {got['lines'][0]})", got, channel="text")


def _verbatim(result: Result, paper: PaperText) -> Finding | None:
    quotes = tuple(getattr(result, "quotes", ()) or ())
    if not quotes:
        return Finding("text:quotes", Verdict.UNKNOWN, "no quotes declared: nothing ties this node to the text", {},
                       channel="text")
    from .anchor import find

    missing = [q.to_dict() for q in quotes if not paper.contains(q.latex)]
    placed = [] if missing else [(q, find(q, result, paper)) for q in quotes if q.role != "citation"]
    misplaced = [dict(q.to_dict(), **f) for q, f in placed if f["status"] != "anchored"]
    ev = {"kind": "transcription", "quotes": len(quotes), "missing": missing, "misplaced": misplaced,
          "anchors": {q.latex[:60]: f["anchor"] for q, f in placed}}
    if missing:
        first = missing[0]
        return Finding("text:quotes", Verdict.INCONSISTENT,
                       f"transcription: {len(missing)} of {len(quotes)} quote(s) not found verbatim in the text; first: "
                       f"{first['latex'][:80]!r} ({first['where']})", ev, channel="text")
    if misplaced:
        first = misplaced[0]
        return Finding("text:quotes", Verdict.INCONSISTENT,
                       f"anchoring: {len(misplaced)} of {len(placed)} quote(s) not printed as a whole expression where "
                       f"they say; first: {first['latex'][:80]!r} ({first['where']}): {first['detail']}", ev,
                       channel="text")
    return Finding("text:quotes", Verdict.VERIFIED,
                   f"all {len(quotes)} quote(s) found verbatim, each formula as a whole expression at its place",
                   ev, channel="text")


def _resolve(registry, target: str) -> str | None:
    try:
        return registry.resolve(target)
    except (InputError, KeyError, ValueError):
        return None


def _uses(result, ctx, paper, text, phrases, where) -> list[Finding]:
    reg = ctx.registry
    refs = references(text, reg, phrases)
    me = {result.id}
    cited = {rid: ph for rid, ph in refs["nodes"].items() if rid not in me}
    declared = {_resolve(reg, u) or u for u in result.uses}
    prs = tuple(getattr(result, "proof_refs", ()) or ())
    squashed = squash(text)
    bad_refs, excused_missing, excused_unmentioned = [], {}, {}
    for pr in prs:
        if pr.is_equation:
            if pr.target not in paper.equation_labels:
                bad_refs.append(f"equation {pr.target} is not a label of the text")
        elif _resolve(reg, pr.target) is None:
            bad_refs.append(f"target {pr.target} is not a node")
        if pr.phrase.strip() and squash(pr.phrase) not in squashed:
            bad_refs.append(f"phrase {pr.phrase!r} not found in the statement or proof")
        rid = _resolve(reg, pr.target)
        if rid is None:
            continue
        if not pr.uses:
            excused_missing[rid] = pr.note
        elif not pr.phrase.strip() or squash(pr.phrase) in squashed:
            excused_unmentioned[rid] = pr.note or f"cited as {pr.phrase!r}"
            if rid not in me:   # a reference the proof relies on is a citation, whatever its form
                cited.setdefault(rid, pr.phrase or f"(implicit: {pr.note})")
    missing = sorted(r for r in cited if r not in declared and r not in excused_missing)
    unmentioned = sorted(r for r in declared if r not in cited and r not in excused_unmentioned)
    relied = sorted({r for r in cited if r not in declared} | {r for r in declared if r not in cited})
    ev = dict(where, cited=dict(sorted(cited.items())), declared=sorted(declared), unresolved=refs["unresolved"],
              equations=refs["equations"], missing_from_uses=missing, never_mentioned=unmentioned,
              declared_exceptions={r: excused_missing.get(r) or excused_unmentioned.get(r) for r in relied
                                   if r not in missing and r not in unmentioned})
    out = []
    if missing or unmentioned:
        parts = []
        if missing:
            parts.append("cited but not in uses: " + ", ".join(f"{r} ({cited[r]!r})" for r in missing))
        if unmentioned:
            parts.append("in uses but never mentioned: " + ", ".join(unmentioned))
        out.append(Finding("text:uses", Verdict.INCONSISTENT, "; ".join(parts), ev, channel="text"))
    else:
        reading = bool(ev["declared_exceptions"])
        out.append(Finding("text:uses", Verdict.VERIFIED,
                           f"uses agree with the {len(cited)} result(s) the text cites"
                           + (f" ({len(ev['declared_exceptions'])} by declared exception)" if reading else ""),
                           ev, channel="text", computed=not reading))
    if bad_refs:
        out.append(Finding("text:proof-refs", Verdict.INCONSISTENT, "; ".join(bad_refs),
                           {"proof_refs": [p.to_dict() for p in prs]}, channel="text"))
    elif prs:
        out.append(Finding("text:proof-refs", Verdict.VERIFIED,
                           f"all {len(prs)} declared proof reference(s) found in the text",
                           {"proof_refs": [p.to_dict() for p in prs]}, channel="text"))
    return out
