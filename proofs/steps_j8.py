"""The displayed steps of J.8 (the proof of Lemma C.8) as claims, decided cheaply enough to run in every audit.

J.8 works with Lemma C.8's objects and hypotheses plus the comparison vectors of the proof,
a_up = (a_1, ..., a_{k+1}) and b_lo = (a_1, ..., a_k, b_{k+1}, ..., b_{k+1}). Each :class:`Step` quotes the
paper's LaTeX (verbatim up to layout: whitespace, ``$``, alignment ``&``, line breaks ``\\\\`` and ``\\quad``;
``tests/test_steps_j8.py`` reads every quote in the text of App. J.8).

Why the generic shared step search (:func:`boundcalc.auditing.steps.decide_steps`) cost 30-55 s here: at every
admissible point with k = n - 1, three of the steps compare two *equal* numbers (a_up = a, b_lo = b and
n - k = 1 make both sides of "Boltz(a) < Boltz(a_up)", "Boltz(b) > Boltz(b_lo)" and the last line the same
value). Balls cannot certify an equality, so each such comparison raised the working precision to the cap
(2^17 bits) and recomputed Boltz there before giving up "undecided"; about half the points have k = n - 1,
and the search itself judged its candidates on the first of those steps. Everything else costs milliseconds.

What :func:`decide` does instead (every decision still certified, none weakened):

* an equality step whose sides sympy reduces to the same expression (closed forms substituted) is *proved*
  once for all values (cached by :mod:`boundcalc.symcache`), as in the generic search; the two lines that
  equate a quantity's value (Boltz of its vector) with the closed form standing for it (:data:`POINTWISE`)
  are instead decided exactly at every point, so that closed form is checked, not assumed;
* the points are listed, not searched: C.8's adversarial points, every (n, k) with 2 <= n <= 5 at the domain
  edge (delta just above 4 ln n, every separation just above delta, b_{k+1} as high as allowed), the far edge
  (delta and the gaps large), n = 8 at k = 1 and k = 7, the n = 2 window where J.8 applies Lemma C.7 without
  its hypothesis (defect ``j8-c7-threshold``), and seeded draws of C.8's sampler (plain and tight); each is
  admitted by the certified hypotheses;
* at a point, every quantity is computed once (one environment for all steps), and each inequality is
  decided by certified balls up to :data:`QUICK_BITS`; when that does not decide (and for an equality at
  once, which balls never certify), the two sides are built exactly
  (sympy: rationals, exp and log of the point's entries; the comparison vectors are the same lists the
  values use) and an equality is certified when their difference evaluates to 0 (then ``<``/``>`` are
  *false* there: a refutation, exactly as certified); otherwise the engine's comparison decides as before
  (up to its precision cap).

The result: the three strict steps fail (certified) at every point with k = n - 1, where their sides are
equal: a gap in the proof as written (``<=``, ``>=`` would do, and the chain stays strict through (J.6)),
not a refutation of Lemma C.8. The other steps are proved or certified at every listed point.
"""
from __future__ import annotations

import random
from fractions import Fraction
from typing import Sequence

import sympy as sp

from boundcalc.auditing.steps import Step, identity
from boundcalc.boltzmann import boltz
from boundcalc.numbers import Real
from boundcalc.statements import Predicate, Quantity, Statement, evaluate

from . import appendix_c as C
from . import boltzmann as bz
from . import formal_quantities as fq

S = sp.Symbol
Gt = lambda a, b: sp.StrictGreaterThan(a, b, evaluate=False)  # noqa: E731
Lt = lambda a, b: sp.StrictLessThan(a, b, evaluate=False)     # noqa: E731
Eq = lambda a, b: sp.Eq(a, b, evaluate=False)                 # noqa: E731

n, L, delta, m, a1, ak1, bk1 = (S(x) for x in ("n", "L", "delta", "m", "a_1", "a_k1", "b_k1"))
Ba, Bb, Bup, Blo, Bmid, gk, xi, E, W, Sk, Geo = (
    S(x) for x in ("Ba", "Bb", "Bup", "Blo", "Bmid", "g_k", "xi_k", "E", "W", "Sk1", "Geo"))

DEFECT = "j8-strict-equalities"
"""The recorded defect a failure of the three strict steps at k = n - 1 shows (``proofs/defects.py``)."""


# ------------------------------------------------------------------ the proof's objects (one definition each)


def _top(o) -> list:
    return list(o["a"][:o["k"]])


def a_up(o) -> list:
    """a_up = (a_1, ..., a_{k+1}) in R^{k+1}."""
    return list(o["a"][:o["k"] + 1])


def b_lo(o) -> list:
    """b_lo = (a_1, ..., a_k, b_{k+1}, ..., b_{k+1}) in R^n."""
    return _top(o) + [o["b"][o["k"]]] * (len(o["a"]) - o["k"])


def _geo_terms(o) -> list:
    """The exponents -(l-1) delta, l = 1..k+1."""
    return [-(l * o["delta"]) for l in range(o["k"] + 1)]


G1 = (gk + m * bk1 * sp.exp(bk1)) / (xi + m * sp.exp(bk1))
G2 = (gk + bk1 * E) / (xi + E)
BMID = (gk + (bk1 + sp.log(m)) * E) / (xi + E)
G3 = BMID - sp.log(m) * E / (xi + E)
"""The lines of the display decomposing Boltz(b_lo), in gamma_k, xi_k and E = e^{b_{k+1} + ln(n-k)}."""


def _mid(o) -> list:
    """(a_1, ..., a_k, b_{k+1} + ln(n-k)), exactly (sympy)."""
    return [sp.Rational(x) for x in _top(o)] + [sp.Rational(o["b"][o["k"]]) + sp.log(len(o["a"]) - o["k"])]


QUANTITIES = (
    Quantity("n", "the length of a", value=lambda o: len(o["a"])),
    Quantity("L", "ln n", expr=sp.log(n)),
    Quantity("m", "n - k", value=lambda o: len(o["a"]) - o["k"]),
    Quantity("a_1", "a_1", value=lambda o: o["a"][0]),
    Quantity("a_k1", "a_{k+1}", value=lambda o: o["a"][o["k"]]),
    Quantity("b_k1", "b_{k+1}", value=lambda o: o["b"][o["k"]]),
    Quantity("Ba", "Boltz(a)", value=lambda o: boltz(o["a"])),
    Quantity("Bb", "Boltz(b)", value=lambda o: boltz(o["b"])),
    Quantity("Bup", "Boltz(a_up), a_up = (a_1, ..., a_{k+1})", value=lambda o: boltz(a_up(o))),
    Quantity("g_k", "gamma_k = sum_{l<=k} a_l e^{a_l}",
             value=lambda o: sum((Real(x) * Real(x).exp() for x in _top(o)), Real(0))),
    Quantity("xi_k", "xi_k = sum_{l<=k} e^{a_l}", value=lambda o: fq.exp_sum(_top(o))),
    Quantity("E", "e^{b_{k+1} + ln(n-k)}", expr=sp.exp(bk1 + sp.log(m))),
    Quantity("Blo", "Boltz(b_lo), b_lo = (a_1, ..., a_k, b_{k+1}, ..., b_{k+1}); closed form: the display's first "
                    "line (its n - k equal terms grouped)", value=lambda o: boltz(b_lo(o)), expr=G1),
    Quantity("Bmid", "Boltz(a_1, ..., a_k, b_{k+1} + ln(n-k)); closed form: written with gamma_k, xi_k",
             value=lambda o: evaluate(_sboltz(_mid(o)), {}), expr=BMID),
    Quantity("W", "e^{b_{k+1} + ln(n-k)} / (xi_k + e^{b_{k+1} + ln(n-k)})", expr=E / (xi + E)),
    Quantity("Sk1", r"\sum_{l=1}^{k+1} e^{a_l}", value=lambda o: fq.exp_sum(a_up(o))),
    Quantity("Geo", r"\sum_{l=1}^{k+1} e^{-(l-1) \delta}",
             value=lambda o: sum((Real(t).exp() for t in _geo_terms(o)), Real(0))),
)


def _sboltz(v: Sequence):
    """Boltz(v) = sum_i v_i e^{v_i} / sum_i e^{v_i}, exactly (sympy; entries rationals or sympy numbers)."""
    v = [x if isinstance(x, sp.Basic) else sp.Rational(x) for x in v]
    return sp.Add(*(x * sp.exp(x) for x in v)) / sp.Add(*(sp.exp(x) for x in v))


EXACT = {
    "Ba": lambda o: _sboltz(o["a"]),
    "Bb": lambda o: _sboltz(o["b"]),
    "Bup": lambda o: _sboltz(a_up(o)),
    "Blo": lambda o: _sboltz(b_lo(o)),
    "Bmid": lambda o: _sboltz(_mid(o)),
    "g_k": lambda o: sp.Add(*(sp.Rational(x) * sp.exp(sp.Rational(x)) for x in _top(o))),
    "xi_k": lambda o: sp.Add(*(sp.exp(sp.Rational(x)) for x in _top(o))),
    "Sk1": lambda o: sp.Add(*(sp.exp(sp.Rational(x)) for x in a_up(o))),
    "Geo": lambda o: sp.Add(*(sp.exp(sp.Rational(t)) for t in _geo_terms(o))),
}
"""Exact (sympy) forms of the quantities whose values are balls, built from the same vectors as the values
(``a_up``, ``b_lo``, ...); rational quantities are taken from their values, closed forms substituted."""


def _pred(h) -> Predicate:
    return Predicate(h.text, h.text, h.holds, search=h)


def j8_statement() -> Statement:
    """Lemma C.8's objects and hypotheses (as its search declares them) with the quantities J.8 names."""
    return Statement(dict(C.C8_OBJECTS), (Gt(Bb, Ba),), hypotheses=tuple(_pred(h) for h in C.C8_ASSUME),
                     quantities=QUANTITIES, sample=C._c8_sample, adversarial=C._c8_adv, latex=LATEX)


LATEX = {"Blo": r"\text{Boltz}(\bar{b})"}
"""Printed names of the statement's symbols beyond their definitions: J.8's last display writes Boltz(b_lo) as
Boltz(\\bar{b})."""


# ------------------------------------------------------------------ the steps, with the paper's LaTeX

FRAC = r"\frac{e^{b_{k+1} + \ln(n-k)}}{\xi_k + e^{b_{k+1} + \ln(n-k)}}"
C7_GAP = (ak1 - bk1 - sp.log(m)) * (delta + ak1 - bk1 - sp.log(m) - sp.log(n - m + 1) - 1)
J8 = (
    Step("(J.8) Boltz(a) < Boltz(a_up)", Lt(Ba, Bup), "cited as Lemma C.2 (C.8's sketch: Lemma C.5)", (),
         r"\text{Boltz}(a) < \text{Boltz}(a_{\text{up}})", defect=DEFECT),
    Step("(J.8) Boltz(b) > Boltz(b_lo)", Gt(Bb, Blo), "cited as Lemma C.2 (C.8's sketch: like Lemma C.4)", (),
         r"\text{boltz}(b) > \text{Boltz}(b_{\text{lo}})", defect=DEFECT),
    Step("(J.8) Boltz(b_lo), first line", Eq(Blo, G1), "b_lo's last n - k entries equal b_{k+1}", (),
         r"\text{Boltz}(b_{\text{lo}}) = \frac{\gamma_k + (n-k)b_{k+1}e^{b_{k+1}}}{\xi_k + (n-k)e^{b_{k+1}}}"),
    Step("(J.8) Boltz(b_lo), second line", Eq(G1, G2), "n - k = e^{ln(n-k)}", (),
         r"= \frac{\gamma_k + b_{k+1}e^{b_{k+1} + \ln(n-k)}}{\xi_k + e^{b_{k+1} + \ln(n-k)}}"),
    Step("(J.8) Boltz(b_lo), third line", Eq(G2, G3), "ln(n-k) e^{b_{k+1} + ln(n-k)} added and subtracted", (),
         r"= \frac{\gamma_k + (b_{k+1} + \ln(n-k))e^{b_{k+1} + \ln(n-k)}}{\xi_k + e^{b_{k+1} + \ln(n-k)}} - "
         r"\frac{\ln(n-k) \cdot e^{b_{k+1} + \ln(n-k)}}{\xi_k + e^{b_{k+1} + \ln(n-k)}}"),
    Step("(J.8) Boltz(b_lo), fourth line", Eq(G3, Bmid - sp.log(m) * W), "the definition of Boltz", (),
         r"= \text{Boltz}(a_1, \dots, a_k, b_{k+1} + \ln(n-k)) - \frac{\ln(n-k) \cdot e^{b_{k+1} + \ln(n-k)}}"
         r"{\xi_k + e^{b_{k+1} + \ln(n-k)}}"),
    Step("(J.5)", Eq(Blo - Bup, Bmid - Bup - sp.log(m) * W), "the decomposition, Boltz(a_up) subtracted", (),
         r"\text{Boltz}(b_{\text{lo}}) - \text{Boltz}(a_{\text{up}}) = \text{Boltz}(a_1, \dots, a_k, b_{k+1} + "
         r"\ln(n-k)) - \text{Boltz}(a_{\text{up}}) - \frac{\ln(n-k) \cdot e^{b_{k+1} + \ln(n-k)}}{\xi_k + "
         r"e^{b_{k+1} + \ln(n-k)}}"),
    Step("(J.6) by Lemma C.7", Gt(Bmid - Bup, C7_GAP * W), "Lemma C.7 in dimension k + 1", (),
         r"> (a_{k+1} - b_{k+1} - \ln(n-k)) (\delta + a_{k+1} - b_{k+1} - \ln(n-k) - \ln(k+1) - 1) \cdot " + FRAC),
    Step("(J.6) separation", Gt(C7_GAP * W, (delta - L) * (2 * delta - 2 * L - 1) * W), "delta-separatedness", (),
         r"> (\delta - \ln n)(2\delta - 2\ln n - 1) \cdot " + FRAC),
    Step("(J.6) delta > 4 ln n", Gt((delta - L) * (2 * delta - 2 * L - 1) * W, 4 * L ** 2 * W), "delta > 4 ln n", (),
         r"> 4\ln^2(n) \cdot " + FRAC),
    Step("(J.6) into (J.5)", Gt(Bmid - Bup - sp.log(m) * W, W * (4 * L ** 2 - sp.log(m))), "(J.6) plugged into (J.5)",
         (), r"> " + FRAC + r" \cdot (4\ln^2(n) - \ln(n-k))"),
    Step("(J.8) 4 ln^2 n - ln(n-k) > 2 ln^2 n", Gt(W * (4 * L ** 2 - sp.log(m)), W * 2 * L ** 2), "", (),
         r"> " + FRAC + r" \cdot 2\ln^2(n)"),
    Step("(J.8) denominator, first", Lt(xi + E, Sk), "a_{k+1} > b_{k+1} + ln(n-k)", (),
         r"\xi_k + e^{b_{k+1} + \ln(n-k)} < \sum_{l=1}^{k+1} e^{a_l}"),
    Step("(J.8) denominator, second", Lt(Sk, sp.exp(a1) * Geo), "a_l < a_1 - (l-1) delta", (),
         r"< e^{a_1} \sum_{l=1}^{k+1} e^{-(l-1)\delta}"),
    Step("(J.8) denominator, third", Lt(sp.exp(a1) * Geo, 2 * sp.exp(a1)), "delta > ln 2", (), r"< 2e^{a_1}"),
    Step("(J.8) Boltz(b_lo) - Boltz(a_up) > 2 W (ln n)^2", Gt(Blo - Bup, W * 2 * L ** 2), "", (),
         r"\text{Boltz}(\bar{b}) - \text{Boltz}(a_{\text{up}}) > " + FRAC + r" \cdot 2(\ln n)^2"),
    Step("(J.8) denominator used", Gt(W * 2 * L ** 2, E / (2 * sp.exp(a1)) * 2 * L ** 2), "", (),
         r"> \frac{e^{b_{k+1} + \ln(n-k)}}{2e^{a_1}} \cdot 2(\ln n)^2"),
    Step("(J.8) last line", Gt(E / (2 * sp.exp(a1)) * 2 * L ** 2, L ** 2 * sp.exp(-(a1 - bk1))), "", (),
         r"> (\ln n)^2 e^{-(a_1 - b_{k+1})}", defect=DEFECT),
)

POINTWISE = frozenset({"(J.8) Boltz(b_lo), first line", "(J.8) Boltz(b_lo), fourth line"})
"""Equalities between a quantity's value (Boltz of its vector) and the closed form that stands for it: decided
exactly at every point, never 'proved' by substituting that same closed form."""


# ------------------------------------------------------------------ the points

SAMPLES = 24
"""Seeded draws of C.8's sampler (plain) at the default effort; a third as many more are drawn tight."""

CHOSEN = ("listed, not searched: C.8's adversarial points; every (n, k) with 2 <= n <= 5 at the domain edge (delta "
          "just above 4 ln n, every separation just above delta); the far edge (delta = 4 ln n + 12, gaps up to 9 "
          "above delta); n = 8 at k = 1 and k = 7; the n = 2 window where J.8 applies Lemma C.7 without its "
          "hypothesis (4 ln 2 <= delta < a_1 - a_2 < ln 2 + 3); seeded draws of C.8's sampler, plain and tight; "
          "each admitted by the certified hypotheses")


def _far(rng: random.Random, n_: int, k: int) -> dict:
    """delta and every gap far above their lower bounds."""
    d = bz.above(4 * Real(n_).log()) + 12
    s = bz.slots(rng, 2 * n_ + 2, d, Fraction(rng.randint(-5, 5)), extra_hi=Fraction(9))
    return {"a": s[:n_], "b": s[:k] + s[k + 1:n_ + 1], "k": k, "delta": d}


def _window(gap: Fraction, d: Fraction, drop: Fraction) -> dict:
    """n = 2, k = 1: a = (0, -gap), b = (0, -gap - drop); a_1 - a_2 = gap lies below ln 2 + 3."""
    return {"a": [Fraction(0), -gap], "b": [Fraction(0), -gap - drop], "k": 1, "delta": d}


def points(seed: int) -> list[tuple[str, dict]]:
    """The labelled candidates (admissibility is decided by the caller)."""
    rng = random.Random(f"{seed}:J.8 steps")
    out = [(f"adversarial[{i}]", o) for i, o in enumerate(C._c8_adv())]
    out += [(f"edge[n={n_},k={k}]", C._c8_sample(rng, tight=True, n=n_, k=k))
            for n_ in range(2, 6) for k in range(1, n_)]
    out += [(f"far[n={n_},k={k}]", _far(rng, n_, k)) for n_, k in ((2, 1), (3, 1), (4, 2), (5, 4))]
    out += [(f"edge[n=8,k={k}]", C._c8_sample(rng, tight=True, n=8, k=k)) for k in (1, 7)]
    d2 = bz.above(4 * Real(2).log())
    out += [("window[0]", _window(d2 + Fraction(1, 10**4), d2, d2 + Fraction(1, 10**6))),
            ("window[1]", _window(Fraction(369, 100), d2, d2 + Fraction(1, 10**6))),
            ("window[2]", _window(Fraction(36, 10), Fraction(3), Fraction(4)))]
    from boundcalc.auditing.falsify import EFFORT

    draws = max(3, int(SAMPLES * EFFORT.get()))          # --effort scales the draws (quick 1/4, thorough 4x)
    out += [(f"sample[{i}]", C._c8_sample(rng)) for i in range(draws)]
    out += [(f"sample-tight[{i}]", C._c8_sample(rng, tight=True)) for i in range(draws // 3)]
    return out


# ------------------------------------------------------------------ deciding

QUICK_BITS = 1024
"""Balls decide up to this precision; past it, an exact equality is looked for before the engine's own cap."""

REL = {sp.StrictLessThan: "<", sp.LessThan: "<=", sp.Equality: "==", sp.GreaterThan: ">=",
       sp.StrictGreaterThan: ">"}
_HOLDS = {"<": lambda s: s < 0, "<=": lambda s: s <= 0, "==": lambda s: s == 0, ">=": lambda s: s >= 0,
          ">": lambda s: s > 0}


class ExactForms:
    """Exact (sympy) values at one point, built on first use: a quantity from :data:`EXACT` (the same vectors
    as its value), from its value when that is a rational, else from its closed form; scalar variables from
    the point."""

    def __init__(self, statement: Statement, o: dict):
        self.o, self.done = o, {}
        self.q = {q.symbol: q for q in statement.quantities}
        self.scalars = {S(k) for k in statement.scalars() if k in o}

    def __getitem__(self, sym):
        if sym not in self.done:
            self.done[sym] = self._make(sym)
        return self.done[sym]

    def _make(self, sym):
        if sym in self.scalars:
            return sp.Rational(self.o[sym.name])
        q = self.q[sym]                      # KeyError: no such symbol, no exact form
        if q.name in EXACT:
            return EXACT[q.name](self.o)
        if q.value is not None:                # its exact form must be its value's, never the closed form's
            v = q.value(self.o)
            if type(v) in (int, Fraction):
                return sp.Rational(v)
            raise KeyError(sym)
        if q.expr is None:
            raise KeyError(sym)
        return self.sub(q.expr)

    def sub(self, expr):
        return expr.xreplace({x: self[x] for x in expr.free_symbols})


def exactly_equal(relation, forms: ExactForms) -> bool:
    """Both sides built exactly at the point and their difference evaluates to 0 (sympy's automatic
    evaluation of rationals, exp and log, or after expanding: an identity of numbers, not a numerical test);
    False when some symbol has no exact form."""
    try:
        d = forms.sub(relation.lhs) - forms.sub(relation.rhs)
    except KeyError:
        return False
    if d.free_symbols:
        return False
    return d == 0 or sp.expand(d) == 0


def decide_at(relation, env: dict, forms_of) -> tuple:
    """(holds, lhs, rhs, how) of one step at one point; ``holds`` is None when undecided. An inequality: balls
    up to QUICK_BITS, then an exact equality, then the engine's comparison (up to its cap). An equality: the
    exact sides first (balls never certify one), then the engine's comparison (a certified difference
    refutes)."""
    from boundcalc.auditing.falsify import claim_holds
    from boundcalc.auditing.values import EVAL_ERRORS

    rel = REL[type(relation)]
    try:
        a, b = evaluate(relation.lhs, env), evaluate(relation.rhs, env)
        if rel != "==":
            s = (a - b).sign(cap=QUICK_BITS)
            if s is not None:
                return _HOLDS[rel](s), a, b, "balls"
    except EVAL_ERRORS + (IndexError,):
        return None, None, None, "undefined"
    try:
        if exactly_equal(relation, forms_of()):
            return rel in ("<=", "==", ">="), a, b, "exact"
    except EVAL_ERRORS + (IndexError,):
        pass
    try:
        return claim_holds(a, rel, b), a, b, "balls"
    except EVAL_ERRORS + (IndexError,):
        return None, None, None, "undefined"


def decide(statement: Statement, steps: Sequence[Step], seed: int, cands=None) -> list:
    """Every step decided at every admissible listed point; findings as
    :func:`boundcalc.auditing.steps.decide_steps` gives them (``step:LABEL``, proof channel)."""
    from boundcalc import objects as ob
    from boundcalc.auditing.values import EVAL_ERRORS, compare_evidence, jsonable, show
    from boundcalc.findings import Finding, Verdict

    assume = statement.assume()
    pool, stages, rejected = [], {}, 0
    for label, o in (points(seed) if cands is None else cands):
        try:
            ok = ob.admissible(statement.variables, assume, o)
        except EVAL_ERRORS + (IndexError,):
            ok = None
        if ok is True:
            pool.append((label, o))
            stage = label.split("[")[0]
            stages[stage] = stages.get(stage, 0) + 1
        else:
            rejected += 1
    proved = {i for i, s in enumerate(steps) if s.label not in POINTWISE and identity(statement, s)}
    todo = [i for i in range(len(steps)) if i not in proved]
    state = {i: {"hit": None, "failed": [], "undecided": [], "points": [], "exact": []} for i in todo}
    for label, o in pool:
        env, cache = statement.env(o), {}

        def forms_of(o=o, cache=cache):
            if "f" not in cache:
                cache["f"] = ExactForms(statement, o)
            return cache["f"]

        for i in todo:
            s = state[i]
            holds, a, b, how = decide_at(steps[i].relation, env, forms_of)
            if holds is None:
                s["undecided"].append(label)
            elif holds is False:
                s["failed"].append(label)
                if s["hit"] is None:
                    s["hit"] = (label, o, a, b, how)
            else:
                s["points"].append(label)
                if how == "exact":
                    s["exact"].append(label)
    findings = []
    for i, step in enumerate(steps):
        check = f"step:{step.label}"
        ev = {"step": step.label, "because": step.because, "latex": step.latex, "seed": seed, "admissible": len(pool),
              "rejected": rejected, "stages": stages, "hypotheses": [h.text for h in assume]}
        if i in proved:
            ev["proved"] = "sympy: the two sides simplify to the same expression (closed forms substituted)"
            findings.append(Finding(check, Verdict.VERIFIED, f"proof step {step.label} proved: an identity "
                                    "(sympy, closed forms substituted)", ev, channel="proof"))
            continue
        s = state[i]
        ev["undecided"] = len(s["undecided"])
        if s["hit"] is not None:
            label, o, a, b, how = s["hit"]
            ev.update(trial=label, objects=jsonable(o), lhs=show(a, 15), rhs=show(b, 15), **compare_evidence(a, b, 15))
            rel = REL[type(step.relation)]
            if how == "exact":
                ev["exact"] = "the two sides are the same number (built exactly, sympy: their difference is 0)"
                why = f"lhs = rhs = {ev['lhs']} exactly, so lhs {rel} rhs is false"
            else:
                why = f"lhs {ev['lhs']} {rel} rhs {ev['rhs']} is false"
            ev.update(failed=s["failed"], holds_at=len(s["points"]))
            findings.append(Finding(check, Verdict.REFUTED, f"proof step {step.label} fails at {label} (seed {seed}): "
                                    f"{why}, strictly inside the standing hypotheses (fails at {len(s['failed'])} of "
                                    f"{len(pool)} listed points)", ev, channel="proof", defect=step.defect))
        elif s["undecided"] or not s["points"]:
            ev["undecided_points"] = s["undecided"][:10]
            findings.append(Finding(check, Verdict.UNKNOWN, f"no violation of proof step {step.label} at "
                                    f"{len(pool)} admissible points, but {len(s['undecided'])} undecided (first: "
                                    f"{', '.join(s['undecided'][:3]) or 'none searched'}); a search is not a proof",
                                    ev, channel="proof"))
        else:
            ev.update(points=s["points"], chosen=CHOSEN)
            if s["exact"]:
                ev["exact_points"] = s["exact"]
            findings.append(Finding(check, Verdict.VERIFIED, f"proof step {step.label} certified at all "
                                    f"{len(s['points'])} listed points only (seed {seed}; chosen as {CHOSEN}); not a "
                                    "proof for all values", ev, channel="proof"))
    return findings


def check(name: str, statement: Statement | None = None, steps: Sequence[Step] = J8):
    """The audit's check: a ``Custom`` deciding J.8's steps (:func:`decide`)."""
    from boundcalc.checks import Custom

    st = statement if statement is not None else j8_statement()
    return Custom(name, lambda seed: decide(st, steps, seed))
