"""The declarations: one Result per lemma, each with the checks the audit runs.

Formulas a check evaluates are exact: vectors are tuples of Fractions, Boltz and its derivatives are
certified balls from :mod:`boundcalc.boltzmann`, and a sign is reported only when certified.
"""
from __future__ import annotations

import random
from fractions import Fraction

import sympy as sp

from boundcalc.boltzmann import boltz_ball, entropy_ball, log_partition_ball, real, softmax_ball
from boundcalc.checks import Counterexample, Custom
from boundcalc.findings import Finding, Verdict
from boundcalc.numbers import Real
from boundcalc.objects import Index, Integers, Vectors
from boundcalc.quotes import Quote
from boundcalc.records import Param, Result
from boundcalc.statements import Quantity, Statement

SOURCE = "Kajitsuka & Sato (ICLR 2024), restated in Hu et al. (arXiv 2411.16525)"
N = Param("n", "int>=2", "length of the vector z", default="3", latex="n")


# ------------------------------------------------------------------ the quantities


def d_boltz(z, i) -> Real:
    """dBoltz/dz_i = p_i (1 + z_i - Boltz(z)) (differentiate sum_j z_j p_j; dp_j/dz_i = p_j([i=j] - p_i))."""
    zz = list(z)
    return real(lambda: softmax_ball(zz, i) * (1 + _ball(zz[i]) - boltz_ball(zz)))


def d2_boltz(z, i) -> Real:
    """d^2Boltz/dz_i^2 = p_i ((1 - 2 p_i)(1 + z_i - Boltz(z)) + 1), differentiating d_boltz once more."""
    zz = list(z)

    def ball():
        p = softmax_ball(zz, i)
        return p * ((1 - 2 * p) * (1 + _ball(zz[i]) - boltz_ball(zz)) + 1)
    return real(ball)


def _ball(q: Fraction):
    from flint import arb, fmpq

    return arb(fmpq(q.numerator, q.denominator))


def ln(n: int) -> Real:
    return real(lambda: _ball(Fraction(n)).log())


# ------------------------------------------------------------------ candidates
# Hypothesis "max_j z_j - z_i > ln n + extra": a random vector, then z_i pushed below the max by
# more than the threshold (a certified comparison rechecks it in ``far_below``).


def far_below(extra: int):
    """The hypothesis max_j z_j - z_i > ln n + extra, decided with certified arithmetic."""
    def hyp(o) -> bool | None:
        z, i = o["z"], o["i"]
        return Real(max(z) - z[i]).gt(ln(len(z)) + extra)
    return hyp


def draws(extra: int):
    def sample(rng: random.Random):
        n = rng.choice([2, 3, 4, 6, 10])
        z = [Fraction(rng.randint(-4000, 4000), 1000) for _ in range(n)]
        i = rng.randrange(n)
        top = max(z[j] for j in range(n) if j != i)
        # ln n < n, so a gap of n + extra + a random excess below the others' maximum is always enough
        z[i] = top - n - extra - Fraction(rng.randint(1, 4000), 1000)
        return {"z": z, "i": i}
    return sample


def near_threshold(extra: int):
    """Candidates just past the threshold: the place a wrong constant would show first."""
    def adversarial():
        for n in (2, 3, 5, 20):
            t = Fraction(int(ln(n).to_float() * 10**6) + 2, 10**6) + extra  # above ln n + extra; rechecked exactly
            yield {"z": [Fraction(0)] * (n - 1) + [-t], "i": n - 1}
    return adversarial


# ------------------------------------------------------------------ formal statements
# What a proof record must prove (boundcalc.statements, docs/statements.md). The atoms the records use are
# the statement's quantities, each with its certified value at a vector z and an index i.

Bs, Ms, Ls, lnZs, Ss, Ds, ps, zis, Ts, Ps, ns = sp.symbols("B M L lnZ S D p z_i T P n")


def _entropy_ball(o):
    return entropy_ball(list(o["z"]))


OBJECTS = {"n": Integers(2, 8), "z": Vectors("n", -20, 20), "i": Index("z")}
QUANTITIES = (
    Quantity("B", "Boltz(z) = sum_j z_j p_j", value=lambda o: real(lambda: boltz_ball(list(o["z"])))),
    Quantity("M", "max_j z_j", value=lambda o: max(o["z"])),
    Quantity("L", "ln n", expr=sp.log(ns)),
    Quantity("lnZ", "ln Z(z) = ln sum_j e^{z_j}", value=lambda o: real(lambda: log_partition_ball(list(o["z"])))),
    Quantity("S", "S(p) = -sum_j p_j ln p_j", value=lambda o: real(lambda: _entropy_ball(o)), facts=(sp.Eq(Ss, -Ts),)),
    Quantity("T", "sum_j p_j ln p_j", value=lambda o: real(lambda: -_entropy_ball(o))),
    Quantity("P", "sum_j p_j", value=lambda o: 1, facts=(sp.Eq(Ps, 1),)),
    Quantity("p", "p_i = e^{z_i} / Z(z)", value=lambda o: real(lambda: softmax_ball(list(o["z"]), o["i"])),
             facts=(sp.StrictGreaterThan(ps, 0, evaluate=False),)),
    Quantity("z_i", "the i-th entry of z", value=lambda o: o["z"][o["i"]]),
    Quantity("D", "dBoltz/dz_i", value=lambda o: d_boltz(o["z"], o["i"])),
)
IDENTITY_STATEMENT = Statement(variables=OBJECTS, quantities=QUANTITIES, conclusion=(sp.Eq(Bs, -Ss + lnZs),))
DECREASING_STATEMENT = Statement(
    variables=OBJECTS, quantities=QUANTITIES,
    hypotheses=(sp.StrictGreaterThan(Ms - zis, Ls + 1, evaluate=False),),
    conclusion=(sp.StrictLessThan(Ds, 0, evaluate=False),))
D2s = sp.Symbol("D2")
CONCAVE_STATEMENT = Statement(
    variables=OBJECTS,
    quantities=QUANTITIES + (Quantity("D2", "d^2Boltz/dz_i^2", value=lambda o: d2_boltz(o["z"], o["i"])),),
    hypotheses=(sp.StrictGreaterThan(Ms - zis, Ls + 3, evaluate=False),),
    conclusion=(sp.StrictLessThan(D2s, 0, evaluate=False),))

# ------------------------------------------------------------------ the results


IDENTITY_BITS = 1024
"""Precision up to which the identity's two sides are separated before a vector counts as undecided."""


def _identity(seed: int) -> list[Finding]:
    """Boltz(z) = -S(p) + ln Z(z) at random exact vectors: a certified nonzero difference refutes."""
    rng = random.Random(seed)
    worst = None
    for _ in range(40):
        z = [Fraction(rng.randint(-9000, 9000), 1000) for _ in range(rng.choice([2, 3, 7]))]
        diff = real(lambda z=z: boltz_ball(z) - (log_partition_ball(z) - entropy_ball(z)))
        # a ball that excludes 0 refutes; balls never certify a true identity, so stop at IDENTITY_BITS instead
        # of raising the precision to the engine's cap at every vector
        if diff.sign(cap=IDENTITY_BITS) not in (None, 0):
            return [Finding("custom:identity", Verdict.REFUTED, "Boltz(z) != -S(p) + ln Z(z) at a certified point",
                            {"z": [str(x) for x in z]}, channel="statement")]
        worst = z
    return [Finding("custom:identity", Verdict.UNKNOWN,
                    "no certified difference at 40 random exact vectors (evidence, not a proof)",
                    {"last_z": [str(x) for x in worst], "seed": seed}, channel="statement")]


PARTITION_IDENTITY = Result(
    id="ks-identity", aliases=("C.1",), kind="lemma",
    title="Boltz through the partition function and the entropy",
    statement="For every z in R^n, Boltz(z) = -S(p) + ln Z(z), with Z(z) = sum_i e^{z_i}, S(p) = -sum_i p_i ln p_i.",
    location="restated as Lemma C.1 (App. C.1)", source=SOURCE,
    params=(N,), hypotheses=("z in R^n",),
    checks=(Custom("identity", _identity),),
    quotes=(Quote(r"\text{Boltz}(z) = -\mathcal{S}(p) + \ln \mathcal{Z}(z)", "Lemma C.1", role="claim"),
            Quote(r"\mathcal{Z}(z) = \sum_{i=1}^n \exp(z_i)", "eq. (C.2)", role="definition")),
    formal=IDENTITY_STATEMENT,
)

DECREASING = Result(
    id="ks-lemma-4", aliases=("C.2",), kind="lemma",
    title="Boltz decreases in z_i far below the maximum",
    statement="If max_j z_j - z_i > ln n + 1 then dBoltz/dz_i < 0.",
    location="restated as Lemma C.2 (App. C.1)", source=SOURCE,
    params=(N,), hypotheses=("z in R^n", "max_j z_j - z_i > ln n + 1"), uses=("ks-identity",),
    checks=(Counterexample("derivative-negative", lhs=lambda o: d_boltz(o["z"], o["i"]), rel="<", rhs=lambda o: 0,
                           hypotheses=far_below(1), sample=draws(1), adversarial=near_threshold(1), trials=120),),
    quotes=(Quote(r"\frac{\partial}{\partial z_i} \text{Boltz}(z) = p_i (1 + \ln p_i + \mathcal{S}(p)) < 0", "Lemma C.2",
                  role="claim"),
            Quote(r"\max_{j \in [n]} z_j - z_i > \ln n + 1", "Lemma C.2", role="hypothesis")),
    formal=DECREASING_STATEMENT,
)

CONCAVE = Result(
    id="ks-lemma-5", aliases=("C.3",), kind="lemma",
    title="Boltz concave in z_i far below the maximum",
    statement="If max_j z_j - z_i > ln n + 3 then d^2Boltz/dz_i^2 < 0.",
    location="restated as Lemma C.3 (App. C.1)", source=SOURCE,
    params=(N,), hypotheses=("z in R^n", "max_j z_j - z_i > ln n + 3"), uses=("ks-lemma-4",),
    # the search derived from the formal statement; the hand-written draws only add candidates
    checks=(CONCAVE_STATEMENT.counterexample("second-derivative-negative", sample=draws(3),
                                             adversarial=near_threshold(3), trials=120),),
    quotes=(Quote(r"\frac{\partial^2}{\partial z_i^2} \text{Boltz}(z) < 0", "Lemma C.3", role="claim"),
            Quote(r"\max_{j \in [n]} z_j - z_i > \ln n + 3", "Lemma C.3", role="hypothesis")),
    formal=CONCAVE_STATEMENT,
)

RESULTS = [PARTITION_IDENTITY, DECREASING, CONCAVE]
