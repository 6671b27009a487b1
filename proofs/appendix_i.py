"""Appendix I (limitations): Assumption I.1 and Corollary I.0.1 (Wang et al.'s unmemorizable dataset).

The numeric failure example lives in proofs/constructions/ (another module); here are the statements
and their text-level checks.
"""
from __future__ import annotations

from boundcalc.checks import Consistency
from boundcalc.records import Result
from boundcalc.quotes import ProofRef, Quote

ASSUMPTION_I1 = Result(
    id="assumption-I.1", aliases=("I.1",), kind="assumption", title="Range, full-rank and distinctness assumption",
    statement=("Every label token Y^(i)_{:,k} lies in the range of f^(FF); W_Q, W_K, W_V, W_O have full rank; and the "
               "attention outputs f^(SA)(X^(i)) are pairwise distinct."),
    location="App. I.2 (Assumption I.1), p. 54",
    notes=("'Full rank' for the s x d weights means rank min(s, d). The assumption does not ask the FFN to be "
           "invertible, which the argument of I.1 (taking f^(FF)^{-1}) and Wang et al.'s Theorem 2 use "
           "(as the notes recall [M])."),
    quotes=(
        Quote(r"f^{(SA)}(X^{(i)})", "Assumption I.1", "hypothesis"),
    ),
)

COROLLARY_I01 = Result(
    id="corollary-I.0.1", aliases=("I.0.1",), kind="corollary", title="Prompt tuning fails to memorize (Wang et al. Theorem 2)",
    statement=("For any pretrained single-layer transformer tau there is a dataset of two two-token examples "
               "X^(1) = [x_1^(1), x^*], X^(2) = [x_1^(2), x^*] (labels Y^(1), Y^(2)) that no prompt P of any length L_p "
               "memorizes exactly."),
    location="App. I.2 (Corollary I.0.1, Remark I.1), p. 54-55",
    uses=("ext-wang23-theorem-2", "assumption-I.1"),
    notes=("Read with Assumption I.1 and an invertible FFN, this is Wang et al.'s Theorem 2 as the notes recall it [M]. "
           "It does not contradict Theorem 2.5: that theorem builds its own tau for a tolerance eps, while the "
           "corollary fixes tau and asks for exact equality. Assumption I.1 is stated immediately before the "
           "corollary, so its scope is clear in context (no finding)."),
    checks=(
        Consistency("unbound-names", where_a="Corollary I.0.1 dataset: x_1^(1), x_1^(2), x^*, y_1^(i), y_2^(i)",
                    where_b="Corollary I.0.1: 'tau([P, x_i]) = y_i holds for any i = 1, 2. The vectors x_0, x_1, x_2 "
                            "are denoted post positional encodings'", agree=False,
                    detail="x_0, x_1, x_2, x_i, y_i are never bound (Wang et al.'s names [M]); the condition should read "
                           "tau([P, X^(i)])_{:, L_p:} = Y^(i)"),
    ),
    quotes=(
        Quote(r"\tau([P, x_i]) = y_i", "Corollary I.0.1", "claim"),
    ),
    proof_refs=(
        ProofRef("", "assumption-I.1", note="stated immediately before the corollary, which relies on it without citing it"),
    ),
)

RESULTS = [ASSUMPTION_I1, COROLLARY_I01]
