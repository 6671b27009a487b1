"""validate contextual / memorize / failure, and the constructions' step checks."""
import json
import os
import subprocess
import sys
from fractions import Fraction as F
from pathlib import Path

import mpmath
import pytest
from flint import fmpq

from boundcalc.errors import InputError
from proofs.validate import validate_contextual, validate_failure, validate_memorize

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "docs"))
import reference_forward as ref  # noqa: E402

slow = pytest.mark.skipif(os.environ.get("BOUNDCALC_FAST") == "1", reason="slow (~50 s): unset BOUNDCALC_FAST")


def test_memorize_tight_d1_L1_hand_targets(tmp_path):
    data = {"X": [[["0.1"]], [["0.7"]]], "Y": [[["0.2"]], [["0.9"]]]}
    W = tmp_path / "W.json"
    r = validate_memorize(json.dumps(data), "0.5", inv_delta=2, export=str(W)).to_dict()
    # 1/delta = 2: cell midpoints 1/4, 3/4; by hand the outputs are 1/4 and 3/4 -> errors 1/20, 3/20
    assert r["verdict"] == "verified"
    got = [float(e.strip("[").split()[0]) for e in r["errors"]]
    assert abs(got[0] - 0.05) < 1e-12 and abs(got[1] - 0.15) < 1e-12
    assert r["Lp"] == 2   # L * (1/delta)^(dL)
    # the exported network reproduces the same outputs in the independent reference pass
    net = json.loads(W.read_text())
    for x, want in ((["0.1"], F(1, 4)), (["0.7"], F(3, 4))):
        out = ref.forward(net, [x])
        assert abs(out[0][0] - mpmath.mpf(want.numerator) / want.denominator) < mpmath.mpf(10) ** -30


def test_memorize_tight_d2_L1():
    data = {"X": [[["0.1"], ["0.8"]], [["0.6"], ["0.3"]], [["1"], ["0"]]],
            "Y": [[["0.2"], ["0.6"]], [["0.9"], ["0.1"]], [["1"], ["0.4"]]]}
    r = validate_memorize(json.dumps(data), "0.5", inv_delta=2).to_dict()
    # cells: (0,1), (1,0), (1,0): outputs are midpoints of Y's cells; X[2] shares X[1]'s cell
    want = [(F(1, 4), F(3, 4)), (F(3, 4), F(1, 4)), (F(3, 4), F(1, 4))]
    ys = [(F("0.2"), F("0.6")), (F("0.9"), F("0.1")), (F(1), F("0.4"))]
    errs = [abs(w[0] - y[0]) + abs(w[1] - y[1]) for w, y in zip(want, ys)]
    got = [float(e.strip("[").split()[0]) for e in r["errors"]]
    assert all(abs(g - float(e)) < 1e-12 for g, e in zip(got, errs))
    assert r["verdict"] == ("verified" if max(errs) <= F(1, 2) else "refuted")


def test_memorize_bad_inputs():
    with pytest.raises(InputError):
        validate_memorize("{", "0.1")
    with pytest.raises(InputError):
        validate_memorize(json.dumps({"X": [[["2"]]], "Y": [[["0"]]]}), "0.1")
    with pytest.raises(InputError):
        validate_memorize(json.dumps({"X": [[["0.5"]], [["0.5"]]], "Y": [[["0"]], [["1"]]]}), "0.1")
    with pytest.raises(InputError):
        validate_memorize(json.dumps({"X": [[["0.5"]]], "Y": [[["0"]]]}), "-1")


def test_cli_bad_file_exit_2(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"X": [[[0.5, 0.5]]], "Y": [[[0.5]]]}')
    p = subprocess.run([sys.executable, "cli.py", "validate", "memorize", "--data", str(bad), "--eps", "0.1"],
                       cwd=ROOT, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert p.returncode == 2 and p.stderr.count("\n") == 1 and "boundcalc: error" in p.stderr


def test_contextual_grid_and_independent_id():
    r = validate_contextual(1, 2, 2, 1, "tight")
    assert r.checks["delta_stated"]["verdict"] == "verified"
    assert r.n_sequences == 4
    # recompute one id independently: tokens (1/2, 3/2) -> id of token 0 with mpmath
    from proofs.constructions.appendix_d import attention_D3
    from proofs.constructions.appendix_g import grid_values
    cols = grid_values(1, 2, 2, [[fmpq(0), fmpq(1)]])
    att, info = attention_D3([t for c in cols for t in c], 2, 1, "tight", 0)
    lam, sig = info["scale"], info["sigma"]
    u = info["u"][0]
    mpmath.mp.dps = 60
    z = [mpmath.mpf(1) / 2, mpmath.mpf(3) / 2]
    lamf, sigf, uf = (mpmath.mpf(int(v.p)) / int(v.q) for v in (lam, sig, u))
    w = [mpmath.exp(lamf * uf * zk * uf * z[0]) for zk in z]
    expect = z[0] + sigf * uf * (uf * z[0] * w[0] + uf * z[1] * w[1]) / (w[0] + w[1])
    from boundcalc.transformer.numeric import precision
    with precision(200):
        got = att([[fmpq(1, 2), fmpq(3, 2)]])[0][0]
    assert abs(mpmath.mpf(got.mid().str(50, radius=False)) - expect) < mpmath.mpf(10) ** -40


def test_d2_counterexample_independent():
    # W_K = [[28/3 * 3/5, 28/3 * 4/5], [4/5, -3/5]], W_Q = [[3/5, 4/5], [4/5, -3/5]]
    WK = [[F(28, 3) * F(3, 5), F(28, 3) * F(4, 5)], [F(4, 5), F(-3, 5)]]
    WQ = [[F(3, 5), F(4, 5)], [F(4, 5), F(-3, 5)]]
    va, vb, vc = (1, 0), (0, 1), (1, 0)
    k = [sum(w * (a - b) for w, a, b in zip(r, va, vb)) for r in WK]
    qv = [sum(w * c for w, c in zip(r, vc)) for r in WQ]
    assert sum(x * y for x, y in zip(k, qv)) == 0
    # and (D.2)'s constant: 5 (|V|+1)^4 d delta / (eps gamma_min) with delta = 7/1215, eps = 1, gamma_min = 1/2
    assert 5 * 3 ** 4 * 2 * F(7, 1215) / F(1, 2) == F(28, 3)
    from proofs.constructions.appendix_d import d2_cancellation_counterexample
    c = d2_cancellation_counterexample()
    assert c["refuted"] and all(c["D1_holds"])


def test_failure_obstruction_independent():
    r = validate_failure(trials=30).to_dict()
    assert r["verdict"] == "verified"
    mpmath.mp.dps = 30
    xs = mpmath.mpf(1) / 2
    b = []
    for x1 in (0, 1):
        w = [mpmath.exp(x1 * xs), mpmath.exp(xs * xs)]
        b.append((x1 * w[0] + xs * w[1]) / (w[0] + w[1]))
    assert b[0] < xs < b[1]
    assert float(r["search"]["best_max_error"].strip("[").split()[0]) > 0


def test_evidence_feed():
    from boundcalc.findings import Finding
    from proofs.constructions import evidence
    ev = evidence(0)
    assert all(isinstance(f, Finding) and isinstance(n, str) for n, f in ev)
    nodes = {n for n, _ in ev}
    assert {"lemma-D.2", "lemma-F.2", "lemma-2.2", "corollary-I.0.1"} <= nodes


@slow
def test_memorize_tight_d1_L2():
    data = {"X": [[["0.1", "0.9"]], [["0.6", "0.3"]]], "Y": [[["0.2", "0.4"]], [["0.8", "0.1"]]]}
    r = validate_memorize(json.dumps(data), "0.3", inv_delta=2).to_dict()
    # 1/delta = 2, L_p = L*2^(dL) = 8; outputs are the midpoints of Y's cells:
    # Y1 = (0.2, 0.4) -> (1/4, 1/4), Y2 = (0.8, 0.1) -> (3/4, 1/4); l1 errors 1/20 + 3/20 each
    errs = [abs(F(1, 4) - F("0.2")) + abs(F(1, 4) - F("0.4")), abs(F(3, 4) - F("0.8")) + abs(F(1, 4) - F("0.1"))]
    got = [float(e.strip("[").split()[0]) for e in r["errors"]]
    assert all(abs(g - float(e)) < 1e-12 for g, e in zip(got, errs))
    assert r["Lp"] == 8 and r["verdict"] == "verified"


@slow
def test_memorize_paper_d1_L1():
    data = {"X": [[["0.3"]], [["0.8"]]], "Y": [[["0.2"]], [["0.7"]]]}
    r = validate_memorize(json.dumps(data), "0.9", mode="paper", inv_delta=2).to_dict()
    # paper decoding: cell k -> k/2: outputs 0 and 1/2, errors 0.2 and 0.2
    got = [float(e.strip("[").split()[0]) for e in r["errors"]]
    assert all(abs(g - 0.2) < 1e-12 for g in got)
    assert r["verdict"] == "verified"


def test_memorizing_prompt_places_a_ramp_value():
    """Paper mode: x = 0 lies in the ramp [0, theta) for every theta and in no cell (k delta, (k+1) delta];
    the prompt still gets built (the example is reported as in a ramp, its error measured by the network)."""
    from flint import fmpq
    from proofs.constructions.appendix_f import cell_of
    from proofs.constructions.appendix_g import memorizing_prompt

    assert cell_of(fmpq(0), 2, "paper") is None
    X = [[[fmpq(0)]], [[fmpq(7, 10)]]]
    Y = [[[fmpq(1, 5)]], [[fmpq(9, 10)]]]
    P, info = memorizing_prompt(X, Y, 1, 1, 2, "paper")
    # x = 0 goes to block 0 (the unused-block default), 0.7 to cell 1: both blocks used, length L * g
    assert info["cells_used"] == 2 and len(P[0]) == 2
    assert info["representative"] == {0: 0, 1: 1}
