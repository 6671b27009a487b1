"""The mutation harness (boundcalc.mutation): mutants of a small paper package whose outcomes are derived
by hand, and a fixed seeded sample of the real declarations' mutants, one per operator or more."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from boundcalc import mutation

TOY = textwrap.dedent('''
    """A toy paper: two results whose every mutant's fate is derived by hand in the tests."""
    from fractions import Fraction

    from boundcalc.checks import Counterexample, Custom
    from boundcalc.numbers import Real
    from boundcalc.records import Param, Result, claim, constant


    def _hyp(o):
        return Real(o["x"]).gt(Real(2))


    def _witness(seed):
        """The audit's own example: 17 is nobody's declaration."""
        assert 17 > 3
        return []


    def _adv():
        for k in range(0, 41):
            yield {"x": Fraction(k, 4)}


    SQUARE = Result(
        id="lemma-1", kind="lemma", title="x > 2 gives x^2 > 4", statement="If x > 2 then x^2 > 4.",
        location="toy", params=(Param("a", "pos", default="3"),), hypotheses=("a > 2",),
        constants=(constant("sq", "a**2"),),
        claims=(claim("square", "sq", ">", "4"),),
        checks=(Counterexample("square", lhs=lambda o: Real(o["x"]) * Real(o["x"]), rel=">",
                               rhs=lambda o: Real(4), hypotheses=_hyp, adversarial=_adv),),
    )

    HALF = Result(
        id="theorem-2", kind="theorem", title="a quarter is at most a half", statement="b/4 <= b/2.",
        location="toy", params=(Param("b", "pos", default="4"),),
        claims=(claim("bound", "b/4", "<=", "b/2"),),
        uses=("lemma-1",),
        checks=(Custom("witness", _witness),),
    )

    RESULTS = [SQUARE, HALF]
''')

INIT = textwrap.dedent('''
    from boundcalc.registry import Registry


    def registry():
        from .decls import RESULTS
        return Registry(RESULTS)
''')


@pytest.fixture(scope="module")
def toy(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("toy") / "toypaper"
    root.mkdir()
    (root / "__init__.py").write_text(INIT)
    (root / "decls.py").write_text(TOY)
    return root


def _find(mutants, operator, text):
    hits = [m for m in mutants if m.operator == operator and text in m.description]
    assert hits, f"no {operator} mutant with {text!r}: {[m.description for m in mutants]}"
    return hits[0]


def test_generation_reaches_declarations_only(toy):
    ms = mutation.generate(toy)
    ops = {m.operator for m in ms}
    assert {"literal", "formula-literal", "relation", "hypothesis-weaken", "exponent", "uses-swap"} <= ops
    # prose (title, statement), the adversarial list and the default are never mutated
    for m in ms:
        assert m.source != TOY
        assert "If x > 2 then x^2 > 4." in m.source and "range(0, 41)" in m.source
    assert {n for m in ms for n in m.nodes} == {"lemma-1", "theorem-2"}
    # the helper _hyp is reached through hypotheses= and is a hypothesis, not a claim
    assert _find(ms, "hypothesis-weaken", ".gt( -> .ge(").role == "hypothesis"
    # every mutant compiles and differs from the original
    for m in ms:
        compile(m.source, m.module, "exec")
    # a custom check's function is the audit's witness: counted, never mutated
    excluded: dict[str, int] = {}
    assert [m.id for m in mutation.generate(toy, excluded=excluded)] == [m.id for m in ms]
    line = TOY.splitlines().index("def _witness(seed):") + 1
    assert not [m for m in ms if line <= m.line <= line + 3], "a witness literal was mutated"
    # sites of "assert 17 > 3": two literals with two variants each, one comparison reversed
    assert excluded == {"witness": 2 * 2 + 1}


def test_selection_is_seeded_and_covers_operators(toy):
    ms = mutation.generate(toy)
    a, b = mutation.select(ms, 6, 3), mutation.select(ms, 6, 3)
    assert [m.id for m in a] == [m.id for m in b] and len(a) == 6
    assert len({m.operator for m in a}) == 6


@pytest.fixture(scope="module")
def toy_run(toy):
    ms = mutation.generate(toy)
    picks = {
        # x = 9/4 > 2 is admissible and (9/4)^2 = 81/16 is not < 4: the flipped claim is refuted
        "flip": _find(ms, "relation", "relation > -> <"),
        # x = 2 becomes admissible and 2*2 = 4 > 4 is false: refuted
        "strict": _find(ms, "hypothesis-weaken", ".gt( -> .ge("),
        # threshold 2 -> 1: x = 3/2 admissible, 9/4 > 4 false: refuted
        "lower": _find(ms, "hypothesis-weaken", "literal 2 -> 1"),
        # threshold 2 -> 3: fewer objects asked the same true claim; x in (2, 3] now rejected
        "higher": _find(ms, "hypothesis-weaken", "literal 2 -> 3"),
        # a**2 -> a**(2 + 1): the claim sq > 4 at a = 3 reads 27 > 4, lhs grew: weaker, still true
        "exponent": _find(ms, "exponent", "a**2"),
        # b/4 -> b/5 on the small side of <=: 4/5 <= 2, weaker at the default b = 4
        "quarter": _find(ms, "formula-literal", "literal 4 -> 5 in formula 'b/4'"),
        # b/2 -> b/3 on the large side of <=: 1 <= 4/3 still holds but the rhs shrank: not provably weaker
        "half": _find(ms, "formula-literal", "literal 2 -> 3 in formula 'b/2'"),
        # claim sq > 4 -> sq > 5: 9 > 5 still holds at a = 3 but the rhs grew (stronger): survives
        "four": _find(ms, "formula-literal", "literal 4 -> 5 in formula '4'") if any(
            "formula '4'" in m.description for m in ms) else None,
        "uses": _find(ms, "uses-swap", "lemma-1 dropped"),
        # the search's claim x*x > 4 -> x*x > 3: weaker on every admissible candidate (rhs went down)
        "rhs_weaker": _find(ms, "literal", "literal 4 -> 3 in code"),
        # x*x > 4 -> x*x > 5: stronger, yet true on every candidate (x >= 9/4 gives x^2 >= 81/16): survives
        "rhs_stronger": _find(ms, "literal", "literal 4 -> 5 in code"),
    }
    chosen = [m for m in picks.values() if m is not None]
    run = mutation.evaluate("toypaper", toy, chosen, seed=0, jobs=2)
    return {k: run["results"][chosen.index(m)] for k, m in picks.items() if m is not None}, run


def test_toy_wrong_mutants_caught(toy_run):
    res, run = toy_run
    assert run["control"] is True
    for key in ("flip", "strict", "lower"):
        assert res[key]["outcome"] == "caught", res[key]
        assert "lemma-1" in res[key]["how"] and "refuted" in res[key]["how"]


def test_toy_equivalent_mutants_have_computed_reasons(toy_run):
    res, _ = toy_run
    assert res["higher"]["outcome"] == "equivalent"
    assert res["higher"]["equivalent_reason"].startswith("hypothesis strengthened")
    # the adversarial x = k/4 with 2 < x <= 3 (k = 9..12) are admitted by the original only
    assert "and 4 the original admits are rejected" in res["higher"]["equivalent_reason"]
    for key in ("exponent", "quarter"):
        assert res[key]["outcome"] == "equivalent", res[key]
        assert res[key]["equivalent_reason"].startswith("weaker at every grid point")
    assert res["rhs_weaker"]["outcome"] == "equivalent", res["rhs_weaker"]
    # the adversarial x = k/4 admitted by x > 2 are k = 9..40: 32 candidates, each one's rhs moved
    assert res["rhs_weaker"]["equivalent_reason"].startswith("claim weakened: on 32 admissible candidates")


def test_toy_true_but_unprovable_mutants_survive(toy_run):
    res, _ = toy_run
    # these keep the statement true, but not in a direction the harness can certify: counted, listed
    assert res["half"]["outcome"] == "survived"
    assert res["uses"]["outcome"] == "survived"   # nothing in the toy reads its uses
    assert res["rhs_stronger"]["outcome"] == "survived"   # stronger is never called equivalent


def test_summary_counts(toy_run):
    res, run = toy_run
    s = mutation.summarize(run["results"], available=len(run["results"]))
    n = len(run["results"])
    assert s["generated"] == n
    assert s["caught"] + s["equivalent"] + s["survived"] + s["timeout"] == n
    assert s["kill_rate"] == round(s["caught"] / (n - s["equivalent"]), 4)
    assert sorted(x["id"] for x in s["survivors"]) == sorted(r["id"] for r in run["results"]
                                                             if r["outcome"] == "survived")
    assert sum(t["generated"] for t in s["per_operator"].values()) == n


def _sig(verdict="inconclusive", flagged=(), details=()):
    return {"statement": "open", "proof": "open", "verdict": verdict, "flagged": [list(t) for t in flagged],
            "flagged_details": sorted([c, d] for c, d in details),
            "details": sorted([c, "x", d] for c, d in details)}


def test_compare_ranks_status_then_flags_then_flagged_evidence():
    f = [("stated", "inconsistent", "statement", "")]
    base = {"n": _sig(flagged=f, details=[("stated", "stated 17 vs derived 44")])}
    # the same flagged finding now prints another stated value: caught through its evidence
    moved = {"n": _sig(flagged=f, details=[("stated", "stated 224 vs derived 44")])}
    by, how, changed = mutation.compare(base, moved)
    assert by == "flagged-evidence" and changed and "stated 224" in how
    # identical signatures: not caught, nothing changed
    assert mutation.compare(base, base) == (None, "no flagged difference on the affected nodes", False)
    # a correction-channel finding that becomes flagged counts like any other flag
    corr = {"n": _sig(flagged=f + [("corrected", "refuted", "correction", "D1")],
                      details=[("stated", "stated 17 vs derived 44")])}
    assert mutation.compare(base, corr)[0] == "flag"
    # a verdict change outranks a flag change on another node
    two_a = {"a": _sig(), "b": base["n"]}
    two_b = {"a": _sig(verdict="refuted"), "b": corr["n"]}
    assert mutation.compare(two_a, two_b)[0] == "status"
    # an unflagged finding's detail changing is evidence, not a catch
    quiet = {"n": _sig(flagged=f, details=[("stated", "stated 17 vs derived 44")])}
    quiet["n"]["details"].append(["other", "verified", "ok at 3 points"])
    by, _, changed = mutation.compare(base, quiet)
    assert by is None and changed


def test_summary_strict_rate_leaves_out_evidence_catches():
    rows = [{"operator": "literal", "nodes": ["a"], "outcome": "caught", "caught_by": "status", "id": "1"},
            {"operator": "literal", "nodes": ["a"], "outcome": "caught", "caught_by": "flagged-evidence", "id": "2"},
            {"operator": "relation", "nodes": ["b"], "outcome": "survived", "id": "3"},
            {"operator": "relation", "nodes": ["b"], "outcome": "equivalent", "equivalent_reason": "r", "id": "4"}]
    s = mutation.summarize(rows, available=4, excluded={"witness": 7})
    assert (s["kill_rate"], s["strict_kill_rate"]) == (round(2 / 3, 4), round(1 / 3, 4))
    assert s["caught_by"]["flagged-evidence"] == 1 and s["excluded_sites"] == {"witness": 7}
    # both catches by a search: the computed rate counts both, the strict computed rate only the status change
    rows[0]["mechanisms"] = rows[1]["mechanisms"] = ["search"]
    s = mutation.summarize(rows, available=4)
    assert (s["computed_kill_rate"], s["strict_computed_kill_rate"]) == (round(2 / 3, 4), round(1 / 3, 4))
    # an uncertified evidence catch shown equivalent leaves the strict denominator (3 - 1), not the headline's
    rows[1]["strict_equivalent"] = "domain widened where nothing new fails"
    s = mutation.summarize(rows, available=4)
    assert (s["kill_rate"], s["strict_kill_rate"], s["strict_equivalent"]) == (round(2 / 3, 4), round(1 / 2, 4), 1)
    rows[1]["certified"] = True                  # a certified catch counts as caught, whatever else holds
    s = mutation.summarize(rows, available=4)
    assert (s["strict_kill_rate"], s["strict_equivalent"]) == (round(2 / 3, 4), 0)


def test_working_tree_untouched(toy):
    before = (toy / "decls.py").read_text()
    ms = mutation.generate(toy)
    mutation.evaluate("toypaper", toy, ms[:1], jobs=1)
    assert (toy / "decls.py").read_text() == before
    import sys
    assert "toypaper" not in sys.modules   # the mutants ran in worker processes


# ---------------------------------------------------------------- the real declarations


# ---------------------------------------------------------------- equivalence reasons on small registries


def _domain_mutant(node, name, before, after):
    return mutation.Mutant(f"m:{name}", "hypothesis-weaken", "x.py", 1, (node,), f"domain of {name}: {before} -> {after}",
                           "hypothesis", "", before, after)


def test_widened_domain_without_effect_needs_a_computed_reason():
    from boundcalc.records import Param, Result, constant
    from boundcalc.registry import Registry

    r = Result("n", "lemma", "t", "s", "l",
               params=(Param("unused", "posint", default="1"), Param("y", "pos", default="1"),
                       Param("g", "pos", default="1"), Param("h", "pos", default="2")),
               constants=(constant("k", "1/y + h"),), hypotheses=("g <= h",))
    reg = Registry([r])
    # no formula reads 'unused': no assertion can change
    why = mutation.equivalence(_domain_mutant("n", "unused", "posint", "nonnegint"), reg, reg)
    assert why and "no formula reads unused" in why
    # y = 0 is read by 1/y and nothing excludes it: not equivalent (the audit must catch it)
    assert mutation.equivalence(_domain_mutant("n", "y", "pos", "nonneg"), reg, reg) is None
    # h = 0 would need g <= 0, impossible for g > 0 (sympy, from g's domain)
    why = mutation.equivalence(_domain_mutant("n", "h", "pos", "nonneg"), reg, reg)
    assert why and "h = 0 contradicts the hypothesis g <= h" in why
    # a widening that adds an interval ((0,1] -> pos) is never excused by a single value
    assert mutation.equivalence(_domain_mutant("n", "h", "(0,1]", "pos"), reg, reg) is None


def test_flipped_relation_is_equivalent_only_between_identical_sides():
    import dataclasses

    from boundcalc.checks import StatedVsDerived
    from boundcalc.records import Param, Result, constant
    from boundcalc.registry import Registry

    def reg(follows, derived):
        spec = StatedVsDerived("s", stated="x", derived=derived, follows=follows, grid=({"x": "1"},))
        return Registry([Result("n", "lemma", "t", "s", "l", params=(Param("x", "pos", default="2"),),
                                constants=(constant("twice", "2*x"),), checks=(spec,))])

    m = mutation.Mutant("m", "relation", "x.py", 1, ("n",), "relation <= -> >=", "claim", "", "<=", ">=")
    # x <= twice/2 is an identity: x >= twice/2 holds as well
    assert mutation.equivalence(m, reg("<=", "twice/2"), reg(">=", "twice/2")).startswith("both sides of")
    # x <= twice is true but x >= twice is false: the flip is a real error
    assert mutation.equivalence(m, reg("<=", "twice"), reg(">=", "twice")) is None


def test_weaker_o_claim_is_equivalent_and_stronger_is_not():
    from boundcalc.checks import Asymptotic
    from boundcalc.records import Param, Result
    from boundcalc.registry import Registry

    def reg(claimed):
        spec = Asymptotic("poly", explicit="3*n**2 + n", claimed=claimed, variable="n")
        return Registry([Result("n", "lemma", "t", "s", "l", params=(Param("n", "posint"),), checks=(spec,))])

    m = mutation.Mutant("m", "exponent", "x.py", 1, ("n",), "exponent", "claim", "", "n**2", "n**(2 + 1)")
    # 3n^2 + n = O(n^2) implies = O(n^3): n^2/n^3 -> 0
    why = mutation.equivalence(m, reg("n**2"), reg("n**3"))
    assert why and why.startswith("O-claim weakened") and "-> 0" in why
    # O(n) is a stronger (and false) claim: n^2/n -> oo, no reason
    assert mutation.equivalence(m, reg("n**2"), reg("n")) is None


# ---------------------------------------------------------------- paper level (the error printed in the paper)

PRINTED = textwrap.dedent('''
    """A toy paper whose one printed formula is mutated as if the paper had printed the error."""
    from boundcalc.quotes import Quote
    from boundcalc.records import Param, Result, claim, constant

    GAP = Result(
        id="lemma-1", kind="lemma", title="a gap of five", statement="The quantity t of Lemma 1 is at least five.",
        location="toy, Lemma 1", params=(Param("a", "pos", default="3"),), hypotheses=("a >= 3",),
        constants=(constant("t", "a**2 - 4"),),
        claims=(claim("gap", "t", ">=", "5"),),
        quotes=(Quote(r"t = a^2 - 4", "Lemma 1", "constant", declares="t"),),
    )

    RESULTS = [GAP]
''')

PAPER = """1 Introduction

Lemma 1. For $a \\geq 3$ the quantity $t = a^2 - 4$ satisfies $t \\geq 5$.

Proof. Nine minus four is five. $\\square$
"""


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    """The toy package, its paper text, every mutant and their paper-level forms."""
    from boundcalc.mutation import paper_level

    base = tmp_path_factory.mktemp("printed")
    root = base / "toyprint"
    root.mkdir()
    (root / "__init__.py").write_text(INIT)
    (root / "decls.py").write_text(PRINTED)
    (base / "paper.txt").write_text(PAPER)
    ms = mutation.generate(root)
    pm, counts = paper_level.paper_level("toyprint", root, ms, str(base / "paper.txt"), keep_unquoted=True)
    return root, str(base / "paper.txt"), ms, pm, counts


def test_rewrite_text_ignores_spaces_and_dollars():
    from boundcalc.mutation.paper_level import rewrite_text

    text = "so $t = a^2 - 4$ and $t = a^2 - 4$"
    # the first occurrence only, found whatever the spacing
    assert rewrite_text(text, [("t=a^2-4", "t = a^2 - 5")]) == "so $t = a^2 - 5$ and $t = a^2 - 4$"
    assert rewrite_text(text, [("t = a^3", "x")]) is None


def test_variants_name_the_mutants_edit_first():
    from boundcalc.mutation.paper_level import variants

    m = mutation.Mutant("m", "formula-literal", "x.py", 1, ("n",), "literal 4 -> 5 in formula 'a**2 - 4'", "claim", "")
    got = variants(r"t = a^2 - 4", m)
    assert got[0] == "t = a^2 - 5"
    # other one-token edits follow: the exponent moved, an exponent raised by one, the relation replaced
    assert {"t = a^3 - 4", "t = a^{2 + 1} - 4", r"t  \leq  a^2 - 4"} <= set(got)


def test_paper_level_prints_quoted_formulas_only(printed):
    _, _, ms, pm, counts = printed
    # five mutants: the domain of a and the claim's relation appear in no quote (unquoted); the three edits
    # of 'a**2 - 4' change the quoted formula and are printed
    assert counts["printed"] == 3 and counts["unquoted"] == 2 and counts["unprintable"] == 0
    by = {m.description.split(";")[0]: m for m in pm}
    four = by["literal 4 -> 5 in formula 'a**2 - 4'"]
    assert four.mode == "paper" and four.text_edits == (("t = a^2 - 4", "t = a^2 - 5"),)
    assert "Quote('t = a^2 - 5'" in four.source and "'a ** 2 - 5'" in four.source
    assert by["relation >= -> <="].text_edits == ()
    assert {m.id for m in pm}.isdisjoint({m.id for m in ms})


def test_paper_level_leaves_only_computation(printed):
    """t = a^2 - 5 >= 5 fails at a = 3 (9 - 5 = 4): caught by the claim's comparison in both modes, and by
    the text only when the quote still prints a^2 - 4 (transcription); a^3 - 4 >= 5 holds for a >= 3."""
    root, text, ms, pm, _ = printed
    four_t = next(m for m in ms if m.description == "literal 4 -> 5 in formula 'a**2 - 4'")
    four_p = next(m for m in pm if m.id == "paper:" + four_t.id)
    cube_p = next(m for m in pm if m.description.startswith("literal 2 -> 3 in formula 'a**2 - 4'"))
    run = mutation.evaluate("toyprint", root, [four_t, four_p, cube_p], jobs=2, paper_text=text)
    t, p, cube = run["results"]
    assert run["control"] is True
    assert t["outcome"] == p["outcome"] == "caught"
    assert t["mechanisms"] == ["comparison", "text"]
    assert p["mechanisms"] == ["comparison"] and p["mechanism"] == "comparison"
    assert p["status"]["lemma-1"][0] == "refuted"
    assert cube["outcome"] == "equivalent"
    s = mutation.summarize(run["results"], 3)
    # two caught, one equivalent: kill rate 2/2; both caught by computation
    assert (s["kill_rate"], s["computed_kill_rate"], s["caught_by_computation"]) == (1.0, 1.0, 2)
    assert s["mechanism"]["comparison"] == 2 and s["mechanisms_involved"]["text"] == 1


def test_mechanism_of_a_finding():
    from boundcalc.mutation.comparison import mechanism, mechanisms

    assert [mechanism(c) for c in ("counterexample:separation", "proof-record", "axiom:deriv", "claim:gap",
                                   "stated-vs-derived:k", "transcription:t#0", "text:quotes", "custom:witness",
                                   "formal-vs-quote#0")] == \
        ["search", "proof", "axiom", "comparison", "comparison", "text", "text", "search", "text"]
    a = _sig(flagged=[("transcription:t#0", "inconsistent", "text", "")],
             details=[("transcription:t#0", "x")])
    b = _sig(verdict="refuted", flagged=[("claim:gap", "refuted", "statement", ""),
                                         ("transcription:t#0", "inconsistent", "text", "")],
             details=[("transcription:t#0", "x"), ("claim:gap", "y")])
    assert mechanisms({"n": a}, {"n": b}) == ["comparison"]


def test_weakened_formal_conclusion_is_equivalent_and_strengthened_is_not():
    import sympy as sp
    from types import SimpleNamespace

    from boundcalc.mutation.equivalence import equivalence
    from boundcalc.objects import Rationals
    from boundcalc.statements import Statement

    x = sp.Symbol("x")
    dom = {"x": Rationals(0, None, lo_open=True)}

    def reg(concl, hyps=()):
        st = Statement(variables=dom, conclusion=(concl,), hypotheses=hyps)
        return SimpleNamespace(results={"n": SimpleNamespace(formal=st)})

    base = reg(sp.Gt(x + 1, 1))   # x + 1 > 1 for x > 0
    m = mutation.Mutant("m", "statement-relation", "mod.py", 1, ("n",), "conclusion", "claim", "")
    # x + 1 > 0 follows from x + 1 > 1 (margin up by 1); x + 1 >= 1 from x + 1 > 1 (strictness dropped)
    assert "margin + 1" in equivalence(m, base, reg(sp.Gt(x + 1, 0)))
    assert equivalence(m, base, reg(sp.Ge(x + 1, 1))).startswith("conclusion weakened")
    # stronger or reversed conclusions, or another hypothesis, are not equivalent
    assert equivalence(m, base, reg(sp.Gt(x + 1, 2))) is None
    assert equivalence(m, base, reg(sp.Lt(x + 1, 1))) is None
    assert equivalence(m, base, reg(sp.Gt(x + 1, 0), (sp.Gt(x, 1),))) is None


def test_weakened_standing_conclusion_of_proof_steps_is_equivalent():
    """The standing statement a proof's steps are declared under is compared too; a named predicate is the
    same hypothesis in two loads when its name and definition are (its test function is a new object)."""
    import sympy as sp
    from types import SimpleNamespace

    from boundcalc.mutation.equivalence import equivalence
    from boundcalc.objects import Rationals
    from boundcalc.statements import Predicate, Statement

    x = sp.Symbol("x")
    dom = {"x": Rationals(0, None, lo_open=True)}

    def reg(concl):
        pred = Predicate("small", "x < 3", lambda o: o["x"] < 3)        # a fresh function in every call
        st = Statement(variables=dom, conclusion=(concl,), hypotheses=(pred,))
        return SimpleNamespace(results={"n": SimpleNamespace(formal=None)}, proof_steps={"n": [(st, ())]})

    base = reg(sp.Lt(x, 3))
    m = mutation.Mutant("m", "statement-relation", "steps.py", 1, ("n",), "conclusion", "claim", "")
    assert "margin + 1" in equivalence(m, base, reg(sp.Lt(x, 4)))
    assert equivalence(m, base, reg(sp.Lt(x, 2))) is None          # stronger: not equivalent


def test_a_domain_widened_where_z3_proves_every_claim_is_equivalent():
    """boundcalc.mutation.widened: equivalent only when every claim of the statement is proved on the
    added part of the domain; a claim false there (even at one point) keeps the mutant counted."""
    import sympy as sp
    from types import SimpleNamespace

    from fractions import Fraction

    from boundcalc.auditing.steps import Step
    from boundcalc.mutation.equivalence import equivalence
    from boundcalc.objects import Integers, Rationals
    from boundcalc.statements import Statement

    x, n = sp.Symbol("x"), sp.Symbol("n")

    def reg(lo, concl, steps=()):
        st = Statement(variables={"x": Rationals(lo, None), "n": Integers(2, None)}, conclusion=(concl,))
        return SimpleNamespace(results={"s": SimpleNamespace(formal=None)}, proof_steps={"s": [(st, steps)]})

    m = mutation.Mutant("m", "statement-domain", "steps.py", 1, ("s",), "domain bound 0 -> -1", "hypothesis", "")
    claim = sp.Gt(x + 1, 0)                                   # true on x >= 0 and on [-1/2, 0), false at x = -1
    assert "z3 proves all 1 claim(s)" in equivalence(m, reg(0, claim), reg(Fraction(-1, 2), claim))
    assert equivalence(m, reg(0, claim), reg(-1, claim)) is None
    # transcendental atoms: pi and log(n) are positive (n >= 2), so x pi log(n) >= x ... only for x >= 0
    step = (Step("s1", sp.Ge(x * sp.pi * sp.log(n), x), "", ()),)
    assert equivalence(m, reg(0, sp.Ge(x + 1, 0), step), reg(-1, sp.Ge(x + 1, 0), step)) is None
    step = (Step("s1", sp.Le(x * sp.pi * sp.log(n), 3 * sp.pi * sp.log(n)), "", ()),)
    assert equivalence(m, reg(0, sp.Ge(x + 1, 0), step), reg(-1, sp.Ge(x + 1, 0), step)) is not None


def test_a_widened_integer_domain_is_proved_value_by_value():
    """n >= 2 widened to n >= 1 adds n = 1 only, where log(1) = 0 makes both sides 0; widened to n >= 0,
    log(0) is not a number sympy can compare, so nothing is proved."""
    import sympy as sp
    from types import SimpleNamespace

    from boundcalc.mutation.equivalence import equivalence
    from boundcalc.objects import Integers, Rationals
    from boundcalc.statements import Statement

    x, n = sp.Symbol("x"), sp.Symbol("n")
    claim = sp.Le(x * sp.log(n), sp.log(n))            # false for x > 1 at every n >= 2, true at n = 1

    def reg(lo):
        st = Statement(variables={"x": Rationals(0, 4), "n": Integers(lo, 9)}, conclusion=(claim,))
        return SimpleNamespace(results={"s": SimpleNamespace(formal=None)}, proof_steps={"s": [(st, ())]})

    m = mutation.Mutant("m", "statement-domain", "steps.py", 1, ("s",), "domain bound 2 -> 1", "hypothesis", "")
    assert "at n = 1" in equivalence(m, reg(2), reg(1))
    assert equivalence(m, reg(2), reg(0)) is None
