"""`boundcalc lp` and proofs.prompt_length, checked against integer arithmetic and mpmath."""
import json
import math
from fractions import Fraction

import mpmath
import pytest

import boundcalc
import proofs
from boundcalc.errors import InputError


def grid_levels(d, L, eps, C=Fraction(1), alpha2=True):
    """Smallest N >= 2 C sqrt(dL)/eps, by integer search (alpha = 2)."""
    N = 1
    while (N * eps) ** 2 < (2 * C) ** 2 * d * L:
        N += 1
    return N


def test_paper_example_exact(cli):
    r = cli("lp", "--d", "2", "--L", "3", "--eps", "0.1", "--json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    # lambda = (2*sqrt(6)*10)^6 = 20^6 * 6^3; L*lambda
    assert out["paper"]["Lp"] == {"value": str(3 * 20**6 * 6**3), "exact": True, "complete": True,
                                 "log10": out["paper"]["Lp"]["log10"]}
    assert out["paper"]["Lp"]["value"] == "41472000000"
    N = grid_levels(2, 3, Fraction(1, 10))
    assert out["grid"]["inverse_delta"]["value"] == str(N) == "49"
    assert out["grid"]["Lp"]["value"] == str(3 * N**6) == "41523861603"
    assert out["inputs"] == {"d": "2", "L": "3", "eps": "1/10", "C": "1", "alpha": "2"}
    assert out["defaults_used"] == ["C", "alpha"]
    assert out["claims"] == {"quantization": "verified"}
    # 20 sqrt 6 is not whole, so L*lambda < L*49^6: the statement's length is not what the proof builds
    assert out["lambda_suffices"] is False


def test_text_output_states_formula_and_defaults(cli):
    r = cli("lp", "--d", "2", "--L", "3", "--eps", "0.1")
    assert r.returncode == 0
    assert "41472000000" in r.stdout and "41523861603" in r.stdout
    assert "L_p >= L*lambda" in r.stdout and "C = 1, alpha = 2" in r.stdout


def test_alpha_one_lands_on_integer():
    res = proofs.prompt_length(d=2, L=3, eps="0.1", alpha=1)
    # 2*C*(dL)/eps = 120 exactly: no rounding, grid and paper agree
    assert res.inverse_delta == 120
    assert res.paper_prompt_length.as_int() == 3 * 120**6
    assert res.grid_prompt_length.as_int() == 3 * 120**6
    assert res.ratio().as_int() == 1


@pytest.mark.parametrize("d,L,eps,C", [(1, 1, "0.3", "1"), (3, 2, "1/7", "2"), (2, 2, "0.01", "1/3"), (5, 1, "2", "1")])
def test_grid_against_integer_search(d, L, eps, C):
    res = proofs.prompt_length(d=d, L=L, eps=eps, C=C)
    e, c = Fraction(eps), Fraction(C)
    N = grid_levels(d, L, e, c)
    assert res.inverse_delta == N
    assert res.grid_prompt_length.as_int() == L * N ** (d * L)
    # lambda^2 is rational: compare (L*lambda)^2 with exact arithmetic
    lam_sq = ((2 * c) ** 2 * d * L / e**2) ** (d * L)
    assert (res.paper_prompt_length ** 2).as_fraction() == L**2 * lam_sq
    assert res.grid_prompt_length.ge(res.paper_prompt_length) is True


def test_huge_parameters_to_requested_digits():
    res = proofs.prompt_length(d=1000, L=1000, eps="1e-12", digits=25)
    mpmath.mp.dps = 60
    ref = mpmath.log10(1000) + 10**6 * mpmath.log10(2 * mpmath.mpf(10) ** 15)
    exp10 = int(mpmath.floor(ref))
    mant = mpmath.power(10, ref - exp10)
    text = res.paper_prompt_length.format(25)
    m, e = text.split("e")
    assert int(e) == exp10
    assert mpmath.almosteq(mpmath.mpf(m), mant, rel_eps=mpmath.mpf(10) ** -23)
    assert len(m.replace(".", "")) == 25
    assert res.inverse_delta == 2 * 10**15


def test_library_result_object():
    res = proofs.prompt_length(d=2, L=3, eps="0.1")
    d = res.to_dict()
    assert json.loads(json.dumps(d)) == d
    assert d["schema"] == "boundcalc.lp/1"
    assert res.node == "lemma-2.3" and "theorem-2.5" in res.used_by
    with pytest.raises(InputError):
        proofs.prompt_length(d=2, L=3, eps=0.1)  # binary floats are refused


def test_latex_output():
    res = proofs.prompt_length(d=2, L=3, eps="0.1", latex=True)
    assert r"\lambda" in res.latex["bound"] and r"\epsilon" in res.latex["lam"]
    assert r"\lceil" in res.latex["Lp_grid"]


@pytest.mark.parametrize("args,needle", [
    (["--d", "0", "--L", "3", "--eps", "0.1"], "d must be a positive integer"),
    (["--d", "2.5", "--L", "3", "--eps", "0.1"], "d must be a positive integer"),
    (["--d", "2", "--L", "-1", "--eps", "0.1"], "L must be a positive integer"),
    (["--d", "2", "--L", "3", "--eps", "0"], "eps must be a positive number"),
    (["--d", "2", "--L", "3", "--eps", "nan"], "not a finite number"),
    (["--d", "2", "--L", "3", "--eps", "inf"], "not a finite number"),
    (["--d", "2", "--L", "3", "--eps", "abc"], "not a finite number"),
    (["--d", "2", "--L", "3", "--eps", "0.1", "--C", "0"], "C must be a positive number"),
    (["--d", "2", "--L", "3", "--eps", "0.1", "--alpha", "0.5"], "alpha must be a number >= 1"),
    (["--d", "2", "--L", "3"], "Missing option"),
    (["--d", "2", "--L", "3", "--eps", "0.1", "--digits", "x"], "digits"),
])
def test_bad_input_one_line_exit_2(cli, args, needle):
    r = cli("lp", *args)
    assert r.returncode == 2
    assert r.stdout == ""
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0], r.stderr
    assert "Traceback" not in r.stderr


def test_tiny_eps_ceil_is_exact_integer_at_high_precision():
    # 1/delta = ceil(2*sqrt(6)/eps) with eps = 10^-3000: the smallest N with N^2 >= 24 * 10^6000
    res = proofs.prompt_length(d=2, L=3, eps="1e-3000")
    target = 24 * 10**6000
    N = math.isqrt(target - 1) + 1
    assert res.inverse_delta == N
    assert res.claims == {"quantization": True}
    assert res.lambda_suffices is False   # 2 sqrt(6) 10^3000 is irrational


def test_absurd_eps_still_one_answer_no_traceback(cli):
    r = cli("lp", "--d", "2", "--L", "3", "--eps", "1e-30000", "--json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["grid"]["inverse_delta"]["exact"] is True
    assert out["grid"]["inverse_delta"]["value"].startswith("4.898979485566")  # 2*sqrt(6) = 4.89897948556635...
    assert out["claims"]["quantization"] == "verified"
