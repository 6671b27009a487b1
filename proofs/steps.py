"""Proof steps of the paper declared as claims under the proof's standing hypotheses (issue 21, item 6).

Each entry maps a node to the displayed relations its proof derives, as formal relations over the
symbols of the node's formal statement (``proofs/formal.py``); :mod:`boundcalc.auditing.steps` searches
each under that statement's hypotheses. Started with J.6 (the proof of Lemma C.6).
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

A_PRIME = Quantity("Bap", "Boltz(a'), a' = (a_1, a_1 - delta, ..., a_1 - delta) (J.4)",
                   value=lambda o: boltz([o["a"][0]] + [o["a"][0] - o["delta"]] * (len(o["a"]) - 1)))
TAIL = (n - 1) * sp.exp(-delta)
J6 = (
    Step("(J.6) Boltz(a) > Boltz(a')", Gt(Ba, Bap), "Lemma C.4", (A_PRIME,)),
    Step("(J.6) Boltz(a') closed form", Eq(Bap, a1 - (n - 1) * delta * sp.exp(-delta) / (1 + TAIL)), "(J.4)",
         (A_PRIME,)),
    Step("(J.6) Boltz(b) <= b_1", Le(Bb, b1), "b sorted decreasingly"),
    Step("(J.6) Boltz(a) - Boltz(b) > delta/(1 + (n-1)e^-delta)", Gt(Ba - Bb, delta / (1 + TAIL)),
         "b_1 < a_1 - delta"),
    Step("(J.6) delta/(1 + (n-1)e^-delta) >= ln n", Ge(delta / (1 + TAIL), L), "delta > 2 ln n + 3"),
    Step("(J.6) ln n > (ln n)^2 e^-(a_1 - b_1)", Gt(L, L ** 2 * sp.exp(-(a1 - b1))), "a_1 - b_1 > ln n"),
)

STEPS = {"lemma-C.6": J6}

TRIALS = 40
"""Random draws of the shared step search (special, tight and joint candidates come on top)."""


def attach(reg) -> None:
    """Append each node's step searches (after its own checks), built on its formal statement."""
    for rid, steps in STEPS.items():
        r = reg.results[rid]
        st = getattr(r, "formal", None)
        if st is None:
            continue
        name = f"proof steps of {rid}"
        if name not in {getattr(c, "name", None) for c in r.checks}:
            r.checks = tuple(r.checks) + (shared_search(name, st, steps, trials=TRIALS),)
