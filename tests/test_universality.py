"""T_A^{1,1,4} (App. E.2) step by step, and `validate universality`, against independent computations."""
import itertools
import json
import os
import random
import subprocess
import sys
from fractions import Fraction as F
from pathlib import Path

import mpmath
import pytest
from flint import arb, fmpq

from boundcalc.errors import InputError
from boundcalc.transformer import network_to_json
from proofs.validate import validate_universality
from proofs.constructions.appendix_e import (build_TA, fast_output, literal_E4_check,
                                             quantization_layers_E4)

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "docs"))
import reference_forward as ref  # noqa: E402


def fq(x):
    return F(int(x.p), int(x.q))


@pytest.fixture(scope="module")
def tiny():
    return build_TA(1, 1, 2, "tight", 1, 0)


def test_printed_E4_cascades():
    # by hand: 1/4 -> 0 + 1 = 1 (layer k=0), then layer k=2 (threshold 1) -> 1 + 1 = 2, layer k=4 -> 3
    r = literal_E4_check(3, 2)
    assert r["after_first_layer"] == 1 and r["after_all_layers"] == 3 and not r["holds"]


def test_quantizer_matches_brute_force():
    g, n, theta = 2, 3, F(1, 64)
    delta = F(1, g)
    layers = quantization_layers_E4(1, n, g, fmpq(1, 64))
    assert all(lay.r <= 4 for _, lay in layers) and len(layers) == n * g
    rng = random.Random(1)
    pts = [F(rng.randrange(0, n * 4096), 4096) for _ in range(200)] + [F(k, g) for k in range(n * g)]
    for z in pts:
        k = (z * g).numerator // (z * g).denominator
        r = z - k * delta
        want = k * delta if r <= delta - theta else k * delta + (r - (delta - theta)) * delta / theta
        col = [fmpq(z.numerator, z.denominator)]
        for _, lay in layers:
            col = lay.column(col)
        assert fq(col[0]) == want, z


def test_TA_equals_lookup_on_grid(tiny):
    net, info = tiny
    assert all(lay.r == 4 for name, lay in net.layers if name.startswith("value_map"))
    assert info["value_layers"] == 8 and net.Lp == 2
    for p0, p1, x in itertools.product(range(2), repeat=3):
        P = [[fmpq(p0, 2), fmpq(p1, 2)]]
        out = net([[fmpq(x, 2)]], P)[0][0]
        want = [p0, p1][x] / 2        # input cell x selects prompt column x (L = 1)
        assert bool(abs(out - want) < arb(2) ** -300)


def test_fast_path_agrees_with_network(tiny):
    net, info = tiny
    rng = random.Random(5)
    theta = info["theta"]
    xs = [fmpq(rng.getrandbits(30), 1 << 30) for _ in range(6)] + [fmpq(1, 2) - theta / 3, 1 - theta / 5]
    for x in xs:
        P = [[fmpq(rng.randrange(2), 2), fmpq(rng.randrange(2), 2)]]
        a = net([[x]], P)[0][0]
        b = fast_output(net, info, [[x]], P)[0][0]
        assert arb(a).overlaps(arb(b))


def test_export_reference_forward(tiny, tmp_path):
    net, info = tiny
    net.prompt = [[fmpq(1, 2), fmpq(0)]]
    W = network_to_json(net)
    assert all(lay["type"] == "attention" or len(lay["W1"]) <= 4 for lay in W["layers"])
    for x in ("0.3", "0.7", "0"):
        got = ref.forward(json.loads(json.dumps(W)), [[F(x)]])[0][0]
        mine = net([[fmpq(F(x).numerator, F(x).denominator)]])[0][0]
        assert abs(got - mpmath.mpf(arb(mine).mid().str(60, radius=False))) < mpmath.mpf(10) ** -40


def test_identity_closed_form():
    r = validate_universality("identity", "1", inv_delta=2, samples=400, seed=3).to_dict()
    # 1/delta = 2: the prompt rounds f(1/4) = 1/4 and f(3/4) = 3/4 to the nearest of {0, 1/2}: 1/2 both times
    # (1/4 is a tie, broken upwards; 3/4 -> 1 is clamped to 1 - delta).  Plateaus [0, 1/2 - th], [1/2, 1 - th]:
    # int |x - 1/2| = ((1/2)^2 - th^2)/2 + (1/2 - th)^2/2, th = delta/1024.
    assert r["prompt"] == [["0.5", "0.5"]]
    th = F(1, 2048)
    plateau = ((F(1, 2) ** 2 - th ** 2) / 2 + (F(1, 2) - th) ** 2 / 2)
    got = r["quadrature"]["plateau_integral"]
    lo = mpmath.mpf(got.strip("[").split()[0])
    assert abs(lo - mpmath.mpf(plateau.numerator) / plateau.denominator) < 1e-10
    # Monte Carlo: whole-cube value is 1/4 (strips have measure 1/1024); within 5 standard errors
    mc = r["monte_carlo"]
    assert abs(float(mc["mean_integrand"]) - 0.25) < 5 * float(mc["stderr"]) + 2e-3
    assert r["lemma_2_4"]["verdict"] == "verified"


def test_quarter_refutes_proof_delta():
    r = validate_universality("quarter", "1/8", C="1/8", samples=30).to_dict()
    # outputs in {0, 1/2}: every plateau point is 1/4 from f; plateaus have measure 1 - 2/2048
    assert r["inv_delta"] == 2 and r["verdict"] == "refuted"
    assert float(r["quadrature"]["d_alpha_lower"].strip("[").split()[0]) == pytest.approx(0.25 * (1 - 2 / 2048), abs=1e-12)


def test_bad_inputs():
    with pytest.raises(InputError):
        validate_universality("nope", "1")
    with pytest.raises(InputError):
        validate_universality("identity", "0")
    with pytest.raises(InputError):
        validate_universality("identity", "1", C="1/2")      # below the target's C = 1
    with pytest.raises(InputError):
        validate_universality("identity", "1/100")           # grid far too large


def test_cli_json_and_exit_2():
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    p = subprocess.run([sys.executable, "cli.py", "validate", "universality", "--f", "shift", "--eps", "1/2",
                        "--samples", "20", "--json"], cwd=ROOT, capture_output=True, text=True, env=env)
    assert p.returncode == 0
    d = json.loads(p.stdout)
    assert d["inv_delta"] == 2 and d["C"] == "0.5" and d["layers"]["value_map_E2"] == 8
    p = subprocess.run([sys.executable, "cli.py", "validate", "universality", "--f", "x", "--eps", "1"],
                       cwd=ROOT, capture_output=True, text=True, env=env)
    assert p.returncode == 2 and p.stderr.count("\n") == 1


def test_evidence_nodes():
    from proofs.constructions import _appendix_e_evidence
    ev = dict((n, f) for n, f in _appendix_e_evidence(0))
    assert {"lemma-2.4", "theorem-2.3", "theorem-2.4"} <= set(ev)
