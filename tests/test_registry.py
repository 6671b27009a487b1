"""The declarations load, resolve by alias, and form a graph with the right edge direction."""
from proofs import registry

from boundcalc.graph import build_graph, dependency_order


def test_no_dangling_uses():
    assert registry().dangling() == []


def test_aliases_resolve():
    reg = registry()
    assert reg.resolve("E.1") == "lemma-2.3"
    assert reg.resolve("lemma-e.1") == "lemma-2.3"
    assert reg.resolve("G.1") == "theorem-2.5"


def test_memorization_uses_prompt_length_lemma():
    g = build_graph(registry())
    assert g.has_edge("theorem-2.5", "lemma-2.3")
    order = dependency_order(registry())
    assert order.index("lemma-2.3") < order.index("theorem-2.5")


def test_every_node_is_documented():
    for r in registry():
        assert r.statement and r.location and r.kind and r.title, r.id


def test_evaluate_any_node_at_given_precision():
    import boundcalc

    out = boundcalc.evaluate("theorem-2.5", digits=8, d=1, L=2, eps="1/4", alpha=1)
    # lambda = (2*1*2/(1/4))^2 = 16^2
    assert out["lam"] == str(16**2) and out["Lp_min"] == str(2 * 16**2)
    exact = boundcalc.evaluate("E.1", d=2, L=3, eps="0.1")
    assert exact["grid_n"].as_int() == 49


def test_shared_alias_is_ambiguous_not_fatal():
    import pytest

    from boundcalc.errors import InputError
    from boundcalc.records import Result
    from boundcalc.registry import Registry

    a = Result(id="lemma-9.9", kind="lemma", title="a", statement="s", location="l", aliases=("9.9", "A"))
    b = Result(id="theorem-9.9", kind="theorem", title="b", statement="s", location="l", aliases=("9.9",))
    reg = Registry([a, b])
    assert reg.resolve("a") == "lemma-9.9"
    with pytest.raises(InputError, match="ambiguous: lemma-9.9 or theorem-9.9"):
        reg.resolve("9.9")
    with pytest.raises(ValueError):
        Registry([a, Result(id="x", kind="lemma", title="x", statement="s", location="l", aliases=("lemma-9.9",))])


def test_bare_numbers_resolve_by_the_number_in_the_id():
    import pytest

    from boundcalc.errors import InputError
    from boundcalc.records import Result
    from boundcalc.registry import Registry

    mk = lambda i: Result(id=i, kind=i.split("-")[0], title=i, statement="s", location="l")  # noqa: E731
    reg = Registry([mk("lemma-4.1"), mk("theorem-4.1"), mk("lemma-4.2")])
    assert reg.resolve("4.2") == "lemma-4.2"            # one id numbered 4.2
    with pytest.raises(InputError, match="ambiguous: lemma-4.1 or theorem-4.1"):
        reg.resolve("4.1")
    with pytest.raises(InputError, match="unknown result"):
        reg.resolve("4.3")
