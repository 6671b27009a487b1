"""Equalities that hold identically are decided symbolically before any interval arithmetic.

log(x^2) and 2 log(x) are the same function of x > 0 (hand derivation: log laws), but their balls never
certify equality at any precision, so a point-wise comparison alone leaves the claim undecided after
running to the precision cap. A false twin (3 log x) must still be refuted at points where log x != 0.
"""
from boundcalc.audit import audit
from boundcalc.auditing.values import identical
from boundcalc.records import Param, Result, claim
from boundcalc.registry import Registry


def result(rhs: str) -> Result:
    return Result(id="log-law", kind="lemma", title="a log law", statement="log(x^2) = RHS for x > 0",
                  location="test", params=(Param("x", "pos", default="3"),),
                  claims=(claim("law", "log(x*x)", "==", rhs),))


def test_identity_is_decided_and_a_false_twin_refuted():
    good, bad = result("2*log(x)"), result("3*log(x)")
    assert identical(good, good.claims[0].lhs, good.claims[0].rhs)
    assert not identical(bad, bad.claims[0].lhs, bad.claims[0].rhs)
    rep = audit(registry=Registry([good]), evaluator=False)
    (f,) = [f for f in rep.nodes[0].findings if f.check == "claim:law"]
    assert f.verdict.value == "verified", f.detail
    rep = audit(registry=Registry([bad]), evaluator=False)
    (f,) = [f for f in rep.nodes[0].findings if f.check == "claim:law"]
    assert f.verdict.value == "refuted", f.detail
