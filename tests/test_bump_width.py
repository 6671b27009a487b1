"""The bump FFN's plateau width: the largest power of two 2^-k <= gap/8, computed from bit lengths,
equals the halving loop it replaced (run here as the independent reference)."""
import random

from flint import fmpq

from proofs.constructions.appendix_f import _power_of_two_at_most


def halving(x: fmpq) -> fmpq:
    w = fmpq(1)
    while w > x:
        w /= 2
    return w


def test_matches_the_halving_loop():
    rng = random.Random(5)
    cases = [fmpq(1, 8), fmpq(3), fmpq(1), fmpq(1, 3), fmpq(1, 1024), fmpq(1023, 1024), fmpq(1025, 1024)]
    cases += [fmpq(rng.randint(1, 10 ** 6), rng.randint(1, 10 ** 9)) for _ in range(300)]
    for x in cases:
        assert _power_of_two_at_most(x) == halving(x), x


def test_tiny_gap_without_a_loop():
    x = fmpq(3, 2 ** 5000 + 7)
    w = _power_of_two_at_most(x)
    assert w <= x < 2 * w
