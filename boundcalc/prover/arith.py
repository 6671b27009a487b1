"""Certified arithmetic of the prover: z3 entailment over the reals and arb enclosures of sympy terms.

The lowest layer of the prover: it imports nothing of the package, so the tactics and the sign rules
both build on it without importing each other."""
from __future__ import annotations

import sympy as sp
import z3
from flint import arb

Z3_TIMEOUT_MS = 5000


class NotEncodable(Exception):
    pass


# ---------------------------------------------------------------- z3 encoding
def _z3(e, env):
    if isinstance(e, sp.Symbol):
        return env[e]
    if e is sp.true:
        return z3.BoolVal(True)
    if e is sp.false:
        return z3.BoolVal(False)
    if isinstance(e, sp.Integer):
        return z3.RealVal(int(e))
    if isinstance(e, sp.Rational):
        return z3.RealVal(int(e.p)) / z3.RealVal(int(e.q))
    if isinstance(e, sp.Add):
        return z3.Sum([_z3(a, env) for a in e.args])
    if isinstance(e, sp.Mul):
        return z3.Product([_z3(a, env) for a in e.args])
    if isinstance(e, sp.Pow) and e.exp.is_Integer:
        b, k = _z3(e.base, env), int(e.exp)
        if k == 0:
            return z3.RealVal(1)
        r = b
        for _ in range(abs(k) - 1):
            r = r * b
        return r if k > 0 else 1 / r
    if isinstance(e, sp.Abs):
        a = _z3(e.args[0], env)
        return z3.If(a >= 0, a, -a)
    rel = {sp.StrictLessThan: lambda a, b: a < b, sp.LessThan: lambda a, b: a <= b,
           sp.StrictGreaterThan: lambda a, b: a > b, sp.GreaterThan: lambda a, b: a >= b,
           sp.Equality: lambda a, b: a == b, sp.Unequality: lambda a, b: a != b}
    for k, f in rel.items():
        if isinstance(e, k):
            return f(_z3(e.lhs, env), _z3(e.rhs, env))
    if isinstance(e, sp.And):
        return z3.And([_z3(a, env) for a in e.args])
    if isinstance(e, sp.Or):
        return z3.Or([_z3(a, env) for a in e.args])
    if isinstance(e, sp.Not):
        return z3.Not(_z3(e.args[0], env))
    if isinstance(e, sp.Implies):
        return z3.Implies(_z3(e.args[0], env), _z3(e.args[1], env))
    if isinstance(e, (sp.Function, sp.Pow)) or e in (sp.pi, sp.E) or isinstance(e, sp.NumberSymbol):
        # opaque atom: the same term always maps to the same real constant, nothing else is known about it
        key = ("atom", sp.srepr(e))
        if key not in env:
            env[key] = z3.Real(f"atom!{len([k for k in env if isinstance(k, tuple)])}:{e}")
        return env[key]
    raise NotEncodable(f"not encodable in z3 arithmetic: {e}")


def _symbols(formulas):
    s = set()
    for f in formulas:
        s |= f.free_symbols
    return sorted(s, key=str)


def z3_entails(premises, claim, variables, timeout_ms=Z3_TIMEOUT_MS):
    """True iff z3 returns unsat for premises & domains & not claim."""
    syms = _symbols(list(premises) + [claim])
    env = {}
    dom = []
    for x in syms:
        d = variables.get(x)
        if d is not None and d.integer:
            env[x] = z3.ToReal(z3.Int(str(x)))
        else:
            env[x] = z3.Real(str(x))
        if d is not None:
            dom += d.constraints(x)
    s = z3.Solver()
    s.set("timeout", timeout_ms)
    for f in list(premises) + dom:
        s.add(_z3(f, env))
    s.add(z3.Not(_z3(claim, env)))
    r = s.check()
    return r == z3.unsat, f"z3: {r}"


def _has_transcendental(fs):
    return any(f.has(sp.exp, sp.log, sp.sqrt, sp.sin, sp.cos, sp.pi, sp.E) or
               any(isinstance(a, sp.Pow) and not a.exp.is_Integer for a in sp.preorder_traversal(f)) for f in fs)


def _is_linear(fs):
    for f in fs:
        for a in sp.preorder_traversal(f):
            if isinstance(a, sp.Mul) and sum(1 for x in a.args if x.free_symbols) > 1:
                return False
            if isinstance(a, sp.Pow) and a.base.free_symbols:
                return False
    return True


def _arb(e, env):
    if isinstance(e, sp.Symbol):
        return env[e]
    if isinstance(e, sp.Integer):
        return arb(int(e))
    if isinstance(e, sp.Rational):
        return arb(int(e.p)) / int(e.q)
    if e is sp.pi:
        return arb.pi()
    if e is sp.E:
        return arb(1).exp()
    if isinstance(e, sp.Add):
        r = arb(0)
        for a in e.args:
            r = r + _arb(a, env)
        return r
    if isinstance(e, sp.Mul):
        r = arb(1)
        for a in e.args:
            r = r * _arb(a, env)
        return r
    if isinstance(e, sp.Pow):
        b = _arb(e.base, env)
        if e.exp.is_Integer:
            return b ** int(e.exp)
        return b ** _arb(e.exp, env)      # arb raises / returns NaN-ball outside domain
    if isinstance(e, sp.exp):
        return _arb(e.args[0], env).exp()
    if isinstance(e, sp.Abs):
        return abs(_arb(e.args[0], env))
    if isinstance(e, sp.log):
        return _arb(e.args[0], env).log()
    raise NotEncodable(f"interval: unsupported {e}")


def _cert(c, env):
    d = _arb(c.lhs, env) - _arb(c.rhs, env)
    if not d.is_finite():
        return False
    if isinstance(c, sp.StrictGreaterThan):
        return d > 0
    if isinstance(c, sp.GreaterThan):
        return d >= 0
    if isinstance(c, sp.StrictLessThan):
        return d < 0
    if isinstance(c, sp.LessThan):
        return d <= 0
    return False
