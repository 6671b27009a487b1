"""Issue 13: every command refuses bad input before any work: exit 2, one line on stderr, no traceback,
no file created. In-process (cli.main), with the audit patched to fail if it is ever reached."""
from __future__ import annotations

import json
import os
import time

import pytest

from conftest import run_main

GOOD_DATA = {"X": [[["0.1"]], [["0.7"]]], "Y": [[["0.2"]], [["0.9"]]]}
BIG = "1" * 1000

# fixture files created in the working folder (tmp_path) before each case
FILES = {
    "good.json": json.dumps(GOOD_DATA).encode(),
    "latin1.json": b'{"X": [[["0.1"]]], "Y": [[["\xe9"]]]}',
    "bom16.json": b"\xff\xfe[\x001\x00]\x00",
    "notjson.json": b"{not json",
    "empty.json": b"",
    "list.json": b"[1, 2]",
    "vocab_ok.json": b"[[1, 0], [0, 1]]",
    "vocab_bad.json": b"[[1, 0], [0]]",
    "plainfile": b"x",
}

V = ["validate"]
CASES: list[list[str]] = []


def add(*args):
    CASES.append(list(args))


# --- lp ---------------------------------------------------------------------------------------
LP = ["lp", "--d", "2", "--L", "3", "--eps", "0.1"]
for opt, vals in {"--d": ["0", "-1", "x", "1.5", "", "nan"], "--L": ["0", "-2", "abc", "1/2"],
                  "--eps": ["0", "-0.1", "inf", "nan", "1e999999999", "x"], "--C": ["0", "-1", "x"],
                  "--alpha": ["0", "0.5", "x"], "--digits": ["0", "1001", "x"]}.items():
    for v in vals:
        base = [a for a in LP]
        if opt in base:
            i = base.index(opt)
            base[i + 1] = v
        else:
            base += [opt, v]
        add(*base)
add("lp", "--L", "3", "--eps", "0.1")
add("lp", "--d", "2", "--L", "3", "--eps", "0.1", "--bogus")

# --- contextual -------------------------------------------------------------------------------
CX = ["contextual", "--V", "4", "--d", "2", "--n", "3", "--gamma-min", "1", "--gamma-max", "2", "--eps", "0.5"]
for opt, vals in {"--V": ["0", "-1", "x"], "--d": ["0", "x"], "--n": ["1", "0", "x"],
                  "--gamma-min": ["0", "-1", "x"], "--gamma-max": ["0", "x"], "--eps": ["0", "-1", "nan"],
                  "--digits": ["0", "5000"]}.items():
    for v in vals:
        base = list(CX)
        if opt in base:
            base[base.index(opt) + 1] = v
        else:
            base += [opt, v]
        add(*base)
for f in ("missing.json", "latin1.json", "bom16.json", "notjson.json", "empty.json", "vocab_bad.json", "."):
    add("contextual", "--vocab", f, "--n", "3")

# --- ffn --------------------------------------------------------------------------------------
FF = ["ffn", "--d", "1", "--L", "1", "--grid", "4"]
for opt, vals in {"--d": ["0", "x", "-3"], "--L": ["0", "x"], "--grid": ["1", "0", "-2", "x", "1.5"],
                  "--eps": ["0", "-1"], "--digits": ["0"]}.items():
    for v in vals:
        base = list(FF)
        if opt in base:
            base[base.index(opt) + 1] = v
        else:
            base += [opt, v]
        add(*base)

# --- apti -------------------------------------------------------------------------------------
AP = ["apti", "--n", "100", "--d", "4", "--B", "1", "--delta-F", "0.1"]
for opt, vals in {"--n": ["0", "-1", "x"], "--d": ["0", "x"], "--B": ["0", "-1", "x"],
                  "--delta-F": ["0", "1", "2", "x"], "--scale": ["bogus"]}.items():
    for v in vals:
        base = list(AP)
        if opt in base:
            base[base.index(opt) + 1] = v
        else:
            base += [opt, v]
        add(*base)
add("apti", "--d", "4", "--B", "1", "--delta-F", "0.1")

# --- audit / graph / explain (the audit must never start) --------------------------------------
for a in (["--seed", "-1"], ["--seed", "x"], ["--seed", BIG], ["--seed", "0.5"], ["--seed", str(2 ** 63)],
          ["--digits", "0"], ["--digits", "1001"], ["--digits", "x"], ["--param", "x"],
          ["--param", "1a=2"], ["--param", "eps=x"], ["--param", "eps=1", "--param", "eps=2"]):
    add("audit", *a)
for a in (["--seed", "-1"], ["--seed", BIG], ["--seed", str(2 ** 63)], ["--focus", ""], ["--focus", "  "],
          ["--focus", "no-such"], ["--up"], ["--down"], ["--depth", "1"], ["--depth", "-1"],
          ["--format", "pdf"], ["--json", "--format", "dot"], ["--out", "missing/g.txt"],
          ["--out", "plainfile/g.txt"], ["--out", "."], ["--out", ""], ["--out", "/proc/g.txt"],
          ["--json", "--out", "missing/g.json"]):
    add("graph", *a)
for a in (["no-such-node"], ["lemma-2.3", "--seed", "-1"], ["lemma-2.3", "--seed", BIG],
          ["lemma-2.3", "--digits", "0"], ["lemma-2.3", "--param", "x"], ["lemma-2.3", "--param", "eps=nan"]):
    add("explain", *a)

# --- validate ---------------------------------------------------------------------------------
VC = V + ["contextual"]
for opt, vals in {"--d": ["0", "-1", "9", "x"], "--L": ["0", "9", "x"], "--inv-delta": ["1", "0", "-1", "1001", "x"],
                  "--rank": ["0", "9", "x"], "--seed": ["-1", BIG, str(2 ** 63), "x"], "--mode": ["bogus"],
                  "--max-cost": ["0", "-5", "x"]}.items():
    for v in vals:
        add(*VC, opt, v)
add(*VC, "--d", "1", "--rank", "2")
add(*VC, "--mode", "paper", "--L", "3", "--inv-delta", "3")          # cost estimate refuses at once
add(*VC, "--d", "2", "--L", "3", "--inv-delta", "4")                 # too many ids

VM = V + ["memorize", "--data", "good.json", "--eps", "0.5"]
for opt, vals in {"--alpha": ["0", "17", "x"], "--inv-delta": ["1", "0", "1001", "x"], "--rank": ["0", "9"],
                  "--seed": ["-1", BIG, str(2 ** 63)], "--mode": ["bogus"], "--eps": ["0", "-1", "x", "nan"],
                  "--C": ["-1", "x", "0"], "--max-cost": ["0", "-1"],
                  "--export": ["missing/W.json", "plainfile/W.json", ".", "", "/proc/W.json"]}.items():
    for v in vals:
        base = list(VM)
        if opt in base:
            base[base.index(opt) + 1] = v
        else:
            base += [opt, v]
        add(*base)
for f in ("missing.json", "latin1.json", "bom16.json", "notjson.json", "empty.json", "list.json", "."):
    add(*V, "memorize", "--data", f, "--eps", "0.5")
add(*V, "memorize", "--eps", "0.5")
add(*VM, "--rank", "2")
add(*VM, "--inv-delta", "2", "--max-cost", "1")

VU = V + ["universality", "--f", "identity", "--eps", "0.5"]
for opt, vals in {"--f": ["bogus", ""], "--eps": ["0", "-1", "x"], "--mode": ["bogus"], "--alpha": ["0", "17"],
                  "--d": ["0", "9"], "--L": ["0", "9"], "--C": ["-1", "0.5", "x"], "--inv-delta": ["1", "0", "1001"],
                  "--samples": ["0", "-1", "100001", "x"], "--seed": ["-1", BIG, str(2 ** 63)],
                  "--max-cost": ["0"],
                  "--export": ["missing/W.json", "plainfile/W.json", ".", "", "/proc/W.json"]}.items():
    for v in vals:
        base = list(VU)
        if opt in base:
            base[base.index(opt) + 1] = v
        else:
            base += [opt, v]
        add(*base)
add(*VU, "--mode", "paper", "--eps", "0.01")

VF = V + ["failure"]
for opt, vals in {"--trials": ["0", "-1", "100001", "x", BIG], "--seed": ["-1", BIG, str(2 ** 63), "x"]}.items():
    for v in vals:
        add(*VF, opt, v)


def test_there_are_enough_cases():
    assert len(CASES) >= 150
    cmds = {c[0] if c[0] != "validate" else f"validate {c[1]}" for c in CASES}
    assert cmds >= {"lp", "contextual", "ffn", "apti", "audit", "graph", "explain", "validate contextual",
                    "validate memorize", "validate universality", "validate failure"}


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    for name, data in FILES.items():
        (tmp_path / name).write_bytes(data)
    monkeypatch.chdir(tmp_path)

    def no_audit(*a, **k):
        raise AssertionError("the audit ran on input that should have been refused first")
    import boundcalc.audit
    monkeypatch.setattr(boundcalc.audit, "audit", no_audit)
    return tmp_path


def _tree(root):
    return sorted(os.path.relpath(os.path.join(d, f), root) for d, _, fs in os.walk(root) for f in fs)


@pytest.mark.parametrize("args", CASES, ids=[" ".join(a)[:70] for a in CASES])
def test_refused_before_work(args, workdir, capsys):
    before = _tree(workdir)
    t0 = time.time()
    code, out, err = run_main(capsys, *args)
    assert code == 2, (code, out[:200], err)
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("boundcalc: error: "), err
    assert "Traceback" not in err and out == ""
    assert _tree(workdir) == before
    assert time.time() - t0 < 10


def test_graph_out_checked_before_the_audit(workdir, capsys):
    t0 = time.time()
    code, _, err = run_main(capsys, "graph", "--out", "missing/g.dot")
    assert code == 2 and "--out" in err and time.time() - t0 < 5


def test_graph_json_is_format_json(capsys):
    a = run_main(capsys, "graph", "--json", "--no-audit")
    b = run_main(capsys, "graph", "--format", "json", "--no-audit")
    assert a == b and json.loads(a[1])["directed"] is True


def test_validate_export_atomic_and_deterministic(tmp_path, capsys):
    (tmp_path / "d.json").write_text(json.dumps(GOOD_DATA))
    args = ["validate", "memorize", "--data", str(tmp_path / "d.json"), "--eps", "0.5", "--inv-delta", "2",
            "--export", str(tmp_path / "W.json"), "--json"]
    c1, o1, _ = run_main(capsys, *args)
    c2, o2, _ = run_main(capsys, *args)
    assert c1 == c2 == 0 and o1 == o2
    d = json.loads(o1)
    assert d["schema"] == "boundcalc.validate.memorize/1" and "build_seconds" not in d
    assert d["exported"] == str(tmp_path / "W.json")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["W.json", "d.json"]      # no temp file left
    assert json.loads((tmp_path / "W.json").read_text())["format"] == "boundcalc-transformer/2"
    _, o3, _ = run_main(capsys, *args[:-1], "--json", "--timings")
    assert "build_seconds" in json.loads(o3)


def test_validate_text_is_labelled(capsys):
    code, out, _ = run_main(capsys, "validate", "universality", "--f", "identity", "--eps", "0.5", "--samples", "5")
    assert code == 0 and "None" not in out and out.startswith("validate universality")
    code, out, _ = run_main(capsys, "validate", "failure", "--trials", "3", "--json")
    assert json.loads(out)["schema"] == "boundcalc.validate.failure/1"


def test_python_m_boundcalc():
    import subprocess
    import sys
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    env = dict(os.environ, PYTHONPATH=root)
    r = subprocess.run([sys.executable, "-m", "boundcalc", "lp", "--d", "0", "--L", "1", "--eps", "0.1"],
                       capture_output=True, text=True, cwd=root, env=env, timeout=60)
    assert r.returncode == 2 and r.stderr.startswith("boundcalc: error:")


# --- issue 25: every numeric option at its extremes ----------------------------------------------
# (args, expected exit code): 0 = an answer on stdout, 2 = one line on stderr, 3 = one line "cannot compute"
# (a value not certifiable within the precision cap, documented). Each runs in a subprocess with a 10 s
# timeout and a 1 GB address-space limit.
EXTREMES = [
    (["lp", "--d", "1000000", "--L", "1000000", "--eps", "1e-100000"], 0),
    (["lp", "--d", "2", "--L", "3", "--eps", "1e100000"], 0),
    (["lp", "--d", "2", "--L", "3", "--eps", "0.1", "--digits", "1000"], 0),
    (["lp", "--d", "2", "--L", "3", "--eps", "1e-100001"], 2),
    (["ffn", "--d", "50", "--L", "50", "--eps", "0.1"], 0),
    (["ffn", "--d", "50", "--L", "50", "--eps", "0.1", "--json"], 0),
    (["ffn", "--d", "1000", "--L", "1000", "--eps", "1e-12"], 0),
    (["ffn", "--d", "2", "--L", "3", "--eps", "1e-7"], 0),
    (["ffn", "--d", "1000000000000", "--L", "1", "--eps", "0.1"], 0),
    (["ffn", "--d", "1", "--L", "1000000000000", "--eps", "0.1"], 0),
    (["ffn", "--d", "2", "--L", "3", "--grid", "1" + "0" * 30], 0),
    (["ffn", "--d", "2", "--L", "3", "--grid", "2", "--Lp", "1e100000"], 0),
    (["ffn", "--d", "2", "--L", "3", "--eps", "0.1", "--s", "1e100000"], 0),
    (["ffn", "--d", "2", "--L", "3", "--eps", "0.1", "--alpha", "1000000"], 0),
    (["ffn", "--d", "2", "--L", "3", "--eps", "0.1", "--digits", "1000"], 0),
    (["ffn", "--d", "2", "--L", "3", "--eps", "1e100000"], 2),
    (["ffn", "--d", "2", "--L", "3", "--eps", "0.1", "--alpha", "1e100000"], 3),
    (["contextual", "--V", "1e1000", "--d", "2", "--n", "10", "--gamma-min", "1", "--gamma-max", "4", "--eps", "0.1"], 0),
    (["contextual", "--V", "1e12", "--d", "1e12", "--n", "1e12", "--gamma-min", "1", "--gamma-max", "4", "--eps", "0.1"], 0),
    (["contextual", "--V", "10", "--d", "2", "--n", "1e100000", "--gamma-min", "1e-100000", "--gamma-max", "1e-100000",
      "--eps", "1e100000"], 0),
    (["contextual", "--V", "1e100000", "--d", "2", "--n", "10", "--gamma-min", "1", "--gamma-max", "4", "--eps", "0.1"], 2),
    (["contextual", "--V", "10", "--d", "2", "--n", "10", "--gamma-min", "1e-100000", "--gamma-max", "1", "--eps", "0.1"], 2),
    (["contextual", "--V", "10", "--d", "2", "--n", "10", "--gamma-min", "1", "--gamma-max", "4", "--eps", "0.1",
      "--s", "1e100000", "--rank", "2", "--digits", "1000", "--json"], 0),
    (["apti", "--n", "65536", "--d", "4", "--B", "1e400", "--delta-F", "0.1"], 0),
    (["apti", "--n", "65536", "--d", "1e400", "--B", "0.5", "--delta-F", "0.1"], 0),
    (["apti", "--n", "1e100000", "--d", "1e100000", "--B", "1e-100000", "--delta-F", "1e-100000", "--json"], 0),
    (["apti", "--n", "65536", "--d", "4", "--B", "0.5", "--delta-F", "1e-100000"], 0),
    (["apti", "--n", "65536", "--d", "4", "--B", "2.8", "--delta-F", "1e-300"], 0),
    (["apti", "--L", "10", "--Lp", "1e500", "--d", "4", "--B", "1e-400", "--delta-F", "0.1", "--scale", "1/sqrt(d)"], 0),
    (["explain", "lemma-2.3", "--no-audit", "--digits", "1000", "--param", "d=1000000", "--param", "eps=1e-3000"], 0),
    (["explain", "lemma-2.3", "--no-audit", "--param", "eps=1e-100000"], 2),
    (["explain", "lemma-2.3", "--no-audit", "--param", "eps=1e-100001"], 2),
    (["graph", "--no-audit", "--depth", "1000000000", "--focus", "lemma-2.3"], 0),
    (["validate", "failure", "--trials", "1", "--seed", str(2 ** 63 - 1)], 0),
    (["validate", "universality", "--f", "identity", "--eps", "0.5", "--samples", "1", "--max-cost", "1"], 2),
    (["validate", "contextual", "--d", "8", "--L", "8", "--inv-delta", "1000"], 2),
]


def _limit_memory():
    import resource
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


@pytest.mark.parametrize("args,code", EXTREMES, ids=[" ".join(a)[:70] for a, _ in EXTREMES])
def test_extremes(args, code):
    import subprocess
    import sys
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    env = dict(os.environ, PYTHONPATH=root)
    p = subprocess.run([sys.executable, os.path.join(root, "cli.py"), *args], capture_output=True, text=True,
                       cwd=root, env=env, timeout=10, preexec_fn=_limit_memory)
    assert "Traceback" not in p.stderr, p.stderr[-800:]
    assert p.returncode == code, (p.returncode, p.stderr[-300:])
    if code == 0:
        assert p.stdout.strip()
        if "--json" in args:
            assert "schema" in json.loads(p.stdout)
    else:
        assert p.stdout == "" and len(p.stderr.strip().splitlines()) == 1
        assert p.stderr.startswith("boundcalc: error:" if code == 2 else "boundcalc: cannot compute:")
