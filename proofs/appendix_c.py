"""Appendix C (proofs in Appendix J): the Boltzmann operator, Definition C.1 and Lemmas C.1-C.9.

Every lemma is a concrete inequality about Boltz(z) = sum_i z_i softmax(z)_i. Each carries a
counterexample search over vectors that satisfy the hypotheses exactly as written (exact rationals;
thresholds with ln n decided by certified comparison), decided with arb balls. Where the text is
false or ill-formed as written and the intent is clear, a ``...-corrected`` check states the
intended version (see docs/paper-findings.md).
"""
from __future__ import annotations

import random
from fractions import Fraction

from boundcalc.checks import Citation, Consistency, Counterexample, Custom
from boundcalc.findings import Finding, Verdict
from boundcalc.numbers import Real
from boundcalc.objects import FiniteSet, Index, Integers, Pred, Rationals, Rel, Sequences, Vectors
from boundcalc.records import Param, Result
from boundcalc.quotes import ProofRef, Quote

from boundcalc import boltzmann as boltzmann_ops

from . import boltzmann as bz
from . import impact
from .boltzmann import MARGIN, all3, ln, rand_frac, slots

N_PARAM = Param("n", "int>=2", "length of the vectors", default="2", latex="n")
DELTA_PARAM = Param("delta", "pos", "separation delta", default="3", latex=r"\delta")
SMALL_N = ({"n": "2"}, {"n": "3"}, {"n": "4"}, {"n": "5"}, {"n": "8"})

# ------------------------------------------------------------------ C.1


def c1_sides():
    """J.1 term by term, as (label, lhs, rhs) sympy pairs with p_i = e^{z_i}/Z, Z > 0: p_i ln(p_i Z) = p_i z_i,
    and the entropy form p_i ln p_i + p_i ln Z = p_i z_i (summing over i with sum p_i = 1 gives Lemma C.1)."""
    import sympy

    z = sympy.Symbol("z_i", real=True)
    Z = sympy.Symbol("Z", positive=True)
    p = sympy.exp(z) / Z
    return [("J1", p * sympy.log(p * Z), p * z),
            ("entropy form", p * sympy.log(p) + p * sympy.log(Z), p * z)]


def c1_decide(sides, seed: int) -> list[Finding]:
    """Each per-term identity: sympy first; when it does not reduce to 0, random exact points (certified)."""
    import sympy

    from boundcalc import symcache as _symcache

    ev, left = {}, []
    for label, lhs, rhs in sides:
        diff = _symcache.simplify(sympy.expand_log(lhs - rhs, force=True))
        ev[f"per_term_{label}"] = str(diff)
        if diff != 0:
            left.append((label, diff))
    if not left:
        return [Finding("custom:identity", Verdict.VERIFIED,
                        "per-term identity p_i ln p_i + p_i ln Z(z) = p_i z_i simplifies to 0 in sympy (z_i real, Z > 0);"
                        " summing over i with sum_i p_i = 1 gives Boltz(z) = -S(p) + ln Z(z) for every n", ev)]
    for label, diff in left:
        from boundcalc.auditing.symbolic import numeric_identity   # lazy: keeps the registry load light

        holds, how, point = numeric_identity(diff, sympy.Integer(0), seed)
        if holds is False:
            ev["counterexample"] = point
            return [Finding("custom:identity", Verdict.REFUTED, f"the per-term identity ({label}) is false: "
                            f"sympy leaves {sympy.sstr(diff)}, and {how}", ev)]
    return [Finding("custom:identity", Verdict.UNKNOWN, "sympy did not reduce the per-term identity to 0 and no "
                    "certified difference was found at random exact points", ev)]


def _c1_identity(seed: int) -> list[Finding]:
    return c1_decide(c1_sides(), seed)


DEFINITION_C1 = Result(
    id="definition-C.1", aliases=("C.1-def", "boltz"), kind="definition",
    title="Softmax and the Boltzmann operator Boltz",
    statement="For z in R^n, p = Softmax(z) with p_i = e^{z_i} / sum_j e^{z_j}, and Boltz(z) = z^T p = sum_i z_i p_i.",
    location="App. C (Definition C.1, eq. C.1), p. 24",
    notes="Follows Asadi & Littman (2017) and Kajitsuka & Sato (2024); the notes record the same definition [M].",
    quotes=(
        Quote(r"\text{Boltz}(z) = z^\top \text{Softmax}(z) = z^\top p = \sum_{i=1}^n z_i p_i", "eq. (C.1)", "definition"),
    ),
)

LEMMA_C1 = Result(
    id="lemma-C.1", aliases=("C.1",), kind="lemma",
    title="Boltz via partition function and entropy",
    statement="For every z in R^n, Boltz(z) = -S(p) + ln Z(z), with Z(z) = sum_i e^{z_i} and S(p) = -sum_i p_i ln p_i.",
    location="App. C.1 (Lemma C.1), p. 24; proof App. J.1, p. 56",
    hypotheses=("z in R^n",),
    uses=("definition-C.1",),
    checks=(
        Custom("identity", _c1_identity),
        Counterexample("identity-at-vectors", lhs=lambda o: boltzmann_ops.boltz(o["z"]), rel="==",
                       rhs=lambda o: bz.entropy_form(o["z"]), objects={"z": Vectors((1, 12))}, assume=(),
                       sample=lambda rng: {"z": [rand_frac(rng, Fraction(-40), Fraction(40)) for _ in range(rng.randint(1, 6))]},
                       adversarial=lambda: iter([{"z": [Fraction(0)]}, {"z": [Fraction(-200), Fraction(200)]}]),
                       trials=10, explanation="Boltz(z) against -S(p) + ln Z(z), both certified, at exact z"),
    ),
    quotes=(
        Quote(r"\text{Boltz}(z) = -\mathcal{S}(p) + \ln \mathcal{Z}(z)", "Lemma C.1", "claim"),
    ),
)

# ------------------------------------------------------------------ C.2 / C.3 (derivative signs)


def _deriv_sample(gap_extra: int):
    def sample(rng: random.Random):
        n = rng.choice([2, 3, 4, 5, 8, 16])
        i = rng.randrange(n)
        M = rand_frac(rng, Fraction(-10), Fraction(10))
        zi = M - bz.above_ln(n, 1, gap_extra) - rand_frac(rng, Fraction(0), Fraction(4))
        z = [rand_frac(rng, zi - 3, M) for _ in range(n)]
        z[i] = zi
        z[(i + 1 + rng.randrange(n - 1)) % n] = M
        return {"z": z, "i": i}
    return sample


def _deriv_adversarial(gap_extra: int):
    def adv():
        for n in (2, 3, 4, 5, 50):
            t = bz.above_ln(n, 1, gap_extra)
            yield {"z": [Fraction(0)] * (n - 1) + [-t], "i": n - 1}          # ties at the max
            yield {"z": [Fraction(0)] + [-t - Fraction(k, 10**7) for k in range(1, n - 1)] + [-t], "i": n - 1}
        yield {"z": [Fraction(0), Fraction(-200)], "i": 1}                          # huge gap
    return adv


DERIV_OBJECTS = {"z": Vectors((2, 64)), "i": Index("z")}
"""z in R^n (n >= 2) and a coordinate i of it."""


def _gap_below_max(o):
    return max(o["z"]) - o["z"][o["i"]]


LEMMA_C2 = Result(
    id="lemma-C.2", aliases=("C.2",), kind="lemma",
    title="Boltz decreases in z_i when z_i is far below the maximum",
    statement=("If max_j z_j - z_i > ln n + 1 then dBoltz/dz_i = p_i (1 + ln p_i + S(p)) < 0, "
               "so Boltz decreases in the direction of z_i."),
    location="App. C.1 (Lemma C.2 = Lemma 4 of Kajitsuka & Sato), p. 24; proof App. J.2, p. 56",
    params=(N_PARAM,),
    hypotheses=("z in R^n", "max_j z_j - z_i > ln n + 1"),
    uses=("lemma-C.1", "ext-ks24-lemma-4"),
    notes="True: Boltz = ln Z - S >= max z - ln n, so 1 + z_i - Boltz < 0 under the hypothesis.",
    checks=(
        Counterexample("derivative-negative", lhs=lambda o: bz.dboltz(o["z"], o["i"]), rel="<", rhs=lambda o: 0,
                       objects=DERIV_OBJECTS,
                       assume=(Rel("max_j z_j - z_i > ln n + 1", _gap_below_max, ">", lambda o: ln(len(o["z"])) + 1),),
                       screen=bz.screen_derivative(1, 1),
                       sample=_deriv_sample(1), adversarial=_deriv_adversarial(1), trials=150),
    ),
    quotes=(
        Quote(r"\frac{\partial}{\partial z_i} \text{Boltz}(z) = p_i (1 + \ln p_i + \mathcal{S}(p)) < 0", "Lemma C.2", "claim"),
        Quote(r"\max_{j \in [n]} z_j - z_i > \ln n + 1", "Lemma C.2", "hypothesis"),
    ),
)


def _j3_chain(seed: int) -> list[Finding]:
    """The displayed chain '-2 > x < -3' for x = (-2 + 2p)/(1 - 2p), p in (0, 1/4)."""
    import sympy

    from boundcalc import symcache as _symcache

    p = sympy.Symbol("p", positive=True)
    x = (-2 + 2 * p) / (1 - 2 * p)
    plus3 = sympy.factor(x + 3)    # (1 - 4p)/(1 - 2p) > 0 on (0, 1/4)
    plus2 = sympy.factor(x + 2)    # -2p/(1 - 2p) < 0 on (0, 1/4)
    at = Fraction(1, 8)
    xv = (-2 + 2 * at) / (1 - 2 * at)
    ev = {"x": "(-2+2p)/(1-2p)", "x+3": str(plus3), "x+2": str(plus2), "p": "1/8", "x(1/8)": str(xv)}
    if xv > -3 and _symcache.simplify(plus3 - (1 - 4 * p) / (1 - 2 * p)) == 0:
        return [Finding("custom:j3-chain", Verdict.INCONSISTENT, channel="text", detail=
                        "J.3 displays '-2 > (-2+2p)/(1-2p) < -3' for 0 < p < 1/4; the second half is false on the whole "
                        "range (x + 3 = (1-4p)/(1-2p) > 0; at p = 1/8, x = -7/3). The correct range is -3 < x < -2, "
                        "from which the conclusion (concave when z_i < max z - ln n - 3) does follow; the proof must "
                        "also note p_i < e^{-3}/n < 1/4 under the hypothesis", evidence=ev)]
    return [Finding("custom:j3-chain", Verdict.UNKNOWN, "could not evaluate the chain", ev)]


LEMMA_C3 = Result(
    id="lemma-C.3", aliases=("C.3",), kind="lemma",
    title="Boltz is concave in z_i when z_i is far below the maximum",
    statement="If max_j z_j - z_i > ln n + 3 then d^2 Boltz / dz_i^2 < 0.",
    location="App. C.1 (Lemma C.3 = Lemma 5 of Kajitsuka & Sato), p. 25; proof App. J.3, p. 57",
    params=(N_PARAM,),
    hypotheses=("z in R^n", "max_j z_j - z_i > ln n + 3"),
    uses=("lemma-C.2", "lemma-C.1", "ext-ks24-lemma-5"),
    notes=("True as stated; the second derivative is p_i[(1 - 2p_i)(1 + z_i - Boltz(z)) + 1]. "
           "The proof's inequality chain is garbled (see check j3-chain)."),
    checks=(
        Counterexample("second-derivative-negative", lhs=lambda o: bz.d2boltz(o["z"], o["i"]), rel="<",
                       rhs=lambda o: 0, objects=DERIV_OBJECTS,
                       assume=(Rel("max_j z_j - z_i > ln n + 3", _gap_below_max, ">", lambda o: ln(len(o["z"])) + 3),),
                       screen=bz.screen_derivative(2, 3),
                       sample=_deriv_sample(3), adversarial=_deriv_adversarial(3), trials=150),
        Custom("j3-chain", _j3_chain),
    ),
    quotes=(
        Quote(r"\frac{\partial^2}{\partial z_i^2} \text{Boltz}(z) < 0", "Lemma C.3", "claim"),
        Quote(r"\max_{j \in [n]} z_j - z_i > \ln n + 3", "Lemma C.3", "hypothesis"),
    ),
    proof_refs=(
        ProofRef(r"\mathcal{S}(p)", "lemma-C.1", note="the entropy form of Boltz from Lemma C.1, by its symbol"),
    ),
)

# ------------------------------------------------------------------ C.4 / C.5


def _c4_sample(rng: random.Random, tight: bool = False, n: int | None = None, big: bool = False):
    n = n or rng.choice([2, 3, 4, 5, 8])
    delta = bz.above_ln(n, 1, 1) + (Fraction(0) if tight else rand_frac(rng, Fraction(0), Fraction(3)))
    if big:
        delta = Fraction(50)
    top = Fraction(0) if tight else rand_frac(rng, Fraction(-10), Fraction(10))
    return {"z": slots(rng, n, delta, top, tight=tight), "delta": delta}


def _c4_adv():
    rng = random.Random(4)
    for n in (2, 3, 4, 5):
        yield _c4_sample(rng, tight=True, n=n)
    yield _c4_sample(rng, n=2, big=True)


SEPARATION = Rationals(0, None, lo_open=True, scale=30)
"""A separation delta > 0."""

C4_OBJECTS = {"z": Vectors((2, 8), order="decreasing"), "delta": SEPARATION}
C4_ASSUME = (
    Rel("z_i - z_j > delta for i < j", lambda o: bz.min_gap(o["z"]), ">", lambda o: o["delta"]),
    Rel("delta > ln n + 1", lambda o: o["delta"], ">", lambda o: ln(len(o["z"])) + 1),
)


def _c4_zprime(o):
    z, d = o["z"], o["delta"]
    return [z[0]] + [z[0] - d] * (len(z) - 1)


LEMMA_C4 = Result(
    id="lemma-C.4", aliases=("C.4",), kind="lemma",
    title="Lower bound of Boltz for (delta)-separated input",
    statement=("For z in R^n, n >= 2, sorted decreasingly with z_i - z_j > delta for i < j and delta > ln n + 1: "
               "Boltz(z) > Boltz(z') with z' = (z_1, z_1 - delta, ..., z_1 - delta)."),
    location="App. C.1 (Lemma C.4), p. 25; proof App. J.4, p. 58",
    params=(N_PARAM, DELTA_PARAM),
    hypotheses=("z_1 > z_2 > ... > z_n", "z_i - z_j > delta for i < j", "delta > log(n) + 1", "n >= 2"),
    uses=("lemma-C.2",),
    notes="True: raising each z_i (i >= 2) to z_1 - delta keeps max - z_i >= delta > ln n + 1, where Boltz decreases.",
    checks=(
        Counterexample("lower-bound", lhs=lambda o: boltzmann_ops.boltz(o["z"]), rel=">", rhs=lambda o: boltzmann_ops.boltz(_c4_zprime(o)),
                       objects=C4_OBJECTS, assume=C4_ASSUME, screen=bz.screen_lower_bound,
                       sample=_c4_sample, adversarial=_c4_adv, trials=150),
    ),
    quotes=(
        Quote(r"\delta > \ln n + 1", "Lemma C.4", "hypothesis", "delta > log(n) + 1", {r"\delta": "delta"}),
        Quote(r"z' = (z_1, z_1 - \delta, \dots, z_1 - \delta)", "Lemma C.4", "claim"),
        Quote(r"n \geq 2", "Lemma C.4", "hypothesis", declares="domain:n", symbols={"n": "n"}),
    ),
)


def _c5_sample(rng: random.Random, tight: bool = False, n: int | None = None, m: int | None = None):
    n = n or rng.choice([2, 3, 4])
    m = m or n + rng.choice([1, 2, 5, 20])
    delta = bz.above_ln(n, 1, 1) + (Fraction(0) if tight else rand_frac(rng, Fraction(0), Fraction(3)))
    top = Fraction(0) if tight else rand_frac(rng, Fraction(-10), Fraction(10))
    zp = slots(rng, m, delta, top, tight=tight)
    return {"z": zp[:n], "zp": zp, "delta": delta}


def _c5_adv():
    rng = random.Random(5)
    yield _c5_sample(rng, tight=True, n=2, m=3)
    yield _c5_sample(rng, tight=True, n=2, m=200)   # ln m + 1 > n (ln n + 1): the proof's appeal to C.2 fails
    yield _c5_sample(rng, tight=True, n=4, m=5)


C5_OBJECTS = {"z": Vectors((2, 6), order="decreasing"), "zp": Vectors((3, 256), order="decreasing"),
              "delta": SEPARATION}
C5_ASSUME = (
    Pred("m > n >= 2", lambda o: len(o["zp"]) > len(o["z"])),
    Pred("(z'_1, ..., z'_n) = z", lambda o: list(o["zp"][:len(o["z"])]) == list(o["z"])),
    Rel("z_i - z_j > delta for i < j", lambda o: bz.min_gap(o["z"]), ">", lambda o: o["delta"],
        implied="z is the first n entries of z', whose gaps exceed delta"),
    Rel("z'_i - z'_j > delta for i < j", lambda o: bz.min_gap(o["zp"]), ">", lambda o: o["delta"]),
    Rel("delta > ln n + 1", lambda o: o["delta"], ">", lambda o: ln(len(o["z"])) + 1),
)


LEMMA_C5 = Result(
    id="lemma-C.5", aliases=("C.5",), kind="lemma",
    title="Boltz value comparison: appending smaller entries lowers Boltz",
    statement=("For (delta)-separated decreasing z in R^n and z' in R^m, m > n >= 2, delta > ln n + 1, with "
               "(z'_1, ..., z'_n) = z: Boltz(z) > Boltz(z')."),
    location="App. C.1 (Lemma C.5), p. 25; proof App. J.5, p. 59",
    params=(N_PARAM, Param("m", "int>=2", "length of the longer vector", default="3"), DELTA_PARAM),
    hypotheses=("z, z' sorted decreasingly, no duplicates, tokenwise (delta)-separated",
                "m > n", "n >= 2", "delta > log(n) + 1", "(z'_1..z'_n) = z"),
    uses=("lemma-C.2",),
    notes=("True for every delta > 0: appending w gives Boltz = (Z Boltz(z) + w e^w)/(Z + e^w), a weighted mean "
           "that drops iff w < Boltz(z), and every appended entry is below min z < Boltz(z). J.5 instead pushes "
           "the last entry to -infinity and recurses, applying Lemma C.2 to the truncated j-vector each time; "
           "(j-1) delta > (j-1)(ln n + 1) >= ln j + 1 gives C.2's hypothesis (check j5-uses-c2)."),
    checks=(
        Counterexample("comparison", lhs=lambda o: boltzmann_ops.boltz(o["z"]), rel=">", rhs=lambda o: boltzmann_ops.boltz(o["zp"]),
                       objects=C5_OBJECTS, assume=C5_ASSUME, sample=_c5_sample, adversarial=_c5_adv, trials=100),
        Citation("j5-uses-c2", cited="lemma-C.2",
                 uses_as="J.5 sends the last entry to -infinity and recurses: each step applies C.2 to the "
                         "truncated j-vector (j = m, ..., n+1), which needs z'_1 - z'_j > ln j + 1; the hypotheses "
                         "give z'_1 - z'_j > (j-1) delta > (j-1)(ln n + 1)",
                 condition="(m - 1)*(log(n) + 1) >= log(m) + 1",
                 grid=({"n": "2", "m": "3"}, {"n": "2", "m": "200"}, {"n": "3", "m": "1000"}, {"n": "4", "m": "5"}),
                 detail="(j-1)(ln n + 1) >= ln j + 1 for every j >= n + 1 >= 3, so each application is valid"),
    ),
    quotes=(
        Quote(r"\delta > \ln n + 1", "Lemma C.5", "hypothesis", "delta > log(n) + 1", {r"\delta": "delta"}),
        Quote(r"(z'_1, \dots, z'_n) = z", "Lemma C.5", "hypothesis"),
        Quote(r"n \geq 2", "Lemma C.5", "hypothesis", declares="domain:n", symbols={"n": "n"}),
    ),
)

# ------------------------------------------------------------------ C.6


PAIR_OBJECTS = {"a": Vectors((2, 8), order="decreasing"), "b": Vectors("a", order="decreasing"),
                "delta": SEPARATION}
"""Two decreasing vectors a, b in R^n (n >= 2) and a separation delta."""

PAIR_SEPARATED = (
    Rel("a_i - a_j > delta for i < j", lambda o: bz.min_gap(o["a"]), ">", lambda o: o["delta"]),
    Rel("b_i - b_j > delta for i < j", lambda o: bz.min_gap(o["b"]), ">", lambda o: o["delta"]),
    Pred("|a_i - b_j| > delta whenever a_i != b_j", lambda o: bz.cross_separated(o["a"], o["b"], o["delta"])),
    Rel("delta >= 4 ln n", lambda o: o["delta"], ">=", lambda o: bz.four_ln(len(o["a"]))),
)
"""Tokenwise (delta)-separation of a and b with delta >= 4 ln n (Lemmas C.6 and C.8)."""


def _c6_sample(rng: random.Random, tight: bool = False, n: int | None = None, share: bool = False):
    n = n or rng.choice([2, 3, 4, 5, 8])
    delta = bz.above_ln(n, 4) + (Fraction(0) if tight else rand_frac(rng, Fraction(0), Fraction(3)))
    top = Fraction(0) if tight else rand_frac(rng, Fraction(-10), Fraction(10))
    s = slots(rng, 2 * n + 1, delta, top, tight=tight)
    if share or tight:
        a, b = s[:n], s[1:n + 1]
    else:
        a = sorted([s[0]] + rng.sample(s[1:], n - 1), reverse=True)
        b = sorted(rng.sample(s[1:], n), reverse=True)
    return {"a": list(a), "b": list(b), "delta": delta}


def _c6_adv():
    rng = random.Random(6)
    for n in (2, 3, 4, 5):
        yield _c6_sample(rng, tight=True, n=n)


C6_ASSUME = PAIR_SEPARATED + (Rel("a_1 > b_1", lambda o: o["a"][0], ">", lambda o: o["b"][0]),)


LEMMA_C6 = Result(
    id="lemma-C.6", aliases=("C.6",), kind="lemma",
    title="Boltz separates vectors whose largest entries differ",
    statement=("For decreasing a, b in R^n (n >= 2), tokenwise (delta)-separated with delta >= 4 ln n, and a_1 > b_1: "
               "Boltz(a) - Boltz(b) > (ln n)^2 e^{-(a_1 - b_1)}."),
    location="App. C.2 (Lemma C.6, cited as Lemma 7 of Kajitsuka & Sato), p. 26; proof App. J.6, p. 59",
    params=(N_PARAM, DELTA_PARAM),
    hypotheses=("a_1 > ... > a_n, b_1 > ... > b_n", "|a_i - b_j| > delta when a_i != b_j; gaps within a, b > delta",
                "delta >= 4 ln n", "a_1 > b_1"),
    uses=("lemma-C.4", "ext-ks24-lemma-7"),
    notes=("True: the proof gives Boltz(a) - Boltz(b) > delta / (1 + (n-1) e^{-delta}) >= ln n. That step is justified "
           "in J.6 'by delta > 2 ln n + 3', a hypothesis C.6 does not have; it still holds under delta >= 4 ln n since "
           "(n-1) e^{-delta} <= (n-1)/n^4 < 1/8. C.6 and C.8 are both attributed to 'Lemma 7' of Kajitsuka & Sato."),
    checks=(
        Counterexample("separation", lhs=lambda o: boltzmann_ops.boltz_diff(o["a"], o["b"]), rel=">",
                       rhs=lambda o: ln(len(o["a"])) ** 2 * Real(o["b"][0] - o["a"][0]).exp(),
                       objects=PAIR_OBJECTS, assume=C6_ASSUME, screen=bz.screen_separation, sample=_c6_sample,
                       adversarial=_c6_adv, trials=150),
        Citation("j6-threshold", cited="ext-ks24-lemma-1",
                 uses_as="J.6 justifies delta/(1+(n-1)e^{-delta}) >= ln n 'By delta > 2 ln n + 3' (Kajitsuka & Sato's "
                         "threshold, as the notes recall [M]); Lemma C.6 assumes only delta >= 4 ln n",
                 condition="4*log(n) >= 2*log(n) + 3", grid=SMALL_N,
                 survives="4*log(n)/(1 + (n - 1)*n**(-4)) >= log(n)",
                 detail="4 ln n >= 2 ln n + 3 only for n >= 5; for n = 2, 3, 4 the proof cites a hypothesis the lemma "
                        "does not have. The step itself survives (delta/(1+(n-1)e^{-delta}) >= 64/17 ln n)"),
    ),
    quotes=(
        Quote(r"\delta \geq 4 \ln n", "Lemma C.6", "hypothesis", "delta >= 4*log(n)", {r"\delta": "delta"}),
        Quote(r"\text{Boltz}(a) - \text{Boltz}(b) > (\ln n)^2 e^{-(a_1 - b_1)}", "Lemma C.6", "claim"),
        Quote(r"n \geq 2", "Lemma C.6", "hypothesis", declares="domain:n", symbols={"n": "n"}),
    ),
)

# ------------------------------------------------------------------ C.7


def _c7_sample(rng: random.Random, tight: bool = False, n: int | None = None, far: bool = False):
    n = n or rng.choice([2, 3, 4, 8])
    M = Fraction(0) if tight else rand_frac(rng, Fraction(-10), Fraction(10))
    an = M - bz.above_ln(n, 1, 3) - (Fraction(0) if tight else rand_frac(rng, Fraction(0), Fraction(4)))
    first = [M] + [rand_frac(rng, an - 5, M) for _ in range(n - 2)]
    rng.shuffle(first)
    gap = MARGIN if tight else (Fraction(40) if far else rand_frac(rng, MARGIN, Fraction(8)))
    return {"a": first + [an], "b": first + [an - gap]}


def _c7_adv():
    rng = random.Random(7)
    for n in (2, 3, 4, 8):
        yield _c7_sample(rng, tight=True, n=n)
    yield _c7_sample(rng, n=2, far=True)
    yield {"a": [Fraction(0), Fraction(0), Fraction(-5)], "b": [Fraction(0), Fraction(0), Fraction(-6)]}


C7_OBJECTS = {"a": Vectors((2, 8)), "b": Vectors("a")}
C7_ASSUME = (
    Pred("a_i = b_i for i < n", lambda o: list(o["a"][:-1]) == list(o["b"][:-1])),
    Rel("a_n > b_n", lambda o: o["a"][-1], ">", lambda o: o["b"][-1]),
    Rel("max_{i<n} a_i - a_n > ln n + 3", lambda o: max(o["a"][:-1]) - o["a"][-1], ">",
        lambda o: ln(len(o["a"])) + 3),
)


def _c7_rhs(o, delta):
    """(a_n - b_n)(delta + a_n - b_n - ln n - 1) e^{b_n} / sum e^{b_i}."""
    a, b = o["a"], o["b"]
    n = len(a)
    p = boltzmann_ops.real(lambda: boltzmann_ops.softmax_ball(b, n - 1))
    return Real(a[-1] - b[-1]) * (Real(delta + a[-1] - b[-1]) - ln(n) - 1) * p


def _c7_delta_corrected(o):
    return max(o["a"][:-1]) - o["a"][-1]


def _c7_unbound(seed: int) -> list[Finding]:
    """The conclusion's delta is bound by no hypothesis: show the truth value depends on it."""
    o = {"a": [Fraction(0), Fraction(-5)], "b": [Fraction(0), Fraction(-6)]}
    lhs = boltzmann_ops.boltz_diff(o["b"], o["a"])
    d_ok, d_bad = _c7_delta_corrected(o), _c7_delta_corrected(o) + 10
    ok = lhs.gt(_c7_rhs(o, d_ok))
    bad = lhs.gt(_c7_rhs(o, d_bad))
    ev = {"a": ["0", "-5"], "b": ["0", "-6"], "lhs": lhs.format(12),
          "rhs_at_delta=5": _c7_rhs(o, d_ok).format(12), "rhs_at_delta=15": _c7_rhs(o, d_bad).format(12),
          "holds_at_delta=5": ok, "holds_at_delta=15": bad}
    if ok is True and bad is False:
        return [Finding("custom:unbound-delta", Verdict.INCONSISTENT, channel="statement", detail=
                        "the conclusion uses delta, which no hypothesis of Lemma C.7 binds; at a = (0, -5), b = (0, -6) "
                        "(hypotheses hold) the bound holds for delta = 5 = max a_i - a_n and fails (certified) for "
                        "delta = 15. Intended (from J.7's proof): delta <= max_{i<n} a_i - a_n", evidence=ev)]
    return [Finding("custom:unbound-delta", Verdict.UNKNOWN, "demonstration not certified", ev)]


LEMMA_C7 = Result(
    id="lemma-C.7", aliases=("C.7",), kind="lemma",
    title="Boltz separates vectors differing only in the last entry",
    statement=("If a, b in R^n agree in the first n-1 entries, a_n > b_n, and max_{i<n} a_i - a_n > ln n + 3, then "
               "Boltz(b) - Boltz(a) > (a_n - b_n)(delta + a_n - b_n - ln n - 1) e^{b_n} / sum_i e^{b_i}."),
    location="App. C.2 (Lemma C.7, cited as Lemma 6 of Kajitsuka & Sato), p. 26-27; proof App. J.7, p. 60",
    params=(N_PARAM,),
    hypotheses=("a_i = b_i for i < n", "a_n > b_n", "max_{i<n} a_i - a_n > ln n + 3"),
    uses=("lemma-C.3", "lemma-C.2", "ext-ks24-lemma-6"),
    notes=("delta is unbound in the statement. J.7 uses max_i b_i - b_n > delta + a_n - b_n, i.e. the intended "
           "hypothesis is max_{i<n} a_i - a_n >= delta (delta = max_{i<n} a_i - a_n is the strongest choice). "
           "Corrected statement (checked as lemma-C.7-corrected): Boltz(b) - Boltz(a) > (a_n - b_n)"
           "(max_{i<n} a_i - b_n - ln n - 1) e^{b_n}/sum_i e^{b_i}; it follows from concavity (C.3) and "
           "Boltz(b) >= max b - ln n."),
    checks=(
        Consistency("unbound-symbol", where_a="Lemma C.7 hypotheses (p. 26)", where_b="Lemma C.7 conclusion (p. 27)",
                    agree=False, detail="the conclusion's delta is not introduced by any hypothesis"),
        Custom("unbound-delta", _c7_unbound),
        Custom("use in C.8", impact.c7_use_in_c8),
        Counterexample("lemma-C.7-corrected", lhs=lambda o: boltzmann_ops.boltz_diff(o["b"], o["a"]), rel=">",
                       rhs=lambda o: _c7_rhs(o, _c7_delta_corrected(o)), objects=C7_OBJECTS, assume=C7_ASSUME,
                       sample=_c7_sample, adversarial=_c7_adv, trials=150, target="correction",
                       explanation="the statement with delta := max_{i<n} a_i - a_n"),
    ),
    quotes=(
        Quote(r"\max_{i \in [n-1]} a_i - a_n > \ln n + 3", "Lemma C.7", "hypothesis"),
        Quote(r"n \geq 2", "Lemma C.7", "hypothesis", declares="domain:n", symbols={"n": "n"}),
        Quote(r"\text{Boltz}(b) - \text{Boltz}(a) > (a_n - b_n) (\delta + a_n - b_n - \ln n - 1) \cdot \frac{e^{b_n}}{\sum_{i=1}^n e^{b_i}}", "Lemma C.7", "claim"),
    ),
)

# ------------------------------------------------------------------ C.8


def _c8_sample(rng: random.Random, tight: bool = False, n: int | None = None, k: int | None = None):
    n = n or rng.choice([2, 3, 4, 5])
    k = k or rng.randint(1, n - 1)
    delta = bz.above_ln(n, 4) + (Fraction(0) if tight else rand_frac(rng, Fraction(0), Fraction(3)))
    top = Fraction(0) if tight else rand_frac(rng, Fraction(-10), Fraction(10))
    s = slots(rng, 2 * n + 2, delta, top, tight=tight)
    shared, pool = s[:k], s[k:]
    if tight:
        ra, rb = pool[:n - k], pool[1:n - k + 1]
    else:
        while True:
            ra = sorted(rng.sample(pool, n - k), reverse=True)
            rb = sorted(rng.sample(pool, n - k), reverse=True)
            if ra[0] != rb[0]:
                break
        if ra[0] < rb[0]:
            ra, rb = rb, ra
    return {"a": shared + list(ra), "b": shared + list(rb), "k": k, "delta": delta}


def _c8_adv():
    rng = random.Random(8)
    yield _c8_sample(rng, tight=True, n=2, k=1)   # a_1 - a_2 ~ 4 ln 2 < ln 2 + 3: J.8's use of C.7 is invalid here
    yield _c8_sample(rng, tight=True, n=3, k=1)
    yield _c8_sample(rng, tight=True, n=3, k=2)
    yield _c8_sample(rng, tight=True, n=4, k=3)


C8_OBJECTS = dict(PAIR_OBJECTS, k=Integers(1, lambda o: len(o["a"]) - 1))
C8_ASSUME = PAIR_SEPARATED + (
    Pred("(a_1, ..., a_k) = (b_1, ..., b_k)", lambda o: list(o["a"][:o["k"]]) == list(o["b"][:o["k"]])),
    Rel("a_{k+1} > b_{k+1}", lambda o: o["a"][o["k"]], ">", lambda o: o["b"][o["k"]]),
)


LEMMA_C8 = Result(
    id="lemma-C.8", aliases=("C.8",), kind="lemma",
    title="Boltz separates vectors with matching top-k entries",
    statement=("For decreasing, tokenwise (delta)-separated a, b in R^n with delta >= 4 ln n, equal top k entries "
               "(k in [n-1]) and a_{k+1} > b_{k+1}: |Boltz(a) - Boltz(b)| > (ln n)^2 e^{-(a_1 - b_{k+1})}."),
    location="App. C.2 (Lemma C.8, cited as Lemma 7 of Kajitsuka & Sato), p. 27; proof App. J.8, p. 61-62",
    params=(N_PARAM, DELTA_PARAM),
    hypotheses=("a, b strictly decreasing, tokenwise (delta)-separated", "delta >= 4 ln n",
                "(a_1..a_k) = (b_1..b_k), k in [n-1]", "a_{k+1} > b_{k+1}"),
    uses=("lemma-C.5", "lemma-C.4", "lemma-C.2", "lemma-C.7", "ext-ks24-lemma-7"),
    notes=("J.8 applies Lemma C.7 to (k+1)-vectors whose gap a_1 - a_{k+1} is only guaranteed > k delta >= 4k ln n; "
           "C.7 needs > ln(k+1) + 3, which fails for n = 2 (4 ln 2 = 2.77 < ln 2 + 3 = 3.69). J.8 also relies on "
           "C.7's unbound delta. The search finds no counterexample, including n = 2 in that gap."),
    checks=(
        Counterexample("separation", lhs=lambda o: abs(boltzmann_ops.boltz_diff(o["a"], o["b"])), rel=">",
                       rhs=lambda o: ln(len(o["a"])) ** 2 * Real(o["b"][o["k"]] - o["a"][0]).exp(),
                       objects=C8_OBJECTS, assume=C8_ASSUME, sample=_c8_sample, adversarial=_c8_adv, trials=150),
        Citation("j8-uses-c7", cited="lemma-C.7",
                 uses_as="J.8 (eq. J.6) applies C.7 in dimension k+1, which needs max_{i<=k} a_i - a_{k+1} > ln(k+1) + 3, "
                         "knowing only a_1 - a_{k+1} > k delta >= 4 k ln n (worst case k = 1)",
                 condition="4*log(n) > log(2) + 3", grid=SMALL_N,
                 detail="fails at n = 2: with delta in [4 ln 2, ln 2 + 3) the cited lemma's hypothesis is not met"),
        Custom("J.8 step at n = 2", impact.j8_step_at_n2),
        Consistency("j8-cites-c2", where_a="J.8: 'Lemma C.2 implies Boltz(a) < Boltz(a_up), Boltz(b) > Boltz(b_lo)'",
                    where_b="C.8's proof sketch: Lemma C.5 (upper) and an argument like Lemma C.4 (lower); Lemma C.2 is "
                            "the derivative formula", agree=False,
                    detail="the citation points at the wrong lemma"),
        Consistency("dominance-wording", where_a="C.8: '(k+1)-th dominance: the largest element in a is strictly "
                                                 "greater than the largest element in b'",
                    where_b="C.8's formula: a_{k+1} > b_{k+1}", agree=False,
                    detail="the words say 'largest element', the formula compares the (k+1)-th entries"),
    ),
    quotes=(
        Quote(r"\delta \geq 4 \ln n", "Lemma C.8", "hypothesis", "delta >= 4*log(n)", {r"\delta": "delta"}),
        Quote(r"|\text{Boltz}(a) - \text{Boltz}(b)| > \ln^2(n) \cdot e^{-(a_1 - b_{k+1})}", "Lemma C.8", "claim"),
        Quote(r"n \geq 2", "Lemma C.8", "hypothesis", declares="domain:n", symbols={"n": "n"}),
    ),
)

# ------------------------------------------------------------------ C.9


def _c9_sample(rng: random.Random, distinct: bool = False):
    n = rng.choice([2, 3, 4, 5])
    delta = bz.above_ln(n, 4) + rand_frac(rng, Fraction(0), Fraction(2))
    top = rand_frac(rng, Fraction(0), Fraction(12))
    s = slots(rng, 2 * n, delta, top)
    while True:
        u, v = rng.sample(s, n), rng.sample(s, n)
        if not distinct or sorted(u) != sorted(v):
            break
    gamma = max(abs(x) for x in s) + rand_frac(rng, MARGIN, Fraction(2))
    return {"n": n, "z": [u, v], "gamma": gamma, "delta": delta, "i": 0, "j": 1}


def _c9_adv():
    d2 = bz.above_ln(2, 4)
    yield {"n": 2, "z": [[Fraction(3), Fraction(0)], [Fraction(0), Fraction(3)]], "gamma": Fraction(4), "delta": d2,
           "i": 0, "j": 1}                                    # a permutation: Boltz values coincide
    yield {"n": 2, "z": [[Fraction(3), Fraction(0)], [Fraction(3), Fraction(0)]], "gamma": Fraction(4), "delta": d2,
           "i": 0, "j": 1}                                    # the same vector twice
    e = d2 + MARGIN
    yield {"n": 2, "z": [[e, Fraction(0)], [Fraction(0), -e]], "gamma": e + MARGIN, "delta": d2, "i": 0, "j": 1}


def _c9_adv_distinct():
    for o in _c9_adv():
        if sorted(o["z"][0]) != sorted(o["z"][1]):
            yield o
    d3 = bz.above_ln(3, 4)
    e = d3 + MARGIN
    yield {"n": 3, "z": [[e, Fraction(0), -e], [e, Fraction(0), -2 * e]], "gamma": 2 * e + MARGIN, "delta": d3,
           "i": 0, "j": 1}


C9_OBJECTS = {"n": Integers(2, 5), "z": Sequences((2, 4), Vectors("n")), "gamma": Rationals(0, None, lo_open=True),
              "delta": SEPARATION, "i": Index("z"), "j": Index("z")}
"""N vectors z^(1..N) in R^n, the bounds gamma and delta, and two indices i, j."""


def _entries(o):
    return [x for z in o["z"] for x in z]


C9_ASSUME = (
    Rel("|z^(i)_s| < gamma", lambda o: max(abs(x) for x in _entries(o)), "<", lambda o: o["gamma"]),
    Pred("|z^(i)_s - z^(j)_t| > delta whenever they differ",
         lambda o: bz.cross_separated(_entries(o), _entries(o), o["delta"])),
    Pred("no duplicate entries in any z^(i)", lambda o: all(bz.no_duplicates(z) for z in o["z"])),
    Rel("delta >= 4 ln n", lambda o: o["delta"], ">=", lambda o: bz.four_ln(o["n"])),
    Pred("i != j", lambda o: o["i"] != o["j"]),
)
C9_DISTINCT = Pred("z^(i), z^(j) differ as multisets", lambda o: sorted(o["z"][o["i"]]) != sorted(o["z"][o["j"]]))


def _c9_rhs(o):
    return ln(len(o["z"][0])) ** 2 * Real(-2 * o["gamma"]).exp()


def _c9_lhs(o):
    return abs(boltzmann_ops.boltz_diff(o["z"][o["i"]], o["z"][o["j"]]))


LEMMA_C9 = Result(
    id="lemma-C.9", aliases=("C.9",), kind="lemma",
    title="Boltz preserves distance",
    statement=("If z^(1..N) in R^n are (gamma, delta)-tokenwise separated, with no duplicate entries in any vector and "
               "delta >= 4 ln n, then |Boltz(z^(i))| <= gamma and |Boltz(z^(i)) - Boltz(z^(j))| > (ln n)^2 e^{-2 gamma} "
               "for all i != j."),
    location="App. C.2 (Lemma C.9, cited as Lemma 1 of Kajitsuka & Sato), p. 27-28; proof App. J.9, p. 63",
    params=(N_PARAM, DELTA_PARAM, Param("gamma", "pos", "entry bound gamma", default="4", latex=r"\gamma")),
    hypotheses=("|z^(i)_s| < gamma", "|z^(i)_s - z^(j)_t| > delta whenever they differ", "no duplicate entries",
                "delta >= 4 ln n", "i != j"),
    uses=("lemma-C.6", "lemma-C.8", "ext-ks24-lemma-1"),
    notes=("False as written: i != j does not make z^(i), z^(j) different, and Boltz is permutation invariant, so a "
           "repeated vector or a permutation gives difference 0. Intended (Kajitsuka & Sato, as the notes recall [M]): "
           "for pairs that differ as multisets (checked as lemma-C.9-corrected). The threshold delta >= 4 ln n is "
           "weaker than the recalled delta > 2 ln n + 3 for n <= 4; no counterexample was found there."),
    checks=(
        Custom("use in Lemma 2.2", impact.c9_use_in_lemma_22),
        Counterexample("bounded", lhs=lambda o: abs(boltzmann_ops.boltz(o["z"][0])), rel="<=", rhs=lambda o: o["gamma"],
                       objects=C9_OBJECTS, assume=C9_ASSUME, sample=_c9_sample, adversarial=_c9_adv, trials=60),
        Counterexample("separation-as-written", lhs=_c9_lhs, rel=">", rhs=_c9_rhs, objects=C9_OBJECTS,
                       assume=C9_ASSUME, screen=bz.screen_distance(False),
                       sample=_c9_sample, adversarial=_c9_adv, trials=100),
        Counterexample("lemma-C.9-corrected", lhs=_c9_lhs, rel=">", rhs=_c9_rhs,
                       objects=C9_OBJECTS, assume=C9_ASSUME[:-1] + (C9_DISTINCT,), screen=bz.screen_distance(True),
                       sample=lambda rng: _c9_sample(rng, distinct=True), adversarial=_c9_adv_distinct, trials=150,
                       target="correction",
                       explanation="i != j replaced by: z^(i), z^(j) differ as multisets"),
        Citation("ks24-threshold", cited="ext-ks24-lemma-1",
                 uses_as="Lemma C.9 restates Kajitsuka & Sato Lemma 1 (delta > 2 ln n + 3, as the notes recall [M]) "
                         "with delta >= 4 ln n",
                 condition="4*log(n) > 2*log(n) + 3", grid=SMALL_N,
                 detail="the restated threshold does not imply the source's for n = 2, 3, 4 (notes §1.2, [D])"),
    ),
    quotes=(
        Quote(r"\delta \geq 4 \ln n", "Lemma C.9", "hypothesis", "delta >= 4*log(n)", {r"\delta": "delta"}),
        Quote(r"|\text{Boltz}(z^{(i)}) - \text{Boltz}(z^{(j)})| > \delta' = \ln^2(n) \cdot e^{-2\gamma}", "eq. (C.4)", "claim"),
    ),
)

RESULTS = [DEFINITION_C1, LEMMA_C1, LEMMA_C2, LEMMA_C3, LEMMA_C4, LEMMA_C5, LEMMA_C6, LEMMA_C7, LEMMA_C8, LEMMA_C9]
