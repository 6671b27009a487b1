"""Quotes anchored where they are printed (issue 21, item 7).

A quote's ``where`` names its place: a heading (``Lemma C.2``, ``Theorems 2.4 / F.1``, ``proof of Theorem
B.1``) and/or an equation label (``eq. (C.4)``). :func:`anchor_span` turns that into line ranges of the
text: the display that carries the label, else the statement and proof of the headings, else the
statement and proof of the node itself. :func:`find` then looks for the quote there *as a whole
expression*: an occurrence glued to a longer expression (``\\ln n + 1`` inside ``2\\ln n + 13``, ``x > 0``
inside ``1 - x > 0``) does not count. A quote that starts or ends with an operator (``|a - b| >``) is a
printed fragment and is open on that side.

Comparison is whitespace- and ``$``-insensitive, as the verbatim check; spacing commands (``\\,``)
are transparent at the boundaries.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

LABEL = re.compile(r"\((?:[A-Z]\.)?\d+(?:\.\d+)?\)")
KIND_WORDS = {"lemma": "Lemma", "lemmas": "Lemma", "theorem": "Theorem", "theorems": "Theorem",
              "definition": "Definition", "definitions": "Definition", "problem": "Problem",
              "proposition": "Proposition", "corollary": "Corollary", "assumption": "Assumption",
              "hypothesis": "Hypothesis", "remark": "Remark", "remarks": "Remark", "example": "Example"}
NUMBER = r"(?:[A-Z]\.)?\d+(?:\.\d+)*"
HEADINGS = re.compile(rf"\b({'|'.join(KIND_WORDS)})\s+({NUMBER}(?:\s*(?:/|,|and|&)\s*{NUMBER})*)", re.I)
NEAR = re.compile(r"\b(?:before|after|near|cited by|following)\b", re.I)
SECTIONS = re.compile(r"\b(?:Sec\.|Section|App\.|Appendix)\s*((?:[A-Z]|\d+)(?:\.\d+)*)")
ANY_HEADING = re.compile(rf"^(?:{'|'.join(sorted(set(KIND_WORDS.values())))}) {NUMBER}(?: \(|\.(?!\d)|$)")

_SPACING = re.compile(r"\\[,;:! ]|\\q?quad(?![A-Za-z])")
_LEFT_OK = re.compile(r"(?:^|[$=<>,;:&(\[{|]|\\\\|\\(?:leq|geq|le|ge|neq|lt|gt|in|quad|qquad|left[(\[|.]?)|"
                      r"\\text\{[^{}]*\}|\\mathrm\{[^{}]*\}|\\(?:iff|implies|Rightarrow|forall|exists))$")
_RIGHT_OK = re.compile(r"^(?:$|[$=<>,;.:&)\]}|]|\\\\|\\(?:leq|geq|le|ge|neq|lt|gt|in|quad|qquad|tag|text|right|"
                       r"iff|implies|Rightarrow|mathrm|forall|label|nonumber))")
_FACTOR_NEXT = re.compile(r"^(?:\\\||\\left|\\cdot|\\lVert|\||\()")
_FACTOR_PREV = re.compile(r"(?:\\cdot|\\times)$")
_UNARY_MINUS = re.compile(r"(?:^|[$=<>,;:&(\[{]|\\left\(|\\\\|\\(?:leq|geq|le|ge|neq|lt|gt))-$")
_PROSE_WORD = re.compile(r"^[a-z]{2,}\b")
_OPEN_END = re.compile(r"(?:[=<>+\-*/,^_(]|\\(?:leq|geq|le|ge|neq|lt|gt|cdot|times|in))$")
_OPEN_START = re.compile(r"^(?:[=<>+*/,^_)]|\\(?:leq|geq|le|ge|neq|lt|gt|cdot|times))")


def compact(s: str) -> str:
    """Whitespace removed (``$`` kept: it ends a formula); markdown links read as their text."""
    from .paper_text import clean

    return re.sub(r"\s+", "", clean(s))


def _strip_math(s: str) -> str:
    return s.replace("$", "")


@dataclass
class Anchor:
    """Where a quote should be: line ranges and a label for messages."""

    label: str
    ranges: list[tuple[int, int]]
    located: bool          # False: the place could not be found, the whole text is searched


def headings_in(where: str) -> list[str]:
    """'Theorems 2.4 / F.1' -> ['Theorem 2.4', 'Theorem F.1']."""
    out = []
    for m in HEADINGS.finditer(where or ""):
        kind = KIND_WORDS[m.group(1).lower()]
        out += [f"{kind} {num}" for num in re.findall(NUMBER, m.group(2))]
    return out


def display_of(paper, label: str) -> tuple[int, int] | None:
    """Line range of the display that carries the equation label ``(C.4)`` (the whole ``$$ ... $$``
    block, a tag labels a row of an aligned display), with the ``where ...`` paragraph after it."""
    inner = label[1:-1]
    pat = re.compile(rf"\\tag\{{{re.escape(inner)}\}}|\((?:\\text\{{)?{re.escape(inner)}\}}?\)\s*\$\$")
    lines = paper.lines
    for i, line in enumerate(lines):
        if not pat.search(line):
            continue
        a = i
        while a > 0 and not lines[a].lstrip().startswith("$$") and i - a < 40:
            a -= 1
        b = i
        while b < len(lines) - 1 and not lines[b].rstrip().endswith("$$") and b - i < 40:
            b += 1
        b += 1
        while True:                     # a continuation display ($$= ...$$) or a "where ..." paragraph
            k = b
            while k < len(lines) and not lines[k].strip():
                k += 1
            nxt = lines[k].lstrip() if k < len(lines) else ""
            if re.match(r"\$\$\s*(?:=|<|>|\\leq|\\geq|\\le|\\ge)", nxt):
                b = k
                while b < len(lines) - 1 and not lines[b].rstrip().endswith("$$"):
                    b += 1
                b += 1
                continue
            if nxt.startswith("where"):
                b = k + 1
            return a, b
    return None


def heading_spans(paper, heads: list[str]) -> list[tuple[int, int]]:
    """Each heading's statement (to its proof, the next heading or section title) and its proofs."""
    from .paper_text import SECTION

    wanted = set(heads)
    out = []
    for i, c in enumerate(paper.cleaned):
        if not ANY_HEADING.match(c) or not any(c.startswith(h) and ANY_HEADING.match(h + " (") for h in wanted):
            continue
        if not any(re.match(rf"{re.escape(h)}(?: \(|\.(?!\d)|$)", c) for h in wanted):
            continue
        j = i + 1
        while j < len(paper.lines):
            cj = paper.cleaned[j]
            if ANY_HEADING.match(cj) or SECTION.match(cj) or cj.startswith("Proof"):
                break
            j += 1
        out.append((i, j))
    standard = [h for h in heads if h.split()[0] not in ("Remark", "Example")]
    if standard:
        out += paper.blocks(standard)["proof"]
    return sorted(set(out))


def section_span(paper, number: str) -> tuple[int, int] | None:
    """Lines of section/appendix ``number`` (its title line to the next title outside it)."""
    from .paper_text import SECTION

    title = re.compile(rf"^{re.escape(number)} +[A-Z\[]")
    start = next((i for i, ln in enumerate(paper.cleaned) if title.match(ln)), None)
    if start is None:
        return None
    j = start + 1
    while j < len(paper.lines):
        c = paper.cleaned[j]
        if SECTION.match(c) and not c.startswith(number + "."):
            break
        j += 1
    return start, j


def anchor_span(quote, result, paper) -> Anchor:
    """The place ``quote.where`` names (see the module docstring)."""
    from .paper_text import heading_label

    where = quote.where or ""
    if not NEAR.search(where):
        labels = LABEL.findall(where)
        spans = [s for s in (display_of(paper, lab) for lab in labels) if s]
        if spans and len(spans) == len(labels):
            return Anchor(" ".join(labels), spans, True)
    heads = headings_in(where)
    spans = heading_spans(paper, heads) if heads else []
    secs = [(m.group(1), section_span(paper, m.group(1))) for m in SECTIONS.finditer(where)]
    secs = [(n, sp) for n, sp in secs if sp]
    if spans or secs:
        names = heads if spans else []
        names += [f"Sec. {n}" for n, _ in secs]
        return Anchor(" / ".join(names), sorted(set(spans + [sp for _, sp in secs])), True)
    own = [lab for lab in [heading_label(result.id)] + [heading_label(a) for a in result.aliases] if lab]
    if own:
        spans = heading_spans(paper, own)
        if spans:
            return Anchor(f"{' / '.join(own)} (the node's own statement and proof)", spans, True)
    return Anchor("the whole text (the place named could not be found)", [(0, len(paper.lines))], False)


def _top_level_sum(q: str) -> bool:
    """True when the quote has a + or - (binary) or a relation outside brackets: a neighbouring product
    or minus would then regroup it."""
    depth = 0
    for k, ch in enumerate(q):
        if ch in "({[":
            depth += 1
        elif ch in ")}]":
            depth -= 1
        elif depth == 0 and (ch in "+<>=" or (ch == "-" and k > 0)):
            return True
    return depth == 0 and bool(re.search(r"\\(?:leq|geq|le|ge|neq|lt|gt)(?![A-Za-z])", q))


@lru_cache(maxsize=16)
def _flattened(text: str) -> tuple[str, str, list[int]]:
    """The text with one space per whitespace run, the same with spaces and ``$`` removed, and the map
    from the second back to the first (so math ends and prose around a match stay visible). Cached: the
    whole paper is searched for many quotes."""
    from .paper_text import clean

    hay = re.sub(r"\s+", " ", clean(text))
    flat, pos = [], []
    for k, ch in enumerate(hay):
        if ch not in "$ ":
            flat.append(ch)
            pos.append(k)
    return hay, "".join(flat), pos


def occurrences(latex: str, text: str) -> tuple[int, int]:
    """(whole-expression occurrences, all occurrences) of the quote in ``text``."""
    q = _strip_math(compact(latex))
    if not q:
        return 0, 0
    hay, flat_s, pos = _flattened(text)
    open_left, open_right = bool(_OPEN_START.search(q)), bool(_OPEN_END.search(q))
    product_ok = not _top_level_sum(q)
    whole = total = 0
    start = flat_s.find(q)
    while start >= 0:
        total += 1
        a, b = pos[start], pos[start + len(q) - 1] + 1
        raw_left, raw_right = hay[max(0, a - 80):a], hay[b:b + 80]
        left, right = _SPACING.sub("", raw_left.replace(" ", "")), _SPACING.sub("", raw_right.replace(" ", ""))
        prose_left = raw_left.endswith(" ") and re.search(r"(?<![\\A-Za-z])[a-z]{2,}\s$", raw_left)
        prose_right = raw_right.startswith(" ") and _PROSE_WORD.match(raw_right.lstrip())
        left_ok = open_left or _LEFT_OK.search(left) or prose_left or \
            (product_ok and (_FACTOR_PREV.search(left) or _UNARY_MINUS.search(left)))
        right_ok = open_right or _RIGHT_OK.search(right) or prose_right or \
            (product_ok and q.endswith(("}", ")")) and _FACTOR_NEXT.match(right)) or \
            (product_ok and right.startswith(("\\cdot", "\\times")))
        if left_ok and right_ok:
            whole += 1
        start = flat_s.find(q, start + 1)
    return whole, total


def find(quote, result, paper) -> dict:
    """Where the quote is printed: ``status`` anchored | elsewhere | substring | missing, with evidence."""
    anchor = anchor_span(quote, result, paper)
    inside = paper.span(anchor.ranges)
    whole_in, any_in = occurrences(quote.latex, inside)
    ev = {"anchor": anchor.label, "located": anchor.located,
          "lines": [a + 1 for a, _ in anchor.ranges][:6]}
    if whole_in:
        return dict(ev, status="anchored")
    whole_all, any_all = occurrences(quote.latex, paper.text)
    if any_in:
        return dict(ev, status="substring", detail=f"in {anchor.label} only as part of a longer expression")
    if whole_all or any_all:
        return dict(ev, status="elsewhere", detail=f"printed elsewhere in the text, not in {anchor.label}")
    return dict(ev, status="missing", detail="not found in the text")


# ---------------------------------------------------------------- the prose statement vs the printed one

_REF = re.compile(r"\b(?:Lemma|Theorem|Definition|Problem|Corollary|Remark|Assumption|Hypothesis|Proposition|Sec\.|"
                  r"Section|App\.|Appendix|Eq\.|eqs?\.)s?\s+[A-Z]?\.?\d+(?:\.\d+)*(?:\s*[-–]\s*[A-Z]?\.?\d+(?:\.\d+)*)?",
                  re.I)
_PROOF_NOTE = re.compile(r"\((?:proof|by|see|as in)\b", re.I)


def _drop_proof_notes(s: str) -> str:
    """Parenthesised notes about the proof ("(proof: ...)", "(by ...)"), balanced parentheses included."""
    while True:
        m = _PROOF_NOTE.search(s)
        if not m:
            return s
        depth, j = 0, m.start()
        for j in range(m.start(), len(s)):
            depth += (s[j] == "(") - (s[j] == ")")
            if depth == 0:
                break
        s = s[:m.start()] + " " + s[j + 1:]


def numbers(text: str, latex: bool = False) -> set:
    """The numeric constants a statement states (exact), leaving out references (Lemma 2.3, eq. 2.1-2.2),
    equation labels, subscripts (z_1) and, in prose, parenthesised proof notes and item marks."""
    from fractions import Fraction

    s = _REF.sub(" ", text)
    if latex:
        s = re.sub(r"\\frac\s*\{\s*(\d+)\s*\}\s*\{\s*(\d+)\s*\}", r" \1/\2 ", s)
        s = re.sub(r"\\tag\{[^}]*\}|\((?:\\text\{)?(?:[A-Z]\.)?\d+(?:\.\d+)?\}?\)\s*\$\$", " ", s)
    else:
        s = _drop_proof_notes(s)
        s = re.sub(r"\((?:[ivx]+|[a-z])\)", " ", s)
    s = re.sub(r"_\{[^{}]*\}|_\w", " ", s)
    s = re.sub(r"[A-Za-z]\d+", " ", s)
    out = set()
    for m in re.finditer(r"(?<![\w.])(\d+(?:\.\d+)?)(?:\s*/\s*(\d+))?(?![\w.]*\d)", s):
        try:
            out.add(Fraction(m.group(1)) / (Fraction(m.group(2)) if m.group(2) else 1))
        except (ValueError, ZeroDivisionError):
            continue
    return out


def prose_vs_printed(result, paper, labels: list[str]) -> dict | None:
    """Every number of the prose statement (``Result.statement``) printed in the statement under the
    headings? None when no printed statement is located. A number the printed statement lacks is
    reported for a reader (the prose may add a detail of the proof); it is never a verdict by itself."""
    spans = [s for s in heading_spans(paper, labels) if any(paper.lines[s[0]].lstrip().startswith(h) for h in labels)]
    if not spans:
        return None
    printed = paper.span(spans)
    mine, theirs = numbers(result.statement), numbers(printed, latex=True)
    extra = sorted(mine - theirs)
    show = lambda q: str(q.numerator) if q.denominator == 1 else f"{q.numerator}/{q.denominator}"  # noqa: E731
    return {"lines": [a + 1 for a, _ in spans], "prose_numbers": [show(q) for q in sorted(mine)],
            "not_printed": [show(q) for q in extra]}
