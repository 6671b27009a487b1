"""Each check runner on synthetic declarations whose truth is known by hand."""
from __future__ import annotations

import math
import random
from fractions import Fraction

from boundcalc.audit import audit
from boundcalc.checks import Asymptotic, Citation, Consistency, Counterexample, Custom, StatedVsDerived
from boundcalc.findings import Finding, Verdict
from boundcalc.numbers import Real
from boundcalc.records import Param, Result, claim
from boundcalc.registry import Registry


def node(id="n", checks=(), params=(Param("x", "pos", default="2"),), constants=(), claims=(), uses=(), data=None):
    return Result(id=id, kind="lemma", title=f"test node {id}", statement="synthetic", location="test",
                  params=params, constants=constants, claims=claims, uses=uses, checks=tuple(checks),
                  data=data or {})


def run(*results, **kw):
    rep = audit(registry=Registry(results), evaluator=False, **kw)
    return {n.id: n for n in rep.nodes}


def only_finding(rep_node, prefix):
    """The one finding of a check (its parts ``CHECK@CLASS``, tests/test_recall_masking.py, aside)."""
    fs = [f for f in rep_node.findings if f.check.startswith(prefix) and "@" not in f.check[len(prefix):]]
    assert len(fs) == 1, rep_node.findings
    return fs[0]


# ------------------------------------------------------------------ StatedVsDerived


def test_a_claim_over_too_wide_a_domain_is_refuted_at_its_edge():
    """x**2 >= x holds for integers x >= 1 but not for x = 1/2: declared over 'pos' the edge x = 1/1000
    refutes it (0.000001 < 0.001); declared over 'posint' the edge x = 1 holds (1 >= 1)."""
    wide = node(params=(Param("x", "pos", default="2"),), claims=(claim("sq", "x**2", ">=", "x"),))
    f = only_finding(run(wide)["n"], "claim:sq")
    assert f.verdict is Verdict.REFUTED and "edge[x=1/1000]" in f.detail
    narrow = node(params=(Param("x", "posint", default="2"),), claims=(claim("sq", "x**2", ">=", "x"),))
    f = only_finding(run(narrow)["n"], "claim:sq")
    assert f.verdict is Verdict.VERIFIED
    labels = [p["point"] for p in f.evidence["points"]]
    assert labels[:2] == ["defaults", "edge[x=1]"]
    assert all(lab.startswith("sweep[x=") for lab in labels[2:]) and len(labels) > 2   # integers swept (issue 25)


def test_edge_points_respect_the_formula_hypotheses():
    """With the hypothesis y > x, the edges x = 1000 (y = 3) and y = 1/1000 (x = 2) are inadmissible."""
    from boundcalc.auditing.values import points

    r = node(params=(Param("x", "pos", default="2"), Param("y", "pos", default="3")))
    r = Result(**{**r.__dict__, "hypotheses": ("y > x", "x is a real number")})
    labels = [lab for lab, _ in points(r, {}, (), (), edges=True)]
    assert labels == ["defaults", "edge[x=1/1000]", "edge[y=1000]"]
    assert [lab for lab, _ in points(r, {}, (), ())] == ["defaults"]

GRID = ({"x": "1"}, {"x": "3"}, {"x": "1/7"})


def test_stated_vs_derived_true_is_verified():
    # x/2 <= x for every x > 0
    spec = StatedVsDerived("half", stated="x/2", derived="x", follows="<=", grid=GRID)
    f = only_finding(run(node(checks=[spec]))["n"], "stated-vs-derived")
    assert f.verdict is Verdict.VERIFIED
    # the default point x=2, three grid points, and x at the edges of its domain (0, inf): 1/1000 and 1000
    assert [p["point"] for p in f.evidence["points"]] == ["defaults", "grid[0]", "grid[1]", "grid[2]",
                                                          "edge[x=1/1000]", "edge[x=1000]"]
    assert f.evidence["points"][1]["ratio"] == "1/2"


def test_stated_vs_derived_false_is_unsupported_with_ratio():
    # stated x/3 >= derived x fails everywhere; ratio exactly 1/3
    spec = StatedVsDerived("third", stated="x/3", derived="x", follows=">=", grid=GRID)
    f = only_finding(run(node(checks=[spec]))["n"], "stated-vs-derived")
    assert f.verdict is Verdict.UNSUPPORTED
    row = f.evidence["points"][0]
    assert row["holds"] is False and row["ratio"] == "1/3"
    assert abs(float(row["log10_ratio"]) - math.log10(1 / 3)) < 1e-12


def test_stated_vs_derived_tiny_values_use_log_domain():
    # exp(-10^50) vs exp(-10^50 - 1): ratio e, log10 ratio 1/ln 10, no underflow to 0
    spec = StatedVsDerived("tiny", stated="exp(-10**50)", derived="exp(-10**50 - 1)", follows="<=")
    f = only_finding(run(node(checks=[spec]))["n"], "stated-vs-derived")
    assert f.verdict is Verdict.UNSUPPORTED
    row = f.evidence["points"][0]
    assert row["log10_ratio"].startswith(repr(1 / math.log(10))[:15])
    assert row["stated"] != "0" and "e-" in row["stated"]


def test_stated_vs_derived_undecidable_is_unknown_never_verified(monkeypatch):
    """log(3) - log(3) == 0: balls never certify an equality, so without a symbolic proof the finding is
    unknown; sympy's identity (decided before any interval arithmetic) proves it, and says so."""
    from boundcalc.auditing import values

    spec = StatedVsDerived("zero", stated="log(3) - log(3)", derived="0", follows="==")
    f = only_finding(run(node(checks=[spec]))["n"], "stated-vs-derived")
    assert f.verdict is Verdict.VERIFIED and "identical" in f.evidence["points"][0]["how"]
    monkeypatch.setattr(values, "identical", lambda *a: False)          # the interval path alone
    f = only_finding(run(node(checks=[spec]))["n"], "stated-vs-derived")
    assert f.verdict is Verdict.UNKNOWN
    assert f.evidence["points"][0]["holds"] is None


def test_stated_vs_derived_needs_a_point():
    spec = StatedVsDerived("nopoint", stated="y", derived="y", follows="==")
    res = run(node(params=(Param("y", "pos"),), checks=[spec]))["n"]
    f = only_finding(res, "stated-vs-derived")
    assert f.verdict is Verdict.UNKNOWN and "no evaluation point" in f.detail
    # the user's parameters supply the point
    res = run(node(params=(Param("y", "pos"),), checks=[spec]), params={"y": "5"})["n"]
    assert only_finding(res, "stated-vs-derived").verdict is Verdict.VERIFIED


# ------------------------------------------------------------------ Counterexample


def _sample(rng: random.Random):
    return {"x": Fraction(rng.randint(-100, 100), 100)}


def test_counterexample_true_claim_is_unknown_and_counts_admissible():
    # x^2 <= x holds on [0, 1]; hypotheses reject negative draws
    spec = Counterexample("sq", lhs=lambda o: o["x"] ** 2, rel="<=", rhs=lambda o: o["x"],
                          hypotheses=lambda o: o["x"] >= 0, sample=_sample, trials=60)
    f = only_finding(run(node(checks=[spec]), seed=11)["n"], "counterexample")
    assert f.verdict is Verdict.UNKNOWN and "no counterexample in" in f.detail
    rng = random.Random(11)
    negatives = sum(1 for _ in range(60) if _sample(rng)["x"] < 0)
    assert f.evidence["inadmissible"] == negatives
    assert f.evidence["admissible"] == 60 - negatives


def test_counterexample_false_claim_is_refuted_reproducibly():
    # x^2 >= x is false for every x in (0, 1)
    spec = Counterexample("sq", lhs=lambda o: o["x"] ** 2, rel=">=", rhs=lambda o: o["x"],
                          hypotheses=lambda o: o["x"] >= 0, sample=_sample, trials=60)
    f = only_finding(run(node(checks=[spec]), seed=5)["n"], "counterexample")
    assert f.verdict is Verdict.REFUTED
    ev = f.evidence
    assert ev["seed"] == 5 and ev["trial"].startswith("random[")
    i = int(ev["trial"][len("random["):-1])
    rng = random.Random(5)
    for _ in range(i + 1):
        obj = _sample(rng)
    assert ev["objects"] == {"x": str(obj["x"]) if obj["x"].denominator > 1 else str(obj["x"].numerator)}
    x = obj["x"]
    assert 0 < x < 1 and not x * x >= x  # independently a violation


def test_counterexample_adversarial_first_and_certified_arithmetic():
    # claim sqrt(2)^2 < 2 (false, equality): adversarial candidate only, Real arithmetic
    spec = Counterexample("eq", lhs=lambda o: Real(2).sqrt() ** 2, rel="<", rhs=lambda o: 2,
                          hypotheses=lambda o: True, adversarial=lambda: [{"k": 1}])
    f = only_finding(run(node(checks=[spec]))["n"], "counterexample")
    assert f.verdict is Verdict.REFUTED and f.evidence["trial"] == "adversarial[0]"


def test_counterexample_float_output_is_not_trusted():
    spec = Counterexample("fl", lhs=lambda o: 0.1 + 0.2, rel="<=", rhs=lambda o: Fraction(3, 10),
                          hypotheses=lambda o: True, adversarial=lambda: [{}])
    f = only_finding(run(node(checks=[spec]))["n"], "counterexample")
    assert f.verdict is Verdict.UNKNOWN


# ------------------------------------------------------------------ Consistency / Citation


def test_consistency_equal_formulas_verified_symbolically():
    spec = Consistency("sq", "main", "appendix", a="(x+1)**2", b="x**2 + 2*x + 1", grid=GRID)
    f = only_finding(run(node(checks=[spec]))["n"], "consistency")
    assert f.verdict is Verdict.VERIFIED


def test_consistency_mismatch_is_inconsistent_with_point():
    spec = Consistency("sq", "main", "appendix", a="x**2", b="x**2 + 1/1000", grid=GRID)
    f = only_finding(run(node(checks=[spec]))["n"], "consistency")
    assert f.verdict is Verdict.INCONSISTENT
    row = f.evidence["points"][0]  # defaults x = 2: 4 vs 4001/1000
    assert row["a"] == "4" and row["b"] == "4001/1000" and row["holds"] is False


def test_consistency_grid_agreement_without_proof_is_unknown():
    # floor(x) == x at integer grid points only; sympy cannot prove it, and it is false in general:
    # the domain's edge x = 1/1000 (floor 0) is a certified difference
    spec = Consistency("fl", "a", "b", a="floor(x)", b="x", grid=({"x": "1"}, {"x": "4"}))
    f = only_finding(run(node(params=(Param("x", "pos"),), checks=[spec]))["n"], "consistency")
    assert f.verdict is Verdict.INCONSISTENT
    bad = next(r for r in f.evidence["points"] if r["holds"] is False)
    assert bad["point"] == "edge[x=1/1000]" and bad["a"] == "0"
    # (x - 1)(x - 4) == 0 at the grid and at the edge x = 1 of posint; random exact points inside the
    # domain (issue 10) find a certified difference
    spec = Consistency("q", "a", "b", a="(x - 1)*(x - 4)", b="0", grid=({"x": "1"}, {"x": "4"}))
    f = only_finding(run(node(params=(Param("x", "posint"),), checks=[spec]))["n"], "consistency")
    assert f.verdict is Verdict.INCONSISTENT, f.detail
    bad = next(r for r in f.evidence["random_points"] if r["holds"] is False)
    x = Fraction(bad["params"]["x"])
    assert x not in (1, 4) and (x - 1) * (x - 4) != 0
    # an identity that agrees everywhere stays unknown when sympy cannot decide it
    spec = Consistency("fl2", "a", "b", a="floor(x) + 1", b="floor(x + 1)", grid=({"x": "1"}, {"x": "4"}))
    f = only_finding(run(node(params=(Param("x", "pos"),), checks=[spec]))["n"], "consistency")
    assert f.verdict is not Verdict.INCONSISTENT


def test_consistency_declared_flags():
    yes = Consistency("t", "a", "b", agree=True, detail="same words")
    no = Consistency("f", "a", "b", agree=False, detail="different hypotheses")
    res = run(node(checks=[yes, no]))["n"]
    verdicts = {f.check: f.verdict for f in res.findings}
    # a declared agreement is a reader's judgement: recorded, never "verified"
    assert verdicts == {"consistency:t": Verdict.UNKNOWN, "consistency:f": Verdict.INCONSISTENT}
    assert res.verdict is Verdict.INCONSISTENT


def test_citation_condition_on_grid():
    # 4 ln n >= 2 ln n + 3 iff n >= e^{3/2} ~ 4.48
    base = node("cited", checks=[Consistency("t", "a", "b", agree=True)])
    p = (Param("n", "posint"),)

    def user(spec, hypotheses=("n >= 5",)):
        r = node("u", params=p, checks=[spec], uses=("cited",))
        return Result(**{**r.__dict__, "hypotheses": hypotheses})

    good = Citation("c", cited="cited", uses_as="gap", condition="4*log(n) >= 2*log(n) + 3",
                    grid=({"n": "5"}, {"n": "100"}))
    bad = Citation("c", cited="cited", uses_as="gap", condition="4*log(n) >= 2*log(n) + 3",
                   grid=({"n": "5"}, {"n": "4"}))
    ok = only_finding(run(base, user(good))["u"], "citation")
    assert ok.verdict is Verdict.VERIFIED
    ko = only_finding(run(base, user(bad))["u"], "citation")
    assert ko.verdict is Verdict.INCONSISTENT and "grid[1]" in ko.detail
    # without the hypothesis n >= 5 the domain's edge n = 1 (0 >= 3) is inside, and the step fails there
    wide = only_finding(run(base, user(good, hypotheses=()))["u"], "citation")
    assert wide.verdict is Verdict.INCONSISTENT and "edge[n=1]" in wide.detail


def test_citation_of_undeclared_result_is_unknown():
    spec = Citation("c", cited="nowhere", uses_as="x", agree=True)
    f = only_finding(run(node(checks=[spec]))["n"], "citation")
    assert f.verdict is Verdict.UNKNOWN


# ------------------------------------------------------------------ Asymptotic

NP = (Param("n", "posint"), Param("C", "pos", default="1"))


def test_asymptotic_bounded_ratio_verified():
    spec = Asymptotic("lin", explicit="3*n + 5", claimed="n", variable="n")
    f = only_finding(run(node(params=NP, checks=[spec]))["n"], "asymptotic")
    assert f.verdict is Verdict.VERIFIED and "-> 3" in f.detail


def test_asymptotic_divergent_ratio_unsupported():
    spec = Asymptotic("nlogn", explicit="n*log(n)", claimed="n", variable="n")
    f = only_finding(run(node(params=NP, checks=[spec]))["n"], "asymptotic")
    assert f.verdict is Verdict.UNSUPPORTED
    # the certified samples: log10 of n log n / n = log10(ln n) at n = 2^128
    last = f.evidence["samples"][-1]
    assert abs(float(last["log10_ratio"]) - math.log10(128 * math.log(2))) < 1e-9


def test_asymptotic_hidden_dependence_is_exposed():
    hidden = Asymptotic("hid", explicit="C*n", claimed="n", variable="n", held={"C": "log(n)"})
    honest = Asymptotic("const", explicit="C*n", claimed="n", variable="n", held={"C": "5"})
    res = run(node(params=NP, checks=[hidden, honest]))["n"]
    by = {f.check: f for f in res.findings}
    assert by["asymptotic:hid"].verdict is Verdict.UNSUPPORTED
    assert by["asymptotic:hid"].evidence["hidden_dependence"] == ["C"]
    assert by["asymptotic:const"].verdict is Verdict.VERIFIED
    assert by["asymptotic:const"].evidence["hidden_dependence"] == []


def test_asymptotic_to_zero():
    # (1/eps)^2 is not O(1/eps) as eps -> 0
    p = (Param("eps", "(0,1)"),)
    spec = Asymptotic("eps", explicit="(1/eps)**2", claimed="1/eps", variable="eps", point="0")
    f = only_finding(run(node(params=p, checks=[spec]))["n"], "asymptotic")
    assert f.verdict is Verdict.UNSUPPORTED


# ------------------------------------------------------------------ Custom and generic


def test_custom_gets_the_seed():
    seen = []

    def check(seed):
        seen.append(seed)
        return [Finding("custom:x", Verdict.VERIFIED, "ok", {"seed": seed})]

    res = run(node(checks=[Custom("x", check)]), seed=42)["n"]
    assert seen == [42] and res.findings[0].verdict is Verdict.VERIFIED and res.findings[0].channel == "proof"


def test_custom_that_raises_is_unknown_not_a_crash():
    def boom(seed):
        raise RuntimeError("bug")

    res = run(node(checks=[Custom("x", boom)]))["n"]
    assert res.verdict is Verdict.UNKNOWN and "RuntimeError" in res.findings[0].detail


def test_claims_at_examples_refute_a_false_claim():
    # 2^k >= k^2 fails at k = 3 only among 1..5
    r = node(params=(Param("k", "posint"),), claims=(claim("pow", "2**k", ">=", "k**2"),),
             data={"examples": [{"k": "1"}, {"k": "3"}, {"k": "5"}]})
    f = only_finding(run(r)["n"], "claim:pow")
    assert f.verdict is Verdict.REFUTED and "example[1]" in f.detail
    assert f.evidence["points"][1]["lhs"] == "8" and f.evidence["points"][1]["rhs"] == "9"


def test_claims_without_points_are_unknown():
    r = node(params=(Param("k", "posint"),), claims=(claim("pow", "2**k", ">", "k"),))
    assert only_finding(run(r)["n"], "claim:pow").verdict is Verdict.UNKNOWN


def test_unbound_symbols_and_dangling_uses():
    spec = StatedVsDerived("s", stated="zz", derived="x", follows="<=")
    r = node(checks=[spec], data={"symbols_in_text": ["x", "w"]})
    res = run(r)["n"]
    checks = {f.check: f.verdict for f in res.findings}
    assert checks["symbols:s"] is Verdict.UNKNOWN
    assert checks["symbols:statement"] is Verdict.INCONSISTENT
    assert res.verdict is Verdict.INCONSISTENT
    # a 'uses' id that names no result is refused when the registry is built (issue 24), not audited
    import pytest

    from boundcalc.records import DeclarationError
    with pytest.raises(DeclarationError, match="result n: uses: 'ghost' is not a declared result"):
        run(node(uses=("ghost",)))


def test_symbols_bound_by_what_the_proof_uses_are_fine():
    base = node("base", params=(Param("w", "pos", default="1"),))
    r = node("top", uses=("base",), data={"symbols_in_text": ["x", "w"]})
    res = run(base, r)["top"]
    assert not [f for f in res.findings if f.check.startswith("symbols")]


def test_constant_undefined_at_a_domain_edge_is_inconsistent():
    """1/x with x declared nonneg divides by zero at the edge x = 0; declared pos there is no such edge."""
    from boundcalc.records import constant

    wide = node(params=(Param("x", "nonneg", default="2"),), constants=(constant("inv", "1/x"),))
    f = only_finding(run(wide)["n"], "domain:constants-defined")
    assert f.verdict is Verdict.INCONSISTENT and "edge[x=0]" in f.detail
    narrow = node(params=(Param("x", "pos", default="2"),), constants=(constant("inv", "1/x"),))
    assert not [g for g in run(narrow)["n"].findings if g.check.startswith("domain:")]
