"""`boundcalc explain`: statement, parameters, constants in plain text and LaTeX, edges, audit."""
from __future__ import annotations

import json


from conftest import run_main as call


def test_explain_json_lemma_2_3(capsys):
    code, out, _ = call(capsys, "explain", "e.1", "--json", "--param", "d=2", "--param", "L=3",
                        "--param", "eps=1/10")
    d = json.loads(out)
    assert code == 0 and d["id"] == "lemma-2.3"
    assert {"statement", "location", "params", "constants", "hypotheses", "claims", "uses", "used_by",
            "checks", "audit", "values_at"} <= set(d)
    lam = next(c for c in d["constants"] if c["name"] == "lam")
    # lambda = (2*sqrt(6)/(1/10))^6 = 20^6 * 6^3, computed by hand
    assert lam["value"] == str(20 ** 6 * 6 ** 3)
    assert "\\epsilon" in lam["latex"] and "\\alpha" in lam["latex"]
    assert "theorem-2.5" in [u["id"] for u in d["used_by"]]
    assert d["audit"]["id"] == "lemma-2.3" and d["audit"]["verdict"] in {
        "verified", "refuted", "unsupported", "inconsistent", "unknown"}
    assert d["values_at"] == {"d": "2", "L": "3", "eps": "1/10", "C": "1", "alpha": "2"}


def test_explain_text(capsys):
    code, out, _ = call(capsys, "explain", "theorem-2.5", "--no-audit")
    assert code == 0 and out.startswith("theorem-2.5 (")
    assert "LaTeX:" in out and "uses:    " in out and "lemma-2.3" in out and "verdict:" not in out


def test_explain_unknown_node(capsys):
    code, out, err = call(capsys, "explain", "lemma-99.9")
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1
