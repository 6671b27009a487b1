"""`boundcalc new-paper NAME`: write a paper package to start from (one example result, audited by a test).

The scaffold holds what docs/declaring-a-paper.md explains, each piece once: a Result with a parameter
domain, a claim, its quotes (the printed formula and the printed hypothesis), a formal statement
(:mod:`boundcalc.statements`) from which the default counterexample search is derived, a machine-checked
proof record (:mod:`boundcalc.prover`), and a pytest file that audits the package. The files are written
to a temporary folder first and moved into place at the end, so a failure leaves nothing half-written.
"""
from __future__ import annotations

import keyword
import os
import shutil
import sys
import tempfile

import click

from ..errors import InputError

INIT = '''"""{name}: the declarations of one paper, audited by boundcalc.

Audit it from the folder that contains this package::

    PYTHONPATH=. boundcalc --paper {name} audit
    PYTHONPATH=. python -m pytest tests/test_{name}.py
"""
from __future__ import annotations

from functools import lru_cache

from boundcalc.registry import Registry

SOURCE = "Replace me: authors, title, venue or arXiv number, year"


@lru_cache(maxsize=1)
def registry() -> Registry:
    """Every declared result (the only thing the engine requires), with its proof records."""
    from .proofs import PROOFS
    from .results import RESULTS

    reg = Registry(RESULTS, source=SOURCE)
    reg.proofs = dict(PROOFS)
    return reg
'''

RESULTS = '''"""One Result per numbered result of the paper. Start from this example and replace it."""
from __future__ import annotations

import sympy as sp

from boundcalc.objects import Rationals
from boundcalc.quotes import Quote
from boundcalc.records import Param, Result, claim
from boundcalc.statements import Statement

x = sp.Symbol("x")

# The formal statement: typed variables (their domains are objects the search samples), hypotheses and
# the conclusion. The counterexample search and the proof record's binding are derived from it.
STATEMENT = Statement(
    variables={{"x": Rationals(0, None, lo_open=True)}},
    conclusion=(sp.GreaterThan(x + 1 / x, 2, evaluate=False),),
)

EXAMPLE = Result(
    id="lemma-1", kind="lemma", aliases=("L1",),
    title="a number plus its reciprocal is at least 2",
    statement="For every x > 0, x + 1/x >= 2.",
    location="Lemma 1 (Sec. 2)",
    params=(Param("x", Rationals(0, None, lo_open=True), "a positive number", default="3", latex="x"),),
    claims=(claim("sum-bound", "x + 1/x", ">=", "2", "the claimed lower bound"),),
    quotes=(Quote(r"x + \\frac{{1}}{{x}} \\geq 2", "Lemma 1", role="claim", declares="sum-bound"),
            Quote(r"x > 0", "Lemma 1", role="hypothesis", declares="domain:x")),
    formal=STATEMENT,
    checks=STATEMENT.checks(name="sum-bound search", trials=60),
)

RESULTS = [EXAMPLE]
'''

PROOFS = '''"""Machine-checked proof records (docs/proofs.md), keyed by result id."""
from __future__ import annotations

import sympy as sp

from boundcalc.prover import POS, ProofRecord, Step

x = sp.Symbol("x")
CLAIM = sp.GreaterThan(x + 1 / x, 2, evaluate=False)

# x + 1/x - 2 = (x - 1)^2 / x >= 0 for x > 0: the 'sign' tactic reads it off the factored form.
PROOFS = {{
    "lemma-1": ProofRecord(
        "lemma-1", "x + 1/x >= 2 for x > 0", hypotheses={{}}, variables={{x: POS}}, formula=CLAIM,
        steps=[Step("bound", CLAIM, "sign", note="(x - 1)^2 / x >= 0")], conclusion="bound",
        latex=r"x + \\frac{{1}}{{x}} \\geq 2"),
}}
'''

TEST = '''"""The package audits as declared: run with ``PYTHONPATH=. python -m pytest tests/test_{name}.py``."""
from __future__ import annotations

import dataclasses

from boundcalc.audit import audit
from boundcalc.findings import Verdict
from boundcalc.registry import Registry

import {name}


def test_the_audit_refutes_nothing_and_proves_the_example():
    report = audit(registry={name}.registry(), seed=0, evaluator=False)
    assert report.nodes, "no result was audited"
    for node in report.nodes:
        refuted = [f.check for f in node.findings if f.verdict is Verdict.REFUTED]
        assert not refuted, (node.id, refuted)
    example = next(n for n in report.nodes if n.id == "lemma-1")
    assert example.statement.status == "proved", example.statement


def test_the_search_bites_on_a_wrong_constant():
    """Claim x + 1/x >= 5/2 instead of 2: the derived search must find a certified counterexample."""
    import sympy as sp

    from {name}.results import EXAMPLE, STATEMENT, x

    wrong = dataclasses.replace(STATEMENT, conclusion=(sp.GreaterThan(x + 1 / x, sp.Rational(5, 2), evaluate=False),))
    node = dataclasses.replace(EXAMPLE, formal=wrong, quotes=(), checks=wrong.checks(name="wrong", trials=60))
    report = audit(registry=Registry([node]), seed=0, evaluator=False)
    assert any(f.verdict is Verdict.REFUTED for f in report.nodes[0].findings)
'''


def write(name: str, where: str) -> list[str]:
    """Write the package ``where/name`` and ``where/tests/test_name.py``; the paths written."""
    if not name.isidentifier() or keyword.iskeyword(name) or not name.islower():
        raise InputError(f"NAME must be a lower-case Python identifier such as 'smith24', got {name!r}")
    if name in ("boundcalc", "proofs", "tests", "cli") or name in sys.builtin_module_names:
        raise InputError(f"NAME {name!r} would shadow an existing module; choose another")
    if not os.path.isdir(where):
        raise InputError(f"--dir: no such folder: {where}")
    pkg, test = os.path.join(where, name), os.path.join(where, "tests", f"test_{name}.py")
    for path in (pkg, test):
        if os.path.exists(path):
            raise InputError(f"{path} already exists; nothing written")
    files = {os.path.join(name, "__init__.py"): INIT, os.path.join(name, "results.py"): RESULTS,
             os.path.join(name, "proofs.py"): PROOFS, os.path.join("tests", f"test_{name}.py"): TEST}
    tmp = tempfile.mkdtemp(prefix=f".{name}-", dir=where)
    try:
        for rel, text in files.items():
            os.makedirs(os.path.join(tmp, os.path.dirname(rel)), exist_ok=True)
            with open(os.path.join(tmp, rel), "w", encoding="utf-8") as fh:
                fh.write(text.format(name=name))
        os.makedirs(os.path.join(where, "tests"), exist_ok=True)
        os.replace(os.path.join(tmp, name), pkg)
        os.replace(os.path.join(tmp, "tests", f"test_{name}.py"), test)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return [os.path.join(where, rel) for rel in files]


@click.command("new-paper")
@click.argument("name")
@click.option("--dir", "where", default=".", show_default=True, metavar="DIR",
              help="the folder that receives the package NAME/ and tests/test_NAME.py")
def command(name: str, where: str) -> None:
    """Write a paper package NAME to start from: one example result with its quotes, formal statement,
    proof record, and a test that audits it (see docs/declaring-a-paper.md)."""
    for path in write(name, where):
        click.echo(f"wrote {path}")
    click.echo(f"next: cd {where} && PYTHONPATH=. boundcalc --paper {name} audit")
