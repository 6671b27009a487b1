"""Proof steps of the paper declared as claims under the proofs' standing hypotheses (issue 21, item 6).

Each entry maps a node to (standing statement, steps): the displayed relations its proof derives, as
formal relations over the statement's symbols, each with the paper's LaTeX; :mod:`boundcalc.auditing.steps`
decides each under that statement's hypotheses. The standing statement is the node's formal statement
(``proofs/formal.py``) where the proof works with the statement's own objects, or one declared beside the
steps when the proof works inside its construction (``proofs/steps_boltz.py``, ``proofs/steps_construction.py``,
``proofs/steps_j8.py``). A step whose failure the audit already records names that defect. J.8's steps are
decided on listed points with exact equalities (``proofs/steps_j8.py``: the shared search spent 30-55 s there
raising the precision on sides that are equal).
"""
from __future__ import annotations

import sympy as sp

from boundcalc.boltzmann import boltz
from boundcalc.statements import Quantity

from boundcalc.auditing.steps import Step, shared_search

S = sp.Symbol
n, L, a1, b1, Ba, Bb, delta, Bap = (S(x) for x in ("n", "L", "a_1", "b_1", "Ba", "Bb", "delta", "Bap"))
Gt = lambda a, b: sp.StrictGreaterThan(a, b, evaluate=False)  # noqa: E731
Ge = lambda a, b: sp.GreaterThan(a, b, evaluate=False)        # noqa: E731
Le = lambda a, b: sp.LessThan(a, b, evaluate=False)           # noqa: E731
Eq = lambda a, b: sp.Eq(a, b, evaluate=False)                 # noqa: E731

J4 = (a1 * sp.exp(a1) + (n - 1) * (a1 - delta) * sp.exp(a1 - delta)) / (sp.exp(a1) + (n - 1) * sp.exp(a1 - delta))
A_PRIME = Quantity("Bap", "Boltz(a'), a' = (a_1, a_1 - delta, ..., a_1 - delta) (J.4); closed form: its n - 1 "
                          "equal terms grouped, the display's second line",
                   value=lambda o: boltz([o["a"][0]] + [o["a"][0] - o["delta"]] * (len(o["a"]) - 1)), expr=J4)
TAIL = (n - 1) * sp.exp(-delta)
J6 = (
    Step("(J.6) Boltz(a) > Boltz(a')", Gt(Ba, Bap), "Lemma C.4", (A_PRIME,),
         r"\text{Boltz}(a) > \text{Boltz}(a')"),
    Step("(J.6) Boltz(a') closed form", Eq(Bap, a1 - (n - 1) * delta * sp.exp(-delta) / (1 + TAIL)), "(J.4)",
         (A_PRIME,), r"= a_1 - \frac{(n-1)\delta e^{-\delta}}{1 + (n-1)e^{-\delta}}"),
    Step("(J.6) Boltz(b) <= b_1", Le(Bb, b1), "b sorted decreasingly", (), r"\text{Boltz}(b) \leq b_1"),
    Step("(J.6) Boltz(a) - Boltz(b) > delta/(1 + (n-1)e^-delta)", Gt(Ba - Bb, delta / (1 + TAIL)),
         "b_1 < a_1 - delta", (),
         r"\text{Boltz}(a) - \text{Boltz}(b) \geq \text{Boltz}(a') - b_1 > a_1 - \frac{(n-1)\delta e^{-\delta}}{1 + "
         r"(n-1)e^{-\delta}} - (a_1 - \delta) \quad (\text{By } b_1 < a_1 - \delta) = \delta - \frac{(n-1)\delta "
         r"e^{-\delta}}{1 + (n-1)e^{-\delta}} = \frac{\delta}{1 + (n-1)e^{-\delta}}"),   # the display, its lines joined
    Step("(J.6) delta/(1 + (n-1)e^-delta) >= ln n", Ge(delta / (1 + TAIL), L), "delta > 2 ln n + 3", (),
         r"\frac{\delta}{1 + (n-1)e^{-\delta}} \geq \ln n"),
    Step("(J.6) ln n > (ln n)^2 e^-(a_1 - b_1)", Gt(L, L ** 2 * sp.exp(-(a1 - b1))), "a_1 - b_1 > ln n", (),
         r"\ln n > (\ln n)^2 e^{-(a_1 - b_1)}"),
)

TRIALS = 40
"""Random draws of each shared step search (special, tight and joint candidates come on top)."""


def declared(reg) -> dict:
    """node id -> (standing statement, steps)."""
    from . import steps_boltz, steps_construction, steps_j8

    out = {"lemma-C.6": (reg.results["lemma-C.6"].formal, J6)}
    out.update(steps_boltz.declared(reg))
    out["lemma-C.8"] = (steps_j8.j8_statement(), steps_j8.J8)
    out.update(steps_construction.declared(reg))
    return out


def deciders() -> dict:
    """node id -> the check deciding its steps, where the shared step search is replaced (J.8: listed points,
    exact equalities; see ``proofs/steps_j8.py``)."""
    from . import steps_j8

    return {"lemma-C.8": steps_j8.check}


def attach(reg) -> None:
    """Append each node's step searches (after its own checks); a key ``"node (part)"`` is a second set of
    steps of the same proof under its own standing statement."""
    special = deciders()
    for key, (st, steps) in declared(reg).items():
        rid, _, part = key.partition(" ")
        r = reg.results[rid]
        if st is None:
            continue
        name = f"proof steps of {rid}" + (f" {part}" if part else "")
        if name not in {getattr(c, "name", None) for c in r.checks}:
            make = special.get(key)
            check = make(name, st, steps) if make else shared_search(name, st, steps, trials=TRIALS)
            r.checks = tuple(r.checks) + (check,)
