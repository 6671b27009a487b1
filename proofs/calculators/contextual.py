"""Contextual-map constants of Lemma 2.2 (= D.3) and the lemmas under it (D.1, D.2, C.9).

Every number comes from the declared node ``lemma-2.2`` in ``proofs/appendix_d.py``: the statement's
gamma and delta, the proof's chain (D.5 -> gamma' -> C.9's delta' -> D.8 -> D.12), and Kajitsuka &
Sato's rank-1 constants of Remark D.2. Inputs are either summary parameters or an explicit vocabulary.

Convention for a vocabulary: Definition 2.5's inequalities are strict, so a vocabulary is
(g_min, g_max, eps)-separated exactly for g_min < min norm, g_max > max norm, eps < min distance.
The reported gamma_min, gamma_max, eps are these extremes (the limits of admissible values); the
constants are continuous in them, so their values at the extremes are the limiting ones.
"""
from __future__ import annotations

import itertools
import json
import math
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

from boundcalc.errors import InputError
from boundcalc.numbers import Real, parse_exact
from boundcalc.calc import Quantity, check_digits, compare, evaluate, log10_ratio, parse_param, quantities, verdict

SCHEMA = "boundcalc.contextual/1"
NODE = "lemma-2.2"
MAX_VOCAB = 2000
"""Explicit vocabularies are compared pair by pair; larger ones are refused."""
MAX_PAIR_WORK = 2_500_000
"""Pairs x dimension x 64-bit words per entry of the pairwise scan; larger vocabularies are refused before
the scan (about 2.5 s at the limit on the 2-core machine)."""

EXPONENT_LOG10_LIMIT = 38000
"""Inputs whose exponent (|V|+1)^4 d gamma_max^2 ln(n) / (gamma_min eps) exceeds 10^38000 are refused: a value
exp(-x) with x that large needs more than the 2^17-bit precision cap to be certified (estimated before any work)."""

STATED = ("kappa", "gamma_stated", "delta_stated")
CHAIN = ("c_proj", "delta_D", "pp_scale", "pp_scale_D2", "logit_gap", "gamma_logit", "delta_boltz",
         "value_scale", "psi_bound", "gamma_derived", "bound_D11", "delta_D12", "pp_scale_D10", "delta_D12_pi")
KS = ("ks_Gamma", "ks_Delta")
COMPARISONS = (
    ("delta_stated", "<=", "delta_D12", "the stated delta follows from the proof's (D.12) only if stated <= derived"),
    ("delta_stated", "<=", "ks_Delta", "the stated delta is implied by Kajitsuka & Sato's rank-1 Delta only if <="),
    ("delta_D12", "<=", "ks_Delta", "the proof's delta against Kajitsuka & Sato's"),
    ("delta_D12_pi", "==", "delta_D12", "(D.12) from (D.10)'s pi d/8 factor against (D.12) from (D.5)'s d"),
    ("pp_scale_D2", "==", "pp_scale", "Lemma D.2's stated |p^T p'| (factor 5) against (D.5)"),
    ("gamma_stated", ">=", "gamma_derived", "the stated gamma against the proof's gamma_max + ||Psi||"),
)


@dataclass
class VocabStats:
    """Exact statistics of an explicit vocabulary (squared norms kept as rationals)."""

    size: int
    dim: int
    min_norm2: Fraction
    max_norm2: Fraction
    min_dist2: Fraction
    duplicates_dropped: int

    def to_dict(self) -> dict:
        return {"size": self.size, "dim": self.dim, "duplicates_dropped": self.duplicates_dropped,
                "min_norm_squared": _q(self.min_norm2), "max_norm_squared": _q(self.max_norm2),
                "min_distance_squared": _q(self.min_dist2),
                "convention": "gamma_min, gamma_max, eps are the extreme norms / distance; Definition 2.5's strict "
                              "inequalities hold for any gamma_min < min norm, gamma_max > max norm, eps < min distance"}


@dataclass
class ContextualResult:
    """Result of :func:`contextual`: the stated constants, the proof's chain, KS's constants, comparisons."""

    inputs: dict[str, Real]
    source: str
    stated: dict[str, Quantity]
    chain: dict[str, Quantity]
    ks: dict[str, Quantity]
    comparisons: list[dict]
    hypotheses: list[dict]
    digits: int
    vocab: VocabStats | None = None
    aliases: tuple[str, ...] = ()
    latex: bool = False
    notes: list[str] = field(default_factory=list)

    @property
    def delta_stated(self) -> Real:
        return self.stated["delta_stated"].value

    @property
    def delta_derived(self) -> Real:
        return self.chain["delta_D12"].value

    def to_dict(self) -> dict:
        d = self.digits
        return {
            "schema": SCHEMA, "node": NODE, "aliases": list(self.aliases), "source": self.source, "digits": d,
            "inputs": {k: v.describe(d) for k, v in self.inputs.items()},
            "vocabulary": None if self.vocab is None else self.vocab.to_dict(),
            "stated": {k: q.to_dict(d) for k, q in self.stated.items()},
            "proof_chain": {k: q.to_dict(d) for k, q in self.chain.items()},
            "kajitsuka_sato": {k: q.to_dict(d) for k, q in self.ks.items()},
            "comparisons": self.comparisons,
            "hypotheses": self.hypotheses,
            "notes": self.notes,
        }


def _q(q: Fraction) -> str:
    return Real(q).to_json()


def read_vocab(source: object) -> list[list[Fraction]]:
    """A vocabulary from a JSON file path or a list: a list of equal-length lists of exact numbers.

    JSON decimals are read from their text ("0.1" is 1/10), never through binary floats.
    """
    if isinstance(source, (str, Path)):
        try:
            text = Path(source).read_text()
        except OSError as exc:
            raise InputError(f"--vocab: cannot read {source}: {exc.strerror}") from None
        try:
            data = json.loads(text, parse_float=str, parse_constant=lambda c: c)
        except json.JSONDecodeError as exc:
            raise InputError(f"--vocab: {source} is not valid JSON ({exc.msg}, line {exc.lineno})") from None
    else:
        data = source
    if not isinstance(data, list) or not data:
        raise InputError("--vocab: expected a non-empty JSON list of token vectors")
    out = []
    for i, tok in enumerate(data):
        if not isinstance(tok, list) or not tok:
            raise InputError(f"--vocab: token {i} is not a non-empty list of numbers")
        out.append([parse_exact(x, f"--vocab token {i}") for x in tok])
    dim = len(out[0])
    bad = next((i for i, t in enumerate(out) if len(t) != dim), None)
    if bad is not None:
        raise InputError(f"--vocab: token {bad} has {len(out[bad])} entries, token 0 has {dim}")
    return out


def vocab_stats(tokens: list[list[Fraction]]) -> VocabStats:
    """|V|, d, and the exact squared extreme norms and minimum squared distance of distinct tokens."""
    distinct = list(dict.fromkeys(tuple(t) for t in tokens))
    if len(distinct) > MAX_VOCAB:
        raise InputError(f"--vocab: {len(distinct)} distinct tokens; the pairwise scan is limited to {MAX_VOCAB}")
    if len(distinct) < 2:
        raise InputError("--vocab: need at least two distinct tokens (the separation eps is a pairwise distance)")
    work = len(distinct) * (len(distinct) - 1) // 2 * len(distinct[0])
    # one common denominator: the scan runs on Python ints (exact, and much faster than Fractions)
    den = 1
    for t in distinct:
        for x in t:
            den = den * x.denominator // math.gcd(den, x.denominator)
    size = max(1, max(abs(x.numerator) * (den // x.denominator) for t in distinct for x in t).bit_length() // 64)
    if work * size > MAX_PAIR_WORK:
        raise InputError(f"--vocab: {len(distinct)} distinct tokens of dimension {len(distinct[0])} with entries of "
                         f"{64 * size} bits over a common denominator need about {work * size} pairwise word "
                         f"operations; the scan is limited to {MAX_PAIR_WORK}")
    ints = [[x.numerator * (den // x.denominator) for x in t] for t in distinct]
    norms = [sum(x * x for x in t) for t in ints]
    if min(norms) == 0:
        raise InputError("--vocab: the zero vector has norm 0, so no gamma_min > 0 exists (Lemma 2.2 divides by it)")
    sep = min(sum((x - y) ** 2 for x, y in zip(a, b)) for a, b in itertools.combinations(ints, 2))
    d2 = Fraction(1, den * den)
    return VocabStats(len(distinct), len(distinct[0]), min(norms) * d2, max(norms) * d2, sep * d2,
                      len(tokens) - len(distinct))


def _log10(x: Real) -> float:
    return float(x.log10_abs(64).mid())


def _check_exponent(values: dict[str, Real]) -> None:
    """Refuse, with one line, inputs whose constants exp(-x) have x beyond 10^EXPONENT_LOG10_LIMIT (an
    estimate of the largest exponent of the chain, cheap at any magnitude)."""
    v = values
    est = (4 * _log10(v["V"] + 1) + _log10(v["d"]) + 2 * _log10(v["gamma_max"]) - _log10(v["gamma_min"])
           - _log10(v["eps"]) + max(0.0, _log10(v["n"].log() if v["n"].gt(3) else Real(1))) + 2)
    if est > EXPONENT_LOG10_LIMIT:
        raise InputError(f"the constants' exponent (|V|+1)^4 d gamma_max^2 ln(n)/(gamma_min eps) is about "
                         f"10^{est:.0f}: exp(-x) cannot be certified past x = 10^{EXPONENT_LOG10_LIMIT} "
                         "(the 2^17-bit precision cap); use smaller inputs")


def contextual(V=None, d=None, n=None, gamma_min=None, gamma_max=None, eps=None, rank=None, s=None,
               vocab=None, digits: int = 15, latex: bool = False) -> ContextualResult:
    """Lemma 2.2's constants, exactly/certified: ``contextual(V=3, d=2, n=10, gamma_min=1, gamma_max=4, eps="0.1")``.

    Give either the summary parameters or ``vocab`` (a JSON file path or a list of token vectors) plus
    ``n``. Inputs are exact rationals; everything is validated before any constant is evaluated.
    """
    from proofs.appendix_d import LEMMA_2_2 as node

    digits = check_digits(digits)
    if n is None:
        raise InputError("missing --n (sequence length, an integer >= 2)")
    stats = None
    if vocab is not None:
        given = [k for k, v in (("--V", V), ("--d", d), ("--gamma-min", gamma_min), ("--gamma-max", gamma_max),
                                ("--eps", eps)) if v is not None]
        if given:
            raise InputError(f"--vocab determines {', '.join(given)}: give either --vocab or the summary parameters")
        stats = vocab_stats(read_vocab(vocab))
        values = {"V": Real(stats.size), "d": Real(stats.dim),
                  "gamma_min": Real(stats.min_norm2).sqrt(), "gamma_max": Real(stats.max_norm2).sqrt(),
                  "eps": Real(stats.min_dist2).sqrt()}
    else:
        missing = [k for k, v in (("--V", V), ("--d", d), ("--gamma-min", gamma_min), ("--gamma-max", gamma_max),
                                  ("--eps", eps)) if v is None]
        if missing:
            raise InputError(f"missing {', '.join(missing)} (or give --vocab FILE.json)")
        values = {k: Real(parse_param(node, k, raw, label)) for k, raw, label in
                  (("V", V, "--V"), ("d", d, "--d"), ("gamma_min", gamma_min, "--gamma-min"),
                   ("gamma_max", gamma_max, "--gamma-max"), ("eps", eps, "--eps"))}
        if values["gamma_min"].gt(values["gamma_max"]):
            raise InputError("--gamma-min must not exceed --gamma-max")
    values["n"] = Real(parse_param(node, "n", n, "--n"))
    values["rho"] = Real(parse_param(node, "rho", "1" if rank is None else rank, "--rank"))
    values["s"] = Real(parse_param(node, "s", "1" if s is None else s, "--s"))
    rho_i, d_i, s_i = values["rho"].as_int(), values["d"].as_int(), values["s"].as_int()
    if rho_i > min(d_i, s_i):
        raise InputError(f"--rank {rho_i} exceeds min(d, s) = {min(d_i, s_i)} (Remark 2.1: 1 <= rho <= min(d, s))")

    _check_exponent(values)
    env = evaluate(node, values)
    stated = quantities(node, env, STATED, latex)
    chain = quantities(node, env, CHAIN, latex)
    ks = quantities(node, env, KS, latex)
    comps = []
    for a, rel, b, what in COMPARISONS:
        decided, method = compare(node, env, a, rel, b)
        lr = log10_ratio(env[a], env[b])
        shown = "0" if method == "symbolic" else None     # shown equal: a/b = 1 exactly
        comps.append({"a": a, "relation": rel, "b": b, "meaning": what, "result": verdict(decided), "method": method,
                      "log10_ratio": shown or (None if lr is None else lr.format(digits))})
    exp_stated = -env["delta_stated"].log()
    exp_d12 = -env["delta_D12"].log()
    comps.append({"a": "-ln(delta_stated)", "relation": "<=", "b": "-ln(delta_D12)",
                  "meaning": "exponents: 5|V|^4 d kappa gamma_max ln(n)/eps vs about 8(|V|+1)^4 d kappa gamma_max ln(n)/eps",
                  "result": verdict(exp_stated.le(exp_d12)), "ratio": (exp_d12 / exp_stated).format(digits)})
    V_i, n_i = values["V"].as_int(), values["n"].as_int()
    hyps = [
        {"hypothesis": "a sequence of length n without repeated tokens exists (n <= |V|)",
         "result": verdict(n_i <= V_i)},
        {"hypothesis": "Kajitsuka & Sato's Lemma 1 threshold 4 ln n > 2 ln n + 3 (n >= 5) [reference notes: M]",
         "result": verdict(env["delta_D"].compare(">", Real(2) * values["n"].log() + 3))},
        {"hypothesis": "rank rho <= min(d, s)", "result": "holds"},
    ]
    notes = [
        "n is the sequence length: the statement writes log L, the proof n; in E.2/F.2 n = L_p + L.",
        "The proof's chain drops cross terms of the rank-rho sums (valid for rho = 1; see lemma-D.2's counterexample).",
    ]
    if stats is not None:
        notes.append("gamma_min, gamma_max, eps are the vocabulary's extreme norms / minimum distance (strict "
                     "inequalities of Definition 2.5 hold for any slightly smaller gamma_min, eps / larger gamma_max).")
    return ContextualResult(inputs=values, source="vocab" if stats else "summary", stated=stated, chain=chain, ks=ks,
                            comparisons=comps, hypotheses=hyps, digits=digits, vocab=stats, aliases=node.aliases,
                            latex=latex, notes=notes)
