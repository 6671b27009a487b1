"""Printed parameter hypotheses compared with declared domains: exact sets, false goals refused."""
import dataclasses
from fractions import Fraction

import pytest

import proofs
from boundcalc.domains import DECLARED, DomainError, compare_domain
from boundcalc.quotes import Quote, compare, quoted_interval
from boundcalc.records import Param, check_domain
from boundcalc.errors import InputError

K = {r"\epsilon", "eps"}


@pytest.mark.parametrize("text,domain", [
    (r"\epsilon > 0", "pos"), (r"\epsilon \geq 0", "nonneg"), (r"0 < \epsilon < 1", "(0,1)"),
    (r"\epsilon \in (0, 1)", "(0,1)"), (r"0 < \epsilon \leq 1", "(0,1]"), (r"1 \leq \epsilon < \infty", ">=1"),
    (r"\epsilon \in [1, \infty)", ">=1"), (r"\epsilon \geq 1", "posint"), (r"\epsilon > 0", "posint"),
    (r"\epsilon \in \mathbb{N}^+", "posint"), (r"\epsilon > 1", "int>=2"), (r"\epsilon \geq 0", "nonnegint"),
    (r"\epsilon > -\infty", "real"), (r"0 < \epsilon", "pos"), (r"1 > \epsilon > 0", "(0,1)"),
])
def test_printed_statement_equals_its_domain(text, domain):
    same, how = compare_domain(domain, quoted_interval(text, K))
    assert same, how


@pytest.mark.parametrize("text,domain", [
    (r"\epsilon \geq 0", "pos"), (r"\epsilon > 0", "nonneg"), (r"0 < \epsilon \leq 1", "(0,1)"),
    (r"\epsilon \in (0, 1]", "(0,1)"), (r"\epsilon > 0", ">=1"), (r"\epsilon \geq 0", "posint"),
    (r"\epsilon \geq 1", "int>=2"), (r"\epsilon \in \mathbb{N}^+", "pos"), (r"\epsilon > 1/2", "pos"),
    (r"0 > \epsilon", "pos"), (r"\epsilon < 1", "(0,1)"), (r"\epsilon > \frac{1}{3}", "nonneg"),
])
def test_false_goals_are_refused(text, domain):
    same, how = compare_domain(domain, quoted_interval(text, K))
    assert not same, how


@pytest.mark.parametrize("text", [r"\epsilon \in \mathbb{N}", r"x > 0", r"\epsilon > \delta",
                                  r"0 < \epsilon < 1 < 2", r"0 < \epsilon > 1", r"\epsilon \in \mathbb{R}_+"])
def test_unreadable_statements_are_undecided(text):
    with pytest.raises(DomainError):
        quoted_interval(text, K)


@pytest.mark.parametrize("domain", sorted(DECLARED))
def test_declared_sets_agree_with_the_input_check(domain):
    """The exact sets are the ones the CLI enforces (a second source: records.check_domain)."""
    iv = DECLARED[domain].normal()
    for k in range(-8, 9):
        x = Fraction(k, 4)
        inside = (iv.lo is None or x > iv.lo or (iv.lo_closed and x == iv.lo)) and \
                 (iv.hi is None or x < iv.hi or (iv.hi_closed and x == iv.hi)) and \
                 (not iv.integer or x.denominator == 1)
        try:
            check_domain("x", domain, x)
            accepted = True
        except InputError:
            accepted = False
        assert inside == accepted, (domain, x)


def _with_param(domain):
    r = proofs.registry().results["lemma-2.3"]
    eps = next(p for p in r.params if p.name == "eps")
    params = tuple(dataclasses.replace(p, domain=domain) if p is eps else p for p in r.params)
    return dataclasses.replace(r, params=params)


def test_domain_quote_through_compare():
    q = Quote(r"\epsilon > 0", "Lemma 2.3", "hypothesis", declares="domain:eps", symbols={r"\epsilon": "eps"})
    assert compare(q, _with_param("pos")).status == "match"
    got = compare(q, _with_param("nonneg"))
    assert got.status == "mismatch" and "[0, inf)" in got.detail
    missing = Quote(r"\epsilon > 0", "Lemma 2.3", "hypothesis", declares="domain:nope")
    assert compare(missing, _with_param("pos")).status == "undecided"
