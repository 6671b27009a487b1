"""Issue 21, item 5: constants named alike compared under partial binding.

A theorem without a prompt length uses a lemma whose constant also depends on L_p. Before, the
comparison was skipped (the theorem gives no L_p); now the lemma's missing parameter is bound to its
own bound (a hypothesis ``Lp >= f``) or else to the common specialisation (L_p = 0), and the finding
says which. Planted error: the theorem's count off by one; true statement: the count as the lemma
gives it at L_p = 0 (or at the lemma's bound).
"""
from __future__ import annotations

from boundcalc.audit import audit
from boundcalc.findings import Verdict
from boundcalc.records import Param, Result, constant
from boundcalc.registry import Registry


def lemma(hypotheses=()):
    return Result(id="lem", kind="lemma", title="lemma", statement="s", location="t",
                  params=(Param("L", "posint", default="2"), Param("N", "int>=2", default="3"), Param("Lp", "nonnegint")),
                  constants=(constant("layers", "(Lp + L)*N", "layers at prompt length Lp"),),
                  hypotheses=tuple(hypotheses))


def theorem(formula):
    return Result(id="thm", kind="theorem", title="theorem", statement="s", location="t", uses=("lem",),
                  params=(Param("L", "posint", default="2"), Param("N", "int>=2", default="3")),
                  constants=(constant("layers", formula, "layers without a prompt"),),
                  data={"examples": [{"L": "1", "N": "2"}, {"L": "4", "N": "5"}]})


def same_name(*results):
    rep = audit(registry=Registry(list(results)), evaluator=False, node="thm")
    return [f for f in rep.nodes[0].findings if f.check.startswith("same-name:")]


def test_common_specialisation_catches_an_off_by_one():
    found = same_name(theorem("L*N + 1"), lemma())
    assert len(found) == 1 and found[0].verdict is Verdict.INCONSISTENT
    rows = found[0].evidence["points"]
    assert rows and all(r["bound_there"]["Lp"] == {"value": "0", "how": "common specialisation (least element "
                                                                           "of its domain)"} for r in rows)
    # independently: at L = 2, N = 3 the theorem says 7 and the lemma at Lp = 0 says (0 + 2) * 3 = 6
    first = next(r for r in rows if r["params"] == {"L": "2", "N": "3"})
    assert (first["here"], first["there"]) == ("7", "6") and "Lp = 0" in found[0].detail


def test_common_specialisation_leaves_the_right_count_alone():
    assert same_name(theorem("L*N"), lemma()) == []


def test_the_lemmas_own_bound_is_used_and_said():
    # the lemma asks Lp >= L*N: compared there, (L*N + L)*N; the theorem's (L*N + L)*N agrees ...
    assert same_name(theorem("(L*N + L)*N"), lemma(["Lp >= L*N"])) == []
    # ... and L*N (right only at Lp = 0) is now a difference at the bound, which the finding names
    found = same_name(theorem("L*N"), lemma(["Lp >= L*N"]))
    assert len(found) == 1 and "own bound" in found[0].detail
    assert all(r["bound_there"]["Lp"]["how"] == "lem's own bound" for r in found[0].evidence["points"])


def test_shape_decides_equal_irrational_constants_exactly():
    """Equal values computed in different ways share a shape number (exact parts by value, products as
    coefficient times atoms); an irrational change does not. Interval arithmetic leaves such an equality
    undecided at the precision cap, the shape decides it at once."""
    from boundcalc.auditing.crossnode import shape

    def res(formula, params=("d", "N")):
        return Result(id="r", kind="lemma", title="t", statement="s", location="l",
                      params=tuple(Param(p, "posint", default="2") for p in params),
                      constants=(constant("k", "ceil(10/d)", "k"), constant("c", formula, "c")))

    table: dict = {}
    a = shape(res("exp(-5 * k**4 * d * log(N) * N**2 / (1/k))"), "c", {"d": "2", "N": "3"}, table)
    b = shape(res("exp(-5 * (N*3 - N*2)**2 * (sqrt(d)*5**4/sqrt(d)) * log(N) * d * (sqrt(d)*k) / (sqrt(d)))"),
              "c", {"d": "2", "N": "3"}, table)
    c = shape(res("exp(-5 * k**4 * d * log(N + 1) * N**2 * k)"), "c", {"d": "2", "N": "3"}, table)
    assert a is not None and a == b and c not in (None, a)
    assert shape(res("d * log(N)"), "c", {"d": "2", "N": "3"}, table) not in (None, a, c)
