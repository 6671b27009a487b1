"""Declarations of Sections 2-3 and Appendices C, G, H, I and the external nodes: they load, read like
statements, their defaults respect their domains, their edges resolve, and text checks carry their evidence."""
import importlib

import pytest

from boundcalc.checks import Asymptotic, Citation, Consistency, Counterexample, Custom, StatedVsDerived
from boundcalc.findings import Verdict
from boundcalc.formula import Formula
from boundcalc.numbers import Real
from boundcalc.records import check_domain
from boundcalc.numbers import parse_exact
from proofs import registry

MINE = ("section_2", "section_3", "appendix_c", "appendix_g", "appendix_h", "appendix_i", "external")
KINDS = {"definition", "lemma", "theorem", "corollary", "problem", "hypothesis", "assumption", "informal", "external"}


def my_results():
    return [r for m in MINE for r in importlib.import_module(f"proofs.{m}").RESULTS]


@pytest.mark.parametrize("r", my_results(), ids=lambda r: r.id)
def test_node_reads_like_a_statement(r):
    assert r.statement.strip() and r.location.strip() and r.title.strip()
    assert r.kind in KINDS
    for p in r.params:
        if p.default is not None:
            check_domain(p.name, p.domain, parse_exact(p.default, p.name))
    for spec in r.checks:
        assert isinstance(spec, (StatedVsDerived, Counterexample, Consistency, Citation, Asymptotic, Custom))
        if isinstance(spec, (Consistency, Citation)) and spec.agree is None:
            assert (getattr(spec, "a", None) or getattr(spec, "condition", None)), spec.name


def test_registry_edges_resolve():
    reg = registry()
    assert reg.dangling() == []
    for r in my_results():
        for u in r.uses:
            reg.get(u)   # raises if unknown


def test_canonical_ids_present():
    reg = registry()
    for rid in (["definition-2.%d" % k for k in range(1, 8)] + ["problem-1", "problem-2", "hypothesis-1",
                "lemma-2.1", "theorem-2.1", "theorem-2.2", "definition-C.1"] + ["lemma-C.%d" % k for k in range(1, 10)]
                + ["definition-H.1", "lemma-H.1", "lemma-H.2", "theorem-3.1", "theorem-3.2", "assumption-I.1",
                   "corollary-I.0.1", "ext-ks24-lemma-1", "ext-ks24-theorem-2", "ext-park21-lemma-13",
                   "ext-as23-theorem-1.3", "ext-as23-theorem-1.4", "ext-aa22-degree", "ext-yun20-universality",
                   "ext-wang23-theorem-1", "ext-wang23-theorem-2"]):
        assert reg.get(rid).id == rid
    assert reg.get("G.1").id == "theorem-2.5"
    assert [r.kind for r in (reg.get("lemma-2.1"), reg.get("theorem-2.1"), reg.get("theorem-2.2"))] == ["informal"] * 3


def test_theorem_2_5_keeps_lp_constants():
    r = registry().get("theorem-2.5")
    env = r.evaluate({"d": "1", "L": "2", "eps": "1/10"})
    # by hand: lambda = (2 * 1 * 2^{1/2} / (1/10))^2 = (20 sqrt 2)^2 = 800; L * lambda = 1600
    assert env["lam"].as_fraction() == 800 and env["Lp_min"].as_fraction() == 1600
    assert set(r.uses) == {"theorem-2.4", "lemma-2.3"}


def test_threshold_conditions_match_hand_table():
    # notes §1.2: 4 ln n vs 2 ln n + 3 -> 2.77 < 4.39, 4.39 < 5.20, 5.55 < 5.77, 6.44 > 6.22
    f = Formula("4*log(n) - (2*log(n) + 3)")
    signs = [f.evaluate({"n": Real(n)}).sign() for n in (2, 3, 4, 5)]
    assert signs == [-1, -1, -1, 1]
    spec = next(s for s in registry().get("lemma-C.6").checks if isinstance(s, Citation))
    assert spec.condition.replace(" ", "") == "4*log(n)>=2*log(n)+3"


def test_swapped_citations_recorded():
    reg = registry()
    assert "lemma-H.1" in reg.get("theorem-3.1").uses and "lemma-H.2" in reg.get("theorem-3.2").uses
    for rid in ("theorem-3.1", "theorem-3.2"):
        spec = next(s for s in reg.get(rid).checks if getattr(s, "name", "") == "swapped-citation")
        assert spec.agree is False


def test_custom_checks_give_certified_evidence():
    reg = registry()
    g = {s.name: s for s in reg.get("theorem-2.5").checks if isinstance(s, Custom)}
    f = g["integral-to-pointwise"].run(0)[0]
    # triangle of height 1 and base w: integral of the square is w/3 -> 1/300 for w = 1/100
    assert f.verdict is Verdict.UNSUPPORTED and f.evidence["d_alpha_squared"] == "1/300"
    f = g["data-consistency"].run(0)[0]
    assert f.verdict is Verdict.INCONSISTENT and f.evidence["C_needed"] == "100"
    c3 = next(s for s in reg.get("lemma-C.3").checks if isinstance(s, Custom)).run(0)[0]
    assert c3.verdict is Verdict.INCONSISTENT and c3.evidence["x(1/8)"] == "-7/3"
    c1 = next(s for s in reg.get("lemma-C.1").checks if isinstance(s, Custom)).run(0)[0]
    assert c1.verdict is Verdict.VERIFIED


def test_convention_numbers_show_larger_rank_unscaled():
    spec = next(s for s in registry().get("theorem-3.2").checks if isinstance(s, Custom))
    f = spec.run(0)[0]
    assert f.verdict is Verdict.UNKNOWN
    for row in f.evidence["rows"]:
        # unscaled scores live on [-d B^2, d B^2]: the interval is d times wider, the rank strictly larger
        assert int(row["none"]["rank"]) > int(row["1/d"]["rank"])
        assert int(row["none"]["degree"]) > int(row["1/d"]["degree"])
