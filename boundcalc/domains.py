"""Parameter domains as exact sets, and the domain a printed hypothesis states.

A declared :class:`~boundcalc.records.Param` has a domain name (``"pos"``, ``"posint"``, ``"(0,1)"``, ...).
The paper states the same hypothesis in its text: ``$\\epsilon > 0$``, ``$1 \\leq p < \\infty$``,
``$\\delta \\in (0, 1)$``, ``$I \\in \\mathbb{N}^+$``. :func:`quoted_interval` reads such a statement into
an :class:`Interval`; :func:`compare_domain` says whether it is the declared domain. For an integer
domain the printed bounds are compared on the integers (``L \\geq 1`` and ``L > 0`` both state the
positive integers), because the paper usually says "number of layers" in words and the bounds in
formulas. Everything is exact (fractions); anything not read is undecided, never a match.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from fractions import Fraction

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
    r"\mathbb{R}_{>0}": Interval(F0, False, None, False), r"\mathbb{R}_{\geq 0}": Interval(F0, True, None, False),
}
"""Sets read after ``\\in``. Plain ``\\mathbb{N}`` and ``\\mathbb{R}_+`` are left out on purpose: texts
disagree on whether they contain 0, so reading them would be a guess."""


def _number(text: str) -> Fraction | None:
    """An exact number or +-infinity (returned as None with the sign checked by the caller)."""
    from .quotes import QuoteError, parse

    t = text.strip()
    if t in (r"\infty", r"+\infty", r"-\infty"):
        return None
    try:
        expr, keys = parse(t)
    except QuoteError as exc:
        raise DomainError(f"cannot read bound {t!r}: {exc}") from None
    if keys or not expr.is_Rational:
        raise DomainError(f"bound {t!r} is not an exact number")
    return Fraction(int(expr.p), int(expr.q))


def _is_symbol(text: str, keys: set[str]) -> bool:
    from .quotes import canonical

    return canonical(text.strip()) in keys


def quoted_interval(latex: str, symbol_keys: set[str]) -> Interval:
    """The set a printed hypothesis ``x REL c``, ``a REL x REL b`` or ``x \\in S`` gives its symbol.

    ``symbol_keys``: the canonical LaTeX forms that stand for the parameter."""
    from .quotes import normalize

    s = normalize(latex).strip().rstrip(".,;")
    member = re.search(r"\\in(?![A-Za-z])", s)
    if member:
        left, right = s[:member.start()].strip(), s[member.end():].strip()
        if not _is_symbol(left, symbol_keys):
            raise DomainError(f"{left!r} is not the parameter")
        compact = re.sub(r"\s+", "", right)
        for name, iv in _SETS.items():
            if compact == re.sub(r"\s+", "", name):
                return iv
        m = re.fullmatch(r"([(\[])(.+),(.+)([)\]])", compact)
        if not m:
            raise DomainError(f"cannot read the set {right!r}")
        lo, hi = _number(m.group(2)), _number(m.group(3))
        return Interval(lo, m.group(1) == "[" and lo is not None, hi, m.group(4) == "]" and hi is not None)
    pieces = _REL.split(s)
    rels = _REL.findall(s)
    if len(pieces) not in (2, 3):
        raise DomainError(f"expected 'x REL c' or 'a REL x REL b', got {latex!r}")
    where = [k for k, p in enumerate(pieces) if _is_symbol(p, symbol_keys)]
    if len(where) != 1:
        raise DomainError(f"the parameter does not appear exactly once as a side of {latex!r}")
    lo: Fraction | None = None
    hi: Fraction | None = None
    lo_c = hi_c = False
    k = where[0]
    for j, rel in enumerate(rels):
        other = j if k == j + 1 else j + 1
        if k not in (j, j + 1):
            raise DomainError(f"a relation of {latex!r} does not involve the parameter")
        less, closed = _LESS[rel]
        bound = _number(pieces[other])
        # k on the right of "c < x" (less, other left) or on the left of "x > c": a lower bound
        lower = (less and other < k) or (not less and other > k)
        if bound is None:
            if ("-" in pieces[other]) != lower:
                raise DomainError(f"an infinite bound on the wrong side in {latex!r}")
            continue
        if lower:
            if lo is not None:
                raise DomainError(f"two lower bounds in {latex!r}")
            lo, lo_c = bound, closed
        else:
            if hi is not None:
                raise DomainError(f"two upper bounds in {latex!r}")
            hi, hi_c = bound, closed
    return Interval(lo, lo_c, hi, hi_c)


def symbol_keys(quote, param) -> set[str]:
    """The LaTeX forms that stand for ``param`` in ``quote``: its mapped symbols, its name, its latex."""
    from .quotes import canonical

    keys = {canonical(k) for k, v in quote.symbols.items() if v.strip() == param.name}
    keys |= {param.name, "\\" + param.name}
    if param.latex:
        keys.add(canonical(param.latex))
    return keys


def compare_domain(declared: str, quoted: Interval) -> tuple[bool, str]:
    """(equal?, explanation) for a declared domain name and a printed set (integers for integer domains)."""
    d = DECLARED[declared].normal()
    q = quoted.normal(integer=d.integer or quoted.integer)
    if quoted.integer and not d.integer:
        return False, f"the text states integers ({q.show()}), the declaration {declared!r} the reals {d.show()}"
    same = (d.lo, d.lo_closed, d.hi, d.hi_closed) == (q.lo, q.lo_closed, q.hi, q.hi_closed)
    return same, f"declared {declared!r} = {d.show()}; printed {q.show()}"
