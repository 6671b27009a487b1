"""Issue 21, item 8: finite distributions (atoms and weights) whose candidates include the tails' jump points.

Planted error: Hoeffding's bound for X in [0, 1], P(X - EX >= t) <= exp(-2 t^2), printed with the
constant 5/2. It fails only for two-point distributions with a small upper weight p and t within a
short stretch below the jump at t = 1 - p; a plain rational threshold misses it at seed 1, the
threshold declared as ``TailPoints("X")`` finds it at every seed. True statements left alone: the
Hoeffding bound with its constant 2, and Chebyshev's inequality.
"""
from __future__ import annotations

import math
from fractions import Fraction

import pytest

from boundcalc.auditing import falsify
from boundcalc.checks import Counterexample
from boundcalc.numbers import Real
from boundcalc.objects import Distributions, Finite, Rationals, Rel, TailPoints, finite


def hoeffding(c, threshold):
    return Counterexample("hoeffding", lhs=lambda o: o["X"].tail(o["t"], ">=", centred=True), rel="<=",
                          rhs=lambda o: (Real(-c) * Real(o["t"]) ** 2).exp(),
                          objects={"X": Distributions(0, 1, (1, 4)), "t": threshold},
                          assume=(Rel("t > 0", "t", ">", "0"),), trials=200)


def chebyshev():
    return Counterexample("chebyshev", lhs=lambda o: o["X"].tail(o["t"], ">=", centred="abs"), rel="<=",
                          rhs=lambda o: o["X"].variance() / o["t"] ** 2,
                          objects={"X": Distributions(-1, 3, (1, 5)), "t": TailPoints("X", 0, 5, lo_open=True)},
                          assume=(Rel("t > 0", "t", ">", "0"),), trials=200)


def test_finite_distribution_arithmetic_is_exact():
    d = finite([0, 1, 1], [Fraction(1, 2), Fraction(1, 4), Fraction(1, 4)])     # repeated atoms merge
    assert d == Finite((Fraction(0), Fraction(1)), (Fraction(1, 2), Fraction(1, 2)))
    assert d.mean() == Fraction(1, 2) and d.variance() == Fraction(1, 4)
    assert d.tail(Fraction(1, 2), ">=", centred=True) == Fraction(1, 2)
    assert d.tail(Fraction(1, 2), ">", centred=True) == 0
    assert set(d.jumps()) == {0, 1, Fraction(1, 2), Fraction(-1, 2)}
    with pytest.raises(ValueError):
        finite([0, 1], [Fraction(1, 2), Fraction(1, 3)])
    dom = Distributions(0, 1, 2)
    assert all(dom.contains(v, {}) for v in dom.special({}))
    assert finite([0, 1], [Fraction(3, 4), Fraction(1, 4)]) in dom.special({})


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_misprinted_hoeffding_constant_is_found_at_a_tail_jump(seed):
    out = falsify.Search(hoeffding(Fraction(5, 2), TailPoints("X", 0, 5, lo_open=True)), seed).run()
    assert out.found is not None
    _, obj, lhs, rhs = out.found
    X, t = obj["X"], obj["t"]
    # independently: the upper tail of X - EX at t, summed by hand, exceeds exp(-5/2 t^2)
    m = sum(a * w for a, w in zip(X.atoms, X.weights))
    p = sum(w for a, w in zip(X.atoms, X.weights) if a - m >= t)
    assert p > math.exp(-2.5 * float(t) ** 2) and p <= math.exp(-2 * float(t) ** 2)


def test_plain_threshold_misses_the_misprint_at_seed_1():
    """What the mechanism adds: with a plain rational threshold the same search finds nothing."""
    out = falsify.Search(hoeffding(Fraction(5, 2), Rationals(0, 5, lo_open=True)), 1).run()
    assert out.found is None and out.admissible > 100


@pytest.mark.parametrize("spec", [hoeffding(2, TailPoints("X", 0, 5, lo_open=True)), chebyshev()],
                         ids=["hoeffding", "chebyshev"])
def test_true_tail_bounds_are_left_alone(spec):
    out = falsify.Search(spec, 0).run()
    assert out.found is None and out.stages.get("special", 0) > 50
