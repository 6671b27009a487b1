"""Quote notation of issue 24: sums and products with limits, norms, set-builder domains, epsilon
variants, logarithms and max/min with subscripts. Each case must parse and match the declared formula,
and a wrong transcription of it must be a certified mismatch (never a match, never only undecided)."""
from __future__ import annotations

from fractions import Fraction

import pytest

from boundcalc.domains import edges
from boundcalc.objects import FiniteSet, Integers, Rationals
from boundcalc.quotes import Quote, compare, parse
from boundcalc.records import Param, Result, constant

POINTS = [("p1", {"n": "3", "a": "5/2", "eps": "1/3", "x": "-7/4"}), ("p2", {"n": "5", "a": "3", "eps": "2/5", "x": "2"})]


def _node(formula: str, eps_latex: str | None = None) -> Result:
    return Result(id="lemma-1", kind="lemma", title="t", statement="s", location="l",
                  params=(Param("n", "posint", default="3"), Param("a", "pos", default="2"),
                          Param("eps", "(0,1)", default="1/2", latex=eps_latex), Param("x", "real", default="1")),
                  constants=(constant("C", formula),))


def _status(latex: str, formula: str, eps_latex: str | None = None) -> str:
    return compare(Quote(latex, "test", declares="C"), _node(formula, eps_latex), POINTS).status


# (printed LaTeX, the declared formula it states, a wrong declaration that differs at the points)
CASES = [
    ("sum", r"\sum_{i=1}^{n} i", "n*(n+1)/2", "n*(n-1)/2"),
    ("sum-squares", r"\sum_{i = 1}^{n} i^{2} + 1", "n*(n+1)*(2*n+1)/6 + 1", "n*(n+1)*(2*n+1)/6"),
    ("sum-in", r"\sum_{k \in [n]} 2^{k}", "2**(n+1) - 2", "2**(n+1) - 1"),
    ("prod", r"\prod_{k=1}^{n} \frac{k+1}{k}", "n + 1", "n"),
    ("prod-const", r"\prod_{j=1}^{n} 2 a", "(2*a)**n", "2*a**n"),
    ("norm", r"\|x\|_2^2 + \lVert a \rVert", "x**2 + a", "x + a"),
    ("norm-abs", r"\| x \|_{\infty}", "abs(x)", "x"),
    ("log-ln", r"\ln n + \log(a)", "log(n*a)", "log(n+a)"),
    ("log-base", r"\log_2 (n a)", "log(n*a)/log(2)", "log(n*a)"),
    ("max-sub", r"\max_{1 \leq k \leq 3} k a", "3*a", "2*a"),
    ("min-sub", r"\min_{k \in \{1, 2\}} (k + a)", "a + 1", "a + 2"),
    ("max-plain", r"\max(a, 3) + \min\{n, 2\}", "max(a, 3) + min(n, 2)", "max(a, 3) + min(n, 3)"),
]


@pytest.mark.parametrize("name,latex,right,wrong", CASES, ids=[c[0] for c in CASES])
def test_notation_parses_and_matches(name, latex, right, wrong):
    parse(latex)                                   # must parse on its own
    assert _status(latex, right) == "match"


@pytest.mark.parametrize("name,latex,right,wrong", CASES, ids=[c[0] for c in CASES])
def test_wrong_transcription_is_rejected(name, latex, right, wrong):
    assert _status(latex, wrong) == "mismatch"


def test_sum_body_is_the_next_term_and_vectors_are_indexed():
    import sympy

    expr, keys = parse(r"\sum_{i=1}^{n} x_i y_i - 1")
    assert isinstance(expr, sympy.Add) and -1 in expr.args
    s = next(a for a in expr.args if isinstance(a, sympy.Sum))
    assert s.function.atoms(sympy.Indexed) and {"x", "y", "n"} <= set(keys)


@pytest.mark.parametrize("printed", [r"\epsilon", r"\varepsilon"])
def test_epsilon_variants_map_to_the_declared_eps(printed):
    # a parameter named eps, with or without a declared LaTeX name, is what \epsilon and \varepsilon denote
    assert _status(rf"\frac{{1}}{{{printed}^2}}", "1/eps**2") == "match"
    assert _status(rf"\frac{{1}}{{{printed}^2}}", "1/eps**2", eps_latex=r"\varepsilon") == "match"
    assert _status(rf"\frac{{1}}{{{printed}}}", "1/eps**2") == "mismatch"


def _domain_status(latex: str, domain) -> str:
    r = Result(id="lemma-2", kind="lemma", title="t", statement="s", location="l",
               params=(Param("delta", domain, default=edges(domain)[0], latex=r"\delta"),))
    return compare(Quote(latex, "test", role="hypothesis", declares="domain:delta"), r).status


@pytest.mark.parametrize("latex,domain,wrong", [
    (r"\delta \in \{ t \in \mathbb{R} : 0 < t \leq 1 \}", "(0,1]", "(0,1)"),
    (r"\delta \in \{ t : 0 < t < 1 \}", Rationals(0, 1, lo_open=True, hi_open=True), "(0,1]"),
    (r"\delta \in \{ t \in \mathbb{Z} : 1 \leq t \leq 4 \}", Integers(1, 4), Integers(1, 5)),
    (r"\delta \in \{1, 2, 3\}", FiniteSet((1, 2, 3)), FiniteSet((1, 2))),
    (r"0 \leq \delta < \frac{1}{2}", Rationals(0, Fraction(1, 2), hi_open=True), "(0,1)"),
])
def test_set_builder_and_object_domains(latex, domain, wrong):
    assert _domain_status(latex, domain) == "match"
    assert _domain_status(latex, wrong) == "mismatch"
