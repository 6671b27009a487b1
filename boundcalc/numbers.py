"""The number model: exact rationals and radicals, certified balls, and the log domain.

Every quantity boundcalc reports is a :class:`Real`:

* **exact** while it is a rational number times a product of rational powers of rationals
  (``3 * 6**(1/2)``) and its size stays below :data:`EXACT_BITS_LIMIT`; rational values are
  recognised exactly, so ``(2*sqrt(6)/(1/10))**6`` is the integer 13824000000;
* otherwise **lazy and certified**: the value is recomputed on demand as a python-flint ``arb``
  ball at any precision, together with a ball for ``ln|x|``. Magnitudes are always handled in the
  log domain first, so ``exp(-10**50)`` or ``10**(10**378763)`` never overflow, underflow to 0 or
  lose digits: the working precision is raised until it exceeds the size of the exponents.

Comparisons are three-valued (``True``/``False``/``None``): ``None`` means "not decided within the
precision cap", never "false".
"""
from __future__ import annotations

import math
import re
from fractions import Fraction
from typing import Callable, Iterable, Union

from flint import arb, ctx

from .errors import InputError, PrecisionError

EXACT_BITS_LIMIT = 1 << 17
"""Exact numerators/denominators beyond this many bits are not materialised (about 40k digits)."""

PREC_START = 64
PREC_CAP = 1 << 17
"""Working precision (bits) starts here and doubles up to the cap before a question is declared undecided."""

ROUND_BITS_LIMIT = 1 << 22
"""ceil/floor give exact integers up to about 2^(4 million) (1.2 million digits)."""

SHORT_INT_DIGITS = 40
EXPAND_BITS_LIMIT = 1 << 24
"""``as_int``/``as_fraction`` expand a symbolic exact power up to this many bits (about 5 million digits)."""
"""Exact integers with at most this many digits are printed in full."""

TOWER_LOG10 = 10 ** 60
"""Values with |log10 x| beyond this are printed as towers 10^(10^y); below it as a·10^b."""

Number = Union["Real", int, Fraction, str]


# --------------------------------------------------------------------------- parsing

_DECIMAL = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_RATIO = re.compile(r"^[+-]?\d+\s*/\s*[+-]?\d+$")
MAX_DECIMAL_EXPONENT = 100_000


def parse_exact(text: object, name: str = "value") -> Fraction:
    """Parse user input as an exact rational: '0.1' is 1/10, '1e-9' is 1/10**9, '3/7' is 3/7.

    Raises InputError (one line) for anything else: nan, inf, empty, expressions, absurd exponents.
    """
    if isinstance(text, bool):
        raise InputError(f"{name}: expected a number, got {text!r}")
    if isinstance(text, int):
        return Fraction(text)
    if isinstance(text, Fraction):
        return text
    if isinstance(text, float):
        raise InputError(f"{name}: pass numbers as strings or Fractions, not binary floats ({text!r})")
    s = str(text).strip()
    if _DECIMAL.match(s):
        exp = re.search(r"[eE]([+-]?\d+)$", s)
        if exp and abs(int(exp.group(1))) > MAX_DECIMAL_EXPONENT:
            raise InputError(f"{name}: exponent of {s!r} is too large (limit 10^±{MAX_DECIMAL_EXPONENT})")
        return Fraction(s)
    if _RATIO.match(s):
        num, den = (int(part) for part in s.split("/"))
        if den == 0:
            raise InputError(f"{name}: division by zero in {s!r}")
        return Fraction(num, den)
    shown = s if len(s) <= 40 else s[:37] + "..."
    raise InputError(f"{name}: not a finite number: {shown!r} (use e.g. 0.1, 1e-9 or 3/7)")


def parse_positive_int(text: object, name: str) -> int:
    """Parse a positive integer exactly ('3', '3.0' and '6/2' are 3; '2.5' is an error)."""
    q = parse_exact(text, name)
    if q.denominator != 1 or q <= 0:
        raise InputError(f"{name}: must be a positive integer, got {text}")
    return int(q)


# --------------------------------------------------------------------------- precision


class _workprec:
    """Set flint's working precision for a block (flint's context is global)."""

    def __init__(self, prec: int):
        self.prec = prec

    def __enter__(self):
        self.saved = ctx.prec
        ctx.prec = self.prec

    def __exit__(self, *exc):
        ctx.prec = self.saved


def _at_prec(prec: int, compute: Callable[[int], arb]) -> arb:
    """``compute(prec)`` with flint's precision at ``prec``, as ``_workprec`` does, but the precision is
    set (and restored, also on errors) only when it differs: no context object per enclosure."""
    saved = ctx.prec
    if saved != prec:
        ctx.prec = prec
    try:
        return compute(prec)
    finally:
        if ctx.prec != saved:
            ctx.prec = saved


_HUGE = arb(2) ** (1 << 50)
_TINY = 1 / _HUGE
"""Exact powers of two: an enclosure between them has |ln|value|| < 2^50 ln 2, below every guard of
:meth:`Real._arb_at` (2^(prec - 8) >= 2^56)."""


def _precisions(start: int = PREC_START, cap: int = PREC_CAP) -> Iterable[int]:
    p = start
    while p <= cap:
        yield p
        p *= 2


def _bits(q: Fraction) -> int:
    return max(q.numerator.bit_length(), q.denominator.bit_length())


def _arb_of_fraction(q: Fraction) -> arb:
    if q.denominator == 1:
        return arb(q.numerator)
    return arb(q.numerator) / arb(q.denominator)


def _arb_of_abs_fraction(q: Fraction) -> arb:
    """``_arb_of_fraction(abs(q))`` without building the Fraction ``abs(q)``."""
    n = q.numerator
    n = -n if n < 0 else n
    if q.denominator == 1:
        return arb(n)
    return arb(n) / arb(q.denominator)


def _iroot(n: int, k: int) -> int | None:
    """The exact k-th root of n >= 0 when n is a perfect k-th power, else None."""
    if n < 2:
        return n
    if k >= n.bit_length():      # 2**k > n: no integer root but 1, and 1**k != n (guard: never build 2**k)
        return None
    r = int(round(n ** (1.0 / k))) if n.bit_length() < 1000 else 1 << (n.bit_length() // k)
    # Newton iteration on integers
    while True:
        nr = ((k - 1) * r + n // r ** (k - 1)) // k
        if nr >= r:
            break
        r = nr
    for cand in (r - 1, r, r + 1):
        if cand >= 0 and cand ** k == n:
            return cand
    return None


def _rational_root(q: Fraction, k: int) -> Fraction | None:
    if q < 0:
        if k % 2 == 0:
            return None
        r = _rational_root(-q, k)
        return None if r is None else -r
    a, b = _iroot(q.numerator, k), _iroot(q.denominator, k)
    if a is None or b is None:
        return None
    return Fraction(a, b)


# --------------------------------------------------------------------------- Real


class Real:
    """A real number: exact (rational times rational powers of rationals) or a lazy certified ball.

    Build with ``Real(3)``, ``Real("0.1")``, ``Real(Fraction(1, 3))`` and combine with ``+ - * / **``,
    :meth:`exp`, :meth:`log`, :meth:`sqrt`, :meth:`ceil`, :meth:`floor`.
    """

    __slots__ = ("_coeff", "_rad", "_fn", "_lnfn", "_sign", "_cache", "_lncache", "_terms", "_negof", "_cheap")

    def __init__(self, value: Number = 0):
        self._fn = None
        self._lnfn = None
        self._terms = self._negof = None
        self._cheap = False
        self._cache: dict = {}
        self._lncache: dict = {}
        t = type(value)
        if t is Fraction:                      # the common cases first (same result as parse_exact)
            q = value
        elif t is int:
            q = Fraction(value)
        elif isinstance(value, Real):
            self._coeff, self._rad, self._sign = value._coeff, value._rad, value._sign
            self._fn, self._lnfn, self._terms = value._fn, value._lnfn, value._terms
            self._negof, self._cheap = value._negof, value._cheap
            return
        else:
            q = parse_exact(value)
        self._coeff, self._rad = q, ()
        n = q.numerator
        self._sign = (n > 0) - (n < 0)

    # ---- constructors
    @classmethod
    def _exact(cls, coeff: Fraction, rad: tuple = ()) -> "Real":
        """Exact value coeff * prod(b**e); normalises, and falls back to a ball when too big."""
        if not rad:                            # a rational (most calls): nothing to normalise
            r = cls.__new__(cls)
            r._fn = r._lnfn = r._terms = r._negof = None
            r._cheap = False
            r._cache, r._lncache = {}, {}
            r._coeff, r._rad = coeff, ()
            n = coeff.numerator
            r._sign = (n > 0) - (n < 0)
            return r
        merged: dict[Fraction, Fraction] = {}
        for b, e in rad:
            merged[b] = merged.get(b, Fraction(0)) + e
        out = []
        for b, e in merged.items():
            if b == 1 or e == 0:
                continue
            whole = math.floor(e)
            if whole and _bits(b) * abs(whole) + _bits(coeff) <= EXACT_BITS_LIMIT:
                coeff = coeff * b ** whole
                e = e - whole
            if e:  # a huge power stays symbolic: exact, but not materialised
                out.append((b, e))
        if out and coeff:
            # rational when prod b**(e*k) is a perfect k-th power, k = lcm of the denominators
            k = math.lcm(*(e.denominator for _, e in out))
            size = sum(_bits(b) * abs(int(e * k)) for b, e in out)
            if size <= EXACT_BITS_LIMIT:
                power = Fraction(1)
                for b, e in out:
                    power *= b ** int(e * k)
                root = _rational_root(power, k)
                if root is not None:
                    coeff, out = coeff * root, []
        r = cls.__new__(cls)
        r._fn = r._lnfn = r._terms = r._negof = None
        r._cheap = False
        r._cache, r._lncache = {}, {}
        r._coeff = coeff
        r._rad = tuple(sorted(out)) if coeff else ()
        n = coeff.numerator
        r._sign = (n > 0) - (n < 0)
        return r

    @classmethod
    def _lazy(cls, fn: Callable[[int], arb], lnfn: Callable[[int], arb] | None = None,
              sign: int | None = None, cheap: bool = False) -> "Real":
        """A value known through enclosures: fn(prec) of the value, lnfn(prec) of ln|value|. ``cheap``: fn
        is one arithmetic operation (+ - * / or negation) on the enclosures of other Reals, so computing it
        never materialises anything those did not (see :meth:`_arb_at`)."""
        r = cls.__new__(cls)
        r._coeff, r._rad = None, ()
        r._fn, r._lnfn, r._sign, r._cheap = fn, lnfn, sign, cheap
        r._terms = r._negof = None
        r._cache, r._lncache = {}, {}
        return r

    @classmethod
    def from_arb_function(cls, fn: Callable[[], arb], sign: int | None = None) -> "Real":
        """Wrap a function computing an arb enclosure at the current flint precision."""
        return cls._lazy(lambda p: fn(), None, sign)

    @classmethod
    def pi(cls) -> "Real":
        return cls._lazy(lambda p: arb.pi(), None, 1)

    # ---- inspection
    @property
    def is_exact(self) -> bool:
        """True when the value is known exactly (possibly with radicals)."""
        return self._coeff is not None

    @property
    def is_rational(self) -> bool:
        return self._coeff is not None and not self._rad

    @property
    def is_integer(self) -> bool:
        return self.is_rational and self._coeff.denominator == 1

    def as_fraction(self, max_bits: int = EXPAND_BITS_LIMIT) -> Fraction:
        """The exact rational value, expanding a huge exact power such as 1000 * 2000000000000000^1000000
        when its size is at most ``max_bits`` bits; ValueError (with the size) otherwise, and when the
        value is not a known rational."""
        if self.is_rational:
            return self._coeff
        if not self.is_exact or any(e.denominator != 1 for _, e in self._rad):
            raise ValueError("not an exact rational")
        size = _bits(self._coeff) + sum(_bits(b) * abs(e.numerator) for b, e in self._rad)
        if size > max_bits:
            raise ValueError(f"exact rational of about {size} bits; expanding it is refused past {max_bits} bits"
                             " (pass max_bits to raise the limit)")
        out = self._coeff
        for b, e in self._rad:
            out *= b ** e.numerator
        return out

    def as_int(self, max_bits: int = EXPAND_BITS_LIMIT) -> int:
        """The exact integer value (huge exact powers expanded up to ``max_bits``); ValueError otherwise."""
        q = self.as_fraction(max_bits)
        if q.denominator != 1:
            raise ValueError("not an integer")
        return q.numerator

    # ---- enclosures
    def arb(self, prec: int) -> arb:
        """An enclosure of the value computed at working precision ``prec`` bits."""
        v = self._cache.get(prec)
        if v is not None:
            return v
        saved = ctx.prec
        if saved != prec:
            v = self._cache[prec] = _at_prec(prec, self._arb_at)
            return v
        if self._coeff is not None and not self._rad:    # a rational, nothing to set
            v = self._cache[prec] = _arb_of_fraction(self._coeff)
            return v
        try:                     # already at ``prec``: _at_prec's work without its call (nested enclosures)
            v = self._cache[prec] = self._arb_at(prec)
        finally:
            if ctx.prec != saved:
                ctx.prec = saved
        return v

    def _arb_at(self, prec: int) -> arb:
        """The enclosure at working precision ``prec`` (already set by :meth:`arb`)."""
        if self._coeff is not None and not self._rad:
            return _arb_of_fraction(self._coeff)
        if self._coeff is not None:
            v = _arb_of_fraction(self._coeff)
            for b, e in self._rad:
                v = v * _arb_of_fraction(b) ** _arb_of_fraction(e)
            return v
        if self._lnfn is not None:
            v = None
            if self._cheap and prec >= PREC_START:
                # one operation on enclosures already guarded: computed first, and a ball certifying
                # 2^-(2^50) < |value| < 2^(2^50) shows that the guard below cannot refuse it
                # (|ln|value|| < 2^56 <= 2^(prec - 8) from PREC_START on); the guard decides otherwise
                v = self._fn(prec)
                if v.abs_lower() > _TINY and v.abs_upper() < _HUGE:
                    return v
            # refuse to materialise magnitudes whose exponent exceeds the precision
            ln = self.ln_arb(min(prec, 128))
            if ln.is_finite() and ln.abs_lower() > arb(2) ** (prec - 8):
                return arb("nan")
            if v is not None:
                return v
        return self._fn(prec)

    def ln_arb(self, prec: int) -> arb:
        """An enclosure of ln|value| (the log domain: finite even for towers)."""
        v = self._lncache.get(prec)
        if v is not None:
            return v
        saved = ctx.prec
        if saved != prec:
            v = self._lncache[prec] = _at_prec(prec, self._ln_at)
            return v
        try:
            v = self._lncache[prec] = self._ln_at(prec)
        finally:
            if ctx.prec != saved:
                ctx.prec = saved
        return v

    def _ln_at(self, prec: int) -> arb:
        """The enclosure of ln|value| at working precision ``prec`` (already set by :meth:`ln_arb`)."""
        if self._coeff is not None:
            if self._coeff == 0:
                return arb("-inf")
            v = _arb_of_abs_fraction(self._coeff).log()
            for b, e in self._rad:
                v = v + _arb_of_fraction(e) * _arb_of_fraction(b).log()
            return v
        if self._lnfn is not None:
            return self._lnfn(prec)
        ball = self.arb(prec)    # the same ball as self._fn(prec) here (no lnfn, no guard), computed once
        v, lo = ball.abs_upper(), ball.abs_lower()
        return arb.union(lo.log(), v.log()) if lo > 0 else arb("nan")

    # ---- signs and comparisons (three-valued)
    def sign(self, cap: int = PREC_CAP) -> int | None:
        """-1, 0 or 1 when certified; None when undecided at the precision cap."""
        if self._sign is not None:
            return self._sign
        for p in _precisions(PREC_START, cap):
            v = self.arb(p)
            if v > 0:
                self._sign = 1
                return 1
            if v < 0:
                self._sign = -1
                return -1
            if v.is_exact() and v.is_zero():
                self._sign = 0
                return 0
        return None

    def _cmp(self, other: Number) -> int | None:
        other = _coerce(other)
        if self.is_rational and other.is_rational:
            a, b = self._coeff, other._coeff
            return (a > b) - (a < b)
        cap = PREC_CAP
        if self.is_exact and other.is_exact and other._coeff:
            ratio = self / other
            if ratio.is_rational:  # decided exactly
                s = other._sign * ((ratio._coeff > 1) - (ratio._coeff < 1))
                return s
            # an irrational ratio is never 1: enough precision always decides, scaled to the sizes
            cap = max(cap, min(ROUND_BITS_LIMIT, 8 * (self._size() + other._size())))
        sa, sb = self.sign(), other.sign()
        if sa is not None and sb is not None and sa != sb:
            return (sa > sb) - (sa < sb)
        if sa is not None and sa == sb and sa != 0:
            # the enclosures at PREC_START (usually made already by sign()): a difference ball excluding 0
            # decides at once, as the final fallback below would at that precision (certified either way)
            try:
                d = self.arb(PREC_START) - other.arb(PREC_START)
            except Exception:           # noqa: BLE001  (the steps below decide, or raise, as before)
                d = None
            if d is not None:
                if d > 0:
                    return 1
                if d < 0:
                    return -1
            # same sign: compare in the log domain (works for towers)
            for p in _precisions(PREC_START, cap):
                la, lb = self.ln_arb(p), other.ln_arb(p)
                if la > lb:
                    return sa
                if la < lb:
                    return -sa
                if la.is_finite() and lb.is_finite() and (la - lb).rad() == 0 and (la - lb).is_zero():
                    break
            # equal logs to the cap: fall back to the difference
        return (self - other).sign(cap)

    def _size(self) -> int:
        """Bits of the exact parts (to scale the precision of exact comparisons)."""
        return _bits(self._coeff) + sum(_bits(b) for b, _ in self._rad)

    def lt(self, other: Number) -> bool | None:
        c = self._cmp(other)
        return None if c is None else c < 0

    def le(self, other: Number) -> bool | None:
        c = self._cmp(other)
        return None if c is None else c <= 0

    def gt(self, other: Number) -> bool | None:
        c = self._cmp(other)
        return None if c is None else c > 0

    def ge(self, other: Number) -> bool | None:
        c = self._cmp(other)
        return None if c is None else c >= 0

    def eq(self, other: Number) -> bool | None:
        c = self._cmp(other)
        return None if c is None else c == 0

    def compare(self, rel: str, other: Number) -> bool | None:
        """``self REL other`` for REL in <, <=, ==, >=, >: True/False when certified, else None."""
        c = self._cmp(other)
        if c is None:
            return None
        return _REL[rel](c)

    def __eq__(self, other: object) -> bool:
        """Python equality is strict: True only when equality is certified."""
        if not isinstance(other, (Real, int, Fraction)):
            return NotImplemented
        return self.eq(other) is True

    def __hash__(self) -> int:
        return hash(self._coeff) if self.is_rational else id(self)

    def __bool__(self) -> bool:
        raise TypeError("the truth value of a Real is three-valued: use sign(), lt(), ge() ...")

    # ---- arithmetic
    def __neg__(self) -> "Real":
        if self.is_exact:
            return Real._exact(-self._coeff, self._rad)
        if self._negof is not None:
            return self._negof
        out = Real._lazy(lambda p: -self.arb(p), (lambda p: self.ln_arb(p)),
                         None if self._sign is None else -self._sign, True)
        out._negof = self
        return out

    def __add__(self, other: Number) -> "Real":
        other = _coerce(other)
        if self.is_rational and other.is_rational:
            return Real._exact(self._coeff + other._coeff)
        if self.is_exact and other.is_exact and self._rad == other._rad:
            return Real._exact(self._coeff + other._coeff, self._rad)
        if other.is_rational and other._coeff == 0:
            return self
        if self.is_rational and self._coeff == 0:
            return other
        if self._terms is not None or other._terms is not None:
            # keep sums flat with their rational part apart, so exact parts cancel exactly
            const, terms = Fraction(0), []
            for t in (self, other):
                for u in (t._terms if t._terms is not None else (t,)):
                    if u.is_rational:
                        const += u._coeff
                    else:
                        twin = next((v for v in terms if v._negof is u or u._negof is v), None)
                        if twin is None:
                            terms.append(u)
                        else:  # x + (-x) cancels exactly
                            terms.remove(twin)
            if not terms:
                return Real._exact(const)
            if const == 0 and len(terms) == 1:
                return terms[0]
            if const != 0:
                terms = [Real._exact(const)] + terms
            acc = terms[0]
            for u in terms[1:]:
                acc = Real._add2(acc, u)
            acc._terms = tuple(terms)
            return acc
        out = Real._add2(self, other)
        out._terms = (self, other)
        return out

    @staticmethod
    def _add2(a: "Real", b: "Real") -> "Real":
        if a.is_rational and b.is_rational:
            return Real._exact(a._coeff + b._coeff)
        sa, sb = a._sign, b._sign
        sign = sa if (sa is not None and sa == sb) else None

        def lnfn(p):
            if sign:  # same sign: log-sum-exp, finite even for towers
                la, lb = a.ln_arb(p), b.ln_arb(p)
                v = lb + (la - lb).exp().log1p() if lb > la else la + (lb - la).exp().log1p()
                if v.is_finite():
                    return v
                # max(la, lb) <= ln(a + b) <= max(la, lb) + ln 2
                lo = la.lower() if la.lower() > lb.lower() else lb.lower()
                hi = la.upper() if la.upper() > lb.upper() else lb.upper()
                return arb.union(lo, hi + arb(2).log())
            v = a.arb(p) + b.arb(p)
            return _ln_of_ball(v)

        return Real._lazy(lambda p: a.arb(p) + b.arb(p), lnfn, sign, True)

    __radd__ = __add__

    def __sub__(self, other: Number) -> "Real":
        return self + (-_coerce(other))

    def __rsub__(self, other: Number) -> "Real":
        return _coerce(other) - self

    def __mul__(self, other: Number) -> "Real":
        other = _coerce(other)
        if self.is_exact and other.is_exact:
            return Real._exact(self._coeff * other._coeff, self._rad + other._rad)
        a, b = self, other
        sign = None if (a._sign is None or b._sign is None) else a._sign * b._sign
        return Real._lazy(lambda p: a.arb(p) * b.arb(p),
                          lambda p: a.ln_arb(p) + b.ln_arb(p), sign, True)

    __rmul__ = __mul__

    def __truediv__(self, other: Number) -> "Real":
        other = _coerce(other)
        if other.is_exact and other._coeff == 0:
            raise ZeroDivisionError("division by zero")
        if self.is_exact and other.is_exact:
            inv = tuple((b, -e) for b, e in other._rad)
            return Real._exact(self._coeff / other._coeff, self._rad + inv)
        a, b = self, other
        sign = None if (a._sign is None or b._sign is None) else a._sign * b._sign
        return Real._lazy(lambda p: a.arb(p) / b.arb(p),
                          lambda p: a.ln_arb(p) - b.ln_arb(p), sign, True)

    def __rtruediv__(self, other: Number) -> "Real":
        return _coerce(other) / self

    def __pow__(self, other: Number) -> "Real":
        y = _coerce(other)
        if y.is_rational and self.is_exact:
            return self._exact_pow(y._coeff)
        base = self
        if y.is_integer:
            sign = None if not base._sign else base._sign ** (y.as_int() % 2)
        else:
            if base.sign() != 1:
                raise InputError("power of a base not certified positive with a non-integer exponent")
            sign = 1

        def fn(p):
            if y.is_integer:
                return base.arb(p) ** int(y.as_int())
            return base.arb(p) ** y.arb(p)

        return Real._lazy(fn, lambda p: y.arb(p) * base.ln_arb(p), sign)

    def __rpow__(self, other: Number) -> "Real":
        return _coerce(other) ** self

    def _exact_pow(self, e: Fraction) -> "Real":
        if not self._rad and e.denominator == 1:
            # a rational to an integer power, in integers (same value and form as the general path below,
            # where a negative base factors its sign out and multiplies it back into the rational power)
            coeff, k = self._coeff, e.numerator
            if coeff.numerator and _bits(coeff) * abs(k) <= EXACT_BITS_LIMIT:
                return Real._exact(coeff ** k)
        if self._coeff == 0:
            if e <= 0:
                raise ZeroDivisionError("0 to a non-positive power")
            return Real(0)
        coeff, rad = self._coeff, self._rad
        if coeff < 0:
            if e.denominator == 1:
                sign = -1 if e.numerator % 2 else 1
                return Real._exact(Fraction(sign), ()) * Real._exact(-coeff, rad)._exact_pow(e)
            raise InputError("negative base with a fractional exponent")
        new_rad = tuple((b, x * e) for b, x in rad)
        if _bits(coeff) * abs(e) > EXACT_BITS_LIMIT:
            return Real._exact(Fraction(1), ((coeff, e),) + new_rad)
        if e.denominator == 1:
            return Real._exact(coeff ** e.numerator, new_rad)
        root = _rational_root(coeff, e.denominator)
        if root is not None:
            return Real._exact(root ** e.numerator, new_rad)
        return Real._exact(Fraction(1), ((coeff, e),) + new_rad)

    # ---- functions
    def sqrt(self) -> "Real":
        return self ** Fraction(1, 2)

    def exp(self) -> "Real":
        if self.is_rational and self._coeff == 0:
            return Real(1)
        x = self
        return Real._lazy(lambda p: x.arb(p).exp(), lambda p: x.arb(p), 1)

    def log(self) -> "Real":
        """Natural logarithm (of a certified positive value)."""
        s = self.sign()
        if s is None or s <= 0:
            raise InputError("log of a value not certified positive")
        if self.is_rational and self._coeff == 1:
            return Real(0)
        x = self
        return Real._lazy(lambda p: x.ln_arb(p), None, None)

    def log10(self) -> "Real":
        x = self.log()
        return Real._lazy(lambda p: x.arb(p) / arb(10).log(), None, None)

    def log2(self) -> "Real":
        x = self.log()
        return Real._lazy(lambda p: x.arb(p) / arb(2).log(), None, None)

    def __abs__(self) -> "Real":
        s = self.sign()
        if s is None:
            x = self
            return Real._lazy(lambda p: abs(x.arb(p)), lambda p: x.ln_arb(p), None)
        return self if s >= 0 else -self

    def floor(self) -> "Real":
        """The exact floor, certified; PrecisionError when undecidable or too large."""
        return Real(self._round(math.floor))

    def ceil(self) -> "Real":
        return Real(self._round(math.ceil))

    def _round(self, how) -> int:
        if self.is_rational:
            return how(self._coeff)
        ln = self.ln_arb(64)
        if not ln.is_finite():
            raise PrecisionError("could not bound the magnitude of the value to round it")
        bits = int(ln.abs_upper().mid().floor().unique_fmpz() or 0) * 2 + 2  # > log2|x|
        if bits > ROUND_BITS_LIMIT:
            raise PrecisionError(f"value too large to round to an exact integer (about 2^{bits // 2} )")
        start = max(PREC_START, bits + 64)
        for p in _precisions(start, max(PREC_CAP, 4 * start)):
            with _workprec(p):
                v = self.arb(p)
                if not v.is_finite():
                    continue
                lo, hi = v.lower().floor(), v.upper().floor()
                if lo == hi and not v.contains_integer():
                    k = int(lo.unique_fmpz())
                    return k if how is math.floor else k + 1
        raise PrecisionError("could not certify the integer part (the value may be an integer)")

    # ---- output
    def log10_abs(self, prec: int) -> arb:
        with _workprec(prec):
            return self.ln_arb(prec) / arb(10).log()

    def format(self, digits: int = 15) -> str:
        """Human and machine readable: exact ints in full while short, else a·10^b, towers beyond."""
        return self._text(digits, int_digits=SHORT_INT_DIGITS, ratio_digits=20)

    def to_json(self, digits: int = 15) -> str:
        """A JSON-safe string: exact digits when exact and not absurdly long, else a decimal string."""
        return self._text(digits, int_digits=1000, ratio_digits=1000)

    def _text(self, digits: int, int_digits: int, ratio_digits: int) -> str:
        if self.is_rational:
            q = self._coeff
            if q.denominator == 1 and _short(q.numerator, int_digits):
                return str(q.numerator)
            if q.denominator != 1 and _short(q.numerator, ratio_digits) and _short(q.denominator, ratio_digits):
                return f"{q.numerator}/{q.denominator}"
        return _scientific(self, digits)

    def describe(self, digits: int = 15) -> dict:
        """JSON value record: ``value`` (string), ``exact`` (the value is known exactly), ``complete``
        (``value`` is that exact value in full: all digits or p/q), ``exact_form`` (the exact form when
        ``value`` is not complete) and ``log10`` (log10|value| for any magnitude; null for 0)."""
        text = self.to_json(digits)
        complete = self.is_rational and "e" not in text and "^" not in text and "." not in text
        out = {"value": text, "exact": self.is_exact, "complete": complete}
        if self._rad:   # a symbolic exact form (a huge rational shows only its digits count otherwise)
            out["exact_form"] = self.exact_text()
        out["log10"] = _decimal(self.log10_abs, digits) if self.sign() not in (0, None) else None
        return out

    def exact_text(self) -> str:
        """The exact form, e.g. '1000 * 2000000000000000^1000000' or '3 * 6^(1/2)'."""
        if not self.is_exact:
            raise ValueError("not an exact value")

        def z(n: int) -> str:
            if _short(n, 60):
                return str(n)
            return f"<integer {Real(n).format(6)}>"

        def q(x: Fraction) -> str:
            return z(x.numerator) if x.denominator == 1 else f"({z(x.numerator)}/{z(x.denominator)})"

        parts = [q(self._coeff)] if (self._coeff != 1 or not self._rad) else []
        parts += [f"{q(b)}^{q(e)}" for b, e in self._rad]
        return " * ".join(parts)

    def to_float(self) -> float:
        """Nearest float (may be inf/0 for huge/tiny values: for display and plotting only)."""
        if self.is_rational:
            try:
                return float(self._coeff)
            except OverflowError:
                return math.copysign(math.inf, self._coeff)
        for p in _precisions(64, 4096):
            v = self.arb(p)
            if v.is_finite() and v.rad() <= abs(v.mid()) * arb(2) ** -60:
                return float(v.mid())
        ln = self.ln_arb(128)
        return math.inf if ln > 0 else 0.0

    def __repr__(self) -> str:
        kind = "exact" if self.is_exact else "certified"
        return f"Real({self.format()}, {kind})"

    __str__ = format

    def sympy(self):
        """A sympy number for exact values (radicals kept), a Float otherwise."""
        import sympy
        if self.is_exact:
            v = sympy.Rational(self._coeff.numerator, self._coeff.denominator)
            for b, e in self._rad:
                v *= sympy.Rational(b.numerator, b.denominator) ** sympy.Rational(e.numerator, e.denominator)
            return v
        return sympy.Float(self.format(30), 30)


_REL = {"<": lambda c: c < 0, "<=": lambda c: c <= 0, "==": lambda c: c == 0, ">=": lambda c: c >= 0,
        ">": lambda c: c > 0}


def _short(n: int, digits: int) -> bool:
    """True when |n| has at most ``digits`` decimal digits (decided without str(), which has a size limit)."""
    if n.bit_length() > 3.33 * digits + 4:
        return False
    return len(str(abs(n))) <= digits


def _coerce(x: Number) -> Real:
    return x if isinstance(x, Real) else Real(x)


def _ln_of_ball(v: arb) -> arb:
    lo, hi = v.abs_lower(), v.abs_upper()
    if lo > 0:
        return arb.union(lo.log(), hi.log())
    return arb("nan")


def _decimal(log10fn, digits: int) -> str:
    """Decimal string of a log10 value to ``digits`` significant digits (and at least one decimal
    when its integer part fits in 30 digits), precision raised as needed."""
    for p in _precisions():
        v = log10fn(p)
        if not v.is_finite():
            continue
        sig = digits
        if v.mid() != 0 and abs(v.mid()) < arb(10) ** 30:
            whole = len(str(int(abs(float(v.mid())))))  # integer digits; |mid| < 1e30 fits a float
            sig = max(digits, whole + 1)
        if v.rad() == 0 or v.rad() < arb(10) ** (-sig - 2) * max(arb(1), abs(v.mid())):
            return v.str(sig, radius=False)
    raise PrecisionError("could not compute log10 to the requested digits")


def _scientific(x: Real, digits: int) -> str:
    s = x.sign()
    if s == 0:
        return "0"
    if s is not None:
        l10 = x.log10_abs(64)
        if l10.is_finite() and l10.abs_lower() > TOWER_LOG10:
            ll = _decimal(lambda q: _log10_of(x.log10_abs(q), q), digits)
            sgn = "" if l10 > 0 else "-"
            return f"{'-' if s < 0 else ''}10^({sgn}10^{ll})"
    tol = arb(10) ** (-digits - 3)
    last = None
    for p in _precisions():
        v = x.arb(p)
        if not v.is_finite():
            continue
        last = v
        if v.rad() == 0 or (v.mid() != 0 and v.rad() < abs(v.mid()) * tol):
            return v.str(digits, radius=False)
    if s is None and last is not None:
        return last.str(digits)  # an honest ball: the sign is undecided
    raise PrecisionError("value could not be formatted within the precision cap")


def _log10_of(v: arb, prec: int) -> arb:
    with _workprec(prec):
        return abs(v).log() / arb(10).log()
