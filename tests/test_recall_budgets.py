"""Issue 21, item 9: exact operations refused by their size, and per-check time/memory budgets.

Planted errors: a declaration using (1+delta)**(1+delta) at one of the engine's own special values
(delta = 2^-40), a check that never ends, a check that allocates without bound. True statements: the
same declaration's claim is left alone (no counterexample), and a quick check under a budget keeps its
own verdict.
"""
from __future__ import annotations

from fractions import Fraction

from boundcalc.audit import audit
from boundcalc.checks import Budget, Counterexample, Custom
from boundcalc.findings import Finding, Verdict
from boundcalc.numbers import Real, _iroot
from boundcalc.objects import Rationals, Rel
from boundcalc.records import Result
from boundcalc.registry import Registry


def node(id, checks):
    return Result(id=id, kind="lemma", title=id, statement="synthetic", location="test", checks=tuple(checks))


def findings(*checks):
    rep = audit(registry=Registry([node("n", checks)]), evaluator=False)
    return {f.check: f for f in rep.nodes[0].findings}


def test_iroot_with_a_huge_index_is_refused_by_size_and_still_exact():
    # 2**(2**40) would need 2^40 bits: the guard answers from sizes alone
    assert _iroot(2 ** 40 + 1, 2 ** 40) is None
    assert _iroot(3 ** 50, 50) == 3 and _iroot(2 ** 64, 64) == 2 and _iroot(2 ** 64 + 1, 64) is None
    d = Real(Fraction(1, 2 ** 40))
    x = (1 + d) ** (1 + d)
    # (1+d)^(1+d) = exp((1+d) ln(1+d)), and (1+d) ln(1+d) = d + d^2/2 - ...: strictly between d and d + d^2
    lo, hi = (d).exp(), (d + d * d).exp()
    assert x.gt(lo) is True and x.lt(hi) is True


def test_engine_special_value_in_a_power_tower_does_not_hang():
    """(1+delta)^(1+delta) >= 1 + delta (true: Bernoulli) searched with delta in (0, 1): the special
    values include 2^-40; the claim is left alone and the search finishes."""
    spec = Counterexample("bernoulli", lhs=lambda o: (1 + Real(o["delta"])) ** (1 + Real(o["delta"])), rel=">=",
                          rhs=lambda o: 1 + Real(o["delta"]), objects={"delta": Rationals(0, 1, lo_open=True)},
                          assume=(Rel("delta < 1", "delta", "<", "1"),), trials=20)
    f = findings(spec)["counterexample:bernoulli"]
    assert f.verdict is Verdict.UNKNOWN and "no counterexample" in f.detail
    assert f.evidence["stages"].get("special", 0) > 0


def test_a_check_past_its_time_budget_is_unknown_with_the_reason():
    def forever(seed):
        n = 0
        while True:
            n += 1

    f = findings(Custom("loop", forever, budget=Budget(seconds=0.3, memory_mb=0)))["custom:loop"]
    assert f.verdict is Verdict.UNKNOWN and "CPU-time budget of 0.3 s" in f.detail


def test_a_check_past_its_memory_budget_is_unknown_with_the_reason():
    def greedy(seed):
        blocks = [bytearray(64 * 2 ** 20) for _ in range(8)]      # 512 MB, past a 128 MB budget
        return [Finding("custom:greedy", Verdict.VERIFIED, f"{len(blocks)}", {}, channel="statement")]

    f = findings(Custom("greedy", greedy, budget=Budget(seconds=0, memory_mb=128)))["custom:greedy"]
    assert f.verdict is Verdict.UNKNOWN and "memory budget of 128 MB" in f.detail


def test_a_check_within_its_budget_keeps_its_verdict():
    def quick(seed):
        return [Finding("custom:quick", Verdict.VERIFIED, "fine", {"points": [{"point": "p"}]}, channel="statement")]

    f = findings(Custom("quick", quick, budget=Budget(seconds=30, memory_mb=512)))["custom:quick"]
    assert f.verdict is Verdict.VERIFIED
