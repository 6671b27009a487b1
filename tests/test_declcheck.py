"""Declarations are validated on load (issue 24): every malformed field is one line naming the result,
the field and what is wrong; the CLI prints them with exit code 2 and no traceback."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

from boundcalc.checks import Custom
from boundcalc.objects import FiniteSet, Integers, Rationals
from boundcalc.quotes import Quote
from boundcalc.records import DeclarationError, Param, Result, claim, constant
from boundcalc.registry import Registry

BASE = dict(id="lemma-1", kind="lemma", title="t", statement="s", location="Sec. 1")


def _lines(**fields) -> list[str]:
    with pytest.raises(DeclarationError) as info:
        Result(**dict(BASE, **fields))
    return info.value.lines


# (field values, the field named in the message, a phrase of the problem)
RULES = [
    (dict(id=""), "id", "non-empty text"),
    (dict(id="lemma 1"), "id", "spaces"),
    (dict(kind="lema"), "kind", "unknown kind 'lema'"),
    (dict(title=None), "title", "non-empty text"),
    (dict(statement=""), "statement", "non-empty text"),
    (dict(location=3), "location", "non-empty text"),
    (dict(source=None), "source", "must be text"),
    (dict(aliases="C.1"), "aliases", "got the string 'C.1'"),
    (dict(uses=[""]), "uses[0]", "non-empty text"),
    (dict(hypotheses=(1,)), "hypotheses[0]", "non-empty text"),
    (dict(params=("n",)), "params[0]", "must be a Param"),
    (dict(params=(Param("n", "positive"),)), "params[n]", "unknown domain 'positive'"),
    (dict(params=(Param("x", Rationals(1, 0)),)), "params[x]", "empty domain"),
    (dict(params=(Param("x", Rationals(0, 1.5)),)), "params[x]", "numeric bounds"),
    (dict(params=(Param("k", FiniteSet(())),)), "params[k]", "empty FiniteSet"),
    (dict(params=(Param("k", FiniteSet((0.5,))),)), "params[k]", "exact numbers"),
    (dict(params=(Param("k", "posint", default="0"),)), "params[k]", "default must be a positive integer"),
    (dict(params=(Param("k", "posint", default="0.1.2"),)), "params[k]", "default"),
    (dict(params=(Param("2k", "posint"),)), "params[2k]", "not an identifier"),
    (dict(params=(Param("k", "posint"), Param("k", "pos"))), "params[k]", "declared twice"),
    (dict(constants=(constant("C", "2 +* n"),)), "constants[C]", "cannot parse"),
    (dict(constants=(constant("C", "0.1*x"),)), "constants[C]", "formula"),
    (dict(constants=(constant("C", "q + 1"),)), "constants[C]", "uses q"),
    (dict(params=(Param("n", "posint"),), constants=(constant("n", "2"),)), "constants[n]", "already a parameter"),
    (dict(constants=("C",)), "constants[0]", "constant(...)"),
    (dict(claims=(claim("c", "1", "=<", "2"),)), "claims[c]", "relation '=<'"),
    (dict(claims=(claim("c", "z", "<=", "2"),)), "claims[c]", "lhs uses z"),
    (dict(claims=(claim("c", "1", "<=", "2", channel="nowhere"),)), "claims[c]", "channel"),
    (dict(checks=(42,)), "checks[0]", "must be a check"),
    (dict(checks=(Custom("a", lambda s: []), Custom("a", lambda s: []))), "checks[a]", "share this name"),
    (dict(quotes=("x > 0",)), "quotes[0]", "must be a Quote"),
    (dict(quotes=(Quote("x > 0", "Sec. 1", role="hypothesis", declares="domain:x"),)), "quotes[0]", "not a parameter"),
    (dict(quotes=(Quote("C_1", "Sec. 1", declares="C1"),)), "quotes[0]", "not a constant or claim name"),
    (dict(params=(Param("n", "posint"),), quotes=(Quote("m", "Sec. 1", declares="n", symbols={"m": "mm"}),)),
     "quotes[0]", "maps to 'mm'"),
    (dict(proof_refs=("Lemma 2",)), "proof_refs[0]", "must be a ProofRef"),
    (dict(data=[]), "data", "must be a dict"),
]


@pytest.mark.parametrize("fields,field,phrase", RULES, ids=[f"{r[1]}:{r[2][:20]}" for r in RULES])
def test_each_malformed_field_is_one_line(fields, field, phrase):
    lines = _lines(**fields)
    hit = [ln for ln in lines if f": {field}: " in ln and phrase in ln]
    assert hit, lines
    assert all(ln.startswith("result ") and "\n" not in ln for ln in lines)


def test_every_malformed_field_at_once_gives_one_line_each():
    lines = _lines(kind="lema", title="", aliases="C.1", params=(Param("n", "positive"), Param("y", "pos", default="-1")),
                   constants=(constant("C", "2 +* n"),), claims=(claim("c", "C", "=<", "1"),), checks=(42,))
    fields = [ln.split(": ")[1] for ln in lines]
    assert sorted(fields) == sorted(["kind", "title", "aliases", "params[n]", "params[y]", "constants[C]", "claims[c]",
                                     "checks[0]"])


def test_domain_objects_are_accepted_and_well_formed_results_build():
    r = Result(**dict(BASE, params=(Param("n", Integers(2, 9), default="3"), Param("p", Rationals(0, 1, hi_open=True), default="1/2"),
                                    Param("k", FiniteSet((1, 4)), default="4"))))
    assert r.bind({"n": "9", "p": "0", "k": "1"})["n"].as_fraction() == 9
    with pytest.raises(Exception, match="must be one of"):
        r.bind({"k": "2"})
    with pytest.raises(Exception, match=r"must be a number in \[0, 1\)"):
        r.bind({"p": "1"})


def test_registry_refuses_unknown_uses_and_duplicates():
    a = Result(**dict(BASE, uses=("lemma-2", "lema-1")))
    b = Result(**dict(BASE, id="lemma-2"))
    with pytest.raises(DeclarationError) as info:
        Registry([a, b, Result(**dict(BASE, id="LEMMA-2"))])
    assert sorted(info.value.lines) == ["result LEMMA-2: id: declared twice",
                                        "result lemma-1: uses: 'lema-1' is not a declared result (did you mean lemma-1?)"]
    assert Registry([a, b, Result(**dict(BASE, id="lema-1"))]).get("lemma-1").uses == ("lemma-2", "lema-1")


def test_source_defaults_to_no_paper_and_the_registry_can_fill_it():
    r = Result(**BASE)
    assert r.source == ""
    assert Registry([r], source="A. Author (2024)").get("lemma-1").source == "A. Author (2024)"


PACKAGE = '''
from boundcalc.records import Param, Result, claim, constant
from boundcalc.registry import Registry

def registry():
    bad = Result(id="lemma-1", kind="lemma", title="", statement="s", location="l", aliases="C.1",
                 params=(Param("n", "positive"),), constants=(constant("C", "2 +* n"),),
                 claims=(claim("c", "C", "=<", "1"),), uses=("lemma-9",))
    return Registry([bad])
'''
IMPORT_TIME = '''
from boundcalc.quotes import Quote
Q = Quote("x", "Sec. 1", role="nonsense")
def registry():
    return None
'''


def _cli(tmp_path, name: str, source: str):
    pkg = tmp_path / name
    pkg.mkdir()
    (pkg / "__init__.py").write_text(textwrap.dedent(source))
    env = dict(os.environ, PYTHONPATH=f"{tmp_path}{os.pathsep}{os.environ.get('PYTHONPATH', '')}")
    return subprocess.run([sys.executable, "-m", "boundcalc", "--paper", name, "audit"], capture_output=True,
                          text=True, env=env, cwd=os.path.dirname(os.path.dirname(__file__)), timeout=300)


def test_cli_prints_one_line_per_field_and_exits_2(tmp_path):
    p = _cli(tmp_path, "badpaper_fields", PACKAGE)
    assert p.returncode == 2, p.stderr
    lines = p.stderr.strip().splitlines()
    assert "Traceback" not in p.stderr and p.stdout == ""
    assert [ln.split(": ")[3] for ln in lines] == ["title", "aliases", "params[n]", "constants[C]", "claims[c]"]
    assert all(ln.startswith("boundcalc: error: result lemma-1: ") for ln in lines)


def test_cli_error_while_a_declaration_module_loads_is_one_line(tmp_path):
    p = _cli(tmp_path, "badpaper_import", IMPORT_TIME)
    assert p.returncode == 2 and "Traceback" not in p.stderr
    (line,) = p.stderr.strip().splitlines()
    assert "badpaper_import/__init__.py line 3" in line and "unknown quote role 'nonsense'" in line


def test_registry_entries_must_be_results():
    with pytest.raises(DeclarationError) as info:
        Registry([Result(**BASE), "lemma-2"])
    assert info.value.lines == ["registry: entry 1: must be a Result, got str"]


def test_parameter_space_is_the_product_of_the_domains():
    """Result.domain() is a Product of the parameters' domain objects: it accepts exactly what bind()
    accepts, and its draws and special values are admissible points (checked by bind, a second reader)."""
    import random
    from fractions import Fraction

    r = Result(**dict(BASE, params=(Param("n", "int>=2", default="2"), Param("p", Rationals(0, 1, lo_open=True), default="1/2"),
                                    Param("k", FiniteSet((1, 4)), default="4"))))
    box = r.domain()
    rng = random.Random(0)
    points = [box.draw(rng, {}) for _ in range(50)] + box.special({})
    for pt in points:
        r.bind(dict(zip(("n", "p", "k"), (str(v) for v in pt))))      # raises if outside a domain
    for bad in [(1, Fraction(1, 2), 4), (2, Fraction(0), 4), (2, Fraction(1, 2), 2)]:
        assert not box.contains(bad, {})
        with pytest.raises(Exception):
            r.bind(dict(zip(("n", "p", "k"), (str(v) for v in bad))))


INSIDE_RESULT = '''
from boundcalc.quotes import Quote
from boundcalc.records import Result
from boundcalc.registry import Registry

R = Result(id="lemma-7", kind="lemma", title="t", statement="s", location="l",
           quotes=(Quote("x > 0", "Lemma 7", role="hypothesis"),
                   Quote("x", "Lemma 7", role="nonsense")))

def registry():
    return Registry([R])
'''


def test_cli_error_inside_a_result_names_the_result_and_field(tmp_path):
    p = _cli(tmp_path, "badpaper_quote", INSIDE_RESULT)
    assert p.returncode == 2 and "Traceback" not in p.stderr
    (line,) = p.stderr.strip().splitlines()
    assert "line 8: result lemma-7: quotes: QuoteError: unknown quote role 'nonsense'" in line, line
