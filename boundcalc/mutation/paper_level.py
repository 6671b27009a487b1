"""Paper-level mutants: the error is printed in the paper itself.

A transcription mutant edits a declaration only, so the quote of the printed LaTeX disagrees with it
and the text checks report the disagreement without any mathematics. A paper-level mutant is the same
edit made as if the paper had printed it: every quote of the touched node that the edit puts out of
agreement is rewritten to a printed form that agrees with the mutated declaration (decided by
:func:`boundcalc.quotes.compare`, the transcription check's own comparison), and a private copy of the
paper text gets the same rewrite. Text checks then see agreement; only computation can catch it.

A mutant qualifies when it changes at least one quoted formula (``printed``). One whose edit no quote
sees is ``unquoted``; one for which no single edit of the printed LaTeX agrees with the mutated
declaration, or whose quote cannot be located in the text, is ``unprintable``. Both are counted and
left out. Nothing is tuned to a mutant: the printed form is searched among generic one-token edits.
"""
from __future__ import annotations

import ast
import dataclasses
import re
import tempfile
from pathlib import Path
from typing import Any, Sequence

from .loading import copy_package, load_registry
from .mutant import Mutant, _short
from .sites import _call_name

LATEX_REL = {"<": "<", ">": ">", "<=": r"\leq", ">=": r"\geq", "==": "="}
_REL_TOKEN = re.compile(r"\\(?:leq|geq|le|ge|lt|gt)(?![A-Za-z])|<|>|(?<![\\:!<>])=")
_NUMBER = re.compile(r"(?<![A-Za-z_\\.\d])\d+(?:\.\d+)?(?![\d.])")
MAX_VARIANTS = 60
"""Printed forms tried per quote (one-token edits of its LaTeX, the edit the mutant names first)."""


# ---------------------------------------------------------------- printed forms


def _group_end(s: str, i: int) -> int:
    """Index after the brace group opening at ``s[i] == '{'`` (or after one token otherwise)."""
    if i >= len(s):
        return i
    if s[i] != "{":
        m = re.match(r"\\[A-Za-z]+|.", s[i:])
        return i + len(m.group(0))
    depth = 0
    for j in range(i, len(s)):
        depth += {"{": 1, "}": -1}.get(s[j], 0)
        if depth == 0:
            return j + 1
    return len(s)


def _wanted(mutant: Mutant) -> tuple[str | None, str | None]:
    """(old, new) number or relation the mutant's description names, when it names one."""
    m = re.search(r"literal (\S+) -> (\S+)", mutant.description)
    if m:
        return m.group(1), m.group(2)
    m = re.search(r"relation (\S+) -> (\S+)", mutant.description)
    if m:
        return LATEX_REL.get(m.group(1)), LATEX_REL.get(m.group(2))
    return None, None


def variants(latex: str, mutant: Mutant) -> list[str]:
    """One-token edits of a printed formula, those matching the mutant's named change first: a number
    replaced (by the named value, else +-1), an exponent increased by one, a relation replaced, an
    interval end opened or closed."""
    old, new = _wanted(mutant)
    first: list[str] = []
    rest: list[str] = []
    for m in _NUMBER.finditer(latex):
        v = m.group(0)
        subs = []
        if old is not None and new is not None and v == old.strip("'\""):
            first.append(latex[:m.start()] + new + latex[m.end():])
        try:
            k = int(v)
            subs = [str(k + 1), str(k - 1)]
        except ValueError:
            pass
        rest.extend(latex[:m.start()] + s + latex[m.end():] for s in subs if not s.startswith("-"))
    for m in re.finditer(r"\^", latex):
        end = _group_end(latex, m.end())
        arg = latex[m.end():end]
        inner = arg[1:-1] if arg.startswith("{") else arg
        (first if mutant.operator == "exponent" else rest).append(
            latex[:m.start()] + "^{" + inner + " + 1}" + latex[end:])
    for m in re.finditer(r"\\sqrt(?![A-Za-z])", latex):
        if latex[m.end():m.end() + 1] == "{":
            end = _group_end(latex, m.end())
            (first if mutant.operator == "exponent" else rest).append(
                latex[:m.start()] + r"\left(" + latex[m.end() + 1:end - 1] + r"\right)^{\frac{3}{2}}" + latex[end:])
    for m in _REL_TOKEN.finditer(latex):
        for rel in (r"\leq", r"\geq", "<", ">", "="):
            if rel == m.group(0):
                continue
            cand = latex[:m.start()] + (f" {rel} " if rel.startswith("\\") else rel) + latex[m.end():]
            (first if new is not None and rel == new else rest).append(cand)
    for m in re.finditer(r"[()\[\]]", latex):
        flip = {"(": "[", "[": "(", ")": "]", "]": ")"}[m.group(0)]
        rest.append(latex[:m.start()] + flip + latex[m.end():])
    out: list[str] = []
    for c in first + rest:
        if c != latex and c not in out:
            out.append(c)
    return out[:MAX_VARIANTS]


# ---------------------------------------------------------------- the paper text copy


def _pattern(latex: str) -> re.Pattern:
    """The printed LaTeX as it may occur in the text: spaces and ``$`` ignored, as the verbatim check does."""
    from ..auditing.paper_text import squash

    return re.compile(r"[\s$]*".join(re.escape(ch) for ch in squash(latex)))


def rewrite_text(text: str, edits: Sequence[tuple[str, str]]) -> str | None:
    """``text`` with the first occurrence of each printed ``before`` replaced by ``after``; None when one
    is not found (the verbatim check would then disagree: not a paper-level mutant)."""
    for before, after in edits:
        m = _pattern(before).search(text)
        if m is None:
            return None
        text = text[:m.start()] + after + text[m.end():]
    return text


# ---------------------------------------------------------------- the declaration copy


def _quote_literals(source: str, node_id: str, latex: str) -> list[ast.Constant]:
    """String literals holding ``latex`` as a Quote's printed text, inside the node's Result(...) when
    any are there, else anywhere in the module."""
    from .generation import _result_id

    tree = ast.parse(source)
    inside, anywhere = [], []
    owner = None
    for st in ast.walk(tree):
        if isinstance(st, ast.Call) and _call_name(st) == "Result" and _result_id(st) == node_id:
            owner = st
    for n in ast.walk(tree):
        if isinstance(n, ast.Call) and _call_name(n) == "Quote":
            lit = n.args[0] if n.args else next((k.value for k in n.keywords if k.arg == "latex"), None)
            if isinstance(lit, ast.Constant) and lit.value == latex:
                anywhere.append(lit)
    if owner is not None:
        span = (owner.lineno, owner.end_lineno)
        inside = [lit for lit in anywhere if span[0] <= lit.lineno <= span[1]]
    return inside or anywhere


def _replace_literals(source: str, literals: list[ast.Constant], new: str) -> str:
    from .generation import _apply

    for lit in sorted(literals, key=lambda n: (n.lineno, n.col_offset), reverse=True):
        source = _apply(source, lit, repr(new))
    return source


# ---------------------------------------------------------------- deciding what is printed


def _statuses(result, points_of) -> dict[int, str]:
    from ..quotes import compare

    out = {}
    pts = None
    for i, q in enumerate(getattr(result, "quotes", ()) or ()):
        if q.declares is None or q.role == "citation":
            continue
        if pts is None:
            pts = points_of(result)
        try:
            out[i] = compare(q, result, pts).status
        except Exception:
            out[i] = "error"
    return out


def _points_of(result):
    from types import SimpleNamespace

    from ..auditing.transcription import probe_points

    try:
        return probe_points(result, SimpleNamespace(params={}, digits=15))
    except Exception:
        return []


def _print_one(package: str, tmp: Path, k: int, m: Mutant, base_reg, base_status: dict, text: str) -> dict[str, Any]:
    """The paper-level form of one mutant: {'status': printed/unquoted/unprintable, ...}."""
    from ..quotes import compare

    root = copy_package(tmp / "snap" / package, tmp / f"p{k}", package, m)
    try:
        reg = load_registry(package, root)
    except Exception as exc:
        return {"status": "unprintable", "why": f"does not load: {type(exc).__name__}"}
    source, edits, changed = m.source, [], []
    for nid in m.nodes:
        a, b = base_reg.results.get(nid), reg.results.get(nid)
        if a is None or b is None:
            continue
        if nid not in base_status:
            base_status[nid] = _statuses(a, _points_of)
        now = _statuses(b, _points_of)
        pts = None
        for i, st in base_status[nid].items():
            if st != "match" or now.get(i) == "match":
                continue
            q = b.quotes[i]
            if q.reconstructed is not None:
                return {"status": "unprintable", "why": f"{nid}: quote {_short(q.latex)!r} is a reconstruction"}
            pts = pts if pts is not None else _points_of(b)
            fixed = next((v for v in variants(q.latex, m)
                          if _agrees(compare, dataclasses.replace(q, latex=v), b, pts)), None)
            if fixed is None:
                return {"status": "unprintable", "why": f"{nid}: no one-token edit of {_short(q.latex)!r} agrees"}
            lits = _quote_literals(source, nid, q.latex)
            if not lits:
                return {"status": "unprintable", "why": f"{nid}: quote literal not found in the module"}
            source = _replace_literals(source, lits, fixed)
            edits.append((q.latex, fixed))
            changed.append(f"{nid}: {q.latex} -> {fixed}")
    for nid in m.nodes:   # a proof step's printed LaTeX rewritten with its relation (boundcalc.auditing.step_text)
        got = _print_steps(source, nid, base_reg, reg, m)
        if isinstance(got, dict):
            return got
        for before, after in got:
            lits = _step_literals(source, before)
            if not lits:
                return {"status": "unprintable", "why": f"{nid}: step LaTeX literal not found in the module"}
            source = _replace_literals(source, lits, after)
            edits.append((before, after))
            changed.append(f"{nid}: step {before} -> {after}")
    if not edits:
        return {"status": "unquoted"}
    if rewrite_text(text, edits) is None:
        return {"status": "unprintable", "why": "a changed quote is not in the paper text"}
    return {"status": "printed", "source": source, "text_edits": edits, "changed": changed}


def _step_agrees(statement, step) -> bool:
    from ..auditing.step_text import compare
    from ..findings import Verdict

    try:
        return compare(statement, step).verdict is Verdict.VERIFIED
    except Exception:
        return False


def _print_steps(source: str, nid: str, base_reg, reg, m: Mutant):
    """(before, after) LaTeX of each declared proof step of ``nid`` whose printed form agreed with its relation
    and no longer does: the first one-token edit of the LaTeX that agrees with the mutated relation; or an
    'unprintable' record."""
    base = (getattr(base_reg, "proof_steps", None) or {}).get(nid, ())
    now = (getattr(reg, "proof_steps", None) or {}).get(nid, ())
    out = []
    for (st0, steps0), (st1, steps1) in zip(base, now):
        for a, b in zip(steps0, steps1):
            if a.label != b.label or a.latex != b.latex or not _step_agrees(st0, a) or _step_agrees(st1, b):
                continue
            fixed = next((v for v in variants(b.latex, m) if _step_agrees(st1, dataclasses.replace(b, latex=v))), None)
            if fixed is None:
                return {"status": "unprintable", "why": f"{nid}: no one-token edit of step {_short(b.latex)!r} agrees"}
            out.append((b.latex, fixed))
    return out


def _step_literals(source: str, latex: str) -> list[ast.Constant]:
    """String literals holding ``latex`` as a proof step's printed LaTeX (``Step(..., latex=...)``, 5th argument)."""
    out = []
    for n in ast.walk(ast.parse(source)):
        if isinstance(n, ast.Call) and _call_name(n) == "Step":
            lit = n.args[4] if len(n.args) > 4 else next((k.value for k in n.keywords if k.arg == "latex"), None)
            if isinstance(lit, ast.Constant) and lit.value == latex:
                out.append(lit)
    return out


def _agrees(compare, quote, result, pts) -> bool:
    try:
        return compare(quote, result, pts).status == "match"
    except Exception:
        return False


def _print_task(package: str, package_dir: str, mutants: list[Mutant], paper_text: str) -> list[dict[str, Any]]:
    import shutil

    text = Path(paper_text).read_text(encoding="utf-8")
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        shutil.copytree(package_dir, tmp / "snap" / package, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        base_reg = load_registry(package, copy_package(tmp / "snap" / package, tmp / "base", package))
        base_status: dict[str, dict] = {}
        for k, m in enumerate(mutants):
            try:
                out.append(_print_one(package, tmp, k, m, base_reg, base_status, text))
            except Exception as exc:   # a mutant that breaks the comparison is not printable
                out.append({"status": "unprintable", "why": f"{type(exc).__name__}: {_short(str(exc), 80)}"})
    return out


PRINTABLE_OPERATORS = ("formula-literal", "exponent", "relation", "hypothesis-weaken", "statement-hypothesis",
                       "statement-domain", "statement-relation", "step-relation", "axiom")
"""Operators whose edit can change a printed formula (a formula text, a relation, a domain, a formal
statement, an axiom: the paper's own computations); code literals of searches, dropped code conditions
and ``uses`` are never printed as formulas."""


def paper_level(package: str, package_dir: str | Path, mutants: Sequence[Mutant], paper_text: str, *,
                jobs: int = 1, keep_unquoted: bool = False) -> tuple[list[Mutant], dict[str, Any]]:
    """The paper-level form of each mutant that changes a printed formula, and the counts:
    ``{'printed', 'unquoted', 'unprintable', 'not_printable_operator', 'unprintable_reasons'}``.
    ``keep_unquoted`` keeps, unchanged but in mode ``paper``, the mutants of formulas no quote shows:
    the text agrees with them already, as it would if the paper had printed them."""
    from concurrent.futures import ProcessPoolExecutor

    from .evaluation import pin_engine

    cands = [m for m in mutants if m.operator in PRINTABLE_OPERATORS]
    jobs = max(1, jobs)
    pin_engine()
    chunks = [cands[i::jobs] for i in range(jobs)]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = [pool.submit(_print_task, package, str(package_dir), c, paper_text) for c in chunks if c]
        parts = [f.result() for f in futures]
    res: dict[str, dict] = {}
    for c, p in zip([c for c in chunks if c], parts):
        for m, r in zip(c, p):
            res[m.id] = r
    out: list[Mutant] = []
    counts: dict[str, Any] = {"printed": 0, "unquoted": 0, "unprintable": 0,
                              "not_printable_operator": len(mutants) - len(cands), "unprintable_reasons": {}}
    for m in cands:
        r = res[m.id]
        counts[r["status"]] += 1
        if r["status"] == "unprintable":
            key = re.sub(r"^[^:]*: ", "", r["why"]).split("'")[0].strip()
            counts["unprintable_reasons"][key] = counts["unprintable_reasons"].get(key, 0) + 1
        if r["status"] == "unquoted" and keep_unquoted:
            out.append(dataclasses.replace(m, id="paper:" + m.id, mode="paper",
                                           description=m.description + "; no quote shows it"))
        if r["status"] == "printed":
            out.append(dataclasses.replace(m, id="paper:" + m.id, source=r["source"], mode="paper",
                                           text_edits=tuple(r["text_edits"]),
                                           description=m.description + "; printed: " +
                                           "; ".join(_short(c, 90) for c in r["changed"])))
    return out, counts
