"""Formal statements: one declaration per result that every check, search and proof reads.

A :class:`Statement` has typed variables (domains from :mod:`boundcalc.objects`), quantities the
statement defines from them (a symbol, its definition, a certified evaluator and/or a closed form),
hypotheses (sympy relations over scalar variables and quantities, or named :class:`Predicate` s with a
formal definition) and a conclusion (one or more sympy relations). Derived from it, never written twice:

* the default counterexample search (:meth:`Statement.counterexample`): objects, hypotheses as
  :class:`~boundcalc.objects.Rel`/``Pred``, the claim's sides; hand-written samplers are extra candidate
  sources whose draws the formal hypotheses admit or reject;
* admissibility of any candidate (:meth:`Statement.admissible`) and domain-edge points (:meth:`edges`);
* the prose shown to the reader (:meth:`prose`) and formula texts for quotes (:meth:`formula_texts`);
* whether a proof record proves *this* statement (:func:`binds`): its hypotheses must follow from the
  declared ones and the declared conclusion from its goal, decided by z3 (or structurally); otherwise the
  record does not count.

Evaluation is exact or certified (:class:`boundcalc.numbers.Real`); sympy builds formulas only.
"""
from __future__ import annotations

import operator
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Callable, Iterable, Mapping, Sequence

import sympy as sp

from . import objects as ob
from .numbers import Real
from . import symcache

Env = Mapping[str, Any]
REL_TEXT = {sp.StrictLessThan: "<", sp.LessThan: "<=", sp.StrictGreaterThan: ">", sp.GreaterThan: ">=",
            sp.Equality: "=="}


@dataclass(frozen=True)
class Quantity:
    """A quantity the statement defines: ``name`` (its sympy symbol), ``definition`` (formal text shown to
    the reader, e.g. ``Boltz(a) = sum_i a_i e^{a_i} / sum_i e^{a_i}``), ``value(objects)`` (certified:
    Real, Fraction, int or arb) and/or ``expr`` (a closed form over scalar variables, e.g. ``log(n)``).
    ``facts`` are relations about it a proof may assume (e.g. ``p > 0``); the audit searches them.

    Example::

        >>> import sympy as sp
        >>> from boundcalc.statements import Quantity
        >>> top = Quantity("M", "max_j z_j", value=lambda o: max(o["z"]))
        >>> L = Quantity("L", "ln n", expr=sp.log(sp.Symbol("n")))
        >>> top.value({"z": [1, 5, 2]}), L.symbol
        (5, L)
    """

    name: str
    definition: str
    value: Callable[[Env], Any] | None = None
    expr: Any = None
    facts: tuple = ()

    @property
    def symbol(self) -> sp.Symbol:
        return sp.Symbol(self.name)


@dataclass(frozen=True)
class Predicate:
    """A named hypothesis: ``definition`` (formal text), ``test(objects)`` (three-valued, certified) and
    ``implies`` (sympy relations it entails over the statement's symbols; what a proof may assume from
    it — each is searched at admissible points like any claim).

    Example::

        >>> from boundcalc.statements import Predicate
        >>> sorted_z = Predicate("z decreasing", "z_1 > z_2 > ... > z_n",
        ...                      lambda o: all(a > b for a, b in zip(o["z"], o["z"][1:])))
        >>> sorted_z.test({"z": [3, 2, 1]}), sorted_z.test({"z": [1, 1]})
        (True, False)
    """

    name: str
    definition: str
    test: Callable[[Env], bool | None]
    implies: tuple = ()
    entails: tuple[str, ...] = ()
    """Names of predicates of *other* statements that this one gives a proof instantiating them (a reader's
    declaration, shown as such): a record may instantiate a result only when every named predicate of that
    result's statement is declared here by name or in some ``entails``."""
    search: Any = None
    """The :mod:`boundcalc.objects` hypothesis the searches use for it (a ``Rel`` keeps its sides, so the
    search can make it tight); by default a ``Pred`` of ``test``."""


@dataclass(frozen=True)
class Statement:
    """One result's formal statement (see the module docstring).

    Example: "for every x > 0, x + 1/x >= 2", whose default counterexample search is derived::

        >>> import sympy as sp
        >>> from boundcalc.objects import Rationals
        >>> from boundcalc.statements import Statement
        >>> x = sp.Symbol("x")
        >>> st = Statement(variables={"x": Rationals(0, None, lo_open=True)},
        ...                conclusion=(sp.GreaterThan(x + 1 / x, 2, evaluate=False),))
        >>> st.holds(st.conclusion[0], {"x": 3}), st.counterexample("search").rel
        (True, '>=')
    """

    variables: Mapping[str, ob.Domain]
    conclusion: tuple
    hypotheses: tuple = ()
    quantities: tuple[Quantity, ...] = ()
    latex: Mapping[str, str] = field(default_factory=dict)
    """LaTeX names of symbols (for the prose and quotes)."""
    sample: Callable | None = field(default=None, compare=False)
    adversarial: Callable | None = field(default=None, compare=False)
    """Extra candidate sources (``sample(rng)``, ``adversarial()``): every derived search (the node's and
    its axioms') tries them, and the formal hypotheses admit or reject each candidate."""

    def __post_init__(self):
        conc = self.conclusion if isinstance(self.conclusion, tuple) else (self.conclusion,)
        object.__setattr__(self, "conclusion", conc)
        for c in conc:
            if type(c) not in REL_TEXT and not isinstance(c, (sp.And, sp.Or, sp.Not, sp.Implies)):
                raise TypeError(f"conclusion {c!r} is not a relation (build it with evaluate=False)")
        for h in self.hypotheses:
            if not isinstance(h, Predicate) and type(h) not in REL_TEXT:
                raise TypeError(f"hypothesis {h!r} is neither a relation nor a Predicate")
        unknown = {x.name for x in self.free_symbols()} - set(self.symbols())
        if unknown:
            raise TypeError(f"symbols {sorted(unknown)} are neither scalar variables nor quantities")

    # ------------------------------------------------------------ symbols
    def scalars(self) -> list[str]:
        """Variables with a scalar domain (integers, rationals, finite sets of numbers)."""
        return [k for k, d in self.variables.items() if isinstance(d, (ob.Integers, ob.Rationals, ob.FiniteSet))]

    def symbols(self) -> dict[str, sp.Symbol]:
        out = {k: sp.Symbol(k) for k in self.scalars()}
        out.update({q.name: q.symbol for q in self.quantities})
        return out

    def relations(self) -> list:
        """Relational hypotheses, predicates' implications, quantity facts (what a proof may assume)."""
        out = []
        for h in self.hypotheses:
            out.extend(h.implies if isinstance(h, Predicate) else (h,))
        for q in self.quantities:
            out.extend(q.facts)
        return out

    def free_symbols(self) -> set:
        s: set = set()
        for f in list(self.conclusion) + self.relations():
            s |= f.free_symbols
        return {sp.Symbol(x.name) for x in s}

    def definitions(self) -> list:
        """Closed-form quantities as equations ``q == expr`` (premises for the equivalence check)."""
        return [sp.Eq(q.symbol, q.expr, evaluate=False) for q in self.quantities if q.expr is not None]

    def domain_relations(self) -> tuple[list, dict]:
        """Constant bounds of scalar variables as relations, and prover domains (integer typing)."""
        from .prover.core import Domain

        rels, doms = [], {}
        for k in self.scalars():
            d, x = self.variables[k], sp.Symbol(k)
            if isinstance(d, ob.Integers):
                lo, hi = d.lo, d.hi
                doms[x] = Domain(lo if isinstance(lo, int) else None, None, integer=True)
                if isinstance(lo, int):
                    rels.append(sp.Ge(x, lo))
            elif isinstance(d, ob.Rationals):
                if isinstance(d.lo, (int, Fraction)):
                    rels.append(sp.Gt(x, _sp(d.lo)) if d.lo_open else sp.Ge(x, _sp(d.lo)))
                if isinstance(d.hi, (int, Fraction)):
                    rels.append(sp.Lt(x, _sp(d.hi)) if d.hi_open else sp.Le(x, _sp(d.hi)))
        return rels, doms

    # ------------------------------------------------------------ evaluation
    def env(self, obj: Env) -> dict[str, Real]:
        """Certified values of the scalar variables and of every quantity at ``obj`` (missing: skipped).

        The search evaluates every side of every hypothesis and of the claim at one point, each through
        its own call here: asked again for the very same ``obj`` with the same content (nothing changed
        it), the statement returns the values it made for it last (the same numbers, the quantities
        already computed kept)."""
        key = _content_key(obj) if MEMO_POINTS else None
        last = self.__dict__.get("_last")
        if last is not None and last[1] is obj and key is not None and last[0] == key:
            return last[2]
        makers = self._makers()
        env = _Env((k, Real(obj[k])) for k in self.scalars()
                   if k in obj and not isinstance(obj[k], str) and k not in makers)
        env.made = (makers, obj, self._memo_at(key) if MEMO_POINTS else None)
        if key is not None:
            object.__setattr__(self, "_last", (key, obj, env))
        return env

    def _makers(self) -> dict[str, tuple]:
        """Quantity name -> (evaluator, conversion, closed form), in declaration order (built once)."""
        got = self.__dict__.get("_made")
        if got is None:
            from .auditing.values import to_real

            got = {}
            for q in self.quantities:
                if q.value is not None:
                    got[q.name] = (q.value, to_real, None)
                elif q.expr is not None:
                    got[q.name] = (None, _same, q.expr)
            object.__setattr__(self, "_made", got)
        return got

    def _memo(self, obj: Env) -> dict | None:
        """The quantity values already computed at a point with the same content as ``obj`` (the search
        evaluates every hypothesis side and the claim at one point: each quantity is computed once there);
        None when the point's content cannot be compared safely."""
        return self._memo_at(_content_key(obj))

    def _memo_at(self, key: tuple | None) -> dict | None:
        """:meth:`_memo` of a point whose content key is ``key`` (None: nothing remembered)."""
        if key is None:
            return None
        recent = self.__dict__.get("_recent")
        if recent is None:
            recent = []
            object.__setattr__(self, "_recent", recent)
        for i, (k, memo) in enumerate(recent):
            if k == key:
                if i:
                    recent.insert(0, recent.pop(i))
                return memo
        memo = {}
        recent.insert(0, (key, memo))
        del recent[MEMO_POINTS:]
        return memo

    def value(self, expr, obj: Env) -> Real:
        return evaluate(expr, self.env(obj))

    def holds(self, rel, obj: Env) -> bool | None:
        """``rel`` at ``obj``, certified (None when undecided)."""
        return decide(rel, self.env(obj))

    def assume(self) -> tuple:
        """The hypotheses as :mod:`boundcalc.objects` hypotheses (what the search and admissibility use)."""
        out = []
        for h in self.hypotheses:
            if isinstance(h, Predicate):
                out.append(h.search if h.search is not None else ob.Pred(h.name, h.test))
            else:
                out.append(ob.Rel(text(h), _side(self, h.lhs), REL_TEXT[type(h)], _side(self, h.rhs)))
        return tuple(out)

    def admissible(self, obj: Env) -> bool | None:
        """In every variable's domain and every hypothesis certified (None when one is undecided)."""
        return ob.admissible(self.variables, self.assume(), obj)

    def edges(self) -> list[dict[str, Any]]:
        """Domain-edge assignments of the scalar variables (each variable at its special values, the
        others at their first special value), for grid checks."""
        base: dict[str, Any] = {}
        for k in self.scalars():
            sp_ = self.variables[k].special(base)
            if sp_:
                base[k] = sp_[0]
        out = [dict(base)]
        for k in self.scalars():
            for v in self.variables[k].special(base):
                pt = dict(base, **{k: v})
                if pt not in out:
                    out.append(pt)
        return out

    # ------------------------------------------------------------ derived checks
    def counterexample(self, name: str = "formal statement", *, index: int = 0, target: str = "statement",
                       trials: int = 200, sample=None, adversarial=None, screen=None, defect: str | None = None,
                       explanation: str = ""):
        """The default counterexample search of conclusion ``index``, derived from this statement.

        ``sample``/``adversarial`` (optional) only add candidates: each is admitted by the formal
        hypotheses, never by the sampler."""
        from .checks import Counterexample

        c = self.conclusion[index]
        sample = sample if sample is not None else self.sample
        adversarial = adversarial if adversarial is not None else self.adversarial
        if type(c) in REL_TEXT:
            lhs, rel, rhs = _side(self, c.lhs), REL_TEXT[type(c)], _side(self, c.rhs)
        else:   # a boolean combination: 1 when it holds, 0 when it fails (certified), undecided otherwise
            lhs, rel, rhs = (lambda o, c=c: _truth(decide(c, self.env(o)))), ">", (lambda o: Real(0))
        return Counterexample(name, lhs=lhs, rel=rel, rhs=rhs,
                              objects=dict(self.variables), assume=self.assume(), sample=sample,
                              adversarial=adversarial, screen=screen, trials=trials, target=target, defect=defect,
                              explanation=explanation or f"derived from the formal statement: {text(c)}")

    def checks(self, **kw) -> tuple:
        """One derived counterexample search per conclusion."""
        n = len(self.conclusion)
        return tuple(self.counterexample(kw.pop("name", "formal statement") + (f" [{i + 1}]" if n > 1 else ""),
                                         index=i, **kw) for i in range(n))

    # ------------------------------------------------------------ text
    def prose(self) -> str:
        """The statement as shown to the reader: variables, definitions, hypotheses, conclusion."""
        parts = [f"{k} in {describe(d)}" for k, d in self.variables.items()]
        defs = [f"{q.name} := {q.definition}" for q in self.quantities]
        hyps = [(h.name if h.name == h.definition else f"{h.name} ({h.definition})") if isinstance(h, Predicate)
                else text(h) for h in self.hypotheses]
        out = "For " + ", ".join(parts)
        if defs:
            out += "; with " + ", ".join(defs)
        if hyps:
            out += ": if " + " and ".join(hyps) + ","
        return out + " then " + " and ".join(text(c) for c in self.conclusion) + "."

    def hypothesis_texts(self) -> list[str]:
        return [(h.name if h.name == h.definition else f"{h.name}: {h.definition}") if isinstance(h, Predicate)
                else text(h) for h in self.hypotheses]

    def formula_texts(self) -> dict[str, str]:
        """Each relation as a Formula-language text with closed-form quantities substituted (for quotes)."""
        subs = {q.symbol: q.expr for q in self.quantities if q.expr is not None}
        out = {}
        for i, c in enumerate(self.conclusion):
            out[f"conclusion[{i}]"] = text(c.xreplace(subs))
        for i, h in enumerate(x for x in self.hypotheses if not isinstance(x, Predicate)):
            out[f"hypothesis[{i}]"] = text(h.xreplace(subs))
        return out


MEMO_POINTS = 4
"""Points whose quantity values a statement remembers (the most recently used ones)."""

_PLAIN = frozenset((int, Fraction, str, bool, type(None)))


def _content_key(obj: Env) -> tuple | None:
    """A value equal for two points exactly when their contents (with each entry's type) are equal;
    None when some entry is not a plain number, string, list/tuple of them or frozen dataclass."""
    try:
        return tuple((k, _frozen(v)) for k, v in obj.items())
    except _Unkeyed:
        return None


class _Unkeyed(Exception):
    pass


def _frozen(v: Any) -> Any:
    t = type(v)
    if t in _PLAIN:
        return t, v
    if t is list or t is tuple:
        types = tuple(map(type, v))
        if _PLAIN.issuperset(types):
            return t, tuple(v), types
        return t, tuple(_frozen(x) for x in v)
    params = getattr(t, "__dataclass_params__", None)
    if params is not None and params.frozen:
        return t, v
    raise _Unkeyed


def _same(x):
    return x


class _Env(dict):
    """A statement's values at a point: the scalar variables, and each quantity made when first looked up
    (so a relation only builds what it reads); same mapping as building all of them up front."""

    made: tuple = ({}, None, None)

    def __missing__(self, name: str) -> Real:
        makers, obj, memo = self.made
        if name not in makers:
            raise KeyError(name)
        fn, conv, expr = makers[name]
        if fn is None:
            fn = (lambda o, e=expr, en=self: evaluate(e, en))
        v = self[name] = _Lazy(fn, obj, conv, memo, name)
        return v


class _Lazy(Real):
    """A quantity's value computed on first use (searches evaluate only what a relation needs), then
    remembered for the point (``memo``: shared by every evaluation at a point of the same content)."""

    def __new__(cls, fn, obj, conv, memo=None, name=None):
        return object.__new__(cls)

    def __init__(self, fn, obj, conv, memo=None, name=None):
        self._thunk = (fn, obj, conv, memo, name)

    def force(self) -> Real:
        fn, obj, conv, memo, name = self._thunk
        if memo is not None and name in memo:
            return memo[name]
        v = conv(fn(obj))
        if memo is not None:
            memo[name] = v
        return v


def compare_quotes(statement: Statement, quotes: Sequence[Any], seed: int = 0) -> list:
    """Each printed hypothesis or claim quote against the formal statement's relations (closed-form
    quantities substituted): ``verified`` when some relation is the same (structurally, by ``simplify``,
    relation reversal allowed); ``inconsistent`` (text channel) when the quote reads in the statement's
    symbols, some relation of the same kind has the same symbols, and a certified probe value tells them
    apart; ``unknown`` otherwise (the quote uses notation the statement does not define). A quote in the
    statement's symbols that matches no relation is read against the whole statement (:func:`_cover`: implied,
    or a certified point where the two part, searched with ``seed``)."""
    from .findings import Finding, Verdict
    from .quotes import canonical, parse

    subs = {q.symbol: q.expr for q in statement.quantities if q.expr is not None}
    rels = [r.xreplace(subs) for r in statement.relations() + list(statement.conclusion) if type(r) in REL_TEXT]
    names = set(statement.symbols())
    by_latex = {canonical(v): k for k, v in statement.latex.items()}
    out = []
    for i, q in enumerate(quotes):
        if q.role not in ("hypothesis", "claim"):
            continue
        name = f"formal-vs-quote#{i}"
        try:
            expr, table = parse(q.parsed_text)
        except Exception as exc:  # notation the parser does not read: nothing to compare
            out.append(Finding(name, Verdict.UNKNOWN, f"quote at {q.where} not parsed ({type(exc).__name__})",
                               {"quote": q.latex}, channel="text"))
            continue
        ren = {}
        for sym in expr.free_symbols:
            key = canonical(sym.name)
            target = q.symbols.get(sym.name) or q.symbols.get(key) or by_latex.get(key) or key.lstrip("\\")
            ren[sym] = sp.Symbol(target)
        mapped = expr.xreplace(ren) if type(expr) in REL_TEXT else None
        ev = {"quote": q.latex, "where": q.where}
        if mapped is None or {x.name for x in mapped.free_symbols} - names - {"n"} and not all(
                x.name in names for x in mapped.free_symbols):
            out.append(Finding(name, Verdict.UNKNOWN, f"quote at {q.where} uses notation the formal statement "
                               "does not define; not compared", ev, channel="text"))
            continue
        mapped = mapped.xreplace(subs)
        ev["read_as"] = text(mapped)
        same = [r for r in rels if _same_relation(r, mapped)]
        if same:
            out.append(Finding(name, Verdict.VERIFIED, f"quote at {q.where} is the formal statement's {text(same[0])}",
                               ev, channel="text"))
            continue
        rivals = [r for r in rels if _kind(r) == _kind(mapped) and r.free_symbols == mapped.free_symbols]
        differ = [r for r in rivals if _differs(r, mapped)]
        if differ:
            ev["formal"] = text(differ[0])
            out.append(Finding(name, Verdict.INCONSISTENT, f"quote at {q.where} reads {text(mapped)}, the formal "
                               f"statement has {text(differ[0])} (certified different at a probe point)", ev,
                               channel="text"))
        elif {x.name for x in mapped.free_symbols} <= names:
            verdict, detail = _cover(statement, mapped, q.role, ev, seed)
            out.append(Finding(name, verdict, f"quote at {q.where} ({text(mapped)}) matches no relation of the "
                               f"formal statement; {detail}", ev, channel="text"))
        else:
            out.append(Finding(name, Verdict.UNKNOWN, f"quote at {q.where} ({text(mapped)}) matches no relation "
                               "of the formal statement", ev, channel="text"))
    return out


COVER_TRIALS = 50
"""Random draws of the search for a point where an unmatched printed quote and the formal statement part
(:func:`_cover`); its derived stages run at the quick effort sizes (``settings.EFFORT['quick']``)."""


def _cover(statement: Statement, printed, role: str, ev: dict, seed: int) -> tuple:
    """An unmatched printed quote read in the formal statement's symbols, against the formal statement.

    A hypothesis: ``verified`` when the formal hypotheses, quantity facts, definitions and scalar domains
    imply it (structurally or z3 ``unsat``); ``inconsistent`` when a search finds a point the formal
    statement admits (domains and hypotheses certified) where the printed hypothesis is certified false (the
    declaration is wider than what is printed); ``unknown`` otherwise, with the admitted points tried.
    A claim: ``inconsistent`` at an admitted point where the formal conclusion certifiably holds and the
    printed claim fails, or the reverse; ``unknown`` otherwise (agreement at points is not a proof).
    Returns (verdict, detail) and fills ``ev``."""
    from dataclasses import replace

    from .findings import Verdict

    if role == "hypothesis":
        dom_rels, doms = statement.domain_relations()
        ok, why = entails(statement.relations() + statement.definitions() + dom_rels, printed, doms)
        if ok:
            ev["implied"] = why
            return Verdict.VERIFIED, f"implied by the formal hypotheses and domains ({why})"
        goals = [(printed, "the printed hypothesis {p} fails")]
    else:
        formal = sp.And(*statement.conclusion)
        goals = [(sp.Implies(formal, printed), "the formal conclusion {f} holds and the printed claim {p} fails"),
                 (sp.Implies(printed, formal), "the printed claim {p} holds and the formal conclusion {f} fails")]
    tried = 0
    for goal, says in goals:
        found, admitted = _admitted_violation(replace(statement, conclusion=(goal,)), role, seed)
        tried += admitted
        if found is not None:
            ev["point"], ev["trial"] = found["objects"], found["trial"]
            return Verdict.INCONSISTENT, (
                f"the formal statement admits {found['objects']} (certified, seed {seed}, {found['trial']}), where "
                + says.format(p=text(printed), f=" and ".join(text(c) for c in statement.conclusion))
                + ": the declaration differs from what is printed")
    ev["admitted_points"] = tried
    what = ("the printed hypothesis fails" if role == "hypothesis"
            else "the printed claim and the formal conclusion differ")
    return Verdict.UNKNOWN, (f"no point the formal statement admits where {what} was found ({tried} admitted points "
                             "tried; a search is not a proof)")


def _admitted_violation(goal_statement: Statement, role: str, seed: int) -> tuple:
    """The derived search of ``goal_statement``'s conclusion at the quick effort sizes: (the violating
    finding's evidence or None, admitted points tried)."""
    from .auditing import falsify, search
    from .auditing.context import AuditContext
    from .settings import EFFORT

    spec = goal_statement.counterexample(f"printed {role} vs formal statement", trials=COVER_TRIALS)
    with falsify.effort(EFFORT["quick"]):
        [f] = search.run(None, spec, AuditContext(registry=None, seed=seed))
    if f.verdict.value == "refuted":
        return f.evidence, 0
    return None, f.evidence.get("admissible", 0)


def _kind(rel) -> str:
    r = REL_TEXT[type(rel)]
    return {"<": ">", "<=": ">="}.get(r, r)


def _oriented(rel):
    """lhs - rhs oriented so that the relation reads 'difference REL' with > / >= / ==."""
    r = REL_TEXT[type(rel)]
    return rel.rhs - rel.lhs if r in ("<", "<=") else rel.lhs - rel.rhs


def _same_relation(a, b) -> bool:
    if _kind(a) != _kind(b):
        return False
    try:
        return symcache.simplify(_oriented(a) - _oriented(b)) == 0
    except Exception:  # sympy failure: not the same as far as we know
        return False


def _differs(a, b) -> bool:
    """True when the oriented differences take different certified values at a probe point."""
    syms = sorted(a.free_symbols, key=str)
    for k, vals in enumerate(((3, 7, 2, 5), (5, 2, 9, 4))):
        env = {x.name: Real(Fraction(vals[j % 4] + j, 2 + k)) for j, x in enumerate(syms)}
        try:
            d = evaluate(_oriented(a) - _oriented(b), env)
            if d.sign() not in (0, None):
                return True
        except (ArithmeticError, ValueError, TypeError, KeyError):
            continue
    return False


def from_searches(specs: Sequence[Any]) -> Statement:
    """A formal statement from a node's declared statement-level searches (``Counterexample`` with
    ``objects`` and ``assume``): their objects as typed variables, their hypotheses as named predicates, and
    one conclusion ``lhs_k REL rhs_k`` per search, each side a quantity whose value is the search's side.
    All searches must share their objects; the hypotheses are the first search's, and a later search's extra
    hypotheses are folded into its conclusion as an implication."""
    first = specs[0]
    variables = dict(first.objects)
    hyps = tuple(Predicate(h.text, h.text, h.holds, search=h) for h in first.assume)
    base = {h.text for h in first.assume}
    quantities, conclusion = [], []
    for k, spec in enumerate(specs):
        if dict(spec.objects) != variables:
            raise ValueError(f"search {spec.name} declares other objects")
        a, b = f"lhs_{k + 1}", f"rhs_{k + 1}"
        what = spec.explanation or spec.name
        quantities += [Quantity(a, f"the left side of '{spec.name}' ({what})", spec.lhs),
                       Quantity(b, f"the right side of '{spec.name}'", spec.rhs)]
        rel = {"<": sp.StrictLessThan, "<=": sp.LessThan, ">": sp.StrictGreaterThan, ">=": sp.GreaterThan,
               "==": sp.Equality}[spec.rel](sp.Symbol(a), sp.Symbol(b), evaluate=False)
        extra = [h for h in spec.assume if h.text not in base]
        if extra:
            flags = [Quantity(f"h_{k + 1}_{j}", h.text, (lambda o, h=h: _truth(h.holds(o))))
                     for j, h in enumerate(extra)]
            quantities += flags
            rel = sp.Implies(sp.And(*[sp.Gt(q.symbol, 0) for q in flags]), rel)
        conclusion.append(rel)
    return Statement(variables, tuple(conclusion), hyps, tuple(quantities), sample=first.sample,
                     adversarial=first.adversarial)


# ---------------------------------------------------------------- helpers


def _sp(q) -> sp.Expr:
    q = Fraction(q)
    return sp.Rational(q.numerator, q.denominator)


def text(rel) -> str:
    """A relation as plain text (``lhs REL rhs``) in sympy's printing (other formulas as sympy prints them).

    Remembered for the very same sympy expression object (immutable, kept alive with its text): every
    search derived from a statement quotes its hypotheses again (:meth:`Statement.assume`)."""
    if not isinstance(rel, sp.Basic):
        return _text(rel)
    got = _TEXTS.get(id(rel))
    if got is not None and got[0] is rel:
        return got[1]
    out = _text(rel)
    if len(_TEXTS) >= TEXTS_MAX:
        _TEXTS.clear()
    _TEXTS[id(rel)] = (rel, out)
    return out


TEXTS_MAX = 4096
"""Expressions whose :func:`text` is kept (all dropped when full)."""
_TEXTS: dict = {}


def _text(rel) -> str:
    if type(rel) not in REL_TEXT:
        return sp.sstr(rel)
    return f"{sp.sstr(rel.lhs)} {REL_TEXT[type(rel)]} {sp.sstr(rel.rhs)}"


def _bound(b) -> str:
    """A domain bound in words; a bound computed from the other variables is named by what it is, never by
    its Python repr (which carries a memory address and would make the report differ between runs)."""
    if b is None:
        return "oo"
    if callable(b):
        return "a bound set by the variables before it"
    return str(b)


def describe(d: ob.Domain) -> str:
    """A domain in words (for the prose)."""
    if isinstance(d, ob.Integers):
        return f"the integers from {_bound(d.lo)} to {_bound(d.hi)}"
    if isinstance(d, ob.Rationals):
        lb = "(" if d.lo_open or d.lo is None else "["
        rb = ")" if d.hi_open or d.hi is None else "]"
        return f"the reals in {lb}{'-oo' if d.lo is None else d.lo}, {'oo' if d.hi is None else d.hi}{rb}"
    if isinstance(d, ob.Vectors):
        ln = f"{d.length[0]}..{d.length[1]}" if isinstance(d.length, tuple) else str(d.length)
        extra = f", {d.order}" if d.order else ""
        return f"R^{ln}{extra}" + (f" with entries in [{d.lo}, {d.hi}]" if d.lo is not None or d.hi is not None else "")
    if isinstance(d, ob.FiniteSet):
        return "{" + ", ".join(map(str, d.values)) + "}"
    return type(d).__name__


def _get(env: Mapping[str, Real], name: str) -> Real:
    v = env[name]
    return v.force() if isinstance(v, _Lazy) else v


def evaluate(expr, env: Mapping[str, Real]) -> Real:
    """A sympy expression evaluated exactly or with certified balls (symbols bound in ``env``).

    A sympy expression is compiled once into nested closures (:func:`_compile`, remembered for that very
    object, kept alive with it: sympy expressions are immutable) that evaluate it exactly as the tree walk
    did: each argument in order, then the operation, a fresh Real for every constant, the same errors."""
    if isinstance(expr, (int, Fraction)):
        return Real(expr)
    got = _COMPILED.get(id(expr))
    if got is not None and got[0] is expr:
        return got[1](env)
    fn = _compile(expr)
    if isinstance(expr, sp.Basic):
        if len(_COMPILED) >= COMPILED_MAX:
            _COMPILED.clear()
        _COMPILED[id(expr)] = (expr, fn)
    return fn(env)


COMPILED_MAX = 4096
"""Expressions whose compiled evaluation :func:`evaluate` keeps (all dropped when full)."""
_COMPILED: dict = {}


def _compile(expr) -> Callable[[Mapping[str, Real]], Real]:
    """``env -> value`` computing what the tree walk of ``expr`` computes (see :func:`evaluate`)."""
    if isinstance(expr, (int, Fraction)):
        return lambda env: Real(expr)
    if expr.is_Symbol:
        name = expr.name
        return lambda env: _get(env, name)
    if expr.is_Integer:
        k = int(expr)
        return lambda env: Real(k)
    if expr.is_Rational:
        q = Fraction(int(expr.p), int(expr.q))
        return lambda env: Real(q)
    if expr is sp.pi:
        return lambda env: Real.pi()
    if expr is sp.E:
        return lambda env: Real(1).exp()
    parts = tuple(_compile(a) for a in expr.args)
    if isinstance(expr, sp.Add):
        return _reducer(parts, operator.add)
    if isinstance(expr, sp.Mul):
        return _reducer(parts, operator.mul)
    if isinstance(expr, sp.Pow):
        def power(env):
            args = [f(env) for f in parts]
            return args[0] ** args[1]
        return power
    for f, g in _UNARY.items():
        if isinstance(expr, f) and len(parts) == 1:
            arg = parts[0]
            return lambda env: g(arg(env))
    if isinstance(expr, (sp.Max, sp.Min)):
        biggest = isinstance(expr, sp.Max)

        def pick(best, a):
            bigger = a.gt(best)
            if bigger is None:
                raise ArithmeticError(f"cannot order {expr}")
            return a if bigger == biggest else best
        return _reducer(parts, pick)

    def unsupported(env):
        for f in parts:
            f(env)
        raise TypeError(f"cannot evaluate {type(expr).__name__} in a formal statement: {expr}")
    return unsupported


def _reducer(parts: tuple, step: Callable) -> Callable:
    """``env -> step(...step(step(v0, v1), v2)..., vn)`` over the parts' values, all computed first."""
    def reduce(env):
        args = [f(env) for f in parts]
        out = args[0]
        for a in args[1:]:
            out = step(out, a)
        return out
    return reduce


_UNARY = {sp.exp: Real.exp, sp.log: Real.log, sp.Abs: abs, sp.floor: Real.floor, sp.ceiling: Real.ceil}


def decide(rel, env: Mapping[str, Real]) -> bool | None:
    """A relation or boolean combination, certified and three-valued."""
    if rel is sp.true or rel is True:
        return True
    if rel is sp.false or rel is False:
        return False
    if isinstance(rel, sp.And):
        return ob.conjunction(decide(a, env) for a in rel.args)
    if isinstance(rel, sp.Or):
        vals = [decide(a, env) for a in rel.args]
        return True if True in vals else (None if None in vals else False)
    if isinstance(rel, sp.Not):
        v = decide(rel.args[0], env)
        return None if v is None else not v
    if isinstance(rel, sp.Implies):
        a = decide(rel.args[0], env)
        return True if a is False else (decide(rel.args[1], env) if a is True else None)
    try:
        return evaluate(rel.lhs, env).compare(REL_TEXT[type(rel)], evaluate(rel.rhs, env))
    except (ArithmeticError, ValueError, TypeError, KeyError, OverflowError):
        return None


def _truth(v: bool | None) -> Real:
    if v is None:
        raise ArithmeticError("undecided")
    return Real(1 if v else 0)


def _side(st: Statement, expr) -> Callable[[Env], Real]:
    return lambda o: evaluate(expr, st.env(o))


# ---------------------------------------------------------------- binding a proof record


@dataclass
class Binding:
    """Whether a proof record proves the declared statement, and why not when it does not."""

    ok: bool
    reason: str
    checks: list[str] = field(default_factory=list)


def binds(record, statement: Statement | None, instantiated: Mapping[str, Statement] | None = None) -> Binding:
    """True when the record's statement implies the declared one: every hypothesis and variable domain
    the record assumes follows from the declared hypotheses, definitions and domains, and the declared
    conclusion follows from the record's goal under them. Decided by structural equality or z3 (unsat);
    z3's unknown/timeout does not count."""
    if statement is None:
        return Binding(False, "no formal statement is declared for this result, so no record can prove it")
    syms = set(statement.symbols().values())
    used: set = set(record.formula.free_symbols)
    for h in record.hypotheses.values():
        used |= h.free_symbols
    stray = sorted(str(s) for s in used if sp.Symbol(s.name) not in syms)
    variables_used = {x: d for x, d in record.variables.items() if x in used}
    if stray:
        return Binding(False, f"the record's statement uses {', '.join(stray)}, which the declared statement "
                              "does not define")
    names = {h.name for h in statement.hypotheses if isinstance(h, Predicate)}
    names |= {e for h in statement.hypotheses if isinstance(h, Predicate) for e in h.entails}
    for u in getattr(record, "uses", ()):
        other = (instantiated or {}).get(u)
        if other is None:
            continue
        need = sorted(h.name for h in other.hypotheses if isinstance(h, Predicate) and h.name not in names)
        if need:
            return Binding(False, f"the record instantiates {u}, whose hypotheses {'; '.join(need)} the declared "
                                  "statement does not give")
    dom_rels, doms = statement.domain_relations()
    facts = statement.relations() + statement.definitions() + dom_rels
    variables = {**{k: v for k, v in record.variables.items()}, **doms}
    log: list[str] = []

    def follows(goal, premises) -> bool:
        ok, why = entails(premises, goal, variables)
        log.append(f"{text(goal) if type(goal) in REL_TEXT and why == 'same formula' else goal}: {why}")
        return ok

    for name, h in record.hypotheses.items():
        if not follows(h, facts):
            return Binding(False, f"the record assumes {name}: {h}, which the declared hypotheses do not imply", log)
    for x, d in variables_used.items():   # domains of proof-internal symbols are the proof's business
        for c in d.constraints(x):
            if not follows(c, facts):
                return Binding(False, f"the record assumes {c} (domain of {x}), which the declared statement "
                                      "does not imply", log)
    for c in statement.conclusion:
        if not follows(c, facts + [record.formula]):
            return Binding(False, f"the record's goal {record.formula} does not imply the declared conclusion "
                                  f"{text(c)} under the declared hypotheses", log)
    return Binding(True, "the record's goal and hypotheses imply the declared statement (z3/structural)", log)


def entails(premises, goal, variables) -> tuple[bool, str]:
    """Whether ``goal`` follows from ``premises`` (prover domains ``variables``): structurally (the same
    formula) or by z3 (``unsat``); z3's sat/unknown/timeout or an encoding failure mean no."""
    from .prover.core import same_formula
    from .prover.tactics import z3_entails

    if any(goal == p for p in premises) or (type(goal) in REL_TEXT and any(
            type(p) in REL_TEXT and p.free_symbols == goal.free_symbols and same_formula(goal, p)
            for p in premises)):
        return True, "same formula"
    try:
        return z3_entails(premises, goal, variables)
    except Exception as exc:  # not encodable: does not count
        return False, f"z3 could not encode it ({type(exc).__name__})"


def free_vectors(statement: Statement) -> Sequence[str]:
    """Variables that are not scalars (vectors, matrices, sequences)."""
    return [k for k in statement.variables if k not in statement.scalars()]


def relations_in(items: Iterable) -> list:
    return [x for x in items if type(x) in REL_TEXT]
