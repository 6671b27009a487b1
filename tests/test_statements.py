"""Formal statements (boundcalc.statements): derived search, admissibility, binding of proof records,
axiom checks, and the E.1 correction. Expected values are computed by hand or by brute force here."""
from __future__ import annotations

import math
import random
from fractions import Fraction as F

import pytest
import sympy as sp

from boundcalc.auditing import falsify
from boundcalc.boltzmann import log_partition_ball
from boundcalc.objects import Integers, Rationals, Vectors
from boundcalc.prover import Axiom, ProofRecord, Step, check
from boundcalc.prover.axioms import SymbolicCheck, check_axiom
from boundcalc.statements import Predicate, Quantity, Statement, binds, decide, evaluate

n, M, L, lnZ = sp.symbols("n M L lnZ")
Le = lambda a, b: sp.LessThan(a, b, evaluate=False)  # noqa: E731


def lse(bound) -> Statement:
    """ln Z(z) <= max z + bound over z in R^n, 2 <= n <= 6 (the new user's log-sum-exp node)."""
    return Statement({"n": Integers(2, 6), "z": Vectors("n")}, (Le(lnZ, M + bound),),
                     quantities=(Quantity("lnZ", "ln sum_i e^{z_i}", lambda o: log_partition_ball(o["z"])),
                                 Quantity("M", "max_i z_i", lambda o: max(o["z"])),
                                 Quantity("L", "ln n", expr=sp.log(n), facts=(sp.Ge(L, 0),))))


def record(goal, hypotheses=None) -> ProofRecord:
    """A record that closes ``goal`` from an axiom stating it (the checker's steps always close)."""
    return ProofRecord("lse", "", dict(hypotheses or {}), {}, goal, [Step("c", goal, "z3_linear", ("ax",))], "c",
                       axioms=[Axiom("ax", "the bound itself", "test", formula=goal)])


def search(st: Statement, seed: int = 0):
    return falsify.Search(st.counterexample(), seed).run(optimise=False)


# ------------------------------------------------------------------ derived search and admissibility


def test_derived_search_refutes_a_false_bound_and_leaves_the_true_one():
    found = search(lse(L / 2)).found
    assert found is not None
    _, obj, a, b = found
    # independent: with all n entries equal, ln Z - max z = ln n exactly, which exceeds ln(n)/2
    zs = obj["z"]
    exact = math.log(sum(math.exp(float(x - max(zs))) for x in zs))
    assert exact > math.log(len(zs)) / 2
    assert search(lse(L)).found is None


def test_hypotheses_admit_hand_candidates_not_the_sampler():
    """A sampler proposing points outside the formal hypotheses cannot refute the statement."""
    x, y = sp.symbols("x y")
    st = Statement({"x": Rationals(0, 10), "y": Rationals(0, 10)}, (Le(y, 2 * x),), hypotheses=(Le(y, x),),
                   sample=lambda rng: {"x": F(1), "y": F(5)})      # violates y <= 2x but also the hypothesis
    assert st.admissible({"x": F(1), "y": F(5)}) is False
    assert st.admissible({"x": F(2), "y": F(1)}) is True
    out = falsify.Search(st.counterexample(trials=20), 0, iter([("hand", {"x": F(1), "y": F(5)})])).run()
    assert out.found is None


def test_edges_prose_and_evaluation():
    st = lse(L)
    assert {"n": 2} in st.edges() and {"n": 6} in st.edges()
    assert "ln n" in st.prose() and "lnZ <= L + M" in st.prose()
    env = st.env({"n": 3, "z": [F(0), F(0), F(0)]})
    v = evaluate(lnZ - M - L, env)            # ln 3 - 0 - ln 3 = 0, certified up to the ball
    assert abs(v.to_float()) < 1e-12
    assert decide(sp.And(sp.Gt(n, 1), sp.Lt(n, 3)), {"n": evaluate(sp.Integer(2), {})}) is True


def test_statement_refuses_unknown_symbols():
    with pytest.raises(TypeError):
        Statement({"n": Integers(2, 6)}, (Le(sp.Symbol("q"), n),))


# ------------------------------------------------------------------ a record proves the declared statement


def test_weaker_record_is_not_proved():
    """Node declares ln Z <= max + ln n; the record proves max + 2 ln n: refused."""
    out = check(record(Le(lnZ, M + 2 * L)), statement=lse(L))
    assert out.status == "gap" and "does not prove the declared statement" in out.reason
    assert check(record(Le(lnZ, M + L)), statement=lse(L)).status == "checked"
    assert check(record(Le(lnZ, M + L / 2)), statement=lse(L)).status == "checked"    # stronger: accepted


def test_record_without_statement_is_refused():
    out = check(record(Le(lnZ, M + L)), require_statement=True)
    assert out.status == "gap" and "no formal statement" in out.reason


def test_extra_hypothesis_must_follow_from_the_declared_ones():
    x = sp.Symbol("x")
    st = Statement({"x": Rationals(0, 10)}, (sp.Ge(x * x, 0),), hypotheses=(sp.Ge(x, 1),))
    good = ProofRecord("r", "", {"h": sp.Gt(x, 0)}, {}, sp.Ge(x * x, 0),
                       [Step("c", sp.Ge(x * x, 0), "z3_nonlinear", ("h",))], "c")
    bad = ProofRecord("r", "", {"h": sp.Gt(x, 2)}, {}, sp.Ge(x * x, 0),
                      [Step("c", sp.Ge(x * x, 0), "z3_nonlinear", ("h",))], "c")
    assert binds(good, st).ok
    b = binds(bad, st)
    assert not b.ok and "x > 2" in b.reason


def test_predicate_implications_are_premises():
    x, y = sp.symbols("x y")
    st = Statement({"x": Rationals(0, 10), "y": Rationals(0, 10)}, (sp.Gt(x, 0),),
                   hypotheses=(Predicate("apart", "x > y + 1", lambda o: o["x"] > o["y"] + 1, (sp.Gt(x, y + 1),)),))
    rec = ProofRecord("r", "", {"h": sp.Gt(x - y, 1)}, {}, sp.Gt(x, 0),
                      [Step("c", sp.Gt(x, 0), "z3_linear", ("h",))], "c")
    assert binds(rec, st).ok


def test_record_symbol_outside_statement_refused():
    rec = record(Le(lnZ, sp.Symbol("Q")))
    b = binds(rec, lse(L))
    assert not b.ok and "Q" in b.reason


def test_audit_never_shows_checked_beside_refuted():
    """A record for the true bound attached to a node that declares a false one (ln n / 2)."""
    from boundcalc.audit import audit
    from boundcalc.records import Result
    from boundcalc.registry import Registry

    st = lse(L / 2)
    res = Result(id="lse-false", kind="lemma", title="LSE", statement="ln Z <= max + ln(n)/2", location="test",
                 source="test", formal=st, checks=(st.counterexample("formal", trials=60),))
    reg = Registry([res], source="test")
    reg.proofs = {"lse-false": record(Le(lnZ, M + L))}
    node = audit(registry=reg, evaluator=False).node("lse-false")
    assert node.statement.status == "refuted"
    assert node.proof.status != "checked"


# ------------------------------------------------------------------ axioms


def test_symbolic_axiom_check_confirms_and_refutes():
    """The check reads the axiom's own formula: the atom D is defined as sympy's derivative of e^{2u}."""
    u, D = sp.Symbol("u", real=True), sp.Symbol("D")
    defs = SymbolicCheck({"D": sp.diff(sp.exp(2 * u), u)})
    good = Axiom("d", "d/du e^{2u} = 2 e^{2u}", "test", formula=sp.Eq(D, 2 * sp.exp(2 * u)), check=defs)
    bad = Axiom("d", "d/du e^{2u} = 3 e^{2u} (wrong coefficient)", "test", formula=sp.Eq(D, 3 * sp.exp(2 * u)),
                check=defs)
    assert check_axiom(good).status == "confirmed"
    assert check_axiom(bad).status == "refuted"


def test_j2_axiom_with_a_wrong_coefficient_is_refuted():
    """J.2 with 2 p_i instead of p_i: the symbolic check against sympy's derivative of Boltz refutes it."""
    from proofs.formal_quantities import BOLTZ_OF_U

    u, Z0 = sp.Symbol("u"), sp.Symbol("Z0")
    D, p, zi, B = sp.symbols("D p z_i B")
    defs = SymbolicCheck({"D": sp.diff(BOLTZ_OF_U, u), "p": sp.exp(u) / (Z0 + sp.exp(u)), "z_i": u,
                          "B": BOLTZ_OF_U})
    ok = Axiom("deriv", "", "", formula=sp.Eq(D, p * (1 + zi - B)), check=defs)
    wrong = Axiom("deriv", "", "", formula=sp.Eq(D, 2 * p * (1 + zi - B)), check=defs)
    assert check_axiom(ok).status == "confirmed"
    assert check_axiom(wrong).status == "refuted"


def test_searched_axiom_refuted_removes_proved():
    """An axiom ln Z <= max (false at ties) lets a record close; the audit's axiom search refutes it."""
    from boundcalc.auditing.proofcheck import check_records
    from boundcalc.registry import Registry
    from boundcalc.records import Result

    st = lse(L)
    goal = Le(lnZ, M + L)
    rec = ProofRecord("lse", "", {}, {}, goal, [Step("c", goal, "z3_linear", ("ax", "L0"))], "c",
                      axioms=[Axiom("ax", "ln Z <= max z (false)", "test", formula=Le(lnZ, M)),
                              Axiom("L0", "L >= 0", "test", formula=sp.Ge(L, 0))])
    assert check(rec, statement=st).status == "checked"           # the steps close on the false axiom
    reg = Registry([Result(id="lse", kind="lemma", title="t", statement="s", location="t", source="t", formal=st)],
                   source="t")
    outcomes, checks = check_records(reg, {"lse": rec}, seed=0)
    assert outcomes["lse"].status == "gap" and "refuted axiom" in outcomes["lse"].reason
    assert [c.status for c in checks["lse"] if c.name == "ax"] == ["refuted"]


# ------------------------------------------------------------------ Lemma E.1's correction


def _brute_rounding_error(c: F, k: int) -> F:
    return min(abs(F(j, k) - c) for j in range(k))        # the grid {0, 1/k, ..., 1 - 1/k}


def test_e1_counterexample_by_hand():
    """f = 1, C = 1/8, 1/delta = 2 (d = L = 1, alpha = 1): the error is 1/2 > (C + 1/2) delta = 5/16, and
    (C + 1) delta = 9/16 bounds it."""
    from proofs.formal_quantities import rounding_error

    err = _brute_rounding_error(F(1), 2)
    assert err == F(1, 2) == rounding_error(F(1), 2)
    C, delta = F(1, 8), F(1, 2)
    assert err > (C + F(1, 2)) * delta == F(5, 16)
    assert err <= (C + 1) * delta == F(9, 16)
    rng = random.Random(3)
    for _ in range(200):                                    # the quantizer against brute force
        k, c = rng.randint(1, 9), F(rng.randint(0, 1000), 1000)
        assert rounding_error(c, k) == _brute_rounding_error(c, k) <= F(1, k)


def test_e1_formal_statement_refutes_half_and_keeps_one():
    from proofs.formal import e1_corrected

    out = search(e1_corrected(sp.Rational(1, 2)))
    assert out.found is not None
    obj = out.found[1]
    c, k, C = obj["c"], obj["k"], obj["C"]
    w = (obj["d"] * obj["L"]) ** (1 / float(obj["alpha"]))
    assert float(_brute_rounding_error(c, k)) * w > float(C + F(1, 2)) / k * w
    assert search(e1_corrected(1)).found is None


def test_e1_old_record_rests_on_a_refuted_axiom():
    from proofs.formal import e1_corrected
    from proofs.machine.records import e1

    old = e1(sp.Rational(1, 2), sp.Rational(1, 2))
    rnd = next(a for a in old.axioms if a.name == "round")
    assert check_axiom(rnd, e1_corrected(1)).status == "refuted"
    new = next(a for a in e1().axioms if a.name == "round")
    assert check_axiom(new, e1_corrected(1)).status == "searched"


def test_quotes_compared_with_the_formal_statement():
    """C.6's printed hypothesis delta >= 4 ln n matches its formal statement; a formal statement that says
    delta >= 2 ln n is reported inconsistent with the same quote."""
    from dataclasses import replace as dc_replace

    import proofs
    from boundcalc.findings import Verdict
    from boundcalc.statements import compare_quotes

    r = proofs.registry().results["lemma-C.6"]
    got = {f.verdict for f in compare_quotes(r.formal, r.quotes)}
    assert Verdict.VERIFIED in got and Verdict.INCONSISTENT not in got
    delta, L = sp.Symbol("delta"), sp.Symbol("L")
    hyps = tuple(sp.GreaterThan(delta, 2 * L, evaluate=False) if h == sp.GreaterThan(delta, 4 * L) else h
                 for h in r.formal.hypotheses)
    wrong = dc_replace(r.formal, hypotheses=hyps)
    bad = [f for f in compare_quotes(wrong, r.quotes) if f.verdict is Verdict.INCONSISTENT]
    assert bad and "4*log(n)" in bad[0].detail
