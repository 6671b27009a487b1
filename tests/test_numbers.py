"""The number model, checked against integer arithmetic and mpmath at high precision."""
import math
from fractions import Fraction

import mpmath
import pytest

from boundcalc.errors import InputError, PrecisionError
from boundcalc.numbers import Real, parse_exact, parse_positive_int


@pytest.mark.parametrize("text,expected", [
    ("0.1", Fraction(1, 10)), ("1e-9", Fraction(1, 10**9)), ("3/7", Fraction(3, 7)),
    (" 5 ", Fraction(5)), ("-2.5E3", Fraction(-2500)), (".5", Fraction(1, 2)), ("6/-4", Fraction(-3, 2)),
])
def test_parse_exact_is_exact(text, expected):
    assert parse_exact(text) == expected


@pytest.mark.parametrize("text", ["nan", "inf", "-inf", "", "1e999999", "2**3", "0x10", "1/0", "__import__('os')",
                                  "1_000", "1.2.3", "e5"])
def test_parse_exact_rejects(text):
    with pytest.raises(InputError):
        parse_exact(text)


def test_parse_rejects_binary_float():
    with pytest.raises(InputError):
        parse_exact(0.1)


def test_positive_int():
    assert parse_positive_int("6/2", "d") == 3
    for bad in ("0", "-1", "2.5"):
        with pytest.raises(InputError):
            parse_positive_int(bad, "d")


def test_radicals_collapse_to_exact_integers():
    # (20*sqrt(6))**6 = 20**6 * 6**3, computed here with integers only
    lam = (2 * Real(6) ** Fraction(1, 2) / Real("0.1")) ** 6
    assert lam.is_integer and lam.as_int() == 20**6 * 6**3
    assert (Real(2).sqrt() * Real(8).sqrt()).as_int() == 4
    assert not Real(12).sqrt().is_rational
    assert (Real(12).sqrt() ** 2).as_int() == 12


def test_certified_ceil_of_irrational_matches_integer_search():
    for n, eps in [(6, Fraction(1, 10)), (7, Fraction(1, 3)), (1000, Fraction(1, 7)), (2, Fraction(1, 1000))]:
        x = 2 * Real(n).sqrt() / Real(eps)
        # smallest N with N >= 2 sqrt(n)/eps  <=>  (N*eps)^2 >= 4n
        N = 1
        while (N * eps) ** 2 < 4 * n:
            N += 1
        assert x.ceil().as_int() == N
        assert x.floor().as_int() == N - 1


def test_ceil_of_exact_integer_is_itself():
    assert (2 * Real(36).sqrt() / Real("0.1")).ceil().as_int() == 120


def test_ceil_undecidable_raises_not_guesses():
    zero_in_disguise = Real(3).log() - Real(3).log()
    with pytest.raises(PrecisionError):
        zero_in_disguise.ceil()
    assert zero_in_disguise.sign() is None


def test_tiny_value_digits_against_mpmath():
    x = Real(-10**50).exp()
    mpmath.mp.dps = 120
    ref = mpmath.exp(-mpmath.mpf(10) ** 50)
    mant, exp = mpmath.nstr(ref, 15).split("e")
    text = x.format(15)
    assert text.split("e")[0] == mant
    assert int(text.split("e")[1]) == int(exp)
    assert x.sign() == 1  # never underflows to 0


def test_huge_power_log10_against_mpmath():
    big = Real(10**3) * (Real(2 * 10**15)) ** (10**6)
    mpmath.mp.dps = 60
    ref = mpmath.log10(1000) + 10**6 * mpmath.log10(2 * 10**15)
    got = big.describe(20)["log10"]
    assert mpmath.almosteq(mpmath.mpf(got), ref, rel_eps=mpmath.mpf(10) ** -18)


def test_tower_printing():
    t = Real(10) ** (Real(10) ** (10**6))
    assert t.format(6) == "10^(10^1000000.0)"
    tiny = 1 / t
    assert tiny.format(6) == "10^(-10^1000000.0)"


def test_three_valued_comparisons():
    b = Real(-10**50).exp()
    assert (1 - b).lt(1) is True and (1 - b).ge(1) is False
    assert Real(2).sqrt().lt(Real("1.4143")) is True
    assert Real(2).sqrt().gt(Real("1.4143")) is False
    assert (Real(3).log() - Real(3).log()).lt(0) is None
    with pytest.raises(TypeError):
        bool(Real(1))


def test_exact_big_powers_compare_exactly():
    a = 1000 * Real(2 * 10**15) ** (10**6)
    b = Real(2 * 10**15) ** (10**6) * 1000
    assert a.eq(b) is True and a.ge(b) is True and a.gt(b) is False
    assert (a / b).as_int() == 1


def test_short_integers_in_full_long_ones_scientific():
    assert Real(10**39).format() == str(10**39)
    assert Real(3 * 10**45).format(5) == "3.0000e+45"
    assert Real(Fraction(1, 3)).format() == "1/3"
    assert Real(Fraction(1, 3)).to_json() == "1/3"


def test_integers_stay_integers():
    x = Real(7) * 6 - 2
    assert x.is_integer and isinstance(x.as_int(), int) and x.as_int() == 40
    assert math.comb(10, 3) == 120  # sanity of the reference used in formula tests


def test_compare_dispatches_every_relation_three_valued():
    two, root2 = Real(2), Real(2).sqrt()
    # sqrt(2) ~ 1.41421 < 2: by hand
    assert [root2.compare(r, two) for r in ("<", "<=", "==", ">=", ">")] == [True, True, False, False, False]
    assert [two.compare(r, 2) for r in ("<", "<=", "==", ">=", ">")] == [False, True, True, True, False]
    undecided = Real(3).log() - Real(3).log()
    assert undecided.compare("<=", 0) is None


def test_value_records_keep_their_keys_at_zero_and_for_huge_exact_powers():
    zero = Real(0).describe()
    assert zero == {"value": "0", "exact": True, "complete": True, "log10": None}
    big = (Real(2) ** 100000) * 3            # kept symbolic: more bits than the exact limit
    rec = big.describe(10)
    assert rec["exact"] is True and rec["complete"] is False
    assert rec["exact_form"] == "3 * 2^100000"
    # log10 by hand: log10(3) + 100000 log10(2)
    assert abs(float(big.describe(20)["log10"]) - (math.log10(3) + 100000 * math.log10(2))) < 1e-8
    tenth = Real(Fraction(1, 10)).describe()
    assert tenth["complete"] is True and tenth["value"] == "1/10"
    root = (Real(6) ** Fraction(1, 2)).describe()
    assert root["exact"] is True and root["complete"] is False and root["exact_form"] == "6^(1/2)"


def test_as_int_expands_huge_exact_powers_within_the_limit_and_refuses_past_it():
    big = (Real(2) ** 300000) * 3
    assert big.as_int() == 3 * 2**300000
    assert big.as_int().bit_length() == 300002
    with pytest.raises(ValueError, match="bits"):
        big.as_int(max_bits=1000)
    with pytest.raises(ValueError):
        (Real(6) ** Fraction(1, 2)).as_int()      # irrational: no integer to give
