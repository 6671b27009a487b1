"""sympy expressions to JSON and back, for caches: an allow-list of classes, no eval, no pickle.

:func:`dump` writes a tree ``[class name, args...]`` (symbols by name, numbers exactly) and returns
None for anything outside the allow-list, or when rebuilding the tree would not give back the
very same expression (so a cached parse is always identical to a fresh one). :func:`load` rebuilds
only allow-listed classes, unevaluated, and raises ValueError on anything else.
"""
from __future__ import annotations

from typing import Any

# sympy classes rebuilt from their args (looked up on the sympy module by name)
_CLASSES = frozenset({
    "Add", "Mul", "Pow", "exp", "log", "Max", "Min", "Abs", "floor", "ceiling", "factorial", "binomial",
    "sin", "cos", "tan", "sqrt", "Equality", "Unequality", "LessThan", "StrictLessThan", "GreaterThan",
    "StrictGreaterThan", "Tuple", "Sum", "Product", "Integral", "Limit", "Derivative", "sign",
    "gamma", "Piecewise", "ExprCondPair", "And", "Or", "Not", "Interval", "UnevaluatedExpr",
})
_ASSUMPTIONS = frozenset({
    "real", "positive", "negative", "nonnegative", "nonpositive", "integer", "rational", "finite", "zero",
    "nonzero", "extended_real", "extended_positive", "extended_negative", "extended_nonnegative",
    "extended_nonpositive", "odd", "even", "prime", "composite", "complex", "commutative", "infinite"})
_ATOMS = {"Zero": 0, "One": 1, "NegativeOne": -1, "Half": "1/2", "Infinity": "oo", "NegativeInfinity": "-oo",
          "Pi": "pi", "Exp1": "E", "ImaginaryUnit": "I", "BooleanTrue": "true", "BooleanFalse": "false",
          "NaN": "nan"}


def dump(expr: Any) -> Any | None:
    """A JSON tree for ``expr``, or None when it cannot be stored faithfully."""
    try:
        tree = _dump(expr)
    except _Unsupported:
        return None
    try:
        same = load(tree) == expr and _srepr(load(tree)) == _srepr(expr)
    except (ValueError, TypeError):
        return None
    return tree if same else None


class _Unsupported(Exception):
    pass


def _srepr(e) -> str:
    import sympy

    return sympy.srepr(e)


def _dump(e) -> Any:
    import sympy

    name = type(e).__name__
    if type(e) is sympy.Symbol:
        given = {k: v for k, v in e._assumptions_orig.items() if isinstance(v, bool)}
        return ["Symbol", e.name, given] if given else ["Symbol", e.name]
    if isinstance(e, sympy.Integer):
        return ["Integer", str(int(e))]
    if isinstance(e, sympy.Rational):
        return ["Rational", str(e.p), str(e.q)]
    if name in _ATOMS:
        return [name]
    if isinstance(e, sympy.core.function.AppliedUndef):
        return ["Undef", name, *[_dump(a) for a in e.args]]
    if name in _CLASSES:
        return [name, *[_dump(a) for a in e.args]]
    raise _Unsupported(name)


def load(tree: Any):
    """Rebuild a tree written by :func:`dump` (ValueError on anything not on the allow-list)."""
    import sympy

    if not isinstance(tree, list) or not tree or not isinstance(tree[0], str):
        raise ValueError("not an expression tree")
    head, args = tree[0], tree[1:]
    if head == "Symbol" and len(args) == 1 and isinstance(args[0], str):
        return sympy.Symbol(args[0])
    if head == "Symbol" and len(args) == 2 and isinstance(args[0], str) and isinstance(args[1], dict):
        given = args[1]
        if not all(k in _ASSUMPTIONS and isinstance(v, bool) for k, v in given.items()):
            raise ValueError("unknown symbol assumption")
        return sympy.Symbol(args[0], **given)
    if head == "Integer" and len(args) == 1:
        return sympy.Integer(int(args[0]))
    if head == "Rational" and len(args) == 2:
        return sympy.Rational(int(args[0]), int(args[1]))
    if head in _ATOMS and not args:
        return getattr(sympy.S, head)
    if head == "Undef" and args and isinstance(args[0], str) and args[0].isidentifier():
        return sympy.Function(args[0])(*[load(a) for a in args[1:]])
    if head in _CLASSES:
        cls = getattr(sympy, head, None) or getattr(sympy.core.relational, head, None)
        if cls is None:
            raise ValueError(f"unknown class {head}")
        built = [load(a) for a in args]
        try:
            return cls(*built, evaluate=False)
        except TypeError:
            return cls(*built)
    raise ValueError(f"class {head!r} is not on the allow-list")
