"""The vectorised float screen of a search: many candidates in numpy, the best few judged exactly.

A Counterexample may declare ``screen(batch)``: a numpy reading of its claim and hypotheses that maps
arrays of candidates to (violation margin, inside). ``candidates(search)`` draws SCREEN_SIZE
candidates for a few object shapes (lengths and discrete values taken from admissible candidates
and fresh draws), scores them, and yields the SCREEN_CONFIRM best violators of each shape rounded to
rationals; the search then certifies each one. Floats never decide anything here.
"""
from __future__ import annotations

import zlib
from fractions import Fraction
from typing import Iterator

from .. import objects as ob
from .candidates import ROUND_DEN, copy

SCREEN_SIZE = 100_000
"""Candidates per searched node in the vectorised float screen (specs that declare ``screen``)."""

SCREEN_SHAPES, SCREEN_CONFIRM = 4, 12
"""Object shapes (lengths, discrete values) the screen draws for, and violators confirmed per shape."""


def _shape_key(objs, o: dict) -> tuple:
    """What fixes a batch's shape: list lengths and the values of discrete objects."""
    return tuple((k, len(v)) if isinstance(v, list) else (k, v) for k, v in o.items()
                 if isinstance(v, list) or not (objs[k].continuous or isinstance(objs[k], ob.Index)))


def candidates(search) -> Iterator[dict]:
    """The screened candidates of ``search`` (a :class:`~.falsify.Search`), best violators first per shape."""
    import numpy as np

    spec = search.spec
    if spec.screen is None:
        return
    objs = spec.objects
    nrng = np.random.default_rng(zlib.crc32(f"{search.seed}:{spec.name}".encode()))
    shapes, seen = [], set()
    for o in [o for _, _, o in search.pool] + [ob.draw(objs, search.rng) for _ in range(4 * SCREEN_SHAPES)]:
        key = _shape_key(objs, o)
        if key not in seen:
            seen.add(key)
            shapes.append(o)
        if len(shapes) == SCREEN_SHAPES:
            break
    per = -(-SCREEN_SIZE // max(len(shapes), 1))
    for like in shapes:
        batch, env = {}, {}
        for name, dom in objs.items():
            vectorised = dom.continuous or isinstance(dom, ob.Index)
            batch[name] = dom.draw_batch(nrng, per, like[name], env) if vectorised else like[name]
            env[name] = like[name]
        with np.errstate(all="ignore"):
            margin, inside = spec.screen(batch)
            margin = np.where(np.asarray(inside) & np.isfinite(margin), margin, -np.inf)
        search.out.screened += per
        for k in np.argsort(-margin, kind="stable")[:SCREEN_CONFIRM]:
            if not np.isfinite(margin[k]):
                break
            yield from_row(objs, like, batch, int(k))


def from_row(objs, like: dict, batch: dict, k: int) -> dict:
    """Row k of a screened batch as exact objects (floats rounded to nearby rationals)."""
    cand = copy(like)
    for name, dom in objs.items():
        v = batch[name]
        if isinstance(dom, ob.Index):
            cand[name] = int(v[k])
        elif dom.continuous:
            row = v[k].ravel() if getattr(v, "ndim", 0) > 1 else [v[k]]
            xs = [Fraction(float(x)).limit_denominator(ROUND_DEN) for x in row]
            cand[name] = dom.rebuild(like[name], xs)
    return cand
