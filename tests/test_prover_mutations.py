"""Soundness by mutation: every certified-false mutant of a proved record's statement fails to check.

Mutants change one constant or flip one relation in the statement or one hypothesis
(boundcalc.prover.mutants); falsity is decided on the record's model (proofs.machine.models), exact rationals
and arb balls. Mutants the model cannot show false are counted as undetermined, never asserted.
"""
import dataclasses

import pytest
import sympy as sp

from boundcalc.prover import Axiom, ProofRecord, Step, check
from boundcalc.prover.mutants import counterexample, formula_mutants, mutants, run_mutants, summary, truth, _env
from proofs.machine import ORDER, PROOFS
from proofs.machine.models import MODELS
import random

SAMPLES = 120
x, y = sp.symbols("x y")


@pytest.fixture(scope="module")
def outcomes():
    done = {}
    for k in ORDER:
        done[k] = check(PROOFS[k], proved_results=done)
    return done


@pytest.fixture(scope="module")
def results(outcomes):
    return {k: run_mutants(PROOFS[k], MODELS.get(k), proved_results=outcomes, samples=SAMPLES)
            for k in ORDER if outcomes[k].status == "checked"}


def test_formula_mutants_perturb_constants_and_flip_relations():
    got = {str(g) for _, g in formula_mutants(sp.StrictGreaterThan(x, 2 * y + 3))}
    assert {"x < 2*y + 3", "x > 2*y + 4", "x > 2*y + 2", "x > 2*y + 6", "x > 2*y + 3/2",
            "x > 3*y + 3", "x > y + 3", "x > 4*y + 3"} <= got
    assert "x > 2*y + 3" not in got


def test_truth_is_certified_or_undecided():
    env = {x: _env({x: 1})[x]}
    assert truth(x > 0, env) is True and truth(x < 0, env) is False
    assert truth(sp.Eq(x, 1), env) is True
    assert truth(sp.StrictGreaterThan(sp.pi * x, 3, evaluate=False), env) is True
    from flint import arb
    assert truth(x > 0, {x: arb(0, 1e-3)}) is None          # a ball around 0 decides nothing


@pytest.mark.parametrize("rid", sorted(MODELS))
def test_model_is_faithful(rid):
    """Where a sample meets the hypotheses, the (proved) original statement is never certified false."""
    rng, rec, met = random.Random(7), PROOFS[rid], 0
    for _ in range(SAMPLES):
        s = _env_sample = MODELS[rid](rng)
        env, holds = _env(s), s.get("_holds", set())
        if all(truth(h, env) is True for k, h in rec.hypotheses.items() if k not in holds):
            met += 1
            assert truth(rec.formula, env) is not False, (rid, s)
    assert met > 0


def test_no_false_mutant_checks(results):
    for rid, res in results.items():
        bad = [(r.where, r.change, r.counterexample) for r in res if not r.sound]
        assert not bad, (rid, bad)


def test_every_modelled_record_has_false_mutants(results):
    """The harness has power: each record with a model has certified-false mutants, and each of them fails."""
    for rid, res in results.items():
        s = summary(res)
        if rid in MODELS:
            assert s["false"] >= 1, rid
        else:
            assert s["false"] == 0 and s["undetermined"] == s["mutants"], rid
        for r in res:
            if r.falsity == "false":
                assert r.counterexample and r.proof == "gap"


def test_harness_catches_an_unsound_proof():
    """A record whose step trusts a false 'axiom' checks its flipped (false) mutant too: the harness reports it."""
    D = sp.Symbol("D")
    liar = Axiom("liar", "claims whatever the conclusion says", "none", formula=D < 0)
    rec = ProofRecord("t", "D < 0", {}, {}, D < 0, [Step("c", D < 0, "z3_linear", ("liar",))], "c", axioms=[liar])
    flip = next(m for m in mutants(rec) if m.where == "statement" and "relation" in m.change)
    assert check(flip.record).status == "gap"          # D > 0 does not follow from D < 0
    assert counterexample(rec, flip.record, [{D: -1}]) is not None   # D = -1 refutes D > 0
    cheat = dataclasses.replace(flip.record, axioms=[dataclasses.replace(liar, formula=D > 0)])
    res = [r for r in run_mutants(dataclasses.replace(rec, axioms=cheat.axioms), lambda rng: {D: -1})
           if r.where == "statement" and "relation" in r.change]
    assert res and not res[0].sound                    # D > 0 "proved" from a false axiom, false at D = -1


def test_summary_counts(results):
    total = {k: 0 for k in ("mutants", "false", "undetermined", "false_checked", "undetermined_checked")}
    for res in results.values():
        for k, v in summary(res).items():
            total[k] += v
    assert total["false_checked"] == 0
    assert total["mutants"] == total["false"] + total["undetermined"]
    assert total["false"] >= 30
