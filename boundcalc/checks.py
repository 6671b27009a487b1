"""Check specifications: what a declaration asks the audit to test (data only).

Declarations in ``proofs/`` list these in ``Result.checks``; the audit engine
(:mod:`boundcalc.audit`) runs each one and turns it into :class:`~boundcalc.findings.Finding` s.
Formulas are texts over the node's parameters and constants (see :mod:`boundcalc.formula`).
Callables receive plain Python data (ints, Fractions, lists) and return :class:`~boundcalc.numbers.Real`
or three-valued booleans; they must not decide anything with binary floats.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping

from .findings import Finding

Objects = Mapping[str, Any]


@dataclass(frozen=True)
class Budget:
    """What one check may spend: CPU seconds and memory (MB above the process's size when it starts).

    Running out makes the check an ``unknown`` finding that says which budget ran out
    (:mod:`boundcalc.auditing.budget`); ``0`` switches a guard off.
    """

    seconds: float = 120.0
    memory_mb: int = 4096


@dataclass(frozen=True)
class StatedVsDerived:
    """The constant a statement claims against the one its proof's own steps produce.

    ``follows`` is the relation ``stated REL derived`` under which the statement follows from the
    proof (e.g. a claimed lower bound delta follows when stated <= derived). Evaluated at the
    user's parameters and over ``grid`` (a list of parameter assignments); the finding reports the
    ratio or log-ratio.

    Example: the statement claims a sample size N, its proof derives N'; the statement follows when
    the stated N is at least the derived one::

        >>> from boundcalc.checks import StatedVsDerived
        >>> StatedVsDerived("samples", stated="ceil(log(2/delta)/eps**2)", derived="log(2/delta)/(2*eps**2)",
        ...                 follows=">=", grid=({"delta": "1/10", "eps": "1/5"},)).follows
        '>='
    """

    name: str
    stated: str
    derived: str
    follows: str
    grid: tuple[Mapping[str, str], ...] = ()
    explanation: str = ""

    defect: str | None = None
    budget: Budget | None = None

@dataclass(frozen=True)
class Counterexample:
    """Search for objects satisfying the hypotheses exactly as written that violate the claim.

    ``sample(rng)`` draws one candidate; ``adversarial()`` yields hand-picked extreme or degenerate
    but allowed candidates. ``hypotheses(obj)`` must certify (True) that a candidate is admissible;
    ``lhs(obj) REL rhs(obj)`` is the claim, decided with certified arithmetic. A certified violation
    refutes; no violation found is ``unknown`` (a search is not a proof).

    ``target`` says what the claim is: ``"statement"`` (the result as written: a certified violation
    refutes the statement), ``"proof"`` (a step of its proof: a violation is a gap in the proof, never
    a refutation of the statement) or ``"correction"`` (a corrected statement a defect proposes).

    Declared objects (preferred): ``objects`` maps each object's name to its domain
    (:mod:`boundcalc.objects`) and ``assume`` lists the hypotheses as written (``Rel``/``Pred``). The
    engine then derives candidates from these alone (:mod:`boundcalc.auditing.falsify`), and
    ``hypotheses`` is derived from them (domain membership and every ``assume`` certified); a
    hand-written ``sample``/``adversarial`` is only an addition, whose draws are judged by the same
    declared hypotheses. ``screen(batch)`` (optional) is a vectorised float reading of the claim and
    hypotheses: given numpy arrays of candidates it returns (violation margin, inside) arrays; the
    engine screens many candidates with it and confirms only the best with certified arithmetic
    (a test keeps ``inside`` in agreement with ``assume``).

    Example: "for n in [1, 50] and x > 0, x^n >= 1 + n (x - 1)" (Bernoulli), with declared objects::

        >>> from boundcalc.checks import Counterexample
        >>> from boundcalc.objects import Integers, Rationals
        >>> bernoulli = Counterexample("bernoulli", lhs=lambda o: o["x"] ** o["n"], rel=">=",
        ...                            rhs=lambda o: 1 + o["n"] * (o["x"] - 1),
        ...                            objects={"n": Integers(1, 50), "x": Rationals(0, None, lo_open=True)},
        ...                            trials=100)
        >>> bernoulli.declared, bernoulli.hypotheses({"n": 3, "x": 0})
        (True, False)
    """

    name: str
    lhs: Callable[[Objects], Any]
    rel: str
    rhs: Callable[[Objects], Any]
    hypotheses: Callable[[Objects], bool | None] | None = None
    sample: Callable[[random.Random], Objects] | None = None
    adversarial: Callable[[], Iterable[Objects]] | None = None
    trials: int = 200
    explanation: str = ""

    target: str = "statement"
    defect: str | None = None
    budget: Budget | None = None
    objects: Mapping[str, Any] | None = None
    assume: tuple = ()
    screen: Callable[[Mapping[str, Any]], Any] | None = None

    def __post_init__(self):
        if self.objects is not None and self.hypotheses is None:
            from .objects import admissible
            objs, hyps = dict(self.objects), tuple(self.assume)
            object.__setattr__(self, "hypotheses", lambda o: admissible(objs, hyps, o))
        if self.hypotheses is None:
            raise TypeError(f"counterexample {self.name}: give hypotheses= or objects= with assume=")

    @property
    def declared(self) -> bool:
        """True when the objects and hypotheses are declared (the engine can sample them)."""
        return self.objects is not None


@dataclass(frozen=True)
class Consistency:
    """Two texts of the paper that should agree: a formula in each, compared symbolically and numerically.

    ``relation`` is what agreement means (usually "=="); ``where_a``/``where_b`` locate the texts.
    When both sides are plain text (no formula) give ``agree`` explicitly with ``detail``.

    Example::

        >>> from boundcalc.checks import Consistency
        >>> Consistency("rank", "Lemma 3", "Theorem 5", a="binomial(d+g, g)", b="binomial(d+g, d)",
        ...             grid=({"d": "3", "g": "2"},)).relation
        '=='
    """

    name: str
    where_a: str
    where_b: str
    a: str | None = None
    b: str | None = None
    relation: str = "=="
    grid: tuple[Mapping[str, str], ...] = ()
    agree: bool | None = None
    detail: str = ""

    defect: str | None = None
    budget: Budget | None = None

@dataclass(frozen=True)
class Citation:
    """A proof's use of a cited result against what that result states.

    ``condition`` (formula, over ``grid``) must hold for the citation to be valid, e.g. the proof's
    hypothesis implies the cited one: ``4*log(n) >= 2*log(n) + 3``. ``survives`` (formula) is the
    step the citation was meant to justify: when the cited hypothesis fails but the step itself is
    certified at the same points, the finding is a citation slip (text), not a gap in the proof.

    Example: a proof cites a lemma that needs ``t >= 2 ln n`` where it has ``t = 4 ln n``::

        >>> from boundcalc.checks import Citation
        >>> Citation("gap", cited="lemma-7", uses_as="t = 4 ln n", condition="4*log(n) >= 2*log(n)",
        ...          grid=({"n": "2"}, {"n": "100"})).cited
        'lemma-7'
    """

    name: str
    cited: str
    uses_as: str
    condition: str | None = None
    grid: tuple[Mapping[str, str], ...] = ()
    agree: bool | None = None
    detail: str = ""

    survives: str | None = None
    defect: str | None = None
    budget: Budget | None = None

@dataclass(frozen=True)
class Asymptotic:
    """An O/Theta/'exponential in' claim against an explicit expression, with hidden parameters named.

    ``explicit`` is the exact count or bound; ``claimed`` the asymptotic form as a formula (the O's
    argument); ``variable`` the parameter taken to its limit (``point``: "oo" or "0"); ``held`` the
    parameters the notation treats as constants. The check reports the ratio explicit/claimed along
    the limit and whether it stays bounded (and whether a 'constant' secretly depends on ``variable``).

    Example: "binomial(d+g, g) = O(g^d) as g -> oo, for fixed d"::

        >>> from boundcalc.checks import Asymptotic
        >>> Asymptotic("rank", explicit="binomial(d+g, g)", claimed="g**d", variable="g", held={"d": "3"}).bound
        'O'
    """

    name: str
    explicit: str
    claimed: str
    variable: str
    point: str = "oo"
    held: Mapping[str, str] = field(default_factory=dict)
    explanation: str = ""

    channel: str = "proof"
    defect: str | None = None
    budget: Budget | None = None
    variables: tuple[str, ...] = ()
    """Further variables the notation is asymptotic in (``"V"`` to oo, ``"eps->0"`` to 0): each is checked
    on its own and all of them jointly with ``variable``, each its own finding."""
    bound: str = "O"
    """``"O"`` (ratio bounded), ``"Theta"`` (bounded and bounded away from 0) or ``"o"`` (ratio -> 0)."""

@dataclass(frozen=True)
class CalculatorAgrees:
    """A calculator's outputs against the node's own constants, over the node's points.

    ``run(params)`` receives one point (parameter name -> exact text) and returns the calculator's
    outputs (name -> exact or certified number, or an object with ``.value``); ``maps`` says which output
    is which constant of the node (``{"t_a:ffn_layers": "ffn_layers"}``). The points are the node's user
    and default values, its examples and the grids of its checks, plus ``grid``. One finding per mapped
    output: verified when certified equal at every point, inconsistent on a certified difference.
    """

    name: str
    run: Callable[[Mapping[str, str]], Mapping[str, Any]]
    maps: Mapping[str, str]
    grid: tuple[Mapping[str, str], ...] = ()
    explanation: str = ""

    channel: str = "text"
    defect: str | None = None
    budget: Budget | None = None


@dataclass(frozen=True)
class Custom:
    """Anything else: ``run(seed)`` returns findings with reproducible evidence (each should set its
    ``channel``; the default is ``proof``).

    Example::

        >>> from boundcalc.checks import Custom
        >>> from boundcalc.findings import Finding, Verdict
        >>> def run(seed):
        ...     ok = sum(range(101)) == 100 * 101 // 2
        ...     return [Finding("custom:gauss", Verdict.VERIFIED if ok else Verdict.REFUTED, "sum 0..100",
        ...                     {"n": 100}, channel="statement")]
        >>> Custom("gauss", run).run(0)[0].verdict.value
        'verified'
    """

    name: str
    run: Callable[[int], list[Finding]]

    defect: str | None = None
    budget: Budget | None = None

CheckSpec = StatedVsDerived | Counterexample | Consistency | Citation | Asymptotic | CalculatorAgrees | Custom
