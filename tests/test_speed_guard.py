"""Issue 23: an arithmetic node (+ - * / negation) of lazy Reals computes its enclosure first and skips the
magnitude guard when the ball certifies a moderate value; every ball, sign, float and refusal (nan for a
tower) is the same as with the guard always run first."""
import operator
import random
from fractions import Fraction

import pytest

from boundcalc import numbers
from boundcalc.numbers import Real


def _guard_first(monkeypatch):
    """Build Reals whose nodes all run the guard first (the behaviour before the shortcut)."""
    lazy = Real._lazy.__func__

    def never_cheap(cls, fn, lnfn=None, sign=None, cheap=False):
        return lazy(cls, fn, lnfn, sign, False)

    monkeypatch.setattr(Real, "_lazy", classmethod(never_cheap))


def _leaves(rng: random.Random) -> list[Real]:
    q = Fraction(rng.randint(-40, 40), rng.randint(1, 9))
    r = Fraction(rng.randint(1, 30), rng.randint(1, 7))
    return [Real(q), Real(r).log(), Real(q).exp(), Real(r).sqrt(), Real(r) ** Real(q).exp(),
            -(Real(q).exp()), Real(2) ** Real(r * 1000)]


def _tree(rng: random.Random, depth: int) -> Real:
    if depth == 0:
        return rng.choice(_leaves(rng))
    a, b = _tree(rng, depth - 1), _tree(rng, depth - 1)
    op = rng.choice("+-*/n")
    if op == "/" and b.sign() in (0, None):
        op = "*"
    return {"+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv,
            "n": lambda u, _: -u}[op](a, b)


def _towers() -> list[Real]:
    big = Real(10) ** (Real(10) ** Real(400000))
    tiny = Real(1) / big
    return [big * 3, big + big, big - Real(2).log(), tiny * Real(2).log(), -big, big / Real(3).exp(),
            (Real(2).log() + 1) * big, tiny - tiny * 2]


def _facts(x: Real) -> tuple:
    out = []
    for p in (64, 128, 256):
        try:
            v = x.arb(p)
            out.append(("arb", p, str(v.mid()), str(v.rad()), v.is_nan()))
        except (ArithmeticError, ValueError) as exc:
            out.append(("arb", p, type(exc).__name__))
    for what in ("sign", "to_float"):
        try:
            out.append((what, getattr(x, what)()))
        except (ArithmeticError, ValueError) as exc:
            out.append((what, type(exc).__name__))
    return tuple(out)


def _all(seed: int) -> list[tuple]:
    rng = random.Random(seed)
    values = [_tree(rng, rng.randint(1, 4)) for _ in range(60)] + _towers()
    return [_facts(x) for x in values]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_same_enclosures_as_guard_first(seed, monkeypatch):
    fast = _all(seed)
    _guard_first(monkeypatch)
    assert _all(seed) == fast


def test_tower_still_refused():
    big = Real(10) ** (Real(10) ** Real(400000))
    assert (big * 3).arb(64).is_nan() and (big + big).arb(64).is_nan()
    assert (big * 3).sign() == 1 and (big * 3).format().startswith("10^(10^")


def test_moderate_bounds_are_exact_powers_of_two():
    assert numbers._HUGE.is_exact() and numbers._TINY.is_exact()
    assert numbers._HUGE * numbers._TINY == 1


def test_below_the_starting_precision_the_guard_still_decides(monkeypatch):
    """At prec 53 the guard refuses |ln| > 2^45. Each factor exp(3 * 2^43) passes it (ln = 0.75 * 2^45); their
    product (ln = 1.5 * 2^45) is refused (nan) with and without the shortcut, which is sound only from
    PREC_START on (2^(prec - 8) >= 2^56 there)."""
    def ball():
        a = Real(3 * 2 ** 43).exp()
        assert not a.arb(53).is_nan()
        return (a * a).arb(53)
    fast = ball()
    _guard_first(monkeypatch)
    slow = ball()
    assert fast.is_nan() and slow.is_nan()
    assert numbers.PREC_START - 8 >= 56   # the shortcut's bound 2^50 ln 2 < 2^56
