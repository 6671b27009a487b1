"""Appendix I (Corollary I.0.1): a shared token x* and one target no prompt can reach twice.

For one head, the output at x* is x* + (Psi_P a_P + Psi_i b_i)/(Psi_P + Psi_i) with Psi > 0,
a_P = Att(x*, P) and b_i = Att(x*, X_i) (eq. I.2).  If b_1 < t < b_2 and both examples ask for
x* + t at x*, the first needs a_P > t and the second a_P < t: no prompt of any length works.
"""
from __future__ import annotations

import random

from flint import fmpq

from boundcalc.transformer import FFN, Attention, Network
from boundcalc.transformer.numeric import precision


def failure_network(Lp: int) -> Network:
    """d = s = 1, W_Q = W_K = W_V = W_O = 1 (full rank), then a zero FFN (invertible: identity)."""
    att = Attention([[1]], [[1]], [[1]], [[1]])
    ffn = FFN([[1]], [0], [[0]], [0])
    return Network(1, 2, Lp, [("attention", att), ("ffn", ffn)], precision_bits=128)


def dataset():
    """X1 = [0, 1/2], X2 = [1, 1/2]; both want 1 at the shared token x* = 1/2."""
    xs = fmpq(1, 2)
    X = [[[fmpq(0), xs]], [[fmpq(1), xs]]]
    target = fmpq(1)
    return X, target, xs


def certificate() -> dict:
    """b_i = Att(x*, X_i) with certified signs of b_1 - t and b_2 - t (t = target - x*)."""
    X, target, xs = dataset()
    net = failure_network(0)
    with precision(128):
        b = [net.forward(x)["attention"][0][1] - xs for x in X]
        t = target - xs
        ok = bool(b[0] < t) and bool(b[1] > t)
    return {"x_star": xs, "target": target, "b": b, "t": t, "obstruction_certified": ok}


def prompt_search(seed: int = 0, trials: int = 200, max_Lp: int = 3) -> dict:
    """Random prompts: the best max error over the two examples (it stays above 0)."""
    rng = random.Random(seed)
    X, target, xs = dataset()
    best = None
    for _ in range(trials):
        Lp = rng.randint(1, max_Lp)
        P = [[fmpq(rng.randint(-40, 40), 8) for _ in range(Lp)]]
        net = failure_network(Lp)
        errs = [abs(net(x, P)[0][1] - target) for x in X]
        e = max(errs, key=lambda v: v.mid())
        if best is None or e.mid() < best[0].mid():
            best = (e, P)
    return {"trials": trials, "seed": seed, "best_max_error": best[0], "best_prompt": best[1]}
