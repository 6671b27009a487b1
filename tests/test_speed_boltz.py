"""Issue 23: the shifted softmax balls of a vector are remembered per vector and precision; every Boltzmann
ball is the one computed afresh (memo cleared before each), at every precision, for equal vectors of other
entry types, after the oldest entries are dropped
and after a vector is changed in place. Also: ln|x| of a value known only through its ball
computes that ball once, the same enclosure as before."""
import random
from fractions import Fraction

import pytest
from flint import arb, ctx

from boundcalc import boltzmann as bz
from boundcalc.numbers import Real


def _same(a: arb, b: arb) -> bool:
    return a.mid() == b.mid() and a.rad() == b.rad()


def _balls(z) -> list:
    return [bz.boltz_ball(z), bz.entropy_ball(z), bz.log_partition_ball(z)] + [bz.softmax_ball(z, i)
                                                                                 for i in range(len(z))]


def _fresh(z) -> list:
    bz._SHIFTED.clear()
    return _balls(z)


@pytest.mark.parametrize("seed", [0, 1])
def test_remembered_balls_are_the_fresh_ones(seed):
    rng = random.Random(seed)
    saved = ctx.prec
    try:
        vectors = [[Fraction(rng.randint(-50, 50), rng.randint(1, 9)) for _ in range(rng.randint(1, 8))]
                   for _ in range(40)]
        vectors += [[3, 1, 2], [Fraction(3), Fraction(1), Fraction(2)], [10 ** 40, -10 ** 40]]
        for prec in (53, 64, 200):
            ctx.prec = prec
            want = [_fresh(z) for z in vectors]
            bz._SHIFTED.clear()
            for _ in range(2):             # remembered on the first pass, served on the second
                for z, w in zip(vectors, want):
                    got = _balls(z)
                    assert all(_same(a, b) for a, b in zip(got, w))
    finally:
        ctx.prec = saved


def test_precision_is_part_of_the_key():
    saved = ctx.prec
    try:
        z = [Fraction(1, 3), Fraction(2, 7), 5]
        ctx.prec = 64
        low = bz.boltz_ball(z)
        ctx.prec = 300
        high = bz.boltz_ball(z)
        assert high.rad() < low.rad()
        assert _same(high, _fresh(z)[0])
    finally:
        ctx.prec = saved


def test_bounded_and_oldest_dropped():
    bz._SHIFTED.clear()
    for k in range(bz.SHIFTED_MEMO + 10):
        bz.boltz_ball([k, 0])
    assert len(bz._SHIFTED) == bz.SHIFTED_MEMO
    assert [zz for _, zz, _, _ in bz._SHIFTED] == [[k, 0] for k in range(bz.SHIFTED_MEMO + 9, 9, -1)]


def test_a_vector_changed_in_place_is_not_served_stale():
    z = [Fraction(1, 2), Fraction(1, 3)]
    first = bz.boltz_ball(z)
    z[0] = Fraction(5, 2)
    assert _same(bz.boltz_ball(z), _fresh(list(z))[0]) and not _same(bz.boltz_ball(z), first)


def test_types_are_part_of_the_key():
    bz._SHIFTED.clear()
    bz.boltz_ball([3, 1])
    m, *_ = bz._shifted([Fraction(3), Fraction(1)])
    assert type(m) is Fraction and len(bz._SHIFTED) == 2


def test_unhashable_entries_still_computed():
    class Odd(Fraction):
        __hash__ = None

    z = [Odd(1, 2), Fraction(1, 3)]
    assert _same(bz.boltz_ball(z), bz.boltz_ball([Fraction(1, 2), Fraction(1, 3)]))


def test_ln_of_a_ball_value_computes_the_ball_once():
    calls = []

    def ball():
        calls.append(1)
        return arb(3) / 7

    x = Real.from_arb_function(ball)
    saved = ctx.prec
    try:
        ln = x.ln_arb(64)
        ctx.prec = 64
        v = arb(3) / 7
        want = arb.union(v.abs_lower().log(), v.abs_upper().log())
    finally:
        ctx.prec = saved
    assert len(calls) == 1 and _same(ln, want)
    assert x.sign() == 1 and len(calls) == 1     # the ball is remembered for the sign too
