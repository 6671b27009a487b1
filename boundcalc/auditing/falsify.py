"""Candidates derived from a declaration's objects and hypotheses, and the search that uses them.

Stages, in order, after the hand-written candidates (each candidate is labelled ``stage[k]`` and is
reproducible from the seed):

* ``screened`` — with a declared ``screen``, the best violators of a vectorised float screen of
  10^5 candidates (:mod:`.screen`);
* ``special`` — extreme and degenerate values of each domain (bounds, zeros, ties, tiny and huge
  magnitudes), one object at a time on a random base, and ties across objects (a list object copied
  into another of the same length, prefixes shared, all but one entry shared, reversed);
* ``random`` — draws from the domains (not from the region the paper's answer suggests);
* ``tight`` — for each declared inequality, an admissible point moved along the direction that
  decreases that inequality's margin until it fails, then bisected back (exact rationals) to the
  last admissible point: the inequality is tight there, and the point is strictly inside;
* ``joint`` — several inequalities driven tight *together* (all of them, then each pair): Gauss-Newton
  on their margins from the most violating admissible candidates, each step pulled back inside by exact
  bisection; from the jointly tight point the claim's violation is raised along directions that keep
  those margins (a lexicographic search: slacks first, then the claim's margin);
* ``optimised`` — a float local search ((1+1) evolution strategy) from the most violating admissible
  candidates, maximising the claim's violation margin; every step is rounded to rationals and its
  admissibility certified, so only admissible points are ever kept;
* a certified violation is then shrunk (coordinates rounded to simpler rationals while it stays
  admissible and violating) before it is reported.

Floats only guide the search; admissibility and the claim are decided with exact or certified
arithmetic (:mod:`boundcalc.numbers`).
"""
from __future__ import annotations

import math
import random
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Callable, Iterator

from .. import objects as ob
from . import screen
from .candidates import ROUND_DEN
from .candidates import copy as _copy
from .values import EVAL_ERRORS, decide, to_real

TIGHT_STEPS = 24
"""Bisection steps of the tight stage: the point ends within 2^-24 (6e-8) of the boundary along its
segment, closer than the 1e-6 at which the joint stage counts a hypothesis as tight. (40 steps cost a
tenth of the audit's time and changed no status or defect of the paper's audit.)"""

TIGHT_TRIES = 6
"""Admissible starting points per inequality in the tight stage."""

OPT_STARTS, OPT_STEPS = 3, 40
"""Starts and steps of the local optimiser."""

JOINT_STARTS, JOINT_ITERS, JOINT_SUBSETS = 3, 8, 7
"""Joint boundary search: admissible starts, Gauss-Newton iterations per phase, hypothesis sets driven
tight together (all of them, then pairs)."""

JOINT_MAX_COORDS = 24
"""Specs with more continuous coordinates than this skip the joint stage (its finite differences cost
one evaluation per coordinate)."""

JOINT_BISECT = 30
"""Exact bisection steps back to the admissible set after a joint step."""

SHRINK_DENS = (1, 2, 10, 100)
SHRINK_PASSES = 16
"""At most this many list entries are removed while shrinking."""


IDENTITY_BITS = 1024
"""An equality claim is tested at up to this precision: a ball excluding 0 refutes it; a ball that still
contains 0 leaves the candidate undecided (balls never certify a non-exact equality)."""

NEAR = Fraction(1, 2 ** 20)
"""How close a near-tie puts two entries."""

SPECIAL_BASES = 3
"""Admissible candidates on which each object is set to its special values."""

EFFORT: ContextVar[Fraction] = ContextVar("boundcalc_search_effort", default=Fraction(1))
"""The ``--effort`` multiplier of the derived stages' sizes (special bases, tight and joint starts, the
optimiser's starts); the audit sets it for each node (:func:`effort`), a search reads it when it starts."""


@contextmanager
def effort(multiplier: Fraction) -> Iterator[None]:
    """Searches started inside this block scale their derived stages by ``multiplier``."""
    token = EFFORT.set(Fraction(multiplier))
    try:
        yield
    finally:
        EFFORT.reset(token)


@dataclass
class Outcome:
    """What a search saw: the first certified violation (or None), counts, and per-hypothesis coverage."""

    found: tuple[str, dict, Any, Any] | None = None
    admissible: int = 0
    inadmissible: int = 0
    """Candidates skipped: ``violating`` of them certified to violate a hypothesis, the rest undecided."""
    violating: int = 0
    undecided: int = 0
    first_undecided: str | None = None
    violations: int = 0
    worst: tuple[str, float] | None = None
    tight: dict[str, int] = field(default_factory=dict)
    rejected_alone: dict[str, int] = field(default_factory=dict)
    stages: dict[str, int] = field(default_factory=dict)
    screened: int = 0
    shrunk_from: dict | None = None
    joint_tight: int = 0
    """Points of the joint stage where at least two hypotheses are tight together (|margin| < 1e-6)."""


class Search:
    """One falsification search of a Counterexample spec that declares ``objects`` and ``assume``."""

    _admitted: dict | None = None
    """The last candidate a stage certified admissible (:meth:`_vouch`)."""
    _rejected: tuple[dict, int] | None = None
    """The last candidate :meth:`admissible` found violating a hypothesis, and that hypothesis' index."""

    def __init__(self, spec, seed: int, hand: Iterator[tuple[str, dict]] = iter(())):
        self.spec, self.seed = spec, seed
        self.rng = random.Random(f"{seed}:{spec.name}")
        self.hand = hand
        self.out = Outcome(tight={h.text: 0 for h in spec.assume},
                           rejected_alone={h.text: 0 for h in spec.assume})
        self.pool: list[tuple[float, str, dict]] = []   # admissible candidates with their violation margin
        m = EFFORT.get()
        self.sizes = {k: max(1, int(n * m)) for k, n in (("special", SPECIAL_BASES), ("tight", TIGHT_TRIES),
                                                          ("joint", JOINT_STARTS), ("optimise", OPT_STARTS))}

    # ------------------------------------------------------------ evaluation
    def admissible(self, obj: dict) -> bool | None:
        failed: list[int] = []
        try:
            ok = ob.admissible(self.spec.objects, self.spec.assume, obj, failed)
        except EVAL_ERRORS + (IndexError,):
            ok, failed = None, []
        self._rejected = (obj, failed[0]) if failed else None
        return ok

    def _inside(self, obj: dict) -> bool:
        """``self.admissible(obj) is True`` with fewer evaluations. That needs every domain and every
        hypothesis certified, whatever their order: the hypothesis that last failed here is tried first (a
        bisection crosses the same one again and again) and the first one not certified ends it."""
        if type(self).admissible is not Search.admissible:
            return self.admissible(obj) is True
        order = self.__dict__.get("_order")
        if order is None:
            order = self._order = list(range(len(self.spec.assume)))
        assume = self.spec.assume
        try:
            if not ob.in_domains(self.spec.objects, obj):
                return False
            for pos, i in enumerate(order):
                try:
                    v = assume[i].holds(obj)
                except ob.HOLD_ERRORS:                  # undecided, as in ob.admissible
                    v = None
                if v is False or v is None:
                    if pos:
                        order.insert(0, order.pop(pos))
                    return False
        except EVAL_ERRORS + (IndexError,):
            return False
        return True

    def _vouch(self, obj: dict) -> dict:
        """Mark ``obj``, just certified admissible by a stage, so that judging it does not evaluate the
        hypotheses a second time (the very same object: nothing could have changed it)."""
        self._admitted = obj
        return obj

    def _note_rejection(self, obj: dict) -> None:
        """Count the hypotheses that reject an in-domain candidate on their own. When admissibility has
        just found one violated at this very object, the hypotheses before it are known not to be: only
        those after it are evaluated, up to a second violation."""
        known = self._rejected
        if known is not None and known[0] is obj:
            first = known[1]
            start, fails = first + 1, [self.spec.assume[first].text]
        else:
            if not ob.in_domains(self.spec.objects, obj):
                return
            start, fails = 0, []
        for h in self.spec.assume[start:]:
            try:
                if h.holds(obj) is False:
                    fails.append(h.text)
            except EVAL_ERRORS + (IndexError,):
                pass
            if len(fails) > 1:
                return
        if len(fails) == 1:
            self.out.rejected_alone[fails[0]] += 1

    def margin(self, obj: dict) -> float:
        """The claim's violation as a float: > 0 means violated (guidance only)."""
        try:
            a, b = to_real(self.spec.lhs(obj)), to_real(self.spec.rhs(obj))
        except EVAL_ERRORS + (IndexError,):
            return -math.inf
        return self._margin_of(a, b)

    def _margin_of(self, a, b) -> float:
        """:meth:`margin` from the claim's two sides already evaluated at the point."""
        try:
            d = (a - b).to_float()
        except EVAL_ERRORS + (IndexError,):
            return -math.inf
        if math.isnan(d):
            return -math.inf
        rel = self.spec.rel
        return {"<": d, "<=": d, ">": -d, ">=": -d, "==": abs(d)}[rel]

    def judge(self, label: str, obj: dict) -> bool:
        """Evaluate one candidate; True when it is a certified violation (recorded)."""
        ok = True if obj is self._admitted else self.admissible(obj)
        if ok is not True:
            self.out.inadmissible += 1
            if ok is False:
                self.out.violating += 1
                self._note_rejection(obj)
            return False
        self.out.admissible += 1
        stage = label.split("[")[0]
        self.out.stages[stage] = self.out.stages.get(stage, 0) + 1
        try:
            a, b = to_real(self.spec.lhs(obj)), to_real(self.spec.rhs(obj))
            holds = claim_holds(a, self.spec.rel, b)
        except EVAL_ERRORS + (IndexError,) as exc:
            holds, a, b = None, None, None
            if self.out.first_undecided is None:
                self.out.first_undecided = f"{label}: {type(exc).__name__}: {exc}"
        m = self._margin_of(a, b) if holds is not None else -math.inf
        self.pool.append((m, label, obj))
        if holds is None:
            self.out.undecided += 1
            if self.out.first_undecided is None:
                self.out.first_undecided = f"{label}: comparison not certified"
            return False
        if holds is False:
            self.out.violations += 1
            if self.out.worst is None or m > self.out.worst[1]:
                self.out.worst = (label, m)
            if self.out.found is None:
                self.out.found = (label, obj, a, b)
            return True
        return False

    # ------------------------------------------------------------ stages
    def _bases(self) -> list[dict]:
        """Admissible candidates seen so far (a few, seeded) and one fresh draw."""
        seen = [o for _, _, o in self.pool]
        self.rng.shuffle(seen)
        return seen[:self.sizes['special']] + [ob.draw(self.spec.objects, self.rng)]

    def specials(self) -> Iterator[dict]:
        """Each object set to each of its special values on a few bases, then ties across objects."""
        objs = self.spec.objects
        bases = self._bases()
        for base in bases:
            for name, dom in objs.items():
                env = {k: base[k] for k in list(objs)[:list(objs).index(name)]}
                for v in dom.special(env):
                    cand = _copy(base)
                    cand[name] = v
                    cand = self._redraw_after(cand, name)
                    yield cand
                    yield from self._followers(cand, name)
        for base in bases:                       # one element of a sequence set to a special value
            for name, dom in objs.items():
                if isinstance(dom, ob.Sequences) and isinstance(base.get(name), list):
                    env = {k: base[k] for k in list(objs)[:list(objs).index(name)]}
                    for k in range(len(base[name])):
                        for v in dom.of.special(env):
                            if not isinstance(v, list) or not isinstance(base[name][k], list) \
                                    or len(v) == len(base[name][k]):
                                cand = _copy(base)
                                cand[name] = list(base[name])
                                cand[name][k] = v
                                yield cand
        for base in bases:                       # magnitudes relative to the base: doubled, halved, negated
            for name, dom in objs.items():
                xs = dom.coords(base[name]) if dom.continuous else []
                for factor in (2, Fraction(1, 2), -1):
                    if xs:
                        cand = _copy(base)
                        cand[name] = dom.rebuild(base[name], [factor * x for x in xs])
                        yield cand
                if xs and isinstance(base[name], list) and base[name] and isinstance(base[name][0], list):
                    for k in range(len(base[name])):
                        first = base[name][0]
                        variants = [[first[0] + NEAR] + list(first[1:])] if k else []   # a near-repeat
                        variants += [[factor * x for x in base[name][k]] for factor in (2, Fraction(1, 2))]
                        for v in variants:                        # or one element rescaled
                            cand = _copy(base)
                            cand[name] = [list(e) for e in base[name]]
                            cand[name][k] = v
                            yield cand
        for base in bases:
            lists = [k for k in objs if isinstance(base.get(k), list) and base[k]
                     and not isinstance(base[k][0], list)]
            for a in lists:
                for b in lists:
                    if a != b:
                        for shared in _ties(base[a], base[b]):
                            c = _copy(base)
                            c[b] = shared
                            yield c

    def _followers(self, cand: dict, name: str) -> Iterator[dict]:
        """Objects whose special values are read off ``name`` (a domain with ``of == name``, such as the
        jump points of a distribution's tails) set to each of them on the new value of ``name``."""
        names = list(self.spec.objects)
        for k in names[names.index(name) + 1:]:
            dom = self.spec.objects[k]
            if getattr(dom, "of", None) == name and not isinstance(dom, ob.Index):
                env = {j: cand[j] for j in names[:names.index(k)]}
                for v in dom.special(env):
                    c = _copy(cand)
                    c[k] = v
                    yield c

    def _redraw_after(self, cand: dict, name: str) -> dict:
        """Objects declared after ``name`` may depend on it: redraw those that no longer fit."""
        names = list(self.spec.objects)
        env: dict[str, Any] = {}
        for k in names:
            dom = self.spec.objects[k]
            if names.index(k) > names.index(name) and not dom.contains(cand[k], env):
                cand[k] = dom.draw(self.rng, env)
            env[k] = cand[k]
        return cand

    def coords(self, obj: dict) -> list[Fraction]:
        out = []
        for k, dom in self.spec.objects.items():
            if dom.continuous:
                out += dom.coords(obj[k])
        return out

    def rebuild(self, obj: dict, xs) -> dict:
        cand, at = _copy(obj), 0
        for k, dom in self.spec.objects.items():
            if dom.continuous:
                n = len(dom.coords(obj[k]))
                cand[k] = dom.rebuild(obj[k], xs[at:at + n])
                at += n
        return cand

    def tight(self, h) -> Iterator[tuple[dict, bool]]:
        """Points where ``h`` is made tight from admissible starts; yields (point, h tight there)."""
        starts = [o for _, _, o in self.pool]
        self.rng.shuffle(starts)
        for x0 in starts[:self.sizes['tight']]:
            c0 = self.coords(x0)
            if not c0:
                continue
            for direction in self._directions(h, x0, c0):
                x1 = self._exit(h, x0, c0, direction)
                if x1 is None:
                    continue
                lo, hi, point = Fraction(0), x1, None
                for _ in range(TIGHT_STEPS):
                    mid = (lo + hi) / 2
                    cand = self._along(x0, c0, direction, mid)
                    if self._inside(cand):
                        lo, point = mid, cand
                    else:
                        hi = mid
                if lo == 0:
                    continue
                self._vouch(point)             # the point at lo, certified admissible just now
                outer = self._along(x0, c0, direction, hi)
                try:
                    is_tight = h.holds(outer) is not True
                except EVAL_ERRORS + (IndexError,):
                    is_tight = False
                yield point, is_tight
                if is_tight:
                    break

    def _along(self, x0, c0, direction, t: Fraction) -> dict:
        return self.rebuild(x0, _on_line(c0, direction, t))

    def _directions(self, h, x0, c0) -> list[list[Fraction]]:
        """The direction that lowers h's margin fastest (finite differences), then a random one."""
        out = []
        try:
            m0 = h.margin(x0)
            grad = []
            for i in range(len(c0)):
                step = max(Fraction(1, 2 ** 10), abs(c0[i]) / 2 ** 10)
                xs = list(c0)
                xs[i] += step
                grad.append((h.margin(self.rebuild(x0, xs)) - m0) / float(step))
            grad = [g if math.isfinite(g) else 0.0 for g in grad]
            if any(grad):
                out.append([Fraction(-g).limit_denominator(2 ** 20) for g in grad])
            for i in sorted(range(len(grad)), key=lambda i: -abs(grad[i]))[:2]:
                if grad[i]:                       # one coordinate at a time: the others stay put
                    out.append([Fraction(-1 if grad[i] > 0 else 1) if k == i else Fraction(0)
                                for k in range(len(grad))])
        except EVAL_ERRORS + (IndexError,):
            pass
        out.append([Fraction(self.rng.randint(-1000, 1000), 1000) for _ in c0])
        return out

    def _exit(self, h, x0, c0, direction) -> Fraction | None:
        """A step t along ``direction`` where the candidate is no longer admissible (doubling)."""
        t = Fraction(1, 64)
        for _ in range(16):
            if not self._inside(self._along(x0, c0, direction, t)):
                return t
            t *= 2
        return None

    # ------------------------------------------------------------ joint boundary search
    def _fmargins(self, hs, obj: dict) -> list[float]:
        out = []
        for h in hs:
            try:
                m = h.margin(obj)
            except EVAL_ERRORS + (IndexError,):
                m = math.nan
            out.append(m if math.isfinite(m) else math.nan)
        return out

    def _jacobian(self, hs, x0: dict, c0: list[Fraction], m0: list[float]):
        """Finite-difference rows d margin_h / d coordinate (floats, guidance only)."""
        import numpy as np

        J = np.zeros((len(hs), len(c0)))
        for i in range(len(c0)):
            step = max(Fraction(1, 2 ** 12), abs(c0[i]) / 2 ** 12)
            xs = list(c0)
            xs[i] += step
            m1 = self._fmargins(hs, self.rebuild(x0, xs))
            for k in range(len(hs)):
                d = (m1[k] - m0[k]) / float(step)
                J[k, i] = d if math.isfinite(d) else 0.0
        return J

    def _back_inside(self, x0: dict, c0: list[Fraction], target: list[Fraction]) -> dict | None:
        """The last admissible point on the segment from admissible ``x0`` towards ``target`` (exact
        bisection); ``target`` itself when admissible; None when no step is admissible."""
        direction = [b - a for a, b in zip(c0, target)]
        if not any(direction):
            return None
        cand = self._along(x0, c0, direction, Fraction(1))
        if self._inside(cand):
            return self._vouch(cand)
        lo, hi, point = Fraction(0), Fraction(1), None
        for _ in range(JOINT_BISECT):
            mid = (lo + hi) / 2
            cand = self._along(x0, c0, direction, mid)
            if self._inside(cand):
                lo, point = mid, cand
            else:
                hi = mid
        return self._vouch(point) if lo else None

    def _tighten(self, hs, x: dict) -> Iterator[dict]:
        """Gauss-Newton on the margins of ``hs`` together (all toward 0), each step pulled back inside."""
        import numpy as np

        for _ in range(JOINT_ITERS):
            c = self.coords(x)
            m = self._fmargins(hs, x)
            if any(math.isnan(v) for v in m) or max(abs(v) for v in m) < 1e-12:
                return
            J = self._jacobian(hs, x, c, m)
            if not J.any():
                return
            d = np.linalg.lstsq(J, -np.asarray(m), rcond=None)[0]
            target = [ci + Fraction(float(di)).limit_denominator(ROUND_DEN * 16) for ci, di in zip(c, d)]
            nxt = self._back_inside(x, c, target)
            if nxt is None:
                return
            x = nxt
            yield x

    def _push_claim(self, hs, x: dict) -> Iterator[dict]:
        """From a jointly tight point, raise the claim's violation along the directions that keep the
        margins of ``hs`` unchanged (the null space of their Jacobian), then re-tighten."""
        import numpy as np

        for _ in range(JOINT_ITERS // 2):
            c = self.coords(x)
            m = self._fmargins(hs, x)
            if any(math.isnan(v) for v in m):
                return
            J = self._jacobian(hs, x, c, m)
            g = np.zeros(len(c))
            base = self.margin(x)
            if not math.isfinite(base):
                return
            for i in range(len(c)):
                step = max(Fraction(1, 2 ** 12), abs(c[i]) / 2 ** 12)
                xs = list(c)
                xs[i] += step
                v = (self.margin(self.rebuild(x, xs)) - base) / float(step)
                g[i] = v if math.isfinite(v) else 0.0
            if J.any():
                P = np.eye(len(c)) - np.linalg.pinv(J) @ J
                g = P @ g
            norm = float(np.linalg.norm(g))
            if norm == 0 or not math.isfinite(norm):
                return
            scale = max(1.0, max(abs(float(v)) for v in c))
            target = [ci + Fraction(float(gi / norm * scale)).limit_denominator(ROUND_DEN * 16) for ci, gi in zip(c, g)]
            nxt = self._back_inside(x, c, target)
            if nxt is None:
                return
            x = nxt
            yield x
            yield from self._tighten(hs, x)

    def joint(self) -> Iterator[dict]:
        """Drive several hypotheses tight together (all the declared inequalities, then each pair), then
        raise the claim's violation while they stay tight: a lexicographic search over (slacks, claim
        margin). Floats guide it; every point yielded is exact and certified admissible by the judge."""
        rels = [h for h in self.spec.assume if isinstance(h, ob.Rel) and not h.implied]
        if len(rels) < 2:
            return
        subsets = [rels] + [[a, b] for i, a in enumerate(rels) for b in rels[i + 1:]]
        subsets = subsets[:JOINT_SUBSETS] if len(rels) > 2 else subsets[:1]
        starts = sorted(self.pool, key=lambda r: r[0], reverse=True)[:self.sizes['joint']]
        for _, _, x0 in starts:
            c0 = self.coords(x0)
            if not c0 or len(c0) > JOINT_MAX_COORDS:
                continue
            for hs in subsets:
                last = None
                for x in self._tighten(hs, x0):
                    last = x
                    yield x
                if last is not None:
                    tight = [h.text for h, v in zip(hs, self._fmargins(hs, last)) if abs(v) < 1e-6]
                    if len(tight) >= 2:
                        self.out.joint_tight += 1
                    yield from self._push_claim(hs, last)

    def optimise(self) -> Iterator[dict]:
        best = sorted(self.pool, key=lambda r: r[0], reverse=True)[:self.sizes['optimise']]
        for m, _, x0 in best:
            if not math.isfinite(m):
                continue
            c, cur, sigma = [float(v) for v in self.coords(x0)], m, 0.05
            if not c:
                continue
            obj = x0
            for _ in range(OPT_STEPS):
                prop = [v + sigma * max(1.0, abs(v)) * self.rng.gauss(0, 1) for v in c]
                xs = [Fraction(round(v * ROUND_DEN), ROUND_DEN) for v in prop]
                cand = self.rebuild(obj, xs)
                if not self._inside(cand):
                    sigma *= 0.7
                    continue
                mm = self.margin(cand)
                yield self._vouch(cand)
                if mm > cur:
                    c, cur, obj, sigma = [float(v) for v in xs], mm, cand, sigma * 1.5
                else:
                    sigma *= 0.8

    # ------------------------------------------------------------ driver
    def run(self, stop: bool = True, optimise: bool = True) -> Outcome:
        """Hand candidates, then the derived stages; with ``stop``, end at the first certified violation."""
        for label, obj in self.hand:
            if self.judge(label, obj) and stop:
                return self.out
        stages = [("screened", self.screened()),
                  ("random", (ob.draw(self.spec.objects, self.rng) for _ in range(self.spec.trials))),
                  ("special", self.specials()), ("tight", self._tight_all()), ("joint", self.joint())]
        if optimise:
            stages.append(("optimised", self.optimise()))
        for stage, cands in stages:
            for k, obj in enumerate(cands):
                if self.judge(f"{stage}[{k}]", obj) and stop:
                    return self._shrink()
        return self.out

    def screened(self) -> Iterator[dict]:
        """The vectorised float screen (:mod:`.screen`): only its best violators are judged."""
        return screen.candidates(self)

    def _tight_all(self) -> Iterator[dict]:
        for h in self.spec.assume:
            if isinstance(h, ob.Rel):
                for point, is_tight in self.tight(h):
                    if is_tight:
                        self.out.tight[h.text] += 1
                    yield point

    def _violates(self, cand: dict):
        """(lhs, rhs) when ``cand`` is admissible and certifiably violates the claim, else None."""
        if not self._inside(cand):
            return None
        try:
            a, b = to_real(self.spec.lhs(cand)), to_real(self.spec.rhs(cand))
        except EVAL_ERRORS + (IndexError,):
            return None
        return (a, b) if claim_holds(a, self.spec.rel, b) is False else None

    def _shorter(self, obj: dict):
        """``obj`` with one entry of a list object removed (indices into it adjusted), when that still
        violates: yields (candidate, lhs, rhs)."""
        for name, value in obj.items():
            if not (isinstance(value, list) and len(value) > 1 and self.spec.objects[name].continuous):
                continue
            for k in reversed(range(len(value))):
                cand = _copy(obj)
                cand[name] = value[:k] + value[k + 1:]
                ok = True
                for other, dom in self.spec.objects.items():
                    if isinstance(dom, ob.Index) and dom.of == name:
                        if obj[other] == k:
                            ok = False
                        elif obj[other] > k:
                            cand[other] = obj[other] - 1
                if ok:
                    hit = self._violates(cand)
                    if hit is not None:
                        yield cand, hit

    def _shrink(self) -> Outcome:
        """Remove list entries, then round the coordinates to simpler rationals, while the violation stays
        admissible and certified."""
        label, obj, a, b = self.out.found
        original, changed = obj, False
        for _ in range(SHRINK_PASSES):
            step = next(self._shorter(obj), None)
            if step is None:
                break
            obj, (a, b) = step
            changed = True
        xs = self.coords(obj)
        for i in range(len(xs)):
            for den in SHRINK_DENS:
                q = Fraction(round(xs[i] * den), den)
                if q == xs[i]:
                    break
                trial = list(xs)
                trial[i] = q
                cand = self.rebuild(obj, trial)
                if not self._inside(cand):
                    continue
                try:
                    a2, b2 = to_real(self.spec.lhs(cand)), to_real(self.spec.rhs(cand))
                except EVAL_ERRORS + (IndexError,):
                    continue
                if claim_holds(a2, self.spec.rel, b2) is False:
                    xs, obj, a, b, changed = trial, cand, a2, b2, True
                    break
        if changed:
            self.out.shrunk_from = original
            self.out.found = (label, obj, a, b)
        return self.out


def _on_line(c0: list, direction: list, t) -> list:
    """``[c + t * d for c, d in zip(c0, direction)]``, the same exact values: for Fractions each entry is
    built once from integers (one normalisation instead of two Fraction operations), and an entry the
    direction leaves alone (d = 0) is ``c`` itself."""
    if type(t) is not Fraction:
        return [c + t * d for c, d in zip(c0, direction)]
    tn, td = t.numerator, t.denominator
    out = []
    for c, d in zip(c0, direction):
        if type(c) is not Fraction or type(d) is not Fraction:
            out.append(c + t * d)
        elif not d.numerator:
            out.append(c)
        else:
            cd, dd = c.denominator, d.denominator
            out.append(Fraction(c.numerator * td * dd + tn * d.numerator * cd, cd * td * dd))
    return out


def claim_holds(a, rel: str, b) -> bool | None:
    """``a REL b`` certified; an equality is decided at up to IDENTITY_BITS (a difference refutes)."""
    if rel != "==":
        return decide(a, rel, b)
    try:
        sign = (a - b).sign(cap=IDENTITY_BITS)
    except EVAL_ERRORS:
        return None
    return None if sign is None else sign == 0


def _ties(x: list, y: list) -> list[list]:
    """Versions of y sharing entries with x: equal to x, x reversed, a shared prefix, all but the last
    entry shared, and near-ties (one entry of y just above the matching entry of x)."""
    out = [list(x), list(reversed(x))]
    if len(x) == len(y):
        out.append(list(x[:-1]) + [y[-1]])
    for k in range(1, min(len(x), len(y)) + 1):
        out.append(list(x[:k]) + list(y[k:]))
    for k in range(min(len(x), len(y))):
        out.append(list(y[:k]) + [x[k] + NEAR] + list(y[k + 1:]))
    return out


def coverage(spec, seed: int = 0, hand=iter(())) -> Outcome:
    """Run every stage but the optimiser without stopping, and report how each hypothesis took part:
    ``tight`` counts derived points where it is tight, ``rejected_alone`` candidates only it rejects."""
    return Search(spec, seed, hand).run(stop=False, optimise=False)


def replay(spec, seed: int, label: str) -> dict | None:
    """The candidate a generated label names (re-running the search up to it), or None."""
    box: dict = {}

    class _Found(Exception):
        pass

    class _Replay(Search):
        def judge(self, lab, obj):
            if lab == label:
                box["obj"] = obj
                raise _Found()
            return super().judge(lab, obj)

    try:
        _Replay(spec, seed).run()
    except _Found:
        pass
    return box.get("obj")


Sampler = Callable[[random.Random], dict]
