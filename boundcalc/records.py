"""The record type for one result of a paper, and exact evaluation of its constants.

A :class:`Result` reads like the statement it declares: id mirroring the paper's numbering,
aliases (the appendix restatement), parameters with domains, constants as formulas of the
parameters, hypotheses, claims, and the results its proof uses. It holds no arithmetic: the
constants are :class:`~boundcalc.formula.Formula` texts evaluated by the engine.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Callable, Mapping

from .errors import InputError
from .formula import Formula, FormulaError
from .numbers import Real, parse_exact

KINDS = ("lemma", "theorem", "proposition", "corollary", "definition", "assumption", "hypothesis", "problem",
         "external", "informal", "remark", "claim", "fact", "example", "conjecture")
"""The values of :attr:`Result.kind`."""

CLAIMLESS_KINDS = {
    "definition": "a definition: it introduces notation and claims nothing to check",
    "problem": "a problem statement: it poses a task and claims nothing to check",
    "hypothesis": "a hypothesis the paper assumes (it is not claimed, so nothing is checked against it)",
    "assumption": "an assumption the paper makes (it is not claimed, so nothing is checked against it)",
    "informal": "an informal overview: its claim is stated formally by another result of the paper",
}
"""Kinds whose results claim nothing checkable, with the reason shown in place of a formal statement."""

CLAIM_KINDS = ("lemma", "theorem", "proposition", "corollary", "external")
"""Kinds that claim something: each such result has a formal statement or declares why not (``no_formal``)."""


class DeclarationError(InputError):
    """A malformed declaration: one line per problem, each naming the result, the field and what is wrong.

    The CLI prints each line and exits with code 2 (nothing is audited).

    Example::

        >>> from boundcalc.records import DeclarationError, Param, Result
        >>> try:
        ...     Result(id="lemma-1", kind="lema", title="t", statement="s", location="l",
        ...            params=(Param("n", "positive"),))
        ... except DeclarationError as exc:
        ...     print("\\n".join(exc.lines))
        result lemma-1: kind: unknown kind 'lema' (one of lemma, theorem, proposition, corollary, definition, assumption, hypothesis, problem, external, informal, remark, claim, fact, example, conjecture)
        result lemma-1: params[n]: domain: unknown domain 'positive' (a name among posint, nonnegint, int>=2, pos, nonneg, real, >=1, (0,1), (0,1], or an Integers, Rationals or FiniteSet object)
    """

    def __init__(self, lines: list[str]):
        self.lines = list(lines)
        super().__init__("\n".join(self.lines))

DOMAINS = {
    "posint": "a positive integer",
    "nonnegint": "a non-negative integer",
    "int>=2": "an integer >= 2",
    "pos": "a positive number",
    "nonneg": "a non-negative number",
    "real": "a real number",
    ">=1": "a number >= 1",
    "(0,1)": "a number strictly between 0 and 1",
    "(0,1]": "a number in (0, 1]",
}
"""The nine domain shorthands a :class:`Param` may name, in words (each stands for an object of
:data:`boundcalc.domains.SHORTHANDS`)."""


def check_domain(name: str, domain: Any, q: Fraction) -> None:
    """Raise InputError (one line) when ``q`` is outside ``domain`` (a shorthand name or a domain object)."""
    if not isinstance(domain, str):
        from .domains import contains, describe

        if not contains(domain, q):
            raise InputError(f"{name} must be {describe(domain)}, got {_show(q)}")
        return
    ok = _IN_DOMAIN[domain](q)          # only the named domain's test is evaluated
    if not ok:
        raise InputError(f"{name} must be {DOMAINS[domain]}, got {_show(q)}")


_IN_DOMAIN = {
    "posint": lambda q: q.denominator == 1 and q > 0,
    "nonnegint": lambda q: q.denominator == 1 and q >= 0,
    "int>=2": lambda q: q.denominator == 1 and q >= 2,
    "pos": lambda q: q > 0,
    "nonneg": lambda q: q >= 0,
    "real": lambda q: True,
    ">=1": lambda q: q >= 1,
    "(0,1)": lambda q: 0 < q < 1,
    "(0,1]": lambda q: 0 < q <= 1,
}
"""Membership test of each domain shorthand (an exact rational)."""


def _show(q: Fraction) -> str:
    return str(q.numerator) if q.denominator == 1 else f"{q.numerator}/{q.denominator}"


@dataclass(frozen=True)
class Param:
    """A parameter of a result: its name in formulas, domain, meaning, optional default and LaTeX.

    ``domain`` is one of the nine names of :data:`DOMAINS` or a domain object of
    :mod:`boundcalc.objects`: ``Rationals(lo, hi, lo_open=, hi_open=)`` for an interval (``None``: an
    infinite end), ``Integers(lo, hi)`` for an integer range (``hi=None``: unbounded) or ``FiniteSet``
    of exact numbers. User values and ``default`` are exact rationals checked against it. A malformed
    domain or default is reported when the :class:`Result` is built (:class:`DeclarationError`).

    Example::

        >>> from boundcalc.objects import Rationals
        >>> from boundcalc.records import Param
        >>> delta = Param("delta", Rationals(0, 1, lo_open=True, hi_open=True), "failure probability",
        ...               default="1/10", latex=r"\\delta")
        >>> Param("n", "int>=2", "length of z", default="3").default
        '3'
    """

    name: str
    domain: Any
    description: str = ""
    default: str | None = None
    latex: str | None = None

    def problems(self) -> list[str]:
        """What is wrong with this parameter (empty when nothing), one phrase each."""
        from .domains import DomainError, as_domain

        out = []
        if not isinstance(self.name, str) or not self.name.isidentifier():
            out.append(f"name {self.name!r} is not an identifier")
        try:
            as_domain(self.domain)
        except DomainError as exc:
            return out + [f"domain: {exc}"]
        if self.default is not None:
            try:
                check_domain("default", self.domain, parse_exact(self.default, "default"))
            except (InputError, TypeError, ValueError) as exc:
                out.append(f"default: {' '.join(str(exc).split())}")
        return out


@dataclass(frozen=True)
class Constant:
    """A named constant of a result, as a formula of the parameters and earlier constants.

    Declarations build it with :func:`constant`."""

    name: str
    formula: Formula
    description: str = ""
    latex: str | None = None


@dataclass(frozen=True)
class Claim:
    """An (in)equality the result asserts: ``lhs rel rhs`` over its parameters and constants.

    Declarations build it with :func:`claim`; ``channel="proof"`` marks a step of the proof (a
    failure is then a gap, not a refutation)."""

    name: str
    lhs: Formula
    rel: str
    rhs: Formula
    description: str = ""
    channel: str = "statement"
    defect: str | None = None

    def decide(self, env: Mapping[str, Real]) -> bool | None:
        """True/False when certified, None when undecided."""
        a, b = self.lhs.evaluate(env), self.rhs.evaluate(env)
        return a.compare(self.rel, b)


RELATIONS = ("<", "<=", "==", ">=", ">")


class _Broken:
    """A formula that did not parse, kept so that the Result reports it with its own id and field."""

    def __init__(self, text: Any, error: str):
        self.text, self.error, self.symbols = text, error, frozenset()

    def __repr__(self) -> str:
        return f"<unparsable formula {self.text!r}>"

    def evaluate(self, env):
        raise FormulaError(self.error)

    def sympy(self, table=None):
        raise FormulaError(self.error)


def _formula(text: Any) -> Formula | _Broken:
    if not isinstance(text, str):
        return _Broken(text, f"a formula must be text, got {type(text).__name__}")
    try:
        return Formula(text)
    except (FormulaError, ValueError, TypeError, RecursionError) as exc:
        return _Broken(text, " ".join(str(exc).split()) or type(exc).__name__)


@dataclass
class Result:
    """One numbered result (or definition, or cited statement) of the paper.

    Required: ``id`` (unique; ``<kind>-<number>`` such as ``lemma-2.3`` lets the text checks find its
    heading), ``kind`` (one of :data:`KINDS`), ``title``, ``statement`` (the prose shown to the
    reader) and ``location`` (where the paper states it). ``source`` cites the paper (nothing defaults
    to a particular paper; :class:`~boundcalc.registry.Registry` can fill it for all results). The
    rest: ``params`` (:class:`Param`), ``constants`` (:func:`constant`), ``hypotheses`` (texts),
    ``claims`` (:func:`claim`), ``uses`` (ids of the results the proof relies on), ``checks``
    (:mod:`boundcalc.checks` specs), ``quotes`` / ``proof_refs`` (:mod:`boundcalc.quotes`), ``formal``
    (a :class:`boundcalc.statements.Statement`). Example points: ``data={"examples": [{"n": "1"}, ...]}``
    lists parameter assignments at which every claim is also certified (besides the defaults, the
    user's ``--param`` values and the domain edges).

    Every field is validated when the Result is built: a :class:`DeclarationError` lists each
    malformed field on its own line.

    Example::

        >>> from boundcalc.records import Param, Result, claim, constant
        >>> r = Result(id="lemma-1", kind="lemma", title="a toy bound", statement="For n >= 1, n^2 >= n.",
        ...            location="Sec. 1", source="A. Author, Toy paper (2024)",
        ...            params=(Param("n", "posint", default="3"),),
        ...            constants=(constant("sq", "n**2"),), claims=(claim("bound", "sq", ">=", "n"),),
        ...            data={"examples": [{"n": "1"}, {"n": "1000"}]})
        >>> r.evaluate({"n": "4"})["sq"].as_fraction()
        Fraction(16, 1)
        >>> r.claims[0].decide(r.evaluate({"n": "1000"}))
        True
    """

    id: str
    kind: str
    title: str
    statement: str
    location: str
    aliases: tuple[str, ...] = ()
    params: tuple[Param, ...] = ()
    constants: tuple[Constant, ...] = ()
    hypotheses: tuple[str, ...] = ()
    claims: tuple[Claim, ...] = ()
    uses: tuple[str, ...] = ()
    source: str = ""
    notes: str = ""
    checks: tuple[Callable[..., Any], ...] = field(default=(), repr=False)
    data: dict[str, Any] = field(default_factory=dict)
    quotes: tuple = ()
    """:class:`boundcalc.quotes.Quote` records: the statement's formulas as the paper prints them."""
    proof_refs: tuple = ()
    """:class:`boundcalc.quotes.ProofRef` records: the references the proof makes."""
    formal: Any = None
    """:class:`boundcalc.statements.Statement`: the formal statement every check and proof record reads."""
    no_formal: str = ""
    """Why a result whose kind claims something has no formal statement (a short reason, e.g. "a running-time
    claim conditional on SETH: the engine evaluates no running times"); see :meth:`formal_absence`."""

    def __post_init__(self):
        problems = self.problems()
        if problems:
            raise DeclarationError(problems)

    def formal_absence(self) -> str | None:
        """Why no formal statement is shown: None when one is declared; else the declared ``no_formal``
        reason, or the kind's when the kind claims nothing (:data:`CLAIMLESS_KINDS`); None when a result
        that claims something has neither (see :func:`missing_formal`).

        Example::

            >>> from boundcalc.records import Result
            >>> Result(id="definition-1", kind="definition", title="t", statement="s", location="l").formal_absence()
            'a definition: it introduces notation and claims nothing to check'
            >>> Result(id="lemma-1", kind="lemma", title="t", statement="s", location="l").formal_absence() is None
            True
        """
        if self.formal is not None:
            return None
        return self.no_formal or CLAIMLESS_KINDS.get(self.kind)

    def problems(self) -> list[str]:
        """Every malformed field, one line each: ``result ID: FIELD: what is wrong``."""
        from .declcheck import result_problems

        return result_problems(self)

    def domain(self):
        """The parameter space: the :class:`~boundcalc.objects.Product` of the parameters' domain objects
        (shorthand names resolved), in declaration order; what a search over the parameters samples."""
        from .domains import as_domain
        from .objects import Product

        return Product(tuple(as_domain(p.domain) for p in self.params))

    def param(self, name: str) -> Param:
        return next(p for p in self.params if p.name == name)

    def constant(self, name: str) -> Constant:
        return next(c for c in self.constants if c.name == name)

    def bind(self, values: Mapping[str, object]) -> dict[str, Real]:
        """Parse and domain-check parameter values (exact), filling defaults; nothing evaluated yet."""
        unknown = set(values) - {p.name for p in self.params}
        if unknown:
            raise InputError(f"{self.id}: unknown parameter(s) {', '.join(sorted(unknown))}")
        env: dict[str, Real] = {}
        for p in self.params:
            raw = values.get(p.name, p.default)
            if raw is None:
                from .domains import describe

                raise InputError(f"{self.id}: missing parameter {p.name} ({describe(p.domain)})")
            q = parse_exact(raw, p.name)
            check_domain(p.name, p.domain, q)
            env[p.name] = Real(q)
        return env

    def evaluate(self, values: Mapping[str, object], only: set[str] | None = None) -> dict[str, Real]:
        """Parameters and constants (all, or those in ``only`` and what they need), exactly."""
        env = self.bind(values)
        needed = None if only is None else self._closure(only)
        for c in self.constants:
            if needed is None or c.name in needed:
                env[c.name] = c.formula.evaluate(env)
        return env

    def _closure(self, names: set[str]) -> set[str]:
        by_name = {c.name: c for c in self.constants}
        out, todo = set(), list(names)
        while todo:
            n = todo.pop()
            if n in out or n not in by_name:
                continue
            out.add(n)
            todo.extend(by_name[n].formula.symbols)
        return out

    def sympy_symbols(self) -> dict[str, Any]:
        """sympy Symbols with assumptions from the parameter domains."""
        import sympy

        table = {}
        from .domains import sympy_assumptions

        for p in self.params:
            table[p.name] = sympy.Symbol(p.name, **sympy_assumptions(p.domain))
        return table

    def symbolic(self) -> dict[str, Any]:
        """Each constant as a sympy expression of the parameters (earlier constants substituted)."""
        table = self.sympy_symbols()
        out = {}
        for c in self.constants:
            expr = c.formula.sympy(table)
            table[c.name] = expr
            out[c.name] = expr
        return out

    def latex(self, name: str) -> str:
        """LaTeX of a constant with the earlier constants substituted (parameters by their LaTeX names)."""
        import sympy

        expr = self.symbolic()[name]
        names = {s: self.param(s.name).latex for s in expr.free_symbols
                 if any(p.name == s.name and p.latex for p in self.params)}
        return sympy.latex(expr, symbol_names=names)

    def latex_names(self) -> dict[str, str]:
        names = {p.name: p.latex for p in self.params if p.latex}
        names.update({c.name: c.latex for c in self.constants if c.latex})
        return names


def missing_formal(results) -> list[str]:
    """Ids of the results of a claiming kind (:data:`CLAIM_KINDS`) with neither a formal statement nor a
    declared reason for having none (each should get one or the other)."""
    return [r.id for r in results if r.kind in CLAIM_KINDS and r.formal is None and not r.no_formal]


def constant(name: str, text: str, description: str = "", latex: str | None = None) -> Constant:
    """A named constant: ``text`` is a formula of the parameters and earlier constants.

    The formula language (:mod:`boundcalc.formula`) has ``+ - * / **``, integers (write ``1/10``, not
    ``0.1``), ``exp log log2 log10 sqrt ceil floor binomial min max abs``, ``pi`` and ``E``. A formula
    that does not parse is reported by the Result that holds it.

    Example::

        >>> from boundcalc.records import constant
        >>> c = constant("N", "ceil(log(2/delta) / (2*eps**2))", "samples for Hoeffding", latex="N")
        >>> sorted(c.formula.symbols)
        ['delta', 'eps']
    """
    return Constant(name, _formula(text), description, latex)


def claim(name: str, lhs: str, rel: str, rhs: str, description: str = "", channel: str = "statement",
          defect: str | None = None) -> Claim:
    """An (in)equality ``lhs rel rhs`` (rel one of ``< <= == >= >``) of formulas of the parameters and
    constants, asked at the declared points and searched by the audit.

    Example::

        >>> from boundcalc.records import claim
        >>> claim("tail", "exp(-2*N*eps**2)", "<=", "delta/2").rel
        '<='
    """
    return Claim(name, _formula(lhs), rel, _formula(rhs), description, channel, defect)
