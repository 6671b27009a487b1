"""Each tactic closes true goals and refuses false ones."""
import sympy as sp

from boundcalc.prover import POS, REALS, Axiom, Domain, ProofRecord, Step, check

x, y = sp.symbols("x y")


def one(claim, tactic, hyps=None, dom=None, premises=(), axioms=(), uses=(), formula=None, **opts):
    rec = ProofRecord("t", "test", dict(hyps or {}), dict(dom if dom is not None else {x: REALS}),
                      claim if formula is None else formula, [Step("s", claim, tactic, tuple(premises), options=opts)],
                      "s", axioms=list(axioms), uses=list(uses))
    return check(rec)


def test_algebra():
    assert one(sp.Eq((x + 1) ** 2, x ** 2 + 2 * x + 1), "algebra").status == "checked"
    assert one(x ** 2 + 1 > 0, "algebra").status == "checked"
    assert one(sp.Eq((x + 1) ** 2, x ** 2 + 1), "algebra").status == "gap"
    assert one(x ** 2 - 1 > 0, "algebra").status == "gap"
    assert one(x > 0, "algebra", dom={x: POS}).status == "checked"
    assert one(x > 0, "algebra").status == "gap"


def test_z3():
    assert one(x ** 2 >= x, "z3_nonlinear").status == "gap"            # false at x = 1/2
    assert one(x ** 2 > 0, "z3_nonlinear", {"h": x > 0}, premises=("h",)).status == "checked"
    assert one(x ** 2 > 0, "z3_nonlinear", {"h": x > 0}).status == "gap"   # premise not cited
    assert one(x + y > 1, "z3_linear", {"a": x > 1, "b": y >= 0}, dom={}, premises=("a", "b")).status == "checked"
    assert one(x + y > 1, "z3_linear", {"a": x > 1, "b": y >= -1}, dom={}, premises=("a", "b")).status == "gap"
    assert one(x * y > 0, "z3_linear", {"a": x > 1, "b": y > 1}, dom={}, premises=("a", "b")).status == "gap"


def test_z3_transcendental_atoms():
    assert one(sp.exp(x) > 0, "z3_nonlinear").status == "gap"            # nothing known about the atom
    ax = Axiom("pos", "e^x > 0", "calculus", formula=sp.exp(x) > 0)
    assert one(sp.exp(x) + 1 > 1, "z3_nonlinear", premises=("pos",), axioms=[ax]).status == "checked"


def test_interval():
    assert one(sp.exp(x) > x, "interval", dom={x: Domain(-2, 2)}).status == "checked"
    assert one(sp.exp(x) > 1 + x, "interval", dom={x: Domain(-2, 2)}).status == "gap"   # equality at 0
    assert one(sp.sin(x) > 0, "interval", dom={x: Domain(1, 2)}).status == "gap"         # unsupported function
    assert one(sp.exp(x) > x, "interval").status == "gap"                                 # unbounded domain
    assert one(sp.StrictLessThan(sp.pi, 4, evaluate=False), "interval", dom={}).status == "checked"
    assert one(sp.StrictLessThan(sp.pi, 3, evaluate=False), "interval", dom={}).status == "gap"
    # an explicit box smaller than the domain is refused
    assert one(x ** 2 < 5, "interval", dom={x: Domain(-3, 3)}, box={x: (-2, 2)}).status == "gap"


def test_instantiate():
    t = sp.Symbol("t")
    ax = Axiom("sq", "t > 1 => t^2 > t", "algebra", formula=t ** 2 > t, hypotheses={"h": t > 1})
    ok = one((x + 1) ** 2 > x + 1, "instantiate", {"a": x > 0}, premises=("a",), axioms=[ax],
             result="sq", subs={t: x + 1})
    assert ok.status == "checked"
    bad = one((x + 1) ** 2 > x + 1, "instantiate", {"a": x > -1}, premises=("a",), axioms=[ax],
              result="sq", subs={t: x + 1})
    assert bad.status == "gap" and "not discharged" in bad.steps[0].detail
    # a result that is not checked cannot be instantiated
    assert one(x > 0, "instantiate", uses=["other"], result="other", subs={}).status == "gap"


def test_instantiate_record():
    t = sp.Symbol("t")
    base = ProofRecord("base", "t > 0 => t^3 > 0", {"h": t > 0}, {t: REALS}, t ** 3 > 0,
                       [Step("s", t ** 3 > 0, "z3_nonlinear", ("h",))], "s")
    ob = check(base)
    assert ob.status == "checked"
    user = ProofRecord("user", "", {"a": x > 2}, {x: REALS}, (x - 1) ** 3 > 0,
                       [Step("s", (x - 1) ** 3 > 0, "instantiate", ("a",),
                             options={"result": "base", "subs": {t: x - 1}})], "s", uses=["base"])
    assert check(user, proved_results={"base": ob}).status == "checked"
    assert check(user, proved_results={}).status == "gap"


def test_cases():
    sub_pos = [Step("p", sp.Abs(x) >= 0, "z3_linear", ("s.case0",))]
    sub_neg = [Step("q", sp.Abs(x) >= 0, "z3_linear", ("s.case1",))]
    ok = one(sp.Abs(x) >= 0, "cases", cases=[(x >= 0, sub_pos), (x < 0, sub_neg)])
    assert ok.status == "checked"
    gap = one(sp.Abs(x) >= 0, "cases", cases=[(x >= 1, sub_pos), (x < 0, sub_neg)])
    assert gap.status == "gap"                                        # not exhaustive
    wrong = one(x >= 0, "cases", cases=[(x >= 0, [Step("p", x >= 0, "z3_linear", ("s.case0",))]),
                                        (x < 0, [Step("q", x >= 0, "z3_linear", ("s.case1",))])])
    assert wrong.status == "gap"                                      # second case false


def test_conclusion_must_match_statement():
    rec = ProofRecord("t", "", {"h": x > 0}, {x: REALS}, x ** 2 > 1,
                      [Step("s", x ** 2 > 0, "z3_nonlinear", ("h",))], "s")
    out = check(rec)
    assert out.status == "gap" and "differs" in out.reason
    rec2 = ProofRecord("t", "", {"h": x > 0}, {x: REALS}, 0 < x ** 2,
                       [Step("s", x ** 2 > 0, "z3_nonlinear", ("h",))], "s")
    assert check(rec2).status == "checked"
    assert check(ProofRecord("t", "", {}, {}, x > 0, [], "nope")).status == "gap"


def test_unknown_tactic_and_to_dict():
    out = one(x > 0, "magic")
    assert out.status == "gap" and out.steps[0].residual
    d = out.to_dict()
    assert "seconds" not in d and "seconds" in out.to_dict(timings=True)
    import json
    json.dumps(d)


def test_interval_box_needs_declared_domain():
    assert one(x ** 2 < 5, "interval", dom={}, box={x: (-2, 2)}).status == "gap"


def test_instantiate_integer_variable():
    k = sp.Symbol("k")
    ax = Axiom("int", "k integer, k > 0 => k >= 1", "integers", formula=k >= 1, hypotheses={"h": k > 0},
               variables={k: Domain(integer=True)})
    assert one(x >= 1, "instantiate", {"a": x > 0}, premises=("a",), axioms=[ax],
               result="int", subs={k: x}).status == "gap"


def test_duplicate_step_name_refused():
    rec = ProofRecord("t", "", {"s": x > 0}, {x: REALS}, x > 0, [Step("s", x > 0, "z3_linear", ("s",))], "s")
    assert check(rec).status == "gap"


def test_instantiate_integer_variable_declared_in_the_record():
    k = sp.Symbol("k")
    ax = Axiom("int", "k integer, k > 0 => k >= 1", "integers", formula=k >= 1, hypotheses={"h": k > 0},
               variables={k: Domain(integer=True)})
    assert one(x >= 1, "instantiate", {"a": x > 0}, dom={x: Domain(integer=True)}, premises=("a",), axioms=[ax],
               result="int", subs={k: x}).status == "checked"
    # the same with x real is refused (x = 1/2 > 0 but 1/2 < 1)
    assert one(x >= 1, "instantiate", {"a": x > 0}, dom={x: Domain()}, premises=("a",), axioms=[ax],
               result="int", subs={k: x}).status == "gap"
