"""Issue 25: a claim over an infinite domain is not verified-at-points from its default alone. Integer and
unbounded domains are swept through small and large values; the finding says how many points were
checked and how they were chosen."""
from __future__ import annotations

from boundcalc.audit import audit
from boundcalc.auditing.values import SWEEP_HOW
from boundcalc.records import Param, Result, claim
from boundcalc.registry import Registry


def _node(lhs: str, rel: str, rhs: str, default: str = "1") -> Result:
    return Result(id="lemma-1", kind="lemma", title="powers", statement=f"{lhs} {rel} {rhs} for all n >= 1",
                  location="Sec. 1", params=(Param("n", "posint", "an integer", default=default),),
                  claims=(claim("powers", lhs, rel, rhs),))


def _audit(node: Result):
    return audit(registry=Registry([node]), node="lemma-1", evaluator=False).nodes[0]


def test_false_power_claim_is_refuted_from_default_one():
    n = _audit(_node("2**n", ">=", "n**2"))
    assert n.statement.status == "refuted", n.statement
    f = next(f for f in n.findings if f.check == "claim:powers")
    bad = [int(r["params"]["n"]) for r in f.evidence["points"] if r.get("holds") is False or r.get("ok") is False
           or r.get("verdict") == "refuted"] or [int(f.evidence["failures"]["first"].split("=")[-1].rstrip("]"))]
    # independently: 2^n < n^2 exactly at the reported point(s), and n = 3 is the only positive integer where it fails
    assert bad and all(2 ** k < k * k for k in bad)
    assert [k for k in range(1, 200) if 2 ** k < k * k] == [3]


def test_true_claim_says_how_many_points_and_how_chosen():
    n = _audit(_node("2**n", ">=", "n"))
    assert n.statement.status == "verified-at-points"
    f = next(f for f in n.findings if f.check == "claim:powers")
    pts = [int(r["params"]["n"]) for r in f.evidence["points"]]
    # the default 1 (= the domain's edge) and the sweep 1..8, 10, 16, 100, 1000, 10^6, 10^12, each once
    assert sorted(pts) == [1, 2, 3, 4, 5, 6, 7, 8, 10, 16, 100, 1000, 10 ** 6, 10 ** 12]
    assert f"certified at {len(pts)} point(s) only" in f.detail and SWEEP_HOW in f.detail
    assert all(k < 2 ** k.bit_length() and k.bit_length() <= k for k in pts)     # k < 2^k without forming 2^(10^12)
    assert "14 point(s)" in n.statement.reason and "chosen" in n.statement.reason
