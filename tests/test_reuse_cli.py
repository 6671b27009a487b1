"""Reused audits through the command line, in fresh interpreters, on the small example package (its own
file, split from tests/test_reuse.py, so the parallel test runners can run it beside the other cache tests):

- the commands print byte-identical output fresh, reused, with --no-cache and with --jobs 2;
- the commands really do reuse: a stored audit that is edited (consistently) changes what `report` prints.

The first fresh `audit --json` (into an empty cache folder) is run once for the module; each test starts
from its own copy of that folder. The edit test comes first, right after that audit: the stored audit is
filed under the engine's and the package's source hashes, so it must be read back before anyone edits them.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from boundcalc import cache

ROOT = Path(__file__).resolve().parents[1]


def _cli(args, cache_dir, **env):
    e = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), str(ROOT / "examples")]),
             BOUNDCALC_CACHE_DIR=str(cache_dir), **env)
    e.pop("BOUNDCALC_NO_CACHE", None)
    out = subprocess.run([sys.executable, "-m", "cli", "--paper", "ks24_example", *args], capture_output=True,
                         text=True, cwd=ROOT, env=e, timeout=300)
    assert out.returncode in (0, 1), out.stderr
    return out.stdout


@pytest.fixture(scope="module")
def fresh(tmp_path_factory):
    """(cache folder, output) of `audit --json` run fresh into an empty cache folder."""
    d = tmp_path_factory.mktemp("fresh") / "c"
    out = _cli(["audit", "--json"], d)
    return d, out


def _copy(fresh, tmp_path):
    """A private copy of the freshly filled cache folder (the tests edit theirs)."""
    d = tmp_path / "c"
    shutil.copytree(fresh[0], d)
    return d


def test_report_really_reuses_the_stored_audit(fresh, tmp_path):
    """Edit the stored audit consistently (payload and checksum): `report` prints the edit, so it read the
    stored audit instead of running a new one; the seed is in the key, so seed 1 is audited afresh."""
    d = _copy(fresh, tmp_path)                  # holds what `audit --json` stored, and nothing else
    (entry_path,) = (d / "audit").iterdir()
    entry = json.loads(entry_path.read_text())
    data = json.loads(entry["payload"])
    data["nodes"][0]["title"] = "EDITED IN THE CACHE"
    entry["payload"] = json.dumps(data)
    entry["sha256"] = cache._checksum(entry["payload"])
    entry_path.write_text(json.dumps(entry))
    assert "EDITED IN THE CACHE" in _cli(["report", "--format", "json"], d)
    assert "EDITED IN THE CACHE" not in _cli(["report", "--format", "json", "--seed", "1"], d)
    # a corrupt entry is ignored and rebuilt
    entry_path.write_text("garbage")
    assert "EDITED IN THE CACHE" not in _cli(["audit", "--json"], d)


def test_commands_print_the_same_fresh_reused_and_uncached(fresh, tmp_path):
    d = _copy(fresh, tmp_path)
    audit_fresh = fresh[1]
    assert _cli(["audit", "--json"], d) == audit_fresh                                      # reused
    assert _cli(["audit", "--json", "--jobs", "2", "--no-cache"], tmp_path / "other") == audit_fresh
    report = _cli(["report", "--format", "json"], d)          # reuses the stored audit
    assert _cli(["report", "--format", "json", "--no-cache"], tmp_path / "other") == report
    assert _cli(["report", "--format", "json"], d) == report    # the stored rendering
    assert not (tmp_path / "other").exists()                   # --no-cache wrote nothing
