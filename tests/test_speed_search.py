"""The falsification search's shortcuts (issue 23) change no result: a candidate a stage has just certified
admissible is judged without evaluating the hypotheses again, a rejected candidate's hypotheses before the
violated one are not evaluated twice, and the claim's margin reuses the sides the judge computed. Each is
compared with the search doing all the work again, on the same seeds."""
from __future__ import annotations

import dataclasses
import math
from fractions import Fraction

import pytest

import proofs
from boundcalc import objects as ob
from boundcalc.auditing import falsify
from boundcalc.checks import Counterexample


class _Plain(falsify.Search):
    """The same search with every shortcut off."""

    def _vouch(self, obj):
        return obj

    def admissible(self, obj):
        ok = super().admissible(obj)
        self._rejected = None
        return ok


def _specs(k=4):
    reg = proofs.registry()
    out = [s for r in reg.results.values() for s in r.checks if isinstance(s, Counterexample) and s.declared]
    return [dataclasses.replace(s, trials=12) for s in out[:k]]


def _same(x, y):
    return x == y or (isinstance(x, float) and isinstance(y, float) and math.isnan(x) and math.isnan(y))


@pytest.mark.parametrize("spec", _specs(), ids=lambda s: s.name)
def test_shortcuts_change_no_outcome(spec):
    fast, plain = falsify.Search(spec, 3), _Plain(spec, 3)
    a, b = fast.run(stop=False), plain.run(stop=False)
    da, db = dataclasses.asdict(a), dataclasses.asdict(b)
    da.pop("found"), db.pop("found")
    assert da == db
    assert [(m, lab, o) for m, lab, o in fast.pool] == [(m, lab, o) for m, lab, o in plain.pool]
    for m, _, obj in fast.pool:                       # the reused sides give the margin a full evaluation gives
        assert _same(m, fast.margin(obj)) or m == -math.inf


def test_admissible_names_the_violated_hypothesis():
    objs = {"x": ob.Rationals(0, 10)}
    hs = [ob.Rel("x > 1", "x", ">", lambda o: 1), ob.Rel("x < 5", "x", "<", lambda o: 5),
          ob.Rel("x < 3", "x", "<", lambda o: 3)]
    for x, want, failed in ((Fraction(2), True, []), (Fraction(4), False, [2]), (Fraction(6), False, [1]),
                            (Fraction(1, 2), False, [0]), (Fraction(11), False, [])):
        got: list = []
        assert ob.admissible(objs, hs, {"x": x}, got) is want
        assert got == failed


def test_rejected_alone_counts_as_a_full_evaluation():
    spec = Counterexample("toy", lambda o: o["x"], "<=", lambda o: 100, objects={"x": ob.Rationals(-10, 10)},
                          assume=(ob.Rel("x > 1", "x", ">", lambda o: 1), ob.Rel("x < 5", "x", "<", lambda o: 5),
                                  ob.Rel("x < 3", "x", "<", lambda o: 3)), trials=40)
    a, b = falsify.Search(spec, 1).run(stop=False), _Plain(spec, 1).run(stop=False)
    assert a.rejected_alone == b.rejected_alone and sum(a.rejected_alone.values()) > 0


def test_points_on_a_line_are_the_fraction_arithmetic():
    import random

    rng = random.Random(4)
    for _ in range(300):
        n = rng.randint(1, 5)
        c0 = [Fraction(rng.randint(-10 ** 6, 10 ** 6), rng.randint(1, 10 ** 4)) for _ in range(n)]
        d = [Fraction(rng.choice((0, rng.randint(-999, 999))), rng.randint(1, 2 ** 20)) for _ in range(n)]
        t = Fraction(rng.randint(0, 2 ** 16), 2 ** rng.randint(0, 20))
        got, want = falsify._on_line(c0, d, t), [c + t * e for c, e in zip(c0, d)]
        assert got == want and all(type(g) is Fraction for g in got)
        assert [(g.numerator, g.denominator) for g in got] == [(w.numerator, w.denominator) for w in want]
    assert falsify._on_line([Fraction(1, 2), 3], [Fraction(1), 2], 2) == [Fraction(5, 2), 7]
