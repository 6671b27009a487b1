"""Soundness of the machine proof records: statuses as expected, and false mutations never check."""
import dataclasses

import sympy as sp
import pytest

from boundcalc.prover import check, same_formula
from proofs.machine import EXPECTED, ORDER, PROOFS

S, R = sp.Symbol, sp.Rational
L, M, zi, dl = S("L"), S("M"), S("z_i"), S("delta")


@pytest.fixture(scope="module")
def outcomes():
    done = {}
    for k in ORDER:
        done[k] = check(PROOFS[k], proved_results=done)
    return done


def test_ids_and_interface():
    assert set(PROOFS) == set(ORDER) == set(EXPECTED)
    for k, r in PROOFS.items():
        assert r.result_id == k and r.statement and r.latex


def test_statuses(outcomes):
    got = {k: o.status for k, o in outcomes.items()}
    assert got == EXPECTED
    assert sum(v == "checked" for v in got.values()) >= 16
    for k, o in outcomes.items():
        if o.status == "gap":
            assert any(s.status == "open" and s.residual for s in o.steps)
        else:
            assert all(s.status == "closed" for s in o.steps)
        for a in o.axioms:
            assert a.name and a.reference
        assert o.to_dict() == o.to_dict()     # deterministic, JSON-safe
        assert "seconds" not in str(o.to_dict())


def _with_hyp(rec, name, new):
    return dataclasses.replace(rec, hypotheses={**rec.hypotheses, name: new})


def _with_statement(rec, new):
    steps = [dataclasses.replace(s, claim=new) if s.name == rec.conclusion else s for s in rec.steps]
    return dataclasses.replace(rec, formula=new, steps=steps)


B, lnZ, Sent = S("B"), S("lnZ"), S("S")
t, C, w = S("t"), S("C"), S("w")
MUTANTS = {
    "lemma-C.1": lambda r: _with_statement(r, sp.Eq(B, -Sent + lnZ + 1)),
    "lemma-C.2": lambda r: _with_hyp(r, "gap", M - zi > L - 1),
    "lemma-C.3": lambda r: _with_hyp(r, "gap", M - zi > L + 1),
    "lemma-C.5": lambda r: _with_hyp(r, "delta", dl > L - 1),
    "lemma-C.6": lambda r: _with_hyp(r, "delta", dl >= L / 2),
    "lemma-C.7-corrected": lambda r: _with_hyp(r, "gap", M - S("a_n") > L + 1),
    "lemma-D.2-rank1": lambda r: _with_hyp(r, "scale", sp.Eq(S("s") * S("epsilon") * S("gamma_min"),
                                                             R(1, 100) * S("K") ** 2 * S("d") * dl)),
    "lemma-E.1-rounded": lambda r: _with_statement(r, sp.LessThan(t, C * dl * w)),
    # C.4 with delta > ln n - 1: the path no longer stays where C.2 applies
    "lemma-C.4": lambda r: _with_hyp(r, "delta", dl > L - 1),
    # D.1 with threshold sqrt(80/(pi d))/N^2: false at d = 1, N = 2 (t = sqrt(80/pi)/4 > 1 > |u^T v|/||v||)
    "lemma-D.1": lambda r: _with_hyp(r, "t_def", sp.And(sp.Eq(S("t") ** 2 * sp.pi * S("d") * S("N") ** 4, 80),
                                                        S("t") > 0)),
    # C.8 / Lemma 7 with delta >= ln n: the tail estimate (n e^{-delta} <= 1/8) no longer follows
    "lemma-C.8": lambda r: _with_hyp(r, "delta", dl >= L),
    "ext-ks24-lemma-7": lambda r: _with_hyp(r, "delta", dl >= L),
    # C.9 corrected with entries only in (-2 gamma, gamma): the exponent bound a_1 - b_. < 2 gamma fails
    "lemma-C.9-corrected": lambda r: _with_hyp(r, "range", sp.And(S("a_1") < S("gamma"), S("b_1") > -2 * S("gamma"),
                                                                  S("b_k1") > -2 * S("gamma"))),
    "ext-ks24-lemma-4": lambda r: _with_hyp(r, "gap", M - zi > L - 1),
    "ext-ks24-lemma-5": lambda r: _with_hyp(r, "gap", M - zi > L + 1),
    "ext-park21-lemma-13": lambda r: _with_hyp(r, "t_def", sp.And(sp.Eq(S("t") ** 2 * sp.pi * S("d") * S("N") ** 4,
                                                                        80), S("t") > 0)),
}


def test_every_checked_record_has_a_mutant(outcomes):
    assert {k for k, o in outcomes.items() if o.status == "checked"} == set(MUTANTS)


@pytest.mark.parametrize("rid", sorted(MUTANTS))
def test_mutant_does_not_check(rid, outcomes):
    rec = MUTANTS[rid](PROOFS[rid])
    assert rec is not PROOFS[rid]
    out = check(rec, proved_results=outcomes)
    assert out.status == "gap", rid
    assert any(s.status == "open" for s in out.steps)     # a real step fails, not only the statement match


def test_gap_dependents():
    # C.7-corrected instantiates C.3: without a checked C.3 it is a gap
    assert check(PROOFS["lemma-C.7-corrected"], proved_results={}).status == "gap"


def test_restated_results_rest_on_their_source(outcomes):
    for rid, src in (("ext-ks24-lemma-4", "lemma-C.2"), ("ext-ks24-lemma-5", "lemma-C.3"),
                     ("ext-park21-lemma-13", "lemma-D.1")):
        assert outcomes[rid].uses == [src]
        assert check(PROOFS[rid], proved_results={}).status == "gap"      # without the source: a gap
