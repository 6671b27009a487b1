"""Quotes: a declaration's formulas as the paper prints them, and the references its proof makes.

A :class:`Quote` keeps the LaTeX of one formula exactly as the paper's text shows it (conversion
glitches included, marked by ``glitch`` and, when the printed form cannot be read, repaired in
``reconstructed``), says which declared formula it is, and maps its LaTeX symbols to the
declaration's names. :func:`compare` parses the quote with sympy's LaTeX parser (lark backend) after
the generic normalisation of :func:`normalize` and decides, symbolically and then at certified
points, whether it equals the declared formula. A :class:`ProofRef` records one reference of a
proof ("By Lemma C.9", "(D.5)") and the node or equation label it points to.

Normalisation (documented in docs/quotes.md): ``$``, ``\\left``/``\\right``, spacing commands and
``\\displaystyle`` are dropped; ``:=`` is ``=``; ``\\times`` is ``\\cdot``; ``\\mathcal{O}(X)`` is
compared through its argument X; a decimal ``0.5`` is the exact ``\\frac{5}{10}``; ``\\ln^2(x)`` is
``(\\ln(x))^2``; every symbol (a letter, a Greek letter, ``\\mathcal{V}``,
``\\text{word}``, with its subscript and primes) becomes one placeholder; juxtaposition becomes an
explicit ``\\cdot``; ``\\exp``, ``\\log``, ``\\ln``, ``\\max``, ``\\min`` are applied to their
parenthesised argument (or, without parentheses, to the next symbol or number), parsed on its own.
"""
from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field
from functools import lru_cache
from fractions import Fraction
from typing import Any, Mapping

from . import domains as _dom

ROLES = ("constant", "hypothesis", "claim", "definition", "statement", "citation")
"""constant, hypothesis, claim, definition, statement: a formula of the result; citation: a phrase by
which the text cites this result (used to resolve references in proofs, never compared)."""


DOMAIN_PREFIX = "domain:"
"""``declares="domain:NAME"``: the quote states the hypothesis on parameter NAME (compared with its domain)."""


class QuoteError(ValueError):
    """A quote that cannot be parsed or mapped to the declaration (undecided, never a mismatch)."""


@dataclass(frozen=True)
class Quote:
    """One formula (or citation phrase) as printed, and the declared formula it corresponds to.

    ``role`` is one of :data:`ROLES`; ``where`` says where the paper prints it (heading or equation label).
    Notation read: fractions, roots, powers, ``\\log``/``\\ln``/``\\exp``, ``\\max``/``\\min`` (also with an
    index subscript), ``\\sum``/``\\prod`` with limits, norms, ceilings and floors, set-builder and interval
    domains; ``\\varepsilon`` is ``\\epsilon`` and both name a parameter ``eps`` (docs/quotes.md).

    Example: the printed claim, and the printed hypothesis on a parameter::

        >>> from boundcalc.quotes import Quote
        >>> Quote(r"x + \\frac{1}{x} \\geq 2", "Lemma 1", role="claim", declares="sum-bound").role
        'claim'
        >>> Quote(r"\\varepsilon \\in (0, 1)", "Theorem 2", role="hypothesis", declares="domain:eps").declares
        'domain:eps'
    """

    latex: str
    where: str
    role: str = "constant"
    declares: str | None = None
    """A Constant or Claim name of the Result, ``"domain:NAME"`` for the printed hypothesis on parameter
    NAME, or a formula in the safe language of :mod:`boundcalc.formula` (an expression or
    ``"lhs REL rhs"``); None: checked verbatim only."""
    symbols: Mapping[str, str] = field(default_factory=dict)
    """LaTeX symbol (as printed, e.g. ``\\gamma_{\\max}``) -> declaration name or formula text."""
    glitch: str | None = None
    reconstructed: str | None = None
    differs: str | None = None
    defect: str | None = None

    def __post_init__(self):
        if self.role not in ROLES:
            raise QuoteError(f"unknown quote role {self.role!r} (one of {', '.join(ROLES)})")
        if not self.latex.strip():
            raise QuoteError("a quote needs the text as printed")
        if self.reconstructed is not None and not self.glitch:
            raise QuoteError(f"quote {self.latex[:40]!r}: a reconstruction needs its glitch note")
        if self.defect is not None and not self.differs:
            raise QuoteError(f"quote {self.latex[:40]!r}: a defect link needs the 'differs' reason")
        if self.differs and self.defect is None and self.reconstructed is None:
            raise QuoteError(f"quote {self.latex[:40]!r}: 'differs' must name a defect (a deliberate correction) "
                             "or come with a reconstruction (a glitch)")

    @property
    def parsed_text(self) -> str:
        """The LaTeX that is parsed: the reconstruction when the printed form is glitched."""
        return self.reconstructed if self.reconstructed is not None else self.latex

    def to_dict(self) -> dict[str, Any]:
        out = {"latex": self.latex, "where": self.where, "role": self.role, "declares": self.declares,
               "symbols": dict(self.symbols)}
        for key in ("glitch", "reconstructed", "differs", "defect"):
            if getattr(self, key) is not None:
                out[key] = getattr(self, key)
        return out


@dataclass(frozen=True)
class ProofRef:
    """One reference of a proof: the phrase as printed and the node id / equation label it points to.

    ``phrase`` is empty for a use the proof makes without naming it (``note`` says how); ``uses`` is
    False for a result the proof mentions without depending on it (``note`` says why).

    Example::

        >>> from boundcalc.quotes import ProofRef
        >>> ProofRef("By Lemma 3", "lemma-3").uses, ProofRef("(2.1)", "(2.1)").is_equation
        (True, True)
    """

    phrase: str
    target: str
    note: str = ""
    uses: bool = True

    def __post_init__(self):
        if (not self.phrase.strip() or not self.uses) and not self.note.strip():
            raise QuoteError(f"proof reference to {self.target}: an implicit or non-use reference needs a note")

    @property
    def is_equation(self) -> bool:
        return bool(EQUATION_LABEL.fullmatch(self.target))

    def to_dict(self) -> dict[str, Any]:
        return {"phrase": self.phrase, "target": self.target, "note": self.note, "uses": self.uses}


EQUATION_LABEL = re.compile(r"\((?:[A-Z]\.)?\d+(?:\.\d+)?\)")

# ---------------------------------------------------------------- normalisation and tokens

_DROP = re.compile(r"\\(?:left|right|bigl|bigr|Bigl|Bigr|big|Big|displaystyle)(?![A-Za-z])")
_SPACE = re.compile(r"\\(?:[,;:! ]|qquad(?![A-Za-z])|quad(?![A-Za-z]))|~")
_DECORATED = r"\\(?:mathcal|mathbb|mathrm|mathbf|text|operatorname|bar|tilde|hat|boldsymbol)\s*\{[^{}]*\}"
_TOKEN = re.compile(rf"({_DECORATED})|(\\[A-Za-z]+)|([A-Za-z])|(\d+)|(\\[{{}}|])|(\S)")
GREEK = frozenset("""alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu nu xi
omicron rho varrho sigma tau upsilon phi varphi chi psi omega Gamma Delta Theta Lambda Xi Pi Sigma Phi Psi Omega
pi ell""".split())
FUNCS = {"exp": "exp", "log": "log", "ln": "log", "max": "Max", "min": "Min"}
_KEEP = frozenset(r"\frac \sqrt \binom \cdot \leq \geq \le \ge \neq \lt \gt \lceil \rceil \lfloor \rfloor \in \mid \infty".split())
BIGOPS = {"sum": "sum", "prod": "prod"}
NORM_BARS = frozenset([r"\lVert", r"\rVert", r"\Vert"])
VARIANTS = {r"\varepsilon": r"\epsilon", r"\vartheta": r"\theta", r"\varphi": r"\phi", r"\varrho": r"\rho"}
r"""Letter variants that name the same symbol (``\varepsilon`` is ``\epsilon``)."""
_STARTS = frozenset([r"\frac", r"\sqrt", r"\binom", r"\lceil", r"\lfloor", "("])
_ENDS = frozenset([")", r"\rceil", r"\rfloor", "!"])


def normalize(latex: str) -> str:
    """The documented textual normalisation (before tokenising): delimiters, spacing, := and O(.)."""
    s = latex.strip().strip("$").strip()
    s = _DROP.sub("", s)
    s = _SPACE.sub(" ", s)
    s = s.replace(":=", "=").replace(r"\coloneqq", "=").replace(r"\times", r"\cdot ")
    s = re.sub(r"\\mathcal\s*\{\s*O\s*\}", " ", s)
    s = _DECIMAL.sub(lambda m: rf"\frac{{{int(m.group(1) + m.group(2))}}}{{{10 ** len(m.group(2))}}}", s)
    return _power_of_function(s)


_DECIMAL = re.compile(r"(?<![\w.])(\d+)\.(\d+)(?![\w.])")
_FUNC_POWER = re.compile(r"\\(ln|log|exp|sin|cos)\s*\^\s*(\d|\{[^{}]*\})\s*\(")


def _power_of_function(s: str) -> str:
    """``\\ln^2(x)`` is ``(\\ln(x))^2``: the power applies to the function's value."""
    while True:
        m = _FUNC_POWER.search(s)
        if not m:
            return s
        depth, j = 0, m.end() - 1
        for j in range(m.end() - 1, len(s)):
            depth += (s[j] == "(") - (s[j] == ")")
            if depth == 0:
                break
        if depth:
            raise QuoteError("unbalanced parentheses after a power of a function")
        s = s[:m.start()] + rf"(\{m.group(1)}{s[m.end() - 1:j + 1]})^{m.group(2)}" + s[j + 1:]


def canonical(symbol: str) -> str:
    """A symbol's key: whitespace removed, one-character subscript braces dropped (``L_{p}`` is ``L_p``)."""
    s = re.sub(r"\s+", "", symbol)
    return re.sub(r"_\{(\\?[A-Za-z0-9])\}", r"_\1", s)


def _tokens(s: str) -> list[tuple[str, str]]:
    """(kind, text) tokens: ident, func, num, cmd, char; an ident carries its subscript and primes."""
    raw = [(m.lastindex, m.group(m.lastindex)) for m in _TOKEN.finditer(s)]
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(raw):
        kind, text = raw[i]
        if kind == 2:
            name = text[1:]
            if name in GREEK:
                kind = 1
            elif name in FUNCS:
                out.append(("func", name))
                i += 1
                continue
            elif name in BIGOPS:
                out.append(("bigop", name))
                i += 1
                continue
            elif text in NORM_BARS:
                out.append(("char", "‖"))
                i += 1
                continue
            elif text in _KEEP:
                out.append(("cmd", text))
                i += 1
                continue
            else:
                raise QuoteError(f"unsupported LaTeX command {text}")
        if kind in (1, 3):
            ident, i = text, i + 1
            if i < len(raw) and raw[i][1] == "_":
                sub, i = _group(raw, i + 1)
                ident += "_" + sub
            while i < len(raw) and raw[i][1] == "'":
                ident += "'"
                i += 1
            out.append(("ident", canonical(ident)))
            continue
        if kind == 4:
            out.append(("num", text))
        elif kind == 5:
            out.append(("char", {"\\{": "(", "\\}": ")", "\\|": "‖"}[text]))
        else:
            out.append(("char", text))
        i += 1
    return out


def _group(raw, i: int) -> tuple[str, int]:
    """The text of one argument (a braced group or one token) starting at raw[i]."""
    if i >= len(raw):
        raise QuoteError("a subscript without its argument")
    if raw[i][1] != "{":
        return raw[i][1], i + 1
    depth, parts = 0, []
    while i < len(raw):
        t = raw[i][1]
        depth += (t == "{") - (t == "}")
        parts.append(t)
        i += 1
        if depth == 0:
            return "".join(parts), i
    raise QuoteError("unbalanced braces in a subscript")


def _name(n: int) -> str:
    letters = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        letters = chr(97 + r) + letters
    return letters


class _Parsed:
    """Placeholders and what each stands for (a symbol key, or a function application's value)."""

    def __init__(self):
        self.symbols: dict[str, str] = {}      # placeholder name -> symbol key
        self.values: dict[str, Any] = {}       # placeholder name -> sympy value (function applications)

    def fresh(self) -> str:
        return f"x_{{{_name(len(self.symbols) + len(self.values))}}}"


def parse(latex: str) -> tuple[Any, dict[str, str]]:
    """Parse printed LaTeX into sympy; symbols are ``Symbol(key)`` with keys from :func:`canonical`.

    Returns (expression or relation, key -> Symbol name). Raises QuoteError when the parser cannot read it.
    Remembered per text for the process (an audit reads each quote in several checks: 406 parses of 150
    texts): the expression is immutable, the table a fresh copy each time."""
    memo = ("quote", latex)             # kept with the parser's trees (_MEMO), and cleared with them
    got = _MEMO.get(memo)
    if got is None:
        try:
            got = _parse_stored(latex)
        except QuoteError as exc:
            if type(exc) is QuoteError:
                _MEMO[memo] = exc
            raise
        _MEMO[memo] = got
    if isinstance(got, QuoteError):
        raise QuoteError(str(got))
    return got[0], dict(got[1])


def _parse_stored(latex: str) -> tuple[Any, dict[str, str]]:
    """:func:`_parse`, remembered on disk (:mod:`boundcalc.cache`, namespace ``quote``) beside the LaTeX
    parser's own trees (``latex``): keyed by the text, the parser's versions and the engine's source (the
    quote reader is part of it); stored only when the expression rebuilds identically
    (:mod:`boundcalc.exprjson`)."""
    from . import cache, exprjson
    from .reuse import _engine_hash

    key = f"quote reader {_engine_hash()}; {_parser_version()}\n{latex}"
    stored = cache.get("quote", key)
    if isinstance(stored, dict):
        if stored.get("error"):
            raise QuoteError(stored["error"])
        try:
            return exprjson.load(stored["tree"]), dict(stored["keys"])
        except (ValueError, TypeError, KeyError):
            pass   # unreadable entry: read again and overwrite it
    try:
        expr, keys = _parse(latex)
    except QuoteError as exc:
        if type(exc) is QuoteError:
            cache.put("quote", key, {"error": str(exc)})
        raise
    tree = exprjson.dump(expr)
    if tree is not None:
        cache.put("quote", key, {"tree": tree, "keys": keys})
    return expr, keys


def _parse(latex: str) -> tuple[Any, dict[str, str]]:
    import sympy

    state = _Parsed()
    expr = _parse_tokens(_tokens(normalize(latex)), state)
    table = {sympy.Symbol(ph): sympy.Symbol(key) for ph, key in state.symbols.items()}
    return _subs_all(expr, table, state, sympy), {k: k for k in state.symbols.values()}


def _subs_all(expr, table, state, sympy):
    values = {sympy.Symbol(ph): v for ph, v in state.values.items()}
    for _ in range(len(values) + 1):  # function values may contain other placeholders
        new = expr.xreplace(values)
        if new == expr:
            break
        expr = new
    return expr.xreplace(table)


def _parse_tokens(toks: list[tuple[str, str]], state: _Parsed):
    import sympy

    out: list[tuple[str, str]] = []
    i = 0
    while i < len(toks):
        kind, text = toks[i]
        bound = _bound_ident(text, state) if kind == "ident" else None
        if bound is not None:
            ph = state.fresh()
            state.values[ph] = bound
            out.append(("ident", ph))
            i += 1
            continue
        if kind == "bigop" or (kind == "func" and FUNCS[text] in ("Max", "Min") and i + 1 < len(toks)
                               and toks[i + 1] == ("char", "_")):
            value, i = _big_operator(toks, i, state)
            ph = state.fresh()
            state.values[ph] = value
            out.append(("ident", ph))
            continue
        if kind == "func" and FUNCS[text] == "log" and i + 1 < len(toks) and toks[i + 1] == ("char", "_"):
            from . import quote_ops

            base, j = quote_ops.group(toks, i + 2)
            args, i = _func_args(toks, j)
            if len(args) != 1:
                raise QuoteError(f"\\{text} takes one argument")
            value = sympy.log(_parse_tokens(args[0], state)) / sympy.log(_parse_tokens(base, state))
            ph = state.fresh()
            state.values[ph] = value
            out.append(("ident", ph))
            continue
        if (kind, text) == ("char", "‖"):
            value, i = _norm(toks, i, state)
            ph = state.fresh()
            state.values[ph] = value
            out.append(("ident", ph))
            continue
        if kind == "ident":
            ph = next((p for p, k in state.symbols.items() if k == text), None)
            if ph is None:
                ph = state.fresh()
                state.symbols[ph] = text
            out.append(("ident", ph))
            i += 1
            continue
        if kind == "func":
            args, i = _func_args(toks, i + 1)
            vals = [_parse_tokens(a, state) for a in args]
            fn = {"exp": sympy.exp, "log": sympy.log, "Max": sympy.Max, "Min": sympy.Min}[FUNCS[text]]
            if FUNCS[text] in ("exp", "log") and len(vals) != 1:
                raise QuoteError(f"\\{text} takes one argument")
            ph = state.fresh()
            state.values[ph] = fn(*vals)
            out.append(("ident", ph))
            continue
        out.append((kind, text))
        i += 1
    return parse_latex_cached(_join(out))


def parse_latex_cached(text: str):
    """sympy's lark LaTeX parse of ``text``, remembered in memory and on disk (:mod:`boundcalc.cache`).

    The disk key is the text and the versions of sympy and lark; a cached tree is rebuilt only from
    allow-listed classes (:mod:`boundcalc.exprjson`) and only stored when it rebuilds identically."""
    hit = _MEMO.get(text)
    if hit is not None:
        if isinstance(hit, QuoteError):
            raise QuoteError(str(hit))
        return hit
    try:
        expr = _parse_latex_disk(text)
    except QuoteError as exc:
        _MEMO[text] = exc
        raise
    _MEMO[text] = expr
    return expr


_MEMO: dict[Any, Any] = {}
"""Parsed trees per text (:func:`parse_latex_cached`) and, under ("quote", text), :func:`parse` results."""


@lru_cache(maxsize=None)
def _parser_version() -> str:
    """The versions the LaTeX parse depends on (lark's read from its metadata: importing it takes 20 ms
    that a run whose parses are all cached does not otherwise spend)."""
    import sympy

    try:
        from importlib.metadata import version

        lark = version("lark")
    except Exception:               # noqa: BLE001  (no metadata: ask the module itself)
        import lark as _lark

        lark = _lark.__version__
    return f"sympy {sympy.__version__}; lark {lark}"


def _parse_latex_disk(text: str):
    import sympy

    from . import cache, exprjson

    key = f"{_parser_version()}\n{text}"
    stored = cache.get("latex", key)
    if stored is not None:
        if stored.get("error"):
            raise QuoteError(stored["error"])
        try:
            return exprjson.load(stored["tree"])
        except (ValueError, TypeError, KeyError):
            pass   # unreadable entry: parse again and overwrite it
    from sympy.parsing.latex import parse_latex   # imported only to parse (its grammar takes 0.1 s to load)

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            expr = parse_latex(text, backend="lark")
        except Exception as exc:  # the parser's own error types vary by version
            msg = f"the LaTeX parser cannot read {text!r}: {type(exc).__name__}"
            cache.put("latex", key, {"error": msg})
            raise QuoteError(msg) from None
    if not isinstance(expr, sympy.Basic):
        msg = f"the LaTeX parser found {text!r} ambiguous"
        cache.put("latex", key, {"error": msg})
        raise QuoteError(msg)
    tree = exprjson.dump(expr)
    if tree is not None:
        cache.put("latex", key, {"tree": tree})
    return expr


def _bound_ident(text: str, state: _Parsed):
    """The index of an enclosing big operator (``i``), or a vector entry indexed by it (``x_i``); else None."""
    import sympy

    bound = getattr(state, "bound", {})
    if text in bound:
        return bound[text]
    base, _, sub = text.partition("_")
    sub = sub[1:-1] if sub.startswith("{") and sub.endswith("}") else sub
    if base and sub in bound:
        ph = next((p for p, k in state.symbols.items() if k == base), None)
        if ph is None:   # the vector's name is a symbol of the quote (to be mapped, or undecided)
            state.symbols[state.fresh()] = base
        return sympy.Indexed(sympy.IndexedBase(base), bound[sub])
    return None


def _resolve_values(expr, state: _Parsed):
    """``expr`` with the placeholders of function values (and bound indices) replaced by those values."""
    import sympy

    values = {sympy.Symbol(ph): v for ph, v in state.values.items()}
    for _ in range(len(values) + 1):
        new = expr.xreplace(values)
        if new == expr:
            break
        expr = new
    return expr


def _big_operator(toks, i: int, state: _Parsed):
    """``\\sum``/``\\prod``/``\\max``/``\\min`` with a subscript (and superscript) and its body."""
    import sympy

    from . import quote_ops

    kind, text = toks[i]
    op = text if kind == "bigop" else FUNCS[text].lower()
    if i + 1 >= len(toks) or toks[i + 1] != ("char", "_"):
        raise QuoteError(f"\\{text} needs a subscript such as i=1 or i \\in [n]")
    try:
        lower, j = quote_ops.group(toks, i + 2)
        upper = None
        if j < len(toks) and toks[j] == ("char", "^"):
            upper, j = quote_ops.group(toks, j + 1)
        key, rng = quote_ops.index_range(lower, upper, lambda t: _parse_tokens(t, state))
        if j < len(toks) and toks[j] == ("char", "("):
            args, k = _func_args(toks, j)
            inner = [t for a in args[:1] for t in a]
            if len(args) != 1:
                raise QuoteError(f"\\{text} over an index takes one argument")
        else:
            inner, k = quote_ops.body(toks, j)
        var = sympy.Symbol(f"{key}_bound{len(getattr(state, 'bound', {}))}", integer=True)
        saved = dict(getattr(state, "bound", {}))
        state.bound = dict(saved, **{key: var})
        try:
            value = _resolve_values(_parse_tokens(inner, state), state)
        finally:
            state.bound = saved
        return quote_ops.apply(op, var, value, rng), k
    except quote_ops.NotationError as exc:
        raise QuoteError(f"\\{text}: {exc}") from None


def _norm(toks, i: int, state: _Parsed):
    """``\\| x \\|`` with an optional subscript: ``norm_SUB(x)``."""
    import sympy

    from . import quote_ops

    depth, j = 0, i + 1
    while j < len(toks):
        t = toks[j]
        depth += (t[0] == "char" and t[1] in quote_ops.OPEN) - (t[0] == "char" and t[1] in quote_ops.CLOSE)
        if t == ("char", "‖") and depth == 0:
            break
        j += 1
    else:
        raise QuoteError("a norm without its closing bars")
    inner = _parse_tokens(toks[i + 1:j], state)
    j += 1
    sub = ""
    if j < len(toks) and toks[j] == ("char", "_"):
        sub_toks, j = quote_ops.group(toks, j + 1)
        sub = "".join(t[1].lstrip("\\") for t in sub_toks)
    return sympy.Function("norm_" + sub if sub else "norm")(inner), j


def _func_args(toks, i: int) -> tuple[list[list[tuple[str, str]]], int]:
    """A function's arguments: a parenthesised, comma-separated list, or the next single atom."""
    if i < len(toks) and toks[i] == ("char", "("):
        depth, args, cur = 0, [], []
        while i < len(toks):
            t = toks[i]
            i += 1
            if t == ("char", "("):
                depth += 1
                if depth == 1:
                    continue
            elif t == ("char", ")"):
                depth -= 1
                if depth == 0:
                    args.append(cur)
                    return args, i
            elif t == ("char", ",") and depth == 1:
                args.append(cur)
                cur = []
                continue
            cur.append(t)
        raise QuoteError("unbalanced parentheses in a function argument")
    if i < len(toks) and toks[i][0] in ("ident", "num", "func"):
        if toks[i][0] == "func":
            inner, j = _func_args(toks, i + 1)
            return [[toks[i]] + _rewrap(inner)], j
        return [[toks[i]]], i + 1
    raise QuoteError("a function without its argument")


def _rewrap(args):
    out = [("char", "(")]
    for k, a in enumerate(args):
        if k:
            out.append(("char", ","))
        out += a
    return out + [("char", ")")]


def _join(toks: list[tuple[str, str]]) -> str:
    """Tokens back to LaTeX with juxtaposition made an explicit ``\\cdot``."""
    parts: list[str] = []
    prev_end = False
    bars = 0
    for k, (kind, text) in enumerate(toks):
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        if text == "|":
            opening = not (prev_end and bars % 2 == 1)
            starts, ends = opening, not opening
            bars += 1
        else:
            starts = kind in ("ident", "num") or text in _STARTS
            ends = kind in ("ident", "num") or text in _ENDS or (text == "}" and not (nxt and nxt[1] == "{"))
        if prev_end and starts:
            parts.append(r"\cdot")
        parts.append(text)
        prev_end = ends
    return " ".join(parts)


# ---------------------------------------------------------------- comparison with the declaration


@dataclass
class Outcome:
    """A quote compared with its declared formula: status is match, mismatch, undecided or verbatim-only."""

    status: str
    detail: str
    evidence: dict[str, Any] = field(default_factory=dict)


_REL = {"Equality": "==", "GreaterThan": ">=", "StrictGreaterThan": ">", "LessThan": "<=",
        "StrictLessThan": "<"}
_FLIP = {"==": "==", ">=": "<=", ">": "<", "<=": ">=", "<": ">"}


def _sym_table(result) -> dict[str, Any]:
    table = dict(result.sympy_symbols())
    table.update(result.symbolic())
    return table


def quoted_expr(quote: Quote, result):
    """The quote as sympy in the declaration's parameters (constants substituted): an expression or
    (lhs, rel, rhs)."""
    import sympy

    from .formula import Formula

    from .quote_ops import finish

    expr, keys = parse(quote.parsed_text)
    table = _sym_table(result)
    given = {variant(canonical(k)): v for k, v in quote.symbols.items()}
    named = declared_latex(result)
    subs = {}
    for key in keys:
        if variant(key) in given:
            subs[sympy.Symbol(key)] = Formula(given[variant(key)]).sympy(table)
        elif key.lstrip("\\") in table:
            subs[sympy.Symbol(key)] = table[key.lstrip("\\")]
        elif variant(key) in named:
            subs[sympy.Symbol(key)] = table[named[variant(key)]]
        elif key == r"\pi":
            subs[sympy.Symbol(key)] = sympy.pi
        elif key == "e":
            subs[sympy.Symbol(key)] = sympy.E
        else:
            raise QuoteError(f"symbol {key} of the quote is not mapped to the declaration")
    rel = _REL.get(type(expr).__name__)
    if rel is not None:  # substitute each side: Eq(x, x) must not collapse to True
        return (finish(expr.lhs.xreplace(subs)), rel, finish(expr.rhs.xreplace(subs)))
    return finish(expr.xreplace(subs))


def variant(key: str) -> str:
    """A symbol key with letter variants identified (``\\varepsilon_0`` is ``\\epsilon_0``)."""
    for v, base in VARIANTS.items():
        if key == v or key.startswith(v + "_") or key.startswith(v + "'"):
            return base + key[len(v):]
    return key


SHORT_NAMES = {r"\epsilon": ("eps", "epsilon"), r"\delta": ("delta",), r"\lambda": ("lam", "lambda_"),
               r"\theta": ("theta",)}
"""Declared names a bare Greek letter stands for when no parameter declares its LaTeX."""


def declared_latex(result) -> dict[str, str]:
    """Symbol key -> declared name, from the LaTeX each parameter and constant declares (variants
    identified), then the usual short names (``\\epsilon`` is a parameter ``eps`` or ``epsilon``)."""
    out: dict[str, str] = {}
    for item in tuple(result.params) + tuple(result.constants):
        if item.latex:
            out.setdefault(variant(canonical(item.latex)), item.name)
    names = {p.name for p in result.params} | {c.name for c in result.constants}
    for key, shorts in SHORT_NAMES.items():
        hit = next((n for n in shorts if n in names), None)
        if hit is not None:
            out.setdefault(key, hit)
    return out


def declared_expr(quote: Quote, result):
    """The declared formula the quote names, as sympy: an expression or (lhs, rel, rhs)."""
    from .auditing.values import split_relation
    from .formula import Formula

    table = _sym_table(result)
    name = quote.declares
    for c in result.constants:
        if c.name == name:
            return table[name]
    for cl in result.claims:
        if cl.name == name:
            return (cl.lhs.sympy(table), cl.rel, cl.rhs.sympy(table))
    if any(op in name for op in ("<", ">", "==")):
        a, rel, b = split_relation(name)
        return (a.sympy(table), rel, b.sympy(table))
    return Formula(name).sympy(table)


def compare(quote: Quote, result, points: list[tuple[str, dict[str, str]]] = (), digits: int = 15) -> Outcome:
    """Quoted = declared? symbolically, then at certified points (undecided stays undecided)."""
    if quote.declares is None and quote.role == "hypothesis":   # compared with the declared hypotheses by meaning
        from .hypquotes import compare_hypothesis

        return compare_hypothesis(quote, result)
    if quote.declares is None or quote.role == "citation":
        return Outcome("verbatim-only", "no declared formula to compare (checked against the text only)")
    if quote.declares.startswith(DOMAIN_PREFIX):
        return _compare_domain(quote, result)
    try:
        q = quoted_expr(quote, result)
        d = declared_expr(quote, result)
    except (QuoteError, ValueError, TypeError, KeyError) as exc:
        return Outcome("undecided", f"cannot compare: {exc}")
    pairs = _pairs(q, d, quote.declares in {c.name for c in result.constants})
    if isinstance(pairs, str):
        return Outcome("mismatch", pairs, {"quoted": _show(q), "declared": _show(d)})
    ev: dict[str, Any] = {"quoted": _show(q), "declared": _show(d)}
    pending = [(a, b) for a, b in pairs if not _same(a, b)]
    if not pending:
        return Outcome("match", "quoted = declared (symbolically)", dict(ev, method="symbolic"))
    rows, bad, undecided = _at_points(result, pending, points, digits)
    ev.update(method="points", points=rows)
    if bad is not None:
        return Outcome("mismatch", f"quoted != declared at {bad['point']} {bad['params']}: "
                                   f"{bad['quoted']} vs {bad['declared']}", ev)
    if not rows:
        return Outcome("undecided", "symbolic identity not established and no evaluation point", ev)
    n = len(rows) - len(undecided)
    return Outcome("undecided", f"symbolic identity not established; equal at {n} of {len(rows)} certified "
                                "points, which is not a proof", ev)


def _compare_domain(quote: Quote, result) -> Outcome:
    """A printed parameter hypothesis against the Param's declared domain (exact sets)."""
    name = quote.declares[len(DOMAIN_PREFIX):].strip()
    param = next((p for p in result.params if p.name == name), None)
    if param is None:
        return Outcome("undecided", f"cannot compare: {name!r} is not a parameter of {result.id}")
    try:
        printed = quoted_interval(quote.parsed_text, symbol_keys(quote, param))
    except _dom.DomainError as exc:
        return Outcome("undecided", f"cannot compare: {exc}")
    same, how = _dom.compare_domain(param.domain, printed)
    ev = {"quoted": printed.show(), "declared": _dom.name(param.domain), "method": "exact sets"}
    return Outcome("match" if same else "mismatch", how, ev)


def _show(x) -> str:
    return f"{x[0]} {x[1]} {x[2]}" if isinstance(x, tuple) else str(x)


def _pairs(q, d, is_constant: bool):
    """Expression pairs to compare, or a string saying why the shapes differ."""
    rel_q = q[1] if isinstance(q, tuple) else None
    if isinstance(d, tuple):
        if rel_q is None:
            return "the quote is not a relation but the declaration is one"
        a, rel, b = d
        qa, _, qb = q
        if rel_q == rel:
            return [(qa, a), (qb, b)]
        if _FLIP[rel_q] == rel:
            return [(qb, a), (qa, b)]
        return f"relation {rel_q} in the quote, {rel} in the declaration"
    if rel_q == "==" and is_constant:
        return [(q[2], d)]
    if rel_q is not None:
        return "the quote is a relation but the declaration is an expression"
    return [(q, d)]


def _same(a, b) -> bool:
    import sympy

    from . import symcache

    if a == b:
        return True
    diff = a - b
    try:
        if sympy.expand(diff) == 0:
            return True
        cheap = sympy.powsimp(sympy.expand_log(sympy.expand_power_base(diff, force=True), force=True), force=True)
        if sympy.expand(cheap) == 0:
            return True
        if sympy.count_ops(diff) <= 120 and symcache.simplify(diff) == 0:
            return True
        if b != 0 and sympy.count_ops(diff) <= 120 and symcache.simplify(a / b) == 1:
            return True
    except (TypeError, ValueError, RecursionError, AttributeError):
        return False
    return False


_RENAME = [(r"\bceiling\(", "ceil("), (r"\bAbs\(", "abs("), (r"\bMin\(", "min("), (r"\bMax\(", "max(")]


def as_formula(expr):
    """A sympy expression as a safe :class:`~boundcalc.formula.Formula` (for certified evaluation)."""
    from .formula import Formula

    text = str(expr)
    for pat, rep in _RENAME:
        text = re.sub(pat, rep, text)
    return Formula(text)


def _at_points(result, pairs, points, digits):
    from .auditing.values import EVAL_ERRORS, decide, evaluate_at, show

    rows, bad, undecided = [], None, []
    try:
        forms = [(as_formula(a), as_formula(b)) for a, b in pairs]
    except ValueError as exc:
        return [{"point": "-", "params": {}, "error": f"not evaluable: {exc}"}], None, [None]
    for label, values in points:
        row: dict[str, Any] = {"point": label, "params": values}
        ok: bool | None = True
        try:
            for fa, fb in forms:
                x, y = evaluate_at(result, values, fa, fb)
                got = decide(x, "==", y)
                if got is not True:
                    row.update(quoted=show(x, digits), declared=show(y, digits))
                    ok = got if ok is True or got is False else ok
                    if got is False:
                        break
        except EVAL_ERRORS as exc:
            ok, row["error"] = None, f"{type(exc).__name__}: {exc}"
        row["equal"] = ok
        rows.append(row)
        if ok is False and bad is None:
            bad = row
        elif ok is None:
            undecided.append(row)
    return rows, bad, undecided


# ---------------------------------------------------------------- printed parameter sets
# Read here, beside the grammar they use: boundcalc.domains holds the exact sets and imports nothing
# of this module.


def _bound(text: str) -> Fraction | None:
    """An exact number or +-infinity (returned as None with the sign checked by the caller)."""
    t = text.strip()
    if t in (r"\infty", r"+\infty", r"-\infty"):
        return None
    try:
        expr, keys = parse(t)
    except QuoteError as exc:
        raise _dom.DomainError(f"cannot read bound {t!r}: {exc}") from None
    if keys or not expr.is_Rational:
        raise _dom.DomainError(f"bound {t!r} is not an exact number")
    return Fraction(int(expr.p), int(expr.q))


def _is_symbol(text: str, keys: set[str]) -> bool:
    return canonical(text.strip()) in keys


def quoted_interval(latex: str, symbol_keys: set[str]) -> _dom.Interval:
    """The set a printed hypothesis ``x REL c``, ``a REL x REL b`` or ``x \\in S`` gives its symbol.

    ``symbol_keys``: the canonical LaTeX forms that stand for the parameter."""
    s = normalize(latex).strip().rstrip(".,;")
    member = re.search(r"\\in(?![A-Za-z])", s)
    if member:
        left, right = s[:member.start()].strip(), s[member.end():].strip()
        if not _is_symbol(left, symbol_keys):
            raise _dom.DomainError(f"{left!r} is not the parameter")
        compact = re.sub(r"\s+", "", right)
        if compact.startswith("\\{") and compact.endswith("\\}"):
            return _braced_set(right.strip()[2:-2])
        for name, iv in _dom._SETS.items():
            if compact == re.sub(r"\s+", "", name):
                return iv
        m = re.fullmatch(r"([(\[])(.+),(.+)([)\]])", compact)
        if not m:
            raise _dom.DomainError(f"cannot read the set {right!r}")
        lo, hi = _bound(m.group(2)), _bound(m.group(3))
        return _dom.Interval(lo, m.group(1) == "[" and lo is not None, hi, m.group(4) == "]" and hi is not None)
    pieces = _dom._REL.split(s)
    rels = _dom._REL.findall(s)
    if len(pieces) not in (2, 3):
        raise _dom.DomainError(f"expected 'x REL c' or 'a REL x REL b', got {latex!r}")
    where = [k for k, p in enumerate(pieces) if _is_symbol(p, symbol_keys)]
    if len(where) != 1:
        raise _dom.DomainError(f"the parameter does not appear exactly once as a side of {latex!r}")
    lo: Fraction | None = None
    hi: Fraction | None = None
    lo_c = hi_c = False
    k = where[0]
    for j, rel in enumerate(rels):
        other = j if k == j + 1 else j + 1
        if k not in (j, j + 1):
            raise _dom.DomainError(f"a relation of {latex!r} does not involve the parameter")
        less, closed = _dom._LESS[rel]
        bound = _bound(pieces[other])
        # k on the right of "c < x" (less, other left) or on the left of "x > c": a lower bound
        lower = (less and other < k) or (not less and other > k)
        if bound is None:
            if ("-" in pieces[other]) != lower:
                raise _dom.DomainError(f"an infinite bound on the wrong side in {latex!r}")
            continue
        if lower:
            if lo is not None:
                raise _dom.DomainError(f"two lower bounds in {latex!r}")
            lo, lo_c = bound, closed
        else:
            if hi is not None:
                raise _dom.DomainError(f"two upper bounds in {latex!r}")
            hi, hi_c = bound, closed
    return _dom.Interval(lo, lo_c, hi, hi_c)


def _braced_set(inner: str) -> _dom.Interval:
    """``{ t \\in S : conditions on t }`` (set-builder; ``\\mid`` or ``|`` also separate; conditions
    joined by commas, ``\\land`` or ``\\text{and}``), or a list ``{1, 2, 3}`` of consecutive integers."""
    parts = re.split(r"\\mid(?![A-Za-z])|:|\|", inner, maxsplit=1)
    if len(parts) == 1:
        vals = [_bound(v) for v in inner.split(",")]
        if any(v is None or v.denominator != 1 for v in vals):
            raise _dom.DomainError(f"the set {{{inner}}} is not a set of integers")
        vals.sort()
        if vals != [vals[0] + k for k in range(len(vals))]:
            raise _dom.DomainError(f"the set {{{inner}}} is not a range of consecutive integers")
        return _dom.Interval(vals[0], True, vals[-1], True, True)
    head, cond = parts[0].strip(), parts[1].strip()
    member = re.search(r"\\in(?![A-Za-z])", head)
    var = (head[:member.start()] if member else head).strip()
    keys = {canonical(var)}
    out = quoted_interval(head, keys) if member else _dom.Interval(None, False, None, False)
    for c in re.split(r",|\\text\{\s*and\s*\}|\\land(?![A-Za-z])|\\wedge(?![A-Za-z])", cond):
        if c.strip():
            out = out.meet(quoted_interval(c, keys))
    return out


def symbol_keys(quote, param) -> set[str]:
    """The LaTeX forms that stand for ``param`` in ``quote``: its mapped symbols, its name, its latex."""
    keys = {canonical(k) for k, v in quote.symbols.items() if v.strip() == param.name}
    keys |= {param.name, "\\" + param.name}
    if param.latex:
        keys.add(canonical(param.latex))
    keys |= {v for v, base in VARIANTS.items() if base in keys} | {variant(k) for k in keys}
    return keys
