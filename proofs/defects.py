"""The paper's distinct defects, one record each (severity and wording calibrated on the independent
review of 2026-12; see ../shared/reference/audit-review-2026-12.md).

A record names the findings that show it (``node/check``). The audit reports a defect only when one
of those findings is flagged, raises it to ``critical`` only on a certified counterexample to a
statement as written, and lowers a ``critical`` declaration without one to ``major``.
"""
from __future__ import annotations

from boundcalc.defects import Defect

GRID = ("lemma-2.4", "lemma-F.2", "theorem-B.1")


def _grid(check: str) -> tuple[str, ...]:
    return tuple(f"{n}/counterexample:{w}: {check}" for n, w in
                 zip(GRID, ("E.2's grid (E.4)", "F.2's grid", "B.1's grid")))


DEFECTS = [
    Defect("d2-rank-cross-terms", "Lemma D.2: the rank-rho construction can have logit gap 0", "critical",
           ("App. D.1, Lemma D.2 and its proof (p. 29-30)",),
           says=r"|(W_K v_a)^\top (W_Q v_c) - (W_K v_b)^\top (W_Q v_c)| > \delta ... W_K = \sum_i p_i q_i^\top",
           why="the proof replaces |sum_ij x_ij| by sum_ij |x_ij|; cross terms of the rank-one parts can cancel, "
               "and an exact rank-2 pair meeting every stated condition has gap 0",
           shown_by=("lemma-D.2/counterexample:rank-2 cross terms cancel the logit gap",
                     "lemma-D.2/evaluator: rank-2 cross terms",
                     # the proof's standing conclusion is D.2's own formal conclusion, failing at the same point
                     "lemma-D.2/step:standing conclusion lhs_1 > rhs_1"),
           correction="Lemma D.2 for rho = 1 (W_K = p q^T, W_Q = p' q'^T with q, q' from Lemma D.1)",
           correction_check="proof:lemma-D.2-rank1"),
    Defect("d2-factor-5", "Lemma D.2's factor 5 in |p^T p'| is absent from (D.2)/(D.5)", "typo",
           ("App. D.1, Lemma D.2 statement vs eq. (D.2), (D.5)",),
           says=r"|p_i^\top p_i'| = 5(|\mathcal{V}|+1)^4 d\delta/(\epsilon\gamma_{\min})",
           why="either scale gives a gap > delta at rank one; the texts differ",
           shown_by=("lemma-D.2/consistency:D.2 statement vs eq. (D.2): scale of |p^T p'|",
                     "lemma-2.2/consistency:Lemma D.2's factor 5 vs (D.5)")),
    Defect("c9-multisets", "Lemma C.9: 'for all i != j' does not make the vectors differ", "critical",
           ("App. C.2, Lemma C.9 (p. 27-28)",),
           says=r"|\mathrm{Boltz}(z^{(i)}) - \mathrm{Boltz}(z^{(j)})| > (\ln n)^2 e^{-2\gamma} \text{ for all } i \neq j",
           why="Boltz is permutation invariant: a permutation of a vector gives difference 0",
           shown_by=("lemma-C.9/counterexample:separation-as-written",),
           correction="the same bound for pairs z^(i), z^(j) that differ as multisets",
           correction_check="proof:lemma-C.9-corrected",
           assumed_by_proof="J.9 sorts both vectors and compares them at the first index where they differ, which "
                            "exists only when they differ as multisets",
           use_checks=(("lemma-2.2", "lemma-C.9/custom:C.9's use in Lemma 2.2: vectors differ as multisets"),)),
    Defect("c9-threshold", "Lemma C.9 restates Kajitsuka & Sato's delta > 2 ln n + 3 as delta >= 4 ln n", "minor",
           ("App. C.2, Lemma C.9; App. J.6",),
           says=r"\delta \geq 4\ln n", why="4 ln n >= 2 ln n + 3 fails for n <= 4; no counterexample to C.9 found there",
           shown_by=("lemma-C.9/citation:ks24-threshold", "ext-ks24-lemma-1/consistency:threshold")),
    Defect("j3-chain", "J.3: the chain '-2 > x < -3' is misprinted (x lies in (-3, -2))", "typo",
           ("App. J.3, proof of Lemma C.3 (p. 57)",), says=r"-2 > \frac{-2+2p}{1-2p} < -3",
           why="x(1/8) = -7/3; the conclusion follows from the correct range",
           shown_by=("lemma-C.3/custom:j3-chain",)),
    Defect("c7-unbound-delta", "Lemma C.7: the conclusion's delta is bound by no hypothesis", "major",
           ("App. C.2, Lemma C.7 (p. 26-27); App. J.7",),
           says=r"(a_n - b_n)(\delta + a_n - b_n - \ln n - 1)\frac{e^{b_n}}{\sum_i e^{b_i}}",
           why="the bound holds at delta = max_{i<n} a_i - a_n and fails (certified) at delta = 15 for the same vectors",
           shown_by=("lemma-C.7/consistency:unbound-symbol", "lemma-C.7/custom:unbound-delta"),
           correction="delta := max_{i<n} a_i - a_n (the strongest value J.7's argument supports; any smaller delta "
                      "follows, the bound being increasing in delta)",
           correction_check="proof:lemma-C.7-corrected",
           assumed_by_proof="J.7's fourth line bounds -(1 + b_n - max_i b_i + ln n) below by delta + a_n - b_n - ln n - 1, "
                            "i.e. it takes delta <= max_{i<n} a_i - a_n",
           use_checks=(("lemma-C.8", "lemma-C.7/custom:C.7's use in C.8: delta <= max_{i<=k} a_i - a_{k+1}"),)),
    Defect("j8-c7-threshold", "J.8 applies Lemma C.7 where its hypothesis is not known (n = 2)", "major",
           ("App. J.8, eq. (J.6), proof of Lemma C.8",),
           says=r"\text{By Lemma C.7}", why="C.7 needs a_1 - a_2 > ln 2 + 3 = 3.69; only > delta >= 4 ln 2 = 2.77 is known. "
           "The step itself holds: C.7's proof uses the gap only for concavity, which needs a gap above 2.3994",
           shown_by=("lemma-C.8/citation:j8-uses-c7",),
           step_check="lemma-C.8/custom:J.8's step at n = 2 (concavity gap)"),
    Defect("j6-threshold", "J.6 justifies a step 'by delta > 2 ln n + 3', a hypothesis C.6 lacks", "typo",
           ("App. J.6, proof of Lemma C.6",), says=r"\delta > 2\ln n + 3",
           why="the step delta/(1+(n-1)e^{-delta}) >= ln n holds under delta >= 4 ln n anyway (certified)",
           shown_by=("lemma-C.6/citation:j6-threshold",)),
    Defect("delta-2.2-exponent", "Lemma 2.2's delta does not follow from its proof's chain", "major",
           ("Sec. 2.2, Lemma 2.2; App. D.1, (D.5)-(D.12)",),
           says=r"\delta = \exp(-5\epsilon^{-1}|\mathcal{V}|^4 d\kappa\gamma_{\max}\log L)",
           why="the chain gives about exp(-8(|V|+1)^4 d kappa gamma_max ln n / eps), smaller than the stated delta",
           shown_by=("lemma-2.2/stated-vs-derived:delta: statement vs the proof's (D.12)",
                     "lemma-2.2/stated-vs-derived:delta: statement vs Kajitsuka & Sato's rank-1 Delta (Remark D.2)")),
    Defect("delta-2.2-scale", "Lemma 2.2's delta does not scale with the tokens: false for small tokens", "critical",
           ("Sec. 2.2, Lemma 2.2 (= D.3)",),
           says=r"\delta = \exp(-5\epsilon^{-1}|\mathcal{V}|^4 d\kappa\gamma_{\max}\log L)",
           why="delta depends on the tokens only through scale-free ratios, while every context id has norm < gamma; "
               "for tokens of size s, ids are at most 2 gamma = O(s) apart, below delta once s is small (at L = 1 "
               "delta = 1 outright)",
           shown_by=("lemma-2.2/counterexample:small tokens: 2 gamma <= delta", "lemma-2.2/evaluator: L = 1"),
           correction="delta scaled with the tokens, e.g. the chain's (D.12) value, which is proportional to eps",
           correction_check=None),
    Defect("d10-pi", "(D.10) writes pi d/8 where (D.5) has d", "minor", ("App. D.1, (D.10) vs (D.5)",),
           says=r"(|\mathcal{V}|+1)^4 \frac{\pi d}{8}", why="(D.10)'s bound is false for the (1,1) term; (D.11)-(D.12) use d",
           shown_by=("lemma-2.2/consistency:(D.10)'s pi d/8 vs (D.5)'s d",)),
    Defect("grid-separation", "The quantized grid is not (sqrt d, sqrt d (L'-delta), sqrt d delta)-separated", "major",
           ("App. E.2 (Lemma 2.4), App. F.2 (Lemma F.2), App. B (Theorem B.1)",),
           says=r"(\sqrt{d}, \sqrt{d}(L'-\delta), \sqrt{d}\delta)\text{-separated}",
           why="a column-0 token can be the zero vector (F.2: norm sqrt(d) delta) and tokens one level apart in one "
               "coordinate are delta apart; Lemma 2.2 is then applied outside its hypotheses. At the top, E.4/B.1's "
               "largest token has norm exactly sqrt(d)(L'-delta), not below (merged: formerly grid-top-strict)",
           shown_by=_grid("every token has norm > sqrt(d)") + _grid("distinct tokens are > sqrt(d) delta apart")
           + ("lemma-F.2/counterexample:F.2's grid: every token has norm < sqrt(d)(L' - delta)",
              "lemma-2.4/counterexample:E.2's grid (E.4): every token has norm < sqrt(d)(L' - delta)",
              "theorem-B.1/counterexample:B.1's grid: every token has norm < sqrt(d)(L' - delta)",
              "lemma-2.4/citation:Lemma 2.2's hypotheses on the quantized M",
              "lemma-2.4/evaluator: tokenwise separation of M", "lemma-F.2/evaluator: tokenwise separation of M")),
    Defect("phi-E4", "(E.4)'s phi = -t + 1 sends [k delta, k delta + delta) to k delta + 1", "typo",
           ("App. E.2, eq. (E.4); App. B, eq. (B.1)",), says=r"\phi(t) = -t + 1",
           why="the layers then cascade (1/4 -> 1 -> ... -> 3); Yun et al.'s phi is -t",
           shown_by=("lemma-2.4/counterexample:(E.4)'s phi quantizes [k, k+delta) to k",
                     "lemma-2.4/evaluator: printed E.4 quantizer")),
    Defect("b1-unbound-n", "Theorem B.1's Delta uses n, never bound in Appendix B", "typo", ("App. B",),
           shown_by=("theorem-B.1/consistency:B.1's Delta uses n, never bound in Appendix B",)),
    Defect("f1-step-count", "(F.1) sums too few steps: it tops out at L'(1-delta) + delta, not L'", "typo",
           ("App. F.2, eq. (F.1)",), says=r"\sum_{t=0}^{(L_p+L)(1/\delta - 1)}",
           shown_by=("lemma-F.2/counterexample:(F.1) reaches L_p + L",
                     "lemma-F.2/consistency:(F.1)'s step count vs the climb it claims",
                     "lemma-F.2/evaluator: (F.1) step count")),
    Defect("f2-bump-coefficient", "F.2's bump ReLU(Kx-1) - ReLU(Kx) + ReLU(Kx+1) needs -2 in the middle", "typo",
           ("App. F.2, bump function",), shown_by=("lemma-F.2/counterexample:F.2's bump vanishes for |K x| >= 1",)),
    Defect("f2-bump-not-columnwise", "F.2's f_bump sums over all tokens, which a token-wise FFN cannot compute",
           "major", ("App. F.2",), shown_by=("lemma-F.2/evaluator: printed bump",)),
    Defect("f2-grid-lines", "F.2's quantizer with E_j = j maps grid-line inputs outside the claimed grid", "nit",
           ("App. F.2",), why="grid lines have measure zero, so d_alpha is unaffected",
           shown_by=("lemma-F.2/evaluator: quantizer at grid lines (E_j = j)",)),
    Defect("e1-rounding", "Lemma E.1's bound ignores rounding f's values to the grid", "major",
           ("App. E.1 (Lemma 2.3's proof), used by E.3 and F.3",),
           says=r"d_\alpha(\bar f, f) \leq C\delta(dL)^{1/\alpha}",
           why="f = 1/4, C = eps = 1/8: grid {0, 1/2}, error 1/4 > C delta = 1/16 (certified by the evaluator)",
           shown_by=("theorem-2.3/evaluator: grid-valued outputs vs eps (f = 1/4)",
                     "theorem-2.4/evaluator: Lemma E.1 step used by Theorem 2.4's proof"),
           correction="d_alpha(f_bar, f) <= (C + 1) delta (dL)^{1/alpha} with f's values rounded to the nearest point "
                      "of {0, delta, ..., 1 - delta} (not C + 1/2: the grid lacks 1, so f = 1 moves by delta)",
           correction_check="proof:lemma-E.1-rounded"),
    Defect("e1-definition", "Lemma E.1 defines f_bar by itself, and its cell rule can pick Z* = 1, off the grid", "major",
           ("App. E.1, the definition of f_bar (proof of Lemma E.1)",),
           says=r"\bar{f}(Z) = \bar{f}(Z) \text{ for } Z \in \mathcal{G}_{\delta,L}; \quad k\delta < Z_{i,j},\ "
                r"Z^*_{i,j} \leq (k+1)\delta",
           why="f never enters the definition, so nothing ties f_bar to f; and with k = 1/delta - 1 the rule allows "
               "Z*_{i,j} = (k+1) delta = 1, which is not in {0, delta, ..., 1 - delta}",
           shown_by=("lemma-2.3/custom:e1-definition",),
           correction="f_bar(Z) := the nearest grid value to f(G(Z)), G(Z) the grid point of Z's cell "
                      "(G(Z)_{i,j} = floor(Z_{i,j}/delta) delta, capped at 1 - delta)"),
    Defect("lp-rounding", "Lemma 2.3: L_p >= L lambda suffices for the construction only when 2C(dL)^{1/alpha}/eps is whole",
           "major", ("Sec. 2.3, Lemma 2.3; App. E.1",),
           says=r"L_p \geq L\lambda, \lambda = (2C(dL)^{1/\alpha}/\epsilon)^{dL}",
           why="the grid needs 1/delta whole, so the construction uses L ceil(2C(dL)^{1/alpha}/eps)^{dL} columns, "
               "more than L lambda when the ratio is not an integer (d=2, L=3, eps=1/10: 41,523,861,603 vs 41,472,000,000)",
           shown_by=("lemma-2.3/stated-vs-derived:L*lambda suffices for the construction",),
           correction="L_p >= L ceil(2(C+1)(dL)^{1/alpha}/eps)^{dL} (1/delta whole, and C + 1 for the rounding of "
                      "f's values: see e1-rounding)",
           correction_check="lemma-2.3/stated-vs-derived:corrected prompt length suffices"),
    Defect("o-hides-constant", "O((1/eps)^{d(L_p+L)}) hides (2C(dL)^{1/alpha})^{d(L_p+L)}, and L_p grows with 1/eps",
           "minor", ("Sec. 2.3-2.4, Theorems 2.3 and 2.4",),
           shown_by=("theorem-2.3/asymptotic:FFN layers O((1/eps)^{d(L_p+L)}) with L_p from Lemma 2.3",
                     "theorem-2.4/asymptotic:r = O((1/eps)^{d(L_p+L)}) with L_p from Lemma 2.3 (r = r2 here)")),
    Defect("f1-width", "Theorem F.1 states r = O(d(L_p+L)); the main text and the proof give O((1/eps)^{d(L_p+L)})",
           "minor", ("Sec. 2.4 Theorem 2.4 vs App. F.2 Theorem F.1",),
           shown_by=("theorem-2.4/consistency:r: Theorem 2.4 vs Theorem F.1 (restated)",
                     "theorem-2.2/consistency:width-main-vs-appendix")),
    Defect("f1-factor-2", "Lemma 2.5's 2L(C(dL)^{1/alpha}/eps)^{dL'} misplaces the factor 2", "typo",
           ("Sec. 2.4, Lemma 2.5 (= F.1)",),
           shown_by=("lemma-2.5/stated-vs-derived:the proof's layer expression vs L (1/delta)^{d(L_p+L)}",)),
    Defect("g1-pointwise", "Theorem 2.5's proof passes from d_alpha <= eps to a bound at the data points", "major",
           ("Sec. 2.5 Theorem 2.5; App. G",), why="a triangle bump has squared L2 norm 1/300 and pointwise error 1",
           shown_by=("theorem-2.5/custom:integral-to-pointwise",)),
    Defect("g1-lower-bound", "Theorem 2.5 calls a sufficient prompt length a lower bound", "major",
           ("Sec. 2.5 Theorem 2.5",), shown_by=("theorem-2.5/consistency:lower-bound-wording",)),
    Defect("g1-polynomial", "Theorem 2.5's lambda is polynomial, not exponential, in 1/eps", "minor",
           ("Sec. 2.5 Theorem 2.5",), shown_by=("theorem-2.5/asymptotic:exponential-in-inverse-eps",)),
    Defect("g1-data", "Theorem 2.5 assumes Lipschitz data after saying no assumption on the data is made", "minor",
           ("Sec. 2.5",), shown_by=("theorem-2.5/custom:data-consistency",)),
    Defect("h1-scaling", "Theorem 3.2 (and Lemma H.1 as restated) is false under SETH: Definition H.1 drops Alman & "
           "Song's 1/d score scaling", "critical",
           ("App. H, Definition H.1; Lemma H.1; Theorem 3.2",), says=r"A := \exp(QK^\top)",
           why="the threshold moves by sqrt(d): Alman & Song's hard instances rescaled by 1/sqrt(d) are APTI instances "
               "with B = O(1), d = O(log n), delta_F = 1/poly(n), so an almost-linear algorithm would break SETH; the "
               "almost-linear statements need B = o(sqrt(log n / d))",
           shown_by=("definition-H.1/consistency:score-scaling", "lemma-H.1/citation:scaling",
                     "theorem-3.2/consistency:score-scaling",
                     "theorem-3.2/counterexample-under-SETH: rescaled Alman & Song instances",
                     "lemma-H.1/counterexample-under-SETH: rescaled Alman & Song instances"),
           correction="B = o(sqrt(log(L_p + L) / d)), i.e. Alman & Song's 1/d scaling restored"),
    Defect("h-swapped", "The proofs of Theorems 3.1/3.2 cite Lemmas H.1/H.2 the wrong way round", "minor",
           ("App. H",), shown_by=("theorem-3.1/citation:swapped-citation", "theorem-3.2/citation:swapped-citation")),
    Defect("remark-3.1", "Remark 3.1 should say o(sqrt(log)), not O(sqrt(log))", "minor", ("Sec. 3, Remark 3.1",),
           shown_by=("theorem-3.1/consistency:remark-3.1",)),
    Defect("theorem-3.1-hypothesis", "Theorem 3.1 states a redundant hypothesis", "typo", ("Sec. 3, Theorem 3.1",),
           shown_by=("theorem-3.1/consistency:hypothesis-vs-conclusion",)),
]

# Notation slips the review classes as trivial: one typo record each.
_TYPOS = [
    ("problem-1/consistency:arity", "Problem 1: APTI's arity differs between Sections 1 and 3"),
    ("problem-1/consistency:error-scale", "Problem 1: 1/poly(L) vs 1/poly(L_p + L)"),
    ("problem-1/consistency:query-matrix", "Section 1 writes Q = W_V X"),
    ("problem-2/consistency:quantifier-on-eps", "Problem 2: 'for some eps > 0' where 'every eps' is meant"),
    ("definition-2.1/consistency:ffn-bias-dimension", "Definition 2.1: b^(2) in R^r should be in R^d"),
    ("definition-2.3/consistency:norm-name", "Definition 2.3 and Theorem F.1: p and alpha name the same exponent"),
    ("definition-2.3/consistency:domain", "Definition 2.3 quantifies over R^{d x L}, outside [0,1]^{d x L}"),
    ("definition-2.6/consistency:unbound-q", "Definition 2.6 defines g but constrains q"),
    ("definition-2.7/consistency:unbound-eps", "Definition 2.7: eps is not a parameter of 'memorizes'"),
    ("definition-2.7/consistency:slice-placement", "Definition 2.7 and Theorem 2.5: _{:,L_p} slices one column"),
    ("lemma-2.1/consistency:informal-vs-formal", "Lemma 2.1 (informal) omits the separation hypotheses"),
    ("corollary-I.0.1/consistency:unbound-names", "Corollary I.0.1: names used but not introduced"),
]
# Notation matters no reviewer would send: shown only with --min-severity nit.
NITS = {"problem-1/consistency:arity", "definition-2.3/consistency:domain", "lemma-2.1/consistency:informal-vs-formal"}
# The same misprint in several places is one record.
ALSO = {"definition-2.7/consistency:slice-placement": ("theorem-2.5/consistency:slice-placement",),
        "definition-2.3/consistency:norm-name": ("theorem-2.4/consistency:exponent-name",)}
DEFECTS += [Defect("typo:" + ref.split("/")[1].split(":")[1], title, "nit" if ref in NITS else "typo",
                   (ref.split("/")[0],) + tuple(a.split("/")[0] for a in ALSO.get(ref, ())),
                   shown_by=(ref,) + ALSO.get(ref, ()))
            for ref, title in _TYPOS]

# Found on the section-by-section re-read of issue 22 (docs/paper-findings.md lists them by kind).
DEFECTS += [
    Defect("attention-normalisation", "Eq. (1.3) and App. H.1 normalise attention over the wrong axis", "minor",
           ("Sec. 1, eq. (1.3)", "App. H.1, proof of Theorem 3.1"),
           says=r"(W_V X) D^{-1} \exp(X^\top W_K^\top W_Q X \beta), \quad D := \mathrm{diag}(\exp(X^\top W_K^\top W_Q X \beta) \mathbf{1}_L)",
           why="exp(K^T Q) 1_L sums each key's row over the queries, so D^-1 rescales the values per key and the columns "
               "of D^-1 exp(.) do not sum to 1: this is not V Softmax(K^T Q). H.1 puts Definition H.1's per-query D on "
               "the key side the same way. Section 2.1's attention (2.2) and every proof use the right softmax",
           shown_by=("problem-1/custom:normalisation axis of eq. (1.3)",
                     "theorem-3.1/custom:normalisation axis of App. H.1's V D^-1 exp(K_p^T Q_p)"),
           correction="V exp(K^T Q) D'^{-1} with D' = diag(1_L^T exp(K^T Q)) (one normaliser per query column)"),
    Defect("d12-norm-of-sum", "(D.12) for rank >= 2: a norm of a sum taken as the sum of the norms, as a lower "
           "bound, and (D.8)'s 1/rho dropped",
           "major", ("App. D.1, (D.12), proof of Lemma 2.2",),
           says=r"\left\| W_O (W_V Z^{(i)}) \mathrm{Softmax}[a^{(i)}] - \dots \right\| = \sum_{i=1}^{\rho} \|W_O p_i''\| \cdot |\dots|",
           why="||sum_i W_O p_i'' c_i|| <= sum_i ||W_O p_i''|| |c_i| only; for rank >= 2 the terms can cancel, so (D.12)'s "
               "lower bound does not follow. The same display multiplies (D.11)'s bound by eps/(4 gamma_max), the sum of "
               "(D.8)'s coefficients eps/(4 rho gamma_max), instead of one coefficient: a factor rho too large. Both "
               "vanish at rank 1, the case the corrected D.2 covers",
           shown_by=("lemma-2.2/custom:(D.12)'s norm of a sum as a lower bound",
                     "lemma-2.2/custom:(D.12) drops (D.8)'s 1/rho"), related=("d2-rank-cross-terms",),
           correction="rank 1 (W_V = p'' q''^T), where the two sides are equal"),
    Defect("phi-not-relu", "(E.4)/(B.1): a discontinuous phi is said to be realised by 4 ReLU neurons", "minor",
           ("App. E.2, eq. (E.4)", "App. B, eq. (B.1)"),
           says=r"\text{any activation function } \phi \in \Phi \text{ is realized by 4 MLP neurons}",
           why="phi jumps at t = delta (also with the intended -t); ReLU networks are continuous. A theta-ramp, as F.2 "
               "uses, realises it off a set of measure O(theta); the proof must then carry that set through d_alpha",
           shown_by=("lemma-2.4/custom:(E.4)'s phi is discontinuous; ReLU neurons compute continuous maps",
                     "theorem-B.1/custom:(B.1)'s phi is discontinuous; ReLU neurons compute continuous maps"),
           related=("phi-E4",)),
    Defect("e4-shift-index", "(E.4)/(B.1) shift by k delta while k already runs over multiples of delta", "typo",
           ("App. E.2, eq. (E.4)", "App. B, eq. (B.1)"),
           says=r"k = 0, \delta, \dots, (L_p + L) - \delta: \quad \phi((e^{(i)})^T Z - k\delta \mathbf{1}_n^T)",
           why="the shifts k delta are multiples of delta^2 below L delta; k = 0, 1, ..., L/delta - 1 is meant (the layer "
               "count d(L_p+L)/delta agrees with that reading)",
           shown_by=("lemma-2.4/custom:(E.4)'s shift k delta with k in {0, delta, ..., L - delta}",
                     "theorem-B.1/custom:(B.1)'s shift k delta with k in {0, delta, ..., L - delta}")),
    Defect("necessity-from-sufficiency", "Necessity claimed from one construction: Sections 1 and 3 call B = "
           "o(sqrt(log)) required, Lemma 2.5 says T_A 'requires' O(eps^{-d(L_p+L)}) FFN layers", "minor",
           ("Sec. 1, Contributions", "Sec. 3.3 after Theorem 3.2", "Sec. 2.4, Lemma 2.5 (= F.1)"),
           says=r"\text{we require } B = o(\sqrt{\log(L_p + L)})",
           why="in each place one construction is counted (the polynomial method; Lemma E.2's network), an upper "
               "bound; no result rules out almost-linear time for larger B or fewer layers for T_A",
           shown_by=("theorem-3.2/consistency:necessity-wording", "lemma-2.5/consistency:requires-wording")),
    Defect("j8-cites-c2", "J.8 cites Lemma C.2 for the bounds Boltz(a) < Boltz(a_up), Boltz(b) > Boltz(b_lo)", "typo",
           ("App. J.8, proof of Lemma C.8",), says=r"\text{Lemma C.2 implies}",
           why="C.2 is the derivative formula; C.8's own sketch names Lemma C.5 and an argument like Lemma C.4",
           shown_by=("lemma-C.8/consistency:j8-cites-c2",)),
    Defect("j8-strict-equalities", "J.8 writes three strict inequalities that are equalities when k = n - 1", "typo",
           ("App. J.8, proof of Lemma C.8",),
           says=r"\text{Boltz}(a) < \text{Boltz}(a_{\text{up}}), \text{boltz}(b) > \text{Boltz}(b_{\text{lo}})",
           why="at k = n - 1, a_up = a and b_lo = b, and the last line's factor n - k is 1: both sides are equal "
               "(certified exactly). <= and >= are meant; the chain stays strict through (J.6)",
           shown_by=("lemma-C.8/step:(J.8) Boltz(a) < Boltz(a_up)", "lemma-C.8/step:(J.8) Boltz(b) > Boltz(b_lo)",
                     "lemma-C.8/step:(J.8) last line"),
           related=("j8-cites-c2",)),
    Defect("d2-quantifier-order", "Lemma D.2: 'there exist W_K, W_Q ... for any delta > 0' puts the quantifiers "
           "in the wrong order", "typo", ("App. D.1, Lemma D.2",),
           says=r"\text{there exist rank-}\rho \text{ weight matrices } W_K, W_Q \dots > \delta \text{ for any } \delta > 0",
           why="one pair of matrices has a finite largest gap, so no pair works for every delta; the construction "
               "scales with delta ((D.2)), i.e. 'for any delta there exist' is meant",
           shown_by=("lemma-D.2/custom:Lemma D.2's quantifier order",)),
    Defect("no-duplicate-quantifier", "Lemma 2.2 (= D.3): the no-duplicate hypothesis also quantifies over k = l",
           "typo", ("Sec. 2.2, Lemma 2.2", "App. D.1, Lemma D.3"),
           says=r"Z^{(i)}_{:,k} \neq Z^{(i)}_{:,l} \text{ for any } i \in [N] \text{ and } k, l \in [L]",
           why="at k = l no sequence satisfies it, so read literally the lemma is vacuous; k != l is meant (C.9 "
               "writes s != t) and the audit, including the counterexample of delta-2.2-scale, reads it so",
           shown_by=("lemma-2.2/custom:no-duplicate hypothesis quantifies over k = l",)),
    Defect("c8-dominance-words", "Lemma C.8: '(k+1)-th dominance' says 'largest element' for the (k+1)-th entries", "nit",
           ("App. C.2, Lemma C.8",), shown_by=("lemma-C.8/consistency:dominance-wording",)),
    Defect("attc-name", "Definition H.1 defines AttC; Lemmas H.1 and H.2 use AAttC", "nit", ("App. H",),
           shown_by=("definition-H.1/consistency:problem-name",)),
]
