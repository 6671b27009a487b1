"""Issue 23: statements.evaluate compiles a sympy expression once (per expression object) instead of
walking its tree at every point; the values, their exactness and the errors are the tree walk's."""
import random
from fractions import Fraction

import pytest
import sympy as sp

from boundcalc import statements as st
from boundcalc.numbers import Real

x, y, n = sp.symbols("x y n")


def _walk(expr, env):
    """The tree walk evaluate did before it compiled (the reference)."""
    if isinstance(expr, (int, Fraction)):
        return Real(expr)
    if expr.is_Symbol:
        return st._get(env, expr.name)
    if expr.is_Integer:
        return Real(int(expr))
    if expr.is_Rational:
        return Real(Fraction(int(expr.p), int(expr.q)))
    if expr is sp.pi:
        return Real.pi()
    if expr is sp.E:
        return Real(1).exp()
    args = [_walk(a, env) for a in expr.args]
    if isinstance(expr, sp.Add):
        out = args[0]
        for a in args[1:]:
            out = out + a
        return out
    if isinstance(expr, sp.Mul):
        out = args[0]
        for a in args[1:]:
            out = out * a
        return out
    if isinstance(expr, sp.Pow):
        return args[0] ** args[1]
    unary = {sp.exp: Real.exp, sp.log: Real.log, sp.Abs: abs, sp.floor: Real.floor, sp.ceiling: Real.ceil}
    for f, g in unary.items():
        if isinstance(expr, f) and len(args) == 1:
            return g(args[0])
    if isinstance(expr, (sp.Max, sp.Min)):
        best = args[0]
        for a in args[1:]:
            bigger = a.gt(best)
            if bigger is None:
                raise ArithmeticError(f"cannot order {expr}")
            if bigger == isinstance(expr, sp.Max):
                best = a
        return best
    raise TypeError(f"cannot evaluate {type(expr).__name__} in a formal statement: {expr}")


def _outcome(fn, expr, env):
    try:
        v = fn(expr, env)
    except Exception as exc:  # the same error, with the same message
        return ("error", type(exc).__name__, str(exc))
    a = v.arb(64)
    return ("value", v.is_exact, v.is_rational and v.as_fraction(), str(a.mid()), str(a.rad()), v.sign())


def _expr(rng: random.Random, depth: int):
    if depth == 0:
        return rng.choice([x, y, n, sp.Integer(rng.randint(-5, 9)), sp.Rational(rng.randint(1, 9), rng.randint(2, 7)),
                           sp.pi, sp.E])
    a, b = _expr(rng, depth - 1), _expr(rng, depth - 1)
    op = rng.randrange(11)
    return [lambda: a + b, lambda: a * b, lambda: a - b, lambda: a / b, lambda: a ** sp.Rational(1, 2),
            lambda: sp.exp(a / 7), lambda: sp.log(a), lambda: sp.Abs(a), lambda: sp.floor(a),
            lambda: sp.Max(a, b), lambda: sp.Min(a, b, 1)][op]()


def _envs():
    return [{"x": Real(Fraction(3, 7)), "y": Real(-2), "n": Real(5)},
            {"x": Real(2).log(), "y": Real(Fraction(1, 3)).exp(), "n": Real(1)},
            {"x": Real(0), "y": Real(2), "n": Real(2)},
            {"x": Real(1)}]          # y and n missing: KeyError as the walk raises it


@pytest.mark.parametrize("seed", range(4))
def test_compiled_is_the_tree_walk(seed):
    rng = random.Random(seed)
    exprs = []
    while len(exprs) < 80:
        try:
            exprs.append(_expr(rng, rng.randint(0, 3)))
        except (ValueError, TypeError):      # sympy refuses to build it (Max of zoo, say)
            pass
    exprs += [sp.sin(x), x + sp.Float(0.5), sp.Max(x, sp.pi / 10 + x - sp.pi / 10 + 0 * y), 3, Fraction(2, 3),
              sp.Integer(4) * sp.pi]
    for e in exprs:
        for env in _envs():
            for _ in range(2):                         # compiled on the first call, remembered on the second
                assert _outcome(st.evaluate, e, env) == _outcome(_walk, e, env), e


def test_remembered_per_object_and_bounded(monkeypatch):
    monkeypatch.setattr(st, "COMPILED_MAX", 3)
    st._COMPILED.clear()
    es = [x + k for k in range(5)]
    for e in es:
        st.evaluate(e, {"x": Real(1)})
    assert len(st._COMPILED) <= 3
    e = es[-1]
    assert st._COMPILED[id(e)][0] is e
    twin = sp.Add(x, 4, evaluate=False)        # an equal expression: compiled for itself, the same value
    assert st.evaluate(twin, {"x": Real(1)}).as_fraction() == 5


def test_a_constant_is_a_fresh_real_at_every_evaluation():
    e = sp.pi + x
    a = st.evaluate(e, {"x": Real(1)})
    b = st.evaluate(e, {"x": Real(1)})
    assert a is not b and a._terms[0] is not b._terms[0]
