"""Declarations: the bounded-entry attention problem and four steps of its polynomial-method upper bound.

What the paper states, and what we add: the problem AAttC(n, d, B, eps_a) and the regime of the upper
bound (d = O(log n), B = o(sqrt(log n)), eps_a = 1/poly(n): time n^{1+o(1)}) are the paper's. Its
polynomial method uses a degree-g approximation of exp on [0, B] with
g = Theta(max{log(1/eps) / log(log(1/eps)/B), B}) (cited from Aggarwal & Alman 2022), whose constants
are not printed; we declare an explicit Taylor instance with constants we derived, the exact rank of
the resulting low-rank factorisation, the entry bound that puts the inputs on [-B^2, B^2], and the error
propagation from a relative entrywise error to the output. Each node's notes say which is which.
"""
from __future__ import annotations

import math
from fractions import Fraction
from itertools import product as cartesian

import sympy as sp
from flint import arb, fmpq

from boundcalc.checks import Custom
from boundcalc.findings import Finding, Verdict
from boundcalc.numbers import Real
from boundcalc.objects import Integers, Rationals, Vectors
from boundcalc.records import Param, Result
from boundcalc.statements import Quantity, Statement, evaluate

B, eps, g, err, d, ip = sp.symbols("B eps g err d ip")
Le = lambda a, b: sp.LessThan(a, b, evaluate=False)   # noqa: E731
Ge = lambda a, b: sp.GreaterThan(a, b, evaluate=False)   # noqa: E731

# ------------------------------------------------------------------ the problem (Definition)

AATTC = Result(
    id="definition-1.2", kind="definition", aliases=("AAttC",),
    title="approximate attention computation AAttC(n, d, B, eps_a)",
    statement="Given Q, K, V in R^{n x d} with entries bounded by B in absolute value, output T with "
              "||T - D^{-1} A V||_inf <= eps_a, where A = exp(Q K^T / d) entrywise and D = diag(A 1_n).",
    location="Sec. 1 (problem definition)",
    params=(Param("n", "posint", "sequence length", default="8"), Param("d", "posint", "head dimension", default="4"),
            Param("B", "pos", "entry bound", default="2"), Param("eps_a", "(0,1)", "additive error", default="1/100")),
    notes="The paper's definition; nothing to compute here.",
)

# ------------------------------------------------------------------ entry bound

ENTRY = Statement(
    variables={"d": Integers(1, 6), "B": Rationals(0, 8, lo_open=True),
               "q": Vectors("d", lambda o: -o["B"], lambda o: o["B"]),
               "k": Vectors("d", lambda o: -o["B"], lambda o: o["B"])},
    quantities=(Quantity("ip", "<q, k> / d", value=lambda o: Fraction(sum(a * b for a, b in zip(o["q"], o["k"])), o["d"])),),
    conclusion=(Le(ip, B ** 2), Ge(ip, -B ** 2)),
)

ENTRY_BOUND = Result(
    id="lemma-entry-bound", kind="lemma", title="entries of Q K^T / d lie in [-B^2, B^2]",
    statement="If every entry of q, k in R^d is at most B in absolute value, then |<q, k>| / d <= B^2.",
    location="used in Sec. 3 to apply the polynomial on a bounded interval", uses=("definition-1.2",),
    params=(Param("d", Integers(1, 6), default="2"), Param("B", Rationals(0, 8, lo_open=True), default="1")),
    formal=ENTRY, checks=(ENTRY.counterexample("entry bound, upper", index=0, trials=80),
                          ENTRY.counterexample("entry bound, lower", index=1, trials=80)),
    notes="Ours, one line: |<q,k>| <= d * B * B.",
)

# ------------------------------------------------------------------ degree of the polynomial (Taylor)


def taylor_error(b: Fraction, degree: int) -> Real:
    """max_{x in [0, b]} (e^x - T_g(x)) = e^b - sum_{k <= g} b^k / k!  (the difference increases in x),
    certified: the exact rational sum against an arb ball of e^b at the precision the comparison asks."""
    t, term = Fraction(0), Fraction(1)
    for k in range(degree + 1):
        if k:
            term = term * b / k
        t += term
    bb, tt = fmpq(b.numerator, b.denominator), fmpq(t.numerator, t.denominator)
    return Real.from_arb_function(lambda: arb(bb).exp() - arb(tt))


def degree_statement(c) -> Statement:
    """e^x - T_g(x) <= eps on [0, B] for g = max(ceil(c B), ceil(B + ln(1/eps)))."""
    g_expr = sp.Max(sp.ceiling(c * B), sp.ceiling(B + sp.log(1 / eps)))

    def error(o):
        gv = evaluate(g_expr, {"B": Real(o["B"]), "eps": Real(o["eps"])}).as_fraction()
        return taylor_error(Fraction(o["B"]), int(gv))

    return Statement(
        variables={"B": Rationals(1, 64), "eps": Rationals(0, Fraction(1, 10), lo_open=True)},
        quantities=(Quantity("g", "max(ceil(c B), ceil(B + ln(1/eps)))", expr=g_expr),
                    Quantity("err", "max_{x in [0,B]} e^x - sum_{k<=g} x^k/k!", value=error)),
        conclusion=(Le(err, eps),),
    )


CORRECT_DEGREE = degree_statement(sp.E ** 2)
PLANTED_DEGREE = degree_statement(sp.E)          # deliberately wrong: the constant must be e^2, not e

TAYLOR_DEGREE = Result(
    id="lemma-taylor-degree", kind="lemma", title="a degree-g polynomial approximates exp on [0, B]",
    statement="For B >= 1 and eps in (0, 1/10), the Taylor polynomial of degree g = max(ceil(e B), "
              "ceil(B + ln(1/eps))) satisfies 0 <= e^x - P(x) <= eps for all x in [0, B].",
    location="the polynomial method of Sec. 3 (the paper cites Aggarwal & Alman 2022 for "
             "g = Theta(max{log(1/eps)/log(log(1/eps)/B), B}))",
    params=(Param("B", Rationals(1, 64), default="2"), Param("eps", Rationals(0, Fraction(1, 10), lo_open=True),
                                                             default="1/20")),
    formal=PLANTED_DEGREE, checks=PLANTED_DEGREE.checks(name="taylor degree", trials=60),
    notes="PLANTED ERROR (deliberate, for the tutorial): the constant e in ceil(e B) is wrong. Ours, derived: "
          "the Lagrange remainder is at most e^B (e B / (g+1))^(g+1) since (g+1)! >= ((g+1)/e)^(g+1); with "
          "g + 1 >= e^2 B the ratio is <= 1/e, and with g + 1 >= B + ln(1/eps) the bound is <= eps. So "
          "max(ceil(e^2 B), ceil(B + ln(1/eps))) is correct; with e it fails, e.g. B = 64, eps = 1/100 "
          "(g = 174, error 0.0168). tests/test_as23_example.py checks both constants.",
)

# ------------------------------------------------------------------ rank of the factorisation


def _monomials(d: int, degree: int) -> int:
    """Brute force: exponent vectors alpha in N^d with |alpha| <= degree."""
    return sum(1 for alpha in cartesian(range(degree + 1), repeat=d) if sum(alpha) <= degree)


def _rank(seed: int) -> list[Finding]:
    """sum_{j<=g} c_j <q,k>^j expands into one product q^alpha k^alpha per monomial: rank <= C(d+g, g),
    and that is the number of monomials of degree <= g in d variables (counted by brute force)."""
    rows = []
    for dd in range(1, 6):
        for gg in range(0, 7):
            brute, formula = _monomials(dd, gg), math.comb(dd + gg, gg)
            rows.append({"d": dd, "g": gg, "brute_force": brute, "formula": formula})
            if brute != formula:
                return [Finding("custom:rank", Verdict.REFUTED, f"at d={dd}, g={gg}: {brute} monomials, formula {formula}",
                                {"rows": rows}, channel="statement")]
    return [Finding("custom:rank", Verdict.VERIFIED, f"C(d+g, g) = brute-force monomial count at all {len(rows)} "
                    "points d <= 5, g <= 6 (evidence at points, not a proof)", {"rows": rows}, channel="statement")]


RANK = Result(
    id="lemma-low-rank", kind="lemma", title="the polynomial kernel has rank at most C(d+g, g)",
    statement="If P has degree g, the n x n matrix P(<q_i, k_j>/d) factors as U1 U2^T with U1, U2 in "
              "R^{n x r}, r = C(d+g, g).",
    location="the low-rank step of Sec. 3", uses=("lemma-taylor-degree", "lemma-entry-bound"),
    params=(Param("d", "posint", default="4"), Param("g", "nonnegint", default="3")),
    checks=(Custom("rank", _rank),),
    no_formal="a factorisation exists for every polynomial of degree g: the engine evaluates no quantifier over "
              "polynomials or matrices; the custom check compares the count C(d+g, g) with a brute-force count",
    notes="Ours: the exact count of monomials; the paper states a rank bound of the same kind (we do not "
          "transcribe its printed form).",
)

# ------------------------------------------------------------------ error propagation


def _avg(weights, values):
    total = sum(weights)
    return sum(w * v for w, v in zip(weights, values)) / total


PROPAGATION = Statement(
    variables={"m": Integers(1, 5), "eps": Rationals(0, Fraction(1, 2), lo_open=True),
               "a": Vectors("m", Fraction(1, 100), 100), "t": Vectors("m", -1, 1), "v": Vectors("m", -1, 1)},
    quantities=(Quantity("gap", "|sum_j a_j (1 + eps t_j) v_j / sum_j a_j (1 + eps t_j) - sum_j a_j v_j / sum_j a_j|",
                         value=lambda o: abs(_avg([a * (1 + o["eps"] * t) for a, t in zip(o["a"], o["t"])], o["v"])
                                             - _avg(o["a"], o["v"]))),),
    conclusion=(Le(sp.Symbol("gap"), 4 * eps),),
)

PROPAGATE = Result(
    id="lemma-error-propagation", kind="lemma",
    title="a relative entrywise error eps moves each output entry by at most 4 eps ||V||_inf",
    statement="If (1-eps) A <= A~ <= (1+eps) A entrywise with eps <= 1/2, then "
              "||D~^{-1} A~ V - D^{-1} A V||_inf <= 4 eps ||V||_inf.",
    location="the error analysis of Sec. 3", uses=("definition-1.2",),
    params=(Param("eps", Rationals(0, Fraction(1, 2), lo_open=True), default="1/10"),),
    formal=PROPAGATION, checks=PROPAGATION.checks(name="error propagation", trials=80),
    notes="Ours: each output entry is a weighted average of a column of V (||V||_inf = 1 here, entries in "
          "[-1, 1]); relative weight changes are at most (1+eps)/(1-eps) - 1 = 2 eps/(1-eps) <= 4 eps.",
)

RESULTS = [AATTC, ENTRY_BOUND, TAYLOR_DEGREE, RANK, PROPAGATE]
