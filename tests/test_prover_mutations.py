"""Soundness by mutation: every certified-false mutant of a proved record's statement fails to check.

Mutants change one constant or flip one relation in the statement or one hypothesis, or widen one
variable's domain (boundcalc.prover.mutants); falsity is decided on the record's model (proofs.machine.models), exact rationals
and arb balls. Mutants the model cannot show false are counted as undetermined, never asserted.
"""
import dataclasses

import pytest
import sympy as sp

from boundcalc.prover import Axiom, ProofRecord, Step, check
from boundcalc.prover.mutants import (_env, axiom_mutants, counterexample, domain_changes, formula_mutants, mutants,
                                      run_axiom_mutants, run_mutants, summary, truth)
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


def test_domain_mutants_widen_and_a_wider_domain_can_break_a_proof():
    from boundcalc.prover import POS, Domain

    # (0, oo): lower bound moved to -1, the open end closed, the domain dropped
    got = dict(domain_changes(POS))
    assert got["lower bound 0 -> -1"] == Domain(-1, None, lo_open=True)
    assert got["lower end 0 closed"] == Domain(0, None)
    assert got["domain dropped (all reals)"] == Domain()
    # x > 0 |- x**2 > 0 by the sign of x alone; with x in [0, oo) the claim fails at x = 0
    rec = ProofRecord("t", "x^2 > 0", {}, {x: POS}, x ** 2 > 0, [Step("c", x ** 2 > 0, "sign")], "c")
    assert check(rec).status == "checked"
    closed = next(m for m in mutants(rec) if m.where == "domain:x" and m.change == "lower end 0 closed")
    assert counterexample(rec, closed.record, [{x: 0}]) is not None     # 0**2 > 0 is false, x = 0 admitted
    assert check(closed.record).status == "gap"


def test_every_domain_mutant_of_a_record_is_sound(results):
    """Domain mutants are among the record mutants: none that the model shows false checks."""
    doms = [r for res in results.values() for r in res if r.where.startswith("domain:")]
    assert doms
    assert all(r.sound for r in doms)


@pytest.fixture(scope="module")
def axiom_results(outcomes):
    """Axiom mutants of the checked records with a model; the false ones put through the axiom check."""
    from boundcalc.prover.axioms import check_axiom
    from proofs.formal import FORMAL

    out = {}
    for k in ORDER:
        if outcomes[k].status != "checked" or k not in MODELS:
            continue
        st = FORMAL.get(k)
        out[k] = run_axiom_mutants(PROOFS[k], MODELS[k], proved_results=outcomes, samples=60,
                                   axiom_check=lambda ax, st=st: check_axiom(ax, st, 0).status)
    return out


def test_axiom_mutant_changes_one_axiom():
    D = sp.Symbol("D")
    ax = Axiom("two", "D = 2", "none", formula=sp.Eq(D, 2))
    rec = ProofRecord("t", "D > 1", {}, {}, D > 1, [Step("c", D > 1, "z3_linear", ("two",))], "c", axioms=[ax])
    ms = axiom_mutants(rec)
    assert {m.where for m in ms} == {"axiom:two"}
    assert {str(m.record.axioms[0].formula) for m in ms} >= {"Eq(D, 3)", "Eq(D, 1)", "Eq(D, 4)"}
    # the checker trusts axioms: D = 3 still gives D > 1, so the proof checks on a false axiom
    three = next(m for m in ms if str(m.record.axioms[0].formula) == "Eq(D, 3)")
    assert check(three.record).status == "checked"
    res = [r for r in run_axiom_mutants(rec, lambda rng: {D: 2}) if r.change.startswith("offset +1")]
    assert res[0].falsity == "false" and res[0].proof == "checked"


def test_axiom_mutants_have_power(axiom_results):
    """Most axiom mutants are certified false on the models, and the axiom check refutes some of them."""
    rows = [r for res in axiom_results.values() for r in res]
    false = [r for r in rows if r.falsity == "false"]
    assert len(false) >= 30
    assert sum(r.axiom_check == "refuted" for r in false) >= 10


def test_no_false_axiom_is_confirmed(axiom_results):
    """An axiom check may leave a false axiom undecided (counted), never confirm it; and the model-false
    mutants of the symbolically checked axioms (lemma-C.8's exp_add among them) are all refuted."""
    bad = [(k, r.where, r.change) for k, res in axiom_results.items() for r in res
           if r.falsity == "false" and r.axiom_check == "confirmed"]
    assert not bad, bad
    symbolic = {(k, a.name) for k in axiom_results for a in PROOFS[k].axioms if _symbolic(a)}
    rows = [r for k, res in axiom_results.items() for r in res
            if (k, r.where.split(":", 1)[1]) in symbolic and r.falsity == "false"]
    assert any(r.where == "axiom:exp_add" for r in rows)
    assert rows and all(r.axiom_check == "refuted" for r in rows), [(r.where, r.change, r.axiom_check) for r in rows]


def _symbolic(ax) -> bool:
    from boundcalc.prover.axioms import SymbolicCheck

    return any(isinstance(c, SymbolicCheck) for c in (ax.check if isinstance(ax.check, tuple) else (ax.check,)))


def _reversed(f):
    """Relations that contradict ``f``: for an equality !=, < and >; for an inequality its flip."""
    if isinstance(f, sp.Equality):
        return [sp.Unequality(f.lhs, f.rhs, evaluate=False), sp.StrictLessThan(f.lhs, f.rhs, evaluate=False),
                sp.StrictGreaterThan(f.lhs, f.rhs, evaluate=False)]
    flip = {sp.LessThan: sp.StrictGreaterThan, sp.GreaterThan: sp.StrictLessThan}
    return [flip[type(f)](f.lhs, f.rhs, evaluate=False)] if type(f) in flip else []


def test_every_symbolic_axiom_confirmed_and_its_mutants_refuted():
    """Each symbolically checked axiom of every record is confirmed from its own formula; no mutant of that
    formula (a number moved, the right side offset by +-1, the relation reversed) is confirmed, and for an
    identity every mutant is false (the two sides differ by a constant or a moved coefficient), so refuted."""
    from boundcalc.prover.axioms import check_axiom

    seen = refuted = 0
    for rid, rec in PROOFS.items():
        for ax in rec.axioms:
            if not _symbolic(ax):
                continue
            seen += 1
            assert check_axiom(ax, None, 0).status == "confirmed", (rid, ax.name)
            muts = [g for _, g in formula_mutants(ax.formula)] + _reversed(ax.formula)
            assert len(muts) >= 2, (rid, ax.name)
            identity = all(isinstance(r, sp.Equality) for r in sp.And.make_args(ax.formula))
            for g in muts:
                got = check_axiom(dataclasses.replace(ax, formula=g), None, 0)
                assert got.status != "confirmed", (rid, ax.name, str(g), got.detail)
                if identity:
                    assert got.status == "refuted", (rid, ax.name, str(g), got.status, got.detail)
                refuted += got.status == "refuted"
    assert seen >= 13 and refuted >= 90


def test_cauchy_schwarz_mutants_by_hand():
    """D.1's Cauchy-Schwarz (squared, over inner products) and its mutants, decided by hand: the false ones
    are refuted, the one that stays true (+1 on the right) is not refuted, and none is confirmed."""
    from fractions import Fraction as Q

    from boundcalc.prover.axioms import check_axiom

    ax = next(a for a in PROOFS["lemma-D.1"].axioms if a.name == "cauchy_schwarz")
    assert check_axiom(ax, None, 0).status == "confirmed"
    uv, uu, vv = sp.symbols("u_dot_v u_dot_u v_dot_v")
    # u = v = (1/2): uv = 1/4 > uu vv = 1/16; u = v = (2): 2^3 and 2^4 powers exceed 16; u = v = 0: 0 <= -1 fails;
    # u = (1, 0), v = (0, 1): 0 >= 1 fails
    false = {"2 -> 1": (Q(1, 4) <= Q(1, 16)), "2 -> 3": (Q(4) ** 3 <= 16), "2 -> 4": (Q(4) ** 4 <= 16)}
    assert not any(false.values())
    for desc, g in formula_mutants(ax.formula):
        got = check_axiom(dataclasses.replace(ax, formula=g), None, 0).status
        if desc.startswith("offset +1"):
            assert got in ("searched", "undecided")     # uv^2 <= uu vv + 1 is true
        else:
            assert got == "refuted", (desc, got)


def test_exp_add_mutant_refuted_with_a_certified_point():
    """By hand: e^{-(a1 - b)} - e^{a - a1} e^{-(a - b)} = 0 identically, so the +1 offset mutant of lemma-C.8's
    exp_add says 0 = -1 and any point refutes it; the reversed relation < is refuted by the identity itself."""
    from boundcalc.prover.axioms import check_axiom

    ax = next(a for a in PROOFS["lemma-C.8"].axioms if a.name == "exp_add")
    off = next(g for d, g in formula_mutants(ax.formula) if d.startswith("offset +1"))
    got = check_axiom(dataclasses.replace(ax, formula=off), None, 0)
    assert got.status == "refuted" and "certified" in got.detail
    lt = sp.StrictLessThan(ax.formula.lhs, ax.formula.rhs, evaluate=False)
    assert check_axiom(dataclasses.replace(ax, formula=lt), None, 0).status == "refuted"
