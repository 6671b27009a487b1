"""Appendix F (proofs of Section 2.4): Lemma 2.5 = F.1, Lemma F.2, Theorem 2.4 = Theorem F.1.

Counts of the T_B^{1,1,r} construction (two FFN layers around one attention layer) and the layer
count of Lemma 2.5, each with the paper's asymptotic form next to the exact count.
"""
from __future__ import annotations

import random
from fractions import Fraction

from boundcalc.checks import Asymptotic, Consistency, Counterexample, StatedVsDerived
from boundcalc.numbers import Real
from boundcalc.objects import Integers, Rationals, Rel
from boundcalc.records import Constant, Param, Result, claim, constant
from boundcalc.quotes import ProofRef, Quote

from .appendix_e import (ATTENTION_WEIGHTS, CLAIMED_POWER, COLUMNS, GRID_CONSTANTS, GRID_LEVELS,
                         GRID_LEVELS_CORRECTED, GRID_PARAMS, PROMPT_GRID,
                         SEQ_GRID, SEQ_PARAMS, WIDTH, grid_separation_checks)

S_PARAM = Param("s", "posint", "attention head size", default="1", latex="s")
LP_PARAM = Param("Lp", "nonnegint", "prompt length L_p", latex="L_p")

# ----------------------------------------------------------------------------- literal forms of F.2


def relu(x: Fraction) -> Fraction:
    return x if x > 0 else Fraction(0)


def step_F1_literal(z: Fraction, n_cols: int, N: int, theta: Fraction) -> Fraction:
    """(F.1) as printed: sum_{t=0}^{L'(1/delta - 1)} (ReLU(z/th - t delta/th) - ReLU(z/th - 1 - t delta/th)) delta."""
    delta = Fraction(1, N)
    return sum((relu(z / theta - t * delta / theta) - relu(z / theta - 1 - t * delta / theta)) * delta
               for t in range(n_cols * (N - 1) + 1))


def bump_literal(x: Fraction, K: Fraction) -> Fraction:
    """One coordinate of F.2's f_bump as printed: ReLU(Kx - 1) - ReLU(Kx) + ReLU(Kx + 1)."""
    return relu(K * x - 1) - relu(K * x) + relu(K * x + 1)


def _step_sample(rng: random.Random) -> dict:
    return {"n_cols": rng.randint(1, 4), "N": rng.randint(2, 5), "theta_den": rng.randint(10, 40)}


def _bump_sample(rng: random.Random) -> dict:
    K = Fraction(rng.randint(1, 50))
    return {"K": K, "x": Fraction(rng.randint(100, 400), 100) / K * rng.choice((1, -1))}   # |K x| in [1, 4]


def _F2_sep_claimed_checks():
    return grid_separation_checks("F2", "F.2's grid")


# ----------------------------------------------------------------------------- Lemma F.2

LEMMA_F2 = Result(
    id="lemma-F.2",
    aliases=("F.2",),
    kind="lemma",
    title="A T_B^{1,1,r} transformer approximates the surrogate h_seq2seq",
    statement=(
        "Every quantized h: G_{delta,(L_p+L)} -> G_{delta,(L_p+L)} is approximated within eps/2 in d_alpha by some "
        "tau = f2 o SA o f1 in T_B^{1,1,r} with positional encoding E (proof: f1 quantizes with ramps (F.1)/(F.2), "
        "the attention is Lemma 2.2's contextual map, and f2 has one bump of 3 d(L_p+L) neurons per grid sequence)."
    ),
    location="App. F.2 (Lemma F.2, p. 43-46)",
    params=SEQ_PARAMS,
    constants=GRID_CONSTANTS + (
        constant("steps_literal", "n_cols*(N - 1) + 1", "terms t = 0..(L_p+L)(1/delta - 1) of the sum (F.1)",
                 r"T_{(F.1)}"),
        constant("top_literal", "delta*steps_literal", "value of (F.1) far right: delta per term",
                 r"f^{\mathrm{Step}}(\infty)"),
        constant("top_claimed", "n_cols", "value (F.1) claims for z >= L_p + L - delta", "L'"),
        constant("steps_needed", "n_cols*N", "steps of height delta needed to climb from 0 to L_p + L", r"T"),
        constant("r1_literal", "2*d*steps_literal", "neurons of f1 as (F.2) writes it: 2 ReLUs per term per row",
                 r"r_1^{(F.2)}"),
        constant("r1", "2*d*steps_needed", "neurons of f1 with the steps needed", r"r_1"),
        constant("r2", "3*d*n_cols*grid_sequences", "neurons of f2: 3 d(L_p+L) per grid sequence", r"r_2"),
        Constant("r", WIDTH, "width r of T_B^{1,1,r} (both FFN layers have r neurons)", "r"),
        constant("params_ffn", "2*((2*d + 1)*r + d)", "weights of the two width-r FFN layers", r"p_{FF}"),
        Constant("params_attention", ATTENTION_WEIGHTS, "W_O (dxs) and W_V, W_K, W_Q (sxd)", r"p_{SA}"),
        constant("params_total", "params_ffn + params_attention", "all trained weights of tau", "p"),
    ),
    hypotheses=("h maps G_{delta,(L_p+L)} to itself", "1/delta = N is a whole number"),
    uses=("lemma-2.2", "lemma-2.3", "lemma-2.4", "definition-2.5", "ext-ks24-theorem-2"),
    data={"differs_from": {
        "Gamma": {"ext-ks24-theorem-2": "Kajitsuka & Sato's Gamma is gamma_max + eps/4 of generic separated tokens "
                                        "(eps their separation); here Gamma is instantiated on the grid"},
        "Delta": {"ext-ks24-theorem-2": "the cited Delta is Remark D.2's rank-1 formula in its own parameters; "
                                        "here Delta is the value this proof writes for the grid"},
        "params_total": {"lemma-2.4": "F.2 counts the weights of T_B^{1,1,r} (two width-r FFN layers), 2.4 those "
                                      "of T_A^{1,1,4}"},
    }},
    notes=(
        "(F.1) sums (L_p+L)(1/delta - 1) + 1 steps of height delta, so it tops out at (L_p+L)(1 - delta) + delta, "
        "not L_p + L; (L_p+L)/delta steps are needed. The bump as printed, ReLU(Kx-1) - ReLU(Kx) + ReLU(Kx+1), "
        "equals Kx for Kx >= 1 (a triangle bump is ReLU(Kx+1) - 2 ReLU(Kx) + ReLU(Kx-1)). The FFN acts token by "
        "token while f_bump reads the whole sequence Q. F.2's grid [j+delta : delta : j+1] has smallest norm "
        "sqrt(d) delta and largest sqrt(d) L', outside the claimed (sqrt d, sqrt d (L'-delta)). The eps of the "
        "neuron count comes from delta through (E.2): N = ceil(2C(dL)^{1/alpha}/eps)."
    ),
    checks=_F2_sep_claimed_checks() + (
        Counterexample(
            name="(F.1) reaches L_p + L",
            lhs=lambda o: Real(step_F1_literal(Fraction(o["n_cols"]), o["n_cols"], o["N"],
                                               Fraction(1, o["theta_den"] * o["N"]))),
            rel="==", rhs=lambda o: Real(o["n_cols"]),
            objects={"n_cols": Integers(1, 5), "N": Integers(1, 6), "theta_den": Integers(1, 64)},
            assume=(Rel("1/delta = N >= 2", "N", ">=", "2"),),
            sample=_step_sample, adversarial=lambda: iter([{"n_cols": 2, "N": 2, "theta_den": 16}]), trials=20,
            target="proof",
            explanation="At z = L_p + L every ramp is complete: the sum is delta((L_p+L)(N-1)+1) < L_p + L.",
        ),
        Counterexample(
            name="F.2's bump vanishes for |K x| >= 1",
            lhs=lambda o: Real(bump_literal(o["x"], o["K"])), rel="==", rhs=lambda o: Real(0),
            objects={"K": Rationals(0, 100, lo_open=True), "x": Rationals(-10, 10)},
            assume=(Rel("|K x| >= 1", lambda o: abs(o["K"] * o["x"]), ">=", lambda o: 1),),
            sample=_bump_sample, adversarial=lambda: iter([{"K": Fraction(1), "x": Fraction(2)}]), trials=20,
            target="proof",
            explanation="For Kx >= 1 the printed combination is (Kx-1) - Kx + (Kx+1) = Kx, unbounded.",
        ),
        Consistency(
            name="(F.1)'s step count vs the climb it claims",
            where_a="(F.1): t = 0, ..., (L_p+L)(1/delta - 1), steps of delta", where_b="(F.1)'s cases: L + L_p at the top",
            a="top_literal", b="top_claimed", relation="==", grid=SEQ_GRID,
        ),
        Consistency(
            name="Delta: F.2 vs Lemma 2.2 at the claimed separation",
            where_a="F.2: Delta = exp(-5 |V|^4 d ln(n) L'^2/delta)",
            where_b="Lemma 2.2's delta with eps = sqrt(d) delta, gamma_min = sqrt d, gamma_max = sqrt(d)(L'-delta)",
            a="Delta", b="Delta_sub", relation="<=", grid=SEQ_GRID,
            detail="the appendix's Delta is at most Lemma 2.2's delta at the claimed separation (it writes L'^2 for (L'-delta)^2), so its claim follows: a valid weakening, not a defect",
        ),
    ),
    quotes=(
        Quote(r"\sqrt{d}(L' - \frac{3\delta}{4})", "proof of Lemma F.2, Gamma", "constant", "Gamma",
              {"L'": "n_cols", r"\delta": "delta"}),
        Quote(r"\Delta = \exp(-5|\mathcal{V}|^4 d \ln(n) L'^2 / \delta)", "proof of Lemma F.2, Delta", "constant", "Delta",
              {r"\Delta": "Delta", r"\mathcal{V}": "V_grid", "n": "n_cols", "L'": "n_cols", r"\delta": "delta"}),
        Quote(r"(L_p+L)(1/\delta-1)", "(F.1), upper end of the step sum", "constant", "steps_literal - 1",
              {"L_p": "Lp", r"\delta": "delta"}),
        Quote(r"L' = L_p + L", "proof of Lemma F.2, token-wise separation", "constant", "n_cols",
              {"L'": "n_cols", "L_p": "Lp"}),
        Quote(r"\sqrt{d}", "proof of Lemma F.2, (sqrt d, sqrt d (L' - delta), sqrt d delta)-separation", "constant",
              "claimed_gmin"),
        Quote(r"\sqrt{d}(L' - \delta)", "proof of Lemma F.2, (sqrt d, sqrt d (L' - delta), sqrt d delta)-separation",
              "constant", "claimed_gmax", {"L'": "n_cols", r"\delta": "delta"}),
        Quote(r"\sqrt{d}(L_p + L - \delta)", "proof of Lemma F.2, norm bound of M", "constant", "claimed_gmax",
              {"L_p": "Lp", r"\delta": "delta"}),
        Quote(r"\sqrt{d}\delta", "proof of Lemma F.2, (sqrt d, sqrt d (L' - delta), sqrt d delta)-separation",
              "constant", "claimed_sep", {r"\delta": "delta"}),
        Quote(r"\sqrt{d}(L' - \delta) + \frac{\sqrt{d}\delta}{4}", "proof of Lemma F.2, Gamma", "constant", "Gamma_sub",
              {"L'": "n_cols", r"\delta": "delta"}),
        Quote(r"(1/\delta)^{d(L_p + L)}", "proof of Lemma F.2, bumps i in [(1/delta)^{d(L_p+L)}]", "constant",
              "grid_sequences", {r"\delta": "delta", "L_p": "Lp"}),
        Quote(r"L + L_p", "(F.1), value of the top case", "constant", "top_claimed", {"L_p": "Lp"}),
        Quote(r"3d(L_p + L)(1/\delta)^{d(L_p + L)}", "proof of Lemma F.2, neurons of f2", "constant", "r2",
              {"L_p": "Lp", r"\delta": "delta"}),
    ),
    proof_refs=(
        ProofRef("[Kajitsuka and Sato, 2024, A.5]", "ext-ks24-theorem-2",
                 note="the bump construction is Kajitsuka and Sato's (their appendix A.5, for their Theorem 2)"),
        ProofRef("", "definition-2.5", note="the grid's tokenwise separation is checked against Definition 2.5"),
        ProofRef("(E.2)", "lemma-2.3", note="(E.2) is the quantization step of Lemma 2.3's proof"),
        ProofRef("(F.1)", "(F.1)", note="the step function"),
    ),
)

# ----------------------------------------------------------------------------- Lemma 2.5 = F.1

LEMMA_2_5 = Result(
    id="lemma-2.5",
    aliases=("lemma-F.1", "F.1", "2.5"),
    kind="lemma",
    title="Required number of FFN layers of T_A^{1,1,4}",
    statement=(
        "The T_A^{1,1,4} transformer of Section 2.3 needs O((1/eps)^{d(L_p+L)}) FFN layers to be a universal "
        "approximator through prompt tuning (proof: O(2L (C(dL)^{1/alpha}/eps)^{d(L_p+L)}) = O(eps^{-d(L_p+L)}))."
    ),
    location="Sec. 2.4 (Lemma 2.5, p. 12); restated as Lemma F.1 with proof in App. F.1 (p. 43)",
    params=(GRID_PARAMS[0], GRID_PARAMS[1], LP_PARAM) + GRID_PARAMS[2:],
    constants=(
        Constant("N", GRID_LEVELS, "grid levels 1/delta from (E.2)", "N"),
        Constant("n_cols", COLUMNS, "L' = L_p + L", "L'"),
        constant("value_layers", "L*N**(d*n_cols)", "value-mapping layers of Lemma 2.4 at this grid", r"\ell_v"),
        constant("ffn_layers", "d*n_cols*N + value_layers", "all FFN layers of Lemma 2.4's tau", r"\ell"),
        constant("delta_form", "L*(2*C*(d*L)**(1/alpha)/eps)**(d*n_cols)",
                 "L (1/delta*)^{dL'} with delta* = eps/(2C(dL)^{1/alpha}) (no ceiling)", r"L/\delta_*^{dL'}"),
        constant("F1_expr", "2*L*(C*(d*L)**(1/alpha)/eps)**(d*n_cols)",
                 "the proof's 2L (C(dL)^{1/alpha}/eps)^{d(L_p+L)}", r"\ell^{(F.1)}"),
        constant("claimed_O", "eps**(-d*n_cols)", "the O(eps^{-d(L_p+L)}) of the statement", r"\epsilon^{-dL'}"),
    ),
    hypotheses=("tau is Lemma 2.4's construction with delta from (E.2)",),
    uses=("lemma-2.4", "lemma-2.3"),
    notes=(
        "Substituting 1/delta = 2C(dL)^{1/alpha}/eps into L (1/delta)^{dL'} gives L 2^{dL'} (C(dL)^{1/alpha}/eps)^{dL'}; "
        "the proof writes the 2 outside the power. The O hides C, d, L, alpha and L_p (which Lemma 2.3 ties to "
        "eps). 'Requires' reads as necessity, but only one construction is counted: it is an upper bound."
    ),
    checks=(
        Consistency("requires-wording",
                    where_a="Lemma 2.5 / F.1: 'to be a universal approximator through prompt tuning, it requires "
                            "O(eps^{-d(L_p+L)}) of FFN layers'",
                    where_b="its proof: the layers of one construction (Lemma E.2's) are counted, an upper bound",
                    agree=False, detail="necessity ('requires') is claimed where one construction is counted"),
        StatedVsDerived(
            name="the proof's layer expression vs L (1/delta)^{d(L_p+L)}",
            stated="F1_expr", derived="value_layers", follows=">=",
            grid=tuple({"d": d, "L": L, "Lp": Lp, "eps": eps, "C": "1", "alpha": "2"}
                       for d, L, Lp, eps in (("1", "1", "0", "1/2"), ("1", "2", "3", "1/4"), ("2", "2", "8", "1/10"))),
            explanation="An upper bound on the layers must be at least the value layers counted; the 2 belongs "
                        "inside the power: the stated expression is 2^{1-dL'} times L (1/delta*)^{dL'}.",
        ),
        Asymptotic(
            name="O(2L(C(dL)^{1/alpha}/eps)^{d(L_p+L)}) = O(eps^{-d(L_p+L)}) at fixed L_p",
            explicit="ffn_layers", claimed="claimed_O", variable="eps", point="0",
            held={"d": "1", "L": "2", "Lp": "2", "C": "1", "alpha": "2"},
            explanation="At fixed L_p the ratio tends to L (2C(dL)^{1/alpha})^{dL'}: bounded, but the constant "
                        "hides C, d, L, alpha, L_p; with L_p from Lemma 2.3 it is unbounded (see theorem-2.3).",
        ),
    ),
    quotes=(
        Quote(r"\mathcal{O}((1/\epsilon)^{d(L_p+L)})", "Lemma 2.5", "constant", "claimed_O", {r"\epsilon": "eps", "L_p": "Lp"}),
        Quote(r"\mathcal{O}(\epsilon^{-d(L_p+L)})", "Lemma F.1", "constant", "claimed_O", {r"\epsilon": "eps", "L_p": "Lp"}),
        Quote(r"\mathcal{O}\left(2L(C(dL)^{\frac{1}{\alpha}}/\epsilon)^{d(L_p+L)}\right)", "proof of Lemma F.1", "constant",
              "F1_expr", {r"\epsilon": "eps", "L_p": "Lp"}),
        Quote(r"\mathcal{O}(L(1/\delta)^{d(L_p+L)})", "proof of Lemma E.2, value layers (cited by the proof of Lemma F.1)",
              "constant", "value_layers", {r"\delta": "1/N", "L_p": "Lp"}),
    ),
    proof_refs=(
        ProofRef("(E.2)", "lemma-2.3", note="(E.2) is the quantization step of Lemma 2.3's proof (Lemma E.1)"),
        ProofRef("(E.2)", "(E.2)", note="the relation of delta and eps"),
    ),
)

# ----------------------------------------------------------------------------- Theorem 2.4 = F.1 (theorem)

THEOREM_2_4 = Result(
    id="theorem-2.4",
    aliases=("theorem-F.1",),
    kind="theorem",
    title="Prompt tuning T_B^{1,1,r}: one attention layer and two FFN layers",
    statement=(
        "For 1 <= p < infinity and eps > 0 some tau in T_B^{1,1,r} with r = O((1/eps)^{d(L_p+L)}) has, for every "
        "f in F_C, a prompt P with d_p(tau([P, .])_{:, L_p:}, f) <= eps. (Theorem F.1 restates r = O(d(L_p+L)).)"
    ),
    location="Sec. 2.4 (Theorem 2.4, p. 12); restated as Theorem F.1 with proof in App. F.2 (p. 46)",
    params=GRID_PARAMS + (S_PARAM,),
    constants=(
        Constant("N", GRID_LEVELS, "grid levels 1/delta from Lemma 2.3 (eq. E.2)", "N"),
        Constant("Lp", PROMPT_GRID, "prompt length of Lemma 2.3's construction", "L_p"),
        Constant("N_corrected", GRID_LEVELS_CORRECTED,
                 "grid levels with Lemma E.1's corrected bound (C + 1) delta (dL)^{1/alpha} (e1-rounding)"),
        constant("error_quant_corrected", "(C + 1)*(d*L)**(1/alpha)/N_corrected",
                 "Lemma E.1's corrected quantization error at the corrected grid"),
        Constant("n_cols", COLUMNS, "L' = L_p + L", "L'"),
        constant("r1", "2*d*n_cols*N", "neurons of f1 (steps needed)", r"r_1"),
        constant("r2", "3*d*n_cols*N**(d*n_cols)", "neurons of f2 (bumps)", r"r_2"),
        Constant("r", WIDTH, "width r", "r"),
        Constant("claimed_r", CLAIMED_POWER, "Theorem 2.4's O((1/eps)^{d(L_p+L)})", r"(1/\epsilon)^{dL'}"),
        constant("claimed_r_F1", "d*n_cols", "Theorem F.1's O(d(L_p+L))", r"dL'"),
        constant("F2_expr", "d*n_cols*(C*(d*L)**(1/alpha)/eps)**(d*n_cols)",
                 "F.2's O(d(L_p+L)(C(dL)^{1/alpha}/eps)^{d(L_p+L)})", r"r^{(F.2)}"),
    ),
    hypotheses=("f in F_C", "1 <= p < infinity"),
    uses=("lemma-2.3", "lemma-F.2"),
    claims=(claim("error_budget_corrected", "error_quant_corrected", "<=", "eps/2",
                  "with E.1's corrected bound (C + 1) delta (dL)^{1/alpha} and 1/delta = ceil(2(C+1)(dL)^{1/alpha}/eps) "
                  "the quantization step of the proof stays within eps/2 (correction of e1-rounding)",
                  channel="proof"),),
    data={"examples": ({"d": "1", "L": "1", "eps": "1/2"}, {"d": "1", "L": "2", "eps": "1/3"})},
    notes="Lemma F.2 gives d_alpha(tau, h) <= eps/2 and Lemma 2.3 d_alpha(h, f) <= eps/2.",
    checks=(
        Consistency("exponent-name", where_a="Theorem F.1: 'Let 1 <= p < infinity'",
                    where_b="its conclusion: d_alpha(tau([P, .])_{:,L_p}, f) <= eps (alpha never introduced)",
                    agree=False, detail="p is introduced and never used; the exponent used is alpha"),
        Consistency(
            name="r: Theorem 2.4 vs Theorem F.1 (restated)",
            where_a="Theorem 2.4: r = O((1/eps)^{d(L_p+L)})", where_b="Theorem F.1: r = O(d(L_p+L))",
            agree=False,
            detail="The restatement's width has no eps at all; the proof's f2 needs 3 d(L_p+L) (1/delta)^{d(L_p+L)} "
                   "neurons, so Theorem 2.4's form is the one the proof supports.",
        ),
        Asymptotic(
            name="r = O((1/eps)^{d(L_p+L)}) with L_p from Lemma 2.3 (r = r2 here)",
            explicit="r2", claimed="claimed_r", variable="eps", point="0",
            held={"d": "1", "L": "1", "C": "1", "alpha": "2", "s": "1"},
            explanation="The ratio is about 3dL' (N eps)^{dL'} ~ 3dL' 2^{dL'} with L' = L_p + L growing as eps -> 0.",
        ),
    ),
    quotes=(
        Quote(r"r = \mathcal{O}((1/\epsilon)^{d(L_p+L)})", "Theorem 2.4", "constant", "claimed_r", {r"\epsilon": "eps", "L_p": "Lp"}),
        Quote(r"r = \mathcal{O}(d(L_p + L))", "Theorem F.1", "constant", "claimed_r_F1", {"L_p": "Lp"}),
        Quote(r"\mathcal{O}\left(d(L_p + L)(C(dL)^{\frac{1}{\alpha}}/\epsilon)^{d(L_p + L)}\right)", "proof of Lemma F.2, neurons",
              "constant", "F2_expr", {r"\epsilon": "eps", "L_p": "Lp"}),
        Quote(r"\epsilon > 0", "Theorems 2.4 / F.1", "hypothesis", declares="domain:eps", symbols={r"\epsilon": "eps"}),
        Quote(r"1 \leq p < \infty", "Theorems 2.4 / F.1 (p is the norm index: d_p in 2.4, d_alpha in F.1)", "hypothesis",
              declares="domain:alpha", symbols={"p": "alpha"}),
        Quote(r"L \left(\frac{1}{\delta}\right)^{dL}", "proof of Lemma E.1, prompt length (combined in the proof of Theorem 2.4)",
              "constant", "Lp", {r"\delta": "1/N"}),
        Quote(r"L' = L_p + L", "proof of Lemma F.2, token-wise separation", "constant", "n_cols",
              {"L'": "n_cols", "L_p": "Lp"}),
        Quote(r"3d(L_p + L)(1/\delta)^{d(L_p + L)}", "proof of Lemma F.2, neurons of f2", "constant", "r2",
              {"L_p": "Lp", r"\delta": "1/N"}),
    ),
)

RESULTS = [LEMMA_2_5, LEMMA_F2, THEOREM_2_4]
