"""Formal statements of results as the paper prints them (proofs/formal.py): Lemma C.7 with its unbound
delta (and Kajitsuka & Sato's Lemma 6, restated by it), Kajitsuka & Sato's Lemma 1 as Lemma C.9 restates
it, and the grid separation that the proofs of E.2 (= 2.4), F.2 and B.1 claim. Every expected value is
computed here by hand: exact fractions, or mpmath at this file's own precision."""
from __future__ import annotations

import dataclasses
import itertools
from fractions import Fraction as F

import mpmath
import pytest
import sympy as sp

import proofs
from boundcalc.auditing import falsify, search

S = sp.Symbol


@pytest.fixture(scope="module")
def reg():
    return proofs.registry()


def _boltz(v, mp):
    return mp.fsum(x * mp.exp(x) for x in v) / mp.fsum(mp.exp(x) for x in v)


def _mp(x):
    x = F(x)
    return mpmath.mpf(x.numerator) / x.denominator


def _c7_claim_holds(a, b, delta) -> bool:
    """Lemma C.7's printed conclusion at (a, b, delta), at 60 digits, from Definition C.1 directly."""
    with mpmath.workdps(60):
        a, b, d, n = [_mp(x) for x in a], [_mp(x) for x in b], _mp(delta), len(a)
        lhs = _boltz(b, mpmath) - _boltz(a, mpmath)
        pn = mpmath.exp(b[-1]) / mpmath.fsum(mpmath.exp(x) for x in b)
        rhs = (a[-1] - b[-1]) * (d + a[-1] - b[-1] - mpmath.log(n) - 1) * pn
        assert abs(lhs - rhs) > mpmath.mpf(10) ** -40       # decided at this precision
        return bool(lhs > rhs)


def _c7_hypotheses_hold(a, b) -> bool:
    """a_i = b_i (i < n), a_n > b_n, max_{i<n} a_i - a_n > ln n + 3, each strict as printed."""
    with mpmath.workdps(60):
        gap = _mp(max(a[:-1])) - _mp(a[-1])
        return list(a[:-1]) == list(b[:-1]) and a[-1] > b[-1] and gap > mpmath.log(len(a)) + 3


def test_c7_as_printed_true_at_one_delta_false_at_another(reg):
    st = reg.results["lemma-C.7"].formal
    a, b = [F(0), F(-5)], [F(0), F(-6)]
    assert _c7_hypotheses_hold(a, b)                        # 5 > ln 2 + 3 = 3.69...
    for delta in (F(5), F(15)):
        obj = {"a": a, "b": b, "delta": delta}
        assert st.admissible(obj) is True
        assert st.holds(st.conclusion[0], obj) is _c7_claim_holds(a, b, delta)
    assert _c7_claim_holds(a, b, F(5)) and not _c7_claim_holds(a, b, F(15))


def _run(spec, seed=0):
    """The audit's search: the hand-written candidate sources first, then the derived stages."""
    return falsify.Search(spec, seed, search._hand(spec, seed)).run(optimise=False)


@pytest.mark.parametrize("rid, name", [("lemma-C.7", "statement as printed"),
                                       ("ext-ks24-lemma-6", "statement as restated in Lemma C.7")])
def test_c7_search_refutes_strictly_inside_the_hypotheses(reg, rid, name):
    r = reg.results[rid]
    assert r.formal is reg.results["lemma-C.7"].formal
    spec = next(c for c in r.checks if getattr(c, "name", "") == name)
    assert spec.defect == "c7-unbound-delta" and spec.target == "statement"
    out = _run(spec)
    assert out.found is not None
    obj = out.found[1]
    assert _c7_hypotheses_hold(obj["a"], obj["b"])           # strictly: the hypotheses are strict inequalities
    assert not _c7_claim_holds(obj["a"], obj["b"], obj["delta"])


def test_c7_printed_with_delta_bound_as_j7_takes_it_is_not_refuted(reg):
    """The same statement with delta := max_{i<n} a_i - a_n (the correction) is searched without a
    counterexample: the refutation comes from delta, not from the rest of the declaration."""
    from proofs.formal import c7_corrected

    assert _run(c7_corrected().counterexample("corrected", trials=60)).found is None


def test_ks24_lemma1_as_restated_in_c9(reg):
    r = reg.results["ext-ks24-lemma-1"]
    assert r.formal is reg.results["lemma-C.9"].formal
    by_name = {c.name: c for c in r.checks if hasattr(c, "name")}
    bounded = by_name["statement as restated in Lemma C.9 [1]"]
    gaps = by_name["statement as restated in Lemma C.9 [2]"]
    assert bounded.defect is None and gaps.defect == "c9-multisets"
    # a hand point: z^(1) = (3, 0), z^(2) = (0, 3) (a permutation), gamma = 4, delta = 4 ln 2 + 10^-6
    delta = F(277259, 100000)
    obj = {"n": 2, "z": [[F(3), F(0)], [F(0), F(3)]], "gamma": F(4), "delta": delta, "i": 0, "j": 1}
    with mpmath.workdps(50):
        assert _mp(delta) > 4 * mpmath.log(2)
        rhs = mpmath.log(2) ** 2 * mpmath.exp(-8)
        gap = abs(_boltz([3, 0], mpmath) - _boltz([0, 3], mpmath))
        assert gap == 0 and rhs > 0
    st = r.formal
    assert st.admissible(obj) is True
    assert st.holds(st.conclusion[1], obj) is False
    out = _run(gaps)
    assert out.found is not None and not st.holds(st.conclusion[1], out.found[1])
    assert _run(bounded).found is None


def test_ks24_lemma1_planted_bound_is_refuted(reg):
    """|Boltz(z)| <= gamma holds (searched); the planted |Boltz(z)| <= gamma/2 is refuted by the same search."""
    st = reg.results["ext-ks24-lemma-1"].formal
    lhs, rhs = S("lhs_1"), S("rhs_1")
    planted = dataclasses.replace(st, conclusion=(sp.LessThan(lhs, rhs / 2, evaluate=False),))
    out = _run(planted.counterexample("planted"))
    assert out.found is not None
    obj = out.found[1]
    z = obj["z"][obj["i"]]
    with mpmath.workdps(50):
        assert abs(_boltz([_mp(x) for x in z], mpmath)) > _mp(obj["gamma"]) / 2


# ------------------------------------------------------------------ the proofs' grids


def _grid_by_hand(d, cols, N, kind):
    """(min ||x||^2, max ||x||^2, min ||x - y||^2) over the grid, enumerated here."""
    lv = lambda j: [j + F(k + (0 if kind == "E4" else 1), N) for k in range(N)]  # noqa: E731
    toks = [t for j in range(cols) for t in itertools.product(lv(j), repeat=d)]
    norms = [sum(x * x for x in t) for t in toks]
    seps = [sum((x - y) ** 2 for x, y in zip(s, t)) for s, t in itertools.combinations(toks, 2) if s != t]
    return min(norms), max(norms), min(seps)


@pytest.mark.parametrize("rid, kind", [("lemma-2.4", "E4"), ("lemma-F.2", "F2"), ("theorem-B.1", "E4")])
def test_grid_statement_at_hand_points(reg, rid, kind):
    st = reg.results[rid].formal
    for d, cols, N in ((1, 2, 2), (2, 3, 3), (1, 4, 5)):
        lo, hi, sep = _grid_by_hand(d, cols, N, kind)
        obj = {"d": d, "n_cols": cols, "N": N}
        assert st.admissible(obj) is True
        want = (lo > d, hi < d * (cols - F(1, N)) ** 2, sep > d * F(1, N) ** 2)
        assert tuple(st.holds(c, obj) for c in st.conclusion) == want
    # at d = 1, L' = 2, 1/delta = 2 every claim fails: E.4's lowest token is 0 and its top one sits on the
    # bound (9/4 = (2 - 1/2)^2); F.2's lowest has norm 1/2 and its top one 2 > 3/2; neighbours are 1/2 apart
    assert not any(st.holds(c, {"d": 1, "n_cols": 2, "N": 2}) for c in st.conclusion)


@pytest.mark.parametrize("rid", ["lemma-2.4", "lemma-F.2", "theorem-B.1"])
def test_grid_searches_are_derived_and_refute(reg, rid):
    from proofs.formal import GRID_WHERE

    r = reg.results[rid]
    specs = [c for c in r.checks if getattr(c, "name", "").startswith(GRID_WHERE[rid][1] + ":")]
    assert len(specs) == 3 and all(s.target == "proof" and s.sample is not None for s in specs)
    for k, spec in enumerate(specs):
        out = _run(spec)
        assert out.found is not None
        obj = out.found[1]
        assert r.formal.holds(r.formal.conclusion[k], obj) is False
    # the hand-written searches are still read: each compared with its conclusion at points, no disagreement
    copies = [c for c in r.checks if getattr(c, "name", "").startswith("copy " + GRID_WHERE[rid][1])]
    assert len(copies) == 3
    for c in copies:
        (finding,) = c.run(0)
        assert finding.verdict.value == "unknown" and "agrees with the formal statement" in finding.detail


def test_grid_true_variants_are_not_refuted(reg):
    """What the grids do satisfy (min norm^2 >= d delta^2 on F.2's grid, max norm^2 <= d(L' - delta)^2 on
    E.4's, separation^2 >= d delta^2 / d = delta^2) is searched without a counterexample."""
    d, N, cols, lo, hi, sep = (S(x) for x in ("d", "N", "n_cols", "nmin2", "nmax2", "sep2"))
    delta = S("delta")
    Ge, Le = (lambda a, b: sp.GreaterThan(a, b, evaluate=False)), (lambda a, b: sp.LessThan(a, b, evaluate=False))
    f2, e4 = reg.results["lemma-F.2"].formal, reg.results["lemma-2.4"].formal
    for st, rel in ((f2, Ge(lo, d * delta ** 2)), (e4, Le(hi, d * (cols - delta) ** 2)), (e4, Ge(sep, delta ** 2))):
        true = dataclasses.replace(st, conclusion=(rel,))
        assert _run(true.counterexample("true variant", trials=40)).found is None
