"""The second worked example (examples/as23_example, Alman & Song 2023): its one deliberately wrong
constant is refuted at default effort for every seed 0-19, with a counterexample we recompute here by
other means; the true declarations (and the corrected constant) raise no alarm."""
from __future__ import annotations

import dataclasses
import math
import os
import sys
from fractions import Fraction

import mpmath
import pytest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "examples"))

import as23_example  # noqa: E402
from as23_example import results  # noqa: E402

from boundcalc.audit import audit  # noqa: E402
from boundcalc.findings import Verdict  # noqa: E402
from boundcalc.registry import Registry  # noqa: E402

PLANTED = "lemma-taylor-degree"


def _independent_error(b: Fraction, eps: Fraction, c: float) -> tuple[int, mpmath.mpf]:
    """g from its definition and e^B - T_g(B) with mpmath at 200 digits (a second method)."""
    with mpmath.workdps(200):
        g = max(math.ceil(mpmath.mpf(c) * mpmath.mpf(b.numerator) / b.denominator),
                math.ceil(mpmath.mpf(b.numerator) / b.denominator + mpmath.log(mpmath.mpf(eps.denominator) / eps.numerator)))
        x = mpmath.mpf(b.numerator) / b.denominator
        return g, mpmath.e ** x - mpmath.fsum(x ** k / mpmath.factorial(k) for k in range(g + 1))


@pytest.mark.parametrize("seed", range(20))
def test_planted_constant_is_refuted_for_every_seed(seed):
    node = audit(registry=as23_example.registry(), node=PLANTED, seed=seed, evaluator=False).nodes[0]
    refuted = [f for f in node.findings if f.verdict is Verdict.REFUTED]
    assert node.statement.status == "refuted" and refuted, node.statement
    ev = refuted[0].evidence
    b, eps = Fraction(ev["objects"]["B"]), Fraction(ev["objects"]["eps"])
    assert 1 <= b <= 64 and 0 < eps < Fraction(1, 10)           # strictly inside the declared domains
    with mpmath.workdps(200):
        g, err = _independent_error(b, eps, mpmath.e)
        assert err > mpmath.mpf(eps.numerator) / eps.denominator   # the statement as written fails there


def test_corrected_constant_raises_no_alarm():
    right = results.degree_statement(results.sp.E ** 2)
    node = dataclasses.replace(results.TAYLOR_DEGREE, formal=right, checks=right.checks(name="taylor degree", trials=60))
    for seed in (0, 1):
        n = audit(registry=Registry([node]), seed=seed, evaluator=False).nodes[0]
        assert not [f for f in n.findings if f.verdict is Verdict.REFUTED], n.findings
    # and the derived bound really holds at a corner the search uses (second method)
    with mpmath.workdps(200):
        g, err = _independent_error(Fraction(64), Fraction(1, 2 ** 40), mpmath.e ** 2)
        assert 0 < err <= mpmath.mpf(2) ** -40


def test_the_other_declarations_raise_no_alarm():
    rep = audit(registry=as23_example.registry(), seed=0, evaluator=False)
    status = {n.id: n.statement.status for n in rep.nodes}
    assert status.pop(PLANTED) == "refuted"
    assert set(status.values()) <= {"unknown", "verified-at-points"}, status


def test_rank_formula_is_the_monomial_count():
    for d in range(1, 5):
        for g in range(0, 5):
            assert results._monomials(d, g) == math.comb(d + g, g)
