"""The engine is generic: boundcalc/ imports nothing from a paper package, and another paper loads.

The second paper is the example package of docs/declaring-a-paper.md (examples/ks24_example).
"""
from __future__ import annotations

import ast
import json
import os
import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
ENGINE = ROOT / "boundcalc"
EXAMPLES = ROOT / "examples"
PAPER_PACKAGES = {"proofs", "ks24_example"}


def _imported_modules(path: pathlib.Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "import_module" and node.args:
            arg = node.args[0]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                names.add(arg.value)
    return names


def test_engine_imports_no_paper_package():
    offenders = []
    for path in sorted(ENGINE.rglob("*.py")):
        for name in _imported_modules(path):
            if name.split(".")[0] in PAPER_PACKAGES:
                offenders.append(f"{path.relative_to(ROOT)} imports {name}")
    assert offenders == []


def test_the_import_scan_would_see_an_offender(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from proofs.appendix_c import LEMMA_C2\n    import importlib\n"
                   "    importlib.import_module('proofs.validate')\n", encoding="utf-8")
    assert {"proofs.appendix_c", "proofs.validate"} <= _imported_modules(bad)


def _run(*args: str, env_extra: dict | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(EXAMPLES), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env.update(env_extra or {})
    return subprocess.run([sys.executable, "-m", "boundcalc", *args], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=300, stdin=subprocess.DEVNULL)


def test_example_paper_audits_through_the_cli():
    """The command docs/declaring-a-paper.md shows; its nodes come from the example package only."""
    proc = _run("--paper", "ks24_example", "audit", "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    ids = [n["id"] for n in data["nodes"]]
    assert sorted(ids) == ["ks-identity", "ks-lemma-4", "ks-lemma-5"]
    for node in data["nodes"]:
        assert node["statement"]["status"] in {"unknown", "proved", "verified-at-points"}   # the three are true
        for f in node["findings"]:
            assert "--paper ks24_example" in f["rerun"]
    # the environment variable selects the paper too
    env = _run("audit", "--json", "--node", "C.2", env_extra={"BOUNDCALC_PAPER": "ks24_example"})
    assert env.returncode == 0, env.stderr
    assert [n["id"] for n in json.loads(env.stdout)["nodes"]][-1] == "ks-lemma-4"


def test_example_paper_search_catches_a_weakened_hypothesis():
    """Lemma 4 with the threshold ln n (not ln n + 1) is false: n = 2, z = (0, -7/10) has dBoltz/dz_2 > 0.

    By hand: p_2 = e^{-0.7}/(1+e^{-0.7}) = 0.3318..., Boltz = -0.7 p_2, so
    1 + z_2 - Boltz = 1 - 0.7 (1 - p_2) = 0.532... > 0 and the derivative p_2 (1 + z_2 - Boltz) > 0.
    """
    sys.path.insert(0, str(EXAMPLES))
    try:
        from boundcalc.auditing.context import AuditContext
        from boundcalc.auditing import run_node
        from boundcalc.checks import Counterexample
        from ks24_example import lemmas
        from ks24_example import registry
    finally:
        sys.path.remove(str(EXAMPLES))
    import dataclasses
    from fractions import Fraction

    import mpmath

    p2 = mpmath.e ** -0.7 / (1 + mpmath.e ** -0.7)
    assert p2 * (1 - 0.7 * (1 - p2)) > 0                                  # the hand derivation
    assert lemmas.d_boltz([Fraction(0), Fraction(-7, 10)], 1).gt(0) is True   # the engine agrees

    spec = lemmas.DECREASING.checks[0]
    weak = dataclasses.replace(spec, hypotheses=lemmas.far_below(0), sample=lemmas.draws(0),
                               adversarial=lemmas.near_threshold(0))
    assert isinstance(weak, Counterexample)
    node = dataclasses.replace(lemmas.DECREASING, checks=(weak,))
    ctx = AuditContext(registry=registry(), digits=15, seed=0, params={})
    verdicts = [f.verdict.value for f in run_node(node, ctx)]
    assert "refuted" in verdicts
    original = [f.verdict.value for f in run_node(lemmas.DECREASING, ctx)]
    assert "refuted" not in original


def test_bad_paper_names_are_one_line_errors():
    for args in (("--paper", "no_such_paper_pkg", "audit"), ("--paper", "x;y", "audit"), ("--paper", "json", "audit")):
        proc = _run(*args)
        assert proc.returncode == 2, (args, proc.stderr)
        assert proc.stderr.count("\n") == 1 and proc.stdout == ""


def test_paper_selection_order(monkeypatch):
    """--paper beats BOUNDCALC_PAPER, which beats an entry point named 'default', which beats 'proofs'."""
    from boundcalc import paper

    # the installed entry points as paper._entry_points reads them (tests/test_paper_entry_points.py checks
    # that reader against importlib.metadata on a real distribution folder)
    monkeypatch.setattr(paper, "_entry_points", lambda: {"default": "from_entry_point"})
    monkeypatch.delenv(paper.ENV, raising=False)
    try:
        paper.choose(None)
        assert paper.current() == "from_entry_point"
        monkeypatch.setenv(paper.ENV, "from_env")
        assert paper.current() == "from_env"
        paper.choose("from_flag")
        assert paper.current() == "from_flag"
        monkeypatch.setattr(paper, "_entry_points", lambda: {})
        paper.choose(None)
        monkeypatch.delenv(paper.ENV)
        assert paper.current() == "proofs"
    finally:
        paper.choose(None)


def test_a_module_without_registry_is_refused():
    from boundcalc import paper
    from boundcalc.errors import InputError

    with pytest.raises(InputError, match="has no registry"):
        paper.module("json")
