"""The README's command examples still behave as shown (documentation drift fails CI).

Two kinds of example are read from the README's fenced blocks:

- a ``text`` block that starts with ``$ boundcalc ...`` shows a command and (part of) its output: the
  command is run and every shown line must appear in its output, in the same order. A line ``...``
  stands for any lines; a shown line ending in ``...`` matches an output line by its beginning.
- a ``bash`` block lists commands without output: each ``boundcalc`` line is run (in a scratch folder,
  with placeholder files created) and must be accepted: exit code 0, or 1 for an audit that reports a
  refuted statement, and no traceback.
"""
from __future__ import annotations

import json
import os
import pathlib
import re
import shlex
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
FENCE = re.compile(r"^```(\w*)\s*$")


def blocks(text: str) -> list[tuple[str, list[str]]]:
    """(language, lines) of every fenced block."""
    out, lang, body = [], None, []
    for line in text.splitlines():
        m = FENCE.match(line)
        if m and lang is None:
            lang, body = m.group(1) or "", []
        elif line.startswith("```") and lang is not None:
            out.append((lang, body))
            lang = None
        elif lang is not None:
            body.append(line)
    return out


def shown_examples(text: str) -> list[tuple[str, list[str]]]:
    """(command, shown output lines) from text blocks that start with '$ '."""
    found = []
    for lang, body in blocks(text):
        if lang != "text" or not body or not body[0].startswith("$ "):
            continue
        cmd, shown = None, []
        for line in body:
            if line.startswith("$ "):
                if cmd is not None:
                    found.append((cmd, shown))
                cmd, shown = line[2:].strip(), []
            else:
                shown.append(line.rstrip())
        found.append((cmd, shown))
    return found


def listed_commands(text: str) -> list[str]:
    """boundcalc command lines of bash blocks (comments after '#' removed)."""
    found = []
    for lang, body in blocks(text):
        if lang != "bash":
            continue
        for line in body:
            line = re.sub(r"\s+#.*$", "", line).strip()
            if re.match(r"^(\w+=\S+\s+)*boundcalc\s", line):
                found.append(line)
    return found


def matches_in_order(shown: list[str], actual: list[str]) -> str | None:
    """None when every shown line appears in ``actual`` in order, else the first line that does not."""
    pos = 0
    for want in shown:
        if want.strip() in ("", "..."):
            continue
        prefix = want.endswith("...")
        key = want[:-3].rstrip() if prefix else want
        while pos < len(actual):
            got = actual[pos].rstrip()
            pos += 1
            if (got.startswith(key) if prefix else got == key):
                break
        else:
            return want
    return None


def _run(line: str, cwd: pathlib.Path) -> subprocess.CompletedProcess:
    words = shlex.split(line)
    env = dict(os.environ)
    while "=" in words[0] and not words[0].startswith("-"):
        k, v = words.pop(0).split("=", 1)
        # a PYTHONPATH entry names a folder of the scratch directory (where `new-paper` wrote) or of the checkout
        env[k] = os.pathsep.join(f"{cwd / p}{os.pathsep}{ROOT / p}" for p in v.split(os.pathsep)) \
            if k == "PYTHONPATH" else v
    assert words[0] == "boundcalc"
    stdout = None
    if ">" in words:                       # `... > file`: keep the output in the scratch folder
        i = words.index(">")
        stdout, words = cwd / words[i + 1], words[:i]
    proc = subprocess.run([sys.executable, "-m", "boundcalc", *words[1:]], capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=600, stdin=subprocess.DEVNULL)
    if stdout is not None:
        stdout.write_text(proc.stdout, encoding="utf-8")
    return proc


def test_the_parsers_see_what_they_should():
    text = "```text\n$ boundcalc lp --d 1\na\n...\nb...\n```\n```bash\nboundcalc audit   # c\nls\n```\n"
    assert shown_examples(text) == [("boundcalc lp --d 1", ["a", "...", "b..."])]
    assert listed_commands(text) == ["boundcalc audit"]
    assert matches_in_order(["a", "...", "b..."], ["x", "a", "y", "bcd"]) is None
    assert matches_in_order(["b...", "a"], ["a", "bcd"]) == "a"          # order matters
    assert matches_in_order(["a"], ["ab"]) == "a"                          # whole lines unless '...'


README_TEXT = README.read_text(encoding="utf-8")


@pytest.mark.parametrize("cmd,shown", shown_examples(README_TEXT), ids=lambda v: v if isinstance(v, str) else "")
def test_shown_output_matches(cmd, shown, tmp_path):
    proc = _run(cmd, tmp_path)
    assert proc.returncode in (0, 1), proc.stderr
    missing = matches_in_order(shown, proc.stdout.splitlines())
    assert missing is None, f"README shows a line `{cmd}` no longer prints:\n{missing}"


def _placeholders(line: str, cwd: pathlib.Path) -> str:
    """Create the input files a listed command names, and drop bracketed optional parts."""
    line = re.sub(r"\s\[[^\]]*\]", "", line)
    if "tokens.json" in line:
        (cwd / "tokens.json").write_text(json.dumps([[0, 1], [1, 0], [1, 1]]), encoding="utf-8")
    m = re.search(r"--paper (\w+)", line)
    if m and "new-paper" not in line and not (ROOT / m.group(1)).exists() and not (ROOT / "examples" / m.group(1)).exists():
        # a package the README made earlier with `boundcalc new-paper NAME`: make it here the same way
        made = _run(f"boundcalc new-paper {m.group(1)}", cwd)
        assert made.returncode == 0, made.stderr
    if "D.json" in line:
        (cwd / "D.json").write_text(json.dumps({"X": [[["0.1"]], [["0.7"]]], "Y": [[["0.2"]], [["0.9"]]]}),
                                    encoding="utf-8")
    return line


@pytest.mark.parametrize("line", listed_commands(README_TEXT))
def test_listed_commands_are_accepted(line, tmp_path):
    proc = _run(_placeholders(line, tmp_path), tmp_path)
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode in (0, 1), f"{line}: exit {proc.returncode}: {proc.stderr.strip()}"
