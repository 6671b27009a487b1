"""Formulas: a small, safe expression language for the paper's constants.

Declarations write constants as text such as ``"(2*C*(d*L)**(1/alpha)/eps)**(d*L)"``. The text is
parsed once with :mod:`ast` into a whitelisted tree (numbers must be integers: write 1/10, not
0.1), evaluated exactly with :class:`boundcalc.numbers.Real`, and converted to sympy only when a
symbolic form or LaTeX is asked for (sympy is slow to import; evaluation never needs it).
"""
from __future__ import annotations

import ast
import math
from typing import Mapping

from .errors import PrecisionError
from .numbers import EXACT_BITS_LIMIT, Real

FUNCTIONS = ("exp", "log", "log2", "log10", "sqrt", "ceil", "floor", "binomial", "min", "max", "abs")
CONSTANTS = ("pi", "E")
_BINOPS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.Pow: "**"}


class FormulaError(ValueError):
    """A declaration's formula is malformed (a bug in proofs/, not user input)."""


class Formula:
    """A parsed formula with its free symbols; evaluate with :meth:`evaluate`."""

    __slots__ = ("text", "_tree", "symbols", "_as_sympy")

    def __init__(self, text: str):
        self.text = text.strip()
        try:
            tree = ast.parse(self.text, mode="eval").body
        except SyntaxError as exc:
            raise FormulaError(f"cannot parse formula {text!r}: {exc.msg}") from None
        self.symbols: frozenset[str] = frozenset(_check(tree, self.text))
        self._tree = tree
        self._as_sympy: dict = {}

    def __repr__(self) -> str:
        return f"Formula({self.text!r})"

    def evaluate(self, env: Mapping[str, Real]) -> Real:
        """Exact/certified value with the symbols bound in ``env``."""
        missing = self.symbols - set(env)
        if missing:
            raise FormulaError(f"unbound symbols {sorted(missing)} in {self.text!r}")
        return _eval(self._tree, env)

    def sympy(self, symbols: Mapping[str, object] | None = None):
        """The formula as a sympy expression (imports sympy)."""
        import sympy

        from sympy.core.parameters import global_parameters

        table = dict(symbols or {})
        for name in self.symbols:
            table.setdefault(name, sympy.Symbol(name, positive=True))
        # the conversion reads only the formula's own symbols (and sympy's evaluation switches): the same
        # ones give the same immutable expression, built once per formula
        key = (global_parameters.evaluate, global_parameters.distribute,
               tuple((name, table[name]) for name in sorted(self.symbols)))
        try:
            got = self._as_sympy.get(key)
        except TypeError:                      # an unhashable table entry: not remembered
            return _to_sympy(self._tree, table, sympy)
        if got is None:
            # the same text parses to the same tree: formulas built anew from one text share the expression
            shared = (self.text, key)
            got = _SYMPY.get(shared)
            if got is None:
                got = _to_sympy(self._tree, table, sympy)
                if len(_SYMPY) >= SYMPY_MAX:
                    _SYMPY.clear()
                _SYMPY[shared] = got
            self._as_sympy[key] = got
        return got

    def latex(self, symbols: Mapping[str, object] | None = None,
              names: Mapping[str, str] | None = None) -> str:
        import sympy

        table = dict(symbols or {})
        for name in self.symbols:
            table.setdefault(name, sympy.Symbol(name, positive=True))
        mapping = {table[k]: v for k, v in (names or {}).items() if k in table and isinstance(table[k], sympy.Symbol)}
        return sympy.latex(_to_sympy(self._tree, table, sympy), symbol_names=mapping)


SYMPY_MAX = 4096
"""(text, symbol table) pairs whose sympy expression :meth:`Formula.sympy` keeps across Formula objects."""
_SYMPY: dict = {}


def _check(node: ast.AST, text: str) -> set[str]:
    """Validate the tree against the whitelist; return its free symbols."""
    if isinstance(node, ast.Constant):
        if isinstance(node.value, bool) or not isinstance(node.value, int):
            raise FormulaError(f"only integer literals are allowed (write 1/10, not 0.1) in {text!r}")
        return set()
    if isinstance(node, ast.Name):
        return set() if node.id in CONSTANTS else {node.id}
    if isinstance(node, ast.BinOp) and type(node.op) in _BINOPS:
        return _check(node.left, text) | _check(node.right, text)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        return _check(node.operand, text)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in FUNCTIONS \
            and not node.keywords:
        out: set[str] = set()
        for arg in node.args:
            out |= _check(arg, text)
        return out
    raise FormulaError(f"unsupported construct {ast.dump(node)[:60]} in {text!r}")


def _eval(node: ast.AST, env: Mapping[str, Real]) -> Real:
    if isinstance(node, ast.Constant):
        return Real(node.value)
    if isinstance(node, ast.Name):
        if node.id == "pi":
            return Real.pi()
        if node.id == "E":
            return Real(1).exp()
        return env[node.id]
    if isinstance(node, ast.UnaryOp):
        v = _eval(node.operand, env)
        return -v if isinstance(node.op, ast.USub) else v
    if isinstance(node, ast.BinOp):
        a, b = _eval(node.left, env), _eval(node.right, env)
        op = _BINOPS[type(node.op)]
        if op == "+":
            return a + b
        if op == "-":
            return a - b
        if op == "*":
            return a * b
        if op == "/":
            return a / b
        return a ** b
    name = node.func.id
    args = [_eval(arg, env) for arg in node.args]
    if name in ("exp", "log", "log2", "log10", "sqrt", "ceil", "floor"):
        (x,) = args
        return getattr(x, name)()
    if name == "abs":
        return abs(args[0])
    if name == "binomial":
        return _binomial(*args)
    decided = [args[0]]
    for x in args[1:]:
        c = x.gt(decided[0]) if name == "max" else x.lt(decided[0])
        if c is None:
            raise PrecisionError(f"{name}() of values whose order is undecided")
        if c:
            decided[0] = x
    return decided[0]


def _binomial(n: Real, k: Real) -> Real:
    if not (n.is_integer and k.is_integer):
        raise PrecisionError("binomial() needs exact integer arguments")
    ni, ki = n.as_int(), k.as_int()
    if ki < 0 or ni < 0 or ki > ni:
        return Real(0)
    ki = min(ki, ni - ki)
    if ki * max(1, ni.bit_length()) > EXACT_BITS_LIMIT:
        # log-domain value via lgamma: log C(n,k) = lgamma(n+1) - lgamma(k+1) - lgamma(n-k+1)
        from flint import arb

        def lnfn(p):
            return (arb(ni + 1).lgamma() - arb(ki + 1).lgamma() - arb(ni - ki + 1).lgamma())

        return Real._lazy(lambda p: lnfn(p).exp(), lnfn, 1)
    return Real(math.comb(ni, ki))


def _to_sympy(node: ast.AST, table, sympy):
    if isinstance(node, ast.Constant):
        return sympy.Integer(node.value)
    if isinstance(node, ast.Name):
        if node.id == "pi":
            return sympy.pi
        if node.id == "E":
            return sympy.E
        return table[node.id]
    if isinstance(node, ast.UnaryOp):
        v = _to_sympy(node.operand, table, sympy)
        return -v if isinstance(node.op, ast.USub) else v
    if isinstance(node, ast.BinOp):
        a, b = _to_sympy(node.left, table, sympy), _to_sympy(node.right, table, sympy)
        op = _BINOPS[type(node.op)]
        if op == "/":
            return a / b if not (a.is_Integer and b.is_Integer) else sympy.Rational(a, b)
        return {"+": lambda: a + b, "-": lambda: a - b, "*": lambda: a * b,
                "**": lambda: a ** b}[op]()
    args = [_to_sympy(arg, table, sympy) for arg in node.args]
    fn = {"exp": sympy.exp, "log": sympy.log, "sqrt": sympy.sqrt, "ceil": sympy.ceiling,
          "floor": sympy.floor, "binomial": sympy.binomial, "min": sympy.Min, "max": sympy.Max,
          "abs": sympy.Abs, "log2": lambda x: sympy.log(x, 2),
          "log10": lambda x: sympy.log(x, 10)}[node.func.id]
    return fn(*args)

