"""The calculators stay light: after `lp`, `ffn` or `contextual` has run, none of the heavy machinery
(the prover, the proof records, the audit, sympy and its LaTeX parser, numpy, z3) has been imported.

Each command runs in a fresh interpreter that then lists its loaded modules, so an import added
anywhere on the path (engine, paper package, a declaration module) makes this fail.
"""
import json
import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

HEAVY = ("sympy", "numpy", "lark", "z3", "networkx", "scipy", "matplotlib",
         "boundcalc.prover", "boundcalc.auditing", "boundcalc.audit", "boundcalc.mutation", "proofs.machine")

PROBE = """
import json, sys
import cli
try:
    cli.main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code or 0
print(json.dumps({"code": code, "modules": sorted(sys.modules)}), file=sys.stderr)
"""

COMMANDS = {
    "lp": ["lp", "--d", "2", "--L", "3", "--eps", "0.1"],
    "lp-json": ["lp", "--d", "2", "--L", "3", "--eps", "0.1", "--json"],
    "ffn": ["ffn", "--d", "2", "--L", "3", "--eps", "0.1"],
    "contextual": ["contextual", "--V", "10", "--d", "2", "--n", "10", "--gamma-min", "1", "--gamma-max", "4",
                   "--eps", "0.1"],
}


def loaded_after(argv: list[str]) -> tuple[int, list[str]]:
    env = dict(os.environ, PYTHONPATH=ROOT)
    out = subprocess.run([sys.executable, "-c", PROBE, *argv], capture_output=True, text=True, cwd=ROOT,
                         env=env, timeout=120)
    report = json.loads(out.stderr.strip().splitlines()[-1])
    return report["code"], report["modules"]


def heavy(modules: list[str]) -> list[str]:
    return [m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY)]


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_calculator_loads_no_heavy_module(name):
    code, modules = loaded_after(COMMANDS[name])
    assert code == 0
    found = heavy(modules)
    assert not found, f"{name} imported {sorted({m.split('.')[0] if '.' not in m[:10] else m for m in found})[:10]}"


def test_probe_sees_a_heavy_import():
    """The probe itself works: a command that does audit loads the audit and sympy."""
    code, modules = loaded_after(["explain", "lemma-2.3", "--no-cache"])
    assert code in (0, 1)
    assert "boundcalc.audit" in modules and "sympy" in modules
