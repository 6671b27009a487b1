"""docs/declaring-a-paper.md, section 0, executed step by step on a fresh package built from the scaffold
(issue 24). Blocks marked ``tutorial`` in the page are run in order in an empty folder:

* ```` ```bash tutorial [exit=N] ````: each line is a shell command; its exit code must be N (default 0);
* ```` ```python tutorial append=PATH ````: the code is appended to PATH;
* ```` ```python tutorial run ````: the code runs with the folder as working directory;
* ```` ```text tutorial expect ````: each line must occur in the previous command's output.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PAGE = os.path.join(ROOT, "docs", "declaring-a-paper.md")
BLOCK = re.compile(r"^```(\w+) tutorial([^\n]*)\n(.*?)^```\s*$", re.S | re.M)


def steps() -> list[tuple[str, str, str]]:
    with open(PAGE, encoding="utf-8") as fh:
        return [(m.group(1), m.group(2).strip(), m.group(3)) for m in BLOCK.finditer(fh.read())]


def test_page_has_the_tutorial_steps():
    kinds = [(lang, opts.split("=")[0]) for lang, opts, _ in steps()]
    assert ("bash", "") in kinds and ("python", "append") in kinds and ("python", "run") in kinds
    assert ("bash", "exit") in kinds and ("text", "expect") in kinds


def test_tutorial_runs_step_by_step(tmp_path):
    env = dict(os.environ, PATH=os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""))
    env.pop("PYTHONPATH", None)
    env.pop("BOUNDCALC_PAPER", None)
    output = ""
    for k, (lang, opts, body) in enumerate(steps()):
        where = f"step {k} ({lang} {opts})"
        if lang == "bash":
            want = int(opts.partition("exit=")[2] or 0)
            for line in body.strip().splitlines():
                if not line.strip() or line.lstrip().startswith("#"):
                    continue
                p = subprocess.run(line, shell=True, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)
                output = p.stdout + p.stderr
                assert p.returncode == want, f"{where}: {line!r} exited {p.returncode}, wanted {want}\n{output[-3000:]}"
        elif lang == "python" and opts.startswith("append="):
            with open(tmp_path / opts.partition("=")[2], "a", encoding="utf-8") as fh:
                fh.write("\n" + body)
        elif lang == "python" and opts == "run":
            p = subprocess.run([sys.executable, "-c", body], cwd=tmp_path, env=env, capture_output=True, text=True,
                               timeout=120)
            assert p.returncode == 0, f"{where}: {p.stderr[-2000:]}"
        elif lang == "text" and opts == "expect":
            flat = " ".join(output.split())
            for line in body.strip().splitlines():
                assert " ".join(line.split()) in flat, f"{where}: {line!r} not in the output:\n{output[-3000:]}"
        else:
            raise AssertionError(f"{where}: unknown tutorial block")
