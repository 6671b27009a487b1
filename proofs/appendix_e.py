"""Appendix E (proofs of Section 2.3): Lemma 2.3 = E.1, the prompt-length construction."""
from boundcalc.records import Param, Result, claim, constant

GRID_PARAMS = (
    Param("d", "posint", "token dimension", latex="d"),
    Param("L", "posint", "input sequence length", latex="L"),
    Param("eps", "pos", "target approximation error epsilon", latex=r"\epsilon"),
    Param("C", "pos", "Lipschitz constant of the target class F_C", default="1", latex="C"),
    Param("alpha", ">=1", "the entrywise l_alpha norm of d_alpha", default="2", latex=r"\alpha"),
)

LEMMA_2_3 = Result(
    id="lemma-2.3",
    aliases=("lemma-E.1", "E.1", "2.3"),
    kind="lemma",
    title="Universality of the prompt-tuning surrogate h_seq2seq",
    statement=(
        "For the class F_C of C-Lipschitz maps [0,1]^{dxL} -> [0,1]^{dxL} (entrywise l_alpha norm) there is one "
        "quantized map h on the grid {0, delta, ..., 1-delta}^{dx(L_p+L)} such that every f in F_C has a prompt P "
        "with d_alpha(h([P, .])_{:, L_p:}, f) <= eps/2, provided L_p >= L*lambda, "
        "lambda = (2 C (dL)^{1/alpha} / eps)^{dL}."
    ),
    location="Sec. 2.3 (Lemma 2.3, p. 11); proof in App. E.1 (Lemma E.1, p. 38-40)",
    params=GRID_PARAMS,
    constants=(
        constant("lam", "(2*C*(d*L)**(1/alpha)/eps)**(d*L)",
                 "lambda as stated: number of grid cells of side eps/(2 C (dL)^{1/alpha})", r"\lambda"),
        constant("Lp_min", "L*lam", "the statement's prompt length L*lambda", r"L_p^{\min}"),
        constant("delta_star", "eps/(2*C*(d*L)**(1/alpha))",
                 "largest grid side with C*delta*(dL)^{1/alpha} <= eps/2 (eq. E.2)", r"\delta^*"),
        constant("grid_n", "ceil(2*C*(d*L)**(1/alpha)/eps)",
                 "grid levels per coordinate 1/delta: the grid {0,...,1-delta} needs it whole", "N"),
        constant("delta", "1/grid_n", "grid side used by the construction", r"\delta"),
        constant("Lp_grid", "L*grid_n**(d*L)", "prompt length of the construction, L*(1/delta)^{dL}",
                 r"L_p^{\mathrm{grid}}"),
        constant("quant_error", "C*delta*(d*L)**(1/alpha)",
                 "the proof's bound on d_alpha(f_bar, f) for the grid used", r"e_{\mathrm{quant}}"),
    ),
    hypotheses=(
        "f_seq2seq: [0,1]^{dxL} -> [0,1]^{dxL} is C-Lipschitz in the entrywise l_alpha norm",
        "1/delta is a whole number (the grid {0, delta, ..., 1-delta} must exist)",
    ),
    claims=(
        claim("quantization", "quant_error", "<=", "eps/2",
              "the grid side used keeps the piecewise-constant error within eps/2"),
        claim("grid_prompt_covers_bound", "Lp_grid", ">=", "Lp_min",
              "the constructive prompt length is at least the statement's L*lambda"),
    ),
    uses=(),
    notes=(
        "lambda is the cell count of a grid of side eps/(2C(dL)^{1/alpha}); when that side is not 1/N for a whole N "
        "the construction rounds 1/delta up, so its prompt is L*ceil(2C(dL)^{1/alpha}/eps)^{dL} >= L*lambda."
    ),
)

RESULTS = [LEMMA_2_3]
