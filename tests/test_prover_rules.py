"""Sign and monotonicity tactics: true goals close, false goals (checked false by hand) are refused."""
import sympy as sp

from boundcalc.prover import POS, REALS, Axiom, Domain, ProofRecord, Step, check

x, y, t, a = sp.symbols("x y t a")
R = sp.Rational
Lt = lambda u, v: sp.StrictLessThan(u, v, evaluate=False)   # noqa: E731
Gt = lambda u, v: sp.StrictGreaterThan(u, v, evaluate=False)  # noqa: E731


def one(claim, tactic, hyps=None, dom=None, premises=(), axioms=(), formula=None, **opts):
    rec = ProofRecord("t", "test", dict(hyps or {}), dict(dom if dom is not None else {x: REALS}),
                      claim if formula is None else formula, [Step("s", claim, tactic, tuple(premises), options=opts)],
                      "s", axioms=list(axioms))
    return check(rec)


def status(*args, **kw):
    return one(*args, **kw).status


def test_sign_products_sums_powers():
    assert status(x * y > 0, "sign", {"a": x > 0, "b": y > 0}, premises=("a", "b")) == "checked"
    # y >= 0 allows y = 0, where x*y = 0: refused
    assert status(x * y > 0, "sign", {"a": x > 0, "b": y >= 0}, premises=("a", "b")) == "gap"
    assert status(x * y >= 0, "sign", {"a": x > 0, "b": y >= 0}, premises=("a", "b")) == "checked"
    assert status(x / y < 0, "sign", {"a": x > 1, "b": y < 0}, premises=("a", "b")) == "checked"
    assert status(x ** 2 + sp.exp(y) > 0, "sign") == "checked"
    assert status(x ** 2 - 1 > 0, "sign") == "gap"                 # false at x = 0
    assert status(x ** 3 > 0, "sign") == "gap"                      # false at x = -1
    assert status(x ** 3 > 0, "sign", dom={x: POS}) == "checked"
    assert status(x * sp.exp(-x) > 0, "sign", dom={x: POS}) == "checked"
    assert status(1 / x > 0, "sign", dom={x: Domain(0, 1)}) == "gap"   # x = 0 allowed
    assert status(sp.sqrt(x) > 0, "sign", dom={x: POS}) == "checked"
    assert status(sp.sqrt(x) > 0, "sign", dom={x: Domain(-1, 1)}) == "gap"


def test_sign_from_premise_differences_and_offsets():
    assert status(x - y > 0, "sign", {"a": x > y}, premises=("a",)) == "checked"
    assert status(x - y > 0, "sign", {"a": x >= y}, premises=("a",)) == "gap"     # x = y
    assert status((x - y) * sp.exp(x) > 0, "sign", {"a": x > y}, premises=("a",)) == "checked"
    assert status(sp.log(x) > 0, "sign", {"a": x > 2}, premises=("a",)) == "checked"   # x - 1 = (x - 2) + 1
    assert status(sp.log(x) > 0, "sign", {"a": x > R(1, 2)}, premises=("a",)) == "gap"  # ln(3/4) < 0
    assert status(x - 1 > 0, "sign", {"a": x > 2}) == "gap"                         # premise not cited


def test_sign_constants_certified():
    assert status(Gt(sp.pi - 3, 0), "sign", dom={}) == "checked"
    assert status(Gt(sp.log(2) - R(7, 10), 0), "sign", dom={}) == "gap"             # ln 2 = 0.693...
    assert status(Gt(sp.exp(-3) - R(1, 20), 0), "sign", dom={}) == "gap"            # e^-3 = 0.0498 < 1/20
    assert status(Lt(sp.exp(-3) - R(1, 20), 0), "sign", dom={}) == "checked"
    assert status(sp.Eq(x, x), "sign") == "gap"                                    # not an inequality


def test_monotone_explicit():
    dom = {t: Domain(0, 5, lo_open=True)}
    assert status(sp.exp(t) < sp.exp(2 * t), "monotone", dom=dom, var=x, f=sp.exp(x), at=(t, 2 * t),
                  on=(0, 10)) == "checked"
    # t in [0, 5] allows t = 0, where t < 2t fails: the points are not ordered
    assert status(sp.exp(t) < sp.exp(2 * t), "monotone", dom={t: Domain(0, 5)}, var=x, f=sp.exp(x),
                  at=(t, 2 * t), on=(0, 10)) == "gap"
    # x^2 is not increasing on [-3, 3]: (-2)^2 < 1^2 is false and is refused
    assert status(Lt(4, 1), "monotone", dom={}, var=x, f=x ** 2, at=(-2, 1), on=(-3, 3)) == "gap"
    # the point 2 lies outside the declared interval [0, 1]
    assert status(Lt(sp.exp(1), sp.exp(2)), "monotone", dom={}, var=x, f=sp.exp(x), at=(1, 2), on=(0, 1)) == "gap"
    # decreasing: derivative -e^{-x} < 0
    assert status(Gt(sp.exp(-1), sp.exp(-2)), "monotone", dom={}, var=x, f=sp.exp(-x), at=(1, 2),
                  on=(0, 3)) == "checked"


def test_monotone_side_conditions_and_parameters():
    # ln(x + a) on [1, 2] needs x + a > 0 there: a > 0 gives it, a > -2 does not (a = -3/2 makes ln(-1/2))
    ok = one(Lt(sp.log(1 + a), sp.log(2 + a)), "monotone", {"h": a > 0}, dom={}, premises=("h",), var=x,
             f=sp.log(x + a), at=(1, 2), on=(1, 2))
    assert ok.status == "checked" and "reduced to [1, 2]" in ok.steps[0].detail
    assert status(Lt(sp.log(1 + a), sp.log(2 + a)), "monotone", {"h": a > -2}, dom={}, premises=("h",), var=x,
                  f=sp.log(x + a), at=(1, 2), on=(1, 2)) == "gap"
    # -1/x has positive derivative 1/x^2 but a pole at 0: -1/(-1) < -1/1 is false and refused
    assert status(Lt(1, -1), "monotone", dom={}, var=x, f=-1 / x, at=(-1, 1), on=(-1, 1)) == "gap"
    # a premise on the bound variable is not used for the derivative (it would hold only at one point)
    assert status(Lt(4, 1), "monotone", {"h": x > 0}, dom={}, premises=("h",), var=x, f=x ** 2, at=(-2, 1),
                  on=(-3, 3)) == "gap"


def test_monotone_derivative_by_interval():
    # x e^{-x} increases on [0, 1/2] (derivative (1 - x) e^{-x} > 0), certified with arb
    f = t * sp.exp(-t)
    assert status(Lt(f.subs(t, R(1, 4)), f.subs(t, R(1, 2))), "monotone", dom={}, var=t, f=f, at=(R(1, 4), R(1, 2)),
                  on=(0, R(1, 2)), derivative_tactic="interval") == "checked"
    # on [0, 2] it is not monotone (maximum at 1): f(1/2) < f(2) is false (0.303 > 0.271) and refused
    assert status(Lt(f.subs(t, R(1, 2)), f.subs(t, 2)), "monotone", dom={}, var=t, f=f, at=(R(1, 2), 2),
                  on=(0, 2), derivative_tactic="interval") == "gap"


def test_monotone_abstract():
    g0, g1, dg, s = sp.symbols("g0 g1 dg s")
    ax = Axiom("mvt", "g differentiable on [0, 1] with derivative dg(s); g0 = g(0), g1 = g(1)", "calculus")
    dneg = Axiom("dneg", "dg(s) < 0 for s in [0, 1]", "test", formula=dg < 0)
    rec = lambda claim, hyps=None, prem=("dneg",), **o: ProofRecord(   # noqa: E731
        "t", "test", dict(hyps or {}), {s: Domain(0, 1)}, claim,
        [Step("c", claim, "monotone", prem, options={"var": s, "derivative": dg, "by": "mvt", "at": (0, 1),
                                                    "values": (g0, g1), **o})], "c", axioms=[ax, dneg])
    assert check(rec(g0 > g1)).status == "checked"
    assert check(rec(g0 < g1)).status == "gap"                    # wrong direction
    assert check(rec(g0 > g1, by="nothing")).status == "gap"      # no axiom says dg is g's derivative
    assert check(rec(g0 > g1, prem=())).status == "gap"           # the derivative's sign is not a premise
    # s may not be a variable of the statement: then the derivative's sign would hold at one s only
    assert check(rec(g0 > g1, hyps={"h": s > R(1, 2)})).status == "gap"
