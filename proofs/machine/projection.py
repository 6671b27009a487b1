"""Lemma D.1 (Park et al. 2021, Lemma 13): a random unit vector keeps a finite set apart (union bound)."""
from __future__ import annotations

import sympy as sp

from boundcalc.prover import Axiom, Domain, ProofRecord, Step

S = sp.Symbol
Gt = lambda a, b: sp.StrictGreaterThan(a, b, evaluate=False)  # noqa: E731
Lt = lambda a, b: sp.StrictLessThan(a, b, evaluate=False)     # noqa: E731
Le = lambda a, b: sp.LessThan(a, b, evaluate=False)           # noqa: E731
Ge = lambda a, b: sp.GreaterThan(a, b, evaluate=False)        # noqa: E731

N, d, q, t, c, Pg, Pb = (S(x) for x in ("N", "d", "q", "t", "c_d", "P_good", "P_bad"))
UV, UU, VV, QUQV = (S(x) for x in ("u_dot_v", "u_dot_u", "v_dot_v", "Qu_dot_Qv"))
pi = sp.pi
STATEMENT = ("for finite X in R^d (N = |X|) and t = N^{-2} sqrt(8/(pi d)) some unit u has t ||x - x'|| <= |u^T(x - x')| "
             "<= ||x - x'|| for all x, x' in X; P_good is the probability that a uniform unit u meets every lower "
             "bound (the upper bounds hold for every unit u by Cauchy-Schwarz), and P_good > 0 gives the u")
LATEX = r"\frac{1}{|\mathcal{X}|^2} \sqrt{\frac{8}{\pi d}} \|x - x'\| \leq |u^\top (x - x')| \leq \|x - x'\|"
GOAL = Le(q * pi * N ** 2, 4)       # the per-pair failure probability is at most 4/(pi N^2)


def _axioms():
    return [
        Axiom("cauchy_schwarz", "|u^T v| <= ||u|| ||v|| = ||v|| for a unit u; squared, over the inner products "
              "u_dot_v = u^T v, u_dot_u = u^T u, v_dot_v = v^T v of u, v in R^d: u_dot_v^2 <= u_dot_u v_dot_v",
              "Cauchy-Schwarz inequality", formula=Le(UV ** 2, UU * VV)),
        Axiom("union", "P_good >= 1 - P_bad and P_bad <= (N(N-1)/2) q, q := the largest probability over pairs "
              "x != x' that |u^T(x - x')| < t ||x - x'||", "union bound (Boole's inequality)",
              formula=sp.And(Ge(Pg, 1 - Pb), Le(Pb, N * (N - 1) / 2 * q))),
        Axiom("rotation", "by rotation invariance of the uniform measure on the sphere, the failure probability of a "
              "pair is Pr(|u_1| < t), the same for every pair. Formal part: an orthogonal Q (here the Cayley "
              "transform (I - A)(I + A)^{-1} of a skew-symmetric A) keeps inner products, Qu_dot_Qv = "
              "(Qu)^T(Qv) = u^T v = u_dot_v; a Q taking (x - x')/||x - x'|| to e_1 then turns the pair's event "
              "into |(Qu)_1| < t. That the uniform measure on S^{d-1} (the normalised surface measure, defined by "
              "inner products alone) is carried to itself by such a Q is measure theory, not a computation",
              "symmetry of the uniform measure on S^{d-1}", formula=sp.Eq(QUQV, UV)),
        Axiom("cap_d1", "d = 1: u = +-1, so |u_1| = 1 and Pr(|u_1| < t) = 0 when t < 1", "S^0 = {-1, 1}",
              formula=sp.Implies(sp.And(Le(d, 1), Lt(t, 1)), Le(q, 0))),
        Axiom("cap_d2", "d = 2: Pr(|u_1| < t) = (2/pi) arcsin t <= t for t in [0, 1] (arcsin is convex on [0, 1], "
              "so it lies below its chord (pi/2) t)", "uniform measure on the circle; convexity of arcsin",
              formula=sp.Implies(sp.And(sp.Eq(d, 2), Lt(t, 1)), Le(q, t))),
        Axiom("cap_d3", "d >= 3: u_1 has density c_d (1 - x^2)^{(d-3)/2} <= c_d on [-1, 1], "
              "c_d = Gamma(d/2)/(sqrt(pi) Gamma((d-1)/2)), so Pr(|u_1| < t) <= 2 t c_d",
              "marginal of the uniform measure on S^{d-1} (e.g. Fang, Kotz & Ng 1990, Symmetric Multivariate "
              "and Related Distributions, Sec. 2.1)", formula=sp.Implies(Ge(d, 3), Le(q, 2 * t * c))),
        Axiom("gautschi", "Gautschi's inequality Gamma(x + 1)/Gamma(x + 1/2) < (x + 1)^{1/2} for x > 0, at "
              "x = d/2 - 1 (d >= 3): c_d < sqrt(d/(2 pi)), i.e. 2 pi c_d^2 < d",
              "Gautschi 1959, J. Math. Phys. 38; DLMF 5.6.4", formula=sp.Implies(Ge(d, 3), Lt(2 * pi * c ** 2, d))),
        Axiom("q_nonneg", "q is a probability: 0 <= q", "probability", formula=Ge(q, 0)),
        Axiom("c_pos", "c_d > 0", "Gamma is positive on (0, oo)", formula=Gt(c, 0)),
    ]


def _case(cond_steps):
    return [Step(*x) for x in cond_steps]


def d1(result_id: str = "lemma-D.1") -> ProofRecord:
    case_n1 = [("pb0", Le(Pb, 0), "z3_nonlinear", ("union", "split.case0", "q_nonneg")),
               ("done1", Gt(Pg, 0), "z3_nonlinear", ("union", "pb0"))]
    d_cases = [
        (Le(d, 1), _case([("q0", Le(q, 0), "z3_linear", ("cap_d1", "pair.case0", "t_small")),
                             ("g1", GOAL, "z3_nonlinear", ("q0", "q_nonneg", "N"))])),
        (sp.Eq(d, 2), _case([("q1", Le(q, t), "z3_linear", ("cap_d2", "pair.case1", "t_small")),
                                ("sq1", Le((q * pi * N ** 2) ** 2, 4 * pi), "z3_nonlinear",
                                 ("q1", "q_nonneg", "t_def", "pair.case1", "pi3")),
                                ("g2", GOAL, "z3_nonlinear", ("sq1", "pi4", "pi3", "q_nonneg", "N"))])),
        (Ge(d, 3), _case([("q2", Le(q, 2 * t * c), "z3_nonlinear", ("cap_d3", "pair.case2")),
                             ("sq2", Le((q * pi * N ** 2) ** 2, 32 * pi * c ** 2 / d), "z3_nonlinear",
                              ("q2", "q_nonneg", "t_def", "pair.case2", "pi3", "c_pos")),
                             ("ga", Lt(32 * pi * c ** 2 / d, 16), "z3_nonlinear", ("gautschi", "pair.case2")),
                             ("g3", GOAL, "z3_nonlinear", ("sq2", "ga", "q_nonneg", "pi3", "N"))])),
    ]
    case_n2 = [
        ("t_small", Lt(t, 1), "z3_nonlinear", ("t_def", "split.case1", "pi3", "d")),
        ("pair", GOAL, "cases", ("d",)),
        ("pb", Le(Pb * pi * N, 2 * (N - 1)), "z3_nonlinear", ("union", "pair", "split.case1", "q_nonneg", "pi3")),
        ("done2", Gt(Pg, 0), "z3_nonlinear", ("union", "pb", "pi3", "split.case1")),
    ]
    sub2 = []
    for name, claim, tac, prem in case_n2:
        opts = {"cases": d_cases} if tac == "cases" else {}
        sub2.append(Step(name, claim, tac, prem, options=opts))
    return ProofRecord(
        result_id, STATEMENT, latex=LATEX,
        hypotheses={"N": Ge(N, 1), "d": Ge(d, 1),
                    "t_def": sp.And(sp.Eq(t ** 2 * pi * d * N ** 4, 8), Gt(t, 0))},
        variables={N: Domain(1, None, integer=True), d: Domain(1, None, integer=True)},
        formula=Gt(Pg, 0), axioms=_axioms(),
        steps=[Step("pi3", Gt(pi, 3), "interval", note="constant, certified with arb"),
               Step("pi4", Lt(pi, 4), "interval", note="constant, certified with arb"),
               Step("split", Gt(Pg, 0), "cases", ("N",),
                    options={"cases": [(sp.Eq(N, 1), [Step(*x) for x in case_n1]), (Ge(N, 2), sub2)]},
                    note="N = 1: no pair, P_bad = 0; N >= 2: per-pair failure <= 4/(pi N^2) in each dimension, "
                         "union over N(N-1)/2 pairs gives P_bad <= 2(N-1)/(pi N) < 1")],
        conclusion="split")
