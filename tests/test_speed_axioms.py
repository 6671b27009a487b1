"""The axiom searches of one statement share their hand-written candidates and each point's admissibility
under the statement's own hypotheses (issue 23): every check comes out as when searched alone."""
from __future__ import annotations

from fractions import Fraction

import pytest

import proofs
from boundcalc import objects as ob
from boundcalc.auditing.proofcheck import fact_checks, statement_for
from boundcalc.prover import axioms


def _records(k=3):
    reg = proofs.registry()
    out = []
    for key, rec in sorted(reg.proofs.items()):
        st = statement_for(reg, key)
        if st is not None and len(rec.axioms) >= 2:
            out.append((st, rec.axioms[:4]))
    return out[:k]


def test_shared_searches_give_the_separate_checks():
    recs = _records()
    assert recs
    alone = [[axioms.check_axiom(ax, st, 0).to_dict() for ax in axs] + [c.to_dict() for c in fact_checks(st, 0)]
             for st, axs in recs]
    with axioms.sharing():
        shared = [[axioms.check_axiom(ax, st, 0).to_dict() for ax in axs] + [c.to_dict() for c in fact_checks(st, 0)]
                  for st, axs in recs]
        assert axioms._SHARED.get().hands          # the sharing was used
    assert shared == alone
    assert axioms._SHARED.get() is None


def test_replay_gives_each_consumer_the_same_items_and_error():
    drawn = []

    def gen():
        for k in range(3):
            drawn.append(k)
            yield k
        raise ValueError("sampler broke")

    r = axioms._Replay(gen())
    first = iter(r)
    assert [next(first), next(first)] == [0, 1]
    second = iter(r)
    assert [next(second), next(second), next(second)] == [0, 1, 2]
    for it in (second, first):
        if it is first:
            assert next(first) == 2
        with pytest.raises(ValueError):
            next(it)
    with pytest.raises(ValueError):
        list(iter(r))
    assert drawn == [0, 1, 2]


def test_shared_admissibility_is_the_full_one():
    objs = {"x": ob.Rationals(-10, 10)}

    def boom(o):
        if o["x"] == 7:
            raise ArithmeticError("undecided here")
        return 0

    hyps = (ob.Rel("x > -5", "x", ">", lambda o: -5), ob.Rel("x != 7 side", "x", ">", boom),
            ob.Rel("x < 5", "x", "<", lambda o: 5), ob.Rel("x < 3", "x", "<", lambda o: 3))

    class _St:
        hypotheses = hyps[:2]

    st, sh = _St(), axioms._Shared()
    for base_n in (0, 2, 4):
        for rest in (hyps[base_n:], ()):
            assume = hyps[:base_n] + rest
            spec = type("S", (), {"objects": objs, "assume": assume})()
            for x in (Fraction(-6), Fraction(0), Fraction(1, 2), Fraction(4), Fraction(6), Fraction(7), Fraction(11)):
                want = ob.admissible(objs, assume, {"x": x})
                sh.bases.clear()
                assert sh.admissible(st, base_n, spec, {"x": x}) is want
                assert sh.admissible(st, base_n, spec, {"x": x}) is want     # from the shared entry
