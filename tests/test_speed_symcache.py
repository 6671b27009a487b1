"""Issue 23: the sympy cache's key (the exact srepr of the input) is remembered for the very same immutable
argument objects; it is always the key computed afresh, and other objects get their own."""
import sympy

from boundcalc import symcache


def test_remembered_key_is_the_fresh_key():
    x = sympy.Symbol("x")
    xp = sympy.Symbol("x", positive=True)
    for args in ((x + 1,), (sympy.log(xp) - 2 * xp, xp, sympy.oo, "+"), (x, x, 0, "-")):
        for _ in range(2):
            assert symcache._key_of("limit", args) == symcache._key("limit", *args)
    assert symcache._key_of("simplify", (x + 1,)) != symcache._key_of("simplify", (xp + 1,))
    assert symcache._key_of("simplify", (x,)) != symcache._key_of("limit", (x,))


def test_mutable_arguments_are_not_remembered():
    symcache._KEYS.clear()
    box = [1]
    first = symcache._key_of("simplify", (box,))
    box.append(2)
    assert symcache._key_of("simplify", (box,)) == symcache._key("simplify", box) != first
    assert not symcache._KEYS


def test_bounded(monkeypatch):
    monkeypatch.setattr(symcache, "KEYS_MAX", 3)
    symcache._KEYS.clear()
    for k in range(10):
        symcache._key_of("simplify", (sympy.Integer(k) + sympy.Symbol("y"),))
    assert len(symcache._KEYS) <= 3
