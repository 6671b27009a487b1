"""Appendix F: the step-function FFN of (F.1)/(F.2) and the bump FFN of Lemma F.2.

Literal forms are kept next to the corrections so the evaluator can show where they fail.
"""
from __future__ import annotations

from flint import arb, fmpq

from boundcalc.transformer import FFN
from boundcalc.transformer.numeric import arb_to_fmpq


def relu_q(x: fmpq) -> fmpq:
    return x if x > 0 else fmpq(0)


# ---- (F.1): step function as a sum of ramps ----------------------------------------------------
def step_F1_literal(z: fmpq, n_cols: int, g: int, theta: fmpq) -> fmpq:
    """(F.1) as printed: sum_{t=0}^{(L_p+L)(1/delta-1)} (ReLU(z/th - t d/th) - ReLU(z/th - 1 - t d/th)) delta."""
    delta = fmpq(1, g)
    return sum((relu_q(z / theta - t * delta / theta) - relu_q(z / theta - 1 - t * delta / theta)) * delta
               for t in range(n_cols * (g - 1) + 1))


def step_count_check(n_cols: int, g: int) -> dict:
    """(F.1) claims the value L_p+L for z >= L_p+L-delta; its sum has (L_p+L)(1/delta-1)+1 steps of delta."""
    theta = fmpq(1, 16 * g)
    z = fmpq(n_cols)                       # top of the last column's domain
    got = step_F1_literal(z, n_cols, g, theta)
    return {"z": z, "literal_value": got, "claimed_value": fmpq(n_cols),
            "steps_literal": n_cols * (g - 1) + 1, "steps_needed": n_cols * g, "holds": got == n_cols}


def _ramp_neurons(d: int, i: int, a: fmpq, w: fmpq, h: fmpq):
    """h * (ReLU((z_i - a + w)/w) - ReLU((z_i - a)/w)): rises from 0 to h on [a - w, a]."""
    row = [fmpq(0)] * d
    row[i] = 1 / w
    return [(row, (w - a) / w, h), (list(row), -a / w, -h)]


def quantizer_F2(d: int, n_cols: int, g: int, theta: fmpq, mode: str) -> tuple[FFN, dict]:
    """First FFN: quantize every coordinate of [P, X] + E column by column.

    paper: E_j = j, steps rising on [t delta, t delta + theta] (F.1), with the corrected count
           (L_p+L)/delta of steps; cell (k delta, (k+1) delta] of column j -> j + (k+1) delta.
    tight: E_j = 2j (correction: x = 1 in column j and x = 0 in column j+1 stay apart), steps
           rising on [k delta - theta, k delta]; cell [k delta, (k+1) delta) (top cell closed)
           of column j -> 2j + (k+1) delta.
    Both add -ReLU(z_i) to cancel the residual of eq. 2.3 (the paper writes f1(Z) = step(Z)).
    """
    delta = fmpq(1, g)
    neurons = []          # (W1 row, b1, coordinate, W2 weight)
    b2 = [fmpq(0)] * d
    for i in range(d):
        row = [fmpq(0)] * d
        row[i] = fmpq(1)
        neurons.append((row, fmpq(0), i, fmpq(-1)))          # residual cancel (inputs are >= 0)
        if mode == "paper":
            for t in range(n_cols * g):
                for r, b, h in _ramp_neurons(d, i, t * delta + theta, theta, delta):
                    neurons.append((r, b, i, h))
        else:
            b2[i] = delta
            for j in range(n_cols):
                for k in range(1, g):
                    for r, b, h in _ramp_neurons(d, i, 2 * j + k * delta, theta, delta):
                        neurons.append((r, b, i, h))
                if j + 1 < n_cols:
                    for r, b, h in _ramp_neurons(d, i, fmpq(2 * j + 2), fmpq(1, 2), 1 + delta):
                        neurons.append((r, b, i, h))
    W1 = [n[0] for n in neurons]
    b1 = [n[1] for n in neurons]
    W2 = [[n[3] if n[2] == a else fmpq(0) for n in neurons] for a in range(d)]
    pos = [[fmpq(j if mode == "paper" else 2 * j) for j in range(n_cols)] for _ in range(d)]
    return FFN(W1, b1, W2, b2), {"positional": pos, "theta": theta, "neurons": len(neurons)}


def cell_of(x: fmpq, g: int, mode: str) -> int | None:
    """Grid cell of a data value in [0, 1]; None if it lies in a ramp (not quantized exactly)."""
    if mode == "paper":   # cells (k delta, (k+1) delta]; x in [k delta, k delta + theta) is in a ramp
        k = int((x * g).ceil()) - 1
        return k if k >= 0 else None
    return min(int((x * g).floor()), g - 1)


def in_ramp(x: fmpq, g: int, theta: fmpq, mode: str) -> bool:
    delta = fmpq(1, g)
    if mode == "paper":
        k = int((x * g).floor())
        return k * delta <= x < k * delta + theta
    k = int((x * g).floor()) + 1
    return k < g and k * delta - theta < x < k * delta


# ---- Lemma F.2's bump -------------------------------------------------------------------------
def bump_F2_literal(x: fmpq, K: fmpq) -> fmpq:
    """The printed term ReLU(K x - 1) - ReLU(K x) + ReLU(K x + 1) for one coordinate x = Q_ij - A_ij."""
    return relu_q(K * x - 1) - relu_q(K * x) + relu_q(K * x + 1)


def bump_F2_literal_sum(Q, A, K: fmpq) -> fmpq:
    """The printed f_bump / h: (1/(d(L_p+L))) sum over all entries of the 1-D terms."""
    n = sum(len(r) for r in A)
    return sum(bump_F2_literal(q - a, K) for qr, ar in zip(Q, A) for q, a in zip(qr, ar)) / n


def bump_literal_check(K: fmpq = fmpq(10)) -> dict:
    """Evaluate the printed bump away from its centre and on a matrix that differs in one entry."""
    far = 10 / K
    A = [[fmpq(1, 2), fmpq(3, 2)]]
    Q = [[fmpq(1, 2), fmpq(3, 2) + 10 / K]]
    return {"K": K, "at_0": bump_F2_literal(fmpq(0), K), "at_10_over_K": bump_F2_literal(far, K),
            "hat_at_10_over_K": fmpq(0), "A": A, "Q": Q, "sum_at_A": bump_F2_literal_sum(A, A, K),
            "sum_at_Q": bump_F2_literal_sum(Q, A, K)}


def _power_of_two_at_most(x: fmpq) -> fmpq:
    """The largest 2^-k (k >= 0) with 2^-k <= x, for x > 0, from the bit lengths (no halving loop:
    a tiny gap would take as many halvings as it has bits)."""
    p, q = int(x.p), int(x.q)
    k = max(0, q.bit_length() - p.bit_length() - 1)
    while (p << k) < q:          # at most two steps past the bit-length estimate
        k += 1
    while k > 0 and (p << (k - 1)) >= q:
        k -= 1
    return fmpq(1, 2 ** k)


def bump_ffn(d: int, u: list[fmpq], centres: list[tuple[arb, list[fmpq]]], gap: fmpq) -> FFN:
    """Second FFN (correction): cancel the residual, then one 1-D plateau bump per context id.

    centres: (projected id t = u^T q as a ball, target column).  Each bump is 1 on
    [c - gap/8, c + gap/8], 0 outside [c - gap/4, c + gap/4]; ids are >= gap apart.
    """
    w = _power_of_two_at_most(gap / 8)   # a power of two keeps every weight a finite decimal
    W1, b1, W2cols = [], [], []
    for i in range(d):
        for s in (1, -1):
            row = [fmpq(0)] * d
            row[i] = fmpq(s)
            W1.append(row)
            b1.append(fmpq(0))
            W2cols.append([fmpq(-s) if a == i else fmpq(0) for a in range(d)])
    urow = [x / w for x in u]
    for t, target in centres:
        c = arb_to_fmpq(t)
        lo, hi = c - w, c + w
        for b, sgn in (((w - lo) / w, 1), (-lo / w, -1), (-hi / w, -1), ((-hi - w) / w, 1)):
            W1.append(list(urow))
            b1.append(b)
            W2cols.append([sgn * y for y in target])
    W2 = [[col[a] for col in W2cols] for a in range(d)]
    return FFN(W1, b1, W2, [fmpq(0)] * d)
