"""Quote notation beyond plain formulas: big operators with limits and norms (used by :mod:`boundcalc.quotes`).

* ``\\sum`` and ``\\prod`` with a subscript ``i=a`` and superscript ``b``, or a subscript ``i \\in [n]``,
  ``a \\leq i \\leq b`` (``<`` moves the end by one), ``i \\in \\{v_1, ..., v_k\\}``; the body is the next
  term (up to a ``+``, ``-``, relation or comma outside brackets). A subscripted symbol whose subscript
  is the index (``x_i``) is an entry of a vector ``x``. Sums and products are evaluated in closed form
  when sympy can (``.doit()``).
* ``\\max``/``\\min`` with such a subscript: over a finite range they are the Max/Min of the terms;
  otherwise an unevaluated ``max_over``/``min_over`` that compares only with itself (undecided).
* ``\\log_b x`` is ``\\log x / \\log b``.
* norms ``\\|x\\|``, ``\\lVert x \\rVert`` with an optional subscript (``_2``, ``_p``, ``_\\infty``, ``_F``):
  a function ``norm_SUB`` of the argument; of a scalar (no vector entry inside) every such norm is |x|.
"""
from __future__ import annotations

from typing import Any, Callable

Tok = tuple[str, str]
RELS = {"<": "<", ">": ">", r"\leq": "<=", r"\le": "<=", r"\geq": ">=", r"\ge": ">=", r"\lt": "<", r"\gt": ">"}
_STOP = {("char", "+"), ("char", "-"), ("char", ","), ("char", "="), ("cmd", r"\neq")} | \
    {("char", r) for r in "<>"} | {("cmd", r) for r in RELS if r.startswith("\\")}
OPEN, CLOSE = {"(", "{", "["}, {")", "}", "]"}


class NotationError(ValueError):
    """Raised for notation that cannot be read (the caller turns it into a QuoteError)."""


def group(toks: list[Tok], i: int) -> tuple[list[Tok], int]:
    """The tokens of one argument at toks[i]: a braced group's inside, or one token."""
    if i >= len(toks):
        raise NotationError("a sub- or superscript without its argument")
    if toks[i] != ("char", "{"):
        return [toks[i]], i + 1
    depth, j = 0, i
    while j < len(toks):
        depth += (toks[j] == ("char", "{")) - (toks[j] == ("char", "}"))
        if depth == 0:
            return toks[i + 1:j], j + 1
        j += 1
    raise NotationError("unbalanced braces")


def body(toks: list[Tok], i: int) -> tuple[list[Tok], int]:
    """A big operator's body: the next term, up to +, -, a relation or a comma outside brackets."""
    depth, j = 0, i
    while j < len(toks):
        t = toks[j]
        if t[0] == "char" and t[1] in OPEN:
            depth += 1
        elif t[0] == "char" and t[1] in CLOSE:
            if depth == 0:
                break
            depth -= 1
        elif depth == 0 and t in _STOP and j > i:
            break
        j += 1
    if j == i:
        raise NotationError("a big operator without its body")
    return toks[i:j], j


def index_range(lower: list[Tok], upper: list[Tok] | None, parse: Callable[[list[Tok]], Any]):
    """(index key, ("range", lo, hi) | ("set", values) | None) from a big operator's sub/superscript."""
    if len(lower) >= 3 and lower[0][0] == "ident" and lower[1] == ("char", "="):
        if upper is None:
            raise NotationError("a lower limit i=a without an upper limit")
        return lower[0][1], ("range", parse(lower[2:]), parse(upper))
    if len(lower) >= 3 and lower[0][0] == "ident" and lower[1] == ("cmd", r"\in"):
        rest = lower[2:]
        if rest[0] == ("char", "[") and rest[-1] == ("char", "]"):
            return lower[0][1], ("range", 1, parse(rest[1:-1]))
        if rest[0] == ("char", "(") and rest[-1] == ("char", ")"):       # \{ v1, ..., vk \}
            items, cur = [], []
            for t in rest[1:-1]:
                if t == ("char", ","):
                    items.append(cur)
                    cur = []
                else:
                    cur.append(t)
            items.append(cur)
            return lower[0][1], ("set", tuple(parse(x) for x in items))
        raise NotationError("cannot read the index set of a big operator")
    rels = [k for k, t in enumerate(lower) if t[0] in ("char", "cmd") and t[1] in RELS]
    if len(rels) == 2 and rels[1] - rels[0] == 2 and lower[rels[0] + 1][0] == "ident":
        a, b = rels
        if RELS[lower[a][1]][0] != "<" or RELS[lower[b][1]][0] != "<":
            raise NotationError("an index range must read a <= i <= b")
        lo, hi = parse(lower[:a]), parse(lower[b + 1:])
        lo = lo + 1 if RELS[lower[a][1]] == "<" else lo
        hi = hi - 1 if RELS[lower[b][1]] == "<" else hi
        return lower[a + 1][1], ("range", lo, hi)
    if len(lower) == 1 and lower[0][0] == "ident":
        return lower[0][1], None
    if any(t in (("char", ":"), ("cmd", r"\mid")) for t in lower):
        raise NotationError("a condition in a big operator's subscript is not read")
    raise NotationError("cannot read a big operator's subscript")


def apply(op: str, var, body_expr, rng):
    """Sum / Product / Max / Min of ``body_expr`` over the index ``var`` in ``rng``."""
    import sympy

    if rng is not None and rng[0] == "range" and op in ("sum", "prod"):
        cls = sympy.Sum if op == "sum" else sympy.Product
        return cls(body_expr, (var, rng[1], rng[2]))
    values = None
    if rng is not None and rng[0] == "range":
        lo, hi = sympy.sympify(rng[1]), sympy.sympify(rng[2])
        if lo.is_Integer and hi.is_Integer and hi - lo <= 1000:
            values = list(range(int(lo), int(hi) + 1))
    elif rng is not None:
        values = list(rng[1])
    if values is not None:
        terms = [body_expr.xreplace({var: v}) for v in values]
        if not terms:
            raise NotationError("an empty index range")
        return {"sum": sympy.Add, "prod": sympy.Mul, "max": sympy.Max, "min": sympy.Min}[op](*terms)
    fn = sympy.Function(f"{op}_over")
    lam = sympy.Lambda(var, body_expr)
    return fn(lam) if rng is None else fn(lam, *rng[1:])


def finish(expr):
    """Evaluate sums and products in closed form, and norms of scalars as absolute values."""
    import sympy

    def is_norm(e) -> bool:
        return isinstance(e, sympy.core.function.AppliedUndef) and e.func.__name__.startswith("norm")

    expr = expr.replace(is_norm, lambda e: sympy.Abs(e.args[0]) if not e.args[0].atoms(sympy.Indexed) else e)
    if expr.atoms(sympy.Sum, sympy.Product):
        try:
            expr = expr.doit()
            if expr.has(sympy.factorial, sympy.RisingFactorial, sympy.FallingFactorial, sympy.gamma):
                expr = sympy.gammasimp(expr)      # products of ratios: factorials cancel
        except (TypeError, ValueError, NotImplementedError, RecursionError):
            pass
    return expr
