"""The API reference (issue 24): every public name a paper package uses has a docstring with an example
that runs, docs/api/index.md is exactly what the docstrings generate (so it cannot go stale unnoticed),
and pdoc builds the HTML version."""
from __future__ import annotations

import os

from boundcalc import apidoc

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def test_every_public_name_has_a_docstring_and_a_working_example():
    assert apidoc.problems() == []


def test_checked_in_reference_is_current():
    with open(os.path.join(ROOT, apidoc.OUT), encoding="utf-8") as fh:
        assert fh.read() == apidoc.markdown(), "docs/api/index.md is stale: run python -m boundcalc.apidoc"


def test_a_missing_example_is_caught(monkeypatch):
    """The check bites: a public function without an example, and one whose example is wrong."""
    import types

    mod = types.ModuleType("fake_api")

    def bare(x):
        """Twice x."""
        return 2 * x

    def wrong(x):
        """Twice x.

        >>> from fake_api import wrong
        >>> wrong(2)
        5
        """
        return 2 * x

    mod.bare, mod.wrong = bare, wrong
    monkeypatch.setitem(__import__("sys").modules, "fake_api", mod)
    monkeypatch.setattr(apidoc, "PUBLIC", {"fake_api": ("bare", "wrong")})
    assert apidoc.problems() == ["fake_api.bare: no example (a '>>>' line)", "fake_api.wrong: its example fails as a doctest"]


def test_html_reference_builds_with_pdoc(tmp_path):
    files = apidoc.html(str(tmp_path))
    assert any(f.endswith("records.html") for f in files)
    for mod, names in apidoc.PUBLIC.items():
        page = (tmp_path / (mod.replace(".", "/") + ".html")).read_text(encoding="utf-8")
        for name in names:
            assert f'id="{name}"' in page, (mod, name)
