"""min_gap / gaps_exceed in one pass agree with the definition over every pair i < j (brute force)."""
import random
from fractions import Fraction

import pytest

from proofs.boltzmann import gaps_exceed, min_gap


def pairs_min(z):
    return min(z[i] - z[j] for i in range(len(z)) for j in range(i + 1, len(z)))


def test_one_pass_equals_all_pairs():
    rng = random.Random(3)
    for _ in range(2000):
        n = rng.randint(2, 7)
        z = [Fraction(rng.randint(-20, 20), rng.randint(1, 5)) for _ in range(n)]
        if rng.random() < 0.3:
            z.sort(reverse=True)
        delta = Fraction(rng.randint(-5, 5), rng.randint(1, 3))
        assert min_gap(z) == pairs_min(z)
        assert gaps_exceed(z, delta) == all(z[i] - z[j] > delta for i in range(n) for j in range(i + 1, n))
    assert gaps_exceed([Fraction(1)], Fraction(5))
    with pytest.raises(ValueError):
        min_gap([Fraction(1)])
