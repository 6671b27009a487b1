"""Issue 21, item 4 (calculators): a calculator's outputs against the node constants they compute.

Planted errors: a calculator that evaluates a count one step off (small package), and the paper's
``ffn`` calculator fed L_p = L*lambda (Lemma 2.3's bound) instead of the construction's L_p = L N^{dL}
(the issue's example). True statements: the calculator as written, on both.
"""
from __future__ import annotations

from fractions import Fraction

from boundcalc.audit import audit
from boundcalc.auditing import calculators
from boundcalc.auditing.context import AuditContext
from boundcalc.checks import CalculatorAgrees, StatedVsDerived
from boundcalc.findings import Verdict
from boundcalc.records import Param, Result, constant
from boundcalc.registry import Registry


def node(calc):
    return Result(id="tri", kind="lemma", title="triangle numbers", statement="s", location="t",
                  params=(Param("n", "posint", default="4"),),
                  constants=(constant("count", "n*(n + 1)/2", "pairs with repetition"),),
                  data={"examples": [{"n": "1"}, {"n": "7"}]},
                  checks=(StatedVsDerived("count >= n", stated="count", derived="n", follows=">=",
                                          grid=({"n": "2"}, {"n": "10"})),
                          CalculatorAgrees("tri", calc, {"count": "count"})))


def by_check(r):
    rep = audit(registry=Registry([r]), evaluator=False)
    return {f.check: f for f in rep.nodes[0].findings if f.check.startswith("calculator:")}


def test_a_calculator_off_by_one_is_inconsistent_at_the_nodes_points():
    found = by_check(node(lambda p: {"count": sum(range(int(p["n"]) + 2))}))      # sums to n+1: wrong
    f = found["calculator:tri:count"]
    assert f.verdict is Verdict.INCONSISTENT and f.channel == "text"
    # the node's points: defaults (4), the grid of its check (2, 10) and its examples (1, 7)
    assert sorted(int(r["params"]["n"]) for r in f.evidence["points"]) == [1, 2, 4, 7, 10]
    row = next(r for r in f.evidence["points"] if r["params"]["n"] == "4")
    assert (row["calculator"], row["node"]) == ("15", "10")                      # 1+...+5 vs 4*5/2


def test_the_right_calculator_is_verified():
    found = by_check(node(lambda p: {"count": sum(range(int(p["n"]) + 1))}))
    assert list(found) == ["calculator:tri"] and found["calculator:tri"].verdict is Verdict.VERIFIED


def _ffn_at(lp_name):
    """The T_A count as a calculator would compose it: Lemma 2.3's grid, and L_p read from ``lp_name``."""
    def run(p):
        from proofs.calculators.ffn import ffn
        from proofs.calculators.lp import prompt_length
        g = prompt_length(d=p["d"], L=p["L"], eps=p["eps"], C=p.get("C"), alpha=p.get("alpha"))
        lp = g.values[lp_name].ceil().as_fraction()
        r = ffn(d=p["d"], L=p["L"], grid=g.inverse_delta, Lp=str(lp), s=p.get("s"))
        return {"t_a:ffn_layers": r.t_a["ffn_layers"]}
    return run


def test_ffn_counts_at_L_lambda_instead_of_the_constructions_L_p():
    import proofs
    reg = proofs.registry()
    thm = reg.get("theorem-2.3")
    ctx = AuditContext(reg)
    # d = 1, L = 2, eps = 3/10, C = 1, alpha = 2: 2C(dL)^{1/alpha}/eps = 20 sqrt(2)/3 = 9.43, so N = 10 and the
    # construction's L_p = L N^{dL} = 2*10^2 = 200, while L*lambda = 2*(20 sqrt(2)/3)^2 = 1600/9 = 177.8
    pts = ({"d": "1", "L": "2", "eps": "3/10", "C": "1", "alpha": "2", "s": "1"},)
    bad = CalculatorAgrees("planted", _ffn_at("Lp_min"), {"t_a:ffn_layers": "ffn_layers"}, grid=pts)
    good = CalculatorAgrees("as built", _ffn_at("Lp_grid"), {"t_a:ffn_layers": "ffn_layers"}, grid=pts)
    f_bad = {f.check: f for f in calculators.run(thm, bad, ctx)}
    assert f_bad["calculator:planted:t_a:ffn_layers"].verdict is Verdict.INCONSISTENT
    assert all(f.verdict is not Verdict.INCONSISTENT for f in calculators.run(thm, good, ctx))
    env = thm.evaluate(pts[0])
    assert env["Lp"].as_fraction() == 200 and env["N"].as_fraction() == 10


def test_paper_calculator_checks_are_attached_and_agree():
    import proofs
    from proofs.calculator_checks import CHECKS
    reg = proofs.registry()
    ctx = AuditContext(reg)
    for rid, specs in CHECKS.items():
        for spec in specs:
            assert spec in reg.get(rid).checks
            assert all(f.verdict is not Verdict.INCONSISTENT for f in calculators.run(reg.get(rid), spec, ctx)), rid
    # at d = L = 1, eps = 1/3 (C = 1, alpha = 2): N = ceil(2/(1/3)) = 6 and L_p = 1*6^1 = 6, by hand
    r = reg.get("theorem-2.3").evaluate({"d": "1", "L": "1", "eps": "1/3", "C": "1", "alpha": "2", "s": "1"})
    assert r["Lp"].as_fraction() == Fraction(6)
