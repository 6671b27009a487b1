"""Every proof record of the paper proves its node's declared formal statement, and no mutant of a
declaration that the search certifies false stays proved.

A record's steps do not read the declaration, so a mutant is proved exactly when the record still binds to
it (boundcalc.statements.binds). For each mutant the record binds to, the derived search must find no
certified counterexample; mutants the record does not bind to are not proved whatever they say. The mutant
generator is local: it changes hypothesis thresholds (c -> c/2, c - 1, strict -> non-strict), drops a named
hypothesis, widens a scalar domain, and changes the conclusion's constants and exponents.
"""
from __future__ import annotations

from dataclasses import replace

import pytest
import sympy as sp

from boundcalc.auditing import falsify
from boundcalc.objects import Integers, Rationals
from boundcalc.auditing.proofcheck import fact_checks
from boundcalc.prover import check
from boundcalc.prover.axioms import check_axiom
from boundcalc.statements import REL_TEXT, Predicate, binds

import proofs
from proofs.formal import CORRECTIONS, FORMAL
from proofs.machine import ORDER, PROOFS


def _numbers(expr):
    return sorted({a for a in expr.atoms(sp.Number) if a != 0}, key=str)


def _rel_mutants(rel):
    """Changed constants and exponents of one relation (each a new relation of the same type)."""
    out = []
    for side in ("lhs", "rhs"):
        e = getattr(rel, side)
        for c in _numbers(e)[:2]:
            for new in (c / 2, c + 1, c - 1, 2 * c):
                if new != c:
                    out.append(rel.func(*(e.xreplace({c: new}) if s == side else getattr(rel, s)
                                          for s in ("lhs", "rhs")), evaluate=False))
        for p in [x for x in e.atoms(sp.Pow) if x.exp.is_Number][:1]:
            out.append(rel.func(*(e.xreplace({p: p.base ** (p.exp + 1)}) if s == side else getattr(rel, s)
                                  for s in ("lhs", "rhs")), evaluate=False))
    if isinstance(rel, (sp.StrictGreaterThan, sp.StrictLessThan)):
        weak = sp.GreaterThan if isinstance(rel, sp.StrictGreaterThan) else sp.LessThan
        out.append(weak(rel.lhs, rel.rhs, evaluate=False))
    return out


def mutants(st):
    """(label, mutated statement) pairs."""
    out = []
    for i, h in enumerate(st.hypotheses):
        if isinstance(h, Predicate):
            out.append((f"drop {h.name}", replace(st, hypotheses=st.hypotheses[:i] + st.hypotheses[i + 1:])))
        else:
            for m in _rel_mutants(h):
                out.append((f"hypothesis {h} -> {m}", replace(st, hypotheses=st.hypotheses[:i] + (m,)
                                                               + st.hypotheses[i + 1:])))
    for j, c in enumerate(st.conclusion):
        if type(c) in REL_TEXT:
            for m in _rel_mutants(c):
                out.append((f"conclusion {c} -> {m}", replace(st, conclusion=st.conclusion[:j] + (m,)
                                                               + st.conclusion[j + 1:])))
    for name, dom in st.variables.items():
        if isinstance(dom, Integers) and isinstance(dom.lo, int):
            out.append((f"domain {name} from {dom.lo - 1}", replace(st, variables={**st.variables,
                                                                               name: replace(dom, lo=dom.lo - 1)})))
        if isinstance(dom, Rationals) and dom.lo_open and isinstance(dom.lo, int):
            out.append((f"domain {name} closed at {dom.lo}", replace(st, variables={**st.variables,
                                                                                name: replace(dom, lo_open=False)})))
    return out


def statements():
    out = dict(CORRECTIONS)
    out.update(FORMAL)
    reg = proofs.registry()
    out.update({k: reg.results[k].formal for k in FORMAL})       # with the nodes' candidate sources
    return out


@pytest.fixture(scope="module")
def outcomes():
    done = {}
    for rid in ORDER:
        done[rid] = check(PROOFS[rid], proved_results={k: o for k, o in done.items() if o.status == "checked"},
                          statement=statements().get(rid), require_statement=True, used_statements=statements())
    return done


def test_every_record_proves_its_declared_statement(outcomes):
    sts = statements()
    assert set(PROOFS) <= set(sts), "every proof record needs a declared formal statement"
    assert {k: o.status for k, o in outcomes.items()} == {k: "checked" for k in outcomes}
    for k in PROOFS:
        assert binds(PROOFS[k], sts[k], sts).ok


def test_no_false_mutant_stays_proved(outcomes):
    sts = statements()
    accepted = refused = 0
    bad = []
    for key, rec in PROOFS.items():
        if outcomes[key].status != "checked":
            continue
        for label, mutant in mutants(sts[key]):
            if not binds(rec, mutant, sts).ok:
                refused += 1
                continue
            spec = replace(mutant.counterexample("mutant"), trials=25)
            out = falsify.Search(spec, 0, falsify_hand(spec)).run(optimise=False)
            if out.found is None:
                accepted += 1
                continue
            # certified false: the audit's axiom and fact checks on the mutant must refute something
            checks = [check_axiom(ax, mutant, 0) for ax in rec.axioms] + fact_checks(mutant, 0)
            if not any(c.refuted for c in checks):
                bad.append((key, label, out.found[0]))
    assert not bad, f"mutants certified false but still proved: {bad}"
    assert refused > 50 and accepted > 10


def falsify_hand(spec):
    from boundcalc.auditing.search import _hand

    return _hand(spec, 0)


def test_refused_mutants_include_certified_false_ones():
    """The generator is not vacuous: C.6 with its conclusion's exponent raised or constant doubled is refuted
    by the derived search, and the C.6 record does not bind to it."""
    st = statements()["lemma-C.6"]
    rec = PROOFS["lemma-C.6"]
    refuted = 0
    for label, mutant in mutants(st):
        if not label.startswith("conclusion"):
            continue
        out = falsify.Search(replace(mutant.counterexample("m"), trials=40), 0,
                             falsify_hand(mutant.counterexample("m"))).run(optimise=False)
        if out.found is not None:
            refuted += 1
            assert not binds(rec, mutant, statements()).ok, label
    assert refuted >= 1
