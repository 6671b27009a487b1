"""A refuted axiom takes `proved` from every proof resting on it, and the errata names it as a defect of the
tool's trusted base: on the example package (examples/ks24_example) and along the paper's instantiation chain.

The false axiom is J.2's derivative with a doubled coefficient, dBoltz/dz_i = 2 p_i (1 + z_i - Boltz(z)); by
hand at N0 = 0, Z0 = 1, u = 0 (z = (0, 0) summed): Boltz = 0, p = 1/2, sympy's derivative
((1 + u) e^u (Z0 + e^u) - (N0 + u e^u) e^u)/(Z0 + e^u)^2 = 2/4 = 1/2, while the doubled axiom says 2 * 1/2 = 1.
"""
from __future__ import annotations

import dataclasses
import sys
from fractions import Fraction
from pathlib import Path

import pytest
import sympy as sp

from boundcalc.prover.axioms import SymbolicCheck

ROOT = Path(__file__).resolve().parents[1]


def _j2_defs() -> SymbolicCheck:
    u, N0, Z0 = sp.Symbol("u", real=True), sp.Symbol("N0", real=True), sp.Symbol("Z0", positive=True)
    boltz = (N0 + u * sp.exp(u)) / (Z0 + sp.exp(u))
    return SymbolicCheck({"D": sp.diff(boltz, u), "p": sp.exp(u) / (Z0 + sp.exp(u)), "z_i": u, "B": boltz})


def _doubled(ax):
    return dataclasses.replace(ax, formula=sp.Eq(ax.formula.lhs, 2 * ax.formula.rhs), check=_j2_defs())


def test_hand_value_of_the_doubled_derivative():
    # the module docstring's point, in exact arithmetic: derivative 1/2, doubled axiom 1
    p, boltz, deriv = Fraction(1, 2), Fraction(0), Fraction((1 + 0) * 1 * (1 + 1) - 0, (1 + 1) ** 2)
    assert deriv == Fraction(1, 2) and deriv == p * (1 + 0 - boltz) and 2 * p * (1 + 0 - boltz) != deriv


@pytest.fixture()
def example():
    sys.path.insert(0, str(ROOT / "examples"))
    try:
        import ks24_example

        yield ks24_example
    finally:
        sys.path.remove(str(ROOT / "examples"))


def test_example_package_loses_proved_and_errata_names_the_axiom(example):
    from boundcalc.audit import audit
    from boundcalc.registry import Registry
    from boundcalc.report import errata

    base = example.registry()
    rec = base.proofs["ks-lemma-4"]
    true_ax = next(a for a in rec.axioms if a.name == "derivative")
    checked = dataclasses.replace(true_ax, check=_j2_defs())

    def run(ax):
        reg = Registry(list(base.results.values()))
        reg.proofs = {**base.proofs, "ks-lemma-4": dataclasses.replace(
            rec, axioms=[ax if a.name == "derivative" else a for a in rec.axioms])}
        return audit(registry=reg, evaluator=False, nodes=["ks-lemma-4"])

    good = run(checked).node("ks-lemma-4")
    assert good.proof.status == "checked" and good.statement.status == "proved"
    rep = run(_doubled(true_ax))
    bad = rep.node("ks-lemma-4")
    assert bad.proof.status != "checked" and bad.statement.status != "proved"
    data = errata(report=rep)
    ids = [d["id"] for d in data["defects"]]
    assert "trusted-base:ks-lemma-4:derivative" in ids
    d = next(d for d in data["defects"] if d["id"] == "trusted-base:ks-lemma-4:derivative")
    assert d["tool"] is True and "certified" in d["why"]
    assert "ks-lemma-4" not in [p["id"] for p in data["proved"]]


def test_refuted_axiom_propagates_to_every_record_instantiating_it():
    """lemma-C.2 with the doubled J.2: C.2 is a gap, and so are C.4 and ext-ks24-lemma-4, which instantiate C.2;
    with the true axiom all three check."""
    import proofs
    from boundcalc.auditing.proofcheck import check_records

    reg = proofs.registry()
    keys = ("lemma-C.2", "lemma-C.4", "ext-ks24-lemma-4")
    records = {k: reg.proofs[k] for k in keys}
    outcomes, _ = check_records(reg, records, seed=0)
    assert all(outcomes[k].status == "checked" for k in keys)
    c2 = reg.proofs["lemma-C.2"]
    wrong = dataclasses.replace(c2, axioms=[_doubled(a) if a.name == "deriv" else a for a in c2.axioms])
    outcomes, checks = check_records(reg, {**records, "lemma-C.2": wrong}, seed=0)
    assert [c.status for c in checks["lemma-C.2"] if c.name == "deriv"] == ["refuted"]
    assert "refuted axiom" in outcomes["lemma-C.2"].reason
    assert all(outcomes[k].status == "gap" for k in keys), {k: outcomes[k].reason for k in keys}
