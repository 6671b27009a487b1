"""Quotes: parser normalisation, quoted = declared, and the checks against the paper's text."""
import dataclasses
import os
import subprocess
import sys

import pytest
import sympy

import proofs
from boundcalc.auditing import paper_text, transcription
from boundcalc.auditing.context import AuditContext
from boundcalc.quotes import ProofRef, Quote, QuoteError, canonical, compare, normalize, parse
from boundcalc.records import Constant
from boundcalc.formula import Formula
from boundcalc.registry import Registry

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TEXT = os.path.normpath(os.path.join(ROOT, "../shared/paper/001_afd380e0f51532d9.txt"))
needs_text = pytest.mark.skipif(not os.path.isfile(TEXT), reason=f"the paper's text {TEXT} is not on this machine")


def S(name):
    return sympy.Symbol(name)


# ---------------------------------------------------------------- normalisation and parsing


def test_normalize_drops_delimiters_spacing_and_big_o():
    assert normalize(r"$\left( a \, b \right)$") == "( a   b )"
    assert normalize(r"\kappa := x") == r"\kappa = x"
    assert r"\mathcal" not in normalize(r"\mathcal{O}(x)")


def test_decimals_are_exact_and_powers_of_functions_apply_to_the_value():
    expr, _ = parse(r"d^{0.5}")
    assert expr == S("d") ** sympy.Rational(1, 2)
    assert parse(r"2.25 x")[0] == sympy.Rational(9, 4) * S("x")
    expr, _ = parse(r"\ln^2(n) e^{-a}")
    assert expr == sympy.log(S("n")) ** 2 * S("e") ** (-S("a"))   # e is mapped to E only against a result
    assert parse(r"\ln^{2}(n + 1)")[0] == sympy.log(S("n") + 1) ** 2
    # the power is not the argument's: ln^2(n) is not ln(n^2)
    assert parse(r"\ln^2(n)")[0] != sympy.log(S("n") ** 2)
    with pytest.raises(QuoteError):
        parse(r"\ln^2(n")


def test_canonical_symbol_keys():
    assert canonical("L_{p}") == canonical("L_p") == "L_p"
    assert canonical(r"\gamma_{ \max }") == r"\gamma_{\max}"


def test_juxtaposition_is_multiplication_and_letters_are_separate_symbols():
    expr, _ = parse(r"2C(dL)^{1/\alpha}")
    assert expr == 2 * S("C") * (S("d") * S("L")) ** (1 / S(r"\alpha"))


def test_function_without_parentheses_takes_the_next_symbol():
    expr, _ = parse(r"\ln n + 1")
    assert expr == sympy.log(S("n")) + 1          # not log(n + 1)
    expr, _ = parse(r"\kappa \gamma_{\max} \log L")
    assert expr == S(r"\kappa") * S(r"\gamma_{\max}") * sympy.log(S("L"))


def test_cardinality_fraction_and_relation():
    expr, keys = parse(r"\frac{1}{|\mathcal{X}|^2} \sqrt{\frac{8}{\pi d}}")
    assert r"\mathcal{X}" in keys and r"\pi" in keys
    rel, _ = parse(r"L_p \geq L\lambda")
    assert isinstance(rel, sympy.GreaterThan) and rel.lhs == S("L_p")


def test_unsupported_latex_is_a_quote_error_not_a_guess():
    # \max_{j \in [n]} z_j is read since issue 24 (tests/test_quote_notation.py); these are not
    for text in (r"\int_{0}^{1} x", r"\sum_{i : z_i > 0} z_i", r"\sum_{i=1} i"):
        with pytest.raises(QuoteError):
            parse(text)


def test_differs_needs_a_defect_or_a_reconstruction():
    with pytest.raises(QuoteError):
        Quote("x", "here", differs="because")
    with pytest.raises(QuoteError):
        ProofRef("", "lemma-2.2")          # an implicit use needs its note


# ---------------------------------------------------------------- quoted = declared


def _ctx(reg=None, text=None):
    return AuditContext(registry=reg or proofs.registry(), paper_text=text)


def test_current_declarations_have_no_unexplained_transcription_finding():
    reg = proofs.registry()
    bad, compared = [], 0
    for r in reg:
        for f in transcription.run(r, _ctx(reg)):
            compared += 1
            if f.verdict.value != "verified":
                bad.append((r.id, f.check, f.detail))
    assert compared >= 30 and bad == []


def _with_constant(rid, name, text):
    r = proofs.registry().results[rid]
    cs = tuple(Constant(c.name, Formula(text), c.description, c.latex) if c.name == name else c for c in r.constants)
    return dataclasses.replace(r, constants=cs)


def _verdicts(r, declares):
    return [f.verdict.value for f in transcription.run(r, _ctx()) if f.evidence["quote"]["declares"] == declares]


def test_dropping_L_from_the_value_layer_count_is_caught():
    r = _with_constant("lemma-2.4", "value_layers", "grid_sequences")
    assert "inconsistent" in _verdicts(r, "value_layers")
    assert set(_verdicts(proofs.registry().results["lemma-2.4"], "value_layers")) == {"verified"}


def test_an_exponent_one_over_alpha_turned_into_alpha_is_caught():
    r = _with_constant("theorem-2.5", "lam", "(2*C*(d*L)**alpha/eps)**(d*L)")
    assert "inconsistent" in _verdicts(r, "lam")


def test_correcting_the_F1_step_range_while_transcribing_is_caught():
    r = _with_constant("lemma-F.2", "steps_literal", "n_cols*N")
    assert "inconsistent" in _verdicts(r, "steps_literal - 1")


def test_a_mismatch_is_certified_at_points_when_symbolic_fails():
    r = proofs.registry().results["lemma-2.2"]
    q = Quote(r"\gamma = \gamma_{\max} + \frac{\epsilon}{3}", "test", "constant", "gamma_stated",
              {r"\gamma": "gamma_stated", r"\gamma_{\max}": "gamma_max", r"\epsilon": "eps"})
    got = compare(q, r, transcription.probe_points(r, _ctx()))
    assert got.status == "mismatch" and got.evidence["method"] == "points"


def test_an_unmapped_symbol_is_undecided_not_a_match():
    r = proofs.registry().results["lemma-2.3"]
    got = compare(Quote(r"\lambda = 2 z", "test", "constant", "lam", {r"\lambda": "lam"}), r, [])
    assert got.status == "undecided"


# ---------------------------------------------------------------- against the text


def test_without_text_the_check_says_skipped_and_is_not_a_pass():
    r = proofs.registry().results["lemma-2.2"]
    (f,) = paper_text.run(r, _ctx())
    assert f.verdict.value == "unknown" and "skipped" in f.detail


@needs_text
def test_with_the_paper_every_text_finding_is_verified():
    reg = proofs.registry()
    ctx = _ctx(reg, paper_text.load(TEXT))
    bad = [(r.id, f.check, f.detail) for r in reg for f in paper_text.run(r, ctx)
           if f.verdict.value != "verified" and f.detail != "no quotes declared: nothing ties this node to the text"]
    assert bad == []


@needs_text
def test_a_changed_quote_is_caught_verbatim():
    reg = proofs.registry()
    r = reg.results["lemma-2.3"]
    q = dataclasses.replace(r.quotes[0], latex=r.quotes[0].latex.replace("1/\\alpha", "\\alpha"))
    bad = dataclasses.replace(r, quotes=(q,) + r.quotes[1:])
    (f,) = [f for f in paper_text.run(bad, _ctx(reg, paper_text.load(TEXT))) if f.check == "text:quotes"]
    assert f.verdict.value == "inconsistent" and "not found verbatim" in f.detail


@needs_text
def test_a_wrong_use_is_caught_both_ways():
    reg = proofs.registry()
    r = reg.results["theorem-2.4"]
    wrong = dataclasses.replace(r, uses=("lemma-2.3", "lemma-2.4"))     # F.2 replaced by the wrong lemma
    ctx = _ctx(Registry([wrong if x.id == r.id else x for x in reg]), paper_text.load(TEXT))
    (f,) = [f for f in paper_text.run(wrong, ctx) if f.check == "text:uses"]
    assert f.verdict.value == "inconsistent"
    assert f.evidence["missing_from_uses"] == ["lemma-F.2"] and f.evidence["never_mentioned"] == ["lemma-2.4"]


@needs_text
def test_cli_audit_with_the_paper_text_relative_path():
    rel = "../shared/paper/001_afd380e0f51532d9.txt"
    out = subprocess.run([sys.executable, "-m", "boundcalc", "audit", "--node", "theorem-2.5", "--json",
                          "--paper-text", rel], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode in (0, 1), out.stderr
    import json

    nodes = json.loads(out.stdout)["nodes"]
    checks = {f["check"]: f["verdict"] for f in nodes[0]["findings"] if f["channel"] == "text"}
    assert checks["text:quotes"] == "verified" and checks["text:uses"] == "verified"


def test_cli_bad_paper_text_path_is_one_line_exit_2(tmp_path):
    out = subprocess.run([sys.executable, "-m", "boundcalc", "audit", "--paper-text", str(tmp_path / "none.txt")],
                         cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 2 and out.stdout == "" and len(out.stderr.strip().splitlines()) == 1
