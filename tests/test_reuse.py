"""Caches that never change an answer: parsed quotes and reused audits.

- the on-disk store refuses entries that are corrupt, filed under another key, or fail their checksum;
- sympy trees go through an allow-list (no eval, no pickle) and are stored only when they rebuild exactly;
- every quote parses to the same expression from the cache as from the parser;
- a stored audit rebuilds to the same report.

The command-line checks (fresh, reused, --no-cache, --jobs 2; an edited stored audit) are in
tests/test_reuse_cli.py, so the parallel runners can run them beside these.
"""
from __future__ import annotations

import json

import pytest
import sympy

from boundcalc import cache, exprjson, reuse


@pytest.fixture
def store(tmp_path, monkeypatch):
    monkeypatch.setenv("BOUNDCALC_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("BOUNDCALC_NO_CACHE", raising=False)
    cache.disable(False)
    yield tmp_path / "cache"
    cache.disable(False)


def test_store_round_trip_and_refusals(store):
    cache.put("ns", "key one", {"a": [1, "2/3"]})
    assert cache.get("ns", "key one") == {"a": [1, "2/3"]}
    assert cache.get("ns", "key two") is None
    (path,) = (store / "ns").iterdir()
    entry = json.loads(path.read_text())
    # a payload edited without its checksum is not trusted
    entry["payload"] = json.dumps({"a": [2]})
    path.write_text(json.dumps(entry))
    assert cache.get("ns", "key one") is None
    # an entry that names another key (a hash collision, a copied file) is not trusted
    cache.put("ns", "key one", {"a": 1})
    entry = json.loads(path.read_text())
    entry["key"] = "something else"
    path.write_text(json.dumps(entry))
    assert cache.get("ns", "key one") is None
    path.write_text("{not json")
    assert cache.get("ns", "key one") is None
    cache.put("ns", "key one", {"a": 3})          # rebuilt over the bad entry
    assert cache.get("ns", "key one") == {"a": 3}


def test_store_off(store, monkeypatch):
    cache.put("ns", "k", 1)
    monkeypatch.setenv("BOUNDCALC_NO_CACHE", "1")
    assert cache.get("ns", "k") is None
    monkeypatch.delenv("BOUNDCALC_NO_CACHE")
    cache.disable()
    assert cache.get("ns", "k") is None
    cache.disable(False)
    assert cache.get("ns", "k") == 1


def test_expression_trees_are_allow_listed():
    x, y = sympy.symbols("x y")
    exprs = [sympy.Add(x, sympy.Mul(2, y, evaluate=False), evaluate=False), sympy.log(x) ** sympy.Rational(1, 2),
             sympy.Le(sympy.Max(x, y), sympy.exp(-x)), sympy.Function("f")(x, 3), sympy.Integer(-7) / 3]
    for e in exprs:
        tree = exprjson.dump(e)
        assert tree is not None, e
        back = exprjson.load(json.loads(json.dumps(tree)))
        assert back == e and sympy.srepr(back) == sympy.srepr(e)
    p = sympy.Symbol("p", positive=True, integer=True)                  # assumptions travel with the name
    assert exprjson.load(exprjson.dump(p)) == p and exprjson.load(exprjson.dump(p)) != sympy.Symbol("p")
    with pytest.raises(ValueError):
        exprjson.load(["Symbol", "p", {"__class__": True}])
    assert exprjson.dump(sympy.Matrix([[x]])) is None                    # not on the allow-list
    for bad in (["os.system", ["Symbol", "x"]], ["__import__", "os"], "x", [], ["Symbol"]):
        with pytest.raises(ValueError):
            exprjson.load(bad)


def test_every_quote_parses_the_same_from_the_cache(store):
    """Each distinct text the LaTeX parser sees in the paper's quotes: parsed by the parser (the store is
    empty), then read back from disk; the two expressions are identical (srepr), errors included."""
    from boundcalc import quotes
    from proofs import registry

    real = quotes._parse_latex_disk

    def shown(text):
        try:
            return sympy.srepr(real(text))
        except quotes.QuoteError as exc:
            return f"error: {exc}"

    fresh: dict[str, str] = {}

    def spy(text):
        if text not in fresh:
            fresh[text] = shown(text)          # the first parse of this text: the store has no entry yet
        return real(text)

    quotes._MEMO.clear()
    try:
        quotes._parse_latex_disk = spy
        for r in registry():
            for q in getattr(r, "quotes", ()) or ():
                try:
                    quotes.parse(q.reconstructed or q.latex)
                except quotes.QuoteError:
                    pass
    finally:
        quotes._parse_latex_disk = real
        quotes._MEMO.clear()
    assert len(fresh) > 20 and sum(not v.startswith("error") for v in fresh.values()) > 20
    assert len(list((store / "latex").iterdir())) == len(fresh)
    for text, want in fresh.items():
        assert shown(text) == want, text          # now from the disk entry


def test_sympy_results_are_remembered_and_checked(store):
    from boundcalc import symcache

    x = sympy.Symbol("x", positive=True)
    e = sympy.log(x ** 2) - 2 * sympy.log(x)
    symcache._MEMO.clear()
    assert symcache.simplify(e) == sympy.simplify(e) == 0
    (path,) = (store / "sympy").iterdir()
    symcache._MEMO.clear()
    assert symcache.simplify(e) == 0                            # read back from disk
    path.write_text("garbage")                                  # unreadable: recomputed, never trusted
    symcache._MEMO.clear()
    assert symcache.simplify(e) == 0
    assert symcache.limit(1 / x, x, sympy.oo) == 0


def test_report_rebuilds_from_its_json(full_audit):
    data = reuse.settled(full_audit.to_dict())
    again = reuse.report_from_dict(data)
    assert again.to_dict() == data
    assert again.exit_code == full_audit.exit_code and again.summary == full_audit.summary


def test_the_report_names_no_memory_address(full_audit):
    """Nothing in the audit depends on where Python put an object: a repr with an address (a lambda used as
    a domain bound, once) made two fresh runs differ, and so a fresh and a reused report."""
    import re

    text = json.dumps(full_audit.to_dict())
    assert not re.search(r" at 0x[0-9a-f]+", text)


def test_a_computed_domain_bound_is_described_in_words():
    from boundcalc import objects as ob
    from boundcalc.statements import describe

    assert describe(ob.Integers(1, 5)) == "the integers from 1 to 5"
    words = describe(ob.Integers(0, lambda env: 3))
    assert "0x" not in words and "function" not in words
