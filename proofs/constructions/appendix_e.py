"""Appendix E.2 (Lemma 2.4): the T_A^{1,1,4} transformer, built as named steps.

Steps (each followed by a check of what the proof says it achieves):
1. ``quantization_layers_E4``: one width-<=4 ReLU FFN per (cell index k, coordinate i) realising
   Z <- Z + e_i phi(e_i^T Z - k delta 1^T) (E.4).  Printed phi(t) = -t + 1 on [0, delta) sends
   [k delta, k delta + delta) to k delta + 1 (and then cascades); we use the labelled correction
   phi(t) = -t on [0, delta - theta], a ramp back to 0 on [delta - theta, delta] (3 ReLUs).
2. ``attention_E2``: the single attention layer of Lemma 2.2, reusing appendix_d.attention_D3.
3. ``value_mapping_layers_E2``: one width-4 FFN per (grid sequence, output position): a 1-D
   plateau bump on u_b^T z that moves that context id to its target h([P, Z]).
``build_TA`` assembles the Network (E_j = j on every coordinate, as in E.2).
"""
from __future__ import annotations

import bisect
import itertools
import math
import random
import time

from flint import arb, fmpq

from boundcalc.transformer import FFN, Network
from boundcalc.transformer.numeric import arb_to_fmpq, precision

from boundcalc.auditing.sources import constant_fraction
from .appendix_d import _declared, attention_D3, dot
from .appendix_g import claimed_separation

CORRECTIONS_E = [
    "E.4: phi(t) = -t on [0, delta - theta] (printed: -t + 1, which maps [k delta, (k+1) delta) to k delta + 1)",
    "E.4: phi is continuous (a ramp of width theta at the right end of each cell) so 3 ReLUs realise it",
    "E.4: k runs over whole numbers 0 .. (L_p+L)/delta - 1 with threshold k delta (printed: k = 0, delta, ...)",
    "E.2 value map: one width-4 plateau bump per (grid sequence, position) on u_b^T z, u_b > 0 entrywise",
    "attention: Lemma 2.2 is applied to the grid tokens without the zero token (its norm is 0, not > sqrt d)",
]


# ---- step 1: quantization (E.4) -----------------------------------------------------------------
def phi_E4_literal(t: fmpq, g: int) -> fmpq:
    """(E.4) as printed: 0 for t < 0 or t >= delta, -t + 1 on [0, delta)."""
    return -t + 1 if 0 <= t < fmpq(1, g) else fmpq(0)


def literal_quantization(z: fmpq, n: int, g: int) -> fmpq:
    """One coordinate through all printed E.4 layers k = 0 .. n g - 1 in order."""
    for k in range(n * g):
        z = z + phi_E4_literal(z - fmpq(k, g), g)
    return z


def literal_E4_check(n: int = 3, g: int = 2) -> dict:
    """The printed layers on z = delta/2 (column 0, cell 0): the proof wants 0."""
    z = fmpq(1, 2 * g)
    first = z + phi_E4_literal(z, g)
    return {"n": n, "inv_delta": g, "z": z, "after_first_layer": first, "after_all_layers": literal_quantization(z, n, g),
            "wanted": fmpq(0), "holds": literal_quantization(z, n, g) == 0}


def phi_layer(d: int, i: int, k: int, g: int, theta: fmpq) -> FFN:
    """z_i <- z_i + phi(z_i - k delta), phi = -ReLU(t) + (delta/theta) ReLU(t - delta + theta) - ((delta-theta)/theta) ReLU(t - delta)."""
    delta = fmpq(1, g)
    row = [fmpq(0)] * d
    row[i] = fmpq(1)
    W1 = [list(row), list(row), list(row)]
    a = k * delta
    b1 = [-a, -(a + delta - theta), -(a + delta)]
    coef = [fmpq(-1), delta / theta, -(delta - theta) / theta]
    W2 = [[c if r == i else fmpq(0) for c in coef] for r in range(d)]
    return FFN(W1, b1, W2, [fmpq(0)] * d, group_min=3)


def quantization_layers_E4(d: int, n: int, g: int, theta: fmpq) -> list[tuple[str, FFN]]:
    """n g d layers, k increasing (the order matters: a cell's output k delta is left alone later)."""
    if not 0 < theta < fmpq(1, g):
        raise ValueError("theta must lie in (0, delta)")
    return [(f"quantize_E4_k{k}_i{i}", phi_layer(d, i, k, g, theta)) for k in range(n * g) for i in range(d)]


def check_quantization(layers, d: int, n: int, g: int, theta: fmpq) -> dict:
    """Every plateau [k delta, (k+1) delta - theta] must map to k delta, every ramp strictly inside the cell."""
    delta = fmpq(1, g)
    bad = []
    for k in range(n * g):
        a = k * delta
        for z, want in ((a, a), (a + (delta - theta) / 2, a), (a + delta - theta, a),
                        (a + delta - theta / 2, None)):
            col = [z] * d
            for _, lay in layers:
                col = lay.column(col)
            for v in col:
                ok = (v == want) if want is not None else (a < v < a + delta)
                if not ok:
                    bad.append((z, v))
    return {"points": 4 * n * g, "holds": not bad, "failures": bad[:3]}


# ---- step 2: the attention layer (Lemma 2.2 via appendix_d) -----------------------------------
def grid_tokens(d: int, n: int, g: int) -> list[list[list[fmpq]]]:
    """Per column j the quantized tokens j + c delta (c in 0 .. 1/delta - 1 per coordinate)."""
    return [[[j + fmpq(c, g) for c in cs] for cs in itertools.product(range(g), repeat=d)] for j in range(n)]


def attention_E2(d: int, n: int, g: int, rho: int = 1, mode: str = "tight", seed: int = 0):
    vocab = [t for col in grid_tokens(d, n, g) for t in col if any(x != 0 for x in t)]
    claimed = claimed_separation(d, n, g) if mode == "paper" else None
    if not vocab:
        raise ValueError("the grid has only the zero token")
    return attention_D3(vocab, max(n, 2), rho, mode, seed, claimed)


def seq_matrix(cells: tuple, d: int, n: int, g: int) -> list[list[fmpq]]:
    """Quantized sequence M for cell indices cells[j*d + a] (column j, coordinate a)."""
    return [[j + fmpq(cells[j * d + a], g) for j in range(n)] for a in range(d)]


def h_target(cells: tuple, d: int, L: int, g: int) -> list[list[fmpq]]:
    """Lemma E.1's surrogate h on the grid: output column k = prompt column b L + k, b = input cell index."""
    Lp = int(constant_fraction(_declared("theorem-2.3"), "Lp", N=g, d=d, L=L))      # L (1/delta)^{dL} of Lemma 2.3
    b = 0
    for j in range(L):
        for a in range(d):
            b = b * g + cells[(Lp + j) * d + a]
    return [[fmpq(cells[(b * L + k) * d + a], g) for k in range(L)] for a in range(d)]


# ---- step 3: value mapping (E.2, last paragraph) ----------------------------------------------
def bump_layer(u: list[fmpq], c: fmpq, w: fmpq, shift: list[fmpq]) -> FFN:
    """z <- z + shift * bump(u^T z): bump 1 on [c-w, c+w], 0 outside (c-2w, c+2w); 4 ReLUs."""
    row = [x / w for x in u]
    b1 = [(2 * w - c) / w, (w - c) / w, (-w - c) / w, (-2 * w - c) / w]
    sg = [1, -1, -1, 1]
    W2 = [[s * y for s in sg] for y in shift]
    # group_min=4: evaluated as one exact 1-D piecewise-linear map, so balls far from the bump pass unchanged
    return FFN([list(row) for _ in range(4)], b1, W2, [fmpq(0)] * len(u), group_min=4)


def value_mapping_layers_E2(ids, u: list[fmpq], w: fmpq, d: int, L: int, g: int):
    """One layer per (grid sequence, output position): moves the id's centre to h's value."""
    layers, table = [], []
    for s, (cells, cols) in enumerate(ids):
        target = h_target(cells, d, L, g)
        for k, col in enumerate(cols):
            cvec = [arb_to_fmpq(x) for x in col]
            c = dot(u, cvec)
            y = [target[a][k] for a in range(d)]
            lay = bump_layer(u, c, w, [ya - ca for ya, ca in zip(y, cvec)])
            table.append((c, len(layers), lay))
            layers.append((f"value_map_s{s}_p{k}", lay))
    table.sort(key=lambda t: t[0])
    return layers, table


def _context_ids(att, d: int, n: int, L: int, g: int, prec: int):
    Lp = n - L
    out = []
    with precision(prec):
        for cells in itertools.product(range(g), repeat=d * n):
            Z = att(seq_matrix(cells, d, n, g))
            out.append((cells, [[Z[a][j] for a in range(d)] for j in range(Lp, n)]))
    return out


def build_TA(d: int, L: int, g: int, mode: str = "tight", rho: int = 1, seed: int = 0,
             theta: fmpq | None = None) -> tuple[Network, dict]:
    """tau in T_A^{1,1,4} with tau([P, Z]) = h([P, Z]) on the grid (Lemma 2.4, corrected)."""
    t0 = time.time()
    delta = fmpq(1, g)
    theta = theta if theta is not None else delta / 1024
    Lp = int(constant_fraction(_declared("theorem-2.3"), "Lp", N=g, d=d, L=L))      # L (1/delta)^{dL} of Lemma 2.3
    n = Lp + L
    qlayers = quantization_layers_E4(d, n, g, theta)
    att, ainfo = attention_E2(d, n, g, rho, mode, seed)
    vocab_sq = max(sum(x * x for x in t) for col in grid_tokens(d, n, g) for t in col)
    spread_bits = float(2 * ainfo["scale"] * vocab_sq) / math.log(2)
    prec = int(1.25 * spread_bits) + 128
    rng = random.Random(seed + 11)
    u = [fmpq(1)] * d
    top = (1 - delta) * sum(u)        # largest u^T y over targets y in [0, 1 - delta]^d
    for _ in range(6):
        ids = _context_ids(att, d, n, L, g, prec)
        with precision(prec):
            proj = sorted((sum((w * x for w, x in zip(u, col)), arb(0)) for _, cols in ids for col in cols),
                          key=lambda t: t.mid())
            gaps = [b - a for a, b in zip(proj, proj[1:])]
            rad = max(p.rad() for p in proj)
            separated = all(bool(x > 16 * rad) for x in gaps)
        if separated:
            gap = min((arb_to_fmpq(x.lower()) for x in gaps), default=fmpq(1))
            w = fmpq(1)
            while w > gap / 8:
                w /= 2
            if bool(proj[0] - 2 * w > top):
                break
        prec *= 2
        if d > 1:
            u = [fmpq(rng.randint(512, 1024), 1024) for _ in range(d)]
            top = (1 - delta) * sum(u)
    else:
        raise ArithmeticError("context ids could not be separated at the tried precisions")
    vlayers, table = value_mapping_layers_E2(ids, u, w, d, L, g)
    pos = [[fmpq(j) for j in range(n)] for _ in range(d)]
    net = Network(d, L, Lp, qlayers + [("attention", att)] + vlayers, positional=pos, precision_bits=prec,
                  meta={"construction": "lemma-2.4 T_A^{1,1,4}", "mode": mode, "g": g, "rho": rho,
                        "corrections": CORRECTIONS_E})
    info = {"n": n, "Lp": Lp, "theta": theta, "attention": ainfo, "precision_bits": prec, "u_bump": u,
            "bump_w": w, "id_gap": gap, "n_sequences": len(ids), "quant_layers": len(qlayers),
            "value_layers": len(vlayers), "table": table, "n_quant": len(qlayers),
            "build_seconds": time.time() - t0}
    return net, info


# ---- evaluation exploiting structure ------------------------------------------------------------
def fast_output(net: Network, info: dict, X, P) -> list[list]:
    """Same values as net(X, P) (enclosures of them): only value layers whose bump support meets u^T z run."""
    table = info["table"]
    centres = [c for c, _, _ in table]
    w2 = 2 * info["bump_w"]
    u = info["u_bump"]
    nq = info["n_quant"]
    with precision(net.precision_bits):
        Z = net.embed(X, P)
        for _, lay in net.layers[:nq]:
            Z = lay(Z)
        if any(isinstance(x, arb) for r in Z for x in r):
            Z = hull_attention(net.layers[nq][1], Z)
        else:
            Z = net.layers[nq][1](Z)
        out_cols = []
        for j in range(net.Lp, net.Lp + net.L):
            z = [Z[a][j] for a in range(net.d)]
            last = -1
            while True:
                t = sum((wu * x for wu, x in zip(u, z)), arb(0))
                lo, hi = (arb_to_fmpq(t), arb_to_fmpq(t)) if isinstance(t, arb) and t.rad() == 0 else \
                    (arb_to_fmpq(arb(t).lower()), arb_to_fmpq(arb(t).upper()))
                i0 = bisect.bisect_left(centres, lo - w2 - 1)
                i1 = bisect.bisect_right(centres, hi + w2 + 1)
                cand = [table[i] for i in range(i0, i1)
                        if table[i][1] > last and not bool(arb(t) <= table[i][0] - w2)
                        and not bool(arb(t) >= table[i][0] + w2)]
                if not cand:
                    break
                c, idx, lay = min(cand, key=lambda r: r[1])
                z = lay.column(z)
                last = idx
            out_cols.append(z)
    return [[col[a] for col in out_cols] for a in range(net.d)]


def hull_attention(att, Z):
    """Enclosure of the attention output for ball inputs: the softmax mixes values convexly, so
    WO (WV Z) softmax lies in WO applied to the hull of the value columns (loose but rigorous)."""
    from boundcalc.transformer.model import columns, from_columns, matvec
    cols = columns(Z)
    Vs = [matvec(att.WV, c) for c in cols]
    hull = []
    for a in range(att.s):
        h = arb(Vs[0][a])
        for v in Vs[1:]:
            h = h.union(arb(v[a]))
        hull.append(h)
    head = matvec(att.WO, hull)
    return from_columns([[arb(x) + hd for x, hd in zip(c, head)] for c in cols])


def check_TA_equals_h(net: Network, info: dict, limit: int | None = None) -> dict:
    """tau([P, Z]) vs h([P, Z]) on every grid input (prompt and data on the grid): certified max deviation."""
    d, L, g, n = net.d, net.L, net.meta["g"], info["n"]
    worst, count, ok = arb(0), 0, True
    for cells in itertools.product(range(g), repeat=d * n):
        M = seq_matrix(cells, d, n, g)
        P = [[x - j for j, x in enumerate(r[: net.Lp])] for r in M]
        X = [[x - (net.Lp + j) for j, x in enumerate(r[net.Lp:])] for r in M]
        out = net(X, P)
        want = h_target(cells, d, L, g)
        for ra, wa in zip(out, want):
            for o, y in zip(ra, wa):
                dev = abs(arb(o) - y)
                if bool(dev.upper() > worst.upper()):
                    worst = dev
                ok = ok and bool(dev < fmpq(1, 2 ** 40))
        count += 1
        if limit and count >= limit:
            break
    return {"grid_inputs": count, "max_deviation": worst, "holds": ok}
