"""Independent forward pass for "boundcalc-transformer/1" and "/2" files (uses only json, fractions, mpmath).

    python docs/reference_forward.py W.json X.json [--dps N]

X.json is a d x L nested list of numbers (decimal strings).  Prints the last L output columns.
FFN layers are evaluated exactly with Fractions; attention uses mpmath at N decimal digits
(default: the file's precision_bits / 3.3 + 20).

Numbers: schema /1 writes finite decimals ("0.375") or "p/q"; schema /2 writes every number as
"p/q" (or "p"). Fraction reads both forms.
"""
import json
import sys
from fractions import Fraction

import mpmath

FORMATS = ("boundcalc-transformer/1", "boundcalc-transformer/2")
if hasattr(sys, "set_int_max_str_digits"):
    sys.set_int_max_str_digits(0)        # exact weights can have thousands of digits


def num(x):
    return Fraction(str(x))


def mat(M):
    return [[num(x) for x in r] for r in M]


def cols(Z):
    return [list(c) for c in zip(*Z)]


def rows(C):
    return [list(r) for r in zip(*C)]


def mv(W, z):
    return [sum((w * x for w, x in zip(row, z)), Fraction(0) if all(isinstance(x, Fraction) for x in z) else mpmath.mpf(0))
            for row in W]


def mp(x):
    """An mpmath number from a Fraction (mpf does not take Fractions directly)."""
    return mpmath.mpf(x.numerator) / x.denominator if isinstance(x, Fraction) else x


def relu(x):
    return x if x > 0 else 0 * x


def ffn(layer, Z):
    W1, b1, W2, b2 = mat(layer["W1"]), [num(x) for x in layer["b1"]], mat(layer["W2"]), [num(x) for x in layer["b2"]]
    out = []
    for z in cols(Z):
        h = [relu(p + b) for p, b in zip(mv(W1, z), b1)]
        out.append([x + y + b for x, y, b in zip(z, mv(W2, h), b2)])
    return rows(out)


def attention(layer, Z):
    WQ, WK, WV, WO = (mat(layer[k]) for k in ("WQ", "WK", "WV", "WO"))
    C = cols(Z)
    K = [mv(WK, c) for c in C]
    Q = [mv(WQ, c) for c in C]
    V = [[mp(x) for x in mv(WV, c)] for c in C]
    out = []
    for qk, zc in zip(Q, C):
        a = [sum(x * y for x, y in zip(kj, qk)) for kj in K]
        m = max(a)
        w = [mpmath.exp(mp(x - m)) for x in a]
        tot = mpmath.fsum(w)
        mix = [mpmath.fsum(wj * v[i] for wj, v in zip(w, V)) / tot for i in range(len(WV))]
        head = [mpmath.fsum(wo * x for wo, x in zip(row, mix)) for row in WO]
        out.append([mp(x) + h for x, h in zip(zc, head)])
    return rows(out)


def forward(net, X, dps=None):
    """The last L columns of tau([P, X] + E)."""
    if net.get("format") not in FORMATS:
        raise ValueError(f"not a {' or '.join(FORMATS)} file: format {net.get('format')!r}")
    mpmath.mp.dps = dps or int(net.get("precision_bits", 128) / 3.3) + 20
    P, E = mat(net["prompt"]), mat(net["positional"])
    Z = [p + [num(x) for x in xr] for p, xr in zip(P, X)]
    Z = [[a + e for a, e in zip(r, er)] for r, er in zip(Z, E)]
    for layer in net["layers"]:
        Z = ffn(layer, Z) if layer["type"] == "ffn" else attention(layer, Z)
    return [r[net["Lp"]:] for r in Z]


if __name__ == "__main__":
    net = json.load(open(sys.argv[1]))
    X = json.load(open(sys.argv[2]))
    dps = int(sys.argv[sys.argv.index("--dps") + 1]) if "--dps" in sys.argv else None
    for r in forward(net, X, dps):
        print(" ".join(mpmath.nstr(mp(x), 20) for x in r))
