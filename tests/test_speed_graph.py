"""Issue 23: the audit orders the nodes and lists uses/used-by without importing networkx; the order is
networkx's (reversed lexicographical topological sort keyed by id) and the edges are build_graph's."""
import random

import networkx as nx
import pytest
from proofs import registry

from boundcalc.graph import build_graph, dependency_order, used_by, uses_map
from boundcalc.records import Result
from boundcalc.registry import Registry


def _networkx_order(reg) -> list[str]:
    return list(reversed(list(nx.lexicographical_topological_sort(build_graph(reg), key=lambda n: n))))


def _random_registry(seed: int) -> Registry:
    rng = random.Random(seed)
    ids = [f"lemma-{rng.randint(1, 9)}.{k}" for k in range(rng.randint(1, 25))]
    ids = list(dict.fromkeys(ids))
    rng.shuffle(ids)
    out = []
    for k, rid in enumerate(ids):        # uses point to earlier ids only (no cycle), some twice
        used = tuple(rng.choice(ids[:k]) for _ in range(rng.randint(0, 3))) if k else ()
        out.append(Result(id=rid, title=rid, kind="lemma", statement="s", location="l", uses=used))
    return Registry(out)


@pytest.mark.parametrize("seed", range(12))
def test_order_and_edges_are_networkx(seed):
    reg = _random_registry(seed)
    assert dependency_order(reg) == _networkx_order(reg)
    g = build_graph(reg)
    uses = uses_map(reg)
    for rid in uses:
        assert sorted(uses[rid]) == sorted(g.successors(rid))


def test_the_paper():
    reg = registry()
    assert dependency_order(reg) == _networkx_order(reg)


def test_a_cycle_is_refused_as_networkx_does():
    reg = Registry([Result(id="lemma-a", title="a", kind="lemma", statement="s", location="l", uses=("lemma-b",)),
                    Result(id="lemma-b", title="b", kind="lemma", statement="s", location="l", uses=("lemma-a",))])
    with pytest.raises(nx.NetworkXUnfeasible):
        dependency_order(reg)


@pytest.mark.parametrize("seed", range(4))
def test_used_by_is_networkx_predecessors(seed):
    reg = _random_registry(seed)
    g, users = build_graph(reg), used_by(uses_map(reg))
    assert set(users) == set(g) and all(sorted(users[n]) == sorted(g.predecessors(n)) for n in g)
