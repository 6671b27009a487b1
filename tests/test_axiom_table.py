"""docs/axioms.md and the README's count line are the current output of ``python -m boundcalc.prover.axioms``."""
from __future__ import annotations

from pathlib import Path

import proofs
from boundcalc.auditing.proofcheck import check_records
from boundcalc.prover.axioms import table

ROOT = Path(__file__).resolve().parents[1]


def test_axiom_table_is_current():
    reg = proofs.registry()
    outcomes, checks = check_records(reg, reg.proofs, seed=0)
    text = table(checks)
    doc = (ROOT / "docs" / "axioms.md").read_text()
    assert doc.endswith(text), "regenerate docs/axioms.md: python -m boundcalc.prover.axioms"
    summary = text.splitlines()[0]
    assert summary in (ROOT / "README.md").read_text(), "update the README's axiom count line"
    # every record with a formula-bearing axiom has it checked (prose-only axioms are the only exception)
    by_name = {(k, ax.name): ax for k, rec in reg.proofs.items() for ax in rec.axioms}
    for key, cs in checks.items():
        for c in cs:
            if c.status == "unchecked":
                assert by_name[(key, c.name)].formula is None, (key, c.name)
            assert c.status != "refuted", (key, c.name, c.detail)
    assert all(o.status == "checked" for o in outcomes.values())
