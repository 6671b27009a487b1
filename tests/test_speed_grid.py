"""The grid enumeration of Appendix E is remembered per process (proofs.appendix_e._bruteforce); each call
still returns its own dict, equal to a fresh enumeration counted here by hand."""
from __future__ import annotations

import itertools

from proofs.appendix_e import _bruteforce, grid_separation_bruteforce, grid_tokens


def _by_hand(d, n_cols, N, kind):
    toks = list(grid_tokens(d, n_cols, N, kind))
    norms = [sum(x * x for x in t) for t in toks]
    dists = [sum((x - y) ** 2 for x, y in zip(a, b)) for a, b in itertools.combinations(toks, 2) if a != b]
    return min(norms), max(norms), (min(dists) if dists else None), len(toks)


def test_remembered_grids_equal_a_fresh_enumeration_and_are_not_shared():
    for args in ((1, 2, 2, "E4"), (2, 2, 3, "E4"), (1, 3, 2, "F2"), (2, 2, 2, "F2"), (1, 1, 1, "E4")):
        first = grid_separation_bruteforce(*args)
        first["min_norm2"] = "edited by a caller"
        again = grid_separation_bruteforce(*args)
        assert (again["min_norm2"], again["max_norm2"], again["min_dist2"], again["tokens"]) == _by_hand(*args)
        assert again["method"] == "enumeration"
    assert _bruteforce.cache_info().hits >= 5
