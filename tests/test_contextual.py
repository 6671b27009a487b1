"""boundcalc contextual: Lemma 2.2's constants against hand derivations and brute force."""
import itertools
import json
import math
import random
import subprocess
import sys
from fractions import Fraction

import mpmath
import pytest

from proofs.calculators.contextual import contextual
from boundcalc.errors import InputError

PREC = 128


def ln(x):
    """Midpoint of the certified ln|x| enclosure (as a float, for moderate magnitudes)."""
    return float(x.ln_arb(PREC).mid())


def test_small_case_by_hand():
    # V=1, d=1, n=2, gamma_min=1, gamma_max=2, eps=1, by hand:
    #   delta_stated = exp(-5*1*1*2*2*ln 2) = 2^-20
    #   gamma' = (V+1)^4 d (4 ln 2) gamma_max^2/(eps gamma_min) = 16*4*ln2*4 = 256 ln 2
    #   delta' = (ln 2)^2 2^-512
    #   delta_D12 = eps/(4 gmax) * delta'/(V+1)^4 * eps gmin/(d 4ln2 gmax) = (ln 2) 2^-512 / 1024
    r = contextual(V=1, d=1, n=2, gamma_min=1, gamma_max=2, eps=1)
    assert ln(r.delta_stated) == pytest.approx(-20 * math.log(2), rel=1e-12)
    assert ln(r.chain["gamma_logit"].value.exp()) == pytest.approx(256 * math.log(2), rel=1e-12)
    assert ln(r.chain["delta_boltz"].value) == pytest.approx(2 * math.log(math.log(2)) - 512 * math.log(2),
                                                              rel=1e-12)
    assert ln(r.delta_derived) == pytest.approx(math.log(math.log(2)) - 522 * math.log(2), rel=1e-12)
    assert r.stated["gamma_stated"].value.as_fraction() == Fraction(9, 4)
    assert r.chain["value_scale"].value.as_fraction() == Fraction(1, 8)
    first = r.comparisons[0]
    assert (first["a"], first["b"], first["result"]) == ("delta_stated", "delta_D12", "fails")


def test_ks_delta_with_mpmath():
    # Remark D.2's Delta recomputed independently with mpmath at 50 digits
    V, d, n, gmin, gmax, eps = 3, 2, 10, 1, 4, mpmath.mpf(1) / 10
    with mpmath.workdps(50):
        lnn = mpmath.log(n)
        pref = 2 * lnn ** 2 * eps ** 2 * gmin / (gmax ** 2 * (V + 1) ** 4 * (2 * lnn + 3) * mpmath.pi * d)
        expo = -(V + 1) ** 4 * (2 * lnn + 3) * mpmath.pi * d * gmax ** 2 / (4 * eps * gmin)
        want = mpmath.log(pref) + expo
    r = contextual(V=3, d=2, n=10, gamma_min=1, gamma_max=4, eps="0.1")
    got = r.ks["ks_Delta"].value.ln_arb(256)
    assert abs(float(got.mid()) - float(want)) < 1e-9 * abs(float(want))


def test_huge_exponent_exact_log10():
    # log10 delta_stated = -5 V^4 d kappa gamma_max log10(n)/eps = -5e8*8*(3/2)*(3/2)*3*1000 = -2.7e13
    r = contextual(V=100, d=8, n=1000, gamma_min=1, gamma_max="3/2", eps="1/1000")
    log10 = r.delta_stated.log10_abs(256)
    assert abs(float(log10.mid()) + 2.7e13) < 1e-3
    # stated exponent 5 V^4 < proof's 8 (V+1)^4 (up to lower-order terms): the stated delta is larger
    assert r.delta_stated.gt(r.delta_derived) is True
    ratio = -ln(r.delta_derived) / -ln(r.delta_stated)
    assert ratio == pytest.approx(8 * 101 ** 4 / (5 * 100 ** 4), rel=1e-6)


def test_stated_never_follows_on_a_grid():
    # hand argument: ln(1/delta_D12) >= 2 gamma' = 8 (V+1)^4 d kappa gmax ln n/eps > 5 V^4 d kappa gmax ln n/eps
    for V, d, n, gmax, eps in itertools.product((1, 4), (1, 3), (2, 50), ("1", "7/2"), ("1/3", "2")):
        r = contextual(V=V, d=d, n=n, gamma_min="1/2", gamma_max=gmax, eps=eps)
        lower = 8 * (V + 1) ** 4 * d * (float(Fraction(gmax)) / 0.5) * float(Fraction(gmax)) * math.log(n) \
            / float(Fraction(eps))
        assert -ln(r.delta_derived) >= lower * (1 - 1e-12)
        assert r.delta_stated.gt(r.delta_derived) is True


def test_vocab_matches_brute_force(tmp_path):
    rng = random.Random(7)
    toks = [[Fraction(rng.randint(-9, 9), rng.randint(1, 4)) for _ in range(3)] for _ in range(12)]
    toks = [t for t in toks if any(t)] + [toks[0]]          # one duplicate
    path = tmp_path / "v.json"
    path.write_text(json.dumps([[f"{x.numerator}/{x.denominator}" for x in t] for t in toks]))
    distinct = {tuple(t) for t in toks}
    norms = [sum(x * x for x in t) for t in distinct]
    dists = [sum((a - b) ** 2 for a, b in zip(s, t)) for s, t in itertools.combinations(distinct, 2)]
    r = contextual(vocab=str(path), n=3)
    assert r.vocab.size == len(distinct) and r.vocab.dim == 3
    assert (r.vocab.min_norm2, r.vocab.max_norm2, r.vocab.min_dist2) == (min(norms), max(norms), min(dists))
    assert (r.inputs["gamma_min"] ** 2).as_fraction() == min(norms)
    assert (r.inputs["eps"] ** 2).as_fraction() == min(dists)


def test_vocab_decimals_are_exact(tmp_path):
    path = tmp_path / "v.json"
    path.write_text("[[0.1, 0], [0, 0.3]]")
    r = contextual(vocab=str(path), n=2)
    assert r.vocab.min_norm2 == Fraction(1, 100) and r.vocab.min_dist2 == Fraction(1, 10)


@pytest.mark.parametrize("kwargs", [
    dict(V=0, d=1, n=2, gamma_min=1, gamma_max=2, eps=1),
    dict(V=1, d=1, n=1, gamma_min=1, gamma_max=2, eps=1),
    dict(V=1, d=1, n=2, gamma_min=3, gamma_max=2, eps=1),
    dict(V=1, d=1, n=2, gamma_min=1, gamma_max=2, eps="inf"),
    dict(V=1, d=1, n=2, gamma_min=1, gamma_max=2, eps=1, rank=2),
    dict(vocab=[[0, 0], [1, 1]], n=2),
    dict(vocab=[[1, 0], [1]], n=2),
    dict(vocab=[[1, 0]], n=2),
])
def test_bad_input(kwargs):
    with pytest.raises(InputError):
        contextual(**kwargs)


def _cli(*args):
    return subprocess.run([sys.executable, "cli.py", "contextual", *args], capture_output=True, text=True)


def test_cli_json_and_errors():
    p = _cli("--V", "2", "--d", "2", "--n", "5", "--gamma-min", "1", "--gamma-max", "3", "--eps", "0.5", "--json")
    assert p.returncode == 0
    data = json.loads(p.stdout)
    assert data["schema"] == "boundcalc.contextual/1" and data["node"] == "lemma-2.2"
    assert data["stated"]["gamma_stated"]["value"] == "25/8"
    assert set(data["proof_chain"]) >= {"delta_D12", "delta_boltz", "gamma_logit", "pp_scale", "value_scale"}
    bad = _cli("--V", "2", "--d", "2", "--n", "5", "--gamma-min", "1", "--gamma-max", "3", "--eps", "x")
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "Traceback" not in bad.stderr


def test_cli_latex():
    p = _cli("--V", "2", "--d", "2", "--n", "5", "--gamma-min", "1", "--gamma-max", "3", "--eps", "1", "--latex")
    assert p.returncode == 0 and "latex: \\frac" in p.stdout
