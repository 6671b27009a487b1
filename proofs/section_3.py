"""Section 3 (main text): Problem 1 (APTI) and Hypothesis 1 (SETH)."""
from __future__ import annotations

from boundcalc.checks import Consistency, Custom

from . import reread
from boundcalc.records import Param, Result
from boundcalc.quotes import ProofRef, Quote

PROBLEM_1 = Result(
    id="problem-1", aliases=("apti",), kind="problem", title="Approximate prompt tuning inference APTI(d, L, L_p, B, delta_F)",
    statement=("Given Q_p, K_p, V_p in R^{d x (L_p+L)} with max-norm at most B, output Z~ with "
               "||Z~ - V_p Softmax(K_p^T Q_p)||_max <= delta_F (no 1/d or 1/sqrt(d) scaling of the scores)."),
    location="Sec. 1 and Sec. 3 (Problem 1), p. 3 and p. 13; recalled in App. H.1, p. 51",
    params=(Param("d", "posint", "head dimension", default="8"), Param("L", "posint", "input length", default="64"),
            Param("Lp", "nonnegint", "soft-prompt length", default="64"), Param("B", "pos", "entry bound", default="1"),
            Param("delta_F", "pos", "additive max-norm error", default="1/128")),
    notes="boundcalc apti computes the interval, degree and rank for this problem (docs/apti.md).",
    checks=(
        Custom("eq. (1.3) normalisation", reread.normalisation_axis("eq. (1.3)")),
        Consistency("arity", where_a="Problem 1 (Sec. 1, 3): APTI(d, L, L_p, B, delta_F)",
                    where_b="App. H.1 heading: APTI(d, L, L_p, delta_F); Theorems 3.1/3.2: APTI(L, L_p, d = ..., B = ..., "
                            "delta_F = ...)", agree=False,
                    detail="five, four and reordered five arguments for the same problem"),
        Consistency("error-scale", where_a="Sec. 1: 'realistic setting delta_F = 1/poly(L)'",
                    where_b="Sec. 3: 'delta_F = 1/poly(L_p + L)'", agree=False,
                    detail="not equivalent when L_p is exponential in L (Theorem 2.5 asks L_p >= L lambda, "
                           "lambda = (2C(dL)^{1/alpha}/eps)^{dL})"),
        Consistency("query-matrix", where_a="Sec. 1, before eq. 1.3: Q = W_V X",
                    where_b="Problem 1: Q_p = W_Q X_p", agree=False, detail="typo: the query uses W_Q"),
    ),
    quotes=(
        Quote(r"\text{APTI}(d, L, L_p, B, \delta_F)", "Problem 1", "definition"),
        Quote(r"\text{APTI}(d, L, L_p, \delta_F)", "Problem 1 restated in App. H.1", "definition"),
        Quote(r"\|\tilde{Z} - V_p \text{Softmax}(K_p^\top Q_p)\|_{\max} \leq \delta_F", "Problem 1", "definition"),
        Quote(r"\delta_F > 0", "Problem 1", "hypothesis", declares="domain:delta_F", symbols={r"\delta_F": "delta_F"}),
        Quote(r"B > 0", "Problem 1", "hypothesis", declares="domain:B", symbols={"B": "B"}),
    ),
)

HYPOTHESIS_1 = Result(
    id="hypothesis-1", aliases=("seth",), kind="hypothesis", title="Strong Exponential Time Hypothesis (SETH)",
    statement=("For every eps > 0 there is k >= 3 such that k-SAT on n variables cannot be solved in O(2^{(1-eps)n}) "
               "time, even by randomized algorithms."),
    location="Sec. 3.1 (Hypothesis 1), p. 14",
    source="Impagliazzo & Paturi (2001), as stated in the paper",
    notes="A conjecture: assumed, never verified. It implies P != NP; the paper's 'stronger form of P != NP' is loose wording.",
    quotes=(
        Quote(r"\mathcal{O}(2^{(1-\epsilon)n})", "Hypothesis 1", "statement"),
        Quote(r"k \geq 3", "Hypothesis 1", "statement"),
    ),
)

RESULTS = [PROBLEM_1, HYPOTHESIS_1]
