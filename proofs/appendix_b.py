"""Appendix B: Theorem B.1, universality of 1-layer 1-head any-rank attention without a prompt."""
from __future__ import annotations

from boundcalc.checks import Asymptotic, Consistency, Custom
from boundcalc.records import Constant, Param, Result, constant
from boundcalc.quotes import ProofRef, Quote

from . import reread
from .appendix_e import GRID_PARAMS, FFN_LAYERS, GRID_LEVELS, GRID_SIDE, NEURONS_4, VALUE_LAYERS, WIDTH, grid_separation_checks

THEOREM_B1 = Result(
    id="theorem-B.1",
    aliases=("B.1",),
    kind="theorem",
    title="Universality of transformers with one any-rank single-head attention layer",
    statement=(
        "For 1 <= alpha < infinity, eps > 0 and every f in F_C there is a transformer with one single-head "
        "attention layer of any rank, tau in T_A^{1,1,4} (or in T_B^{1,1,r} with r = O((1/eps)^{dL})), with "
        "positional encoding E in R^{dxL} and d_alpha(tau, f) <= eps."
    ),
    location="App. B (Theorem B.1, p. 17-19)",
    params=GRID_PARAMS + (Param("s", "posint", "attention head size", default="1", latex="s"),),
    constants=(
        Constant("N", GRID_LEVELS,
                 "grid levels 1/delta, with the eps/2 quantization budget of (E.2)", "N"),
        Constant("delta", GRID_SIDE, "grid side", r"\delta"),
        constant("V_grid", "L*N**d", "distinct tokens of the quantized grid", r"|\mathcal{V}|"),
        constant("Gamma", "sqrt(d)*(L - 3*delta/4)", "Gamma as written", r"\Gamma"),
        constant("Delta", "exp(-5*V_grid**4*d*log(L)*L**2/delta)", "Delta as written, reading its n as L",
                 r"\Delta"),
        constant("Delta_sub", "exp(-5*V_grid**4*d*(L - delta)**2*log(L)/delta)",
                 "Lemma 2.2's delta at eps = sqrt(d) delta, gamma_min = sqrt d, gamma_max = sqrt(d)(L-delta)",
                 r"\Delta_{\mathrm{sub}}"),
        constant("grid_sequences", "N**(d*L)", "quantized inputs M", r"N^{dL}"),
        constant("quant_layers", "d*L*N", "(B.1) layers: one per row and level, dL/delta", r"\ell_q"),
        Constant("value_layers", VALUE_LAYERS, "one per context id: L (1/delta)^{dL}", r"\ell_v"),
        constant("value_layers_paper_O", "delta**(-d*L)", "the simplified O(delta^{-dL})", r"\ell_v^{O}"),
        Constant("ffn_layers", FFN_LAYERS, "FFN layers of the T_A version", r"\ell"),
        Constant("neurons_A", NEURONS_4, "hidden neurons of the T_A version", r"4\ell"),
        constant("params_A", "(9*d + 4)*ffn_layers + 4*s*d", "weights of the T_A version", r"p_A"),
        constant("r1", "2*d*L*N", "f1 neurons of the T_B version (steps needed)", r"r_1"),
        constant("r2", "3*d*L*grid_sequences", "f2 neurons of the T_B version (bumps)", r"r_2"),
        Constant("r", WIDTH, "width of the T_B version", "r"),
        constant("params_B", "2*((2*d + 1)*r + d) + 4*s*d", "weights of the T_B version", r"p_B"),
        constant("claimed_r", "(1/eps)**(d*L)", "the statement's O((1/eps)^{dL})", r"(1/\epsilon)^{dL}"),
    ),
    hypotheses=("f in F_C", "1 <= alpha < infinity"),
    uses=("lemma-2.2", "lemma-2.4", "lemma-F.2", "ext-yun20-universality", "ext-ks24-theorem-2"),
    data={"differs_from": {
        "Gamma": {"ext-ks24-theorem-2": "Kajitsuka & Sato's Gamma is gamma_max + eps/4 of generic separated tokens "
                                        "(eps their separation); here Gamma is instantiated on the grid"},
        "Delta": {"ext-ks24-theorem-2": "the cited Delta is Remark D.2's rank-1 formula in its own parameters; "
                                        "here Delta is the value this proof writes for the grid"},
    }},
    notes=(
        "The proof repeats Lemma 2.4's with L_p = 0 (same grid, same (B.1) = (E.4) layer with phi = -t + 1) and "
        "inherits its separation claim and its Delta with an unbound n. No eps split is stated; the eps/2 of "
        "(E.2) is used here so that the T_B version's approximation error fits."
    ),
    checks=grid_separation_checks("E4", "B.1's grid") + (
        Custom("(B.1) phi", reread.phi_jump("(B.1)")), Custom("(B.1) shift", reread.shift_doubled("(B.1)")),
        Consistency(
            name="B.1's Delta uses n, never bound in Appendix B",
            where_a="B.1: Delta = exp(-5 |V|^4 d ln(n) L^2/delta)", where_b="Appendix B (sequences of length L)",
            agree=False, detail="n is not defined in Theorem B.1 or its proof; reading it as L gives 'Delta' here.",
        ),
        Consistency(
            name="Delta: B.1 vs Lemma 2.2 at the claimed separation",
            where_a="B.1: L^2", where_b="Lemma 2.2 substituted: (L - delta)^2",
            a="Delta", b="Delta_sub", relation="<=", detail="the appendix's Delta is at most Lemma 2.2's delta at the claimed separation (it writes L'^2 for (L'-delta)^2), so its claim follows: a valid weakening, not a defect",
            grid=tuple({"d": d, "L": L, "eps": e, "C": "1", "alpha": "2", "s": "1"}
                       for d, L, e in (("1", "2", "1/2"), ("2", "3", "1/4"))),
        ),
        Asymptotic(
            name="T_B width r = O((1/eps)^{dL}) (r = r2 here)",
            explicit="r2", claimed="claimed_r", variable="eps", point="0",
            held={"d": "1", "L": "2", "C": "1", "alpha": "2", "s": "1"},
            explanation="Without a prompt the exponent dL is fixed: the ratio tends to 3dL(2C(dL)^{1/alpha})^{dL}.",
        ),
    ),
    quotes=(
        Quote(r"r = \mathcal{O}((1/\epsilon)^{dL})", "Theorem B.1", "constant", "claimed_r", {r"\epsilon": "eps"}),
        Quote(r"\sqrt{d}\left(L - \frac{3\delta}{4}\right)", "proof of Theorem B.1, Gamma", "constant", "Gamma",
              {r"\delta": "delta"}),
        Quote(r"\exp(-5|\mathcal{V}|^4 d \ln(n)L^2/\delta)", "proof of Theorem B.1, Delta", "constant", "Delta",
              {r"\mathcal{V}": "V_grid", "n": "L", r"\delta": "delta"}),
        Quote(r"\mathcal{O}(L(1/\delta)^{dL})", "proof of Theorem B.1, value layers", "constant", "value_layers",
              {r"\delta": "delta"}),
        Quote(r"\mathcal{O}(\delta^{-dL})", "proof of Theorem B.1, value layers", "constant", "value_layers_paper_O",
              {r"\delta": "delta"}),
        Quote(r"1 \leq \alpha < \infty", "Theorem B.1", "hypothesis", "domain:alpha", {r"\alpha": "alpha"}),
        Quote(r"\epsilon > 0", "Theorem B.1", "hypothesis", "domain:eps", {r"\epsilon": "eps"}),
        Quote(r"(1/\delta)^{dL}", "proof of Theorem B.1, possibilities of M", "constant", "grid_sequences",
              {r"\delta": "delta"}),
    ),
    proof_refs=(
        ProofRef("[Yun et al., 2020, C.3]", "ext-yun20-universality"),
        ProofRef("[Kajitsuka and Sato, 2024]", "ext-ks24-theorem-2",
                 note="the T_B version follows Kajitsuka and Sato's construction (cited by author and year)"),
        ProofRef("(B.1)", "(B.1)", note="the quantization layer"),
    ),
)

RESULTS = [THEOREM_B1]
