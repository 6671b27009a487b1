"""Mutants of formal statements and of proof records' axioms (sympy relations in Python code).

A formal statement (``Statement(variables, conclusion, hypotheses=...)``, :mod:`boundcalc.statements`)
is mutated in the three places a proof rests on: a hypothesis dropped or weakened (a strict relation made
non-strict, a number moved), a variable's domain widened (a lower bound moved down, an upper bound up), the conclusion's
relation reversed, its right side moved by one, or a number in it moved. An axiom (``Axiom(..., formula=...)``) gets a number moved or
its relation reversed: the mutated axiom is a false 'trusted fact' that the audit has to refuse.
A proof step's displayed relation (``Step(label, relation, ..., latex=...)`` of
:mod:`boundcalc.auditing.steps`) is mutated like a conclusion (operator ``step-relation``), its printed LaTeX
left as it is: the audit's step-text check (:mod:`boundcalc.auditing.step_text`) has to see the disagreement.

Which nodes a mutant touches is read from the module: a function holding the call belongs to the node ids
that a dict literal maps to it (directly, through a local name, or through a function that calls it), or
that a ``ProofRecord("id", ...)`` in it names; a module-level axiom belongs to the functions naming it.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Iterable

from .mutant import Mutant, _short
from .sites import _call_name

STATEMENT_CALLS = ("Statement",)
STEP_CALLS = ("Step",)
STEP_MODULE = "boundcalc.auditing.steps import"
"""A proof step (:class:`boundcalc.auditing.steps.Step`): its displayed relation (second argument) is mutated
like a conclusion (reversed, right side + 1, a number moved); its printed LaTeX is left as it is."""
AXIOM_CALLS = ("Axiom",)
RECORD_CALLS = ("ProofRecord",)
REL_NAMES = {"Gt": "StrictGreaterThan", "Ge": "GreaterThan", "Lt": "StrictLessThan", "Le": "LessThan",
             "Eq": "Equality", "StrictGreaterThan": "StrictGreaterThan", "GreaterThan": "GreaterThan",
             "StrictLessThan": "StrictLessThan", "LessThan": "LessThan"}
FLIP = {"StrictGreaterThan": "StrictLessThan", "StrictLessThan": "StrictGreaterThan",
        "GreaterThan": "LessThan", "LessThan": "GreaterThan"}
WEAKEN = {"StrictGreaterThan": "GreaterThan", "StrictLessThan": "LessThan"}
SHORT = {"StrictGreaterThan": "Gt", "GreaterThan": "Ge", "StrictLessThan": "Lt", "LessThan": "Le"}
FORMAL_OPERATORS = ("statement-hypothesis", "statement-domain", "statement-relation", "step-relation", "axiom")


def _seg(source: str, n: ast.AST) -> str:
    return ast.get_source_segment(source, n) or ast.unparse(n)


def _kw(call: ast.Call, name: str, pos: int | None = None) -> ast.AST | None:
    if pos is not None and len(call.args) > pos:
        return call.args[pos]
    return next((k.value for k in call.keywords if k.arg == name), None)


class _Module:
    """One module's tree, its top-level names, and the replacement text of a relation call."""

    def __init__(self, source: str):
        self.source = source
        self.tree = ast.parse(source)
        self.top = {t.id for st in self.tree.body if isinstance(st, ast.Assign) for t in st.targets
                    if isinstance(t, ast.Name)} | {st.name for st in self.tree.body if isinstance(st, ast.FunctionDef)}
        self.sympy = next((a.asname or a.name for st in self.tree.body if isinstance(st, ast.Import)
                           for a in st.names if a.name == "sympy"), None)

    def rel_call(self, call: ast.Call, new_kind: str) -> str | None:
        """Source of ``call`` (a relation between two sides) as the relation ``new_kind``."""
        if len(call.args) < 2:
            return None
        a, b = _seg(self.source, call.args[0]), _seg(self.source, call.args[1])
        if SHORT[new_kind] in self.top:
            return f"{SHORT[new_kind]}({a}, {b})"
        if self.sympy:
            return f"{self.sympy}.{new_kind}({a}, {b}, evaluate=False)"
        return None


def _rel_kind(call: ast.Call) -> str | None:
    return REL_NAMES.get(_call_name(call)) if isinstance(call, ast.Call) else None


def _literals(node: ast.AST, skip: set[int] = frozenset()) -> Iterable[ast.Constant]:
    for n in ast.walk(node):
        if isinstance(n, ast.Constant) and type(n.value) in (int, float) and id(n) not in skip:
            yield n


def _domain_roles(variables: ast.AST) -> tuple[set[int], set[int]]:
    """(ids of literals not mutated, ids of upper bounds) among a statement's variable domains.

    A domain is only ever *widened* (a narrower domain states less: a true statement stays true, so
    the mutant could not be an error): a lower bound moves down, an upper bound ``hi`` of values moves
    up. Not mutated: the largest of a (least, largest) size pair and the ``hi`` of ``Integers`` (search
    caps: how far the search looks, not what the statement assumes), and draw parameters (``scale``)."""
    import dataclasses

    from .. import objects as ob

    caps: set[int] = set()
    uppers: set[int] = set()
    for n in ast.walk(variables):
        if isinstance(n, ast.Tuple) and len(n.elts) == 2:   # (least, largest) sizes
            caps.add(id(n.elts[1]))
        if not isinstance(n, ast.Call):
            continue
        cls = getattr(ob, _call_name(n) or "", None)
        if not (isinstance(cls, type) and dataclasses.is_dataclass(cls)):
            continue
        names = [f.name for f in dataclasses.fields(cls)]
        args = list(zip(names, n.args)) + [(k.arg, k.value) for k in n.keywords]
        for name, value in args:
            if name == "scale" or (name == "hi" and cls is ob.Integers):
                caps |= {id(x) for x in ast.walk(value)}
            elif name == "hi":
                uppers |= {id(x) for x in ast.walk(value)}
    return caps, uppers


def _owners(mod: _Module, node_ids: set[str]) -> dict[str, set[str]]:
    """Top-level function name -> node ids it belongs to (see the module docstring)."""
    funcs = {st.name: st for st in mod.tree.body if isinstance(st, ast.FunctionDef)}
    owners: dict[str, set[str]] = {f: set() for f in funcs}
    assigned: dict[str, ast.AST] = {}
    for n in ast.walk(mod.tree):
        if isinstance(n, ast.Assign):
            for t in n.targets:
                if isinstance(t, ast.Name):
                    assigned[t.id] = n.value
                elif isinstance(t, ast.Tuple) and isinstance(n.value, ast.Tuple) and len(t.elts) == len(n.value.elts):
                    for x, v in zip(t.elts, n.value.elts):
                        if isinstance(x, ast.Name):
                            assigned[x.id] = v

    def called(expr: ast.AST, depth: int = 0) -> set[str]:
        out: set[str] = set()
        for n in ast.walk(expr):
            name = _call_name(n) if isinstance(n, ast.Call) else n.id if isinstance(n, ast.Name) else None
            if name in funcs:
                out.add(name)
            elif isinstance(n, ast.Name) and name in assigned and depth < 3 and assigned[name] is not expr:
                out |= called(assigned[name], depth + 1)
        return out

    for n in ast.walk(mod.tree):
        if isinstance(n, ast.Dict):
            for k, v in zip(n.keys, n.values):
                if isinstance(k, ast.Constant) and k.value in node_ids:
                    for f in called(v):
                        owners[f].add(k.value)
    for name, fn in funcs.items():
        for n in ast.walk(fn):
            if isinstance(n, ast.Call) and _call_name(n) in RECORD_CALLS and n.args and \
                    isinstance(n.args[0], ast.Constant) and n.args[0].value in node_ids:
                owners[name].add(n.args[0].value)
    # a helper belongs to every node of the functions that call it (to a fixed point)
    for _ in range(len(funcs)):
        changed = False
        for name, fn in funcs.items():
            for callee in called(fn) - {name}:
                if not owners[name] <= owners[callee]:
                    owners[callee] |= owners[name]
                    changed = True
        if not changed:
            break
    return owners


def _site_owner(mod: _Module, owners: dict[str, set[str]], node: ast.AST) -> set[str]:
    """Node ids of the top-level statement holding ``node`` (for a module-level name: its users)."""
    for st in mod.tree.body:
        if getattr(st, "lineno", 0) <= node.lineno <= getattr(st, "end_lineno", 0):
            if isinstance(st, ast.FunctionDef):
                return set(owners.get(st.name, ()))
            if isinstance(st, ast.Assign):
                names = {t.id for t in st.targets if isinstance(t, ast.Name)}
                out: set[str] = set()
                for fname, fn in ((s.name, s) for s in mod.tree.body if isinstance(s, ast.FunctionDef)):
                    if any(isinstance(x, ast.Name) and x.id in names for x in ast.walk(fn)):
                        out |= owners.get(fname, set())
                return out
    return set()


def _step_owners(mod: _Module, node_ids: set[str]) -> dict[str, set[str]]:
    """Module-level name -> node ids, for names a node-keyed mapping lists (``{"lemma-C.7": (st, J7)}``,
    ``out["lemma-C.8"] = (st, J8)``; a key ``"node (part)"`` names the node)."""
    out: dict[str, set[str]] = {}

    def add(key: ast.AST, value: ast.AST) -> None:
        if not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
            return
        nid = key.value.partition(" ")[0]
        if nid not in node_ids:
            return
        for n in ast.walk(value):
            name = n.id if isinstance(n, ast.Name) else n.attr if isinstance(n, ast.Attribute) else None
            if name:
                out.setdefault(name, set()).add(nid)

    for n in ast.walk(mod.tree):
        if isinstance(n, ast.Dict):
            for k, v in zip(n.keys, n.values):
                add(k, v)
        elif isinstance(n, ast.Assign):
            for t in n.targets:
                if isinstance(t, ast.Subscript):
                    add(t.slice, n.value)
    return out


def _step_site_owner(mod: _Module, owners: dict[str, set[str]], step_owners: dict[str, set[str]],
                     node: ast.AST) -> set[str]:
    """Node ids of a proof step's site: the module-level tuple holding it (through the mappings that list
    it, here or in a module importing it), else the function holding it."""
    for st in mod.tree.body:
        if getattr(st, "lineno", 0) <= node.lineno <= getattr(st, "end_lineno", 0):
            if isinstance(st, ast.Assign):
                names = {t.id for t in st.targets if isinstance(t, ast.Name)}
                return set().union(*(step_owners.get(x, set()) for x in names)) if names else set()
            return _site_owner(mod, owners, node)
    return set()


def _relation_edits(mod: _Module, n: ast.AST, op: str, what: str) -> list[tuple]:
    """A relation call reversed and its right side moved by one (nothing for a node that is not one)."""
    src, out = mod.source, []
    kind = _rel_kind(n)
    if kind in FLIP and (new := mod.rel_call(n, FLIP[kind])):
        out.append((op, "claim", n, new, f"{what} {_short(_seg(src, n))!r} reversed", _seg(src, n), new))
    if kind and len(n.args) >= 2:
        side = n.args[1]
        new = f"({_seg(src, side)}) + 1"
        out.append((op, "claim", side, new, f"{what} {_short(_seg(src, n))!r}: right side + 1", _seg(src, side), new))
    return out


def _literal_bumps(src: str, node: ast.AST, op: str, what: str) -> list[tuple]:
    """Each numeric literal under ``node`` moved up by one."""
    return [(op, "claim", c, repr(c.value + 1), f"{what} literal {c.value!r} -> {c.value + 1!r}", repr(c.value),
             repr(c.value + 1)) for c in _literals(node)]


def _sites(mod: _Module) -> list[tuple[str, str, ast.AST, str, str, str, str]]:
    """(operator, role, node, new text, description, before, after) for every site of the module."""
    out = []
    src = mod.source
    for call in ast.walk(mod.tree):
        if not isinstance(call, ast.Call):
            continue
        name = _call_name(call)
        if name in STATEMENT_CALLS:
            concl = _kw(call, "conclusion", 1)
            hyps = _kw(call, "hypotheses")
            variables = _kw(call, "variables", 0)
            if concl is not None:
                for n in ast.walk(concl):
                    out += _relation_edits(mod, n, "statement-relation", "conclusion")
                out += _literal_bumps(src, concl, "statement-relation", "conclusion")
            if isinstance(hyps, (ast.Tuple, ast.List)):
                for e in hyps.elts:
                    rest = [_seg(src, x) for x in hyps.elts if x is not e]
                    new = "(" + ", ".join(rest) + ("," if len(rest) == 1 else "") + ")"
                    out.append(("statement-hypothesis", "hypothesis", hyps, new,
                                f"hypothesis {_short(_seg(src, e))!r} dropped", _seg(src, e), ""))
                for n in ast.walk(hyps):
                    kind = _rel_kind(n)
                    if kind in WEAKEN and (new := mod.rel_call(n, WEAKEN[kind])):
                        out.append(("statement-hypothesis", "hypothesis", n, new,
                                    f"hypothesis {_short(_seg(src, n))!r} made non-strict", _seg(src, n), new))
                for c in _literals(hyps):
                    for v in (c.value - 1, c.value + 1):
                        out.append(("statement-hypothesis", "hypothesis", c, repr(v),
                                    f"hypothesis literal {c.value!r} -> {v!r}", repr(c.value), repr(v)))
            if variables is not None:
                caps, uppers = _domain_roles(variables)
                for c in _literals(variables, caps):
                    v = c.value + 1 if id(c) in uppers else c.value - 1   # the domain widened, never narrowed
                    end = "upper " if id(c) in uppers else ""
                    out.append(("statement-domain", "hypothesis", c, repr(v),
                                f"domain {end}bound {c.value!r} -> {v!r}", repr(c.value), repr(v)))
        elif name in STEP_CALLS:
            rel = _kw(call, "relation", 1)
            if _rel_kind(rel) is None:
                continue
            out += _relation_edits(mod, rel, "step-relation", "proof step relation")
            out += _literal_bumps(src, rel, "step-relation", "proof step relation")
        elif name in AXIOM_CALLS:
            formula = _kw(call, "formula")
            if formula is None:
                continue
            for n in ast.walk(formula):
                kind = _rel_kind(n)
                if kind in FLIP and (new := mod.rel_call(n, FLIP[kind])):
                    out.append(("axiom", "axiom", n, new, f"axiom {_short(_seg(src, n))!r} reversed", _seg(src, n), new))
            for c in _literals(formula):
                v = c.value + 1
                out.append(("axiom", "axiom", c, repr(v), f"axiom literal {c.value!r} -> {v!r} in "
                                                           f"{_short(_seg(src, formula))!r}", repr(c.value), repr(v)))
    return out


def _importers(root: Path, path: Path) -> list[str]:
    """Sources of the package's modules that import ``path``'s module (``from . import steps_j8``)."""
    stem, out = path.stem, []
    for other in sorted(list(root.glob("*.py")) + list(root.glob("*/*.py"))):
        if other != path:
            t = other.read_text(encoding="utf-8")
            if re.search(rf"\bimport\b[^\n]*\b{re.escape(stem)}\b", t):
                try:
                    ast.parse(t)
                except SyntaxError:
                    continue
                out.append(t)
    return out


def generate_formal(package_dir: str | Path, node_ids: Iterable[str]) -> list[Mutant]:
    """Every formal-statement and axiom mutant of the package's modules (and one level of subpackages),
    touching at least one declared node, in a fixed order."""
    from .generation import _apply

    root = Path(package_dir)
    ids = set(node_ids)
    out: list[Mutant] = []
    for path in sorted(list(root.glob("*.py")) + list(root.glob("*/*.py"))):
        text = path.read_text(encoding="utf-8")
        if not any(f"{c}(" in text for c in STATEMENT_CALLS + STEP_CALLS + AXIOM_CALLS):
            continue
        try:
            mod = _Module(text)
        except SyntaxError:
            continue
        owners = _owners(mod, ids)
        rel = path.relative_to(root).as_posix()
        if STEP_MODULE in text:   # proof steps are listed by mappings here or in the modules importing them
            step_owners = dict(_step_owners(mod, ids))
            for other in _importers(root, path):
                for k, v in _step_owners(_Module(other), ids).items():
                    step_owners.setdefault(k, set()).update(v)
        else:
            step_owners = {}
        seen: set[str] = set()
        for op, role, node, new_text, what, before, after in _sites(mod):
            if op == "step-relation" and STEP_MODULE not in text:
                continue   # another class named Step (the prover's): not a displayed proof step
            nodes = tuple(sorted(_step_site_owner(mod, owners, step_owners, node) if op == "step-relation"
                                 else _site_owner(mod, owners, node)))
            if not nodes:
                continue
            try:   # an edit that parses to the same tree changes nothing
                if ast.dump(ast.parse(new_text.strip(), mode="eval").body) == ast.dump(node):
                    continue
            except SyntaxError:
                continue
            new = _apply(text, node, new_text)
            if new in seen:
                continue
            seen.add(new)
            out.append(Mutant(f"{rel[:-3]}:{node.lineno}:{op}:{len(out)}", op, rel, node.lineno, nodes, what, role,
                              new, before, after))
    return out
