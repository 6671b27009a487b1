"""Vector membership checked entry by entry without a generator (issue 23): the same answers as the
definition (exact entries, not bools, inside the closed range; length, order, distinctness)."""
import random
from fractions import Fraction

from boundcalc import objects as ob


def _definition(dom, v, env):
    lo = None if dom.lo is None else Fraction(ob._resolve(dom.lo, env))
    hi = None if dom.hi is None else Fraction(ob._resolve(dom.hi, env))
    if not isinstance(v, (list, tuple)) or not ob._length_ok(dom.length, len(v), env):
        return False
    if not all(isinstance(e, (int, Fraction)) and not isinstance(e, bool) and (lo is None or lo <= e)
               and (hi is None or e <= hi) for e in v):
        return False
    if dom.distinct and len(set(v)) != len(v):
        return False
    pairs = list(zip(v, v[1:]))
    if dom.order == "decreasing" and not all(a > b for a, b in pairs):
        return False
    return not (dom.order == "increasing" and not all(a < b for a, b in pairs))


def test_vector_membership_is_the_definition():
    rng = random.Random(2)
    doms = [ob.Vectors(3), ob.Vectors("n", lo=-1, hi=1), ob.Vectors((1, 4), lo=0, order="decreasing"),
            ob.Vectors(3, hi=Fraction(5, 2), distinct=True), ob.Vectors(2, lo=lambda e: Fraction(-1, 3))]
    pool = [0, 1, -1, 2, 3, True, False, 0.5, Fraction(1, 2), Fraction(-1, 3), Fraction(5, 2), Fraction(7, 2), "x"]
    for _ in range(3000):
        dom = rng.choice(doms)
        v = [rng.choice(pool) for _ in range(rng.randint(0, 4))]
        if rng.random() < 0.1:
            v = tuple(v)
        env = {"n": [0] * rng.randint(2, 3)}
        assert dom.contains(v, env) is _definition(dom, v, env), (dom, v)
