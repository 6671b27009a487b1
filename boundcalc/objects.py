"""Typed objects and hypotheses a declaration states, so the engine can both check and sample them.

A declaration names its objects with a domain each (``objects={"n": Integers(2, 16), "z": Vectors("n")}``;
a domain may refer to objects declared before it) and states its hypotheses over them as
:class:`Rel` (an inequality between two sides, which the search can make tight) or :class:`Pred`
(a three-valued predicate). Values are exact: ints, Fractions, lists of them. Membership and the
hypotheses are decided exactly or with certified comparisons; nothing is decided with a float.

Every domain offers ``draw(rng, env)`` (a random exact value), ``special(env)`` (extreme and
degenerate values: bounds, zeros, ties, repeated entries, huge and tiny magnitudes),
``contains(v, env)``, and for continuous values ``coords(v)`` / ``rebuild(v, xs)`` (the coordinates a
local optimiser moves).
"""
from __future__ import annotations

import math
import random
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Callable, Mapping, Sequence

from .numbers import Real

Env = Mapping[str, Any]
Bound = int | Fraction | str | Callable[[Env], Any]


def _resolve(b: Bound, env: Env):
    """A bound given as a number, an earlier object's name (its length when it is a list) or a callable."""
    if isinstance(b, tuple):
        raise TypeError("a (lo, hi) range is only allowed as a length")
    if callable(b):
        return b(env)
    if isinstance(b, str):
        v = env[b]
        return len(v) if isinstance(v, (list, tuple)) else v
    return b


def _fraction(x) -> Fraction:
    """``Fraction(x)``, the same object when ``x`` already is one (Fractions are immutable)."""
    return x if type(x) is Fraction else Fraction(x)


def _frac(rng: random.Random, lo: Fraction, hi: Fraction, den: int) -> Fraction:
    """A random rational in [lo, hi] with denominator ``den`` (ends included when they are on the lattice)."""
    a = -((-lo.numerator * den) // lo.denominator)      # ceil(lo * den) and floor(hi * den), in integers
    b = (hi.numerator * den) // hi.denominator
    if a > b:
        return Fraction(lo + hi) / 2
    return Fraction(rng.randrange(int(a), int(b) + 1), den)      # rng.randint(a, b), one call less


DENOMINATORS = (1, 4, 1000, 2 ** 20)


def _length(b, env) -> int:
    """A length for special values: the smallest of a range, else the resolved bound."""
    return int(b[0]) if isinstance(b, tuple) else int(_resolve(b, env))


def _draw_length(b, rng: random.Random, env) -> int:
    if isinstance(b, tuple):
        lo, hi = int(b[0]), int(b[1])
        u = rng.random()                      # mostly short: long vectors are rare but possible
        return rng.randint(lo, min(hi, lo + 2)) if u < 0.6 else rng.randint(lo, min(hi, lo + 10)) if u < 0.9 \
            else rng.randint(lo, hi)
    return int(_resolve(b, env))


def _length_ok(b, n: int, env) -> bool:
    if isinstance(b, tuple):
        return int(b[0]) <= n <= int(b[1])
    return n == int(_resolve(b, env))


class Domain:
    """Base class: a set of exact values."""

    continuous = False

    def draw(self, rng: random.Random, env: Env) -> Any:
        raise NotImplementedError

    def special(self, env: Env) -> list[Any]:
        return []

    def contains(self, v: Any, env: Env) -> bool:
        raise NotImplementedError

    def coords(self, v: Any) -> list[Fraction]:
        return []

    def rebuild(self, v: Any, xs: Sequence[Fraction]) -> Any:
        return v

    def draw_batch(self, nrng, size: int, like: Any, env: Env):
        """``size`` float draws shaped like ``like`` (a numpy array; for the vectorised screen only)."""
        import numpy as np

        return np.full(size, float(like)) if not isinstance(like, list) else np.tile(
            np.asarray([float(x) for x in like]), (size, 1))


@dataclass(frozen=True)
class Integers(Domain):
    """Integers in [lo, hi]; ``hi=None`` leaves them unbounded above (draws then reach ``lo + scale``).

    Bounds may be numbers, an earlier object's name or a callable of the earlier objects.

    Example::

        >>> from boundcalc.objects import Integers
        >>> Integers(2, None).contains(10**9, {}), Integers(1, 3).special({})
        (True, [1, 2, 3])
    """

    lo: Bound
    hi: Bound | None = None
    scale: int = 50

    def _range(self, env):
        lo = int(_resolve(self.lo, env))
        return lo, (None if self.hi is None else int(_resolve(self.hi, env)))

    def draw(self, rng, env):
        lo, hi = self._range(env)
        hi = lo + self.scale if hi is None else hi
        return rng.randint(lo, hi) if rng.random() < 0.7 else rng.randint(lo, min(hi, lo + 3))

    def special(self, env):
        lo, hi = self._range(env)
        if hi is None:
            return [lo, lo + 1, lo + 10 ** 6]
        return sorted({lo, min(lo + 1, hi), hi})

    def contains(self, v, env):
        lo, hi = self._range(env)
        return isinstance(v, int) and not isinstance(v, bool) and lo <= v and (hi is None or v <= hi)


@dataclass(frozen=True)
class Index(Domain):
    """A 0-based index into an earlier list object.

    Example::

        >>> from boundcalc.objects import Index
        >>> Index("z").special({"z": [5, 6, 7]})
        [0, 2]
    """

    of: str

    def draw(self, rng, env):
        return rng.randrange(len(env[self.of]))

    def special(self, env):
        return sorted({0, len(env[self.of]) - 1})

    def contains(self, v, env):
        return isinstance(v, int) and 0 <= v < len(env[self.of])

    def draw_batch(self, nrng, size, like, env):
        return nrng.integers(0, len(env[self.of]), size)


@dataclass(frozen=True)
class FiniteSet(Domain):
    """One of finitely many given values (exact numbers for a parameter's domain).

    Example::

        >>> from fractions import Fraction
        >>> from boundcalc.objects import FiniteSet
        >>> FiniteSet((1, Fraction(1, 2))).contains(Fraction(2, 4), {})
        True
    """

    values: tuple

    def draw(self, rng, env):
        return rng.choice(self.values)

    def special(self, env):
        return list(self.values)

    def contains(self, v, env):
        return v in self.values


def _np_where(mask, a, b):
    import numpy as np

    return np.where(mask, a, b)


def _end(b, env) -> Fraction | None:
    return None if b is None else _fraction(_resolve(b, env))


def _inside(v, lo, hi, lo_open=False, hi_open=False) -> bool:
    if lo is not None and not (lo < v if lo_open else lo <= v):
        return False
    return hi is None or (v < hi if hi_open else v <= hi)


def _sorted(v, reverse: bool = False) -> list:
    """``sorted(v, reverse=reverse)``: ints and Fractions ordered by integer keys over their common
    denominator (the same order, equal values kept in their places as sorted keeps them); anything else
    by sorted itself."""
    dens = []
    for x in v:
        t = type(x)
        if t is Fraction:
            dens.append(x._denominator)
        elif t is not int:
            return sorted(v, reverse=reverse)
    d = math.lcm(*dens) if dens else 1
    keys = [x * d if type(x) is int else x._numerator * (d // x._denominator) for x in v]
    return [v[i] for i in sorted(range(len(v)), key=keys.__getitem__, reverse=reverse)]


def _increasing(v) -> bool:
    """v[k] < v[k + 1] for every k: ints and Fractions compared by cross-multiplying their numerators and
    (positive) denominators, which is what Fraction's own comparison computes after its type tests."""
    prev = None
    for x in v:
        t = type(x)
        if t is Fraction:
            n, d = x._numerator, x._denominator
        elif t is int:
            n, d = x, 1
        else:
            return all(v[k] < v[k + 1] for k in range(len(v) - 1))
        if prev is not None and not prev[0] * d < n * prev[1]:
            return False
        prev = (n, d)
    return True


def _magnitudes(lo: Fraction | None, hi: Fraction | None) -> list[Fraction]:
    """Zero, units, tiny and huge values (each kept only when inside [lo, hi])."""
    cands = [Fraction(0), Fraction(1), Fraction(-1), Fraction(1, 2 ** 40), Fraction(-1, 2 ** 40),
             Fraction(10 ** 6), Fraction(-10 ** 6)]
    return [c for c in cands if (lo is None or c >= lo) and (hi is None or c <= hi)]


@dataclass(frozen=True)
class Rationals(Domain):
    """Rationals in an interval (``None``: unbounded; draws then reach ``scale``); ``lo_open``/``hi_open``
    make an end strict.

    Example: the interval (0, 1]::

        >>> from fractions import Fraction
        >>> from boundcalc.objects import Rationals
        >>> d = Rationals(0, 1, lo_open=True)
        >>> d.contains(Fraction(1), {}), d.contains(Fraction(0), {})
        (True, False)
    """

    lo: Bound | None = None
    hi: Bound | None = None
    lo_open: bool = False
    hi_open: bool = False
    scale: int = 50
    continuous = True

    def _ends(self, env):
        return _end(self.lo, env), _end(self.hi, env)

    def _box(self, env):
        lo, hi = self._ends(env)
        lo = lo if lo is not None else (hi - 2 * self.scale if hi is not None else Fraction(-self.scale))
        hi = hi if hi is not None else lo + 2 * self.scale if self.lo is not None else Fraction(self.scale)
        return lo, hi

    def draw(self, rng, env):
        lo, hi = self._box(env)
        den = rng.choice(DENOMINATORS)
        if rng.random() < 0.3:            # small magnitudes near 0 or the lower end
            span = min(hi - lo, Fraction(rng.choice((1, 4, 16))))
            base = Fraction(0) if lo <= 0 <= hi - span else lo
            v = _frac(rng, base, base + span, den)
        else:
            v = _frac(rng, lo, hi, den)
        return v if self.contains(v, env) else (lo + hi) / 2

    def special(self, env):
        lo, hi = self._box(env)
        eps = Fraction(1, 2 ** 30)
        out = [lo + eps if self.lo_open else lo, hi - eps if self.hi_open else hi, (lo + hi) / 2]
        out += _magnitudes(*self._ends(env))              # the set's own ends: huge values when unbounded
        return [v for v in dict.fromkeys(out) if self.contains(v, env)]

    def contains(self, v, env):
        lo, hi = self._ends(env)
        if not isinstance(v, (int, Fraction)) or isinstance(v, bool):
            return False
        return _inside(v, lo, hi, self.lo_open, self.hi_open)

    def coords(self, v):
        return [_fraction(v)]

    def rebuild(self, v, xs):
        return _fraction(xs[0])

    def draw_batch(self, nrng, size, like, env):
        lo, hi = (float(x) for x in self._box(env))
        wide = nrng.uniform(lo, hi, size)
        small = nrng.uniform(max(lo, 0.0), min(hi, max(lo, 0.0) + 8.0), size)
        return _np_where(nrng.random(size) < 0.3, small, wide)


@dataclass(frozen=True)
class Vectors(Domain):
    """Vectors in Q^n with entries in [lo, hi]; optionally ``order`` ("decreasing"/"increasing", strict)
    and ``distinct`` entries. ``length`` is a number, an earlier object's name, or a range (lo, hi)
    from which each draw picks n.

    Example: vectors of length n (an earlier object) with entries in [-1, 1], strictly decreasing::

        >>> from boundcalc.objects import Vectors
        >>> v = Vectors("n", -1, 1, order="decreasing")
        >>> v.contains([1, 0, -1], {"n": 3}), v.contains([0, 0, -1], {"n": 3})
        (True, False)
    """

    length: Bound
    lo: Bound | None = None
    hi: Bound | None = None
    order: str | None = None
    distinct: bool = False
    scale: int = 50
    continuous = True

    def _shape(self, env, n: int | None = None):
        """(n, lo, hi) of the sampling box (the set itself is unbounded where lo/hi are None)."""
        if n is None:
            n = _length(self.length, env)
        lo, hi = _end(self.lo, env), _end(self.hi, env)
        lo = lo if lo is not None else (min(hi, Fraction(0)) - self.scale if hi is not None else Fraction(-self.scale))
        hi = hi if hi is not None else max(lo, Fraction(0)) + self.scale
        return n, lo, hi

    def _arrange(self, v):
        if self.order == "decreasing":
            return _sorted(v, True)
        if self.order == "increasing":
            return _sorted(v)
        return v

    def draw(self, rng, env):
        n = _draw_length(self.length, rng, env)
        for _ in range(8):                                  # ordered/distinct: redraw the rare ties
            v = self._draw(rng, env, n)
            if self.contains(v, env):
                break
        return v

    def _draw(self, rng, env, n):
        n, lo, hi = self._shape(env, n)
        den = rng.choice(DENOMINATORS)
        style = rng.random() if not (self.order or self.distinct) else rng.random() * 0.4 + (0.6 * (rng.random() < 0.5))
        if style < 0.4:                                  # spread: a few scales of gaps
            top = _frac(rng, lo, hi, den)
            v, x = [], top
            for _ in range(n):
                v.append(x)
                x = x - _frac(rng, Fraction(0), Fraction(rng.choice((1, 4, 16, 40))), den)
            v = [min(max(e, lo), hi) for e in v]
            rng.shuffle(v)
        elif style < 0.55:                               # ties: a few values repeated
            vals = [_frac(rng, lo, hi, den) for _ in range(max(1, n // 2))]
            v = [rng.choice(vals) for _ in range(n)]
        else:
            v = [_frac(rng, lo, hi, den) for _ in range(n)]
        return self._arrange(v)

    def special(self, env):
        if isinstance(self.length, tuple):
            lo_n, hi_n = int(self.length[0]), int(self.length[1])
            return [v for n in sorted({lo_n, min(lo_n + 1, hi_n)}) for v in self._special(env, n)]
        return self._special(env, None)

    def _special(self, env, n):
        n, lo, hi = self._shape(env, n)
        mags = _magnitudes(_end(self.lo, env), _end(self.hi, env))
        out = [[m] * n for m in mags]                              # all equal (ties, zeros)
        if n >= 2:
            rest = Fraction(0) if lo <= 0 <= hi else lo
            out += [[m] + [rest] * (n - 1) for m in mags if m]                # one stands out, first
            out += [[rest] * (n - 1) + [m] for m in mags if m]                # or last
            out.append([lo + (hi - lo) * Fraction(k, max(n - 1, 1)) for k in range(n)])          # even spread
            out.append([hi] + [lo] * (n - 1))
        return [self._arrange(v) for v in out]

    def contains(self, v, env):
        if not isinstance(v, (list, tuple)) or not _length_ok(self.length, len(v), env):
            return False
        n, lo, hi = len(v), _end(self.lo, env), _end(self.hi, env)
        for e in v:                            # exact entries (not bools) inside [lo, hi]
            t = type(e)
            if t is not Fraction and t is not int and (not isinstance(e, (int, Fraction)) or isinstance(e, bool)):
                return False
            if (lo is not None and e < lo) or (hi is not None and e > hi):
                return False
        if self.distinct and len(set(v)) != n:
            return False
        if self.order == "decreasing" and not _increasing(v[::-1]):
            return False
        if self.order == "increasing" and not _increasing(v):
            return False
        return True

    def coords(self, v):
        return [_fraction(e) for e in v]

    def rebuild(self, v, xs):
        return [_fraction(x) for x in xs]

    def draw_batch(self, nrng, size, like, env):
        """Vectors of len(like): uniform, or a top entry minus gaps of several scales; ordered as declared."""
        import numpy as np

        n, lo, hi = self._shape(env, len(like))
        lo, hi = float(lo), float(hi)
        uniform = nrng.uniform(lo, hi, (size, n))
        scales = nrng.choice([1.0, 4.0, 16.0, 40.0], (size, 1))
        gaps = nrng.uniform(0, 1, (size, n)) * scales
        spread = nrng.uniform(lo, hi, (size, 1)) - np.cumsum(gaps, axis=1) + gaps[:, :1]
        spread = np.clip(spread, lo, hi)
        if not self.order:
            spread = nrng.permuted(spread, axis=1)
        out = np.where(nrng.random((size, 1)) < 0.5, uniform, spread)
        if self.order == "decreasing":
            out = -np.sort(-out, axis=1)
        elif self.order == "increasing":
            out = np.sort(out, axis=1)
        return out


@dataclass(frozen=True)
class Matrices(Domain):
    """Matrices in Q^{rows x cols} (lists of rows) with entries in [lo, hi].

    Example::

        >>> from boundcalc.objects import Matrices
        >>> Matrices(2, 3, -1, 1).contains([[0, 1, -1], [1, 1, 1]], {})
        True
    """

    rows: Bound
    cols: Bound
    lo: Bound | None = None
    hi: Bound | None = None
    scale: int = 50
    continuous = True

    def _shape(self, env):
        lo, hi = _end(self.lo, env), _end(self.hi, env)
        return (int(_resolve(self.rows, env)), int(_resolve(self.cols, env)),
                lo if lo is not None else Fraction(-self.scale), hi if hi is not None else Fraction(self.scale))

    def draw(self, rng, env):
        r, c, lo, hi = self._shape(env)
        den = rng.choice(DENOMINATORS)
        return [[_frac(rng, lo, hi, den) for _ in range(c)] for _ in range(r)]

    def special(self, env):
        r, c, lo, hi = self._shape(env)
        out = [[[m] * c for _ in range(r)] for m in _magnitudes(lo, hi)]
        if r == c:
            out.append([[Fraction(int(i == j)) for j in range(c)] for i in range(r)])    # identity
        return out

    def contains(self, v, env):
        r, c = int(_resolve(self.rows, env)), int(_resolve(self.cols, env))
        lo, hi = _end(self.lo, env), _end(self.hi, env)
        return (isinstance(v, (list, tuple)) and len(v) == r
                and all(isinstance(row, (list, tuple)) and len(row) == c
                        and all(isinstance(e, (int, Fraction)) and _inside(e, lo, hi) for e in row) for row in v))

    def coords(self, v):
        return [_fraction(e) for row in v for e in row]

    def rebuild(self, v, xs):
        c = len(v[0]) if v else 0
        return [[_fraction(x) for x in xs[i * c:(i + 1) * c]] for i in range(len(v))]


@dataclass(frozen=True)
class Sequences(Domain):
    """A list of ``length`` elements of another domain (``distinct``: no element repeated).

    Example: two to four vectors of length n::

        >>> from boundcalc.objects import Integers, Sequences, Vectors
        >>> seqs = Sequences((2, 4), Vectors("n"))
        >>> seqs.contains([[1, 2], [3, 4]], {"n": 2}), seqs.contains([[1, 2]], {"n": 2})
        (True, False)
    """

    length: Bound
    of: Domain
    distinct: bool = False
    continuous = True

    def draw(self, rng, env):
        return [self.of.draw(rng, env) for _ in range(_draw_length(self.length, rng, env))]

    def special(self, env):
        k = _length(self.length, env)
        out = [[s] * k for s in self.of.special(env)]      # every element the same (repeated)
        sp = self.of.special(env)
        if k >= 2 and len(sp) >= 2:
            out.append([sp[t % len(sp)] for t in range(k)])
        return out

    def contains(self, v, env):
        if not isinstance(v, (list, tuple)) or not _length_ok(self.length, len(v), env):
            return False
        if not all(self.of.contains(e, env) for e in v):
            return False
        return not self.distinct or len({repr(e) for e in v}) == len(v)

    def coords(self, v):
        return [x for e in v for x in self.of.coords(e)]

    def draw_batch(self, nrng, size, like, env):
        """An array (size, len(like), ...) of the elements' batch draws."""
        import numpy as np

        return np.stack([self.of.draw_batch(nrng, size, e, env) for e in like], axis=1)

    def rebuild(self, v, xs):
        out, at = [], 0
        for e in v:
            n = len(self.of.coords(e))
            out.append(self.of.rebuild(e, xs[at:at + n]))
            at += n
        return out


@dataclass(frozen=True)
class Product(Domain):
    """Tuples whose k-th entry lies in ``factors[k]`` (a product of domains).

    A result's parameter space is the product of its parameters' domains
    (:meth:`boundcalc.records.Result.domain`); the search samples it like any other object.

    Example::

        >>> from fractions import Fraction
        >>> from boundcalc.objects import Integers, Product, Rationals
        >>> box = Product((Integers(1, 3), Rationals(0, 1)))
        >>> box.contains((2, Fraction(1, 2)), {}), box.contains((0, Fraction(1, 2)), {})
        (True, False)
    """

    factors: tuple

    @property
    def continuous(self) -> bool:  # type: ignore[override]
        return any(f.continuous for f in self.factors)

    def draw(self, rng, env):
        return tuple(f.draw(rng, env) for f in self.factors)

    def special(self, env):
        """Each factor's special values, paired diagonally (cycling the shorter lists), plus every
        combination when there are at most 64."""
        import itertools

        lists = [f.special(env) or [f.draw(random.Random(0), env)] for f in self.factors]
        total = 1
        for lst in lists:
            total *= len(lst)
        if total <= 64:
            return [tuple(c) for c in itertools.product(*lists)]
        width = max(len(lst) for lst in lists)
        return [tuple(lst[k % len(lst)] for lst in lists) for k in range(width)]

    def contains(self, v, env):
        return isinstance(v, (tuple, list)) and len(v) == len(self.factors) and \
            all(f.contains(x, env) for f, x in zip(self.factors, v))

    def coords(self, v):
        return [x for f, e in zip(self.factors, v) for x in f.coords(e)]

    def rebuild(self, v, xs):
        out, at = [], 0
        for f, e in zip(self.factors, v):
            n = len(f.coords(e))
            out.append(f.rebuild(e, xs[at:at + n]))
            at += n
        return tuple(out)


# ---------------------------------------------------------------- hypotheses


def _real(x: Any) -> Real:
    if isinstance(x, Real):
        return x
    if isinstance(x, float) or isinstance(x, bool):
        raise TypeError(f"hypothesis side is {type(x).__name__}, not an exact or certified number")
    return Real(x)


Side = Callable[[Env], Any] | str


def _side(f: Side, env: Env) -> Real:
    if callable(f):
        return _real(f(env))
    from .formula import Formula                     # a formula text over scalar objects
    vals = {k: _real(v) for k, v in env.items() if isinstance(v, (int, Fraction, Real)) and not isinstance(v, bool)}
    return Formula(f).evaluate(vals)


_RATIONAL = (int, Fraction)
_EXACT_REL = {"<": lambda a, b: a < b, "<=": lambda a, b: a <= b, "==": lambda a, b: a == b,
              ">=": lambda a, b: a >= b, ">": lambda a, b: a > b}


def _raw(f: Side, env: Env) -> Any:
    """A side's value: an exact int or Fraction as it is, anything else as a Real (same checks as _side)."""
    if callable(f):
        v = f(env)
        return v if type(v) in _RATIONAL else _real(v)
    return _side(f, env)


@dataclass(frozen=True)
class Rel:
    """A hypothesis ``lhs REL rhs`` (sides are callables of the objects or formula texts over scalar
    objects). ``text`` quotes it as the declaration writes it; ``implied`` says why it never binds on
    its own when the others imply it (the search cannot make such a hypothesis tight).

    Example: the hypothesis ``m > n`` over two integer objects::

        >>> from boundcalc.objects import Rel
        >>> h = Rel("m > n", "m", ">", "n")
        >>> h.holds({"m": 3, "n": 2}), h.holds({"m": 2, "n": 2})
        (True, False)
    """

    text: str
    lhs: Side
    rel: str
    rhs: Side
    implied: str = ""

    def __post_init__(self):
        if self.rel not in ("<", "<=", ">=", ">", "=="):
            raise ValueError(f"hypothesis {self.text!r}: relation {self.rel!r}")

    def holds(self, env: Env) -> bool | None:
        """Certified: True, False, or None when undecided."""
        a, b = _raw(self.lhs, env), _raw(self.rhs, env)
        if type(a) in _RATIONAL and type(b) in _RATIONAL:     # exact rationals: compared exactly, as Real does
            return _EXACT_REL[self.rel](a, b)
        return _real(a).compare(self.rel, _real(b))

    def margin(self, env: Env) -> float:
        """How far inside (> 0) or outside (< 0) the hypothesis is, as a float (for guidance only)."""
        d = (_side(self.lhs, env) - _side(self.rhs, env)).to_float()
        if self.rel in ("<", "<="):
            d = -d
        return -abs(d) if self.rel == "==" else d


@dataclass(frozen=True)
class Pred:
    """A hypothesis given as a predicate of the objects (True/False/None); ``implied`` as for :class:`Rel`.

    Example::

        >>> from boundcalc.objects import Pred
        >>> Pred("z sorted", lambda o: list(o["z"]) == sorted(o["z"])).holds({"z": [1, 2, 2]})
        True
    """

    text: str
    test: Callable[[Env], bool | None]
    implied: str = ""

    def holds(self, env: Env) -> bool | None:
        v = self.test(env)
        return v if v in (True, False) else None

    def margin(self, env: Env) -> float:
        return 0.0


Hypothesis = Rel | Pred


def conjunction(values) -> bool | None:
    """Three-valued and: False if any is False, None if any is undecided, else True."""
    values = list(values)
    if any(v is False for v in values):
        return False
    if any(v is None for v in values):
        return None
    return True


def in_domains(objects: Mapping[str, Domain], obj: Env) -> bool:
    """Every declared object present and inside its domain (domains see the objects before them)."""
    env: dict[str, Any] = {}
    for name, dom in objects.items():
        if name not in obj or not dom.contains(obj[name], env):
            return False
        env[name] = obj[name]
    return True


HOLD_ERRORS = (ArithmeticError, ValueError, TypeError, KeyError, IndexError)
"""Errors of a hypothesis' evaluation that make it undecided (None) in :func:`admissible`."""


def admissible(objects: Mapping[str, Domain], hypotheses: Sequence[Hypothesis], obj: Env,
               failed: list | None = None) -> bool | None:
    """In every domain and every hypothesis certified (None when one is undecided). When a hypothesis is
    certified violated, its index is appended to ``failed`` (when given)."""
    if not in_domains(objects, obj):
        return False
    out = []
    for i, h in enumerate(hypotheses):
        try:
            v = h.holds(obj)
        except HOLD_ERRORS:
            v = None
        if v is False:
            if failed is not None:
                failed.append(i)
            return False
        out.append(v)
    return conjunction(out)


def draw(objects: Mapping[str, Domain], rng: random.Random) -> dict[str, Any]:
    """One random assignment of every object, in declaration order."""
    env: dict[str, Any] = {}
    for name, dom in objects.items():
        env[name] = dom.draw(rng, env)
    return env


# ---------------------------------------------------------------- finite distributions


@dataclass(frozen=True)
class Finite:
    """A finite probability distribution: exact atoms (sorted, distinct) with positive exact weights summing
    to 1. Probabilities and moments are exact rationals, so a claim about them is decided exactly."""

    atoms: tuple
    weights: tuple

    def mean(self) -> Fraction:
        return sum((w * a for a, w in zip(self.atoms, self.weights)), Fraction(0))

    def moment(self, k: int, about: Fraction | None = None) -> Fraction:
        """E[(X - about)^k] (``about`` 0 by default)."""
        c = Fraction(0) if about is None else Fraction(about)
        return sum((w * (a - c) ** k for a, w in zip(self.atoms, self.weights)), Fraction(0))

    def variance(self) -> Fraction:
        return self.moment(2, self.mean())

    def prob(self, test: Callable[[Fraction], bool]) -> Fraction:
        """P(test(X)) exactly."""
        return sum((w for a, w in zip(self.atoms, self.weights) if test(a)), Fraction(0))

    def tail(self, t, rel: str = ">=", centred: bool = False) -> Fraction:
        """P(X REL t), or P(X - E X REL t) with ``centred``, or P(|X - E X| REL t) with ``centred="abs"``."""
        m = self.mean() if centred else Fraction(0)
        f = {">=": lambda x: x >= t, ">": lambda x: x > t, "<=": lambda x: x <= t, "<": lambda x: x < t}[rel]
        return self.prob(lambda a: f(abs(a - m) if centred == "abs" else a - m))

    def expect(self, fn: Callable[[Fraction], Any]) -> Any:
        """E fn(X) (fn returns exact numbers or :class:`Real`)."""
        out: Any = Fraction(0)
        for a, w in zip(self.atoms, self.weights):
            out = out + w * fn(a)
        return out

    def jumps(self) -> list[Fraction]:
        """Where the tails t -> P(X >= t), P(X - EX >= t), P(EX - X >= t), P(|X - EX| >= t) jump."""
        m = self.mean()
        return list(dict.fromkeys(list(self.atoms) + [a - m for a in self.atoms] + [m - a for a in self.atoms]
                                  + [abs(a - m) for a in self.atoms]))

    def to_dict(self) -> dict:
        return {"atoms": list(self.atoms), "weights": list(self.weights)}


def finite(atoms, weights) -> Finite:
    """A :class:`Finite` from atoms and weights (merged when atoms repeat, sorted; weights must be positive
    and sum to 1)."""
    merged: dict[Fraction, Fraction] = {}
    for a, w in zip(atoms, weights):
        merged[Fraction(a)] = merged.get(Fraction(a), Fraction(0)) + Fraction(w)
    keys = sorted(merged)
    out = Finite(tuple(keys), tuple(merged[k] for k in keys))
    if any(w <= 0 for w in out.weights) or sum(out.weights) != 1:
        raise ValueError("weights must be positive and sum to 1")
    return out


def _normalised(ws: Sequence[Fraction]) -> list[Fraction] | None:
    total = sum(ws, Fraction(0))
    if total <= 0 or any(w <= 0 for w in ws):
        return None
    return [Fraction(w) / total for w in ws]


@dataclass(frozen=True)
class Distributions(Domain):
    """Finite distributions with ``atoms`` atoms (a number or a (lo, hi) range) in [lo, hi].

    Special values: a point mass at each end and at the middle, the two-point distributions on the
    ends with equal and with skewed weights (1/2^k: the extremes of Hoeffding-, Bernstein- and
    Chernoff-type bounds), and a three-point symmetric one (the extreme of Chebyshev's bound)."""

    lo: Bound = 0
    hi: Bound = 1
    atoms: Bound = (1, 4)
    continuous = True

    def _box(self, env):
        return Fraction(_resolve(self.lo, env)), Fraction(_resolve(self.hi, env))

    def draw(self, rng, env):
        lo, hi = self._box(env)
        k = _draw_length(self.atoms, rng, env)
        den = rng.choice(DENOMINATORS)
        xs = [_frac(rng, lo, hi, den) for _ in range(k)]
        ws = [Fraction(rng.randint(1, 1000)) for _ in range(k)]
        return finite(xs, _normalised(ws))

    def special(self, env):
        lo, hi = self._box(env)
        mid = (lo + hi) / 2
        k_lo = _length(self.atoms, env)
        out = [finite([x], [1]) for x in (lo, hi, mid)] if k_lo <= 1 else []
        if k_lo <= 2 and hi > lo:
            for p in (Fraction(1, 2), Fraction(1, 4), Fraction(1, 2 ** 10), Fraction(1, 2 ** 40)):
                out.append(finite([lo, hi], [1 - p, p]))
                out.append(finite([lo, hi], [p, 1 - p]))
        if k_lo <= 3 and hi > lo:
            for p in (Fraction(1, 4), Fraction(1, 2 ** 10)):
                out.append(finite([lo, mid, hi], [p / 2, 1 - p, p / 2]))
        return [d for d in dict.fromkeys(out) if self.contains(d, env)]

    def contains(self, v, env):
        if not isinstance(v, Finite) or not v.atoms or len(v.atoms) != len(v.weights):
            return False
        lo, hi = self._box(env)
        if not _length_ok(self.atoms, len(v.atoms), env):
            return False
        return all(lo <= a <= hi for a in v.atoms) and all(w > 0 for w in v.weights) and sum(v.weights) == 1 \
            and list(v.atoms) == sorted(set(v.atoms))

    def coords(self, v):
        return list(v.atoms) + list(v.weights)

    def rebuild(self, v, xs):
        k = len(v.atoms)
        ws = _normalised([Fraction(x) for x in xs[k:2 * k]])
        if ws is None:
            return v
        try:
            return finite([Fraction(x) for x in xs[:k]], ws)
        except ValueError:
            return v


@dataclass(frozen=True)
class TailPoints(Domain):
    """A threshold t in [lo, hi] for the tails of the distribution object ``of``.

    Its special values are where those tails jump (:meth:`Finite.jumps`: the atoms, the atoms'
    deviations from the mean, either sign and absolute) and points 2^-30 on either side of each, so
    a tail bound that fails only at a jump (a strict inequality, a constant off at the extreme) is
    reached without hand-written candidates."""

    of: str
    lo: Bound | None = None
    hi: Bound | None = None
    lo_open: bool = False
    hi_open: bool = False
    continuous = True

    def _plain(self) -> Rationals:
        return Rationals(self.lo, self.hi, self.lo_open, self.hi_open)

    def draw(self, rng, env):
        d = env.get(self.of)
        if isinstance(d, Finite) and rng.random() < 0.5:    # near the distribution's own scale
            jumps = d.jumps()
            v = rng.choice(jumps) + Fraction(rng.randint(-1000, 1000), 1000 * rng.choice((1, 16, 2 ** 10)))
            if self.contains(v, env):
                return v
        return self._plain().draw(rng, env)

    def special(self, env):
        d = env.get(self.of)
        out = []
        if isinstance(d, Finite):
            near = Fraction(1, 2 ** 30)
            for j in d.jumps():
                out += [j, j - near, j + near]
        out += self._plain().special(env)
        return [v for v in dict.fromkeys(out) if self.contains(v, env)]

    def contains(self, v, env):
        return self._plain().contains(v, env)

    def coords(self, v):
        return [_fraction(v)]

    def rebuild(self, v, xs):
        return _fraction(xs[0])
