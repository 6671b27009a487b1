"""Exact transformer of Sec. 2.1: attention (eq. 2.1, 2.2) and FFN (eq. 2.3) with residuals.

Matrices are lists of rows.  Weights are exact rationals (fmpq).  Activations stay exact
until a softmax; after it they are certified arb balls.  ``Network.forward`` returns every
intermediate activation by layer name.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from math import log2
from typing import Any

from flint import arb, fmpq

from .numeric import Scalar, is_exact, precision, q, relu, to_arb

Matrix = list[list[Scalar]]


def _zero(rows: int, cols: int) -> Matrix:
    return [[fmpq(0)] * cols for _ in range(rows)]


def columns(Z: Matrix) -> list[list[Scalar]]:
    return [list(c) for c in zip(*Z)] if Z else []


def from_columns(cols: list[list[Scalar]]) -> Matrix:
    return [list(r) for r in zip(*cols)] if cols else []


def matvec(W: list[list[fmpq]], z: list[Scalar]) -> list[Scalar]:
    out = []
    for row in W:
        acc: Scalar = fmpq(0)
        for w, x in zip(row, z):
            if w != 0:
                acc = acc + w * x
        out.append(acc)
    return out


def exact_matrix(rows) -> list[list[fmpq]]:
    return [[q(x) for x in r] for r in rows]


@dataclass
class _Group:
    """Neurons whose W1 rows are multiples of one direction: a 1-D piecewise-linear map."""

    direction: list[fmpq]
    idx: list[int]
    scale: list[fmpq]
    breaks: list[fmpq] = field(default_factory=list)   # sorted breakpoints t = -b/s
    slopes: list[list[fmpq]] = field(default_factory=list)  # per interval, d-vector
    icpts: list[list[fmpq]] = field(default_factory=list)


class FFN:
    """Z <- Z + W2 ReLU(W1 Z + b1) + b2, column by column (eq. 2.3)."""

    kind = "ffn"

    def __init__(self, W1, b1, W2, b2, group_min: int = 8):
        self.W1, self.W2 = exact_matrix(W1), exact_matrix(W2)
        self.b1, self.b2 = [q(x) for x in b1], [q(x) for x in b2]
        self.r, self.d = len(self.W1), len(self.W2)
        if any(len(row) != self.d for row in self.W1) or len(self.b1) != self.r \
                or any(len(row) != self.r for row in self.W2) or len(self.b2) != self.d:
            raise ValueError("FFN shapes do not match")
        self._groups, self._loose = self._build_groups(group_min)

    # -- structure: neurons sharing a direction form a 1-D piecewise-linear function ----
    def _build_groups(self, group_min: int):
        by_dir: dict[tuple, list[int]] = {}
        scale: dict[int, fmpq] = {}
        loose = []
        for i, row in enumerate(self.W1):
            lead = next((w for w in row if w != 0), None)
            if lead is None:
                loose.append(i)
                continue
            key = tuple(w / lead for w in row)
            by_dir.setdefault(key, []).append(i)
            scale[i] = lead
        groups = []
        for key, idx in by_dir.items():
            if len(idx) < group_min:
                loose.extend(idx)
                continue
            g = _Group(list(key), idx, [scale[i] for i in idx])
            pts = sorted({-self.b1[i] / scale[i] for i in idx})
            g.breaks = pts
            # start left of every breakpoint, then flip neurons at each breakpoint
            order = sorted(idx, key=lambda i: -self.b1[i] / scale[i])
            slope = [fmpq(0)] * self.d
            icpt = [fmpq(0)] * self.d
            t0 = pts[0] - 1
            for i in idx:
                if scale[i] * t0 + self.b1[i] > 0:
                    for a in range(self.d):
                        slope[a] += self.W2[a][i] * scale[i]
                        icpt[a] += self.W2[a][i] * self.b1[i]
            g.slopes.append(list(slope))
            g.icpts.append(list(icpt))
            pos = 0
            for bpt in pts:
                while pos < len(order) and -self.b1[order[pos]] / scale[order[pos]] == bpt:
                    i = order[pos]
                    sgn = 1 if scale[i] > 0 else -1   # s>0 switches on, s<0 switches off
                    for a in range(self.d):
                        slope[a] += sgn * self.W2[a][i] * scale[i]
                        icpt[a] += sgn * self.W2[a][i] * self.b1[i]
                    pos += 1
                g.slopes.append(list(slope))
                g.icpts.append(list(icpt))
            groups.append(g)
        return groups, sorted(loose)

    def _naive(self, z, idx) -> list[Scalar]:
        out: list[Scalar] = [fmpq(0)] * self.d
        for i in idx:
            pre: Scalar = self.b1[i]
            for w, x in zip(self.W1[i], z):
                if w != 0:
                    pre = pre + w * x
            h = relu(pre)
            if is_exact(h) and h == 0:
                continue
            for a in range(self.d):
                if self.W2[a][i] != 0:
                    out[a] = out[a] + self.W2[a][i] * h
        return out

    def _group_eval(self, g: _Group, z) -> list[Scalar]:
        t: Scalar = fmpq(0)
        for w, x in zip(g.direction, z):
            if w != 0:
                t = t + w * x
        if is_exact(t):
            k = bisect.bisect_left(g.breaks, t)  # continuity: value at a breakpoint agrees
        else:
            # the function is linear on each closed interval between breakpoints
            lo = bisect.bisect_right(g.breaks, _lower(t))
            hi = bisect.bisect_left(g.breaks, _upper(t))
            if lo != hi:
                return self._naive(z, g.idx)
            k = lo
        return [g.slopes[k][a] * t + g.icpts[k][a] for a in range(self.d)]

    def column(self, z: list[Scalar], naive: bool = False) -> list[Scalar]:
        """One column through the layer (naive=True sums every neuron; for testing)."""
        if naive:
            extra = self._naive(z, range(self.r))
        else:
            extra = self._naive(z, self._loose)
            for g in self._groups:
                part = self._group_eval(g, z)
                extra = [e + p for e, p in zip(extra, part)]
        return [x + e + b for x, e, b in zip(z, extra, self.b2)]

    def __call__(self, Z: Matrix, naive: bool = False) -> Matrix:
        return from_columns([self.column(c, naive) for c in columns(Z)])

    def to_dict(self) -> dict[str, Any]:
        return {"type": "ffn", "W1": self.W1, "b1": self.b1, "W2": self.W2, "b2": self.b2}


def _lower(t: arb) -> fmpq:
    from .numeric import arb_to_fmpq
    return arb_to_fmpq(t.lower())


def _upper(t: arb) -> fmpq:
    from .numeric import arb_to_fmpq
    return arb_to_fmpq(t.upper())


class Attention:
    """Z <- Z + WO (WV Z) Softmax((WK Z)^T (WQ Z)), softmax over keys per query (eq. 2.1, 2.2)."""

    kind = "attention"

    def __init__(self, WQ, WK, WV, WO):
        self.WQ, self.WK, self.WV, self.WO = (exact_matrix(m) for m in (WQ, WK, WV, WO))
        self.s = len(self.WQ)
        self.d = len(self.WO)
        if not (len(self.WK) == len(self.WV) == self.s and all(len(r) == self.s for r in self.WO)):
            raise ValueError("attention shapes do not match")
        self._cache: dict[tuple, Matrix] = {}
        self._exp: dict[tuple, arb] = {}

    def logits(self, Z: Matrix) -> list[list[Scalar]]:
        """logits[k][j] = (WK Z_j)^T (WQ Z_k): row k is the softmax argument for query k."""
        cols = columns(Z)
        Ks = [matvec(self.WK, c) for c in cols]
        Qs = [matvec(self.WQ, c) for c in cols]
        return [[sum((a * b for a, b in zip(kj, qk)), fmpq(0)) for kj in Ks] for qk in Qs]

    def spread_bits(self, Z: Matrix) -> float:
        """log2 of exp(max logit gap): the bits a softmax weight can lose."""
        lg = self.logits(Z)
        gap = 0.0
        for row in lg:
            vals = [float(to_arb(x).mid()) for x in row]
            gap = max(gap, max(vals) - min(vals))
        return gap / 0.6931471805599453

    def __call__(self, Z: Matrix) -> Matrix:
        exact = all(is_exact(x) for r in Z for x in r)
        key = None
        if exact:
            from flint import ctx
            key = (ctx.prec, tuple(tuple(r) for r in Z))
            if key in self._cache:
                return self._cache[key]
        cols = columns(Z)
        lg = self.logits(Z)
        Vs = [matvec(self.WV, c) for c in cols]
        out_cols = []
        from flint import ctx
        for k, zc in enumerate(cols):
            row = lg[k]
            if exact:
                # exp of an exact logit is memoised: grids repeat the same logits many times
                w = []
                for x in row:
                    key_e = (ctx.prec, x)
                    if key_e not in self._exp:
                        self._exp[key_e] = arb(x).exp()
                    w.append(self._exp[key_e])
            else:
                # softmax is shift-invariant: shift by the largest exact midpoint (works for rows
                # mixing exact fmpq and ball scores, and keeps every exponent <= about 0)
                m = to_arb(row[0]).mid()
                for x in row[1:]:
                    c = to_arb(x).mid()
                    if c > m:
                        m = c
                w = [(to_arb(x) - m).exp() for x in row]
            tot = sum(w[1:], w[0])
            mix = [sum((wj * v[a] for wj, v in zip(w, Vs)), arb(0)) / tot for a in range(self.s)]
            head = matvec(self.WO, mix)
            out_cols.append([x + h for x, h in zip(zc, head)])
        out = from_columns(out_cols)
        if key is not None:
            self._cache[key] = out
        return out

    def to_dict(self) -> dict[str, Any]:
        return {"type": "attention", "WQ": self.WQ, "WK": self.WK, "WV": self.WV, "WO": self.WO}


class Network:
    """A named list of layers applied to [P, X] + E; the output is the last L columns."""

    def __init__(self, d: int, L: int, Lp: int, layers: list[tuple[str, Any]],
                 positional: Matrix | None = None, prompt: Matrix | None = None,
                 precision_bits: int = 128, meta: dict | None = None):
        self.d, self.L, self.Lp = d, L, Lp
        self.layers = layers
        self.positional = exact_matrix(positional) if positional is not None else _zero(d, Lp + L)
        self.prompt = exact_matrix(prompt) if prompt is not None else _zero(d, Lp)
        self.precision_bits = precision_bits
        self.meta = meta or {}

    def layer(self, name: str):
        return dict(self.layers)[name]

    def embed(self, X: Matrix, prompt: Matrix | None = None) -> Matrix:
        P = self.prompt if prompt is None else exact_matrix(prompt)
        X = [[q(x) if not isinstance(x, arb) else x for x in r] for r in X]
        full = [list(pr) + list(xr) for pr, xr in zip(P, X)] if self.Lp else [list(r) for r in X]
        return [[a + e for a, e in zip(r, er)] for r, er in zip(full, self.positional)]

    def forward(self, X: Matrix, prompt: Matrix | None = None, prec: int | None = None,
                naive: bool = False) -> dict[str, Matrix]:
        """Every activation by name: 'embedded', each layer's name, and 'output' (last L columns)."""
        trace: dict[str, Matrix] = {}
        with precision(prec or self.precision_bits):
            Z = self.embed(X, prompt)
            trace["embedded"] = Z
            for name, layer in self.layers:
                Z = layer(Z, naive) if (naive and layer.kind == "ffn") else layer(Z)
                trace[name] = Z
            trace["output"] = [r[self.Lp:] for r in Z]
        return trace

    def __call__(self, X: Matrix, prompt: Matrix | None = None, prec: int | None = None) -> Matrix:
        return self.forward(X, prompt, prec)["output"]


def suggested_precision(spread_bits: float, separation_log2: float, magnitude: float = 1.0) -> int:
    """Bits so that softmax weights down to 2^-spread and differences 2^separation_log2 survive."""
    return int(spread_bits + max(0.0, -separation_log2) + max(0.0, log2(max(magnitude, 1.0))) + 64)
