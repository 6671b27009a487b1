"""Appendix H (Section 3): AttC (Definition H.1), Lemmas H.1/H.2 (Alman & Song), Theorems 3.1 and 3.2."""
from __future__ import annotations

import math
from fractions import Fraction

from boundcalc.checks import Citation, Consistency, Custom
from boundcalc.findings import Finding, Verdict
from boundcalc.records import Param, Result
from boundcalc.quotes import ProofRef, Quote

from . import impact, reread

N_PARAMS = (Param("n", "int>=2", "number of tokens n = L_p + L", default="1048576"),
            Param("d", "posint", "head dimension", default="14"),
            Param("B", "pos", "entry bound", default="1"))

SCALING_DETAIL = (
    "Definition H.1 (and Problem 1) use A = exp(QK^T); Alman & Song use A = exp(QK^T/d) [V, notes apti.md §2.1]. "
    "exp(QK^T) = exp((sqrt(d) Q)(sqrt(d) K)^T / d), so the paper's bound B is Alman-Song's bound B*sqrt(d): every "
    "threshold on B moves by a factor sqrt(d) = Theta(sqrt(log n)) when d = Theta(log n)")


def _convention_numbers(seed: int) -> list[Finding]:
    """Certified degree and rank of the polynomial method under both conventions (boundcalc.apti)."""
    from boundcalc.apti import apti_plan

    rows = []
    for k in (16, 32, 64):               # n = 2^k tokens, d = ceil(ln n), B = (ln n)^{1/4} rounded down to 1/8
        n = 2 ** k
        d = math.ceil(k * math.log(2))
        lnn = k * math.log(2)
        B = Fraction(math.floor(8 * lnn ** 0.25), 8)   # a display choice of B = o(sqrt(log n)); B itself is exact
        row = {"n": f"2^{k}", "d": str(d), "B": f"{B.numerator}/{B.denominator}", "delta_F": f"2^-{k}"}
        for scale in ("1/d", "none"):
            plan = apti_plan(n=n, d=d, B=B, delta_F=Fraction(1, n), scale=scale)
            data = plan.to_dict()
            g = data["degree"].get("certified_degree")
            r = data["rank"].get("r")
            row[scale] = {"R": data["interval"]["R_decimal"], "degree": g, "rank": r,
                          "log_n_rank": None if r is None else f"{math.log(int(r)) / math.log(n):.3f}",
                          "note": data["degree"].get("note", "")}
        rows.append(row)
    seq = {sc: ", ".join(str(row[sc]["log_n_rank"]) for row in rows) for sc in ("1/d", "none")}
    detail = ("certified degree g (Chebyshev, minimal for its bound) and rank r = C(d+g, g) at n = 2^16, 2^32, 2^64, "
              "d = ceil(ln n), B ~ (ln n)^{1/4}, delta_F = 1/n: with Alman-Song's 1/d scaling the score interval is "
              "[-B^2, B^2] and log_n r is " + seq["1/d"] + " (falling with n, as n^{o(1)} "
              "predicts); with the "
              "paper's unscaled exp(QK^T) it is [-d B^2, d B^2] and log_n r is " + seq["none"] + " (rising). "
              "Finite n "
              "cannot decide an o(1) exponent: illustration only")
    return [Finding("custom:convention-numbers", Verdict.UNKNOWN, detail, {"rows": rows})]


DEFINITION_H1 = Result(
    id="definition-H.1", aliases=("H.1-def", "attc"), kind="definition",
    title="Approximate attention computation AttC(n, d, B, eps_a)",
    statement=("Given Q, K, V in R^{n x d} with max-norm at most B, output T with ||T - D^{-1} A V||_max <= eps_a, "
               "A = exp(QK^T), D = diag(A 1_n)."),
    location="App. H (Definition H.1, cited as Definition 1.2 of Alman & Song), p. 51",
    params=N_PARAMS,
    uses=("ext-as23-theorem-1.4",),
    checks=(
        Consistency("problem-name", where_a="Definition H.1: AttC(n, d, B, eps_a)",
                    where_b="Lemmas H.1, H.2: AAttC(n, d, B, eps_a)", agree=False,
                    detail="the lemmas name the problem AAttC, the definition AttC"),
        Consistency("score-scaling", where_a="Definition H.1: A := exp(QK^T)",
                    where_b="Alman & Song (2023): A = exp(QK^T/d) [V, notes apti.md §2.1]",
                    a="d*B**2", b="B**2", relation="==",
                    grid=({"n": "1048576", "d": "14", "B": "1"}, {"n": "4294967296", "d": "23", "B": "2"}),
                    detail="largest possible |score|: d B^2 under the paper's convention, B^2 under Alman-Song's; "
                           + SCALING_DETAIL),
    ),
    quotes=(
        Quote(r"\|T - D^{-1}AV\|_{\max} \leq \epsilon_a", "Definition H.1", "definition"),
        Quote(r"B > 0", "Definition H.1", "hypothesis", declares="domain:B", symbols={"B": "B"}),
    ),
    proof_refs=(
        ProofRef("Definition 1.2 in [Alman and Song, 2023]", "ext-as23-theorem-1.4",
                 note="the heading cites Alman and Song's Definition 1.2, the problem their Theorem 1.4 solves"),
    ),
)

LEMMA_H1 = Result(
    id="lemma-H.1", aliases=("H.1",), kind="lemma", title="Fine-grained upper bound (Alman & Song Theorem 1.4)",
    statement="AttC(n, d = O(log n), B = o(sqrt(log n)), eps_a = 1/poly(n)) is solvable in T_mat(n, n^{o(1)}, d) = n^{1+o(1)} time.",
    location="App. H (Lemma H.1), p. 51",
    params=N_PARAMS,
    uses=("ext-as23-theorem-1.4", "definition-H.1"),
    notes=("Under Definition H.1's unscaled exp(QK^T) the restatement does not follow from Alman & Song: their "
           "B = o(sqrt(log n)) becomes B = o(1) here when d = Theta(log n). Worse, assuming SETH it is false as "
           "restated: rescaling Q, K by 1/sqrt(d) and V by 1/sqrt(d) maps Alman-Song's hard instances "
           "(d = C log n, B = C_b sqrt(log n), error n^{-C_a}) to unscaled instances with B = C_b/sqrt(C), a constant, "
           "hence o(sqrt(log n)), with error n^{-C_a}/sqrt(d) = 1/poly(n) [D from V items]. Corrected (paper's "
           "convention): B = o(sqrt(log n / d)), i.e. o(1) for d = Theta(log n). The name 'AAttC' is used for "
           "Definition H.1's 'AttC'."),
    checks=(
        Citation("scaling", cited="ext-as23-theorem-1.4",
                 uses_as="Lemma H.1 restates Alman & Song Theorem 1.4 (A = exp(QK^T/d) [V], B = o(sqrt(log n))) with "
                         "A = exp(QK^T) and the same B", agree=False,
                 detail=SCALING_DETAIL + "; the restated bound needs B*sqrt(d) = o(sqrt(log n))"),
        Custom("SETH reduction", impact.seth_reduction),
    ),
    quotes=(
        Quote(r"\mathcal{T}_{\text{mat}}(n, n^{o(1)}, d) = n^{1+o(1)}", "Lemma H.1", "claim"),
        Quote(r"B > 0", "Definition H.1", "hypothesis", declares="domain:B", symbols={"B": "B"}),
    ),
    proof_refs=(
        ProofRef(r"\text{AAttC}", "definition-H.1", note="the problem of Definition H.1, by name (printed AAttC for AttC)"),
    ),
)

LEMMA_H2 = Result(
    id="lemma-H.2", aliases=("H.2",), kind="lemma", title="Fine-grained lower bound (Alman & Song Theorem 1.3)",
    statement=("Assuming SETH, for every q > 0 there are C, C_a, C_b > 0 such that AttC(n, d = C log n, "
               "B = C_b sqrt(log n), eps_a = n^{-C_a}) has no O(n^{2-q})-time algorithm."),
    location="App. H (Lemma H.2), p. 51",
    params=N_PARAMS,
    uses=("ext-as23-theorem-1.3", "hypothesis-1", "definition-H.1"),
    notes=("Holds under either convention: Alman-Song's hard instances become unscaled instances with entries at "
           "most C_b/sqrt(C) <= C_b sqrt(log n), so hardness transfers (and in the paper's convention already holds "
           "at constant B) [D]."),
    checks=(
        Citation("scaling", cited="ext-as23-theorem-1.3",
                 uses_as="Lemma H.2 restates Alman & Song Theorem 1.3 (A = exp(QK^T/d) [V]) with A = exp(QK^T)",
                 agree=True,
                 detail="for a lower bound the convention change only strengthens the statement: unscaled entries "
                        "C_b/sqrt(C) are within B = C_b sqrt(log n) for n >= e"),
    ),
    quotes=(
        Quote(r"\mathcal{O}(n^{2-q})", "Lemma H.2", "claim"),
        Quote(r"\epsilon_a = n^{-C_a}", "Lemma H.2", "hypothesis"),
        Quote(r"B > 0", "Definition H.1", "hypothesis", declares="domain:B", symbols={"B": "B"}),
    ),
    proof_refs=(
        ProofRef(r"\text{AAttC}", "definition-H.1", note="the problem of Definition H.1, by name (printed AAttC for AttC)"),
        ProofRef("Assuming SETH", "hypothesis-1", note="SETH is Hypothesis 1, by name"),
    ),
)

THEOREM_3_1 = Result(
    id="theorem-3.1", kind="theorem", title="Norm-based efficiency phase transition (SETH lower bound)",
    statement=("With max-norms of Q_p, K_p, V_p at most B = O(sqrt(log(L_p+L))) and assuming SETH, for every q > 0 there "
               "are C, C_a, C_b > 0 such that APTI(L, L_p, d = C log(L_p+L), B = C_b sqrt(log(L_p+L)), "
               "delta_F = (L_p+L)^{-C_a}) has no O((L_p+L)^{2-q}) algorithm."),
    location="Sec. 3.2 (Theorem 3.1), p. 14; proof App. H.1, p. 52",
    params=N_PARAMS,
    uses=("lemma-H.1", "problem-1", "hypothesis-1", "definition-H.1"),
    notes=("uses lists what the proof cites (Lemma H.1, the upper bound); the intended lemma is H.2. Problem 1 is "
           "AttC with n = L_p + L (transposed), so the hardness itself transfers from Lemma H.2."),
    checks=(
        Custom("App. H.1 normalisation", reread.normalisation_axis("App. H.1's V D^-1 exp(K_p^T Q_p)")),
        Citation("swapped-citation", cited="lemma-H.1",
                 uses_as="Lemma H.1 is the fine-grained UPPER bound (Alman & Song Thm 1.4); proof of Theorem 3.1 (a LOWER bound): 'we complete the proof via a simple reduction from "
                         "fine-grained upper bound result Lemma H.1'", agree=False,
                 detail="a hardness result needs Lemma H.2 (SETH lower bound); App. H.2 conversely proves the upper "
                        "bound Theorem 3.2 'with Lemma H.2'. The two citations are swapped"),
        Consistency("hypothesis-vs-conclusion", where_a="Theorem 3.1 hypothesis: B = O(sqrt(log(L_p+L)))",
                    where_b="Theorem 3.1 conclusion: APTI(..., B = C_b sqrt(log(L_p+L)), ...)", agree=False,
                    detail="the O(.) hypothesis is vacuous: the conclusion fixes B = C_b sqrt(log) (a Theta value) "
                           "with C_b chosen by the theorem, not by the user"),
        Consistency("remark-3.1", where_a="Remark 3.1: 'Only below this threshold [B = O(sqrt(log))] are efficient "
                                          "algorithms possible'",
                    where_b="Theorem 3.1: hardness at B = C_b sqrt(log(L_p+L)) only", agree=False,
                    detail="the theorem says nothing below the threshold (that is Theorem 3.2's claim), and 'below "
                           "O(sqrt(log))' includes the hard Theta(sqrt(log)) regime; the intended criterion is "
                           "B = o(sqrt(log))"),
    ),
    quotes=(
        Quote(r"\delta_F = (L_p + L)^{-C_a}", "Theorem 3.1", "hypothesis"),
        Quote(r"B = \mathcal{O}(\sqrt{\log(L_p + L)})", "Theorem 3.1", "hypothesis"),
        Quote(r"B > 0", "Problem 1", "hypothesis", declares="domain:B", symbols={"B": "B"}),
    ),
    proof_refs=(
        ProofRef("ATTC", "definition-H.1", note="the reduction identifies APTI with the AttC of Definition H.1 (printed ATTC)"),
    ),
)

THEOREM_3_2 = Result(
    id="theorem-3.2", kind="theorem", title="Almost-linear prompt tuning inference",
    statement=("APTI(L, L_p, d = O(log(L_p+L)), B = o(sqrt(log(L_p+L))), delta_F = 1/poly(L_p+L)) is solvable in "
               "T_mat(L_p+L, (L_p+L)^{o(1)}, d) = (L_p+L)^{1+o(1)} time."),
    location="Sec. 3.3 (Theorem 3.2), p. 15; proof App. H.2, p. 52",
    params=N_PARAMS,
    uses=("lemma-H.2", "problem-1", "definition-H.1"),
    notes=("uses lists what the proof cites (Lemma H.2, the lower bound); the intended lemma is H.1. With Problem 1's "
           "unscaled Softmax(K_p^T Q_p), the statement inherits Lemma H.1's convention problem: it holds for "
           "B = o(sqrt(log(n)/d)) (o(1) at d = Theta(log n)); as written it contradicts Lemma H.2 under SETH "
           "(see lemma-H.1 notes) [D]."),
    checks=(
        Citation("swapped-citation", cited="lemma-H.2",
                 uses_as="Lemma H.2 is the fine-grained LOWER bound (Alman & Song Thm 1.3); proof of Theorem 3.2 (an upper bound / algorithm): 'we complete the proof with Lemma H.2'",
                 agree=False, detail="an algorithm cannot follow from a hardness result; Lemma H.1 is meant"),
        Consistency("score-scaling", where_a="Problem 1 / Theorem 3.2: Softmax(K_p^T Q_p), B = o(sqrt(log n))",
                    where_b="Alman & Song Theorem 1.4: exp(QK^T/d), B = o(sqrt(log n)) [V]", agree=False,
                    detail=SCALING_DETAIL),
        Custom("convention-numbers", _convention_numbers),
        Custom("SETH reduction", impact.seth_reduction),
        Consistency("necessity-wording",
                    where_a="Sec. 1 (Contributions) and Sec. 3.3: 'to achieve nearly-linear ... we require B = "
                            "o(sqrt(log(L_p+L)))'; 'Necessary Conditions for Almost Linear Time Prompt Tuning (Theorem "
                            "3.2) ... are required'",
                    where_b="Theorem 3.2: an algorithm exists when B = o(sqrt(log)) (a sufficient condition only); "
                            "Theorem 3.1 rules out sub-quadratic time only at B = C_b sqrt(log)",
                    agree=False, detail="necessity is claimed where only a sufficient construction is shown"),
    ),
    quotes=(
        Quote(r"\mathcal{T}_{\text{mat}}((L_p + L), (L_p + L)^{o(1)}, d) = (L_p + L)^{1+o(1)}", "Theorem 3.2", "claim"),
        Quote(r"B > 0", "Problem 1", "hypothesis", declares="domain:B", symbols={"B": "B"}),
    ),
    proof_refs=(
        ProofRef("the same identifications as in the proof of", "theorem-3.1", uses=False,
                 note="reuses the identifications made in the proof of Theorem 3.1, not its statement"),
        ProofRef(r"\text{APTI}", "problem-1", note="the problem of Problem 1, by name"),
        ProofRef("", "definition-H.1", note="through the identifications with AttC (Definition H.1) made in Theorem 3.1's proof"),
        ProofRef("Aggarwal and Alman, 2022", "ext-aa22-degree", uses=False, note="the sketch cites the polynomial-degree bound as background of Alman and Song's method"),
    ),
)

RESULTS = [DEFINITION_H1, LEMMA_H1, LEMMA_H2, THEOREM_3_1, THEOREM_3_2]
