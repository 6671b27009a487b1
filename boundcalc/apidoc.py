"""The API reference of what a paper package uses, generated from the docstrings.

``python -m boundcalc.apidoc`` rewrites ``docs/api/index.md`` (checked in, so it reads on GitHub: each
public name, its signature, its docstring and example). ``python -m boundcalc.apidoc --html DIR`` also
builds the browsable HTML reference with pdoc (``pip install -e '.[test]'`` installs pdoc).
``tests/test_apidoc.py`` regenerates the Markdown and fails when the checked-in copy differs, when a
public name has no docstring or no example, or when an example's doctest fails, and builds the HTML.
"""
from __future__ import annotations

import argparse
import doctest
import importlib
import inspect
import os
import sys

PUBLIC: dict[str, tuple[str, ...]] = {
    "boundcalc.records": ("Result", "Param", "constant", "claim", "DeclarationError", "KINDS", "DOMAINS"),
    "boundcalc.registry": ("Registry",),
    "boundcalc.domains": ("SHORTHANDS", "as_domain", "describe", "edges", "interval"),
    "boundcalc.objects": ("Integers", "Rationals", "FiniteSet", "Product", "Vectors", "Matrices", "Sequences", "Index",
                          "Rel", "Pred"),
    "boundcalc.statements": ("Statement", "Quantity", "Predicate"),
    "boundcalc.checks": ("Counterexample", "Custom", "StatedVsDerived", "Consistency", "Citation", "Asymptotic"),
    "boundcalc.prover": ("ProofRecord", "Step", "Axiom", "Domain", "POS"),
    "boundcalc.quotes": ("Quote", "ProofRef"),
    "boundcalc.findings": ("Finding", "Verdict"),
    "boundcalc.audit": ("audit",),
}
"""Module -> the names a paper package uses (each needs a docstring with an example)."""

OUT = os.path.join("docs", "api", "index.md")


def objects() -> list[tuple[str, str, object]]:
    """(module, name, object) of every public name, in reference order."""
    out = []
    for mod, names in PUBLIC.items():
        m = importlib.import_module(mod)
        for name in names:
            out.append((mod, name, getattr(m, name)))
    return out


def _doc(mod: str, name: str, obj: object) -> str:
    if isinstance(obj, (dict, tuple, str)):          # a constant: its documentation follows it in the source
        return _attribute_doc(mod, name)
    return inspect.getdoc(obj) or ""


def _attribute_doc(mod: str, name: str) -> str:
    """The string literal that follows ``NAME = ...`` at module level (the attribute docstring convention)."""
    import ast

    path = importlib.import_module(mod).__file__
    with open(path, encoding="utf-8") as fh:
        tree = ast.parse(fh.read())
    body = tree.body
    for k, node in enumerate(body[:-1]):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        if any(isinstance(t, ast.Name) and t.id == name for t in targets):
            nxt = body[k + 1]
            if isinstance(nxt, ast.Expr) and isinstance(nxt.value, ast.Constant) and isinstance(nxt.value.value, str):
                return inspect.cleandoc(nxt.value.value)
    return ""


def problems() -> list[str]:
    """Public names without a docstring or an example, and examples whose doctest fails."""
    out = []
    for mod, name, obj in objects():
        doc = _doc(mod, name, obj)
        if not doc.strip():
            out.append(f"{mod}.{name}: no docstring")
            continue
        if ">>>" not in doc and not isinstance(obj, (dict, tuple, str)):
            out.append(f"{mod}.{name}: no example (a '>>>' line)")
            continue
        if ">>>" in doc:
            test = doctest.DocTestParser().get_doctest(doc, {}, f"{mod}.{name}", None, 0)
            runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
            runner.run(test, out=lambda s: None)
            if runner.failures:
                out.append(f"{mod}.{name}: its example fails as a doctest")
    return out


def _signature(obj: object) -> str:
    if inspect.isclass(obj) or inspect.isfunction(obj):
        try:
            return str(inspect.signature(obj))
        except (TypeError, ValueError):
            return ""
    return ""


def markdown() -> str:
    """The reference as Markdown: one section per module, one entry per public name."""
    lines = ["# API reference (what a paper package uses)", "",
             "Generated from the docstrings by `python -m boundcalc.apidoc`; `tests/test_apidoc.py` fails when this "
             "file is stale, when a name lacks a docstring or an example, or when an example fails. The HTML "
             "version: `python -m boundcalc.apidoc --html build/api` (pdoc). Start with "
             "[declaring-a-paper.md](../declaring-a-paper.md).", ""]
    for mod, names in PUBLIC.items():
        first = (inspect.getdoc(importlib.import_module(mod)) or "").split("\n\n")[0].replace("\n", " ")
        lines += [f"## `{mod}`", "", first, ""]
        for name in names:
            obj = getattr(importlib.import_module(mod), name)
            kind = "class" if inspect.isclass(obj) else "function" if callable(obj) else "constant"
            lines += [f"### `{name}{_signature(obj)}`" if kind != "constant" else f"### `{name}`", "",
                      f"*{kind}*", "", _doc(mod, name, obj).replace("::\n", ":\n"), ""]
            if kind == "constant" and isinstance(obj, dict):
                lines += ["```", *(f"{k!s}: {v!r}" for k, v in obj.items()), "```", ""]
            elif kind == "constant" and isinstance(obj, tuple):
                lines += ["`" + ", ".join(map(str, obj)) + "`", ""]
    text = "\n".join(lines)
    return _fence_examples(text).rstrip() + "\n"


def _fence_examples(text: str) -> str:
    """Indented ``>>>`` blocks as fenced Python blocks (Markdown renders them as code)."""
    out, in_block = [], False
    for line in text.split("\n"):
        is_code = line.startswith("    ") and (line.strip().startswith((">>>", "...")) or in_block and line.strip())
        if is_code and not in_block:
            out.append("```python")
            in_block = True
        elif in_block and not is_code:
            out.append("```")
            in_block = False
        out.append(line[4:] if is_code else line)
    if in_block:
        out.append("```")
    return "\n".join(out)


def html(directory: str) -> list[str]:
    """Build the HTML reference with pdoc into ``directory``; the files written."""
    import pdoc

    pdoc.pdoc(*PUBLIC, output_directory=__import__("pathlib").Path(directory))
    return sorted(os.path.join(r, f) for r, _, fs in os.walk(directory) for f in fs)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m boundcalc.apidoc", description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=OUT, help=f"the Markdown reference to write (default {OUT})")
    ap.add_argument("--html", default=None, metavar="DIR", help="also build the HTML reference here (pdoc)")
    ap.add_argument("--check", action="store_true", help="write nothing; exit 1 when the reference is stale or incomplete")
    args = ap.parse_args(argv)
    bad = problems()
    text = markdown()
    if args.check:
        stale = not os.path.isfile(args.out) or open(args.out, encoding="utf-8").read() != text
        for line in bad + ([f"{args.out} is stale: run python -m boundcalc.apidoc"] if stale else []):
            print(line, file=sys.stderr)
        return 1 if bad or stale else 0
    os.makedirs(os.path.dirname(args.out) or ".", exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as fh:
        fh.write(text)
    print(f"wrote {args.out}")
    if args.html:
        print(f"wrote {len(html(args.html))} file(s) under {args.html}")
    for line in bad:
        print(f"warning: {line}", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
