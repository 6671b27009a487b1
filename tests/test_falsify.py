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
from boundcalc.auditing import falsify, screen, search
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
    with mpmath.workdps(40):
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


# ------------------------------------------------------------------ every point, every direction


def _lp_point_fails(d, L, eps, C=1, alpha=Fraction(2), shrink=1):
    """L*lambda/shrink >= L*ceil(2C(dL)^{1/alpha}/eps)^{dL} decided in floats with a wide margin check."""
    x = 2 * C * (d * L) ** (1 / float(alpha)) / float(eps)
    lam = x ** (d * L) / shrink
    grid = math.ceil(x - 1e-9) ** (d * L)
    return not (lam >= grid * (1 - 1e-12))


def test_stated_vs_derived_counts_every_failing_point():
    """Lemma 2.3's 'L*lambda suffices' fails where 2C(dL)^{1/alpha}/eps is not whole; with lambda 2^{dL}
    times smaller it fails at every point, and the finding's count says so."""
    from boundcalc.auditing import stated
    from boundcalc.records import constant

    reg = proofs.registry()
    l23 = reg.get("lemma-2.3")
    spec = next(s for s in l23.checks if getattr(s, "name", "") == "L*lambda suffices for the construction")
    f = stated.run(l23, spec, _ctx())[0]
    # every point the finding evaluated (the defaults, the grid, the domains' edges), recomputed in floats
    def tup(g):
        return (int(g["d"]), int(g["L"]), Fraction(g["eps"]), Fraction(g.get("C", 1)), Fraction(g.get("alpha", 2)))

    grid = [tup(r["params"]) for r in f.evidence["points"]]
    assert {tup({"C": "1", "alpha": "2", **g}) for g in spec.grid} <= set(grid)   # the defaults C = 1, alpha = 2
    assert any(r["point"].startswith("edge[") for r in f.evidence["points"])
    expect = sum(_lp_point_fails(*g) for g in grid)
    assert 0 < expect < len(grid)
    assert f.evidence["failures"]["failing"] == expect and f.evidence["failures"]["points"] == len(grid)
    smaller = dataclasses.replace(l23, constants=tuple(
        constant("lam", "(C*(d*L)**(1/alpha)/eps)**(d*L)") if c.name == "lam" else c for c in l23.constants))
    g = stated.run(smaller, spec, _ctx())[0]
    assert all(_lp_point_fails(*p, shrink=2 ** (p[0] * p[1])) for p in grid)
    assert g.evidence["failures"]["failing"] == len(grid) > f.evidence["failures"]["failing"]
    assert g.verdict.value == "unsupported" and f"fails at {len(grid)} of {len(grid)} points" in g.detail


def test_claims_report_count_first_and_worst():
    from boundcalc.auditing import generic
    from boundcalc.records import Param, Result, claim

    r = Result("t", "lemma", "t", "synthetic statement", "test", params=(Param("x", "posint"),),
               claims=(claim("c", "x**2", "<=", "10*x"),),
               data={"examples": [{"x": str(v)} for v in (3, 12, 50, 11, 7)]})
    f = generic.claims_at_points(r, _ctx())[0]
    bad = [v for v in (3, 12, 50, 11, 7) if v * v > 10 * v]
    assert f.verdict.value == "refuted" and len(bad) == 3
    s = f.evidence["failures"]
    # every point the audit asked (examples, then the integer sweep up to 10^12), recounted here by hand
    xs = [int(row["params"]["x"]) for row in f.evidence["points"]]
    assert s["failing"] == sum(x * x > 10 * x for x in xs) and s["first"] == "example[1]"
    # worst by |log10 ratio|: x^2/(10x) = x/10 is largest at the largest x asked
    top = max(xs)
    worst = next(row["point"] for row in f.evidence["points"] if int(row["params"]["x"]) == top)
    assert s["worst"] == worst and float(s["worst_miss"]) == pytest.approx(math.log10(top / 10), rel=1e-5)
    assert "lhs > rhs" in f.detail


# ------------------------------------------------------------------ identities


def test_c1_sign_flip_is_refuted_not_unknown():
    import sympy

    sides = C.c1_sides()
    assert C.c1_decide(sides, 0)[0].verdict.value == "verified"
    z, Z = sympy.Symbol("z_i", real=True), sympy.Symbol("Z", positive=True)
    p = sympy.exp(z) / Z
    flipped = [("entropy form", p * sympy.log(p) - p * sympy.log(Z), p * z)]   # + ln Z written as - ln Z
    f = C.c1_decide(flipped, 0)[0]
    assert f.verdict.value == "refuted"
    pt = f.evidence["counterexample"]
    zi, Zv = Fraction(pt["z_i"]), Fraction(pt["Z"])
    pv = math.exp(float(zi)) / float(Zv)                                # independent float re-evaluation
    assert abs(pv * math.log(pv) - pv * math.log(float(Zv)) - pv * float(zi)) > 1e-6 * max(1.0, abs(pv * float(zi)))


def test_c1_flipped_sign_in_the_vector_form_is_refuted():
    from boundcalc.boltzmann import entropy_ball, log_partition_ball, real

    spec = next(s for s in C.LEMMA_C1.checks if getattr(s, "name", "") == "identity-at-vectors")
    ok = search.run(C.LEMMA_C1, spec, _ctx())[0]
    assert ok.verdict.value == "unknown"
    bad = dataclasses.replace(spec, hypotheses=None,
                              rhs=lambda o: real(lambda: log_partition_ball(list(o["z"])) + entropy_ball(list(o["z"]))))
    f = search.run(C.LEMMA_C1, bad, _ctx())[0]
    assert f.verdict.value == "refuted"
    with mpmath.workdps(60):                                      # independent: S(p) > 0, so + S and - S differ
        z = [mpmath.mpf(Fraction(x).numerator) / Fraction(x).denominator for x in f.evidence["objects"]["z"]]
        w = [mpmath.exp(v - max(z)) for v in z]
        p = [x / mpmath.fsum(w) for x in w]
        S = -mpmath.fsum(q * mpmath.log(q) for q in p)
        assert len(set(z)) >= 2 and S > 0


def test_consistency_identity_sympy_cannot_decide_is_tried_at_random_points():
    from boundcalc.auditing import compare
    from boundcalc.checks import Consistency
    from boundcalc.records import Param, Result, constant

    r = Result("t", "lemma", "t", "synthetic statement", "test", params=(Param("n", "int>=2"), Param("x", "pos")),
               constants=(constant("a", "floor(x*n)"), constant("b", "n*floor(x)")))
    spec = Consistency("floors", "here", "there", a="a", b="b")
    f = compare.run_consistency(r, spec, _ctx())[0]
    assert f.verdict.value == "inconsistent"
    ev = f.evidence
    assert ev["random_points"] and any(row.get("holds") is False for row in ev["random_points"])
    bad = next(row for row in ev["random_points"] if row.get("holds") is False)
    n, x = int(bad["params"]["n"]), Fraction(bad["params"]["x"])
    assert math.floor(x * n) != n * math.floor(x)


# ------------------------------------------------------------------ the vectorised screen


def _floats(v):
    return [_floats(x) for x in v] if isinstance(v, list) else float(v)


def screened_specs():
    return [(rid, s) for rid, s in declared_specs() if s.screen is not None]


@pytest.mark.parametrize("rid,spec", screened_specs(), ids=lambda x: getattr(x, "name", x))
def test_screen_agrees_with_the_declared_hypotheses_and_claim(rid, spec):
    """The float screen is a copy of the hypotheses and the claim in numpy: on exact candidates (hand and
    derived) its 'inside' equals the certified hypotheses and its margin has the claim's sign, wherever
    the float margin is not within rounding of 0."""
    import numpy as np

    s = falsify.Search(spec, 0, search._hand(spec, 0))
    s.run(stop=False, optimise=False)
    checked = 0
    for obj in [o for _, _, o in s.pool][:200]:
        batch = {k: (np.asarray([_floats(v)]) if isinstance(v, list) else
                     np.asarray([v]) if isinstance(spec.objects[k], ob.Index) else
                     np.asarray([float(v)]) if spec.objects[k].continuous else v)
                 for k, v in obj.items()}
        margin, inside = spec.screen(batch)
        assert bool(inside[0]) is True, (rid, obj)
        holds = spec.lhs(obj).compare(spec.rel, spec.rhs(obj))
        if abs(float(margin[0])) > 1e-9 and holds is not None:
            assert (float(margin[0]) > 0) == (holds is False), (rid, obj, float(margin[0]))
        checked += 1
    assert checked >= 50


def test_screen_draws_at_least_1e5_candidates_and_finds_the_weakened_c3():
    from proofs import boltzmann as bz

    spec = dataclasses.replace(_c3_with_threshold(1), sample=None, adversarial=None,
                               screen=bz.screen_derivative(2, 1))
    s = falsify.Search(spec, 0)
    hits = []
    for k, obj in enumerate(s.screened()):
        hits.append(s.judge(f"screened[{k}]", obj))
    assert s.out.screened >= 10 ** 5
    assert any(hits)                                         # a certified violation among the best few
    assert len(hits) <= screen.SCREEN_SHAPES * screen.SCREEN_CONFIRM     # only the best are certified


def test_an_idle_hypothesis_is_detected():
    """The coverage test is not vacuous: a hypothesis no candidate can make bind is reported idle."""
    spec = _c3_with_threshold(3)
    idle = ob.Rel("n <= 10^9", lambda o: len(o["z"]), "<=", lambda o: 10 ** 9)
    spec = dataclasses.replace(spec, hypotheses=None, assume=spec.assume + (idle,))
    out = falsify.coverage(spec, 0, search._hand(spec, 0))
    assert out.tight[idle.text] == 0 and out.rejected_alone[idle.text] == 0
    assert out.tight[spec.assume[0].text] > 0


def test_specials_include_ties_zeros_extremes_and_cross_object_ties():
    spec = next(s for s in C.LEMMA_C6.checks if isinstance(s, Counterexample))
    s = falsify.Search(spec, 0, search._hand(spec, 0))
    for label, o in s.hand:
        s.judge(label, o)
    cands = list(s.specials())
    assert any(len(set(c["a"])) == 1 for c in cands)                       # all entries tied
    assert any(all(x == 0 for x in c["b"]) for c in cands)                  # zeros
    assert any(c["delta"] == 10 ** 6 for c in cands)                        # a huge magnitude
    assert any(c["delta"] == Fraction(1, 2 ** 40) for c in cands)           # a tiny one
    assert any(c["b"] == c["a"] for c in cands)                             # b copied from a
    assert any(c["b"][1:] == c["a"][1:] and c["b"][0] != c["a"][0] for c in cands if len(c["a"]) > 1) or \
        any(c["b"][:-1] == c["a"][:-1] and c["b"] != c["a"] for c in cands)  # all but one entry shared
