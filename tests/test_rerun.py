"""Issue 25: a finding's rerun command carries every option that changes it (--paper, --param, --effort,
--seed, --paper-text) and, run as printed, reproduces the same findings."""
from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _run(argv: list[str], extra_env: dict[str, str] | None = None) -> dict:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([ROOT, os.path.join(ROOT, "examples")]))
    env.pop("BOUNDCALC_PAPER_TEXT", None)
    env.pop("BOUNDCALC_PAPER", None)
    env.update(extra_env or {})
    p = subprocess.run([sys.executable, os.path.join(ROOT, "cli.py"), *argv, "--json", "--no-cache"],
                       capture_output=True, text=True, cwd=ROOT, env=env, timeout=300)
    assert p.returncode in (0, 1), p.stderr
    return json.loads(p.stdout)


def _as_run(rerun: str) -> tuple[list[str], dict[str, str]]:
    """The printed command split into its environment assignments and the arguments after 'boundcalc'."""
    words = shlex.split(rerun)
    env = {}
    while "=" in words[0] and not words[0].startswith("-"):
        k, v = words.pop(0).split("=", 1)
        env[k] = os.pathsep.join([os.path.join(ROOT, v) if not os.path.isabs(v) else v, ROOT])
    assert words[0] == "boundcalc"
    return words[1:], env


def _signature(node: dict) -> list[tuple]:
    return sorted((f["check"], f["verdict"], f.get("channel"), f["detail"], json.dumps(f["evidence"], sort_keys=True))
                  for f in node["findings"])


def test_rerun_carries_every_option_and_reproduces(tmp_path):
    text = tmp_path / "paper text.txt"            # a space in the name: the rerun must quote it
    text.write_text("Lemma 4 (Kajitsuka and Sato). The derivative of Boltz is negative.\n")
    first = _run(["--paper", "ks24_example", "audit", "--node", "ks-lemma-4", "--param", "n=4", "--effort", "quick",
                  "--seed", "3", "--paper-text", str(text)])
    node = first["nodes"][0]
    reruns = {f["rerun"] for f in node["findings"]}
    assert len(reruns) == 1
    rerun = reruns.pop()
    for part in ("--paper ks24_example", "--node ks-lemma-4", "--param n=4", "--effort quick", "--seed 3",
                 f"--paper-text {shlex.quote(str(text))}"):
        assert part in rerun, (part, rerun)
    argv, env = _as_run(rerun)
    again = _run(argv, env)
    assert [n["id"] for n in again["nodes"]] == ["ks-lemma-4"]
    assert _signature(again["nodes"][0]) == _signature(node)
    # the options matter: without the paper text its text findings change, so the comparison above could fail
    without = _run([a for a in argv if a not in ("--paper-text", str(text))])
    assert _signature(without["nodes"][0]) != _signature(node)


def test_default_options_are_left_out():
    from boundcalc.audit import _rerun_options

    assert _rerun_options(0, {}) == " --seed 0"
    got = _rerun_options(7, {"eps": "1/10", "d": "2"}, "thorough", 20, "/p q/t.txt")
    assert got == " --seed 7 --param eps=1/10 --param d=2 --effort thorough --digits 20 --paper-text '/p q/t.txt'"
