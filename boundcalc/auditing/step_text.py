"""A proof step's printed LaTeX against its declared relation, and against the paper's text (channel "text").

Each :class:`~boundcalc.auditing.steps.Step` carries the paper's formula (``latex``) beside its sympy
``relation``. As the formal statement's hypotheses and claims are compared with their quotes
(:func:`boundcalc.statements.compare_quotes`), the printed formula is parsed with the quotes' parser
(:func:`boundcalc.quotes.parse`, cached on disk by content) and compared with the relation:

* the printed chain ``A op1 B op2 ... op_k Z`` is read as ``A OP Z`` (OP strict when one link is; ``\\dots``
  links elided, which leaves the strictness open); a chain that starts with its operator (``= x``, ``> y``,
  a continued display) is read as ``? OP Z`` and only its right side is compared;
* symbols are mapped to the step's: a name equal to a declared symbol (``\\delta`` -> ``delta``, ``a_1``), a
  printed application ``\\text{F}(x)`` or a symbol whose text is a declared quantity's definition
  (``Boltz(a)``, ``a_n``), ``e`` as Euler's number; closed forms (quantities' ``expr``) are substituted on both
  sides;
* ``verified`` when the sides are the same (sympy simplifies the difference to 0, or the two oriented
  differences to a positive constant ratio) and the operators agree; ``inconsistent`` (flagged, naming both
  forms) when the sides agree and the operators differ, or a side takes certified different values at a
  probe point (exact rationals, Arb balls); ``unknown`` otherwise, with the reason (a formula the parser
  cannot read, a symbol the step does not define, an undecided comparison). Never ``verified`` undecided.

With a paper text, each step's LaTeX is also looked for inside the proof it belongs to
(:func:`boundcalc.auditing.anchor.find`, the node's statement and proof): ``verified`` when printed there as a
whole expression, ``unknown`` otherwise (a step's LaTeX may abbreviate a display: a reader decides).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

import sympy as sp

from ..findings import Finding, Verdict

_OPS = [(r"\leqslant", "<="), (r"\geqslant", ">="), (r"\leq", "<="), (r"\geq", ">="), (r"\le", "<="), (r"\ge", ">="),
        (r"\neq", "!="), (r"\lt", "<"), (r"\gt", ">"), ("<", "<"), (">", ">"), ("=", "=")]
_DOTS = re.compile(r"^\\(?:dots|cdots|ldots)$")
_NOTE = re.compile(r"\\q?quad\s*\(\s*\\text\{[^{}]*\}[^()]*\)")
_APP = re.compile(r"\\(?:text|mathrm|operatorname)\s*\{([A-Za-z]+)\}\s*\(")
REL = {"<": sp.StrictLessThan, "<=": sp.LessThan, ">": sp.StrictGreaterThan, ">=": sp.GreaterThan, "=": sp.Equality}
OP_OF = {v: k for k, v in REL.items()}
FLIP = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "=": "="}
PROBES = ((3, 7, 2, 5, 11), (5, 2, 9, 4, 13), (13, 3, 8, 1, 6))


class Unread(Exception):
    """The printed formula cannot be compared (the reason is the message)."""


@dataclass
class Printed:
    lhs: str | None     # None: a continued display (the chain starts with its operator)
    op: str
    rhs: str
    elided: bool        # a \dots link: the chain's strictness is open


def split_chain(latex: str) -> Printed:
    """The printed chain read as ``lhs OP rhs`` (see the module docstring)."""
    s = latex.strip().strip("$").strip()
    s = _NOTE.sub(" ", s)
    s = re.sub(r"[.,;]\s*$", "", s).strip()
    segs, ops, depth, cur, i = [], [], 0, [], 0
    while i < len(s):
        ch = s[i]
        if ch in "{([":
            depth += 1
        elif ch in "})]":
            depth -= 1
        if depth == 0:
            hit = next(((t, o) for t, o in _OPS if s.startswith(t, i) and not (t[0] == "\\" and s[i + len(t):i + len(t) + 1].isalpha())), None)
            if hit is not None and not (hit[1] == "=" and i > 0 and s[i - 1] == ":"):
                segs.append("".join(cur).strip())
                ops.append(hit[1])
                cur, i = [], i + len(hit[0])
                continue
        cur.append(ch)
        i += 1
    segs.append("".join(cur).strip())
    if not ops:
        raise Unread("no relation printed")
    if "!=" in ops:
        raise Unread("a printed '\\neq' is not a chain of inequalities")
    lhs = segs[0] or None
    elided = any(_DOTS.match(x) for x in segs[1:-1])
    if not segs[-1] or _DOTS.match(segs[-1]) or (lhs is not None and _DOTS.match(lhs)):
        raise Unread("the chain's end is elided")
    ineq = {o for o in ops if o != "="}
    if {o[0] for o in ineq} == {"<", ">"}:
        raise Unread("the printed chain mixes < and >")
    if not ineq:
        op = "="
    else:
        d = next(iter(ineq))[0]
        op = d if any(len(o) == 1 for o in ineq) else d + "="
    return Printed(lhs, op, segs[-1], elided)


def _norm_text(s: str) -> str:
    s = re.sub(r"\\(?:text|mathrm|operatorname|mathcal)\s*\{([^{}]*)\}", r"\1", s)
    s = re.sub(r"\\(?:left|right|big|Big)", "", s)
    return re.sub(r"[\s{}$]", "", s).replace("\\", "")


class Mapper:
    """Printed symbols -> the step's symbols (see the module docstring)."""

    def __init__(self, statement, step):
        quants = tuple(statement.quantities) + tuple(step.quantities)
        self.names = set(statement.symbols()) | {q.name for q in quants}
        self.closed = {q.symbol: q.expr for q in quants if q.expr is not None}
        self.defs = {}
        for q in quants:
            head = re.split(r",\s|;\s| \(| = ", q.definition)[0]
            self.defs.setdefault(_norm_text(head), q.name)
        self.apps: dict[str, str] = {}

    def substitute_apps(self, latex: str) -> str:
        """Each ``\\text{F}(...)`` whose text is a declared quantity's definition becomes one placeholder."""
        out, i = [], 0
        for m in list(_APP.finditer(latex)):
            if m.start() < i:
                continue
            depth, j = 1, m.end()
            while j < len(latex) and depth:
                depth += {"(": 1, ")": -1}.get(latex[j], 0)
                j += 1
            name = self.defs.get(_norm_text(latex[m.start():j]))
            if name is None:
                continue
            key = f"QSYM{len(self.apps)}"
            self.apps[key] = name
            out.append(latex[i:m.start()] + rf" \mathrm{{{key}}} ")
            i = j
        out.append(latex[i:])
        return "".join(out)

    def symbol(self, key: str):
        m = re.fullmatch(r"\\mathrm\{(QSYM\d+)\}", key)
        if m:
            return sp.Symbol(self.apps[m.group(1)])
        for cand in (key.lstrip("\\"), re.sub(r"[{}]", "", key).lstrip("\\")):
            if cand in self.names:
                return sp.Symbol(cand)
        if key == "e":
            return sp.E
        if key == r"\pi":
            return sp.pi
        name = self.defs.get(_norm_text(key))
        return sp.Symbol(name) if name else None

    def read(self, side: str):
        from ..quotes import parse

        try:
            expr, _ = parse(self.substitute_apps(side))
        except Exception as exc:   # notation the parser does not read
            raise Unread(f"the parser cannot read {side!r} ({type(exc).__name__})") from None
        if isinstance(expr, sp.core.relational.Relational) or not isinstance(expr, sp.Expr):
            raise Unread(f"{side!r} is not read as one expression")
        ren = {}
        missing = sorted(x.name for x in expr.free_symbols if self.symbol(x.name) is None)
        if missing:         # all of them, sorted: a set's order changes from run to run
            raise Unread(f"printed symbol{'s' if len(missing) > 1 else ''} {', '.join(missing)} "
                         f"{'are' if len(missing) > 1 else 'is'} not among the step's symbols")
        for x in sorted(expr.free_symbols, key=lambda x: x.name):
            got = self.symbol(x.name)
            ren[x] = got
        return self.close(expr.xreplace(ren))

    def close(self, expr):
        for _ in range(8):
            new = expr.xreplace(self.closed)
            if new == expr:
                break
            expr = new
        return expr


def _same(a, b) -> bool:
    from .. import symcache

    try:
        return symcache.simplify(a - b) == 0
    except Exception:   # sympy gives up: not the same as far as we know
        return False


def _scaled(a, b) -> bool:
    """a / b a positive constant (the same relation, both sides scaled)."""
    from .. import symcache

    try:
        r = symcache.simplify(a / b)
        return bool(r.is_number and r.is_positive)
    except Exception:
        return False


def _differ(a, b, independent: set):
    """A probe point (name -> value) where a and b take certified different values, else None. Only when
    their difference reads in independent symbols (the statement's scalar variables): a quantity given by
    its value (Boltz(a), m = n - k) is tied to the others, and is decided at admissible points instead."""
    from .. import symcache
    from ..numbers import Real
    from ..statements import evaluate

    try:
        diff = symcache.simplify(a - b)
    except Exception:   # sympy gives up
        diff = a - b
    if diff.is_number and diff != 0 and diff.is_comparable:
        return {"(none)": f"the sides differ by the constant {diff}"}
    if not {x.name for x in diff.free_symbols} <= independent:
        return None
    syms = sorted(diff.free_symbols, key=str)
    for k, vals in enumerate(PROBES):
        point = {x.name: Fraction(vals[j % len(vals)] + j, 2 + k) for j, x in enumerate(syms)}
        try:
            if evaluate(diff, {x: Real(v) for x, v in point.items()}).sign() not in (0, None):
                return {x: str(v) for x, v in point.items()}
        except (ArithmeticError, ValueError, TypeError, KeyError, AttributeError):
            continue
    return None


ADMISSIBLE_TRIES = 8
"""Candidates of the standing statement (adversarial, then seeded draws) tried for a certified difference."""


def _differ_admissible(statement, step, a, b, seed: int = 0):
    """A candidate admitted by the standing hypotheses where a and b (quantities evaluated from the objects)
    take certified different values: (label, a, b), else None."""
    from dataclasses import replace
    from itertools import islice

    from .falsify import EVAL_ERRORS
    from .search import _hand
    from .steps import _decide
    from .values import show

    try:
        st = replace(statement, conclusion=(sp.Eq(a, b, evaluate=False),),
                     quantities=tuple(statement.quantities) + tuple(step.quantities))
        spec = st.counterexample(f"step-text {step.label}", target="proof", trials=ADMISSIBLE_TRIES)
        for label, obj in islice(_hand(spec, seed), ADMISSIBLE_TRIES):
            try:
                if spec.hypotheses(obj) is not True:
                    continue
            except EVAL_ERRORS + (IndexError,):
                continue
            holds, x, y = _decide(spec, obj)
            if holds is False:
                return label, show(x, 15), show(y, 15)
    except Exception:   # a side the statement cannot evaluate: undecided
        return None
    return None


def _text(e) -> str:
    return sp.sstr(e)


def compare(statement, step) -> Finding:
    """One step's printed LaTeX against its relation (see the module docstring)."""
    check = f"step-text:{step.label}"
    ev = {"step": step.label, "latex": step.latex}
    rel = step.relation
    if not step.latex.strip():
        return Finding(check, Verdict.UNKNOWN, f"proof step {step.label}: no LaTeX declared; nothing compared",
                       ev, channel="text")
    if type(rel) not in OP_OF:
        return Finding(check, Verdict.UNKNOWN, f"proof step {step.label}: the declared relation "
                       f"({type(rel).__name__}) is not one comparison; not compared", ev, channel="text")
    mapper = Mapper(statement, step)
    try:
        pr = split_chain(step.latex)
        p_rhs = mapper.read(pr.rhs)
        p_lhs = mapper.read(pr.lhs) if pr.lhs is not None else None
    except Unread as exc:
        return Finding(check, Verdict.UNKNOWN, f"proof step {step.label}: printed form not compared: {exc}", ev,
                       channel="text")
    op, d_lhs, d_rhs = OP_OF[type(rel)], mapper.close(rel.lhs), mapper.close(rel.rhs)
    p_op = pr.op
    printed = f"{_text(p_lhs) if p_lhs is not None else '(previous line)'} {p_op} {_text(p_rhs)}"   # as printed
    if p_op != "=" and op != "=" and p_op[0] != op[0]:     # the same relation written the other way round
        if p_lhs is None:
            return Finding(check, Verdict.UNKNOWN, f"proof step {step.label}: a continued display printed with the "
                           "other direction; not compared", ev, channel="text")
        p_lhs, p_rhs, p_op = p_rhs, p_lhs, FLIP[p_op]     # compared the declaration's way round
    declared = f"{_text(d_lhs)} {op} {_text(d_rhs)}"
    ev.update(printed=printed, declared=declared)
    if p_lhs is None:
        sides_same = _same(p_rhs, d_rhs)
    else:
        dp, dd = p_lhs - p_rhs, d_lhs - d_rhs
        sides_same = _same(dp, dd) or (op == p_op and op != "=" and _scaled(dp, dd)) or \
            (_same(p_lhs, d_lhs) and _same(p_rhs, d_rhs))
    if sides_same:
        if p_op == op:
            return Finding(check, Verdict.VERIFIED, f"proof step {step.label}: printed {printed} is the declared "
                           f"{declared} (sympy)", ev, channel="text")
        if pr.elided and op != "=" and p_op != "=" and p_op[0] == op[0]:
            return Finding(check, Verdict.UNKNOWN, f"proof step {step.label}: printed chain elides links (\\dots); "
                           f"its strictness is open (printed {p_op}, declared {op})", ev, channel="text")
        return Finding(check, Verdict.INCONSISTENT, f"proof step {step.label}: the paper prints {printed}, the "
                       f"declaration has {declared} (same sides, relation {p_op} vs {op})", ev, channel="text")
    pairs = [("right side", p_rhs, d_rhs)] + ([("left side", p_lhs, d_lhs)] if p_lhs is not None else [])
    for what, a, b in pairs:
        if _same(a, b):
            continue
        at = _differ(a, b, set(statement.scalars()))
        if at is not None:
            ev.update(side=what, probe=at)
            return Finding(check, Verdict.INCONSISTENT, f"proof step {step.label}: the paper prints {printed}, the "
                           f"declaration has {declared} ({what}s certified different at a probe point)", ev,
                           channel="text")
        hit = _differ_admissible(statement, step, a, b)
        if hit is not None:
            ev.update(side=what, point=hit[0], printed_value=hit[1], declared_value=hit[2])
            return Finding(check, Verdict.INCONSISTENT, f"proof step {step.label}: the paper prints {printed}, the "
                           f"declaration has {declared} ({what}s certified different at {hit[0]}, admitted by the "
                           f"standing hypotheses: {hit[1]} vs {hit[2]})", ev, channel="text")
    return Finding(check, Verdict.UNKNOWN, f"proof step {step.label}: printed {printed} vs declared {declared}: "
                   "not decided", ev, channel="text")


@dataclass(frozen=True)
class _AsQuote:
    latex: str
    where: str


def printed_in_proof(result, step, paper) -> Finding:
    """Is the step's LaTeX printed inside the node's statement and proof (``anchor.find``)?"""
    from .anchor import find
    from .paper_text import heading_label

    check = f"step-printed:{step.label}"
    head = heading_label(result.id)
    got = find(_AsQuote(step.latex, f"proof of {head}" if head else ""), result, paper)
    ev = dict(got, step=step.label, latex=step.latex)
    if got["status"] == "anchored":
        return Finding(check, Verdict.VERIFIED, f"proof step {step.label}: its LaTeX is printed in {got['anchor']}",
                       ev, channel="text")
    return Finding(check, Verdict.UNKNOWN, f"proof step {step.label}: its LaTeX is not printed as a whole expression "
                   f"in {got['anchor']} ({got['status']}: {got.get('detail', '')}); a step may abbreviate a "
                   "display, a reader decides", ev, channel="text", computed=False)


def run(result, ctx) -> list:
    """Text findings of the node's declared proof steps (``registry.proof_steps``: node id -> [(statement,
    steps)]); none when the package declares none."""
    sets = (getattr(ctx.registry, "proof_steps", None) or {}).get(result.id, ())
    paper = getattr(ctx, "paper_text", None)
    out = []
    for statement, steps in sets:
        for step in steps:
            out.append(compare(statement, step))
            if paper is not None and step.latex.strip():
                out.append(printed_in_proof(result, step, paper))
    return out
