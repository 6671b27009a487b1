"""Appendix G (Theorem 2.5): a T_B transformer f2 o SA o f1 and the memorizing prompt.

tau is built from (d, L, 1/delta) only; the prompt is a lookup table: block b of L prompt
tokens holds the quantized targets for the b-th grid input (Lemma E.1's prompt set).
"""
from __future__ import annotations

import itertools
import math
import random
import time

from flint import arb, fmpq

from boundcalc.transformer import Network
from boundcalc.transformer.numeric import arb_to_fmpq, precision

from .appendix_d import Separation, attention_D3, dot
from .appendix_f import bump_ffn, cell_of, quantizer_F2


def grid_values(d: int, n_cols: int, g: int, pos) -> list[list[list[fmpq]]]:
    """Per column j, the list of possible quantized tokens (E_j + (k+1) delta per coordinate)."""
    delta = fmpq(1, g)
    out = []
    for j in range(n_cols):
        toks = [[pos[a][j] + (k + 1) * delta for a, k in enumerate(ks)]
                for ks in itertools.product(range(g), repeat=d)]
        out.append(toks)
    return out


def decode(cell: int, g: int, mode: str) -> fmpq:
    """Output value a prompt cell stands for: k delta (paper's grid) or the cell midpoint (tight)."""
    return fmpq(cell, g) if mode == "paper" else fmpq(2 * cell + 1, 2 * g)


def encode(y: fmpq, g: int, mode: str) -> int:
    """Prompt cell for a target value: floor (paper) or nearest midpoint (tight)."""
    return min(int((y * g).floor()), g - 1)


def claimed_separation(d: int, n: int, g: int) -> Separation:
    """E.2/F.2's claim: M is tokenwise (sqrt d, sqrt d (L' - delta), sqrt d delta)-separated."""
    from boundcalc.auditing.sources import constant_arb

    from .appendix_d import _declared
    e2 = _declared("lemma-2.4")                       # read from the declaration (one source of truth)
    vals = {k: constant_arb(e2, k, d=d, n_cols=n, N=g) for k in ("claimed_gmin", "claimed_gmax", "claimed_sep")}
    return Separation(vals["claimed_gmin"], vals["claimed_gmax"], vals["claimed_sep"])


def build_memorizer(d: int, L: int, g: int, mode: str = "tight", rho: int = 1, seed: int = 0,
                    theta: fmpq | None = None) -> tuple[Network, dict]:
    """Build tau in T_B for prompts of length L * g^(dL); returns the network and step reports."""
    t0 = time.time()
    n_grid = g ** (d * L)
    Lp = L * n_grid
    n = Lp + L
    theta = theta if theta is not None else fmpq(1, 16 * g)
    f1, qinfo = quantizer_F2(d, n, g, theta, mode)
    pos = qinfo["positional"]
    cols = grid_values(d, n, g, pos)
    vocab = [t for c in cols for t in c]
    claimed = claimed_separation(d, n, g) if mode == "paper" else None
    att, ainfo = attention_D3(vocab, n, rho, mode, seed, claimed)
    # precision: softmax weights down to exp(-spread); then refine until ids separate
    lg_max = max(abs(x) for x in [ainfo["scale"] * dot(ainfo["u"], v) ** 2 for v in vocab])
    spread_bits = float(2 * lg_max) / math.log(2)
    prec = int(1.25 * spread_bits) + 128
    u_b = [fmpq(1)] if d == 1 else None
    rng = random.Random(seed + 5)
    seqs = list(itertools.product(range(g), repeat=d * n))
    for _attempt in range(6):
        with precision(prec):
            ids = []
            for cells in seqs:
                M = [[pos[a][j] + (cells[j * d + a] + 1) * fmpq(1, g) for j in range(n)] for a in range(d)]
                out = att(M)
                ids.append((cells, [[out[a][j] for a in range(d)] for j in range(Lp, n)]))
            if u_b is None:
                u_b = [fmpq(rng.randint(-1024, 1024), 1024) for _ in range(d)]
            proj = []
            for cells, last in ids:
                for k, col in enumerate(last):
                    proj.append((sum((w * x for w, x in zip(u_b, col)), arb(0)), cells, k))
            proj.sort(key=lambda p: p[0].mid())
            gaps = [(b[0] - a[0]) for a, b in zip(proj, proj[1:])]
            ok = all(bool(x > 0) for x in gaps)
            if ok:
                gap_lb = min((x.lower() for x in gaps), key=lambda x: x.mid()) if gaps else arb(1)
                rad = max(p[0].rad() for p in proj)
                if bool(gap_lb > 16 * rad):
                    break
        prec *= 2
        if d > 1 and _attempt >= 2:
            u_b = None
    else:
        raise ArithmeticError("context ids could not be separated at the tried precisions")
    gap = arb_to_fmpq(gap_lb.lower())
    # targets: prompt block of the input cells, column k, decoded
    centres = []
    for t, cells, k in proj:
        in_cells = [cells[(Lp + j) * d + a] for j in range(L) for a in range(d)]
        b = 0
        for c in in_cells:
            b = b * g + c
        target = [decode(cells[(b * L + k) * d + a], g, mode) for a in range(d)]
        centres.append((t, target))
    f2 = bump_ffn(d, u_b, centres, gap)
    net = Network(d, L, Lp, [("ffn1_quantize", f1), ("attention", att), ("ffn2_bumps", f2)],
                  positional=pos, precision_bits=prec,
                  meta={"construction": "theorem-2.5 T_B", "mode": mode, "g": g, "rho": rho})
    info = {"n": n, "Lp": Lp, "theta": theta, "attention": ainfo, "precision_bits": prec,
            "id_gap": gap_lb, "u_bump": u_b, "n_sequences": len(seqs), "ffn1_neurons": f1.r,
            "ffn2_neurons": f2.r, "build_seconds": time.time() - t0, "spread_bits": spread_bits}
    return net, info


def memorizing_prompt(X, Y, d: int, L: int, g: int, mode: str) -> tuple[list[list[fmpq]], dict]:
    """The prompt: block b holds encode(Y_i) for the first example whose input falls in grid cell b."""
    n_grid = g ** (d * L)
    Lp = L * n_grid
    table: dict[int, int] = {}
    for i, x in enumerate(X):
        b = 0
        for j in range(L):
            for a in range(d):
                c = cell_of(x[a][j], g, "tight" if mode == "tight" else "paper")
                b = b * g + (0 if c is None else c)   # a ramp value (paper mode: x = 0) is in no cell
        table.setdefault(b, i)
    P = [[fmpq(1, 2 * g)] * Lp for _ in range(d)]   # unused blocks: cell 0
    for b, i in table.items():
        for j in range(L):
            for a in range(d):
                c = encode(Y[i][a][j], g, mode)
                P[a][b * L + j] = fmpq(2 * c + 1, 2 * g)   # the middle of cell c
    return P, {"cells_used": len(table), "representative": table}
