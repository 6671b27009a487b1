"""Statements of cited works as the paper restates them (Kajitsuka & Sato, Park et al., Alman & Song,
Aggarwal & Alman, Yun et al., Wang et al.).

``statement`` is the paper's restatement; ``notes`` is what the reference notes
(/work/shared/reference/*.md) say the source states, with their certainty tag:
[V] verified against a source, [M]/[R] recalled from memory (probable, not certain), [D] derived.
Only [V] items are facts; the others are reported as "the notes recall".
"""
from __future__ import annotations

from boundcalc.checks import Consistency
from boundcalc.records import Param, Result, claim, constant
from boundcalc.quotes import ProofRef, Quote

KS24 = "Kajitsuka & Sato, 'Are transformers with one layer self-attention using low-rank weight matrices universal approximators?', ICLR 2024 (arXiv 2307.14023)"
PARK21 = "Park, Lee, Yun, Shin, 'Provable memorization via deep neural networks using sub-linear parameters', COLT 2021"
AS23 = "Alman & Song, 'Fast attention requires bounded entries', NeurIPS 2023 (arXiv 2302.13214)"
AA22 = "Aggarwal & Alman, 'Optimal-degree polynomial approximations for exponentials and Gaussian KDE', CCC 2022"
YUN20 = "Yun, Bhojanapalli, Rawat, Reddi, Kumar, 'Are transformers universal approximators of sequence-to-sequence functions?', ICLR 2020"
WANG23 = "Wang, Chauhan, Wang, Hsieh, 'Universality and limitations of prompt tuning', NeurIPS 2023 (arXiv 2305.18787)"

EXT_KS24_LEMMA_1 = Result(
    id="ext-ks24-lemma-1", kind="external", title="Kajitsuka & Sato Lemma 1: Boltz preserves separation",
    statement=("As Lemma C.9 restates it: (gamma, delta)-separated vectors in R^n without repeated entries and "
               "delta >= 4 ln n have |Boltz| <= gamma and pairwise Boltz gaps > (ln n)^2 e^{-2 gamma}."),
    location="cited in App. C.2 (Lemma C.9), p. 27", source=KS24,
    params=(Param("n", "int>=2", "vector length", default="5"),),
    notes=("The notes recall [M; threshold corroborated by a secondary source, V] the hypothesis delta > 2 ln n + 3 "
           "(strict, natural log) and the conclusion for pairs that differ as multisets; no version with "
           "'delta >= 4 ln n' was found. 4 ln n >= 2 ln n + 3 iff n >= 5 [D]."),
    checks=(
        Consistency("threshold", where_a="the paper's restatement (Lemma C.9): delta >= 4 ln n",
                    where_b="the source's hypothesis, as the notes recall [M]: delta > 2 ln n + 3",
                    a="4*log(n)", b="2*log(n) + 3", relation=">",
                    grid=({"n": "2"}, {"n": "3"}, {"n": "4"}, {"n": "5"}),
                    detail="the restated hypothesis implies the source's only for n >= 5"),
    ),
    quotes=(Quote("Lemma 1 of [Kajitsuka and Sato, 2024]", "Lemma C.9 heading", "citation"),),
)

EXT_KS24_THEOREM_2 = Result(
    id="ext-ks24-theorem-2", kind="external", title="Kajitsuka & Sato Theorem 2: rank-1 attention is a contextual mapping",
    statement=("For tokenwise (gamma_min, gamma_max, eps)-separated X^(1..N) in R^{d x n} without repeated tokens, a "
               "rank-1 single-head attention layer with skip connection is an (r, Delta)-contextual mapping with "
               "r = gamma_max + eps/4 and Delta as in Remark D.2."),
    location="cited in Sec. 2.2 (Lemma 2.2) and App. D (Remark D.2)", source=KS24,
    params=(Param("L", "int>=2", "sequence length (n in the source)", default="5"),
            Param("d", "posint", "token dimension", default="2"),
            Param("V", "posint", "vocabulary size |V|", default="4"),
            Param("eps", "pos", "separation epsilon", default="1"),
            Param("gmin", "pos", "gamma_min", default="1"),
            Param("gmax", "pos", "gamma_max", default="2")),
    constants=(
        constant("Gamma", "gmax + eps/4", "contextual sensitivity (Remark D.2)", r"\Gamma"),
        constant("Delta_exponent", "(V + 1)**4 * (2*log(L) + 3) * pi * d * gmax**2 / (4*eps*gmin)",
                 "the exponent in Remark D.2's Delta", r"\Delta_{\exp}"),
        constant("Delta",
                 "2*log(L)**2*eps**2*gmin/(gmax**2*(V + 1)**4*(2*log(L) + 3)*pi*d) * exp(-Delta_exponent)",
                 "separation Delta as Remark D.2 restates it", r"\Delta"),
    ),
    notes=("Formula [M] as in the prompt-tuning paper; the notes rebuild it [D] from Lemma 1 and the projection lemma "
           "(c = sqrt(8/(pi d))/(|V|+1)^2, logit scale lambda = (2 ln n + 3) pi d (|V|+1)^4/(8 eps gmin)), so it is "
           "self-consistent. ICLR 2024 reviewer 3 called the cross-sequence condition (Eq. 10) 'buggy' [V]."),
    quotes=(
        Quote(r"\Gamma = \gamma_{\max} + \frac{\epsilon}{4}", "App. D, Kajitsuka and Sato's result restated", "constant", "Gamma",
              {r"\Gamma": "Gamma", r"\gamma_{\max}": "gmax", r"\epsilon": "eps"}),
        Quote(r"\Delta = \frac{2(\ln L)^2 \epsilon^2 \gamma_{\min}}{\gamma_{\max}^2 (|\mathcal{V}| + 1)^4 (2 \ln L + 3) \pi d} "
              r"\exp\left(-(|\mathcal{V}| + 1)^4 \frac{(2 \ln L + 3) \pi d \gamma_{\max}^2}{4 \epsilon \gamma_{\min}}\right)",
              "App. D, Kajitsuka and Sato's result restated", "constant", "Delta",
              {r"\Delta": "Delta", r"\gamma_{\max}": "gmax", r"\gamma_{\min}": "gmin", r"\epsilon": "eps",
               r"\mathcal{V}": "V"}),
        Quote(r"(|\mathcal{V}| + 1)^4 \frac{(2 \ln L + 3) \pi d \gamma_{\max}^2}{4 \epsilon \gamma_{\min}}",
              "App. D, Kajitsuka and Sato's result restated (Remark D.2, exponent of Delta)", "constant", "Delta_exponent",
              {r"\mathcal{V}": "V", r"\gamma_{\max}": "gmax", r"\gamma_{\min}": "gmin", r"\epsilon": "eps"}),
        Quote("[Kajitsuka and Sato, 2024, Theorem 2]", "Sec. 2.2 and App. D", "citation"),
        Quote("Theorem 2 of [Kajitsuka and Sato, 2024]", "Lemma 2.2 heading", "citation"),
    ),
)

EXT_KS24_LEMMA_4 = Result(
    id="ext-ks24-lemma-4", kind="external", title="Kajitsuka & Sato Lemma 4: Boltz decreasing far below the max",
    statement="dBoltz/dz_i < 0 when max_j z_j - z_i > ln n + 1 (as restated in Lemma C.2).",
    location="cited in App. C.1 (Lemma C.2)", source=KS24,
    notes="Lemma number as the paper cites it; not checked against the source (notes have no entry for it).",
    quotes=(Quote("Lemma 4 of [Kajitsuka and Sato, 2024]", "Lemma C.2 heading", "citation"),),
)
EXT_KS24_LEMMA_5 = Result(
    id="ext-ks24-lemma-5", kind="external", title="Kajitsuka & Sato Lemma 5: Boltz concave far below the max",
    statement="d^2 Boltz/dz_i^2 < 0 when max_j z_j - z_i > ln n + 3 (as restated in Lemma C.3).",
    location="cited in App. C.1 (Lemma C.3)", source=KS24,
    notes="Lemma number as the paper cites it; not checked against the source.",
    quotes=(Quote("Lemma 5 of [Kajitsuka and Sato, 2024]", "Lemma C.3 heading", "citation"),),
)
EXT_KS24_LEMMA_6 = Result(
    id="ext-ks24-lemma-6", kind="external", title="Kajitsuka & Sato Lemma 6: one-entry difference",
    statement="Vectors differing only in the last entry have Boltz values separated (as restated in Lemma C.7).",
    location="cited in App. C.2 (Lemma C.7)", source=KS24,
    notes="Lemma number as the paper cites it; the restatement's delta is unbound (see lemma-C.7). Not checked.",
    quotes=(Quote("Lemma 6 of [Kajitsuka and Sato, 2024]", "Lemma C.7 heading", "citation"),),
)
EXT_KS24_LEMMA_7 = Result(
    id="ext-ks24-lemma-7", kind="external",
    title="Kajitsuka & Sato Lemma 7 as the paper uses it (delta >= 4 ln n): Lemmas C.6 and C.8 together",
    statement=("What the paper cites as Lemma 7 of Kajitsuka & Sato, for Lemma C.6 (k = 0) and Lemma C.8 (k >= 1): for "
               "decreasing, tokenwise delta-separated a, b in R^n, n >= 2, with delta >= 4 ln n, equal top k entries and "
               "a_{k+1} > b_{k+1}: |Boltz(a) - Boltz(b)| > (ln n)^2 e^{-(a_1 - b_{k+1})}. This is the union of C.6 and "
               "C.8 under the paper's threshold delta >= 4 ln n, not the cited lemma itself: Kajitsuka & Sato's Lemma 7 "
               "assumes delta > 2 ln n + 3 (recorded at ext-ks24-lemma-1 and defect c9-threshold), which 4 ln n does not "
               "imply for n <= 4 and which does not imply 4 ln n for n >= 5."),
    location="cited in App. C.2 (Lemmas C.6 and C.8)", source=KS24,
    params=(Param("n", "int>=2", "vector length", default="3"), Param("k", "nonnegint", "shared top entries", default="0"),
            Param("a1", "real", "largest entry of a", default="0"),
            Param("b1", "real", "largest entry of b", default="-3")),
    constants=(constant("bound_C6", "log(n)**2*exp(-(a1 - b1))", "Lemma C.6's bound (ln n)^2 e^{-(a_1 - b_1)}"),
               constant("b_k1", "b1", "b_{k+1} at k = 0 is b_1"),
               constant("bound_C8_k0", "log(n)**2*exp(-(a1 - b_k1))",
                        "Lemma C.8's bound (ln n)^2 e^{-(a_1 - b_{k+1})} at k = 0")),
    data={"cited_threshold": "delta > 2 ln n + 3 (Kajitsuka & Sato's own Lemma 7)",
          "proved_threshold": "delta >= 4 ln n (the paper's restatement; what the proof record proves)"},
    notes=("Proved here means the restatement above (the record instantiates C.6 and C.8), not Kajitsuka & Sato's "
           "Lemma 7 with its threshold 2 ln n + 3. The paper attributes C.6 and C.8 to the same 'Lemma 7'. That is consistent: C.6 is C.8 with k = 0 (J.9 uses "
           "k in {0, ..., n-1}), and the two bounds coincide there (check below). Not checked against the source."),
    checks=(
        Consistency("one-lemma-two-statements", where_a="Lemma C.6's bound (p. 26), cited as Lemma 7 of [KS24]",
                    where_b="Lemma C.8's bound at k = 0 (p. 27), cited as Lemma 7 of [KS24]",
                    a="bound_C6", b="bound_C8_k0", relation="==",
                    grid=({"n": "2", "k": "0", "a1": "1", "b1": "-2"}, {"n": "5", "k": "0", "a1": "3", "b1": "0"})),
    ),
    quotes=(
        Quote("Lemma 7 of [Kajitsuka and Sato, 2024]", "Lemmas C.6 and C.8 headings", "citation"),
        Quote(r"(\ln n)^2 e^{-(a_1 - b_1)}", "Lemma C.6 (restating Kajitsuka and Sato)", "claim", "bound_C6",
              {"a_1": "a1", "b_1": "b1"}),
        Quote(r"n \geq 2", "Lemmas C.6 and C.8 (restating Kajitsuka and Sato)", "hypothesis", "domain:n", {"n": "n"}),
        Quote(r"\ln^2(n) \cdot e^{-(a_1 - b_{k+1})}", "Lemma C.8 (restating Kajitsuka and Sato)", "claim",
              "bound_C8_k0", {"a_1": "a1", "b_{k+1}": "b_k1"}),
    ),
)

EXT_PARK21_LEMMA_13 = Result(
    id="ext-park21-lemma-13", kind="external", title="Park et al. Lemma 13: a projection that keeps distances",
    statement=("For N distinct x_1..x_N in R^d some unit u has (1/N^2) sqrt(8/(pi d)) ||x_i - x_j|| <= "
               "|u^T (x_i - x_j)| <= ||x_i - x_j|| for all i, j."),
    location="cited in App. D (Lemma D.1, proof App. J.10)", source=PARK21,
    params=(Param("N", "int>=2", "number of points", default="4"), Param("d", "posint", "dimension", default="2")),
    constants=(constant("c", "sqrt(8/(pi*d))/N**2", "projection constant"),),
    claims=(claim("factor-at-most-one", "c", "<=", "1",
                  "for N >= 2 points a pair exists and |u^T v| <= ||v||, so the factor is at most 1"),),
    notes=("As the notes recall [M]; the constant follows from a union bound [D]: per pair failure <= 4/(pi N^2) "
           "(J.10 states 2/N^2), total < 2/pi < 1. The lemma number is as cited; not opened in Park et al."),
    quotes=(
        Quote(r"\frac{1}{|\mathcal{X}|^2} \sqrt{\frac{8}{\pi d}}", "Lemma D.1 (restating Park et al.)", "constant", "c",
              {r"\mathcal{X}": "N"}),
        Quote("Lemma 13 of [Park et al., 2021]", "Lemma D.1 heading", "citation"),
    ),
)

EXT_AS23_THEOREM_1_3 = Result(
    id="ext-as23-theorem-1.3", kind="external", title="Alman & Song Theorem 1.3: SETH lower bound for AttC",
    statement=("Assuming SETH, for every q > 0 there are C, C_a, C_b > 0 such that AttC(n, d = C log n, "
               "B = C_b sqrt(log n), eps_a = n^{-C_a}) has no O(n^{2-q})-time algorithm."),
    location="cited in App. H (Lemma H.2)", source=AS23,
    notes=("[V] (abstract): with d = O(log n) and B = Theta(sqrt(log n)), no n^{2-Omega(1)} algorithm for 1/poly(n) "
           "additive error under SETH; exact form verified as restated by Hu et al. NeurIPS 2024 Prop. 4.1 [V]. "
           "AS23 defines A = exp(QK^T/d) [V]. Theorem number 1.3 as the paper cites it."),
    quotes=(Quote("Theorem 1.3 in [Alman and Song, 2023]", "Lemma H.2 heading", "citation"),),
)

EXT_AS23_THEOREM_1_4 = Result(
    id="ext-as23-theorem-1.4", kind="external", title="Alman & Song Theorem 1.4: almost-linear AttC for small entries",
    statement=("AttC(n, d = O(log n), B = o(sqrt(log n)), eps_a = 1/poly(n)) is solvable in time "
               "T_mat(n, n^{o(1)}, d) = n^{1+o(1)}."),
    location="cited in App. H (Lemma H.1)", source=AS23,
    notes=("[V] (abstract): the n^{1+o(1)} algorithm for d = O(log n), B = o(sqrt(log n)), 1/poly(n) additive error; "
           "A = exp(QK^T/d) [V]. Rank bound r <= C(2(g+d), 2g) and degree g = O(max{log(1/eps)/log(log(1/eps)/B^2), B^2}) "
           "are recalled [R]."),
    quotes=(Quote("Theorem 1.4 in [Alman and Song, 2023]", "Lemma H.1 heading", "citation"),),
)

EXT_AA22_DEGREE = Result(
    id="ext-aa22-degree", kind="external", title="Aggarwal & Alman: optimal degree for e^x on [0, B]",
    statement="The minimal degree for additive error delta on [0, B] is Theta(max{B, log(1/delta)/log(log(1/delta)/B)}).",
    location="cited in Sec. 3.3 (proof sketch of Theorem 3.2)", source=AA22,
    notes="[V] (abstract): d_{B;delta}(e^x) = Theta(max{B, log(1/delta)/log(B^{-1} log(1/delta))}), additive error on [0, B].",
    quotes=(Quote("Aggarwal and Alman, 2022", "Sec. 3.3, proof sketch of Theorem 3.2", "citation"),),
)

EXT_YUN20_UNIVERSALITY = Result(
    id="ext-yun20-universality", kind="external", title="Yun et al.: transformers are universal seq2seq approximators",
    statement=("Piecewise-constant approximation on the grid G_delta = {0, delta, ..., 1-delta}^{d x n} and contextual "
               "mapping give universality of T^{2,1,4} (with positional encodings) in d_p."),
    location="cited in Sec. 2 (footnote 8, Remark 2.2) and App. E", source=YUN20,
    notes=("As the notes recall [M]: T^{2,1,4} with phi in Phi approximated by 4 ReLUs; with positional encodings the "
           "contextual mapping needs n delta^{-d} + 1 attention layers and the value mapping O(n delta^{-dn}) FFN layers."),
    quotes=(Quote("[Yun et al., 2020, C.3]", "proofs of Theorem B.1 and Lemma E.2", "citation"),),
)

EXT_WANG23_THEOREM_1 = Result(
    id="ext-wang23-theorem-1", kind="external", title="Wang et al. Theorem 1: universality of prompt tuning",
    statement=("A transformer with O((L_p + L)(1/eps)^d) attention layers (2 heads of size 1) and O((1/eps)^{d(L_p+L)}) "
               "FFN layers of width 4 is a universal approximator of Lipschitz seq2seq maps through prompt tuning."),
    location="cited in Sec. 1 (Contributions) and Sec. 2", source=WANG23,
    notes=("The layer counts are verified only as the prompt-tuning paper's v2 restates them [V]; the notes derive [D] "
           "that they fit Yun's positional-encoding counts with n = L_p + L and delta ~ eps, dropping a factor n in the "
           "FFN count. The statement itself is recalled [M]."),
)

EXT_WANG23_THEOREM_2 = Result(
    id="ext-wang23-theorem-2", kind="external", title="Wang et al. Theorem 2: an unmemorizable two-example dataset",
    statement=("For a single-layer transformer (invertible MLP, full-rank attention weights) there is a dataset of two "
               "two-token examples sharing a token that no prompt of any length memorizes."),
    location="cited in Remark 2.4 and App. I.2 (Corollary I.0.1)", source=WANG23,
    notes=("As the notes recall [M, structure only]: examples [x_1, x_0], [x_2, x_0]; the MLP must be invertible "
           "(||W_1|| ||W_2|| < 1 suffices, recalled [M]); Remark 2.4 of the paper itself says full-rank weights and a "
           "specific FFN are required. Exact vector choices not verified."),
    quotes=(Quote("Theorem 2 of [Wang et al., 2023a]", "Corollary I.0.1 heading", "citation"),),
)

RESULTS = [EXT_KS24_LEMMA_1, EXT_KS24_THEOREM_2, EXT_KS24_LEMMA_4, EXT_KS24_LEMMA_5, EXT_KS24_LEMMA_6,
           EXT_KS24_LEMMA_7, EXT_PARK21_LEMMA_13, EXT_AS23_THEOREM_1_3, EXT_AS23_THEOREM_1_4, EXT_AA22_DEGREE,
           EXT_YUN20_UNIVERSALITY, EXT_WANG23_THEOREM_1, EXT_WANG23_THEOREM_2]
