"""The displayed steps of the construction proofs as claims (see proofs/steps.py): Lemma D.2's chain and
(D.10), (D.12) of Lemma 2.2's proof (App. D.1), (E.2) of Lemma E.1's proof (App. E.1), and G.1's last step
(App. G). Each proof works inside its construction, so its standing statement is declared here: the
objects the step speaks of and the conditions the proof has put on them at that point.
"""
from __future__ import annotations

from fractions import Fraction

import sympy as sp

from boundcalc.auditing.steps import Step
from boundcalc.numbers import Real
from boundcalc.objects import Integers, Rationals
from boundcalc.statements import Quantity, Statement

from . import appendix_d as D
from . import formal_quantities as fq

S = sp.Symbol
Gt = lambda a, b: sp.StrictGreaterThan(a, b, evaluate=False)  # noqa: E731
Ge = lambda a, b: sp.GreaterThan(a, b, evaluate=False)        # noqa: E731
Lt = lambda a, b: sp.StrictLessThan(a, b, evaluate=False)     # noqa: E731
Le = lambda a, b: sp.LessThan(a, b, evaluate=False)           # noqa: E731
Eq = lambda a, b: sp.Eq(a, b, evaluate=False)                 # noqa: E731
POS = dict(lo_open=True)
# Domains state what the proof assumes, nothing more: where the paper allows every value, the domain is
# unbounded and ``scale`` only says how far the random draws reach (a search cap is not a hypothesis).

# ------------------------------------------------------------------ Lemma D.2's chain (App. D.1)


def _diff(o):
    va, vb, _ = (o["vocab"][i] for i in o["abc"])
    return [x - y for x, y in zip(va, vb)]


def _sum_of_abs(o) -> Fraction:
    """sum_i sum_j |(v_a - v_b)^T q_i| |p_i^T p'_j| |q'_j^T v_c| (exact)."""
    w, vc = _diff(o), o["vocab"][o["abc"][2]]
    return sum((abs(D._dot(w, q)) * abs(D._dot(p, pp)) * abs(D._dot(qq, vc))
                for p, q in zip(o["p"], o["q"]) for pp, qq in zip(o["pp"], o["qq"])), Fraction(0))


def _d2_lower(o) -> Real:
    """(1/((|V|+1)^2 sqrt d))^2 ||v_a - v_b|| (|V|+1)^4 d delta/(eps gamma_min) ||v_c|| with d = 2: the chain's
    bound by (D.1) and (D.2)."""
    nv, vc = len(o["vocab"]), o["vocab"][o["abc"][2]]
    pp = (nv + 1) ** 4 * 2 * o["delta"] / (o["eps"] * o["gamma_min"])
    norms = (Real(D._dot(_diff(o), _diff(o))) * Real(D._dot(vc, vc))).sqrt()
    return norms * Real(pp / ((nv + 1) ** 4 * 2))


GAP, SSUM, LOW, DL = S("G"), S("SS"), S("low"), S("delta")
D2_QUANTITIES = (
    Quantity("G", "|(W_K v_a)^T (W_Q v_c) - (W_K v_b)^T (W_Q v_c)|", D._d2_logit_gap),
    Quantity("SS", "sum_i sum_j |(v_a - v_b)^T q_i| |p_i^T p'_j| |q'_j^T v_c|", _sum_of_abs),
    Quantity("low", "||v_a - v_b|| (|V|+1)^4 d delta/(eps gamma_min) ||v_c|| / ((|V|+1)^4 d)", _d2_lower),
)
D2_CHAIN = (
    Step("(D.2 chain) |sum_ij| = sum_ij |.|", Eq(GAP, SSUM), "none", (),
         r"= \sum_{i=1}^{\rho} \sum_{j=1}^{\rho} \left| (v_a - v_b)^\top q_i \right| \cdot |p_i^\top p'_j| \cdot "
         r"|q'_j{}^\top v_c|", defect="d2-rank-cross-terms"),
    Step("(D.2 chain) by (D.1) and (D.2)", Ge(SSUM, LOW), "(D.1) and (D.2)", (),
         r"\geq \frac{1}{(|\mathcal{V}| + 1)^2 d^{0.5}} \|v_a - v_b\| \cdot (|\mathcal{V}| + 1)^4 d "
         r"\frac{\delta}{\epsilon \gamma_{\min}} \cdot \frac{1}{(|\mathcal{V}| + 1)^2 d^{0.5}} \|v_c\|"),
    Step("(D.2 chain) by separateness", Gt(LOW, DL), "(gamma_min, gamma_max, eps)-separateness", (), r"> \delta"),
)

# ------------------------------------------------------------------ (D.10) and (D.12) of Lemma 2.2's proof

V, d, nn, eps, gmin, gmax, r, X = (S(x) for x in ("V", "d", "n", "eps", "gamma_min", "gamma_max", "r", "X"))
dD = 4 * sp.log(nn)
PP = (V + 1) ** 4 * d * dD / (eps * gmin)


def d10_statement() -> Statement:
    """The (1,1) term of (D.10) at rank one: r = |q_1'^T Z_{:,k}|, with ||Z_{:,k}|| < gamma_max (tokenwise
    separation) and |q^T Z| <= ||Z|| (unit q), X = |(q_1^T Z^(i)) Softmax[a^(i)] - (q_1^T Z^(j)) Softmax[a^(j)]|,
    and |p_1'^T p_1| fixed by (D.5) with delta = 4 ln n."""
    return Statement(
        {"V": Integers(1, 6), "d": Integers(1, 6), "n": Integers(2, 16), "eps": Rationals(0, None, scale=2, **POS),
         "gamma_min": Rationals(0, None, scale=2, **POS), "gamma_max": Rationals(0, None, scale=2, **POS),
         "r": Rationals(0, None, scale=2), "X": Rationals(0, None, scale=2, **POS)},
        (Le(r, gmax),), hypotheses=(Lt(gmin, gmax), Lt(r, gmax)))


D10 = (
    Step("(D.10) last inequality, (1,1) term", Le(r * PP * X, gmax * (V + 1) ** 4 * (sp.pi * d / 8) * dD / (eps * gmin) * X),
         "By (D.5)", (),
         r"\leq \sum_{i=1}^{\rho} \gamma_{\max} \cdot (|\mathcal{V}| + 1)^4 \frac{\pi d}{8} \frac{\delta}{\epsilon "
         r"\gamma_{\min}} \cdot \left| (q_i^\top Z^{(i)}) \text{Softmax}[a^{(i)}] - (q_i^\top Z^{(j)}) "
         r"\text{Softmax}[a^{(j)}] \right|", defect="d10-pi"),
)

rho, t1, t2, c1, c2, B, NS, SN = (S(x) for x in ("rho", "t_1", "t_2", "c_1", "c_2", "B", "NS", "SN"))
SCALE = eps / (4 * rho * gmax)


def _dir(t: Fraction) -> tuple:
    """A rational unit vector of R^2 (the stereographic point of t)."""
    return ((1 - t * t) / (1 + t * t), 2 * t / (1 + t * t))


def _norm_of_sum(o) -> Real:
    """||sum_{i<=rho} W_O p_i'' c_i|| with W_O p_i'' = eps/(4 rho gamma_max) dir(t_i) ((D.8): that norm each)."""
    s = o["eps"] / (4 * o["rho"] * o["gamma_max"])
    terms = [(o["t_1"], o["c_1"]), (o["t_2"], o["c_2"])][:o["rho"]]
    v = [sum((s * c * _dir(t)[k] for t, c in terms), Fraction(0)) for k in range(2)]
    return Real(v[0] * v[0] + v[1] * v[1]).sqrt()


def d12_statement() -> Statement:
    """(D.12) at rank rho in {1, 2}: W_O p_i'' of norm eps/(4 rho gamma_max) ((D.8)) in directions t_i, the
    projected differences c_i = (q_i''^T Z^(i)) Softmax[a^(i)] - (q_i''^T Z^(j)) Softmax[a^(j)], and (D.11):
    sum_i |c_i| > B (B its right side)."""
    return Statement(
        {"rho": Integers(1, 2), "eps": Rationals(0, None, scale=2, **POS),
         "gamma_max": Rationals(0, None, scale=2, **POS), "t_1": Rationals(scale=4), "t_2": Rationals(scale=4),
         "c_1": Rationals(scale=4), "c_2": Rationals(scale=4), "B": Rationals(0, None, scale=2, **POS)},
        (Gt(NS, 0),), hypotheses=(Gt(sp.Abs(c1) + (rho - 1) * sp.Abs(c2), B),),
        quantities=(Quantity("NS", "||sum_i W_O p_i'' c_i||", _norm_of_sum),
                    Quantity("SN", "sum_i ||W_O p_i''|| |c_i|", expr=SCALE * (sp.Abs(c1) + (rho - 1) * sp.Abs(c2)))))


D12 = (
    Step("(D.12) norm of the sum", Eq(NS, SN), "W_V = sum_i p_i'' q_i''^T", (),
         r"= \sum_{i=1}^{\rho} \|W_O p_i''\| \cdot |(q_i''^\top Z^{(i)}) \text{Softmax}[a^{(i)}] - (q_i''^\top Z^{(j)}) "
         r"\text{Softmax}[a^{(j)}]|", defect="d12-norm-of-sum"),
    Step("(D.12) by (D.8) and (D.11)", Gt(SN, eps / (4 * gmax) * B), "By (D.8) and (D.11)", (),
         r"> \frac{\epsilon}{4\gamma_{\max}} \frac{\delta'}{(|\mathcal{V}| + 1)^4} \frac{\epsilon \gamma_{\min}}{d "
         r"\delta \gamma_{\max}}", defect="d12-norm-of-sum"),
)

# ------------------------------------------------------------------ (E.2), proof of Lemma E.1

Cc, k, t, w, dq, e2 = (S(x) for x in ("C", "k", "t", "w", "delta_q", "eps"))


def _w(o) -> Real:
    return Real(o["d"] * o["L"]) ** Real(1 / Fraction(o["alpha"]))


def e2_statement() -> Statement:
    """Lemma E.1's proof at the quantization: f = c constant on [0,1]^{d x L} (C-Lipschitz for every C >= 0),
    grid side delta = 1/k, f_bar grid-valued (f_bar : G -> G, the nearest grid value), and the choice
    C delta (dL)^{1/alpha} <= eps/2."""
    return Statement(
        {"d": Integers(1, 2), "L": Integers(1, 2), "alpha": Rationals(1, None, scale=Fraction(3, 2)),
         "C": Rationals(0, None, scale=2), "k": Integers(1, 8), "c": Rationals(0, 1),
         "eps": Rationals(0, None, scale=2, **POS)},
        (Le(t, e2 / 2),), hypotheses=(Le(Cc * dq * w, e2 / 2),),
        quantities=(Quantity("delta_q", "1/k, the grid side", expr=1 / k),
                    Quantity("w", r"(d L)^{1/\alpha}", _w),
                    Quantity("t", "d_alpha(f_bar, f) = |round(c) - c| (dL)^{1/alpha} (volume 1)",
                             lambda o: Real(fq.rounding_error(o["c"], o["k"])) * _w(o))),
        latex={"delta_q": r"\delta", "t": r"d_\alpha(\bar{f}_{\text{seq2seq}}, f_{\text{seq2seq}})"})   # as printed


E2 = (
    Step("(E.2) chain, by C-Lipschitzness", Le(t, Cc * dq * w), "C-Lipschitzness", (),
         r"\leq \left(\int (C\delta)^\alpha dL \cdot dZ \right)^{1/\alpha} = C\delta(dL)^{\frac{1}{\alpha}}",
         defect="e1-rounding"),
    Step("(E.2) delta chosen", Le(Cc * dq * w, e2 / 2), "the proof's choice of delta (the standing hypothesis)", (),
         r"C\delta(dL)^{\frac{1}{\alpha}} \leq \epsilon/2"),
    Step("(E.2)", Le(t, e2 / 2), "delta chosen with C delta (dL)^{1/alpha} <= eps/2", (),
         r"d_\alpha(\bar{f}_{\text{seq2seq}}, f_{\text{seq2seq}}) \leq \frac{\epsilon}{2}", defect="e1-rounding"),
)

# ------------------------------------------------------------------ G.1, proof of Theorem 2.5

h, wd, al, eg, dA = (S(x) for x in ("h", "width", "alpha", "eps", "d_alpha"))


def g1_statement() -> Statement:
    """G.1 at d = L = 1: tau - f* a triangle bump of height h and half-width w around a data point Z^(i)
    (inside [0, 1]), so d_alpha(tau, f*) = h (2w/(alpha+1))^{1/alpha}, and the proof's d_alpha <= eps."""
    return Statement(
        {"h": Rationals(0, 1), "width": Rationals(0, Fraction(1, 2), **POS), "alpha": Rationals(1, None, scale=Fraction(3, 2)),
         "eps": Rationals(0, 1, **POS)},
        (Le(h, eg),), hypotheses=(Le(dA, eg),),
        quantities=(Quantity("d_alpha", "(int |tau - f*|^alpha dZ)^{1/alpha} for the bump",
                             expr=h * (2 * wd / (al + 1)) ** (1 / al)),),
        # G.1 prints the largest error at the data, which is the bump's height h (the bump sits on a data point)
        latex={"h": r"\max_{i \in [N]} \|\tau([P, Z^{(i)}])_{:,L_p} - Y^{(i)}\|_\alpha"})


G1 = (
    Step("(G.1) pointwise at the data", Le(h, eg), "d_alpha(tau, f*) <= eps", (),
         r"\max_{i \in [N]} \|\tau([P, Z^{(i)}])_{:,L_p} - Y^{(i)}\|_\alpha \leq \epsilon", defect="g1-pointwise"),
)


def declared(reg) -> dict:
    d2 = reg.results["lemma-D.2"].formal
    from dataclasses import replace

    d2 = None if d2 is None else replace(d2, quantities=tuple(d2.quantities) + D2_QUANTITIES)
    return {"lemma-D.2": (d2, D2_CHAIN),
            "lemma-2.2": (d10_statement(), D10),
            "lemma-2.2 (D.12)": (d12_statement(), D12),
            "lemma-2.3": (e2_statement(), E2),
            "theorem-2.5": (g1_statement(), G1)}
