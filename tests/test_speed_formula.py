"""Formula.sympy remembers its conversion per symbol table (issue 23): the same expression as converting
afresh, a different one for a different table or under sympy's evaluate(False)."""
import sympy

from boundcalc.formula import Formula, _to_sympy


def _fresh(f, tab=None):
    table = dict(tab or {})
    for name in f.symbols:
        table.setdefault(name, sympy.Symbol(name, positive=True))
    return _to_sympy(f._tree, table, sympy)


def test_remembered_conversion_is_the_fresh_one():
    f = Formula("2*x + log(n)/3 + x*x - exp(1)")
    n = sympy.Symbol("n", integer=True, positive=True)
    for tab in (None, {"n": n}, {"n": n, "unrelated": sympy.Integer(5)}, {"x": sympy.Integer(2)}, None):
        got = f.sympy(tab)
        assert got == _fresh(f, tab) and sympy.srepr(got) == sympy.srepr(_fresh(f, tab))
    assert f.sympy({"x": sympy.Integer(2)}) != f.sympy()


def test_evaluate_false_is_its_own_entry():
    f = Formula("x + x")
    assert f.sympy() == 2 * sympy.Symbol("x", positive=True)
    with sympy.evaluate(False):
        unevaluated = f.sympy()
        assert sympy.srepr(unevaluated) == sympy.srepr(_fresh(f))
    assert sympy.srepr(unevaluated) != sympy.srepr(f.sympy())
