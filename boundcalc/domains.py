"""Parameter domains as exact sets, and the domain a printed hypothesis states.

A declared :class:`~boundcalc.records.Param` has a domain name (``"pos"``, ``"posint"``, ``"(0,1)"``, ...).
The paper states the same hypothesis in its text: ``$\\epsilon > 0$``, ``$1 \\leq p < \\infty$``,
``$\\delta \\in (0, 1)$``, ``$I \\in \\mathbb{N}^+$``. :func:`quoted_interval` reads such a statement into
an :class:`Interval`; :func:`compare_domain` says whether it is the declared domain. For an integer
domain the printed bounds are compared on the integers (``L \\geq 1`` and ``L > 0`` both state the
positive integers), because the paper usually says "number of layers" in words and the bounds in
formulas. Everything is exact (fractions); anything not read is undecided, never a match.

A parameter's domain is an object of :mod:`boundcalc.objects` -- :class:`~boundcalc.objects.Rationals`
(an interval, each end open or closed or infinite), :class:`~boundcalc.objects.Integers` (an integer
range, possibly unbounded above) or :class:`~boundcalc.objects.FiniteSet` (exact numbers) -- the same
object the search samples. The nine names of :data:`SHORTHANDS` (``"pos"``, ``"(0,1]"``, ...) stand
for such objects. :func:`as_domain`, :func:`describe`, :func:`contains`, :func:`edges` and
:func:`interval` accept either form.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from fractions import Fraction

from typing import Any

from .objects import Domain, FiniteSet, Integers, Rationals


class DomainError(ValueError):
    """A printed domain statement that cannot be read (undecided)."""


@dataclass(frozen=True)
class Interval:
    """lo <(=) x <(=) hi, None for an infinite end; ``integer`` restricts to the integers."""

    lo: Fraction | None
    lo_closed: bool
    hi: Fraction | None
    hi_closed: bool
    integer: bool = False

    def normal(self, integer: bool | None = None) -> "Interval":
        """Integer sets get closed integer ends (x > 0 is x >= 1); infinite ends are open."""
        integer = self.integer if integer is None else integer
        lo, lc, hi, hc = self.lo, self.lo_closed and self.lo is not None, self.hi, self.hi_closed and self.hi is not None
        if integer:
            if lo is not None:
                lo, lc = Fraction(math.ceil(lo) if lc else math.floor(lo) + 1), True
            if hi is not None:
                hi, hc = Fraction(math.floor(hi) if hc else math.ceil(hi) - 1), True
        return Interval(lo, lc, hi, hc, integer)

    def meet(self, other: "Interval") -> "Interval":
        """The intersection (integers when either is)."""
        lo, lc = self.lo, self.lo_closed
        if other.lo is not None and (lo is None or other.lo > lo or (other.lo == lo and not other.lo_closed)):
            lo, lc = other.lo, other.lo_closed
        hi, hc = self.hi, self.hi_closed
        if other.hi is not None and (hi is None or other.hi < hi or (other.hi == hi and not other.hi_closed)):
            hi, hc = other.hi, other.hi_closed
        return Interval(lo, lc, hi, hc, self.integer or other.integer)

    def show(self) -> str:
        if self.integer:
            lo = "-inf" if self.lo is None else _q(self.lo)
            hi = "inf" if self.hi is None else _q(self.hi)
            return f"integers in [{lo}, {hi}]".replace(", inf]", ", inf)").replace("[-inf", "(-inf")
        left = "(-inf" if self.lo is None else ("[" if self.lo_closed else "(") + _q(self.lo)
        right = "inf)" if self.hi is None else _q(self.hi) + ("]" if self.hi_closed else ")")
        return f"{left}, {right}"


def _q(x: Fraction) -> str:
    return str(x.numerator) if x.denominator == 1 else f"{x.numerator}/{x.denominator}"


F0, F1, F2 = Fraction(0), Fraction(1), Fraction(2)
DECLARED = {
    "posint": Interval(F1, True, None, False, True),
    "nonnegint": Interval(F0, True, None, False, True),
    "int>=2": Interval(F2, True, None, False, True),
    "pos": Interval(F0, False, None, False),
    "nonneg": Interval(F0, True, None, False),
    "real": Interval(None, False, None, False),
    ">=1": Interval(F1, True, None, False),
    "(0,1)": Interval(F0, False, F1, False),
    "(0,1]": Interval(F0, False, F1, True),
}
"""Each declared domain name as an exact set (the same sets as :func:`boundcalc.records.check_domain`)."""


_REL = re.compile(r"\\leq(?![A-Za-z])|\\le(?![A-Za-z])|\\geq(?![A-Za-z])|\\ge(?![A-Za-z])|\\lt(?![A-Za-z])"
                  r"|\\gt(?![A-Za-z])|<|>")
_LESS = {"<": (True, False), r"\lt": (True, False), r"\leq": (True, True), r"\le": (True, True),
         ">": (False, False), r"\gt": (False, False), r"\geq": (False, True), r"\ge": (False, True)}
_SETS = {
    r"\mathbb{N}^+": Interval(F1, True, None, False, True), r"\mathbb{N}^{+}": Interval(F1, True, None, False, True),
    r"\mathbb{N}_+": Interval(F1, True, None, False, True), r"\mathbb{N}_{+}": Interval(F1, True, None, False, True),
    r"\mathbb{Z}^+": Interval(F1, True, None, False, True), r"\mathbb{Z}_{>0}": Interval(F1, True, None, False, True),
    r"\mathbb{Z}_{\geq 0}": Interval(F0, True, None, False, True), r"\mathbb{R}": Interval(None, False, None, False),
    r"\mathbb{R}_{>0}": Interval(F0, False, None, False), r"\mathbb{Z}": Interval(None, False, None, False, True), r"\mathbb{R}_{\geq 0}": Interval(F0, True, None, False),
}
"""Sets read after ``\\in``. Plain ``\\mathbb{N}`` and ``\\mathbb{R}_+`` are left out on purpose: texts
disagree on whether they contain 0, so reading them would be a guess."""


def compare_domain(declared: "str | Domain", quoted: Interval) -> tuple[bool, str]:
    """(equal?, explanation) for a declared domain (name or object) and a printed set (integers for
    integer domains). A finite set equals a printed set only when that is a bounded integer range with
    the same elements."""
    label = name(declared)
    full = interval(declared)
    if full is None:
        q = quoted.normal(integer=True)
        vals = sorted(Fraction(v) for v in as_domain(declared).values)
        if not quoted.integer or q.lo is None or q.hi is None:
            return False, f"declared the finite set {label}; printed {quoted.show()}"
        same = vals == [Fraction(k) for k in range(int(q.lo), int(q.hi) + 1)]
        return same, f"declared {label}; printed {q.show()}"
    d = full.normal()
    q = quoted.normal(integer=d.integer or quoted.integer)
    if quoted.integer and not d.integer:
        return False, f"the text states integers ({q.show()}), the declaration {label!r} the reals {d.show()}"
    same = (d.lo, d.lo_closed, d.hi, d.hi_closed) == (q.lo, q.lo_closed, q.hi, q.hi_closed)
    return same, f"declared {label!r} = {d.show()}; printed {q.show()}"


# ---------------------------------------------------------------- domains as objects

SHORTHANDS: dict[str, Domain] = {
    "posint": Integers(1, None),
    "nonnegint": Integers(0, None),
    "int>=2": Integers(2, None),
    "pos": Rationals(0, None, lo_open=True),
    "nonneg": Rationals(0, None),
    "real": Rationals(None, None),
    ">=1": Rationals(1, None),
    "(0,1)": Rationals(0, 1, lo_open=True, hi_open=True),
    "(0,1]": Rationals(0, 1, lo_open=True),
}
"""The nine domain names a :class:`~boundcalc.records.Param` may give instead of an object."""

SCALAR = (Integers, Rationals, FiniteSet)
"""The object types a parameter's domain may have: its values are exact numbers."""


def as_domain(domain: str | Domain) -> Domain:
    """The object a domain stands for (a shorthand name is looked up); DomainError when it is neither.

    Example::

        >>> from boundcalc.domains import as_domain
        >>> as_domain("posint")
        Integers(lo=1, hi=None, scale=50)
    """
    if isinstance(domain, str):
        if domain in SHORTHANDS:
            return SHORTHANDS[domain]
        raise DomainError(f"unknown domain {domain!r} (a name among {', '.join(SHORTHANDS)}, or an "
                          "Integers, Rationals or FiniteSet object)")
    if not isinstance(domain, SCALAR):
        raise DomainError(f"a parameter's domain must be a name or an Integers, Rationals or FiniteSet object, "
                          f"got {type(domain).__name__}")
    try:
        fixed = interval(domain) if not isinstance(domain, FiniteSet) else None
    except (TypeError, ValueError, KeyError, ZeroDivisionError) as exc:
        raise DomainError(f"a parameter's domain needs numeric bounds ({exc})") from None
    if isinstance(domain, FiniteSet):
        if not domain.values:
            raise DomainError("an empty FiniteSet")
        if not all(isinstance(v, (int, Fraction)) and not isinstance(v, bool) for v in domain.values):
            raise DomainError("a FiniteSet domain needs exact numbers (int or Fraction)")
    elif fixed is not None and fixed.lo is not None and fixed.hi is not None:
        iv = fixed.normal()
        if iv.lo > iv.hi or (iv.lo == iv.hi and not (iv.lo_closed and iv.hi_closed)):
            raise DomainError(f"an empty domain {fixed.show()}")
    return domain


def _exact(b: Any) -> Fraction | None:
    if b is None:
        return None
    if isinstance(b, bool) or not isinstance(b, (int, Fraction)):
        raise TypeError(f"bound {b!r} is not an exact number")
    return Fraction(b)


def interval(domain: str | Domain) -> Interval | None:
    """The domain as an exact :class:`Interval` (None for a finite set).

    Example::

        >>> from boundcalc.domains import interval
        >>> interval("(0,1]").show()
        '(0, 1]'
    """
    if isinstance(domain, str):
        return DECLARED[domain] if domain in DECLARED else interval(as_domain(domain))
    if isinstance(domain, Integers):
        return Interval(_exact(domain.lo), True, _exact(domain.hi), domain.hi is not None, True)
    if isinstance(domain, Rationals):
        lo, hi = _exact(domain.lo), _exact(domain.hi)
        return Interval(lo, lo is not None and not domain.lo_open, hi, hi is not None and not domain.hi_open)
    return None


def name(domain: str | Domain) -> str:
    """A short text for the domain: the shorthand itself, or interval / set notation."""
    if isinstance(domain, str):
        return domain
    if isinstance(domain, FiniteSet):
        return "{" + ", ".join(_q(Fraction(v)) for v in domain.values) + "}"
    return interval(domain).show()


def describe(domain: str | Domain) -> str:
    """The domain in words, for messages ("a positive integer", "a number in [0, 1)").

    Example::

        >>> from boundcalc.domains import describe
        >>> from boundcalc.objects import Rationals
        >>> describe("pos"), describe(Rationals(0, 1, hi_open=True))
        ('a positive number', 'a number in [0, 1)')
    """
    from .records import DOMAINS

    if isinstance(domain, str) and domain in DOMAINS:
        return DOMAINS[domain]
    d = as_domain(domain)
    if isinstance(d, FiniteSet):
        return f"one of {name(d)}"
    iv = interval(d)
    if iv.integer:
        return f"an integer in {iv.normal().show()[len('integers in '):]}"
    return f"a number in {iv.show()}"


def contains(domain: str | Domain, q: Fraction) -> bool:
    """Whether the exact number ``q`` lies in the domain."""
    d = as_domain(domain)
    if isinstance(d, FiniteSet):
        return any(Fraction(v) == q for v in d.values)
    iv = interval(d)
    if iv.integer and q.denominator != 1:
        return False
    if iv.lo is not None and not (q >= iv.lo if iv.lo_closed else q > iv.lo):
        return False
    return iv.hi is None or (q <= iv.hi if iv.hi_closed else q < iv.hi)


BIG = Fraction(1000)
INSIDE = Fraction(1, 1000)


def edges(domain: str | Domain) -> tuple[str, ...]:
    """Values at the domain's edges: its least element (or just inside an open end), its greatest (or
    a large value), 0 for a set unbounded below, and a finite set's least and greatest elements.

    Example::

        >>> from boundcalc.domains import edges
        >>> edges("pos"), edges("posint")
        (('1/1000', '1000'), ('1',))
    """
    d = as_domain(domain)
    if isinstance(d, FiniteSet):
        vals = sorted(Fraction(v) for v in d.values)
        return tuple(dict.fromkeys(_q(v) for v in (vals[0], vals[-1])))
    iv = interval(d)
    if iv.integer:
        n = iv.normal()
        return tuple(dict.fromkeys(_q(v) for v in (n.lo, n.hi) if v is not None))
    out = []
    if iv.lo is None:
        out += [-BIG, Fraction(0)] if contains(d, Fraction(0)) else [-BIG]
    else:
        out.append(iv.lo if iv.lo_closed else iv.lo + min(INSIDE, (iv.hi - iv.lo) / 2 if iv.hi is not None else INSIDE))
    if iv.hi is None:
        out.append(BIG if iv.lo is None or iv.lo < BIG else iv.lo + BIG)
    else:
        out.append(iv.hi if iv.hi_closed else iv.hi - min(INSIDE, (iv.hi - iv.lo) / 2 if iv.lo is not None else INSIDE))
    return tuple(dict.fromkeys(_q(v) for v in out))


def probes(domain: str | Domain) -> tuple[str, str]:
    """Two exact values inside the domain, away from 0 and 1 when it can (for identity checks)."""
    d = as_domain(domain)
    if isinstance(d, FiniteSet):
        vals = sorted(Fraction(v) for v in d.values)
        return _q(vals[len(vals) // 2]), _q(vals[-1])
    iv = interval(d)
    if iv.integer:
        lo = iv.normal().lo
        hi = iv.normal().hi
        a = lo + 1 if hi is None or lo + 1 <= hi else lo
        b = a + 1 if hi is None or a + 1 <= hi else a
        return _q(a), _q(b)
    for cands in ((Fraction(3, 2), Fraction(2, 7)), (Fraction(1, 3), Fraction(3, 4))):
        if all(contains(d, c) for c in cands):
            return _q(cands[0]), _q(cands[1])
    lo = iv.lo if iv.lo is not None else iv.hi - 2
    hi = iv.hi if iv.hi is not None else iv.lo + 2
    return _q(lo + (hi - lo) / 3), _q(lo + 2 * (hi - lo) / 3)


def random_value(domain: str | Domain, rng) -> str:
    """A random exact value of the domain (for random evaluation points), as text."""
    d = as_domain(domain)
    v = d.draw(rng, {})
    return _q(Fraction(v))


def sympy_assumptions(domain: str | Domain) -> dict[str, bool]:
    """Assumptions for a sympy Symbol ranging over the domain (integer, positive, nonnegative, real)."""
    d = as_domain(domain)
    if isinstance(d, FiniteSet):
        vals = [Fraction(v) for v in d.values]
        kw = {"integer": True} if all(v.denominator == 1 for v in vals) else {"rational": True}
        if min(vals) > 0:
            kw["positive"] = True
        elif min(vals) >= 0:
            kw["nonnegative"] = True
        return kw
    iv = interval(d)
    kw: dict[str, bool] = {"integer": True} if iv.integer else {}
    if iv.lo is not None and (iv.lo > 0 or (iv.lo == 0 and not iv.lo_closed)):
        kw["positive"] = True
    elif iv.lo is not None and iv.lo >= 0:
        kw["nonnegative"] = True
    elif not kw:
        kw["real"] = True
    return kw
