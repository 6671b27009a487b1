"""`boundcalc audit` on the command line: JSON schema, exit codes, determinism, one-line errors."""
from __future__ import annotations

import json

import pytest

from conftest import run_main as call


def test_json_has_documented_keys_and_is_deterministic(capsys):
    code, out, _ = call(capsys, "audit", "--node", "theorem-2.5", "--json", "--seed", "3")
    data = json.loads(out)
    assert set(data) >= {"nodes", "summary", "seed", "digits", "params", "focus"}
    assert data["seed"] == 3 and data["digits"] == 15 and data["focus"] == "theorem-2.5"
    (node,) = data["nodes"]
    assert set(node) >= {"id", "aliases", "title", "kind", "location", "verdict", "reason",
                         "dependencies_verified", "unverified_dependencies", "uses", "used_by", "findings"}
    assert "lemma-2.3" in node["uses"]
    for f in node["findings"]:
        assert set(f) == {"check", "verdict", "detail", "evidence", "channel", "computed", "severity", "defect", "rerun"}
    assert set(data["summary"]["verdicts"]) == {"verified", "refuted", "unsupported", "inconsistent", "unknown"}
    assert code == (1 if node["verdict"] == "refuted" else 0)
    again = call(capsys, "audit", "--node", "theorem-2.5", "--json", "--seed", "3")[1]
    assert again == out


def test_text_report_has_table_and_details(capsys):
    code, out, err = call(capsys, "audit", "--node", "E.1", "--param", "d=1", "--param", "L=1",
                          "--param", "eps=1/2")
    assert out.splitlines()[0].split()[:5] == ["node", "kind", "statement", "proof", "verdict"]
    assert "== lemma-2.3 (" in out and "params L=1, d=1, eps=1/2" in out
    assert err == ""  # no progress bar when stderr is not a terminal


@pytest.mark.parametrize("args", [
    ("audit", "--node", "no-such-lemma"),
    ("audit", "--seed", "1.5"),
    ("audit", "--param", "eps"),
    ("audit", "--param", "eps=abc"),
    ("audit", "--digits", "0"),
])
def test_bad_input_is_one_line_exit_2(capsys, args):
    code, out, err = call(capsys, *args)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and err.startswith("boundcalc: error:")
