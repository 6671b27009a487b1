"""Falsification driven by the declarations: typed objects, declared hypotheses, derived candidates."""
from __future__ import annotations

import dataclasses
import math
import random
from fractions import Fraction

import mpmath
import pytest

import proofs
import proofs.appendix_c as C
from boundcalc import objects as ob
from boundcalc.auditing import falsify, search
from boundcalc.auditing.context import AuditContext
from boundcalc.checks import Counterexample
from proofs.boltzmann import ln


def declared_specs():
    reg = proofs.registry()
    return [(r.id, s) for r in reg.results.values() for s in r.checks
            if isinstance(s, Counterexample) and s.declared]


def _ctx(seed=0):
    return AuditContext(registry=proofs.registry(), seed=seed)


# ------------------------------------------------------------------ domains


def test_domains_draw_inside_themselves():
    rng = random.Random(5)
    objs = {"n": ob.Integers(2, 6), "z": ob.Vectors("n", order="decreasing"), "i": ob.Index("z"),
            "d": ob.Rationals(0, None, lo_open=True), "M": ob.Matrices(2, "n", lo=-1, hi=1),
            "s": ob.Sequences((1, 3), ob.Vectors("n"))}
    for _ in range(200):
        o = ob.draw(objs, rng)
        assert ob.in_domains(objs, o)
        assert all(o["z"][k] > o["z"][k + 1] for k in range(o["n"] - 1))


def test_domain_membership_is_exact():
    v = ob.Vectors(2, lo=0, hi=1, order="decreasing")
    assert v.contains([Fraction(1), Fraction(0)], {})
    assert not v.contains([Fraction(0), Fraction(1)], {})          # not decreasing
    assert not v.contains([Fraction(1), Fraction(0), Fraction(0)], {})
    assert not v.contains([1.0, Fraction(0)], {}) or isinstance(1.0, int)   # floats are not exact values
    r = ob.Rationals(0, 1, lo_open=True)
    assert not r.contains(Fraction(0), {}) and r.contains(Fraction(1), {}) and not r.contains(0.5, {})


def test_rel_is_certified_and_three_valued():
    h = ob.Rel("x > ln 2", lambda o: o["x"], ">", lambda o: ln(2))
    assert h.holds({"x": Fraction(6932, 10000)}) is True            # ln 2 = 0.693147...
    assert h.holds({"x": Fraction(6931, 10000)}) is False
    assert h.margin({"x": Fraction(1)}) == pytest.approx(1 - math.log(2))


# ------------------------------------------------------------------ the issue's example


def _c3_with_threshold(extra: int) -> Counterexample:
    spec = next(s for s in C.LEMMA_C3.checks if isinstance(s, Counterexample))
    weak = ob.Rel(f"max_j z_j - z_i > ln n + {extra}", C._gap_below_max, ">", lambda o: ln(len(o["z"])) + extra)
    return dataclasses.replace(spec, hypotheses=None, assume=(weak,))


def _d2boltz_mp(z, i):
    """The second derivative of Boltz in z_i, by mpmath finite differences of Boltz (independent)."""
    mpmath.mp.dps = 40

    def boltz(t):
        zs = [mpmath.mpf(v.numerator) / v.denominator for v in z]
        zs[i] = t
        w = [mpmath.exp(v) for v in zs]
        return mpmath.fsum(v * e for v, e in zip(zs, w)) / mpmath.fsum(w)
    x = mpmath.mpf(z[i].numerator) / z[i].denominator
    return mpmath.diff(boltz, x, 2)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_weakened_c3_threshold_is_refuted_with_admissible_certified_counterexample(seed):
    """Moving Lemma C.3's threshold from ln n + 3 to ln n + 1 in its declared hypotheses is caught, even
    though the hand-written sampler still draws from the old region."""
    spec = _c3_with_threshold(1)
    f = search.run(C.LEMMA_C3, spec, _ctx(seed))[0]
    assert f.verdict.value == "refuted"
    o = f.evidence["objects"]
    z, i = [Fraction(x) for x in o["z"]], int(o["i"])
    gap = float(max(z) - z[i])
    assert gap > math.log(len(z)) + 1                               # strictly inside the weakened hypothesis
    assert _d2boltz_mp(z, i) > 0                                    # the claim d2 < 0 fails (independent check)


def test_the_papers_c3_threshold_gives_no_counterexample():
    spec = _c3_with_threshold(3)
    f = search.run(C.LEMMA_C3, spec, _ctx(0))[0]
    assert f.verdict.value == "unknown" and "a search is not a proof" in f.detail


def test_hand_example_of_the_issue():
    """z = (0, -2), n = 2, i = 2 satisfies the weakened hypothesis and violates the claim."""
    spec = _c3_with_threshold(1)
    o = {"z": [Fraction(0), Fraction(-2)], "i": 1}
    assert spec.hypotheses(o) is True
    assert _c3_with_threshold(3).hypotheses(o) is False
    assert spec.lhs(o).compare("<", 0) is False
    assert _d2boltz_mp(o["z"], 1) > 0


def test_derived_candidates_alone_find_the_counterexample():
    """Without any hand-written sampler or adversarial list the engine still refutes the weakened lemma."""
    spec = dataclasses.replace(_c3_with_threshold(1), sample=None, adversarial=None)
    f = search.run(C.LEMMA_C3, spec, _ctx(0))[0]
    assert f.verdict.value == "refuted"
    assert not f.evidence["trial"].startswith(("sample", "adversarial"))


def test_search_is_reproducible():
    spec = _c3_with_threshold(1)
    a = search.run(C.LEMMA_C3, spec, _ctx(3))[0]
    b = search.run(C.LEMMA_C3, spec, _ctx(3))[0]
    assert a.evidence == b.evidence


def test_replay_regenerates_a_label():
    spec = dataclasses.replace(_c3_with_threshold(1), sample=None, adversarial=None)
    f = search.run(C.LEMMA_C3, spec, _ctx(0))[0]
    obj = falsify.replay(spec, 0, f.evidence["trial"])
    assert obj is not None and spec.hypotheses(obj) is True
    found = f.evidence.get("shrunk_from", f.evidence["objects"])
    assert [str(x) for x in obj["z"]] == list(found["z"])


# ------------------------------------------------------------------ declarations


@pytest.mark.parametrize("rid,spec", declared_specs(), ids=lambda x: getattr(x, "name", x))
def test_hand_samplers_draw_inside_the_declared_hypotheses(rid, spec):
    rng = random.Random(11)
    if spec.sample is not None:
        for _ in range(20):
            o = spec.sample(rng)
            assert ob.admissible(spec.objects, spec.assume, o) is True, (rid, o)
    if spec.adversarial is not None:
        for o in spec.adversarial():
            assert ob.admissible(spec.objects, spec.assume, o) is True, (rid, o)


def test_a_sampler_outside_the_hypotheses_is_caught():
    """The test above is not vacuous: a sampler drawing below the declared threshold fails it."""
    spec = next(s for s in C.LEMMA_C3.checks if isinstance(s, Counterexample))
    bad = dataclasses.replace(spec, sample=C._deriv_sample(1))
    rng = random.Random(11)
    verdicts = [ob.admissible(bad.objects, bad.assume, bad.sample(rng)) for _ in range(40)]
    assert False in verdicts


@pytest.mark.parametrize("rid,spec", declared_specs(), ids=lambda x: getattr(x, "name", x))
def test_every_declared_hypothesis_takes_part_in_the_search(rid, spec):
    """Each inequality is made tight by some derived candidate or rejects some candidate on its own; a
    hypothesis the others imply must say so (``implied``)."""
    out = falsify.coverage(spec, 0, search._hand(spec, 0))
    idle = [h.text for h in spec.assume
            if not h.implied and not (out.tight.get(h.text) or out.rejected_alone.get(h.text))]
    assert not idle, (rid, spec.name, idle)


def test_tight_points_are_strictly_inside_and_close_to_the_boundary():
    spec = next(s for s in C.LEMMA_C4.checks if isinstance(s, Counterexample))
    s = falsify.Search(spec, 0, search._hand(spec, 0))
    for label, o in s.hand:
        s.judge(label, o)
    h = spec.assume[1]                                   # delta > ln n + 1
    pts = [(p, t) for p, t in s.tight(h) if t]
    assert pts
    for p, _ in pts:
        assert spec.hypotheses(p) is True
        assert 0 < float(p["delta"]) - (math.log(len(p["z"])) + 1) < 1e-3


def test_generated_stages_respect_every_hypothesis():
    """No candidate counted as admissible violates a declared hypothesis (re-checked independently)."""
    spec = next(s for s in C.LEMMA_C6.checks if isinstance(s, Counterexample))
    s = falsify.Search(spec, 0, search._hand(spec, 0))
    s.run(stop=False, optimise=True)
    assert len(s.pool) > 50
    for _, label, o in s.pool:
        a, b, d = o["a"], o["b"], o["delta"]
        n = len(a)
        assert len(b) == n and a[0] > b[0]
        assert all(a[k] - a[k + 1] > d and b[k] - b[k + 1] > d for k in range(n - 1))
        assert d >= 4 * math.log(n) - 1e-12
        assert all(x == y or abs(x - y) > d for x in a for y in b)
