"""boundcalc ffn: counts against brute-force enumeration of the grids and hand derivations."""
import itertools
import json
import math
import subprocess
import sys
from fractions import Fraction

import pytest

from proofs.calculators.ffn import ffn
from boundcalc.errors import InputError


def relu(x):
    return max(x, 0)


def enumerate_grid(d, n_cols, N, shifted):
    """Tokens of column j: every coordinate in {j + k/N} (E.4) or {j + (k+1)/N} (F.2)."""
    off = 1 if shifted else 0
    return [tuple(j + Fraction(k + off, N) for k in ks)
            for j in range(n_cols) for ks in itertools.product(range(N), repeat=d)]


@pytest.mark.parametrize("d,L,Lp,N", [(1, 1, 1, 2), (2, 1, 1, 2), (1, 2, 0, 3)])
def test_counts_by_enumeration(d, L, Lp, N):
    r = ffn(d=d, L=L, grid=N, Lp=Lp)
    n_cols = L + Lp
    # every quantized sequence M: one column token per position
    cols = [[t for t in enumerate_grid(d, n_cols, N, False) if math.floor(t[0]) == j] for j in range(n_cols)]
    sequences = sum(1 for _ in itertools.product(*cols))
    # (E.4)'s loop: rows i and levels 0, delta, ..., L' - delta
    loop = sum(1 for _i in range(d) for _k in range(n_cols * N))
    assert r.value("t_a", "grid_sequences").as_int() == sequences
    assert r.value("t_a", "quant_layers").as_int() == loop
    assert r.value("t_a", "value_layers").as_int() == L * sequences
    layers = loop + L * sequences
    assert r.value("t_a", "neurons").as_int() == 4 * layers
    assert r.value("t_a", "params_total").as_int() == layers * (4 * d + 4 + 4 * d + d) + 4 * d
    r2 = 3 * d * n_cols * sequences
    r1 = 2 * d * n_cols * N
    assert r.value("t_b", "r2").as_int() == r2
    assert r.value("t_b", "r").as_int() == max(r1, r2)
    assert r.value("t_b", "params_total").as_int() == 2 * ((2 * d + 1) * max(r1, r2) + d) + 4 * d


@pytest.mark.parametrize("n_cols,N", [(1, 2), (2, 2), (3, 4)])
def test_step_function_literal(n_cols, N):
    # (F.1) summed by hand far to the right of every ramp (theta small): delta per term
    theta, delta, z = Fraction(1, 64 * N), Fraction(1, N), Fraction(n_cols)
    terms = range(n_cols * (N - 1) + 1)
    value = sum((relu(z / theta - t * delta / theta) - relu(z / theta - 1 - t * delta / theta)) * delta
                for t in terms)
    r = ffn(d=1, L=n_cols, grid=N, Lp=0)
    assert r.value("t_b", "steps_literal").as_int() == len(terms)
    assert r.value("t_b", "top_literal").as_fraction() == value
    assert (value == n_cols) == (n_cols == 1)       # reaches L_p + L only for one column
    assert r.value("t_b", "r1_literal").as_int() == 2 * len(terms)


@pytest.mark.parametrize("d,L,Lp,N", [(1, 2, 1, 3), (2, 1, 1, 2), (3, 1, 0, 2)])
def test_grid_separation_brute_force(d, L, Lp, N):
    r = ffn(d=d, L=L, grid=N, Lp=Lp)
    for g in r.separation:
        toks = set(enumerate_grid(d, g.n_cols.as_int(), N, g.kind == "F2"))
        n2 = [sum(x * x for x in t) for t in toks]
        s2 = min(sum((a - b) ** 2 for a, b in zip(s, t)) for s, t in itertools.combinations(toks, 2))
        assert (g.values["gamma_min"] ** 2).as_fraction() == min(n2)
        assert (g.values["gamma_max"] ** 2).as_fraction() == max(n2)
        assert (g.values["separation"] ** 2).as_fraction() == s2
        # claimed (sqrt d, sqrt d (L' - delta), sqrt d delta): all three strict inequalities fail
        assert g.holds == {"gamma_min": False, "gamma_max": False, "separation": False}


def test_closed_form_beyond_enumeration():
    r = ffn(d=2, L=40, grid=10, Lp=0)
    g = r.separation[0]
    assert g.method == "closed form" and g.tokens.as_int() == 40 * 100
    assert (g.values["gamma_max"] ** 2).as_fraction() == 2 * (40 - Fraction(1, 10)) ** 2


def test_lp_from_lemma_2_3():
    # d=1, L=2, eps=1/2: 2*sqrt(2)/(1/2) = 4 sqrt 2 = 5.66 -> N = 6; L_p = 2*6^2 = 72; L' = 74
    r = ffn(d=1, L=2, eps="1/2")
    assert r.inputs["N"].as_int() == 6 and r.inputs["Lp"].as_int() == 72
    assert r.value("t_a", "ffn_layers").as_int() == 74 * 6 + 2 * 6 ** 74
    assert r.value("t_b", "r").as_int() == 3 * 74 * 6 ** 74
    assert r.value("b1", "ffn_layers").as_int() == 2 * 6 + 2 * 6 ** 2
    # F.1's 2L (C(dL)^(1/alpha)/eps)^(dL') = 2*2*(2 sqrt 2)^74 = 4 * 2^111
    assert r.value("t_a_forms", "lemma-2.5:F1_expr").as_int() == 4 * 2 ** 111


def test_doubly_exponential_counts():
    # d=2, L=3, eps=1/10: 20 sqrt 6 = 48.99 -> N = 49; L_p = 3*49^6; N^(d L') has log10 = 2 L' log10 49
    r = ffn(d=2, L=3, eps="0.1")
    Lp = 3 * 49 ** 6
    assert r.inputs["Lp"].as_int() == Lp
    got = float(r.value("t_a", "grid_sequences").log10_abs(256).mid())
    assert got == pytest.approx(2 * (Lp + 3) * math.log10(49), rel=1e-14)
    text = ffn(d=4, L=10, eps="0.1").value("t_b", "r").format(8)
    assert text.startswith("10^(10^")


def test_bad_input():
    for kw in (dict(d=1, L=2), dict(d=1, L=2, grid=1), dict(d=0, L=2, grid=2), dict(d=1, L=2, eps="100"),
               dict(d=1, L=2, grid=2, Lp="1/2"), dict(d=1, L=2, eps="0.5", alpha="0.5")):
        with pytest.raises(InputError):
            ffn(**kw)


def test_cli():
    run = lambda *a: subprocess.run([sys.executable, "cli.py", "ffn", *a], capture_output=True, text=True)
    p = run("--d", "1", "--L", "1", "--grid", "2", "--Lp", "1", "--json")
    assert p.returncode == 0
    data = json.loads(p.stdout)
    assert data["schema"] == "boundcalc.ffn/2"
    assert data["T_A"]["counts"]["ffn_layers"]["value"] == str(2 * 2 + 4)
    assert data["grid_separation"][0]["claimed_holds"]["gamma_min"] == "fails"
    bad = run("--d", "1", "--L", "1", "--grid", "abc")
    assert bad.returncode == 2 and "Traceback" not in bad.stderr and bad.stderr.count("\n") == 1
