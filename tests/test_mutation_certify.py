"""The harness's criterion for a changed flagged finding (boundcalc.mutation.certify): a moved counterexample
or a changed point list counts as a catch only when the difference is certified. Hand-made searches on one
rational x; every expected verdict follows from arithmetic on the numbers written here."""
from __future__ import annotations

from fractions import Fraction
from types import SimpleNamespace

from boundcalc.checks import Counterexample
from boundcalc.mutation.certify import decide, difference, exact
from boundcalc.objects import Rationals


def _reg(hi, bound):
    """A registry of one node 'n' whose search claims x < bound for x in [0, hi]."""
    spec = Counterexample("c", lhs=lambda o: o["x"], rel="<", rhs=lambda o, b=bound: Fraction(b),
                          objects={"x": Rationals(0, hi)})
    return SimpleNamespace(results={"n": SimpleNamespace(checks=(spec,))}, proof_steps={})


def _sig(x):
    return {"n": {"flagged_evidence": {"counterexample:c": {"objects": {"x": x}, "trial": "t"}}}}


BASE = _reg(10, 5)           # fails for x in [5, 10]; its witness here: x = 7


def test_exact_reads_rationals_only():
    assert exact({"v": ["1/2", "-3", "4"], "k": "2"}) == {"v": [Fraction(1, 2), -3, 4], "k": 2}
    assert exact({"x": "[0.25 +/- 1e-17]"}) is None
    assert exact({"x": "0.1"}) is None


def test_witness_outside_the_original_domain_is_certified():
    ok, how = difference(_sig("7"), _sig("15"), BASE, _reg(20, 5))    # domain widened to [0, 20]
    assert ok and "outside" in how


def test_witness_where_the_original_claim_holds_is_certified():
    ok, how = difference(_sig("7"), _sig("9/2"), BASE, _reg(10, 4))   # 9/2 < 5 holds, 9/2 < 4 fails
    assert ok and "hold" in how


def test_another_witness_of_the_same_false_claim_is_not_certified():
    # the domain widened to [0, 11]: 8 < 5 fails in both, with the same miss 3
    ok, how = difference(_sig("7"), _sig("8"), BASE, _reg(11, 5))
    assert not ok and "same miss" in how


def test_a_witness_whose_miss_moved_is_certified():
    # x < 6 instead of x < 5: 8 fails in both, with misses 8 - 5 = 3 and 8 - 6 = 2
    ok, how = difference(_sig("7"), _sig("8"), BASE, _reg(10, 6))
    assert ok and "moved from 3" in how and "to 2" in how


def test_a_failing_point_nearest_an_end_outside_the_original_domain_is_certified():
    mutated = _sig("8")
    mutated["n"]["flagged_evidence"]["counterexample:c"]["toward_ends"] = {"x upper end": {"x": "20"}}
    ok, how = difference(_sig("7"), mutated, BASE, _reg(20, 5))       # the witness 8 alone certifies nothing
    assert ok and "x upper end" in how and "outside" in how
    mutated["n"]["flagged_evidence"]["counterexample:c"]["toward_ends"] = {"x upper end": {"x": "10"}}
    ok, _ = difference(_sig("7"), mutated, BASE, _reg(20, 5))         # 10 is inside [0, 10]: nothing new
    assert not ok


def test_a_witness_the_mutant_does_not_refute_is_refused():
    # 3 < 5 holds in the mutant too: the evidence is misread, nothing is certified
    ok, how = difference(_sig("7"), _sig("3"), BASE, _reg(10, 5))
    assert not ok and "does not re-read" in how


def test_points_certified_only_when_a_verdict_flips_or_an_exact_miss_moves():
    def sig(holds, value, b="1"):
        return {"n": {"flagged_evidence": {"stated-vs-derived:s": {"points": [
            {"point": "grid[0]", "holds": False, "a": "1", "b": "2"},
            {"point": "grid[1]", "holds": holds, "a": value, "b": b}]}}}}
    ok, how = difference(sig(True, "2"), sig(False, "3"), BASE, BASE)
    assert ok and "grid[1]" in how and "hold before" in how
    ok, how = difference(sig(False, "2"), sig(False, "3"), BASE, BASE)   # both fail; a = 2 -> 3, exact
    assert ok and "miss there moved" in how
    ok, _ = difference(sig(False, "2"), sig(False, "2.0000001"), BASE, BASE)   # within one unit of its last digit
    assert not ok
    ok, _ = difference(sig(False, "2.0000001"), sig(False, "2.0000004"), BASE, BASE)   # 3 units apart
    assert ok
    ok, _ = difference(sig(False, "[2 +/- 1e-9]"), sig(False, "[3 +/- 1e-9]"), BASE, BASE)   # balls as text
    assert not ok
    ok, _ = difference(sig(None, "2"), sig(False, "3"), BASE, BASE)    # undecided before: not certified
    assert not ok


def test_a_new_failing_point_counts_only_outside_the_original_parameter_domain():
    from boundcalc.records import Param

    reg = SimpleNamespace(results={"n": SimpleNamespace(checks=(), params=(Param("L", "posint"),))},
                          proof_steps={})

    def sig(*labels):
        return {"n": {"flagged_evidence": {"consistency:k": {"points": [
            {"point": lab, "params": {"L": val}, "holds": False, "a": "1", "b": "2"} for lab, val in labels]}}}}
    ok, how = difference(sig(("grid[0]", "1")), sig(("grid[0]", "1"), ("edge[L=0]", "0")), reg, reg)
    assert ok and "outside the original's domain" in how and "edge[L=0]" in how
    ok, _ = difference(sig(("grid[0]", "1")), sig(("grid[0]", "1"), ("grid[1]", "3")), reg, reg)   # L = 3 is allowed
    assert not ok


def test_decide_reports_admissibility_and_claim():
    spec = BASE.results["n"].checks[0]
    assert decide(spec, {"x": 11}) == (False, None)
    assert decide(spec, {"x": Fraction(9, 2)}) == (True, True)
    assert decide(spec, {"x": 5}) == (True, False)


def test_a_label_whose_point_moved_is_not_the_same_point():
    def sig(holds, d):
        return {"n": {"flagged_evidence": {"stated-vs-derived:s": {"points": [
            {"point": "grid[0]", "params": {"d": d}, "holds": holds}]}}}}
    ok, _ = difference(sig(True, "1"), sig(False, "2"), BASE, BASE)     # grid[0] is another point now
    assert not ok
    ok, how = difference(sig(True, "1"), sig(False, "1"), BASE, BASE)
    assert ok and "grid[0] (d=1)" in how


def test_an_asymptotic_sample_counts_only_when_an_exact_value_moved():
    def sig(claimed, held="2"):
        return {"n": {"flagged_evidence": {"asymptotic:a": {"variable": "eps", "point": "0", "held": {"d": held},
                                                            "samples": [{"eps": "1/16", "explicit": "8886110.52050787",
                                                                         "claimed": claimed}]}}}}
    ok, how = difference(sig("4096"), sig("65536"), BASE, BASE)     # (1/eps)^3 -> (1/eps)^4 at eps = 1/16
    assert ok and "claimed 4096 before and 65536 after" in how
    ok, _ = difference(sig("4096.0001"), sig("4096.0002"), BASE, BASE)   # decimals: not exact
    assert not ok
    ok, _ = difference(sig("4096"), sig("65536", held="3"), BASE, BASE)  # other held values: another point
    assert not ok


def test_enclosure_of_printed_values_holds_the_value():
    """The printing contract the criterion rests on: every digit numbers prints is correct up to one unit in
    the last place, so the enclosure read back holds the value (checked against Arb at 512 bits)."""
    from flint import arb, ctx

    from boundcalc.mutation.certify import apart, enclosure
    from boundcalc.numbers import Real

    values = [Real(2).log(), Real(1).exp() * Real(10 ** 20), Real(3).sqrt() / Real(10 ** 30), -Real.pi(),
              Real(2).log().exp(), Real(7).exp().exp()]
    old = ctx.prec
    try:
        ctx.prec = 512
        for x in values:
            text = x.format(15)
            lo, hi = enclosure(text)
            ball = x.arb(512)
            assert arb(lo.numerator) / lo.denominator <= ball and ball <= arb(hi.numerator) / hi.denominator, text
    finally:
        ctx.prec = old
    assert enclosure("1/3") == (Fraction(1, 3), Fraction(1, 3))
    assert enclosure("2.5e-3") == (Fraction(24, 10000), Fraction(26, 10000))
    assert enclosure("[0.25 +/- 1e-17]") is None and enclosure("undetermined") is None
    assert enclosure("10^(10^3.5)") is None
    assert apart("2.5e-3", "2.8e-3") and not apart("2.5e-3", "2.7e-3")
