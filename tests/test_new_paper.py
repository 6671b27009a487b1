"""`boundcalc new-paper NAME` (issue 24): the scaffold audits clean, its proof record proves its example,
its own test passes, and bad input writes nothing (exit 2)."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _run(args, cwd, **kw):
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(cwd), ROOT]))
    return subprocess.run([sys.executable, "-m", "boundcalc", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=600, **kw)


def test_scaffold_audits_and_its_own_test_passes(tmp_path):
    p = _run(["new-paper", "demo24"], tmp_path)
    assert p.returncode == 0, p.stderr
    assert sorted(os.listdir(tmp_path / "demo24")) == ["__init__.py", "proofs.py", "results.py"]
    assert (tmp_path / "tests" / "test_demo24.py").is_file()
    audit = _run(["--paper", "demo24", "audit"], tmp_path)
    assert audit.returncode == 0, audit.stderr
    row = next(ln for ln in audit.stdout.splitlines() if ln.startswith("lemma-1 "))
    assert row.split()[2:5] == ["proved", "checked", "verified"]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(tmp_path), ROOT]))
    t = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_demo24.py"],
                       cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)
    assert t.returncode == 0 and "2 passed" in t.stdout, t.stdout + t.stderr


@pytest.mark.parametrize("name,phrase", [("Bad-Name", "lower-case Python identifier"), ("class", "identifier"),
                                         ("proofs", "shadow"), ("sys", "shadow")])
def test_bad_names_write_nothing(tmp_path, name, phrase):
    p = _run(["new-paper", name], tmp_path)
    assert p.returncode == 2 and phrase in p.stderr and len(p.stderr.strip().splitlines()) == 1
    assert os.listdir(tmp_path) == []


def test_an_existing_package_is_never_overwritten(tmp_path):
    (tmp_path / "demo25").mkdir()
    (tmp_path / "demo25" / "keep.txt").write_text("mine")
    p = _run(["new-paper", "demo25"], tmp_path)
    assert p.returncode == 2 and "already exists" in p.stderr
    assert os.listdir(tmp_path / "demo25") == ["keep.txt"] and not (tmp_path / "tests").exists()
    assert _run(["new-paper", "demo26", "--dir", str(tmp_path / "missing")], tmp_path).returncode == 2
