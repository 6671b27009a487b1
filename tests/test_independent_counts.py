"""Formulas no check used to evaluate are compared with a computation made another way (CalculatorAgrees):
on the example package (examples/as23_example) a rank formula against a brute-force monomial count, planted
error caught and the true formula left alone; on the paper, the independent values of Lemma 2.5's layer
forms, Theorem 2.4's F.2 form, Theorem B.1's weight counts and Lemma D.1's factor, against hand arithmetic."""
from __future__ import annotations

import dataclasses
import itertools
import os
import sys
from fractions import Fraction

import mpmath
import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "examples"))

from as23_example import results as as23  # noqa: E402

from boundcalc.audit import audit  # noqa: E402
from boundcalc.checks import CalculatorAgrees  # noqa: E402
from boundcalc.findings import Verdict  # noqa: E402
from boundcalc.records import constant  # noqa: E402
from boundcalc.registry import Registry  # noqa: E402


def _monomials(p):
    """Monomials of degree <= g in d variables, counted one by one (independent of any binomial formula)."""
    d, g = int(p["d"]), int(p["g"])
    return {"rank": sum(1 for e in itertools.product(range(g + 1), repeat=d) if sum(e) <= g)}


def _rank_node(formula: str):
    return dataclasses.replace(as23.RANK, uses=(), constants=(constant("rank", formula, "the kernel's rank bound"),),
                               data={"examples": [{"d": "2", "g": "2"}, {"d": "3", "g": "1"}]},
                               checks=(CalculatorAgrees("monomials counted", _monomials, {"rank": "rank"}),))


def _finding(formula: str):
    rep = audit(registry=Registry([_rank_node(formula)]), seed=0, evaluator=False)
    return next(f for f in rep.nodes[0].findings if f.check.startswith("calculator:"))


def test_the_true_rank_formula_is_left_alone():
    f = _finding("binomial(d + g, g)")
    assert f.verdict is Verdict.VERIFIED and not f.flagged


def test_a_planted_rank_formula_is_caught_at_a_point():
    f = _finding("binomial(d + g, g + 1)")      # C(d+g, g+1): 10 at d = 4, g = 3 where 35 monomials exist
    assert f.verdict is Verdict.INCONSISTENT and f.flagged
    # defaults d = 4, g = 3: 35 monomials (C(7, 3)); the planted formula gives C(7, 4) = 35 too, so the
    # first failing point is an example: d = 2, g = 2 has 6 monomials, C(4, 3) = 4
    assert "rank = 6" in f.detail and "rank = 4" in f.detail
    # d = 3, g = 1: 4 monomials, C(4, 2) = 6 -- the second failing point; defaults agree
    assert f.evidence["failures"] == {"failing": 2, "points": 3, "first": "example[0]"}


# ------------------------------------------------------------------ the paper's independent computations


def test_architecture_count_by_hand():
    from proofs.calculator_checks import architecture_parameters

    # attention s x d (three) and d x s (one); FFN width w: w*d + w + d*w + d
    assert architecture_parameters(1, 1, ()) == 4
    assert architecture_parameters(1, 1, (216, 216)) == 4 + 2 * (216 + 216 + 216 + 1)       # 1302
    assert architecture_parameters(3, 2, (4,)) == 4 * 6 + (12 + 4 + 12 + 3)


def test_theorem_b1_counts_by_hand():
    from proofs.calculator_checks import _theorem_b1

    # d = 1, L = 2, eps = 1/2, C = 1, alpha = 2: 1/delta = ceil(2 sqrt 2 / (1/2)) = ceil(5.66) = 6,
    # grid sequences 6^2 = 36, r = max(2*1*2*6, 3*1*2*36) = 216; ell = dLN + L N^{dL} = 12 + 72 = 84
    out = _theorem_b1({"d": "1", "L": "2", "eps": "1/2", "C": "1", "alpha": "2", "s": "1"})
    assert out["params_B"] == 2 * ((2 + 1) * 216 + 1) + 4 == 1302
    assert out["params_A"] == (9 + 4) * 84 + 4 and out["neurons_A"] == 4 * 84


def test_lemma_25_and_theorem_24_forms_by_hand():
    from proofs.calculator_checks import _lemma25, _theorem24

    # d = L = 1, L_p = 2, eps = 1/2, C = 1, alpha = 2: delta* = 1/4, L' = 3, grid 1/delta = 4
    out = _lemma25({"d": "1", "L": "1", "Lp": "2", "eps": "1/2", "C": "1", "alpha": "2"})
    val = {k: (v.value if hasattr(v, "value") else v) for k, v in out.items()}
    assert val["delta_form"].as_fraction() == 4 ** 3
    assert val["F1_expr"].as_fraction() == 2 * 2 ** 3
    assert int(val["value_layers"].as_fraction()) == 4 ** 3                 # L N^{dL'}
    assert int(val["ffn_layers"].as_fraction()) == 1 * 3 * 4 + 4 ** 3       # dL'N + L N^{dL'}
    # Theorem 2.4 at d = L = 1, eps = 1/2: L_p = L N^{dL} = 4, L' = 5, F.2's form dL' (1/(2 delta*))^{dL'}
    f2 = _theorem24({"d": "1", "L": "1", "eps": "1/2", "C": "1", "alpha": "2", "s": "1"})["F2_expr"]
    assert f2.as_fraction() == 5 * 2 ** 5


def test_lemma_d1_factor_from_the_formal_statement():
    from proofs.calculator_checks import _lemma_d1

    mpmath.mp.dps = 30
    v = _lemma_d1({"V": "2", "d": "1"})["c_park"]
    assert abs(mpmath.mpf(v.format(25)) - mpmath.sqrt(8 / mpmath.pi) / 4) < mpmath.mpf(10) ** -20


@pytest.mark.parametrize("rid,spec", [("lemma-2.5", "Lemma 2.5 from Lemma 2.3's delta* and grid"),
                                      ("theorem-2.4", "F.2's width form from Lemma 2.3's delta*"),
                                      ("theorem-B.1", "B.1's weights counted from the architectures"),
                                      ("lemma-D.1", "c_park against the formal statement's t")])
def test_the_paper_nodes_carry_the_checks(rid, spec):
    import proofs

    names = [getattr(c, "name", "") for c in proofs.registry().results[rid].checks]
    assert spec in names
