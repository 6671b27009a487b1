"""A proof step's printed LaTeX against its declared relation and against the paper text
(boundcalc.auditing.step_text).

Small declared package: a lemma x*y <= (x + y)^2/4 on [0, 4]^2 whose proof displays three steps. The planted
steps' relations disagree with the LaTeX they carry (a factor 2 in a side; the relation reversed); they are
flagged on the text channel, naming both forms. The true steps (LaTeX and relation agreeing) are verified; a
LaTeX the parser cannot read is `unknown`. With a paper text, the step's LaTeX is looked for in the proof.
Expected numbers are computed here by hand (Fractions), not by the code under test.
"""
from __future__ import annotations

from fractions import Fraction

import sympy as sp

from boundcalc.audit import audit
from boundcalc.auditing.step_text import compare, split_chain
from boundcalc.auditing.steps import Step
from boundcalc.findings import Verdict
from boundcalc.objects import Rationals
from boundcalc.records import Result
from boundcalc.registry import Registry
from boundcalc.statements import Quantity, Statement

x, y = sp.symbols("x y")
LE = lambda a, b: sp.LessThan(a, b, evaluate=False)       # noqa: E731
GE = lambda a, b: sp.GreaterThan(a, b, evaluate=False)    # noqa: E731
AMGM = Statement({"x": Rationals(0, 4), "y": Rationals(0, 4)}, (LE(x * y, (x + y) ** 2 / 4),),
                 hypotheses=(LE(x + y, 6),))
TRUE = (Step("square", GE((x - y) ** 2, 0), latex=r"(x - y)^2 \geq 0"),
        Step("expand", GE(x ** 2 + y ** 2, 2 * x * y), latex=r"x^2 + y^2 \geq 2xy"),
        Step("continued", LE(x * y, (x + y) ** 2 / 4), latex=r"\leq \frac{(x+y)^2}{4}"))
FACTOR = Step("factor", LE(2 * x * y, (x + y) ** 2 / 4), latex=r"xy \leq \frac{(x + y)^2}{4}")
REVERSED = Step("reversed", LE(x ** 2 + y ** 2, 2 * x * y), latex=r"x^2 + y^2 \geq 2xy")
PAPER = """# Lemma 1. For x, y in [0, 4], $xy \\leq \\frac{(x+y)^2}{4}$.

Proof. We have $(x - y)^2 \\geq 0$, hence $x^2 + y^2 \\geq 2xy$ and $xy \\leq \\frac{(x + y)^2}{4}$. \\square
"""


def test_planted_factor_is_flagged_naming_both_forms():
    f = compare(AMGM, FACTOR)
    assert f.verdict is Verdict.INCONSISTENT and f.flagged and f.channel == "text"
    assert "x*y" in f.evidence["printed"] and "2*x*y" in f.evidence["declared"]
    # independently: at the reported probe point the printed and declared left sides differ
    p = {k: Fraction(v) for k, v in f.evidence["probe"].items()}
    assert p["x"] * p["y"] != 2 * p["x"] * p["y"]


def test_planted_reversal_is_flagged():
    f = compare(AMGM, REVERSED)
    assert f.verdict is Verdict.INCONSISTENT and ">=" in f.evidence["printed"] and "<=" in f.evidence["declared"]


def test_true_steps_are_left_alone():
    for s in TRUE:
        f = compare(AMGM, s)
        assert f.verdict is Verdict.VERIFIED, f.detail


def test_unreadable_or_unmapped_latex_is_unknown_never_verified():
    odd = Step("odd", GE(x, 0), latex=r"\int_0^x t \, dt \geq 0")
    alien = Step("alien", GE(x, 0), latex=r"\zeta \geq 0")
    for s in (odd, alien):
        f = compare(AMGM, s)
        assert f.verdict is Verdict.UNKNOWN and not f.flagged


def test_a_quantity_by_value_is_decided_at_admissible_points():
    # Q is x + 1 by value only: 'Q \leq x + 2' printed against Q <= x + 3 declared is certified different at
    # an admitted point, while Q <= x + 2 (the same) is verified
    q = Quantity("Q", "x plus one", value=lambda o: o["x"] + 1)
    st = Statement({"x": Rationals(0, 4)}, (GE(x, 0),), sample=lambda rng: {"x": Fraction(rng.randint(0, 8), 2)})
    Q = sp.Symbol("Q")
    bad = compare(st, Step("q", LE(Q, x + 3), quantities=(q,), latex=r"Q \leq x + 2"))
    assert bad.verdict is Verdict.INCONSISTENT
    good = compare(st, Step("q", LE(Q, x + 2), quantities=(q,), latex=r"Q \leq x + 2"))
    assert good.verdict is Verdict.VERIFIED


def test_chain_reading():
    c = split_chain(r"A \geq \dots = B.")
    assert (c.lhs, c.op, c.rhs, c.elided) == ("A", ">=", "B", True)
    c = split_chain(r"> (\ln n)^2 e^{-2\gamma}")
    assert c.lhs is None and c.op == ">"


def _registry(steps):
    node = Result(id="lemma-1", kind="lemma", title="AM-GM", statement="xy <= (x+y)^2/4", location="Lemma 1")
    reg = Registry([node])
    reg.proof_steps = {"lemma-1": [(AMGM, tuple(steps))]}
    return reg


def test_audit_flags_the_planted_step_on_the_text_channel_and_anchors_printed_steps(tmp_path):
    paper = tmp_path / "paper.md"
    paper.write_text(PAPER)
    rep = audit(registry=_registry(TRUE + (FACTOR,)), evaluator=False, paper_text=str(paper))
    found = {f.check: f for f in rep.nodes[0].findings}
    assert found["step-text:factor"].verdict is Verdict.INCONSISTENT
    assert all(found[f"step-text:{s.label}"].verdict is Verdict.VERIFIED for s in TRUE)
    assert found["step-printed:square"].verdict is Verdict.VERIFIED
    assert found["step-printed:factor"].verdict is Verdict.VERIFIED     # its LaTeX is the paper's; the relation is not
    clean = audit(registry=_registry(TRUE), evaluator=False, paper_text=str(paper))
    assert not any(f.flagged for f in clean.nodes[0].findings if f.check.startswith("step-"))


def test_unmapped_symbols_are_named_all_and_sorted():
    """The reason names every printed symbol the step lacks, in sorted order: a set's iteration order
    changes between interpreter runs, and the audit's JSON must not (cold, warm and --jobs 2 identical)."""
    alien = Step("alien", GE(x, 0), latex=r"\zeta + \beta + \omega \geq 0")
    f = compare(AMGM, alien)
    assert f.verdict is Verdict.UNKNOWN
    assert r"printed symbols \beta, \omega, \zeta are not among the step's symbols" in f.detail


# ---------------------------------------------------------------- notation mapped through the declarations

z1, zn, m, k, n_ = sp.symbols("z_1i z_ni m k n")
VEC = Statement({"k": Rationals(0, 8), "n": Rationals(0, 8)}, (GE(z1, zn),),
                quantities=(Quantity("z_1i", "z^(i)_1 (sorted decreasingly)", value=lambda o: 3),
                            Quantity("z_ni", "z^(i)_n (sorted decreasingly)", value=lambda o: 1),
                            Quantity("m", "n - k", value=lambda o: o["n"] - o["k"])),
                latex={"z_1i": r"\max_{l \in [n]} z_l^{(i)}"})


def test_indexed_entries_map_through_definitions():
    # z_1^{(i)} and z^{(i)}_n are the quantities defined as z^(i)_1, z^(i)_n: the printed relation is read
    good = compare(VEC, Step("order", GE(z1, zn), latex=r"z_1^{(i)} \geq z^{(i)}_n"))
    assert good.verdict is Verdict.VERIFIED, good.detail
    bad = compare(VEC, Step("order", GE(z1, zn + 1), latex=r"z_1^{(i)} \geq z^{(i)}_n"))
    assert bad.verdict is Verdict.INCONSISTENT and "z_ni + 1" in bad.detail


def test_a_definition_written_as_a_formula_is_its_closed_form_in_the_comparison():
    # m is given by its value; its definition "n - k" reads as a formula over declared symbols
    good = compare(VEC, Step("m", GE(m * n_, 0), latex=r"(n - k) n \geq 0"))
    assert good.verdict is Verdict.VERIFIED, good.detail
    bad = compare(VEC, Step("m", GE((m + 1) * n_, 0), latex=r"(n - k) n \geq 0"))
    assert bad.verdict is Verdict.INCONSISTENT
    # independently: (m + 1) n - (n - k) n = n by hand (m = n - k), so the sides differ exactly where n != 0
    p = {key: Fraction(v) for key, v in bad.evidence["probe"].items()}
    assert set(p) == {"n"} and p["n"] != 0


def test_a_printed_name_the_statement_declares_is_its_symbol():
    good = compare(VEC, Step("max", GE(z1, zn), latex=r"\max_{l \in [n]} z_l^{(i)} \geq z^{(i)}_n"))
    assert good.verdict is Verdict.VERIFIED, good.detail
    bad = compare(VEC, Step("max", GE(z1, zn + 1), latex=r"\max_{l \in [n]} z_l^{(i)} \geq z^{(i)}_n"))
    assert bad.verdict is Verdict.INCONSISTENT


def test_grouping_brackets_and_greek_abbreviations():
    eps, gmin = sp.symbols("eps gamma_min")
    st = Statement({"eps": Rationals(1, 4), "gamma_min": Rationals(1, 4)}, (GE(eps, 0),))
    good = compare(st, Step("g", GE(eps * (gmin + 1), 0), latex=r"\epsilon \cdot [\gamma_{\min} + 1] \geq 0"))
    assert good.verdict is Verdict.VERIFIED, good.detail
    bad = compare(st, Step("g", GE(eps * (gmin + 2), 0), latex=r"\epsilon \cdot [\gamma_{\min} + 1] \geq 0"))
    assert bad.verdict is Verdict.INCONSISTENT


def test_an_undeclared_notation_stays_unknown():
    f = compare(VEC, Step("other", GE(z1, zn), latex=r"z_1^{(j)} \geq z^{(i)}_n"))
    assert f.verdict is Verdict.UNKNOWN and not f.flagged


# ---------------------------------------------------------------- anchoring without the display's layout

ALIGNED = """# Lemma 1. For x, y in [0, 4], $xy \\leq \\frac{(x+y)^2}{4}$.

Proof. $$\\begin{aligned} x^2 + y^2 &\\geq 2xy \\quad (\\text{By } (x-y)^2 \\geq 0) \\\\
&\\geq 2xy - 1 && \\text{(slack)} \\\\
&= 2xy \\\\ &\\quad - 1. \\end{aligned}$$ \\square
"""


def test_a_step_printed_across_aligned_lines_is_anchored(tmp_path):
    from boundcalc.auditing.paper_text import PaperText
    from boundcalc.auditing.step_text import printed_in_proof

    paper = PaperText(str(tmp_path / "p.md"), ALIGNED)
    node = Result(id="lemma-1", kind="lemma", title="AM-GM", statement="xy <= (x+y)^2/4", location="Lemma 1")
    for latex in (r"x^2 + y^2 \geq 2xy \geq 2xy - 1", r"\geq 2xy - 1 = 2xy - 1"):
        f = printed_in_proof(node, Step("s", GE(x, 0), latex=latex), paper)
        assert f.verdict is Verdict.VERIFIED, f.detail
    f = printed_in_proof(node, Step("s", GE(x, 0), latex=r"x^2 + y^2 \geq 3xy"), paper)
    assert f.verdict is Verdict.UNKNOWN


def test_a_reversed_declaration_is_flagged_for_continued_displays_and_quantities():
    # a continued display '> X' declared 'prev < X' (same right side, opposite relation) is a disagreement;
    # declared the other way round ('X < prev') it is the same relation
    prev = sp.Symbol("Q")
    q = Quantity("Q", "x plus one", value=lambda o: o["x"] + 1)
    st = Statement({"x": Rationals(0, 4)}, (GE(x, 0),))
    LT = lambda a, b: sp.StrictLessThan(a, b, evaluate=False)     # noqa: E731
    GT = lambda a, b: sp.StrictGreaterThan(a, b, evaluate=False)  # noqa: E731
    assert compare(st, Step("c", LT(prev, x), quantities=(q,), latex=r"> x")).verdict is Verdict.INCONSISTENT
    assert compare(st, Step("c", LT(x, prev), quantities=(q,), latex=r"> x")).verdict is Verdict.VERIFIED
    assert compare(st, Step("c", GT(prev, x), quantities=(q,), latex=r"> x")).verdict is Verdict.VERIFIED
    # both sides printed, a quantity by value on one side (no probe point decides it): the same sides reversed
    f = compare(st, Step("q", GE(prev, x + 2), quantities=(q,), latex=r"Q \leq x + 2"))
    assert f.verdict is Verdict.INCONSISTENT and "same sides" in f.detail
