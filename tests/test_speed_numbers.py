"""The enclosures computed without a precision context manager (issue 23) are the same balls, and flint's
global precision is left as it was, also when the computation raises."""
from fractions import Fraction

import pytest
from flint import arb, ctx

from boundcalc.numbers import Real, _arb_of_abs_fraction, _arb_of_fraction


def _values():
    third = Real(Fraction(1, 3))
    return [third, Real(-7), Real(Fraction(-22, 7)), Real(2).sqrt() * Real(Fraction(3, 5)),
            third.exp() + Real(2).log(), -(third.exp()), Real(Fraction(9, 4)) ** Real(Fraction(1, 3)).exp()]


@pytest.mark.parametrize("prec", [53, 64, 128, 512])
def test_same_ball_whatever_the_current_precision(prec):
    saved = ctx.prec
    try:
        for start in (prec, 53, 300):
            ctx.prec = start
            got = [(v.arb(prec), v.ln_arb(prec)) for v in _values()]
            assert ctx.prec == start
            ctx.prec = 53
            fresh = [(v.arb(prec), v.ln_arb(prec)) for v in _values()]
            for (a, la), (b, lb) in zip(got, fresh):
                assert a.mid() == b.mid() and a.rad() == b.rad()
                assert la.mid() == lb.mid() and la.rad() == lb.rad()
    finally:
        ctx.prec = saved


def test_precision_restored_when_the_enclosure_raises():
    def boom(p):
        ctx.prec = 999
        raise ZeroDivisionError("x")

    saved = ctx.prec
    for start in (64, 200):
        ctx.prec = start
        with pytest.raises(ZeroDivisionError):
            Real._lazy(boom, None, None).arb(200)
        assert ctx.prec == start
        with pytest.raises(ZeroDivisionError):
            Real._lazy(lambda p: arb(1), boom, 1).ln_arb(200)
        assert ctx.prec == start
    ctx.prec = saved


@pytest.mark.parametrize("q", [Fraction(0), Fraction(5), Fraction(-5), Fraction(-3, 7), Fraction(10 ** 30 + 1, 3)])
def test_abs_enclosure(q):
    a, b = _arb_of_abs_fraction(q), _arb_of_fraction(abs(q))
    assert a.mid() == b.mid() and a.rad() == b.rad()
