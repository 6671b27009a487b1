"""sympy's slow, deterministic computations (simplify, limit) done once per expression.

The same expressions come back on every audit (a declaration's formulas, a proof record's goals), and
``sympy.simplify`` / ``sympy.limit`` cost up to seconds each. :func:`simplify` and :func:`limit` remember
their result in memory and on disk (:mod:`boundcalc.cache`, namespace ``sympy``), keyed by the exact
``srepr`` of the input and sympy's version. A result is stored only when it rebuilds identically through
the allow-listed trees of :mod:`boundcalc.exprjson`; anything else is recomputed every time. An error
raised by sympy (a time limit, say) is never stored.
"""
from __future__ import annotations

from typing import Any

_MEMO: dict[str, Any] = {}


def _key(kind: str, *args: Any) -> str:
    import sympy

    return f"sympy {sympy.__version__}\n{kind}\n" + "\n".join(sympy.srepr(a) if isinstance(a, sympy.Basic)
                                                              else repr(a) for a in args)


_KEYS: dict = {}
KEYS_MAX = 4096
"""Keys :func:`_key_of` remembers for the very same argument objects (all dropped when full)."""


def _key_of(kind: str, args: tuple) -> str:
    """``_key(kind, *args)``, remembered for the very same argument objects when they are immutable (sympy
    expressions, strings, ints; kept alive with the key): their ``srepr`` cannot change."""
    import sympy

    ident = (kind,) + tuple(map(id, args))
    got = _KEYS.get(ident)
    if got is not None and all(x is y for x, y in zip(got[0], args)):
        return got[1]
    key = _key(kind, *args)
    if all(isinstance(a, (sympy.Basic, str, int)) for a in args):
        if len(_KEYS) >= KEYS_MAX:
            _KEYS.clear()
        _KEYS[ident] = (args, key)
    return key


def _remembered(kind: str, args: tuple, compute):
    from . import cache, exprjson

    key = _key_of(kind, args)
    if key in _MEMO:
        return _MEMO[key]
    stored = cache.get("sympy", key)
    if isinstance(stored, dict) and "tree" in stored:
        try:
            value = exprjson.load(stored["tree"])
            _MEMO[key] = value
            return value
        except (ValueError, TypeError):
            pass          # unreadable: compute again and overwrite
    value = compute()
    _MEMO[key] = value
    tree = exprjson.dump(value)
    if tree is not None:
        cache.put("sympy", key, {"tree": tree})
    return value


def simplify(e):
    """``sympy.simplify(e)``, remembered."""
    import sympy

    if not isinstance(e, sympy.Basic):
        return sympy.simplify(e)
    return _remembered("simplify", (e,), lambda: sympy.simplify(e))


def limit(e, var, target, direction: str = "+"):
    """``sympy.limit(e, var, target, direction)``, remembered."""
    import sympy

    return _remembered("limit", (e, var, target, direction), lambda: sympy.limit(e, var, target, direction))
