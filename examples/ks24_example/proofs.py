"""Machine-checked proof records for two of the lemmas (docs/proofs.md), keyed by result id.

Each step is closed by a sound tactic from named premises; the axioms are the trusted facts, each with
its reference. The atoms stand for the paper's quantities: B = Boltz(z), M = max_j z_j, L = ln n,
lnZ = ln Z(z), S = S(p), D = dBoltz/dz_i, p = p_i > 0.
"""
from __future__ import annotations

import sympy as sp

from boundcalc.prover import POS, Axiom, ProofRecord, Step

B, M, L, lnZ, S, D, p, zi, T, P = sp.symbols("B M L lnZ S D p z_i T P")
Gt = lambda a, b: sp.StrictGreaterThan(a, b, evaluate=False)   # noqa: E731
Ge = lambda a, b: sp.GreaterThan(a, b, evaluate=False)          # noqa: E731
Lt = lambda a, b: sp.StrictLessThan(a, b, evaluate=False)       # noqa: E731

ENTROPY = "Cover & Thomas, Elements of Information Theory, Thm 2.6.4: S(p) <= ln n for p on n points"
LOGSUMEXP = "Boyd & Vandenberghe, Convex Optimization (2004), p. 72: max_j z_j <= ln sum_j e^{z_j}"

# Lemma C.1: Boltz(z) = sum_i p_i z_i with z_i = ln p_i + ln Z; summing with weights p_i gives
# B = T + lnZ * P where T = sum_i p_i ln p_i = -S and P = sum_i p_i = 1.
IDENTITY = ProofRecord(
    "ks-identity", "Boltz(z) = -S(p) + ln Z(z)", latex=r"\text{Boltz}(z) = -\mathcal{S}(p) + \ln \mathcal{Z}(z)",
    hypotheses={"weights_sum_to_one": sp.Eq(P, 1), "entropy_definition": sp.Eq(S, -T)},
    variables={}, formula=sp.Eq(B, -S + lnZ),
    axioms=[Axiom("weighted_log_sum", "sum_i p_i z_i = sum_i p_i ln p_i + ln Z sum_i p_i (z_i = ln p_i + ln Z, "
                  "summed with weights p_i); B, T, P name the three sums", "definition of softmax; linearity",
                  formula=sp.Eq(B, T + lnZ * P))],
    steps=[Step("identity", sp.Eq(B, -S + lnZ), "z3_nonlinear",
                ("weighted_log_sum", "weights_sum_to_one", "entropy_definition"))],
    conclusion="identity")

# Lemma C.2: dBoltz/dz_i = p_i (1 + z_i - Boltz(z)) and Boltz(z) >= max_j z_j - ln n, so the gap hypothesis
# max_j z_j - z_i > ln n + 1 makes the bracket negative and the derivative negative.
DECREASING = ProofRecord(
    "ks-lemma-4", "If max_j z_j - z_i > ln n + 1 then dBoltz/dz_i < 0",
    latex=r"\frac{\partial}{\partial z_i} \text{Boltz}(z) < 0 \text{ when } \max_{j} z_j - z_i > \ln n + 1",
    hypotheses={"gap": Gt(M - zi, L + 1)}, variables={p: POS}, formula=Lt(D, 0),
    axioms=[Axiom("boltz_lower_bound", "Boltz(z) >= max_j z_j - ln n (Lemma C.1 with S(p) <= ln n and "
                  "max_j z_j <= ln Z)", f"Lemma C.1, {ENTROPY}; {LOGSUMEXP}", formula=Ge(B, M - L)),
            Axiom("derivative", "dBoltz/dz_i = p_i (1 + z_i - Boltz(z)) (differentiate sum_j z_j p_j)",
                  "calculus: dp_j/dz_i = p_j([i = j] - p_i)", formula=sp.Eq(D, p * (1 + zi - B)))],
    steps=[Step("bracket_negative", Lt(1 + zi - B, 0), "z3_linear", ("gap", "boltz_lower_bound")),
           Step("negative", Lt(D, 0), "z3_nonlinear", ("bracket_negative", "derivative"))],
    conclusion="negative")

PROOFS = {"ks-identity": IDENTITY, "ks-lemma-4": DECREASING}
