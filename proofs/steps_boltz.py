"""The displayed steps of J.7 and J.9 (proofs of Lemmas C.7, C.9) as claims (see proofs/steps.py); J.8's are in
proofs/steps_j8.py.

J.7 and J.9 work with the lemmas' own objects; their standing statements are declared here from the
nodes' objects and hypotheses (C.7 as written leaves delta free, so delta is a variable of its proof).
"""
from __future__ import annotations

from fractions import Fraction

import sympy as sp

from boundcalc.auditing.steps import Step
from boundcalc.boltzmann import boltz
from boundcalc.objects import Rationals
from boundcalc.statements import Predicate, Quantity, Statement

from . import appendix_c as C
from . import formal_quantities as fq

S = sp.Symbol
Gt = lambda a, b: sp.StrictGreaterThan(a, b, evaluate=False)  # noqa: E731
Lt = lambda a, b: sp.StrictLessThan(a, b, evaluate=False)     # noqa: E731
Eq = lambda a, b: sp.Eq(a, b, evaluate=False)                 # noqa: E731
n, L, delta = S("n"), S("L"), S("delta")


def _pred(h) -> Predicate:
    return Predicate(h.text, h.text, h.holds, search=h)


def _n(key: str) -> Quantity:
    return Quantity("n", f"the length of {key}", value=lambda o: len(o[key]))


LN = Quantity("L", "ln n", expr=sp.log(n))

# ------------------------------------------------------------------ J.7 (Lemma C.7)

an, bn, Ba, Bb, dB, pn, Sp, Mb = (S(x) for x in ("a_n", "b_n", "Ba", "Bb", "dB", "p_n", "S_p", "Mb"))


def j7_statement() -> Statement:
    """Lemma C.7's hypotheses, delta free (the statement binds it nowhere)."""
    return Statement(
        dict(C.C7_OBJECTS, delta=Rationals(0, None, lo_open=True)), (Gt(Bb, Ba),),
        hypotheses=tuple(_pred(h) for h in C.C7_ASSUME),
        quantities=(_n("a"), LN, Quantity("a_n", "a_n", lambda o: o["a"][-1]), Quantity("b_n", "b_n", lambda o: o["b"][-1]),
                    Quantity("Ba", "Boltz(a)", lambda o: boltz(o["a"])), Quantity("Bb", "Boltz(b)", lambda o: boltz(o["b"])),
                    Quantity("dB", "d/dt Boltz(b_1, ..., b_{n-1}, t) at t = b_n", lambda o: fq.dboltz(o["b"], len(o["b"]) - 1)),
                    Quantity("p_n", "e^{b_n} / sum_i e^{b_i}", lambda o: fq.softmax(o["b"], len(o["b"]) - 1)),
                    Quantity("S_p", "S(p), p = softmax(b)", lambda o: fq.entropy(o["b"])),
                    Quantity("Mb", "max_i b_i", lambda o: max(o["b"]))),
        sample=_c7_with_delta, adversarial=_c7_adv_with_delta,
        latex={"dB": r"\frac{\partial}{\partial t} \text{Boltz}(b_1, \dots, b_{n-1}, t) \Big|_{t=b_n}",
               "Mb": r"\max_{i \in [n]} b_i"})   # as J.7 prints them


def _c7_with_delta(rng):
    """C.7's sampler with a delta drawn on both sides of max_{i<n} a_i - a_n (the statement leaves it free)."""
    return dict(C._c7_sample(rng), delta=Fraction(rng.randint(1, 160), rng.randint(1, 8)))


def _c7_adv_with_delta():
    for o in C._c7_adv():
        for dl in (Fraction(1), Fraction(15)):
            yield dict(o, delta=dl)


J7 = (
    Step("(J.7) concavity at t = b_n", Gt(Bb - Ba, (an - bn) * (-dB)), "Lemma C.3's concavity, first-order Taylor", (),
         r"\text{Boltz}(b) - \text{Boltz}(a) > (a_n - b_n) \left( - \frac{\partial}{\partial t} \text{Boltz}(b_1, \dots, "
         r"b_{n-1}, t) \Big|_{t=b_n} \right)"),
    Step("(J.7) entropy bound", Gt((an - bn) * (-pn * (1 + sp.log(pn) + Sp)), (an - bn) * (-pn * (1 + bn - Mb + L))),
         "Lemma C.2, then S(p) + ln p_n < b_n - max_i b_i + ln n", (),
         r"(a_n - b_n) [-p_n (1 + \ln p_n + \mathcal{S}(p))] > (a_n - b_n) \left[-p_n \left(1 + b_n - \max_{i \in [n]} "
         r"b_i + \ln n \right) \right]"),
    Step("(J.7) delta enters", Gt((an - bn) * (-pn * (1 + bn - Mb + L)), (an - bn) * pn * (delta + an - bn - L - 1)),
         "none given: needs delta < max_{i<n} a_i - a_n", (),
         r"> (a_n - b_n) p_n (\delta + a_n - b_n - \ln n - 1)", defect="c7-unbound-delta"),
)

# ------------------------------------------------------------------ J.9 (Lemma C.9)

Bz, zmax, zmin, gamma, D, Bpa, Bpb, pa1, pbk = (S(x) for x in ("B_z", "z_max", "z_min", "gamma", "D", "Ba", "Bb",
                                                                  "a_1", "b_k1"))


def _sorted(o, which):
    return sorted(o["z"][o[which]], reverse=True)


def _differ(o) -> int:
    return sum(1 for x, y in zip(_sorted(o, "i"), _sorted(o, "j")) if x != y)


def j9_statement() -> Statement:
    """Lemma C.9's hypotheses as written (i != j only)."""
    pair = lambda o, t: C_formal_pair(o)[t]  # noqa: E731
    return Statement(
        dict(C.C9_OBJECTS), (Lt(sp.Abs(Bz), gamma),),
        hypotheses=tuple(_pred(h) for h in C.C9_ASSUME),
        quantities=(LN, Quantity("B_z", "Boltz(z^(i))", lambda o: boltz(o["z"][o["i"]])),
                    Quantity("z_max", "z^(i)_1 (sorted decreasingly)", lambda o: _sorted(o, "i")[0]),
                    Quantity("z_min", "z^(i)_n (sorted decreasingly)", lambda o: _sorted(o, "i")[-1]),
                    Quantity("D", "the number of places where sorted z^(i) and z^(j) differ", _differ),
                    Quantity("a_1", "a_1 (a, b: the pair sorted, a larger at the first difference)", lambda o: pair(o, 0)[0]),
                    Quantity("b_k1", "b_{k+1}, k the first index where a, b differ", lambda o: pair(o, 1)[pair(o, 2)]),
                    Quantity("Ba", "Boltz(a)", lambda o: boltz(pair(o, 0))),
                    Quantity("Bb", "Boltz(b)", lambda o: boltz(pair(o, 1)))),
        sample=C._c9_sample, adversarial=C._c9_adv)


def C_formal_pair(o):
    from .formal import _ordered_pair

    return _ordered_pair(o)


J9 = (
    Step("(J.9) z_n < Boltz(z)", Lt(zmin, Bz), "weights of a softmax", (), r"z_n^{(i)} < \text{Boltz}(z^{(i)})"),
    Step("(J.9) Boltz(z) < z_1", Lt(Bz, zmax), "weights of a softmax", (), r"\text{Boltz}(z^{(i)}) < z_1^{(i)}"),
    Step("(J.9) |Boltz(z)| < max(|z_1|, |z_n|)", Lt(sp.Abs(Bz), sp.Max(sp.Abs(zmax), sp.Abs(zmin))), "", (),
         r"|\text{Boltz}(z^{(i)})| < \max\left(|z_1^{(i)}|, |z_n^{(i)}|\right)"),
    Step("(J.9) max(|z_1|, |z_n|) < gamma", Lt(sp.Max(sp.Abs(zmax), sp.Abs(zmin)), gamma), "|z_s| < gamma", (),
         r"\max\left(|z_1^{(i)}|, |z_n^{(i)}|\right) < \gamma"),
    Step("(J.9) w.l.o.g. a first difference k exists", Gt(D, 0), "w.l.o.g.", (),
         r"\left(z_1^{(i)}, \dots, z_k^{(i)}\right) = \left(z_1^{(j)}, \dots, z_k^{(j)}\right) \quad \text{and} "
         r"\quad a_{k+1} > b_{k+1}", defect="c9-multisets"),
    Step("(J.9) by Lemmas C.8 and C.6", Gt(sp.Abs(Bpa - Bpb), L ** 2 * sp.exp(-(pa1 - pbk))), "Lemmas C.8 and C.6", (),
         r"|\text{Boltz}(z^{(i)}) - \text{Boltz}(z^{(j)})| > (\ln n)^2 e^{-(z_1^{(i)} - z_{k+1}^{(j)})}"),
    Step("(J.9) a_1 - b_{k+1} < 2 gamma", Gt(L ** 2 * sp.exp(-(pa1 - pbk)), L ** 2 * sp.exp(-2 * gamma)),
         "(gamma, delta)-separated", (), r"> (\ln n)^2 e^{-2\gamma}"),
)


def declared(reg) -> dict:
    """J.7 and J.9; J.8 is in ``proofs/steps_j8.py`` (decided on listed points, with exact equalities)."""
    return {"lemma-C.7": (j7_statement(), J7), "lemma-C.9": (j9_statement(), J9)}
