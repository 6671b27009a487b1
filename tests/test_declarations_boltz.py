"""Appendix C declarations: certified Boltz arithmetic against mpmath, samplers honour the hypotheses exactly,
and the searches catch the known defects (and mutations)."""
import dataclasses
import random
from fractions import Fraction

import mpmath
import pytest

from boundcalc.auditing import search
from boundcalc.auditing.context import AuditContext
from boundcalc.checks import Counterexample
from boundcalc.findings import Verdict
from proofs import appendix_c as C
from boundcalc import boltzmann as boltzmann_ops
from proofs import boltzmann as bz

PREC = 200


@pytest.fixture(autouse=True)
def _fifty_digits():
    """Hand values at 50 digits, whatever precision another test in this worker left mpmath at."""
    with mpmath.workdps(50):
        yield


def mp(q):
    return mpmath.mpf(q.numerator) / q.denominator


def mp_boltz(z):
    zs = [mp(Fraction(v)) for v in z]
    w = [mpmath.exp(v) for v in zs]
    return mpmath.fsum(v * e for v, e in zip(zs, w)) / mpmath.fsum(w)


def encloses(real, value):
    ball = real.arb(PREC)
    lo, hi = mpmath.mpf(ball.lower().str(60, radius=False)), mpmath.mpf(ball.upper().str(60, radius=False))
    tol = mpmath.mpf(10) ** -40
    return lo - tol <= value <= hi + tol


def test_boltz_two_entries_hand_formula():
    # Boltz(0, -delta) = -delta e^{-delta} / (1 + e^{-delta}), by hand
    for delta in (Fraction(3), Fraction(277, 100), Fraction(50)):
        d = mp(delta)
        hand = -d * mpmath.exp(-d) / (1 + mpmath.exp(-d))
        assert encloses(boltzmann_ops.boltz([Fraction(0), -delta]), hand)


def test_boltz_general_vector_and_identity():
    z = [Fraction(3, 2), Fraction(-7, 3), Fraction(0), Fraction(11, 5)]
    assert encloses(boltzmann_ops.boltz(z), mp_boltz(z))
    # Lemma C.1 numerically: -S + ln Z, computed independently in mpmath
    zs = [mp(v) for v in z]
    Z = mpmath.fsum(mpmath.exp(v) for v in zs)
    p = [mpmath.exp(v) / Z for v in zs]
    S = -mpmath.fsum(pi * mpmath.log(pi) for pi in p)
    assert abs(mp_boltz(z) - (-S + mpmath.log(Z))) < mpmath.mpf(10) ** -45


def test_derivatives_match_numerical_differentiation():
    z = [Fraction(1), Fraction(-4), Fraction(1, 2)]
    i = 1
    def f(t):
        return _mp_boltz_with(z, i, t)
    t0 = mp(z[i])
    assert encloses(bz.dboltz(z, i), mpmath.diff(f, t0))
    assert encloses(bz.d2boltz(z, i), mpmath.diff(f, t0, 2))


def _mp_boltz_with(z, i, t):
    zs = [mp(v) for v in z]
    zs[i] = t
    w = [mpmath.exp(v) for v in zs]
    return mpmath.fsum(v * e for v, e in zip(zs, w)) / mpmath.fsum(w)


def test_c6_sides_on_hand_vector():
    # a = (10, 0), b = (5, -5): both gaps are 10, so Boltz(a) - Boltz(b) = 5 exactly
    o = {"a": [Fraction(10), Fraction(0)], "b": [Fraction(5), Fraction(-5)], "delta": Fraction(3)}
    spec = next(s for s in LEMMA("lemma-C.6").checks if isinstance(s, Counterexample))
    assert spec.hypotheses(o) is True
    assert encloses(spec.lhs(o), mpmath.mpf(5))
    assert encloses(spec.rhs(o), mpmath.log(2) ** 2 * mpmath.exp(-5))


def LEMMA(rid):
    return next(r for r in C.RESULTS if r.id == rid)


def counterexample_specs():
    return [(r.id, s) for r in C.RESULTS for s in r.checks if isinstance(s, Counterexample)]


@pytest.mark.parametrize("rid,spec", counterexample_specs(), ids=lambda x: getattr(x, "name", x))
def test_samplers_satisfy_hypotheses_exactly(rid, spec):
    rng = random.Random(123)
    for _ in range(25):
        assert spec.hypotheses(spec.sample(rng)) is True
    for obj in spec.adversarial():
        assert spec.hypotheses(obj) is True


def test_hypotheses_reject_inadmissible_candidates():
    d_low = Fraction(277, 100)   # < 4 ln 2 = 2.7726
    o = {"a": [Fraction(10), Fraction(0)], "b": [Fraction(5), Fraction(-5)], "delta": d_low}
    spec6 = next(s for s in LEMMA("lemma-C.6").checks if isinstance(s, Counterexample))
    assert spec6.hypotheses(o) is False
    spec4 = next(s for s in LEMMA("lemma-C.4").checks if isinstance(s, Counterexample))
    assert spec4.hypotheses({"z": [Fraction(0), Fraction(5)], "delta": Fraction(3)}) is False   # not decreasing
    assert spec4.hypotheses({"z": [Fraction(5), Fraction(0)], "delta": Fraction(3)}) is True


def run(rid, name, seed=0):
    r = LEMMA(rid)
    spec = next(s for s in r.checks if getattr(s, "name", None) == name)
    return search.run(r, spec, AuditContext(registry=None, seed=seed))[0], r, spec


def test_c9_as_written_refuted_and_corrected_not():
    f, _, _ = run("lemma-C.9", "separation-as-written")
    assert f.verdict is Verdict.REFUTED
    f2, _, _ = run("lemma-C.9", "lemma-C.9-corrected")
    assert f2.verdict is Verdict.UNKNOWN and "no counterexample" in f2.detail


def test_mutated_constant_is_caught():
    _, r, spec = run("lemma-C.6", "separation")
    mutated = dataclasses.replace(spec, rhs=lambda o: spec.rhs(o) * 10**6)
    f = search.run(r, mutated, AuditContext(registry=None, seed=0))[0]
    assert f.verdict is Verdict.REFUTED


def test_flipped_inequality_is_caught():
    _, r, spec = run("lemma-C.4", "lower-bound")
    flipped = dataclasses.replace(spec, rel="<")
    assert search.run(r, flipped, AuditContext(registry=None, seed=0))[0].verdict is Verdict.REFUTED


def test_c7_unbound_delta_demonstration():
    f = next(s for s in LEMMA("lemma-C.7").checks if getattr(s, "name", "") == "unbound-delta").run(0)[0]
    assert f.verdict is Verdict.INCONSISTENT
    assert f.evidence["holds_at_delta=5"] is True and f.evidence["holds_at_delta=15"] is False


def test_cross_separated_matches_the_pairwise_definition():
    """The sorted, nearest-neighbour test agrees with the definition read pair by pair (random exact vectors,
    ties and gaps exactly delta included)."""
    import random
    from fractions import Fraction

    from proofs.boltzmann import cross_separated

    def pairwise(a, b, delta):
        return all(x == y or abs(x - y) > delta for x in a for y in b)

    rng = random.Random(5)
    seen = set()
    for _ in range(3000):
        pool = [Fraction(rng.randint(-6, 6), rng.choice([1, 2, 3])) for _ in range(5)]
        a = [rng.choice(pool) for _ in range(rng.randint(0, 4))]
        b = [rng.choice(pool) for _ in range(rng.randint(0, 4))]
        delta = Fraction(rng.randint(0, 4), rng.choice([1, 2, 3]))
        want = pairwise(a, b, delta)
        assert cross_separated(a, b, delta) is want, (a, b, delta)
        seen.add(want)
    assert seen == {True, False}
