"""`boundcalc apti`: JSON schema and one-line errors with exit code 2."""
import json
import os
import subprocess
import sys
from math import comb

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _run(*args):
    env = dict(os.environ, PYTHONPATH=ROOT)
    return subprocess.run([sys.executable, os.path.join(ROOT, "cli.py"), "apti", *args],
                          capture_output=True, text=True, env=env, timeout=120)


def test_json_schema_and_values():
    p = _run("--L", "1000", "--Lp", "24", "--d", "4", "--B", "0.5", "--delta-F", "1/1024", "--json")
    assert p.returncode == 0, p.stderr
    data = json.loads(p.stdout)
    assert set(data) == {"schema", "inputs", "interval", "accuracy", "degree", "rank", "operations", "float64", "threshold"}
    assert data["schema"] == "boundcalc.apti/1"
    assert data["inputs"]["n"] == "1024" and data["inputs"]["B"] == "1/2"
    assert data["interval"]["R"] == "1"                       # d * B^2 = 4/4
    assert data["accuracy"]["eps"] == "1/1025"                # delta/(2B + delta) = (1/1024)/(1 + 1/1024)
    g = int(data["degree"]["certified_degree"])
    assert data["rank"]["r"] == str(comb(4 + g, g))
    assert data["rank"]["as23_bound"] == str(comb(2 * (g + 4), 2 * g))
    assert data["operations"]["exact"] == str(1024 * 1024 * 4)
    assert data["operations"]["predicted_crossover_n"] == str(comb(4 + g, g) + 1)
    for v in data["inputs"].values():
        assert v is None or isinstance(v, str)


def test_scale_changes_interval():
    p = _run("--n", "100", "--d", "9", "--B", "1/3", "--delta-F", "0.01", "--scale", "1/sqrt(d)", "--json")
    assert json.loads(p.stdout)["interval"]["R"] == "1/3"     # sqrt(9) * 1/9
    p = _run("--n", "100", "--d", "9", "--B", "1/3", "--delta-F", "0.01", "--scale", "1/d", "--json")
    assert json.loads(p.stdout)["interval"]["R"] == "1/9"


@pytest.mark.parametrize("args", [
    ["--n", "1", "--d", "4", "--B", "1", "--delta-F", "0.1"],
    ["--n", "10", "--d", "0", "--B", "1", "--delta-F", "0.1"],
    ["--n", "10", "--d", "2.5", "--B", "1", "--delta-F", "0.1"],
    ["--n", "10", "--d", "2", "--B", "0", "--delta-F", "0.1"],
    ["--n", "10", "--d", "2", "--B", "1", "--delta-F", "0"],
    ["--n", "10", "--d", "2", "--B", "1", "--delta-F", "1"],
    ["--n", "10", "--d", "2", "--B", "inf", "--delta-F", "0.1"],
    ["--n", "10", "--L", "3", "--Lp", "4", "--d", "2", "--B", "1", "--delta-F", "0.1"],
    ["--n", "10", "--d", "2", "--B", "1", "--delta-F", "0.1", "--scale", "2/d"],
])
def test_bad_input_one_line_exit_2(args):
    p = _run(*args)
    assert p.returncode == 2
    assert p.stdout == ""
    assert len(p.stderr.strip().splitlines()) == 1 and "Traceback" not in p.stderr
