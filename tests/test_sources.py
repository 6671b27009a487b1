"""One source of truth: every declared constant is used, no formula is written twice, readers read
the declarations, and constants named alike in related results are compared."""
from __future__ import annotations

import dataclasses
import math
import pathlib
from fractions import Fraction

import pytest

import proofs
from boundcalc.auditing import crossnode, sources
from boundcalc.auditing.context import AuditContext
from boundcalc.records import Param, Result, constant
from boundcalc.registry import Registry

ROOT = pathlib.Path(__file__).resolve().parents[1]
READERS = ("proofs/calculators", "proofs/constructions", "proofs/commands")


def reader_texts():
    texts = [p.read_text() for d in READERS for p in (ROOT / d).glob("*.py")]
    validate = ROOT / "proofs" / "validate.py"
    return texts + ([validate.read_text()] if validate.exists() else [])


def test_every_declared_constant_is_used():
    assert sources.unused_constants(proofs.registry(), reader_texts()) == []


def test_no_formula_is_written_twice():
    assert sources.duplicate_formulas(proofs.registry()) == []


def test_the_two_rules_are_not_vacuous():
    p = (Param("x", "pos"),)
    a = Result("a", "lemma", "a", "synthetic", "test", params=p, constants=(constant("k", "2*x"), constant("spare", "x + 1")),
               claims=())
    b = Result("b", "lemma", "b", "synthetic", "test", params=p, constants=(constant("m", "2*x"),))
    reg = Registry([a, b])
    assert ("a", "spare") in sources.unused_constants(reg)
    assert ("a", "k") in sources.unused_constants(reg)
    assert ("a", "spare") not in sources.unused_constants(reg, ['x = "spare"'])
    assert sources.duplicate_formulas(reg) == [("2*x", [("a", "k"), ("b", "m")])]


def test_constant_value_reads_the_declaration():
    l23 = proofs.registry().get("lemma-2.3")
    lam = sources.constant_value(l23, "lam", d=2, L=3, eps=Fraction(1, 10), C=1, alpha=2)
    assert lam.as_fraction() == Fraction(20 * 20 * 6, 1) ** 3          # (20 sqrt 6)^6 = 13824000000
    assert lam.as_fraction() == 13824000000
    # an intermediate constant can be fixed
    t23 = proofs.registry().get("theorem-2.3")
    assert sources.constant_fraction(t23, "Lp", N=3, d=1, L=2) == 2 * 3 ** 2


def test_constructions_read_their_constants():
    from proofs.constructions import appendix_d as D

    c = D.d1_constant(3, 2)
    assert abs(float(c.mid()) - math.sqrt(8 / (math.pi * 2)) / 9) < 1e-12
    assert D.d2_cancellation_counterexample()["p1_dot_p1prime"] == Fraction(28, 3) or \
        str(D.d2_cancellation_counterexample()["p1_dot_p1prime"]) == "28/3"


def _registry_with(rid, name, text):
    reg = proofs.registry()
    r = reg.get(rid)
    consts = tuple(dataclasses.replace(c, formula=constant(name, text).formula) if c.name == name else c
                   for c in r.constants)
    return Registry([dataclasses.replace(r, constants=consts) if x.id == rid else x for x in reg.results.values()])


def test_same_named_constants_agree_in_the_paper():
    reg = proofs.registry()
    ctx = AuditContext(registry=reg)
    assert [f.check for r in reg.results.values() for f in crossnode.run(r, ctx)] == []


def test_lemma_2_3_lambda_made_smaller_is_flagged_in_theorem_2_5():
    """Lemma 2.3's lambda 2^{dL} times smaller no longer matches Theorem 2.5's, at every point."""
    reg = _registry_with("lemma-2.3", "lam", "(C*(d*L)**(1/alpha)/eps)**(d*L)")
    found = crossnode.run(reg.get("theorem-2.5"), AuditContext(registry=reg))
    lam = next(f for f in found if f.check == "same-name:lam:lemma-2.3")
    assert lam.verdict.value == "inconsistent"
    assert lam.evidence["failures"]["failing"] == lam.evidence["failures"]["points"] >= 4
    row = lam.evidence["points"][0]
    d, L = int(row["params"]["d"]), int(row["params"]["L"])
    assert Fraction(row["here"]) / Fraction(row["there"]) == 2 ** (d * L)


def test_a_declared_difference_silences_the_comparison():
    reg = _registry_with("lemma-2.3", "lam", "(C*(d*L)**(1/alpha)/eps)**(d*L)")
    t25 = reg.get("theorem-2.5")
    quiet = dataclasses.replace(t25, data=dict(t25.data, differs_from={"lam": {"lemma-2.3": "test"},
                                                                         "Lp_min": {"lemma-2.3": "test"}}))
    reg2 = Registry([quiet if r.id == "theorem-2.5" else r for r in reg.results.values()])
    assert crossnode.run(reg2.get("theorem-2.5"), AuditContext(registry=reg2)) == []


def test_a_lemma_parameter_is_fed_from_the_theorems_constant():
    """Theorem 2.4 computes L_p and N; Lemma F.2 takes them as parameters. An exponent changed in the
    theorem's r2 is caught against the lemma's r2 at the theorem's examples."""
    reg = _registry_with("theorem-2.4", "r2", "3*d*n_cols*N**(d*n_cols + 1)")
    found = {f.check: f for f in crossnode.run(reg.get("theorem-2.4"), AuditContext(registry=reg))}
    f = found["same-name:r2:lemma-F.2"]
    row = f.evidence["points"][0]
    # d = L = 1, eps = 1/2: N = ceil(2/(1/2)) = 4, L_p = 4, L' = 5; r2 = 3*5*4^5 vs the mutant's 3*5*4^6
    assert row["params"]["eps"] == "1/2" and row["there"] == str(3 * 5 * 4 ** 5) and row["here"] == str(3 * 5 * 4 ** 6)
