"""A proof step's printed LaTeX against its declared relation, and against the paper's text (channel "text").

Each :class:`~boundcalc.auditing.steps.Step` carries the paper's formula (``latex``) beside its sympy
``relation``. As the formal statement's hypotheses and claims are compared with their quotes
(:func:`boundcalc.statements.compare_quotes`), the printed formula is parsed with the quotes' parser
(:func:`boundcalc.quotes.parse`, cached on disk by content) and compared with the relation:

* the printed chain ``A op1 B op2 ... op_k Z`` is read as ``A OP Z`` (OP strict when one link is; ``\\dots``
  links elided, which leaves the strictness open); a chain that starts with its operator (``= x``, ``> y``,
  a continued display) is read as ``? OP Z`` and only its right side is compared;
* symbols are mapped to the step's through what the declarations say: a name equal to a declared symbol
  (``\\delta`` -> ``delta``, ``\\gamma_{\\min}`` -> ``gamma_min``, ``\\epsilon`` -> ``eps``, ``a_1``); a printed
  name the standing statement declares (``Statement.latex``: symbol -> its LaTeX as the proof prints it, e.g.
  ``\\max_{i \\in [n]} b_i`` or a derivative); a printed application ``\\text{F}(x)`` (``\\mathcal`` too, the
  function's name in any case) or a symbol whose text is a declared quantity's definition (``Boltz(a)``,
  ``a_n``); an indexed entry with a superscript label (``z_1^{(i)}``, ``z^{(i)}_1``) whose definition names it;
  an entry ``a_l`` of a declared vector kept as ``a[l]`` (sums over an index); ``e`` as Euler's number. Closed
  forms (quantities' ``expr``, and a definition that reads as a formula over declared symbols, e.g. ``n - k``
  or ``\\sum_{l=1}^{k+1} e^{a_l}``) are substituted on both sides; square brackets used for grouping read as
  parentheses;
* ``verified`` when the sides are the same (sympy simplifies the difference to 0, or the two oriented
  differences to a positive constant ratio) and the operators agree; ``inconsistent`` (flagged, naming both
  forms) when the sides agree and the operators differ, or a side takes certified different values at a
  probe point (exact rationals, Arb balls); ``unknown`` otherwise, with the reason (a formula the parser
  cannot read, a symbol the step does not define, an undecided comparison). Never ``verified`` undecided.

With a paper text, each step's LaTeX is also looked for inside the proof it belongs to
(:func:`boundcalc.auditing.anchor.find`, the node's statement and proof, the display's layout removed from
text and step alike: ``&``, ``\\\\``, notes): ``verified`` when printed there as a whole expression, ``unknown``
otherwise (a step's LaTeX may abbreviate a display: a reader decides).

Each standing conclusion is tied to what the proof prints (:func:`standing`, check
``step-text:standing conclusion ...``): ``verified`` when sympy finds it the relation of a printed step, of a
chained run of printed steps (each step's right side, as declared, the next one's left side; read as first lhs
OP last rhs) or of the node's formal conclusion (its quantities renamed to the standing statement's of the same
definition); ``inconsistent`` (flagged, both forms named) when none is and one of them has the same sides
and another relation, or its relation and one of its sides while the other side, over the same symbols, is
certified different (a weakened or mistyped copy); ``unknown`` otherwise (a different bound, perhaps a
consequence, is not a disagreement). A standing hypothesis (a sympy relation) a printed step states or copies
is tied the same way (``step-text:standing hypothesis ...``; no finding when no step prints it).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

import sympy as sp

from ..findings import Finding, Verdict
from ..hypquotes import split_at_relations

_OPS = [(r"\leqslant", "<="), (r"\geqslant", ">="), (r"\leq", "<="), (r"\geq", ">="), (r"\le", "<="), (r"\ge", ">="),
        (r"\neq", "!="), (r"\lt", "<"), (r"\gt", ">"), ("<", "<"), (">", ">"), ("=", "=")]
_DOTS = re.compile(r"^\\(?:dots|cdots|ldots)$")
_NOTE = re.compile(r"\\q?quad\s*\(\s*\\text\{[^{}]*\}[^()]*\)")
_APP = re.compile(r"\\(?:text|mathrm|operatorname|mathcal)\s*\{([A-Za-z]+)\}\s*\(")
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


def _op_at(s: str, i: int) -> tuple[int, str] | None:
    """The relation printed at ``i`` (a command not continued by a letter; ``:=`` is a definition, not
    an equation)."""
    hit = next(((t, o) for t, o in _OPS
                if s.startswith(t, i) and not (t[0] == "\\" and s[i + len(t):i + len(t) + 1].isalpha())), None)
    if hit is None or (hit[1] == "=" and i > 0 and s[i - 1] == ":"):
        return None
    return i + len(hit[0]), hit[1]


def split_chain(latex: str) -> Printed:
    """The printed chain read as ``lhs OP rhs`` (see the module docstring)."""
    s = latex.strip().strip("$").strip()
    s = _NOTE.sub(" ", s)
    s = re.sub(r"[.,;]\s*$", "", s).strip()
    parts, ops = split_at_relations(s, _op_at)
    segs = [p.strip() for p in parts]
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


def _head(definition: str) -> str:
    """A quantity definition's first part: up to the first top-level ", ", "; ", " (" or " = "."""
    depth = 0
    for i, ch in enumerate(definition):
        depth += {"(": 1, "[": 1, "{": 1, ")": -1, "]": -1, "}": -1}.get(ch, 0)
        if depth == 0 and (definition.startswith((", ", "; ", " = "), i) or
                           (definition.startswith(" (", i) and i > 0)):
            return definition[:i]
    return definition


def _norm_text(s: str) -> str:
    s = re.sub(r"\\[lc]?dots\b|\.\.\.", "...", s)
    s = re.sub(r"\\(?:text|mathrm|operatorname|mathcal)\s*\{([^{}]*)\}", r"\1", s)
    s = re.sub(r"\\(?:left|right|big|Big)", "", s)
    return re.sub(r"[\s{}$]", "", s).replace("\\", "")


_TOKEN = re.compile(r"(\\?[A-Za-z]+)(_\{[^{}]*\}|_[A-Za-z0-9])?\^\{\(([^{}()]*)\)\}(_\{[^{}]*\}|_[A-Za-z0-9])?")
_ALIASES = {"epsilon": "eps", "varepsilon": "eps", "varphi": "phi", "vartheta": "theta"}
_WORDS = re.compile(r"(?<![\\A-Za-z])[A-Za-z]{2,}")


def _index_key(text: str) -> str | None:
    """An indexed vector entry with a parenthesised superscript label, whichever order it is written in
    (``z_1^{(i)}``, ``z^(i)_1``), as one key ``z_1^(i)``; None for anything else."""
    t = re.sub(r"\\(?:text|mathrm)\s*", "", text)
    t = re.sub(r"[\s{}\\]", "", t)
    m = re.fullmatch(r"([A-Za-z]+)(?:_([^_^()]+))?\^\(([^()]+)\)(?:_([^_^()]+))?", t)
    if not m or (m.group(2) and m.group(4)):
        return None
    return f"{m.group(1)}_{m.group(2) or m.group(4) or ''}^({m.group(3)})"


def _brackets(latex: str) -> str:
    """Square brackets used for grouping (``[-p_n (1 + x)]``: after an operator, a space or an opening) read as
    parentheses; an argument bracket (``Softmax[a]``, a set ``[n]`` after a name) is left as printed."""
    out, stack = list(latex), []
    for i, ch in enumerate(latex):
        if ch == "[":
            before = latex[:i].rstrip()
            before = before[:-5].rstrip() if before.endswith("\\left") else before
            grouping = latex[:i].endswith("\\left") or not before or before[-1] in "+-*/=(<>,|" or \
                before.endswith(("\\cdot", "\\times")) or latex[i - 1:i].isspace() and before[-1] in ")]"
            stack.append(grouping)
            if grouping:
                out[i] = "("
        elif ch == "]" and stack:
            if stack.pop():
                out[i] = ")"
    return "".join(out)


def _pattern(fragment: str) -> re.Pattern:
    """A printed LaTeX fragment matched whitespace-insensitively."""
    body = r"\s*".join(re.escape(c) for c in fragment if not c.isspace())
    return re.compile(body + (r"(?![A-Za-z'])" if fragment.rstrip()[-1:].isalpha() else ""))


class Mapper:
    """Printed symbols -> the step's symbols (see the module docstring)."""

    def __init__(self, statement, step):
        quants = tuple(statement.quantities) + tuple(step.quantities)
        self.names = set(statement.symbols()) | {q.name for q in quants}
        self.vectors = set(statement.variables) - self.names      # entries a_l read as Indexed a[l]
        self.closed = {q.symbol: q.expr for q in quants if q.expr is not None}
        self.defs = {}
        heads = {}
        for q in quants:
            head = _head(q.definition)
            heads[q.name] = head
            self.defs.setdefault(_norm_text(head), q.name)
            self.defs.setdefault(_norm_text(head).lower(), q.name)
            key = _index_key(head)
            if key is not None:
                self.defs.setdefault(key, q.name)
        self.notation = sorted(((tex, name) for name, tex in getattr(statement, "latex", {}).items()),
                               key=lambda p: -len(p[0]))     # the statement's printed names, longest first
        self.apps: dict[str, str] = {}
        for q in quants:     # a definition written as a formula over declared symbols: its closed form here
            if q.symbol not in self.closed and not _WORDS.search(heads[q.name]):
                form = self._formula(heads[q.name], q.name)
                if form is not None:
                    self.closed[q.symbol] = form

    def _formula(self, head: str, own: str):
        from ..quotes import parse

        try:
            expr, _ = parse(head)
        except Exception:   # not a formula
            return None
        if not isinstance(expr, sp.Expr) or expr.atoms(sp.core.function.AppliedUndef):
            return None
        ren = {}
        for x in self.free(expr):
            got = self.symbol(x.name)
            if got is None or (isinstance(got, sp.Symbol) and got.name == own):
                return None
            ren[x] = got
        return expr.xreplace(ren)

    def free(self, expr) -> list:
        """The free symbols to map: an entry ``a[l]`` of a declared vector (and the vector) stays as printed."""
        kept = {x for x in expr.free_symbols if isinstance(x, sp.Indexed) and str(x.base) in self.vectors}
        kept |= {x.base.label for x in kept}
        return sorted((x for x in expr.free_symbols if x not in kept), key=lambda x: x.name)

    def _placeholder(self, name: str) -> str:
        key = f"QSYM{len(self.apps)}"
        self.apps[key] = name
        return rf" \mathrm{{{key}}} "

    def substitute(self, latex: str) -> str:
        """Each printed name the statement declares (``Statement.latex``), each ``\\text{F}(...)`` whose text is a
        declared quantity's definition and each indexed entry ``z_1^{(i)}`` a definition names becomes one
        placeholder."""
        for frag, name in self.notation:
            if name in self.names:
                latex = _pattern(frag).sub(lambda _m: self._placeholder(name), latex)
        out, i = [], 0
        for m in list(_APP.finditer(latex)):
            if m.start() < i:
                continue
            depth, j = 1, m.end()
            while j < len(latex) and depth:
                depth += {"(": 1, ")": -1}.get(latex[j], 0)
                j += 1
            text = _norm_text(latex[m.start():j])
            name = self.defs.get(text) or self.defs.get(text.lower())
            if name is None:
                continue
            out.append(latex[i:m.start()] + self._placeholder(name))
            i = j
        out.append(latex[i:])

        def token(m):
            name = self.defs.get(_index_key(m.group(0)) or "")
            return self._placeholder(name) if name else m.group(0)

        return _brackets(_TOKEN.sub(token, "".join(out)))

    def symbol(self, key: str):
        m = re.fullmatch(r"\\mathrm\{(QSYM\d+)\}", key)
        if m:
            return sp.Symbol(self.apps[m.group(1)])
        plain = re.sub(r"[{}\\]", "", key)
        for cand in (key.lstrip("\\"), re.sub(r"[{}]", "", key).lstrip("\\"), plain,
                     re.sub(r"[A-Za-z]+", lambda w: _ALIASES.get(w.group(0), w.group(0)), plain)):
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
            expr, _ = parse(self.substitute(side))
        except Exception as exc:   # notation the parser does not read
            raise Unread(f"the parser cannot read {side!r} ({type(exc).__name__})") from None
        if isinstance(expr, sp.core.relational.Relational) or not isinstance(expr, sp.Expr):
            raise Unread(f"{side!r} is not read as one expression")
        ren = {}
        free = self.free(expr)
        missing = sorted(x.name for x in free if self.symbol(x.name) is None)
        if missing:         # all of them, sorted: a set's order changes from run to run
            raise Unread(f"printed symbol{'s' if len(missing) > 1 else ''} {', '.join(missing)} "
                         f"{'are' if len(missing) > 1 else 'is'} not among the step's symbols")
        for x in free:
            got = self.symbol(x.name)
            ren[x] = got
        return self.close(expr.xreplace(ren))

    def close(self, expr):
        return _closed(expr, self.closed)


def _closed(expr, subs: dict):
    """Closed forms substituted until none is left (at most 8 rounds)."""
    for _ in range(8):
        new = expr.xreplace(subs)
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
    declared = f"{_text(d_lhs)} {op} {_text(d_rhs)}"
    if p_op != "=" and op != "=" and p_op[0] != op[0]:     # the same relation written the other way round
        if p_lhs is None:
            return _continued_other_way(check, ev, step, printed, declared, p_op, p_rhs, op, d_lhs, d_rhs)
        if _same(p_lhs - p_rhs, d_lhs - d_rhs):     # the same sides in the same places: the opposite relation
            ev.update(printed=printed, declared=declared)
            return Finding(check, Verdict.INCONSISTENT, f"proof step {step.label}: the paper prints {printed}, the "
                           f"declaration has {declared} (same sides, relation {p_op} vs {op})", ev, channel="text")
        p_lhs, p_rhs, p_op = p_rhs, p_lhs, FLIP[p_op]     # compared the declaration's way round
    ev.update(printed=printed, declared=declared)
    kind, where = _judge(statement, step, p_lhs, p_op, p_rhs, d_lhs, op, d_rhs)
    if kind == "same":
        return Finding(check, Verdict.VERIFIED, f"proof step {step.label}: printed {printed} is the declared "
                       f"{declared} (sympy)", ev, channel="text")
    if kind == "operator":
        if pr.elided and op != "=" and p_op != "=" and p_op[0] == op[0]:
            return Finding(check, Verdict.UNKNOWN, f"proof step {step.label}: printed chain elides links (\\dots); "
                           f"its strictness is open (printed {p_op}, declared {op})", ev, channel="text")
        return Finding(check, Verdict.INCONSISTENT, f"proof step {step.label}: the paper prints {printed}, the "
                       f"declaration has {declared} (same sides, relation {p_op} vs {op})", ev, channel="text")
    if kind == "side":
        ev.update(where)
        return Finding(check, Verdict.INCONSISTENT, f"proof step {step.label}: the paper prints {printed}, the "
                       f"declaration has {declared} ({where['side']}s certified different {_at(where)})", ev,
                       channel="text")
    return Finding(check, Verdict.UNKNOWN, f"proof step {step.label}: printed {printed} vs declared {declared}: "
                   "not decided", ev, channel="text")


def _continued_other_way(check, ev, step, printed, declared, p_op, p_rhs, op, d_lhs, d_rhs) -> Finding:
    """A continued display ``OP X`` (its left side the previous line) against a declaration of the other
    direction: the declaration written the other way round when X is its left side (then compared on it),
    ``inconsistent`` when X is its right side (the same bound, the opposite relation), else ``unknown``."""
    ev.update(printed=printed, declared=declared)
    if _same(p_rhs, d_lhs):
        if FLIP[p_op] == op:
            return Finding(check, Verdict.VERIFIED, f"proof step {step.label}: printed {printed} is the declared "
                           f"{declared} written the other way round (sympy)", ev, channel="text")
        return Finding(check, Verdict.INCONSISTENT, f"proof step {step.label}: the paper prints {printed}, the "
                       f"declaration has {declared} (the same bound, relation {FLIP[p_op]} vs {op})", ev, channel="text")
    if _same(p_rhs, d_rhs):
        return Finding(check, Verdict.INCONSISTENT, f"proof step {step.label}: the paper prints {printed}, the "
                       f"declaration has {declared} (the same right side, the opposite relation)", ev, channel="text")
    return Finding(check, Verdict.UNKNOWN, f"proof step {step.label}: a continued display printed with the other "
                   "direction; not compared", ev, channel="text")


def _at(where: dict) -> str:
    if "probe" in where:
        return "at a probe point"
    return (f"at {where['point']}, admitted by the standing hypotheses: {where['printed_value']} vs "
            f"{where['declared_value']}")


def _judge(statement, step, p_lhs, p_op, p_rhs, d_lhs, op, d_rhs, sides_only: bool = False):
    """A printed relation ``p_lhs p_op p_rhs`` (``p_lhs`` None: only the right side printed) against a declared
    one: ("same", {}) when sympy finds the same sides and operator; ("operator", {}) the same sides, another
    operator; ("side", evidence) a side certified different (a probe point over the independent scalars, else
    a candidate admitted by the standing hypotheses; with ``sides_only`` only when the other side is the
    same and the two differing sides read the same symbols: the same bound transcribed, not another bound
    the relation may follow from); ("undecided", {}) otherwise."""
    if p_lhs is None:
        sides_same = _same(p_rhs, d_rhs)
    else:
        dp, dd = p_lhs - p_rhs, d_lhs - d_rhs
        sides_same = _same(dp, dd) or (op == p_op and op != "=" and _scaled(dp, dd)) or \
            (_same(p_lhs, d_lhs) and _same(p_rhs, d_rhs))
    if sides_same:
        return ("same", {}) if p_op == op else ("operator", {})
    pairs = [("right side", p_rhs, d_rhs)] + ([("left side", p_lhs, d_lhs)] if p_lhs is not None else [])
    if sides_only:      # one side shared: the other is compared
        same = [_same(a, b) for _, a, b in pairs]
        if len(pairs) < 2 or not any(same):
            return "undecided", {}
        pairs = [p for p, s in zip(pairs, same) if not s and p[1].free_symbols == p[2].free_symbols]
    for what, a, b in pairs:
        if _same(a, b):
            continue
        at = _differ(a, b, set(statement.scalars()))
        if at is not None:
            return "side", dict(side=what, probe=at)
        hit = _differ_admissible(statement, step, a, b)
        if hit is not None:
            return "side", dict(side=what, point=hit[0], printed_value=hit[1], declared_value=hit[2])
    return "undecided", {}


def _links(steps) -> list:
    """Each printed step's relation and every contiguous run of printed steps that chains (one step's right
    side the next one's left side, as declared; ``=`` links anywhere, inequalities all one direction) read as
    ``first lhs OP last rhs``: (label, lhs, op, rhs)."""
    rows = [s for s in steps if s.latex.strip() and type(s.relation) in OP_OF]
    out = []
    for i, s in enumerate(rows):
        lhs, op, rhs = s.relation.lhs, OP_OF[type(s.relation)], s.relation.rhs
        out.append((f"proof step {s.label}", lhs, op, rhs))
        for j in range(i + 1, len(rows)):
            nxt = rows[j].relation
            o = OP_OF[type(nxt)]
            if nxt.lhs != rhs or (o != "=" and op != "=" and o[0] != op[0]):
                break
            rhs = nxt.rhs
            op = op if o == "=" else o if op == "=" else op[0] if len(op) == 1 or len(o) == 1 else op
            out.append((f"proof steps {s.label} ... {rows[j].label} chained", lhs, op, rhs))
    return out


def _formal_rows(statement, formal, mapper) -> tuple[list, list]:
    """The formal statement's conclusions over the standing statement's symbols (a formal quantity renamed to
    the standing one of the same definition; closed forms substituted): (rows, reasons a conclusion is not
    read)."""
    if formal is None or formal.conclusion is statement.conclusion:
        return [], []
    closed = {q.symbol: q.expr for q in formal.quantities if q.expr is not None}
    ren = {}
    for q in formal.quantities:
        if q.name not in mapper.names:
            name = mapper.defs.get(_norm_text(_head(q.definition)))
            if name is not None:
                ren[q.symbol] = sp.Symbol(name)
    rows, missed = [], []
    for c in formal.conclusion:
        if type(c) not in OP_OF:
            continue
        e = _closed(c, closed).xreplace(ren)
        alien = sorted(x.name for x in e.free_symbols if x.name not in mapper.names)
        if alien:
            missed.append(f"the formal conclusion {_text(c)} reads {', '.join(alien)}, not the standing statement's")
            continue
        rows.append(("the formal statement's conclusion", e.lhs, OP_OF[type(c)], e.rhs))
    return rows, missed


def _tie(statement, carrier, mapper, rel, rows):
    """The declared relation ``rel`` against the printed rows (label, lhs, op, rhs): ("same", label, shown, {})
    for the first that is the same relation, else ("operator" | "side", label, shown, evidence) for the first
    same-sided copy that differs (:func:`_judge` with ``sides_only``), else None."""
    d_lhs, d_rhs, op = mapper.close(rel.lhs), mapper.close(rel.rhs), OP_OF[type(rel)]
    clash = None
    fs = lambda e: frozenset(e.free_symbols)   # noqa: E731  (sides over other symbols differ: no sympy call)
    for label, lhs, p_op, rhs in rows:
        p_lhs, p_rhs = mapper.close(lhs), mapper.close(rhs)
        if fs(p_lhs - p_rhs) != fs(d_lhs - d_rhs) and not {fs(p_lhs), fs(p_rhs)} & {fs(d_lhs), fs(d_rhs)}:
            continue
        shown = f"{_text(p_lhs)} {p_op} {_text(p_rhs)}"
        if p_op != op and _same(p_lhs - p_rhs, d_lhs - d_rhs):    # the same sides, another relation
            kind, where = "operator", {}
        else:
            if p_op != "=" and op != "=" and p_op[0] != op[0]:
                p_lhs, p_op, p_rhs = p_rhs, FLIP[p_op], p_lhs
            if p_op != op and (p_op == "=" or op == "="):
                continue
            kind, where = _judge(statement, carrier, p_lhs, p_op, p_rhs, d_lhs, op, d_rhs, sides_only=True)
        if kind == "same":
            return kind, label, shown, {}
        if kind in ("operator", "side") and clash is None:
            clash = (kind, label, shown, where)
    return clash


def standing(result, statement, steps) -> list:
    """Each standing conclusion against what the proof prints (see the module docstring): ``verified`` when
    sympy finds it the same relation as a printed step, a chained run of printed steps or the node's formal
    conclusion; ``inconsistent`` (flagged, both forms named) when none is and one of them has its operator and
    one of its sides while the other side is certified different (or the same sides, another operator);
    ``unknown`` otherwise, with the reason. Each standing hypothesis (a sympy relation) a printed step states,
    or copies with one side changed, likewise (``verified`` / ``inconsistent``; nothing when no step prints
    it: a hypothesis is the proof's assumption, not something it must print)."""
    from ..statements import text
    from .steps import Step

    out, quants = [], {}
    for s in steps:
        for q in s.quantities:
            quants.setdefault(q.name, q)
    carrier = Step("standing conclusion", sp.true, quantities=tuple(quants.values()))
    mapper = Mapper(statement, carrier)
    links = _links(steps)
    formal_rows, missed = _formal_rows(statement, getattr(result, "formal", None), mapper)
    where_c = "the printed steps, their chains or the formal conclusion"
    todo = [("conclusion", c, links + formal_rows, where_c) for c in statement.conclusion] + \
        [("hypothesis", h, links, "the printed steps or their chains") for h in statement.hypotheses
         if type(h) in OP_OF]
    for role, c, rows, among in todo:
        check = f"step-text:standing {role} {text(c)}"
        ev = {role: text(c)}
        if type(c) not in OP_OF:
            out.append(Finding(check, Verdict.UNKNOWN, f"standing {role} {text(c)}: not one comparison; not "
                               "compared with the printed steps", ev, channel="text"))
            continue
        tie = _tie(statement, carrier, mapper, c, rows)
        if tie is not None and tie[0] == "same":
            ev.update(matched=tie[1], printed=tie[2])
            out.append(Finding(check, Verdict.VERIFIED, f"standing {role} {text(c)} is {tie[1]}: {tie[2]} (sympy)",
                               ev, channel="text"))
        elif tie is not None:
            kind, label, shown, where = tie
            ev.update(where, against=label, printed=shown)
            why = f"{where['side']}s certified different {_at(where)}" if kind == "side" else \
                "same sides, another relation"
            out.append(Finding(check, Verdict.INCONSISTENT, f"standing {role} {text(c)} is none of {among}: "
                               f"{label} reads {shown} ({why})", ev, channel="text"))
        elif role == "conclusion":
            ev["compared"] = [r[0] for r in rows]
            reason = ("no printed step, chain of printed steps or formal conclusion has its sides, or its operator, "
                      "one of its sides and the other over the same symbols")
            out.append(Finding(check, Verdict.UNKNOWN, f"standing conclusion {text(c)}: not decided against what the "
                               f"proof prints ({reason}{'; ' + '; '.join(missed) if missed else ''})", ev,
                               channel="text"))
    return out


@dataclass(frozen=True)
class _AsQuote:
    latex: str
    where: str


_NOTES_COLUMN = re.compile(r"&&(?:(?!\\\\(?![A-Za-z])|\\end\{aligned\}|\$).)*")
_END_NOTE = re.compile(r"\\q?quad\s*\((?:[^()]|\([^()]*\))*\)(?=\s*(?:\\\\|&|\\end\{|\$|$))", re.M)
_BREAK = re.compile(r"\\(?:begin|end)\{aligned\}|\\\\(?![A-Za-z])\s*&?\s*(?:\\q?quad(?![A-Za-z]))?")


def _layout(s: str) -> str:
    """A display's layout removed (printed text and step LaTeX alike): a notes column ``&& ...`` and inline
    notes (``\\quad (\\text{By ...})``, a ``\\quad (...)`` ending a line) dropped, line breaks ``\\\\`` (with a
    continuation's ``&\\quad``) and ``aligned`` environments read as a formula's end (``$``, which the verbatim
    comparison skips), alignment ``&`` dropped. Line for line: no newline is removed."""
    s = _END_NOTE.sub(" ", _NOTE.sub(" ", _NOTES_COLUMN.sub(" ", s)))
    return _BREAK.sub(" $ ", s).replace("&", "")


_LAYOUTS: dict = {}


def _without_layout(paper):
    """The paper text with its displays' layout removed (:func:`_layout`; headings and line numbers unchanged):
    a step quotes a display's formula, not its layout. One copy per paper text."""
    from .paper_text import PaperText

    if _LAYOUTS.get("of") is not paper:
        _LAYOUTS.update(of=paper, text=PaperText(paper.path, _layout(paper.text)))
    return _LAYOUTS["text"]


def printed_in_proof(result, step, paper) -> Finding:
    """Is the step's LaTeX printed inside the node's statement and proof (``anchor.find`` on the text without
    its display layout)?"""
    from .anchor import find
    from .paper_text import heading_label

    check = f"step-printed:{step.label}"
    head = heading_label(result.id)
    got = find(_AsQuote(_layout(step.latex), f"proof of {head}" if head else ""), result, _without_layout(paper))
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
        out.extend(standing(result, statement, steps))
    return out
