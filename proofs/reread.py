"""Checks for the defects found on the section-by-section re-read of issue 22 (normalisation axes, a norm of
a sum used as a lower bound, a discontinuous map said to be realised by ReLU neurons, a doubled grid step).
Every value is exact (fractions) or a certified Arb ball."""
from __future__ import annotations

from fractions import Fraction

from flint import arb, ctx as flint_ctx

from boundcalc.findings import Finding, Verdict

PREC = 200


def _a(q) -> arb:
    q = Fraction(q)
    return arb(q.numerator) / q.denominator


def _matmul(A, B):
    return [[sum((A[i][k] * B[k][j] for k in range(len(B))), type(A[0][0])(0)) for j in range(len(B[0]))]
            for i in range(len(A))]


def _t(A):
    return [list(r) for r in zip(*A)]


INSTANCE = {"X": [[1, 0, 2], [0, 1, 1]], "W_K": [[1, 1], [0, 1]], "W_Q": [[1, 0], [1, 1]], "W_V": [[1, 0], [0, 1]]}
"""d = 2, L = 3; the column softmax of K^T Q then differs from (1.3)'s normalisation."""


def _normalisations():
    F = lambda M: [[Fraction(x) for x in r] for r in M]   # noqa: E731
    X, WK, WQ, WV = (F(INSTANCE[k]) for k in ("X", "W_K", "W_Q", "W_V"))
    S = _matmul(_t(_matmul(WK, X)), _matmul(WQ, X))        # K^T Q = X^T W_K^T W_Q X, exact
    E = [[_a(x).exp() for x in r] for r in S]
    V = [[_a(x) for x in r] for r in _matmul(WV, X)]
    L = len(E)
    rows = [sum(E[i], arb(0)) for i in range(L)]                       # E 1_L: sums over queries (D of (1.3))
    cols = [sum((E[i][j] for i in range(L)), arb(0)) for j in range(L)]  # 1^T E: sums over keys (softmax)
    paper = [[sum((V[r][i] * E[i][j] / rows[i] for i in range(L)), arb(0)) for j in range(L)] for r in range(len(V))]
    soft = [[sum((V[r][i] * E[i][j] for i in range(L)), arb(0)) / cols[j] for j in range(L)] for r in range(len(V))]
    return S, E, rows, cols, paper, soft


def normalisation_axis(where: str):
    """(1.3): Z = (W_V X) D^{-1} exp(X^T W_K^T W_Q X) with D = diag(exp(.) 1_L). Row i of exp(K^T Q) is key i, so
    exp(.) 1_L sums over queries; D^{-1} then rescales key i's value, and the columns of D^{-1} exp(.) do not sum
    to 1: this is not V Softmax(K^T Q) (softmax over keys per query column). App. H.1 writes the same
    V D^{-1} exp(K_p^T Q_p) with D from Definition H.1 (one normaliser per query) on the key side."""
    def run(seed: int) -> list[Finding]:
        old = flint_ctx.prec
        flint_ctx.prec = PREC
        try:
            S, E, rows, cols, paper, soft = _normalisations()
            L = len(E)
            colsum = [sum((E[i][j] / rows[i] for i in range(L)), arb(0)) for j in range(L)]
            gaps = [abs(paper[r][j] - soft[r][j]) for r in range(len(paper)) for j in range(L)]
            worst = max(range(len(gaps)), key=lambda k: gaps[k].mid())
            certified = bool(gaps[worst] > 0) and any(bool(abs(c - 1) > 0) for c in colsum)
        finally:
            flint_ctx.prec = old
        ev = {"instance": {k: [[str(x) for x in r] for r in v] for k, v in INSTANCE.items()},
              "K^T Q": [[str(x) for x in r] for r in S],
              "column sums of D^-1 exp(K^T Q)": [c.str(8, radius=False) for c in colsum],
              "largest |(1.3) - V Softmax(K^T Q)| entry": gaps[worst].str(8, radius=False),
              "correct form": "V exp(K^T Q) D'^{-1}, D' = diag(1_L^T exp(K^T Q))"}
        name = f"custom:normalisation axis of {where}"
        if certified:
            return [Finding(name, Verdict.REFUTED,
                            f"{where}'s D = diag(exp(K^T Q) 1) sums over queries, not keys: (W_V X) D^-1 exp(.) is not "
                            f"a column softmax (an entry differs by {gaps[worst].str(4, radius=False)}, certified; "
                            f"the columns of D^-1 exp(.) do not sum to 1)", ev, channel="text")]
        return [Finding(name, Verdict.UNKNOWN, "difference not certified", ev, channel="text")]
    return run


def d12_norm_of_sum(seed: int) -> list[Finding]:
    """(D.12) writes ||sum_i W_O p_i'' c_i|| = sum_i ||W_O p_i''|| |c_i| and uses it as a lower bound. For rank
    rho >= 2 the terms can cancel: W_O p_1'' = u, W_O p_2'' = -u (equal norms, as (D.8) asks), c_1 = c_2 = 1 give
    a norm 0 against a sum 2||u||. At rho = 1 the two sides are equal."""
    u = (Fraction(3), Fraction(4))
    terms = [(u, Fraction(1)), (tuple(-x for x in u), Fraction(1))]
    vec = [sum(w[k] * c for w, c in terms) for k in range(2)]
    norm_sq = sum(x * x for x in vec)
    sum_norms = sum(Fraction(5) * abs(c) for _, c in terms)        # ||u|| = 5 exactly
    ev = {"W_O p_1''": ["3", "4"], "W_O p_2''": ["-3", "-4"], "c": ["1", "1"],
          "||sum||^2": str(norm_sq), "sum of norms": str(sum_norms)}
    if norm_sq == 0 and sum_norms > 0:
        return [Finding("custom:(D.12)'s norm of a sum as a lower bound", Verdict.REFUTED,
                        "(D.12) replaces ||sum_i W_O p_i'' c_i|| by sum_i ||W_O p_i''|| |c_i|, which is only an upper "
                        f"bound: rank 2, W_O p_2'' = -W_O p_1'', c_1 = c_2 = 1 give norm 0 against {sum_norms}", ev,
                        channel="proof")]
    return [Finding("custom:(D.12)'s norm of a sum as a lower bound", Verdict.UNKNOWN, "not shown", ev, channel="proof")]


def phi_jump(label: str):
    """(E.4)/(B.1)'s phi is a ramp on [0, delta) and 0 at t >= delta: as printed (-t + 1) it jumps at t = 0 and at
    t = delta; with Yun et al.'s -t (see phi-E4) it still jumps at t = delta (left limit -delta, value 0). Every
    function computed by ReLU neurons is continuous, so no ReLU layer realises phi exactly; Yun et al. use phi as
    an activation and approximate it."""
    def run(seed: int) -> list[Finding]:
        rows = []
        for inv in (2, 4, 10):
            delta = Fraction(1, inv)
            rows.append({"delta": str(delta), "printed: lim t->delta- (-t + 1)": str(1 - delta),
                         "intended: lim t->delta- (-t)": str(-delta), "phi(delta)": "0",
                         "jump (intended)": str(-delta)})
        jumps = all(Fraction(r["jump (intended)"]) != 0 for r in rows)
        name = f"custom:{label}'s phi is discontinuous; ReLU neurons compute continuous maps"
        if jumps:
            return [Finding(name, Verdict.REFUTED,
                            f"{label}'s phi jumps at t = delta by delta (also with the intended -t), exactly; a sum of "
                            "ReLU neurons is continuous, so 'realized by 4 MLP neurons' cannot hold exactly: a "
                            "theta-ramp (as F.2 uses) realises it off a set of measure O(theta)", {"points": rows},
                            channel="proof")]
        return [Finding(name, Verdict.UNKNOWN, "no jump found", {"points": rows}, channel="proof")]
    return run


def shift_doubled(label: str):
    """(E.4)/(B.1) run k over {0, delta, ..., L - delta} and subtract k delta: the shifts k delta are multiples of
    delta^2 and stop below L delta, so rows above L delta are never quantized. Intended: k = 0, 1, ..., L/delta - 1."""
    def run(seed: int) -> list[Finding]:
        rows = []
        for L, inv in ((1, 2), (2, 2), (3, 4)):
            delta = Fraction(1, inv)
            ks = [Fraction(j, inv) for j in range(L * inv)]          # 0, delta, ..., L - delta
            shifts = [k * delta for k in ks]
            rows.append({"L": L, "delta": str(delta), "largest shift": str(max(shifts)),
                         "needed": [str(Fraction(j, inv)) for j in range(L * inv)][-1], "layers": len(ks)})
        bad = all(Fraction(r["largest shift"]) < Fraction(r["needed"]) for r in rows)
        name = f"custom:{label}'s shift k delta with k in {{0, delta, ..., L - delta}}"
        if bad:
            return [Finding(name, Verdict.REFUTED,
                            f"{label} lets k run over {{0, delta, ..., L - delta}} and shifts by k delta, so the shifts "
                            "are multiples of delta^2 below L delta (L = 2, delta = 1/2: largest shift 3/4, needed 3/2); "
                            "k = 0, 1, ..., L/delta - 1 is meant", {"points": rows}, channel="proof")]
        return [Finding(name, Verdict.UNKNOWN, "no missed level", {"points": rows}, channel="proof")]
    return run


def no_duplicates_quantifier(seed: int) -> list[Finding]:
    """Lemma 2.2 / D.3 assume 'Z^(i)_{:,k} != Z^(i)_{:,l} for any i in [N] and k, l in [L]': at k = l this asks
    Z_{:,k} != Z_{:,k}, false for every sequence, so read literally no input satisfies the lemma. C.9 writes the
    intended s != t. Checked on sequences: the condition at k = l fails for each column."""
    seqs = [[[Fraction(0), Fraction(1)], [Fraction(1), Fraction(0)]], [[Fraction(1, 2)], [Fraction(3)]]]
    rows = []
    for Z in seqs:
        cols = list(zip(*Z))
        rows.append({"Z": [[str(x) for x in r] for r in Z],
                     "k = l pairs violating Z_{:,k} != Z_{:,l}": sum(1 for c in cols if not (c != c))})
    unsat = all(r["k = l pairs violating Z_{:,k} != Z_{:,l}"] == len(list(zip(*s))) for r, s in zip(rows, seqs))
    name = "custom:no-duplicate hypothesis quantifies over k = l"
    if unsat:
        return [Finding(name, Verdict.REFUTED,
                        "the no-duplicate hypothesis 'Z_{:,k} != Z_{:,l} for any k, l in [L]' fails at k = l for every "
                        "sequence (checked column by column): read literally the lemma has no admissible input; "
                        "k != l is meant (C.9 writes s != t), and the audit reads it so", {"sequences": rows},
                        channel="text")]
    return [Finding(name, Verdict.UNKNOWN, "not shown", {"sequences": rows}, channel="text")]


def d2_quantifier_order(seed: int) -> list[Finding]:
    """Lemma D.2 says 'there exist W_K, W_Q such that |...| > delta for any delta > 0': read in that order (one
    pair of matrices for every delta) it is false, since a fixed pair has a finite largest gap. On an exact rank-1
    pair the smallest gap g is computed; delta = g already fails. 'For any delta there exist W_K, W_Q' is meant
    (the construction scales with delta, (D.2))."""
    vocab = [(Fraction(1), Fraction(0)), (Fraction(0), Fraction(1)), (Fraction(1), Fraction(1))]
    q, qq, s = (Fraction(1), Fraction(3)), (Fraction(2), Fraction(1)), Fraction(5)
    dot = lambda u, v: sum(x * y for x, y in zip(u, v))   # noqa: E731
    logit = {(v, c): dot(q, v) * s * dot(qq, c) for v in vocab for c in vocab}
    gaps = [abs(logit[(a, c)] - logit[(b, c)]) for c in vocab for a in vocab for b in vocab if a != b]
    g = min(gaps)
    fails = not all(x > g for x in gaps)
    ev = {"vocabulary": [[str(x) for x in v] for v in vocab], "q": ["1", "3"], "q_prime": ["2", "1"],
          "p_dot_p_prime": "5", "smallest gap": str(g), "largest gap": str(max(gaps)), "delta tried": str(g)}
    name = "custom:Lemma D.2's quantifier order"
    if fails and g > 0:
        return [Finding(name, Verdict.REFUTED,
                        f"'there exist W_K, W_Q such that ... > delta for any delta > 0' fails for every fixed pair: "
                        f"here the smallest gap is {g}, so delta = {g} is not exceeded; 'for any delta there exist' "
                        "is meant", ev, channel="text")]
    return [Finding(name, Verdict.UNKNOWN, "not shown", ev, channel="text")]


def d12_drops_rho(seed: int) -> list[Finding]:
    """(D.8) sets ||W_O p_i''|| = eps/(4 rho gamma_max) for each i, so sum_i ||W_O p_i''|| |c_i| equals
    eps/(4 rho gamma_max) sum_i |c_i|; (D.12) multiplies (D.11)'s bound on sum_i |c_i| by eps/(4 gamma_max), the
    sum of the coefficients, as if each term carried it. At rho = 2, eps = gamma_max = 1 and (D.11)'s bound 1,
    c = (51/100, 1/2) meets (D.11) but gives 101/800, below the claimed 1/4."""
    rho, eps, gmax, bound = 2, Fraction(1), Fraction(1), Fraction(1)
    c = (Fraction(51, 100), Fraction(1, 2))
    meets_d11 = sum(c) > bound
    lhs = sum(eps / (4 * rho * gmax) * x for x in c)
    claimed = eps / (4 * gmax) * bound
    ev = {"rho": rho, "eps": "1", "gamma_max": "1", "(D.11) bound": "1", "c": [str(x) for x in c],
          "lhs": str(lhs), "rhs (D.12)": str(claimed)}
    name = "custom:(D.12) drops (D.8)'s 1/rho"
    if meets_d11 and lhs < claimed:
        return [Finding(name, Verdict.REFUTED,
                        f"with (D.8)'s eps/(4 rho gamma_max) per term, the sum is {lhs} while (D.12) claims more than "
                        f"{claimed} (rho = 2, c = (51/100, 1/2) meets (D.11)): the 1/rho is dropped; equal at rho = 1",
                        ev, channel="proof")]
    return [Finding(name, Verdict.UNKNOWN, "not shown", ev, channel="proof")]
