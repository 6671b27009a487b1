"""The lemma graph: a networkx DiGraph with an edge user -> used for every 'proof uses'."""
from __future__ import annotations

from typing import Mapping

from .numbers import Real
from .registry import Registry


def build_graph(registry: Registry):
    """DiGraph of the registry: nodes carry id, aliases, kind, title; edge (a, b) = a's proof uses b."""
    import networkx as nx

    g = nx.DiGraph()
    for r in registry:
        g.add_node(r.id, aliases=list(r.aliases), kind=r.kind, title=r.title, location=r.location)
    for r in registry:
        for used in r.uses:
            if (r.id, used) not in registry.dangling():
                g.add_edge(r.id, registry.resolve(used))
    return g


def dependency_order(registry: Registry) -> list[str]:
    """All ids, every result after everything its proof uses (ties broken by id, deterministic)."""
    import networkx as nx

    g = build_graph(registry)
    return list(reversed(list(nx.lexicographical_topological_sort(g, key=lambda n: n))))


def evaluate_node(registry: Registry, key: str, values: Mapping[str, object],
                  digits: int | None = None) -> dict[str, Real] | dict[str, str]:
    """Parameters and constants of one node, exact or certified.

    With ``digits`` the values come back as strings (exact when exact, else ``digits`` significant
    digits, certified); without it as :class:`Real` objects that can be asked for any precision.
    """
    env = registry.get(key).evaluate(values)
    if digits is None:
        return env
    return {name: value.format(digits) for name, value in env.items()}
