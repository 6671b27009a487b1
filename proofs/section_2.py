"""Section 2 (main text): definitions 2.1-2.7, Problem 2, and the informal Lemma 2.1 / Theorems 2.1-2.2.

Definitions carry no numeric claims; their checks are text-level consistency checks (dimensions,
unbound symbols, quantifiers) with the two texts quoted.
"""
from __future__ import annotations

from boundcalc.checks import Consistency
from boundcalc.records import Param, Result
from boundcalc.quotes import ProofRef, Quote

DEFINITION_1_1 = Result(
    id="definition-1.1", aliases=("1.1-def", "prompt-tuning"), kind="definition", title="Prompt tuning",
    statement=("A soft prompt P in R^{d x L_p} is prepended to the input, X_p = [P, X] in R^{d x (L_p + L)}; prompt "
               "tuning chooses P* minimising sum_i loss(tau(X_p^(i))_{:, L_p:}, Y^(i)) over a dataset of N pairs, "
               "the pretrained transformer tau fixed (eq. 1.1)."),
    location="Sec. 1 (Definition 1.1, eq. 1.1), p. 2",
    notes="Declared for the graph and the paper's coverage; a definition with nothing to compute.",
    quotes=(
        Quote(r"X_p := [P, X] \in \mathbb{R}^{d \times (L_p + L)}", "Definition 1.1", "definition"),
    ),
)

DEFINITION_2_1 = Result(
    id="definition-2.1", aliases=("2.1-def",), kind="definition", title="Transformer block",
    statement=("An h-head, size-s, r-neuron block is f^(T)(Z) = f^(FF)(f^(SA)(Z)) on R^{d x L}: residual multi-head "
               "softmax self-attention (eq. 2.1-2.2, W_O^i in R^{d x s}, W_V^i, W_K^i, W_Q^i in R^{s x d}) followed by a "
               "token-wise residual ReLU FFN Z_k + W2 ReLU(W1 Z_k + b1) + b2 (eq. 2.3)."),
    location="Sec. 2.1 (eq. 2.1-2.3, Definition 2.1), p. 7",
    params=(Param("d", "posint", "token dimension", default="2"), Param("s", "posint", "head size", default="1"),
            Param("r", "posint", "FFN width", default="4")),
    checks=(
        Consistency("ffn-bias-dimension", where_a="eq. 2.3: b^(1), b^(2) in R^r",
                    where_b="eq. 2.3: Z_{:,k} + W^(2) ReLU(...) + b^(2) is a d-vector", agree=False,
                    detail="b^(2) is added to a d-vector, so it must lie in R^d, not R^r (equal only when r = d)"),
        Consistency("output-projection-dimension", where_a="eq. 2.1: W_O^i in R^{d x s}",
                    where_b="eq. 2.2: f_i^(Att) in R^s", agree=True,
                    detail="consistent in this version (ICLR reviewer R4 reported W_O^i dimensions as a typo [V]; "
                           "fixed here)"),
    ),
    quotes=(
        Quote(r"f^{(\text{FF})}(Z)_{:,k} = Z_{:,k} + W^{(2)} \text{ReLU}(W^{(1)} Z_{:,k} + b^{(1)}) + b^{(2)}", "eq. (2.3)", "definition"),
        Quote(r"W_O^i \in \mathbb{R}^{d \times s}", "eq. (2.1)", "definition"),
    ),
)

DEFINITION_2_2 = Result(
    id="definition-2.2", aliases=("2.2-def",), kind="definition", title="Transformer network function class T^{h,s,r}",
    statement="T^{h,s,r} is the class of maps R^{d x L} -> R^{d x L} obtained by composing transformer blocks f^(T^{h,s,r}).",
    location="Sec. 2.1 (Definition 2.2), p. 7",
    uses=("definition-2.1",),
    notes=("The number of blocks is left free. T_A^{1,1,4} (eq. 2.4) and T_B^{1,1,r} (Sec. 2.4) are not compositions "
           "of blocks FF o SA: they stack several FFN layers around one attention layer."),
    quotes=(
        Quote(r"\mathcal{T}^{h,s,r} := \{\tau : \mathbb{R}^{d \times L} \mapsto \mathbb{R}^{d \times L} \mid \tau = f^{(\mathcal{T}^{h,s,r})}(f^{(\mathcal{T}^{h,s,r})}(\dots))\}", "Definition 2.2", "definition"),
    ),
    proof_refs=(
        ProofRef(r"f^{(\mathcal{T}^{h,s,r})}", "definition-2.1", note="the blocks of Definition 2.1, by their symbol"),
    ),
)

DEFINITION_2_3 = Result(
    id="definition-2.3", aliases=("2.3-def",), kind="definition", title="Target function class F_C",
    statement=("F_C: continuous f: [0,1]^{d x L} -> [0,1]^{d x L} with ||f(Z) - f(Z')||_alpha <= C ||Z - Z'||_alpha "
               "(entrywise l_alpha norm)."),
    location="Sec. 2.1 (Definition 2.3), p. 7",
    params=(Param("C", "pos", "Lipschitz constant", default="1"), Param("alpha", ">=1", "norm exponent", default="2")),
    checks=(
        Consistency("norm-name", where_a="Definition 2.3: 'C-Lipschitz (under p-norm)'",
                    where_b="Definition 2.3: ||.||_alpha in the explicit inequality", agree=False,
                    detail="p and alpha name the same exponent; Theorems 2.3/2.4 bind p ('Let 1 <= p < infinity') "
                           "but bound d_alpha, and Lemma 2.3 bounds d_p with lambda in alpha"),
        Consistency("domain", where_a="Definition 2.3: f_seq2seq: [0,1]^{d x L} -> [0,1]^{d x L}",
                    where_b="Definition 2.3: 'two input sequences Z, Z' in R^{d x L}'", agree=False,
                    detail="the Lipschitz condition quantifies over R^{d x L}, outside the domain [0,1]^{d x L}"),
    ),
    quotes=(
        Quote(r"f_{\text{seq2seq}} \in \mathcal{F}_C : [0, 1]^{d \times L} \mapsto [0, 1]^{d \times L}", "Definition 2.3", "definition"),
    ),
)

DEFINITION_2_4 = Result(
    id="definition-2.4", aliases=("2.4-def",), kind="definition", title="Vocabulary",
    statement=("The i-th vocabulary V^(i) is the set of tokens (columns) of Z^(i); the vocabulary V is the union of "
               "the V^(i) over the N sequences."),
    location="Sec. 2.2 (Definition 2.4), p. 8",
    notes="Written as a union of vectors (should be the set {Z^(i)_{:,k} : k in [L]}).",
    quotes=(
        Quote(r"\mathcal{V} = \bigcup_{i \in [N]} \mathcal{V}^{(i)} \subset \mathbb{R}^d", "Definition 2.4", "definition"),
    ),
)

DEFINITION_2_5 = Result(
    id="definition-2.5", aliases=("2.5-def",), kind="definition", title="Tokenwise separateness",
    statement=("Z^(1..N) are tokenwise (gamma_min, gamma_max, delta)-separated if every token has gamma_min < ||Z_k^(i)|| "
               "< gamma_max and distinct tokens (within or across sequences) are more than delta apart; (gamma, delta) "
               "keeps only the last two conditions and (delta) only the last."),
    location="Sec. 2.2 (Definition 2.5), p. 8",
    uses=("definition-2.4",),
    notes=("Matches Kajitsuka & Sato's Definition 1 as the notes recall [M]. The norm is not named (l2 in the "
           "source). ICLR reviewer R1 questioned the assumption when tokens repeat [V]."),
    quotes=(
        Quote(r"\|Z_{:,k}^{(i)} - Z_{:,l}^{(j)}\| > \delta", "Definition 2.5 (iii)", "definition"),
        Quote(r"\|Z_{:,k}^{(i)}\| > \gamma_{\min}", "Definition 2.5 (i)", "definition"),
    ),
    proof_refs=(ProofRef("", "definition-2.4", note="the tokens are the vocabulary elements of Definition 2.4"),),
)

DEFINITION_2_6 = Result(
    id="definition-2.6", aliases=("2.6-def",), kind="definition", title="Contextual mapping",
    statement=("g: R^{d x L} -> R^{d x L} is a (gamma, delta)-contextual mapping for Z^(1..N) if all context ids have "
               "norm < gamma and ids of tokens with different contexts (V^(i) != V^(j)) or different tokens are more "
               "than delta apart."),
    location="Sec. 2.2 (Definition 2.6), p. 8",
    uses=("definition-2.4",),
    notes=("Definition 2.5 uses delta for the input separation and this definition for the output separation; the "
           "reuse of a bound letter is no defect (Lemma 2.2 renames them eps and delta)."),
    checks=(
        Consistency("unbound-q", where_a="Definition 2.6: 'A function g ... is said to be a (gamma, delta)-contextual "
                                         "mapping'",
                    where_b="Definition 2.6, conditions 1-2: ||q(Z^(i))_{:,k}|| < gamma, ||q(Z^(i))_{:,k} - "
                            "q(Z^(j))_{:,l}|| > delta",
                    agree=False, detail="the defined function is g but the conditions constrain q, which is never "
                                        "introduced (Kajitsuka & Sato use q throughout, as the notes recall [M])"),
    ),
    quotes=(
        Quote(r"\|q(Z^{(i)})_{:,k} - q(Z^{(j)})_{:,l}\| > \delta", "Definition 2.6, condition 2", "definition"),
        Quote(r"\|q(Z^{(i)})_{:,k}\| < \gamma", "Definition 2.6, condition 1", "definition"),
    ),
    proof_refs=(
        ProofRef(r"\mathcal{V}^{(i)} \neq \mathcal{V}^{(j)}", "definition-2.4", note="the vocabularies of Definition 2.4, by their symbol"),
    ),
)

DEFINITION_2_7 = Result(
    id="definition-2.7", aliases=("2.7-def",), kind="definition", title="Prompt-tuning memorization",
    statement=("tau memorizes S = {(X^(i), Y^(i))} through prompt tuning if some prompt P gives "
               "max_i ||tau([P, X^(i)])_{:, L_p:} - Y^(i)||_alpha <= eps."),
    location="Sec. 2.5 (Definition 2.7), p. 12",
    params=(Param("eps", "pos", "memorization tolerance", default="1/10"),),
    checks=(
        Consistency("unbound-eps", where_a="Definition 2.7: 'tau memorizes S' (no tolerance in the defined notion)",
                    where_b="Definition 2.7: '... <= epsilon for all i'", agree=False,
                    detail="epsilon is not a parameter of the defined notion ('eps-memorizes' is meant)"),
        Consistency("slice-placement", where_a="Definition 2.7 / Theorem 2.5 (main text): tau([P, X^(i)]_{:,L_p})",
                    where_b="Theorem G.1: tau([P, Z^(i)])_{:,L_p}", agree=False,
                    detail="the main text slices the input before applying tau; G.1 slices tau's output. Read "
                           "literally, _{:,L_p} is one column (a d-vector) compared with Y in R^{d x L}: the intended "
                           "slice is the last L columns, _{:, L_p+1:}"),
    ),
    quotes=(
        Quote(r"\max_{i \in [N]} \|\tau([P, X^{(i)}]_{:,L_p}) - Y^{(i)}\|_\alpha \leq \epsilon", "Definition 2.7", "definition"),
    ),
)

PROBLEM_2 = Result(
    id="problem-2", kind="problem", title="Universality of prompt tuning a single-layer transformer",
    statement=("Is there tau in T^{1,1,r} such that every f in F_C has a prompt P with "
               "d_alpha(tau([P, .])_{:, L_p:}, f) <= eps, where d_alpha(f1, f2) = (int ||f1(Z) - f2(Z)||_alpha^alpha dZ)^{1/alpha}?"),
    location="Sec. 2.1 (Problem 2), p. 7",
    uses=("definition-2.2", "definition-2.3"),
    checks=(
        Consistency("d-alpha-arity", where_a="Problem 2: d_alpha(tau([P, .])_{:,L_p}, f_seq2seq)",
                    where_b="Problem 2: d_alpha(f_1, f_2) := (int ||f_1(Z) - f_2(Z)||^alpha dZ)^{1/alpha}", agree=True,
                    detail="two arguments in both places in this version; ICLR reviewer R1 reported a three-argument "
                           "use [V], apparently fixed. The slice _{:,L_p} (one column) should be the last L columns"),
        Consistency("quantifier-on-eps", where_a="Problem 2 and eq. 1.2: '<= epsilon for some epsilon > 0'",
                    where_b="Theorems 2.3/2.4: 'Let epsilon > 0. There exists tau ...' (every epsilon)", agree=False,
                    detail="'for some eps > 0' is met by any tau with finite d_alpha; universality is 'for every eps'"),
    ),
    quotes=(
        Quote(r"d_\alpha(f_1, f_2) := \left(\int \|f_1(Z) - f_2(Z)\|_\alpha^\alpha dZ \right)^{1/\alpha}", "Problem 2", "definition"),
        Quote(r"d_\alpha(\tau([P, \cdot])_{:,L_p}, f_{\text{seq2seq}}) \leq \epsilon", "Problem 2", "statement"),
    ),
    proof_refs=(
        ProofRef(r"\tau \in \mathcal{T}^{1,1,r}", "definition-2.2", note="the class of Definition 2.2, by its symbol"),
        ProofRef(r"f_{\text{seq2seq}} \in \mathcal{F}_C", "definition-2.3", note="the class of Definition 2.3, by its symbol"),
    ),
)

LEMMA_2_1 = Result(
    id="lemma-2.1", kind="informal", title="1-head, 1-layer attention with any-rank weights is a contextual mapping (informal)",
    statement=("A single-head, single-layer attention with weight matrices of any rank associates each input sequence "
               "with a unique label sequence."),
    location="Sec. 2 (Lemma 2.1, informal version of Lemma 2.2), p. 6",
    uses=("lemma-2.2",),
    checks=(
        Consistency("informal-vs-formal", where_a="Lemma 2.1: 'associate each input sequence with a unique label sequence'",
                    where_b="Lemma 2.2: a (gamma, delta)-contextual mapping (distinct context ids), for tokenwise-separated "
                            "inputs without repeated tokens", agree=False,
                    detail="the formal result gives separated context ids (not labels), only under separation and "
                           "no-duplicate hypotheses the informal version omits"),
    ),
    quotes=(
        Quote(r"W_K, W_Q, W_V", "Lemma 2.1", "statement"),
    ),
)

THEOREM_2_1 = Result(
    id="theorem-2.1", kind="informal", title="Universality of prompt tuning T^{1,1,4} with O(eps^{-d(L_p+L)}) FFN layers (informal)",
    statement=("Prompt tuning transformers with one head of size 1 and O(eps^{-d(L_p+L)}) width-4 FFN layers are universal "
               "approximators of Lipschitz seq2seq functions."),
    location="Sec. 2 (Theorem 2.1, informal version of Theorem 2.3), p. 6",
    uses=("theorem-2.3",),
    quotes=(
        Quote(r"\mathcal{O}(\epsilon^{-d(L_p+L)})", "Theorem 2.1", "statement"),
    ),
)

THEOREM_2_2 = Result(
    id="theorem-2.2", kind="informal", title="Universality of prompt tuning T^{1,1,r} with 2 FFN layers (informal)",
    statement=("Prompt tuning transformers with one head of size 1 and two FFN layers of width O(eps^{-d(L_p+L)}) are "
               "universal approximators of Lipschitz seq2seq functions."),
    location="Sec. 2 (Theorem 2.2, informal version of Theorem 2.4), p. 6",
    uses=("theorem-2.4",),
    checks=(
        Consistency("width-main-vs-appendix", where_a="Theorem 2.2 / Theorem 2.4 (main text): r = O((1/eps)^{d(L_p+L)})",
                    where_b="Theorem F.1 (Theorem 2.4 restated, App. F.2): r = O(d(L_p + L)) MLP neurons", agree=False,
                    detail="the appendix restatement gives a width linear in d(L_p+L), the main text one exponential "
                           "in it"),
    ),
    quotes=(
        Quote(r"\mathcal{T}^{1,1,r=\mathcal{O}(\epsilon^{-d(L_p+L)})}", "Theorem 2.2", "statement"),
    ),
)

RESULTS = [DEFINITION_1_1, DEFINITION_2_1, DEFINITION_2_2, DEFINITION_2_3, DEFINITION_2_4, DEFINITION_2_5, DEFINITION_2_6,
           DEFINITION_2_7, PROBLEM_2, LEMMA_2_1, THEOREM_2_1, THEOREM_2_2]
