"""sympy, three-valued and time-limited: None whenever sympy cannot decide (or takes too long).

Never uses sympy's O(): its argument conventions silently drop parameters. Limits of explicit
ratios are taken with ``sympy.limit`` instead.
"""
from __future__ import annotations

import contextlib
import signal
import threading
from typing import Any

from ..formula import Formula
from ..records import Result

SYMPY_SECONDS = 10
"""Wall-clock guard for one sympy call; a timeout is reported as undecided."""


class SympyTimeout(Exception):
    pass


@contextlib.contextmanager
def time_limit(seconds: float):
    """Raise SympyTimeout after ``seconds`` (main thread only; elsewhere no limit)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def handler(signum, frame):
        raise SympyTimeout()

    old = signal.signal(signal.SIGALRM, handler)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def table(result: Result) -> dict[str, Any]:
    """sympy symbols of the parameters and the constants' expressions."""
    tab = result.sympy_symbols()
    for c in result.constants:
        tab[c.name] = c.formula.sympy(tab)
    return tab


def expr(result: Result, formula: Formula, tab: dict[str, Any] | None = None):
    return formula.sympy(tab if tab is not None else table(result))


def relation_holds(a, rel: str, b) -> tuple[bool | None, str]:
    """Decide ``a REL b`` for all parameter values in their domains: (True/False/None, how)."""
    import sympy

    from .. import symcache

    try:
        with time_limit(SYMPY_SECONDS):
            diff = symcache.simplify(a - b)
            if rel == "==":
                if diff == 0:
                    return True, "simplify(a - b) = 0"
                if diff.is_zero is False:
                    return False, f"simplify(a - b) = {sympy.sstr(diff)} is never 0"
                if b != 0:
                    q = symcache.simplify(a / b)
                    if q == 1:
                        return True, "simplify(a / b) = 1"
                return None, f"simplify(a - b) = {sympy.sstr(diff)}: sign undecided"
            test = {"<": diff.is_negative, "<=": diff.is_nonpositive,
                    ">": diff.is_positive, ">=": diff.is_nonnegative}[rel]
            if test is True:
                return True, f"a - b = {sympy.sstr(diff)} has the required sign"
            if test is False and diff.is_real:
                return False, f"a - b = {sympy.sstr(diff)} never has the required sign"
            return None, f"a - b = {sympy.sstr(diff)}: sign undecided by sympy"
    except SympyTimeout:
        return None, f"sympy gave up after {SYMPY_SECONDS} s"
    except Exception as exc:  # sympy raises many types on hard inputs
        return None, f"sympy failed: {type(exc).__name__}"


def limit(e, var, point: str) -> tuple[Any, str]:
    """sympy limit of ``e`` as ``var`` -> point ("oo" or "0", from the right); (None, why) if undecided."""
    import sympy

    from .. import symcache

    target = sympy.oo if point == "oo" else sympy.Integer(0)
    try:
        with time_limit(SYMPY_SECONDS):
            value = symcache.limit(e, var, target, "+" if point != "oo" else "-")
    except SympyTimeout:
        return None, f"sympy limit gave up after {SYMPY_SECONDS} s"
    except Exception as exc:
        return None, f"sympy limit failed: {type(exc).__name__}"
    if value is sympy.nan or value.has(sympy.AccumBounds) or value.has(sympy.Limit):
        return None, f"sympy limit is {sympy.sstr(value)} (undecided)"
    return value, f"limit = {sympy.sstr(value)}"


IDENTITY_POINTS = 6
"""Random exact points at which an identity sympy cannot reduce is evaluated."""


def _draw_for(sym, rng) -> "Fraction":
    """A random exact value respecting a sympy symbol's assumptions (small magnitudes)."""
    from fractions import Fraction

    if sym.is_integer:
        lo = 2 if sym.is_positive else 0 if sym.is_nonnegative else -5
        return Fraction(rng.randint(lo, lo + 6))
    v = Fraction(rng.randint(1, 4000), rng.choice((7, 64, 1000)))
    if sym.is_positive or sym.is_nonnegative:
        return v
    return v if rng.random() < 0.5 else -v


def numeric_identity(a, b, seed: int = 0, points: int = IDENTITY_POINTS) -> tuple[bool | None, str, dict]:
    """Decide ``a == b`` (sympy expressions) at random exact points with certified arithmetic.

    Returns (False, how, point) when a certified difference is found; otherwise (None, how, {}): agreeing
    at finitely many points proves nothing. Values respect the symbols' assumptions (integer,
    positive, ...); the expressions are evaluated through :class:`~boundcalc.formula.Formula`.
    """
    import random

    import sympy

    from ..formula import Formula
    from ..numbers import Real

    rng = random.Random(f"identity:{seed}")
    diff = a - b
    syms = sorted(diff.free_symbols, key=lambda s: s.name)
    names = {s: sympy.Symbol(f"x{k}") for k, s in enumerate(syms)}
    try:
        text = sympy.sstr(diff.xreplace(names)).replace("Abs(", "abs(")
        formula = Formula(text)
    except Exception as exc:  # a function the formula language does not have
        return None, f"not evaluated numerically ({type(exc).__name__})", {}
    tried = 0
    for _ in range(points):
        values = {s: _draw_for(s, rng) for s in syms}
        env = {names[s].name: Real(v) for s, v in values.items()}
        try:
            sign = formula.evaluate(env).sign(cap=1024)
        except Exception:  # a pole or an undefined value at this point
            continue
        tried += 1
        if sign in (1, -1):
            point = {s.name: (str(v.numerator) if v.denominator == 1 else f"{v.numerator}/{v.denominator}")
                     for s, v in values.items()}
            return False, f"a - b is certified {'positive' if sign > 0 else 'negative'} at {point}", point
    return None, f"a - b not certified non-zero at {tried} random exact point(s) (not a proof)", {}
