"""Library calls behind `boundcalc validate ...`: build the paper's constructions and evaluate them.

Each returns a result object with ``to_dict()`` (exact values as strings, balls as decimal text).
"""
from __future__ import annotations

import itertools
import json
import math
import time
from dataclasses import dataclass, field
from typing import Any

from flint import arb, fmpq

from boundcalc.errors import InputError
from boundcalc.findings import from_bool
from boundcalc.transformer.numeric import arb_to_fmpq, dec, precision, q

MAX_SEQUENCES = 5000
MAX_COST = 10 ** 9          # validate contextual: (attention evaluations + id pairs) x precision bits
SCHEMAS = {k: f"boundcalc.validate.{k}/1" for k in ("contextual", "memorize", "failure", "universality")}
_TIMING_KEYS = ("build_seconds", "eval_seconds", "seconds")


def _strip_timings(obj):
    if isinstance(obj, dict):
        return {k: _strip_timings(v) for k, v in obj.items() if k not in _TIMING_KEYS}
    if isinstance(obj, list):
        return [_strip_timings(v) for v in obj]
    return obj


def _txt(x) -> str:
    if isinstance(x, fmpq):
        return dec(x)
    if isinstance(x, arb):
        if x.rad() == 0 and x.is_finite() and abs(int(x.mid().man_exp()[1])) < 4000:
            return dec(arb_to_fmpq(x))          # an exact ball: its exact value
        return x.str(12)
    return str(x)


def _verdict(le: bool | None) -> str:
    return from_bool(le).value


def _le(a: arb, b) -> bool | None:
    if bool(a <= b):
        return True
    if bool(a > b):
        return False
    return None


# ---------------------------------------------------------------------------------------------
@dataclass
class ContextualResult:
    d: int
    L: int
    g: int
    rho: int
    mode: str
    n_sequences: int
    vocab_size: int
    gamma_min: arb
    gamma_max: arb
    eps: arb
    gamma_measured: arb
    gamma_stated: arb
    min_distance: arb
    witness: tuple
    delta_stated: arb
    delta_proof: arb
    checks: dict = field(default_factory=dict)

    def to_dict(self, timings: bool = False) -> dict[str, Any]:
        return {"schema": SCHEMAS["contextual"], "d": self.d, "L": self.L, "inv_delta": self.g, "rank": self.rho, "mode": self.mode,
                "sequences": self.n_sequences, "vocabulary": self.vocab_size,
                "separation": {"gamma_min": _txt(self.gamma_min), "gamma_max": _txt(self.gamma_max),
                               "eps": _txt(self.eps)},
                "gamma_measured": _txt(self.gamma_measured), "gamma_stated": _txt(self.gamma_stated),
                "min_id_distance": _txt(self.min_distance),
                "witness": [[[dec(x) for x in r] for r in m] if isinstance(m, list) else m for m in self.witness],
                "delta_stated": _txt(self.delta_stated), "delta_proof": _txt(self.delta_proof),
                "checks": self.checks}


def contextual_cost(d: int, L: int, g: int, rho: int = 1, mode: str = "tight", seed: int = 0) -> dict:
    """The cost estimate validate_contextual checks against ``max_cost`` (cheap: builds the attention only)."""
    from proofs.constructions.appendix_d import attention_D3
    from proofs.constructions.appendix_g import grid_values
    pos = [[fmpq(j) for j in range(L)] for _ in range(d)]
    cols = grid_values(d, L, g, pos)
    vocab = [t for c in cols for t in c]
    att, info = attention_D3(vocab, max(L, 2) if L > 1 else 1, rho, mode, seed)
    spread = float(2 * info["scale"] * max(sum(x * x for x in v) for v in vocab)) / 0.69
    prec = int(spread) + 128
    nseq = g ** (d * L)
    ids = nseq * L
    work = nseq * L * L + ids * (ids - 1) // 2
    return {"sequences": nseq, "ids": ids, "precision_bits": prec, "cost": work * prec,
            "memory_bytes": ids * d * prec // 8}


def validate_contextual(d: int = 1, L: int = 2, g: int = 2, rho: int = 1, mode: str = "tight",
                        seed: int = 0, max_cost: int = MAX_COST, progress=None) -> ContextualResult:
    """Lemma 2.2 on all sequences of the F.2 grid (E_j = j, token j + (k+1) delta): measured gamma and
    smallest id distance against the stated delta and the proof's (D.12) delta."""
    from proofs.constructions.appendix_d import attention_D3, measured_separation
    from proofs.constructions.appendix_g import grid_values
    for name, v, lo in (("d", d, 1), ("L", L, 1), ("inv-delta", g, 2), ("rank", rho, 1)):
        if not isinstance(v, int) or v < lo:
            raise InputError(f"{name} must be an integer >= {lo}")
    if rho > d:
        raise InputError(f"rank must be <= d = {d}")
    if mode not in ("tight", "paper"):
        raise InputError("mode must be tight or paper")
    nseq = g ** (d * L)
    if nseq * L > 600:
        raise InputError(f"{nseq} sequences x {L} tokens is too many ids to compare pairwise (limit 600)")
    est = contextual_cost(d, L, g, rho, mode, seed)
    if est["cost"] > max_cost:
        raise InputError(f"estimated cost {est['cost']:.2e} (= ({nseq} sequences x {L}^2 attention columns + "
                         f"{est['ids']}*{est['ids'] - 1}/2 id pairs) x {est['precision_bits']} precision bits, "
                         f"~{est['memory_bytes'] / 1e6:.1f} MB of ids) exceeds the limit {max_cost:.2e}; "
                         f"raise it with --max-cost")
    pos = [[fmpq(j) for j in range(L)] for _ in range(d)]
    cols = grid_values(d, L, g, pos)
    vocab = [t for c in cols for t in c]
    sep = measured_separation(vocab)
    att, info = attention_D3(vocab, max(L, 2) if L > 1 else 1, rho, mode, seed)
    spread = float(2 * info["scale"] * max(sum(x * x for x in v) for v in vocab)) / 0.69
    prec = int(spread) + 128
    for _ in range(5):
        with precision(prec):
            ids = []
            for i_seq, seq in enumerate(itertools.product(*cols)):
                if progress is not None:
                    progress(i_seq, nseq)
                M = [[seq[j][a] for j in range(L)] for a in range(d)]
                out = att(M)
                for k in range(L):
                    ids.append(([out[a][k] for a in range(d)], M, k))
            best, wit = None, None
            for (a, Ma, ka), (b, Mb, kb) in itertools.combinations(ids, 2):
                dist = sum(((x - y) ** 2 for x, y in zip(a, b)), arb(0)).sqrt()
                if best is None or dist.mid() < best.mid():
                    best, wit = dist, (Ma, ka, Mb, kb)
            gmeas = max((sum((x * x for x in v), arb(0)).sqrt() for v, _, _ in ids), key=lambda x: x.mid())
            if best is None or bool(best > 0):
                break
        prec *= 2
    n = L
    V = len(vocab)
    kappa = sep.gamma_max / sep.gamma_min
    ln = arb(n).log()
    delta_stated = (-5 / sep.eps * arb(V) ** 4 * d * kappa * sep.gamma_max * ln).exp()
    dC = 4 * ln
    gam = arb(V + 1) ** 4 * d * dC * sep.gamma_max ** 2 / (sep.eps * sep.gamma_min)
    dprime = ln ** 2 * (-2 * gam).exp()
    delta_proof = (sep.eps / (4 * sep.gamma_max)) * dprime / arb(V + 1) ** 4 * sep.eps * sep.gamma_min \
        / (d * dC * sep.gamma_max) if n > 1 else arb(0)
    gamma_stated = sep.gamma_max + sep.eps / 4
    best = best if best is not None else arb(0)
    checks = {
        "gamma": {"claim": "max ||q(Z)_{:,k}|| < gamma_max + eps/4", "verdict": _verdict(
            True if bool(gmeas < gamma_stated) else False if bool(gmeas >= gamma_stated) else None)},
        "delta_stated": {"claim": "min id distance > exp(-5 eps^-1 |V|^4 d kappa gamma_max log L)",
                         "verdict": _verdict(True if bool(best > delta_stated) else
                                             False if bool(best <= delta_stated) else None)},
        "delta_proof": {"claim": "min id distance > (D.12) bound", "verdict": _verdict(
            True if bool(best > delta_proof) else False if bool(best <= delta_proof) else None)},
        "D1_projection": {"verdict": _verdict(info["D1"]["holds"])},
        "D2_logit_gap": {"verdict": _verdict(info["D2"]["holds"]), "gap_needed": _txt(info["gap_needed"]),
                         "min_difference": _txt(info["D2"]["min_difference"])},
        "precision_bits": prec,
        "attention_scale": dec(info["scale"]),
    }
    return ContextualResult(d, L, g, rho, mode, nseq, V, sep.gamma_min, sep.gamma_max, sep.eps,
                            gmeas, gamma_stated, best, wit, delta_stated, delta_proof, checks)


# ---------------------------------------------------------------------------------------------
def parse_dataset(text: str) -> tuple[list, list, int, int]:
    """{"X": [...], "Y": [...]}: N sequences, each d x L, numbers in [0, 1] read from their decimal text."""
    try:
        obj = json.loads(text, parse_float=str, parse_int=str)
    except json.JSONDecodeError as exc:
        raise InputError(f"data file is not JSON: {exc.msg} (line {exc.lineno})") from None
    if not isinstance(obj, dict) or "X" not in obj or "Y" not in obj:
        raise InputError('data file must be an object {"X": [...], "Y": [...]}')
    X, Y = obj["X"], obj["Y"]
    if not isinstance(X, list) or not isinstance(Y, list) or not X or len(X) != len(Y):
        raise InputError("X and Y must be non-empty lists of the same length")
    shape = None

    def mat(m, where):
        nonlocal shape
        if not isinstance(m, list) or not m or not all(isinstance(r, list) and r for r in m):
            raise InputError(f"{where}: each sequence must be a d x L nested list")
        sh = (len(m), len(m[0]))
        if any(len(r) != sh[1] for r in m):
            raise InputError(f"{where}: ragged rows")
        if shape is None:
            shape = sh
        elif sh != shape:
            raise InputError(f"{where}: shape {sh[0]}x{sh[1]} differs from {shape[0]}x{shape[1]}")
        out = []
        for r in m:
            row = []
            for x in r:
                if not isinstance(x, str):
                    raise InputError(f"{where}: entries must be numbers, got {x!r}")
                try:
                    v = q(x)
                except (ValueError, ZeroDivisionError):
                    raise InputError(f"{where}: not a number: {x!r}") from None
                if not (0 <= v <= 1):
                    raise InputError(f"{where}: {x} is outside [0, 1]")
                row.append(v)
            out.append(row)
        return out

    Xs = [mat(m, f"X[{i}]") for i, m in enumerate(X)]
    Ys = [mat(m, f"Y[{i}]") for i, m in enumerate(Y)]
    return Xs, Ys, shape[0], shape[1]


def _norm(diff: list, alpha: int) -> arb:
    s = sum((abs(arb(x) if isinstance(x, fmpq) else x) ** alpha for x in diff), arb(0))
    return s.root(alpha) if alpha > 1 else s


def _flat(m):
    return [x for r in m for x in r]


def lipschitz_from_data(X, Y, alpha: int) -> arb:
    """Smallest C the data allows: max ||Y_i - Y_j||_a / ||X_i - X_j||_a."""
    best = arb(0)
    for i, j in itertools.combinations(range(len(X)), 2):
        dx = [a - b for a, b in zip(_flat(X[i]), _flat(X[j]))]
        dy = [a - b for a, b in zip(_flat(Y[i]), _flat(Y[j]))]
        if all(v == 0 for v in dx):
            if any(v != 0 for v in dy):
                raise InputError(f"examples {i} and {j} have the same X but different Y: no function fits")
            continue
        r = _norm(dy, alpha) / _norm(dx, alpha)
        best = max(best, r, key=lambda v: v.upper().mid())
    return best


@dataclass
class MemorizeResult:
    data: dict

    def to_dict(self, timings: bool = False) -> dict[str, Any]:
        return self.data if timings else _strip_timings(self.data)


def validate_memorize(text: str, eps: str, alpha: int = 1, mode: str = "tight", C: str | None = None,
                      inv_delta: int | None = None, rho: int = 1, seed: int = 0,
                      export: str | None = None, max_cost: int = MAX_SEQUENCES, progress=None) -> MemorizeResult:
    """Theorem 2.5 end to end: build tau and P, evaluate tau([P, X_i]), compare with eps and L lambda."""
    from proofs.constructions.appendix_f import in_ramp
    from proofs.constructions.appendix_g import build_memorizer, memorizing_prompt
    X, Y, d, L = parse_dataset(text)
    e = q_pos(eps, "eps")
    if not isinstance(alpha, int) or alpha < 1:
        raise InputError("alpha must be an integer >= 1")
    if mode not in ("tight", "paper"):
        raise InputError("mode must be tight or paper")
    if inv_delta is not None and (not isinstance(inv_delta, int) or inv_delta < 2):
        raise InputError("inv-delta must be an integer >= 2 (a one-cell grid separates nothing)")
    if rho < 1 or rho > d:
        raise InputError(f"rank must be in [1, d={d}]")
    C_data = lipschitz_from_data(X, Y, alpha)
    if C is not None:
        Cv = arb(q_pos(C, "C", allow_zero=True))
        if bool(Cv < C_data):
            raise InputError(f"C = {C} is below the data's own Lipschitz ratio {C_data.str(6)}")
        C_src = "given"
    else:
        Cv, C_src = C_data, "data (max ratio over pairs)"
    dL = d * L
    base = 2 * Cv * arb(dL).root(alpha) / arb(e)          # 2 C (dL)^(1/alpha) / eps
    g_paper = max(2, int(base.upper().ceil().unique_fmpz()))
    lam = base ** dL

    def predicted(gg: int) -> arb:
        from proofs.constructions.appendix_f import cell_of
        from proofs.constructions.appendix_g import decode, encode
        rep: dict = {}
        worst = arb(0)
        cm = "tight" if mode == "tight" else "paper"
        for i, x in enumerate(X):
            key = tuple(cell_of(v, gg, cm) for v in _flat(x))
            rep.setdefault(key, i)
            out = [decode(encode(v, gg, mode), gg, mode) for v in _flat(Y[rep[key]])]
            worst = max(worst, _norm([a - b for a, b in zip(out, _flat(Y[i]))], alpha), key=lambda v: v.mid())
        return worst

    if inv_delta is not None:
        g = inv_delta
    elif mode == "paper":
        g = g_paper
    else:
        g = 2
        while not bool(predicted(g) <= arb(e)) and g < 64:
            g += 1
    n = L * g ** dL + L
    if d * n * math.log2(g) > math.log2(max(max_cost, 1)):
        raise InputError(f"1/delta = {g} needs {g}^{d * n} grid sequences (limit {max_cost}, raise with --max-cost); "
                         f"use a larger eps or --inv-delta")
    delta = fmpq(1, g)
    theta = delta / 16
    pts = [v for x in X for v in _flat(x)]
    cm = "tight" if mode == "tight" else "paper"
    while any(in_ramp(v, g, theta, cm) for v in pts) and theta > fmpq(1, 1 << 40):
        theta /= 2
    in_ramps = [i for i, x in enumerate(X) if any(in_ramp(v, g, theta, cm) for v in _flat(x))]
    t0 = time.time()
    net, info = build_memorizer(d, L, g, mode, rho, seed, theta)
    P, pinfo = memorizing_prompt(X, Y, d, L, g, mode)
    net.prompt = P
    t_build = time.time() - t0
    t1 = time.time()
    errs = []
    for i_x, (x, y) in enumerate(zip(X, Y)):
        if progress is not None:
            progress(i_x, len(X))
        out = net(x, P)
        errs.append(_norm([a - b for a, b in zip(_flat(out), _flat(y))], alpha))
    t_eval = time.time() - t1
    worst = max(errs, key=lambda v: v.mid())
    Lp = info["Lp"]
    if export:
        from boundcalc.transformer import network_to_json
        with open(export, "w") as fh:
            json.dump(network_to_json(net), fh)
    ok = _le(worst, arb(e))
    return MemorizeResult({
        "schema": SCHEMAS["memorize"], "mode": mode, "d": d, "L": L, "N": len(X), "eps": dec(e), "alpha": alpha,
        "C": _txt(Cv), "C_source": C_src, "inv_delta": g, "inv_delta_paper": g_paper,
        "Lp": Lp, "L_lambda": _txt(L * lam), "Lp_ge_L_lambda": bool(arb(Lp) >= L * lam),
        "max_error": _txt(worst), "errors": [_txt(v) for v in errs], "verdict": _verdict(ok),
        "theta": dec(theta), "examples_in_ramps": in_ramps, "precision_bits": info["precision_bits"],
        "attention_scale": dec(info["attention"]["scale"]), "wo_scale": dec(info["attention"]["sigma"]),
        "id_gap": _txt(info["id_gap"]), "ffn1_neurons": info["ffn1_neurons"],
        "ffn2_neurons": info["ffn2_neurons"], "grid_sequences": info["n_sequences"],
        "cells_used": pinfo["cells_used"], "build_seconds": round(t_build, 3),
        "eval_seconds": round(t_eval, 3), "exported": export,
        "corrections": CORRECTIONS})


CORRECTIONS = [
    "F.1: (L_p+L)/delta steps instead of (L_p+L)(1/delta-1)+1 (the printed count saturates)",
    "F.2/eq 2.3: -ReLU(z) neurons cancel the residual connection the printed layers ignore",
    "F.2 bump: one 1-D plateau bump per (grid sequence, position) on u^T(context id), not the printed sum",
    "tight mode only: E_j = 2j so x = 1 in column j and x = 0 in column j+1 quantize apart",
]


def q_pos(text, name: str, allow_zero: bool = False) -> fmpq:
    try:
        v = q(str(text))
    except (ValueError, ZeroDivisionError, TypeError):
        raise InputError(f"{name}: not an exact number: {text!r}") from None
    if v < 0 or (v == 0 and not allow_zero):
        raise InputError(f"{name} must be {'>= 0' if allow_zero else '> 0'}")
    return v


# ---------------------------------------------------------------------------------------------
def validate_failure(seed: int = 0, trials: int = 200) -> MemorizeResult:
    """Corollary I.0.1: a full-rank one-layer transformer and two examples no prompt memorizes."""
    from proofs.constructions.appendix_i import certificate, prompt_search
    if not isinstance(trials, int) or isinstance(trials, bool) or trials < 1:
        raise InputError("trials must be an integer >= 1")
    c = certificate()
    s = prompt_search(seed, trials)
    return MemorizeResult({
        "schema": SCHEMAS["failure"], "transformer": "d = s = 1, W_Q = W_K = W_V = W_O = 1, zero FFN (identity)",
        "X": [[["0", "0.5"]], [["1", "0.5"]]], "target_at_shared_token": dec(c["target"]),
        "b": [_txt(v) for v in c["b"]], "t": dec(c["t"]),
        "obstruction": "b_1 < t < b_2: example 1 needs Att(x*, P) > t, example 2 needs < t",
        "verdict": _verdict(c["obstruction_certified"] if c["obstruction_certified"] else None),
        "search": {"seed": seed, "trials": trials, "best_max_error": _txt(s["best_max_error"]),
                   "best_prompt": [[dec(x) for x in r] for r in s["best_prompt"]]}})


# ---------------------------------------------------------------------------------------------
# Theorems 2.3 / 2.4: universality against built-in Lipschitz targets
@dataclass
class Target:
    """A target f: [0,1]^{d x L} -> [0,1]^{d x L} with its Lipschitz constant C (entrywise l_alpha norm).

    ``linear`` = (a, b) when f acts entrywise as x -> a x + b (exact quadrature is then possible).
    """
    name: str
    C: Any                     # fmpq, or an arb for irrational constants
    doc: str
    linear: tuple | None
    fn: Any                    # matrix (lists of rows of fmpq/arb) -> matrix


def _entrywise(a: fmpq, b: fmpq):
    return lambda X: [[a * x + b for x in r] for r in X]


def _mean(X):
    return [[sum(r, fmpq(0)) / len(r)] * len(r) for r in X]


def _sine(X):
    return [[arb(1) / 2 + (2 * arb.pi() * x).sin() / 4 for x in r] for r in X]


TARGETS = {
    "identity": Target("identity", fmpq(1), "f(X) = X; ||f(X) - f(X')|| = ||X - X'||, so C = 1.",
                       (fmpq(1), fmpq(0)), _entrywise(fmpq(1), fmpq(0))),
    "shift": Target("shift", fmpq(1, 2), "f(X) = 1/2 + X/2 entrywise (values in [1/2, 1]); differences halve, C = 1/2.",
                    (fmpq(1, 2), fmpq(1, 2)), _entrywise(fmpq(1, 2), fmpq(1, 2))),
    "mean": Target("mean", fmpq(1), "every token -> its row's mean over the L positions. Row a contributes "
                   "L |m_a - m'_a|^alpha <= sum_k |X_ak - X'_ak|^alpha (convexity of |.|^alpha, Jensen), so C = 1.",
                   None, _mean),
    "sine": Target("sine", None, "f(x) = 1/2 + sin(2 pi x)/4 entrywise (values in [1/4, 3/4]); |f'| <= pi/2 and an "
                   "entrywise c-Lipschitz map is c-Lipschitz in every entrywise l_alpha norm, so C = pi/2.",
                   None, _sine),
    "quarter": Target("quarter", fmpq(0), "f = 1/4 constant: 0-Lipschitz, hence C-Lipschitz for every C >= 0 "
                      "(pass --C); no grid {0, ..., 1 - delta} with 1/delta even contains 1/4 exactly.",
                      (fmpq(0), fmpq(1, 4)), _entrywise(fmpq(0), fmpq(1, 4))),
}


def _target_C(t: Target):
    return arb.pi() / 2 if t.C is None else t.C


def universality_prompt(t: Target, d: int, L: int, g: int) -> list[list[fmpq]]:
    """Lemma E.1's prompt: block b holds f at the centre of input cell b, rounded to the nearest grid value."""
    Lp = L * g ** (d * L)
    P = [[fmpq(0)] * Lp for _ in range(d)]
    for b, cells in enumerate(itertools.product(range(g), repeat=d * L)):
        X = [[fmpq(2 * cells[j * d + a] + 1, 2 * g) for j in range(L)] for a in range(d)]
        Y = t.fn(X)
        for a in range(d):
            for j in range(L):
                y = Y[a][j]
                k = (arb(y) * g + arb(1) / 2).floor()
                kk = int(k.unique_fmpz()) if k.unique_fmpz() is not None else int(arb(y * g).mid().floor().unique_fmpz())
                P[a][b * L + j] = fmpq(min(max(kk, 0), g - 1), g)
    return P


def _ipow(x: arb, k: int) -> arb:
    out = arb(1)
    for _ in range(k):
        out = out * x
    return out


def _cell_int(lo: fmpq, hi: fmpq, o: arb, a: fmpq, b: fmpq, alpha: int) -> arb:
    """Exact integral of |o - a x - b|^alpha over [lo, hi] (antiderivative u |u|^alpha / (alpha+1))."""
    if a == 0:
        return _ipow(abs(o - b), alpha) * arb(hi - lo)

    def F(x):
        u = a * x + b - o
        p = u
        for _ in range(alpha):
            p = p * abs(u)          # integer powers by products: arb ** on a ball near 0 gives nan
        return p / (alpha + 1)
    return (F(hi) - F(lo)) / arb(a)


def _quadrature(net, info, t: Target, P, d: int, L: int, g: int, alpha: int, max_boxes: int = 256) -> dict | None:
    """The integral of ||tau - f||_alpha^alpha over the plateaus (exact up to balls) and the ramp strips' measure.

    The plateau part is a certified LOWER bound on d_alpha^alpha (the integrand is >= 0 on the strips).
    No upper bound is given: ball enclosures through the 1/w-steep bumps on the strips are useless."""
    from proofs.constructions.appendix_e import fast_output
    if t.linear is None:
        return None
    a, b = t.linear
    dL = d * L
    theta = info["theta"]
    delta = fmpq(1, g)
    if g ** dL > max_boxes:
        return None
    const_part, strip_measure = arb(0), fmpq(0)
    for cells in itertools.product(range(g), repeat=dL):
        plate = [(c * delta, (c + 1) * delta - theta) for c in cells]
        X = [[plate[j * d + aa][0] for j in range(L)] for aa in range(d)]
        out = fast_output(net, info, X, P)
        with precision(net.precision_bits):
            flat = [out[aa][j] for j in range(L) for aa in range(d)]
            vol = [hi - lo for lo, hi in plate]
            for e in range(dL):
                rest = fmpq(1)
                for e2 in range(dL):
                    if e2 != e:
                        rest *= vol[e2]
                const_part += _cell_int(plate[e][0], plate[e][1], arb(flat[e]), a, b, alpha) * arb(rest)
        strip_measure += (1 - (1 - g * theta) ** dL) / g ** dL
    return {"const_part": const_part, "strip_measure": strip_measure,
            "lower": const_part.root(alpha) if alpha > 1 else const_part}


def validate_universality(f: str, eps: str, mode: str = "tight", alpha: int = 1, d: int = 1, L: int = 1,
                          C: str | None = None, inv_delta: int | None = None, samples: int = 200,
                          seed: int = 0, export: str | None = None, max_cost: int | None = None,
                          progress=None) -> MemorizeResult:
    """Theorem 2.3 end to end with T_A^{1,1,4} (Lemma 2.4 corrected): d_alpha(tau([P, .])_{:, Lp:}, f) vs eps."""
    import math
    import random
    from proofs.constructions.appendix_e import CORRECTIONS_E, build_TA, check_TA_equals_h, fast_output
    if f not in TARGETS:
        raise InputError(f"unknown target {f!r}; choose one of {', '.join(TARGETS)}")
    t = TARGETS[f]
    e = q_pos(eps, "eps")
    for name, v in (("alpha", alpha), ("d", d), ("L", L), ("samples", samples)):
        if not isinstance(v, int) or isinstance(v, bool) or v < 1:
            raise InputError(f"{name} must be an integer >= 1")
    if mode not in ("tight", "paper"):
        raise InputError("mode must be tight or paper")
    if inv_delta is not None and (not isinstance(inv_delta, int) or inv_delta < 2):
        raise InputError("inv-delta must be an integer >= 2 (a one-cell grid separates nothing)")
    Cv: Any = _target_C(t)
    C_src = "target"
    if C is not None:
        cg = q_pos(C, "C", allow_zero=True)
        if not bool(arb(cg) >= Cv):
            raise InputError(f"C = {C} is below the target's Lipschitz constant {_txt(arb(Cv))}")
        Cv, C_src = cg, "given"
    dL = d * L
    base = 2 * arb(Cv) * arb(dL).root(alpha) / arb(e)
    g_formula = max(2, int(base.upper().ceil().unique_fmpz()))
    g = inv_delta if inv_delta is not None else g_formula
    Lp = L * g ** dL
    n = Lp + L
    cap = max_cost if max_cost is not None else (8 if mode == "paper" else 1100)
    if (d * n) * math.log2(max(g, 1)) > math.log2(max(cap, 1)):
        raise InputError(f"1/delta = {g} needs {g}^{d * n} grid sequences (limit {cap} in {mode} mode, "
                         f"raise with --max-cost); "
                         f"use a larger eps or --inv-delta")
    t0 = time.time()
    net, info = build_TA(d, L, g, mode, 1, seed)
    P = universality_prompt(t, d, L, g)
    net.prompt = [list(r) for r in P]
    t_build = time.time() - t0
    lemma = check_TA_equals_h(net, info, limit=64) if info["value_layers"] <= 100 else None
    # Monte Carlo: uniform X with 40-bit dyadic coordinates, exact evaluation per sample
    t1 = time.time()
    rng = random.Random(seed)
    vals, worst, in_ramps = [], arb(0), 0
    delta = fmpq(1, g)
    for i_s in range(samples):
        if progress is not None:
            progress(i_s, samples)
        X = [[fmpq(rng.getrandbits(40), 1 << 40) for _ in range(L)] for _ in range(d)]
        if any((x * g - (x * g).floor()) > 1 - info["theta"] * g for r in X for x in r):
            in_ramps += 1
        out = fast_output(net, info, X, P)
        fx = t.fn(X)
        with precision(net.precision_bits):
            v = sum((_ipow(abs(arb(out[a][j]) - fx[a][j]), alpha) for a in range(d) for j in range(L)), arb(0))
        vals.append(float(v.mid()))
        if bool(v.upper() > worst.upper()):
            worst = v
    t_mc = time.time() - t1
    mean = sum(vals) / len(vals)
    var = sum((x - mean) ** 2 for x in vals) / max(1, len(vals) - 1)
    se = math.sqrt(var / len(vals))
    t2 = time.time()
    quad = _quadrature(net, info, t, P, d, L, g, alpha)
    t_quad = time.time() - t2
    proof_bound = arb(Cv) * arb(delta) * arb(dL).root(alpha)
    corrected = (arb(Cv) / 2 + 1) * arb(delta) * arb(dL).root(alpha)
    # certified only in one direction: the plateau integral is a lower bound on d_alpha
    verdict = _verdict(False if quad is not None and bool(quad["lower"] > arb(e)) else None)
    if export:
        from boundcalc.transformer import network_to_json
        import sys
        old_lim = sys.get_int_max_str_digits()
        sys.set_int_max_str_digits(0)      # paper-mode bump weights have thousands of digits
        try:
            with open(export, "w") as fh:
                json.dump(network_to_json(net), fh)
        finally:
            sys.set_int_max_str_digits(old_lim)
    res = {
        "schema": SCHEMAS["universality"], "f": f, "target": t.doc, "construction": "T_A^{1,1,4} (App. E.2, corrected)", "mode": mode,
        "d": d, "L": L, "alpha": alpha, "eps": dec(e), "C": _txt(arb(Cv)) if not isinstance(Cv, fmpq) else dec(Cv),
        "C_source": C_src, "inv_delta": g, "inv_delta_formula": g_formula, "Lp": Lp,
        "L_lambda": _txt(L * base ** dL), "theta": dec(info["theta"]),
        "layers": {"quantize_E4": info["quant_layers"], "attention": 1, "value_map_E2": info["value_layers"]},
        "precision_bits": info["precision_bits"], "attention_scale": dec(info["attention"]["scale"]),
        "grid_sequences": info["n_sequences"],
        "prompt": [[dec(x) for x in r] for r in P],
        "lemma_2_4": None if lemma is None else {"grid_inputs": lemma["grid_inputs"],
                                                 "max_deviation": _txt(lemma["max_deviation"]),
                                                 "verdict": _verdict(lemma["holds"])},
        "monte_carlo": {"samples": samples, "seed": seed, "mean_integrand": repr(mean), "stderr": repr(se),
                        "d_alpha_estimate": repr(mean ** (1 / alpha)),
                        "d_alpha_upper_95": repr((mean + 1.96 * se) ** (1 / alpha)),
                        "max_pointwise_error": _txt(worst.root(alpha) if alpha > 1 else worst),
                        "samples_in_ramps": in_ramps, "seconds": round(t_mc, 3)},
        "quadrature": None if quad is None else {
            "plateau_integral": _txt(quad["const_part"]), "strip_measure": dec(quad["strip_measure"]),
            "d_alpha_lower": _txt(quad["lower"]), "seconds": round(t_quad, 3)},
        "exported": export,
        "bound_proof": _txt(proof_bound), "bound_corrected": _txt(corrected),
        "verdict": verdict, "build_seconds": round(t_build, 3),
        "corrections": CORRECTIONS_E + ["prompt: f at each cell's centre, rounded to the nearest grid value"],
    }
    return MemorizeResult(res)
