"""Mutation testing of a paper package's declarations: generate wrong declarations, audit each one.

The engine knows no paper: every function takes the package's name and directory. A mutant is one
small edit of one declaration module's source (the working tree is never touched): a numeric literal
perturbed (in code, or inside a formula text), a relation flipped, a hypothesis dropped or weakened,
an exponent changed, a dependency in ``uses`` swapped. Only code that a declaration reaches is
mutated: the keyword arguments of ``Result(...)`` and of its check specifications that state
something (formulas, claims, hypotheses, relations, uses), and the module-level functions those name
directly. Prose (titles, statements, notes, prose hypotheses), samplers, adversarial lists, grids and
trial counts are left alone: they state nothing the audit could find wrong.

A mutant is *caught* when the audit of the nodes it touches and of every node depending on them
differs from the unmutated audit in a flagged way (a statement/proof status, a node verdict, or the
set of flagged findings with their defect links). A survivor that can be shown to keep every
relation it touches true (a computation, see :func:`equivalence`) is *equivalent*, with the reason.
"""
from __future__ import annotations

import ast
import copy
import importlib
import random
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

OPERATORS = ("literal", "formula-literal", "relation", "hypothesis-drop", "hypothesis-weaken", "exponent",
             "uses-swap")
RELATIONS = {"<": ">", ">": "<", "<=": ">=", ">=": "<=", "==": "<"}
WEAKER_REL = {"<": "<=", ">": ">="}            # a strict hypothesis made non-strict admits more
REVERSED_METHOD = {"lt": "gt", "gt": "lt", "le": "ge", "ge": "le"}
WEAKER_METHOD = {"lt": "le", "gt": "ge"}
REVERSED_CMP = {ast.Lt: ast.Gt, ast.Gt: ast.Lt, ast.LtE: ast.GtE, ast.GtE: ast.LtE, ast.Eq: ast.NotEq}
WEAKER_CMP = {ast.Lt: ast.LtE, ast.Gt: ast.GtE}
#: a declared parameter domain and a strictly larger one (a weakened hypothesis on the parameter)
WIDER_DOMAIN = {"int>=2": "posint", "posint": "nonnegint", "pos": "nonneg", "(0,1)": "(0,1]",
                "(0,1]": "pos", ">=1": "pos"}
RECORD_TYPES = ("Result",)
WITNESS = "witness"
"""Role of a custom check's function: the audit's own construction (a counterexample or example it
certifies), tested by its own unit tests. Its sites are excluded from the mutants and reported as a count."""
#: boundcalc.objects domains whose first argument is a (least, largest) size: the largest is a search cap
SIZE_CAPS = {"Vectors": 1, "Matrices": 1, "Sequences": 1}
SEARCH_KEYWORDS = ("scale", "den", "trials", "screen", "seed")
CLAIM_KEYS = ("lhs", "rhs", "stated", "derived", "a", "b", "condition", "survives", "explicit", "claimed",
              "constants", "claims", "checks", "run")
RELATION_KEYS = ("rel", "follows", "relation")
HYPOTHESIS_KEYS = ("hypotheses", "params")


@dataclass(frozen=True)
class Mutant:
    """One edit of one module: where, what, which declarations it touches, and the mutated source."""

    id: str
    operator: str
    module: str
    line: int
    nodes: tuple[str, ...]
    description: str
    role: str
    source: str = field(repr=False, compare=False)
    before: str = ""
    after: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "operator": self.operator, "module": self.module, "line": self.line,
                "nodes": list(self.nodes), "role": self.role, "description": self.description,
                "before": self.before, "after": self.after}


# ---------------------------------------------------------------- scanning


@dataclass
class _Site:
    operator: str
    role: str
    node: ast.AST          # the AST node whose source segment is replaced
    new_text: str
    description: str
    before: str = ""
    after: str = ""


def _call_name(call: ast.Call) -> str:
    f = call.func
    return f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""


def _is_formula(text: str) -> ast.AST | None:
    """The parsed tree when ``text`` is a formula with an operator (bare names and numbers are not)."""
    from .formula import Formula, FormulaError

    try:
        Formula(text)
    except (FormulaError, ValueError, TypeError, RecursionError):
        return None
    tree = ast.parse(text.strip(), mode="eval").body
    return tree if not isinstance(tree, (ast.Name, ast.Constant)) else None


def _literal_variants(value: int | float) -> list[int | float]:
    return [value + 1, value - 1]


def _short(text: str, n: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n - 3] + "..."


def _formula_sites(text: str, owner: ast.AST, role: str) -> list[_Site]:
    """Literal and exponent mutants inside one formula text (``owner`` is the string literal)."""
    tree = _is_formula(text)
    if tree is None:
        return []
    out = []
    nodes = list(ast.walk(tree))
    for k, n in enumerate(nodes):
        if isinstance(n, ast.BinOp) and isinstance(n.op, ast.Pow):
            new = copy.deepcopy(tree)
            target = list(ast.walk(new))[k]
            target.right = ast.BinOp(target.right, ast.Add(), ast.Constant(1))
            out.append(_formula_site("exponent", role, owner, text, new, "exponent + 1"))
        elif isinstance(n, ast.Constant) and isinstance(n.value, int) and not isinstance(n.value, bool):
            for v in _literal_variants(n.value)[:1] if role != "hypothesis" else _literal_variants(n.value):
                new = copy.deepcopy(tree)
                list(ast.walk(new))[k].value = v
                out.append(_formula_site("formula-literal", role, owner, text, new, f"literal {n.value} -> {v}"))
    return out


def _formula_site(op: str, role: str, owner: ast.AST, text: str, new: ast.AST, what: str) -> _Site:
    after = ast.unparse(new)
    return _Site(op, role, owner, repr(after), f"{what} in formula {text!r}", text, after)


class _Scanner:
    """Collect mutation sites of one top-level statement, by role."""

    def __init__(self, source: str, node_ids: Sequence[str]):
        self.source = source
        self.node_ids = node_ids
        self.sites: list[_Site] = []
        self.names: dict[str, str] = {}   # name referenced -> role
        self.witness_nodes: list[ast.AST] = []   # inline code of custom checks (counted, not mutated)

    def seg(self, n: ast.AST) -> str:
        return ast.get_source_segment(self.source, n) or ast.unparse(n)

    # -- entry points
    def result_call(self, call: ast.Call, own_id: str) -> None:
        for kw in call.keywords:
            if kw.arg == "uses":
                self.uses(kw.value, own_id)
            elif kw.arg == "hypotheses":
                self.prose_or_formula_tuple(kw.value)
            elif kw.arg == "params":
                self.params(kw.value)
            elif kw.arg in ("constants", "claims", "checks"):
                self.specs(kw.value)

    def specs(self, value: ast.AST) -> None:
        if isinstance(value, (ast.Tuple, ast.List)):
            for el in value.elts:
                self.specs(el)
        elif isinstance(value, ast.Call):
            self.spec_call(value)
        elif isinstance(value, ast.Name):
            self.names.setdefault(value.id, "claim")

    def spec_call(self, call: ast.Call) -> None:
        name = _call_name(call)
        if name in ("constant", "Constant", "Formula"):
            for a in call.args[1:2] if name != "Formula" else call.args[:1]:
                self.formula_or_code(a, "claim")
            return
        if name == "claim":
            for i, a in enumerate(call.args):
                if i in (1, 3):
                    self.formula_or_code(a, "claim")
                elif i == 2:
                    self.relation_string(a)
        if name == "Custom" and len(call.args) >= 2:
            # a custom check is the audit's own argument (a witness it builds), not a declaration of the
            # paper: its literals are not mutated, only counted (see WITNESS)
            if isinstance(call.args[1], ast.Name):
                self.names.setdefault(call.args[1].id, WITNESS)
            else:
                self.witness_nodes.append(call.args[1])
        for kw in call.keywords:
            if kw.arg in RELATION_KEYS:
                self.relation_string(kw.value)
            elif kw.arg == "hypotheses":
                self.code(kw.value, "hypothesis")
            elif kw.arg == "assume":
                self.assume(kw.value)
            elif kw.arg == "objects":
                if isinstance(kw.value, ast.Name):
                    self.names.setdefault(kw.value.id, "objects")
                else:
                    self.code(kw.value, "hypothesis")
            elif kw.arg in CLAIM_KEYS:
                self.formula_or_code(kw.value, "claim")

    # -- parts
    def assume(self, value: ast.AST) -> None:
        """Declared hypotheses (a tuple of hypothesis objects): each one dropped, each one's code weakened."""
        if isinstance(value, (ast.Tuple, ast.List)):
            for e in value.elts:
                rest = [self.seg(x) for x in value.elts if x is not e]
                self.sites.append(_Site("hypothesis-drop", "hypothesis", value, "(" + ", ".join(rest) +
                                        ("," if len(rest) == 1 else "") + ")",
                                        f"hypothesis {_short(self.seg(e))!r} dropped", self.seg(e), ""))
        self.code(value, "hypothesis")

    def uses(self, value: ast.AST, own_id: str) -> None:
        if not isinstance(value, (ast.Tuple, ast.List)):
            return
        elts = [e for e in value.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
        if len(elts) != len(value.elts):
            return
        current = {e.value for e in elts}
        others = sorted(set(self.node_ids) - current - {own_id})
        for k, e in enumerate(elts):
            if others:
                pick = others[(len(self.sites) * 7919 + k) % len(others)]
                self.sites.append(_Site("uses-swap", "uses", e, repr(pick), f"uses: {e.value} -> {pick}",
                                        e.value, pick))
            rest = [x.value for x in elts if x is not e]
            self.sites.append(_Site("uses-swap", "uses", value, repr(tuple(rest)), f"uses: {e.value} dropped",
                                    e.value, ""))

    def prose_or_formula_tuple(self, value: ast.AST) -> None:
        """A Result's hypotheses: formula texts are dropped or perturbed; prose is left alone."""
        if not isinstance(value, (ast.Tuple, ast.List)):
            self.code(value, "hypothesis")
            return
        for e in value.elts:
            if isinstance(e, ast.Constant) and isinstance(e.value, str):
                if _is_formula(e.value) is not None:
                    rest = [self.seg(x) for x in value.elts if x is not e]
                    self.sites.append(_Site("hypothesis-drop", "hypothesis", value, "(" + ", ".join(rest) +
                                            ("," if len(rest) == 1 else "") + ")",
                                            f"hypothesis {e.value!r} dropped", e.value, ""))
                    self.sites.extend(_formula_sites(e.value, e, "hypothesis"))
            else:
                self.code(e, "hypothesis")

    def params(self, value: ast.AST) -> None:
        if isinstance(value, ast.Name):
            self.names.setdefault(value.id, "params")
            return
        for el in value.elts if isinstance(value, (ast.Tuple, ast.List)) else [value]:
            if isinstance(el, ast.Name):
                self.names.setdefault(el.id, "params")
            elif isinstance(el, ast.Call) and _call_name(el) == "Param":
                dom = el.args[1] if len(el.args) >= 2 else next(
                    (k.value for k in el.keywords if k.arg == "domain"), None)
                if isinstance(dom, ast.Constant) and dom.value in WIDER_DOMAIN:
                    wide = WIDER_DOMAIN[dom.value]
                    pname = el.args[0].value if el.args and isinstance(el.args[0], ast.Constant) else "?"
                    self.sites.append(_Site("hypothesis-weaken", "hypothesis", dom, repr(wide),
                                            f"domain of {pname}: {dom.value} -> {wide}", dom.value, wide))

    def relation_string(self, value: ast.AST, role: str = "claim") -> None:
        """A relation text: reversed in a claim; a strict one made non-strict in a hypothesis."""
        if isinstance(value, ast.Constant) and value.value in RELATIONS:
            table = WEAKER_REL if role == "hypothesis" else RELATIONS
            if value.value not in table:
                return
            new = table[value.value]
            op = "hypothesis-weaken" if role == "hypothesis" else "relation"
            self.sites.append(_Site(op, role, value, repr(new), f"relation {value.value} -> {new}",
                                    value.value, new))

    def formula_or_code(self, value: ast.AST, role: str) -> None:
        if isinstance(value, ast.Constant) and isinstance(value.value, str):
            self.sites.extend(_formula_sites(value.value, value, role))
        elif isinstance(value, (ast.Tuple, ast.List)) and role == "claim":
            self.specs(value)
        else:
            self.code(value, role)

    def code(self, value: ast.AST, role: str) -> None:
        """Python code of a claim or hypothesis: literals, comparisons, conjunctions, powers, names."""
        for n in ast.walk(value):
            if isinstance(n, ast.Name):
                self.names.setdefault(n.id, role)
            elif isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name):
                self.names.setdefault(f"{n.value.id}.{n.attr}", role)
        self._code_sites(value, role)

    def _code_sites(self, value: ast.AST, role: str) -> None:
        skip: set[int] = set()
        for n in ast.walk(value):
            if isinstance(n, ast.Call):
                fname = _call_name(n)
                if fname in ("Random", "range", "Param") or fname.startswith("_sample"):
                    skip.update(id(x) for a in n.args for x in ast.walk(a))
                for kw in n.keywords:   # search settings of a declared domain, not hypotheses
                    if kw.arg in SEARCH_KEYWORDS:
                        skip.update(id(x) for x in ast.walk(kw.value))
                cap = SIZE_CAPS.get(fname)
                if cap is not None and n.args and isinstance(n.args[0], ast.Tuple) and len(n.args[0].elts) == 2:
                    skip.update(id(x) for x in ast.walk(n.args[0].elts[1]))
                if role == "hypothesis" and (fname.startswith("all") or fname == "and_") and len(n.args) >= 2:
                    for k in range(len(n.args)):
                        new = copy.deepcopy(n)
                        del new.args[k]
                        self.sites.append(_Site("hypothesis-drop", role, n, ast.unparse(new),
                                                f"condition {_short(self.seg(n.args[k]))!r} dropped",
                                                self.seg(n.args[k]), ""))
            elif isinstance(n, ast.Subscript):
                skip.update(id(x) for x in ast.walk(n.slice))
            elif isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant):
                skip.add(id(n.value))
        for n in ast.walk(value):
            if id(n) in skip:
                continue
            if isinstance(n, ast.Constant) and isinstance(n.value, (int, float)) and not isinstance(n.value, bool):
                op = "hypothesis-weaken" if role == "hypothesis" else "literal"
                for v in _literal_variants(n.value):
                    self.sites.append(_Site(op, role, n, repr(v), f"literal {n.value!r} -> {v!r} in code",
                                            repr(n.value), repr(v)))
            elif isinstance(n, ast.Constant) and isinstance(n.value, str):
                if n.value in RELATIONS:
                    self.relation_string(n, role)
                else:
                    self.sites.extend(_formula_sites(n.value, n, role))
            elif isinstance(n, ast.BoolOp) and isinstance(n.op, ast.And) and role == "hypothesis":
                for k in range(len(n.values)):
                    new = copy.deepcopy(n)
                    del new.values[k]
                    text = ast.unparse(new.values[0] if len(new.values) == 1 else new)
                    self.sites.append(_Site("hypothesis-drop", role, n, f"({text})",
                                            f"condition {_short(self.seg(n.values[k]))!r} dropped",
                                            self.seg(n.values[k]), ""))
            elif isinstance(n, ast.Compare) and len(n.ops) == 1:
                table = WEAKER_CMP if role == "hypothesis" else REVERSED_CMP
                if type(n.ops[0]) in table:
                    new = copy.deepcopy(n)
                    new.ops = [table[type(n.ops[0])]()]
                    op = "hypothesis-weaken" if role == "hypothesis" else "relation"
                    self.sites.append(_Site(op, role, n, f"({ast.unparse(new)})",
                                            f"comparison {self.seg(n)!r} -> {ast.unparse(new)!r}",
                                            self.seg(n), ast.unparse(new)))
            elif isinstance(n, ast.Attribute) and n.attr in REVERSED_METHOD and isinstance(
                    getattr(n, "ctx", None), ast.Load):
                table = WEAKER_METHOD if role == "hypothesis" else REVERSED_METHOD
                if n.attr in table:
                    op = "hypothesis-weaken" if role == "hypothesis" else "relation"
                    self.sites.append(_Site(op, role, n, f"{self.seg(n.value)}.{table[n.attr]}",
                                            f"comparison .{n.attr}( -> .{table[n.attr]}(", n.attr, table[n.attr]))
            elif isinstance(n, ast.BinOp) and isinstance(n.op, ast.Pow) and role == "claim":
                self.sites.append(_Site("exponent", role, n.right, f"({self.seg(n.right)} + 1)",
                                        f"exponent {self.seg(n.right)!r} -> {self.seg(n.right)} + 1",
                                        self.seg(n.right), f"{self.seg(n.right)} + 1"))


# ---------------------------------------------------------------- module analysis


def _docstring_free(tree: ast.AST) -> str:
    """ast.dump without docstrings (two sources with equal dumps run the same code)."""
    tree = copy.deepcopy(tree)
    for n in ast.walk(tree):
        body = getattr(n, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) and isinstance(
                getattr(body[0], "value", None), ast.Constant) and isinstance(body[0].value.value, str):
            body[0] = ast.Pass()
    return ast.dump(tree)


def _imports(tree: ast.Module) -> dict[str, tuple[str, str | None]]:
    """Local alias -> (sibling module, name or None for the module itself), for relative imports."""
    out: dict[str, tuple[str, str | None]] = {}
    for st in tree.body:
        if isinstance(st, ast.ImportFrom) and st.level == 1:
            for a in st.names:
                if st.module:
                    out[a.asname or a.name] = (st.module, a.name)
                else:
                    out[a.asname or a.name] = (a.name, None)
    return out


def _top_defs(tree: ast.Module) -> dict[str, ast.stmt]:
    out: dict[str, ast.stmt] = {}
    for st in tree.body:
        if isinstance(st, (ast.FunctionDef, ast.AsyncFunctionDef)):
            out[st.name] = st
        elif isinstance(st, ast.Assign) and len(st.targets) == 1 and isinstance(st.targets[0], ast.Name):
            out[st.targets[0].id] = st
    return out


def _result_id(call: ast.Call) -> str | None:
    for kw in call.keywords:
        if kw.arg == "id" and isinstance(kw.value, ast.Constant) and isinstance(kw.value.value, str):
            return kw.value.value
    return None


def _byte_offsets(source: str) -> list[int]:
    starts, pos = [], 0
    for line in source.encode("utf-8").splitlines(keepends=True):
        starts.append(pos)
        pos += len(line)
    starts.append(pos)
    return starts


def _apply(source: str, node: ast.AST, new_text: str) -> str:
    starts = _byte_offsets(source)
    raw = source.encode("utf-8")
    a = starts[node.lineno - 1] + node.col_offset
    b = starts[node.end_lineno - 1] + node.end_col_offset
    return (raw[:a] + new_text.encode("utf-8") + raw[b:]).decode("utf-8")


def generate(package_dir: str | Path, modules: Iterable[str] | None = None,
             excluded: dict[str, int] | None = None) -> list[Mutant]:
    """Every mutant of the package's declaration modules (those declaring a ``Result(...)``), in a
    fixed order. ``modules`` restricts to these file stems. ``excluded``, when given, receives the
    number of sites left out by reason (``witness``: inside custom checks' functions)."""
    root = Path(package_dir)
    files = sorted(p for p in root.glob("*.py") if p.stem != "__init__")
    if modules is not None:
        wanted = set(modules)
        files = [p for p in files if p.stem in wanted]
    trees: dict[str, ast.Module] = {}
    texts: dict[str, str] = {}
    for p in sorted(root.glob("*.py")):
        texts[p.stem] = p.read_text(encoding="utf-8")
        try:
            trees[p.stem] = ast.parse(texts[p.stem])
        except SyntaxError:
            continue
    decls: dict[str, list[tuple[str, ast.Call]]] = {}
    for stem, tree in trees.items():
        for st in tree.body:
            if isinstance(st, ast.Assign) and isinstance(st.value, ast.Call) and _call_name(st.value) in RECORD_TYPES:
                rid = _result_id(st.value)
                if rid:
                    decls.setdefault(stem, []).append((rid, st.value))
    node_ids = sorted(rid for v in decls.values() for rid, _ in v)
    # helpers reached from declarations: (module, top-level name) -> {role: node ids}
    reach: dict[tuple[str, str], dict[str, set[str]]] = {}
    direct: list[tuple[str, str, _Site]] = []   # (module, owner id, site)
    for stem in [p.stem for p in files]:
        for rid, call in decls.get(stem, []):
            sc = _Scanner(texts[stem], node_ids)
            sc.result_call(call, rid)
            direct.extend((stem, rid, s) for s in sc.sites)
            if excluded is not None:
                for w in sc.witness_nodes:
                    _count_witness(excluded, texts[stem], node_ids, w)
            for name, role in sc.names.items():
                for target in _resolve(stem, name, trees):
                    reach.setdefault(target, {}).setdefault(role, set()).add(rid)
    helper: list[tuple[str, tuple[str, ...], _Site]] = []
    for (stem, name), roles in sorted(reach.items()):
        if modules is not None and stem not in set(modules):
            continue
        st = _top_defs(trees[stem]).get(name)
        if st is None or (isinstance(st, ast.Assign) and isinstance(st.value, ast.Call)
                          and _call_name(st.value) in RECORD_TYPES):
            continue
        for role, owners in sorted(roles.items()):
            if role == WITNESS:   # scanned only to count what is left out (unless also used as a claim)
                if excluded is not None and len(roles) == 1:
                    _count_witness(excluded, texts[stem], node_ids, st)
                continue
            sc = _Scanner(texts[stem], node_ids)
            if role == "params":
                sc.params(st.value if isinstance(st, ast.Assign) else st)
            elif role == "objects" and isinstance(st, ast.Assign):
                sc._code_sites(st.value, "hypothesis")
            elif isinstance(st, ast.Assign):
                continue   # module-level data (grids, tables) states nothing
            else:
                sc._code_sites(st, role)
            helper.extend((stem, tuple(sorted(owners)), s) for s in sc.sites)
    out: list[Mutant] = []
    seen: set[tuple[str, str]] = set()
    for stem, owners, site in [(m, (rid,), s) for m, rid, s in direct] + helper:
        new_source = _apply(texts[stem], site.node, site.new_text)
        key = (stem, new_source)
        if key in seen:
            continue
        seen.add(key)
        try:
            new_tree = ast.parse(new_source)
        except SyntaxError:
            continue
        if _docstring_free(new_tree) == _docstring_free(trees[stem]):
            continue
        mid = f"{stem}:{site.node.lineno}:{site.operator}:{len(out)}"
        out.append(Mutant(mid, site.operator, f"{stem}.py", site.node.lineno, owners, site.description,
                          site.role, new_source, site.before, site.after))
    return out


def _count_witness(excluded: dict[str, int], source: str, node_ids: Sequence[str], node: ast.AST) -> None:
    """Add the sites a custom check's code would have (scanned as a claim) to ``excluded``."""
    sc = _Scanner(source, node_ids)
    sc._code_sites(node, "claim")
    excluded[WITNESS] = excluded.get(WITNESS, 0) + len(sc.sites)


def _resolve(stem: str, name: str, trees: Mapping[str, ast.Module]) -> list[tuple[str, str]]:
    """(module, top-level name) pairs a name used in module ``stem`` refers to (same or sibling module)."""
    imports = _imports(trees[stem])
    head, _, attr = name.partition(".")
    if attr:
        mod, sub = imports.get(head, (None, None))
        if mod in trees and sub is None and attr in _top_defs(trees[mod]):
            return [(mod, attr)]
        return []
    if name in _top_defs(trees[stem]):
        return [(stem, name)]
    mod, sub = imports.get(name, (None, None))
    if mod in trees and sub and sub in _top_defs(trees[mod]):
        return [(mod, sub)]
    return []


def select(mutants: Sequence[Mutant], limit: int | None, seed: int) -> list[Mutant]:
    """A seeded sample of at most ``limit``: operators in turn, each preferring nodes not yet covered."""
    if limit is None or limit >= len(mutants):
        return list(mutants)
    rng = random.Random(seed)
    pools: dict[str, list[Mutant]] = {}
    for m in mutants:
        pools.setdefault(m.operator, []).append(m)
    for pool in pools.values():
        rng.shuffle(pool)
    chosen: list[Mutant] = []
    covered: set[str] = set()
    while len(chosen) < limit and any(pools.values()):
        for op in OPERATORS:
            pool = pools.get(op)
            if not pool or len(chosen) >= limit:
                continue
            k = next((i for i, m in enumerate(pool) if not covered.issuperset(m.nodes)), 0)
            m = pool.pop(k)
            chosen.append(m)
            covered.update(m.nodes)
    order = {m.id: i for i, m in enumerate(mutants)}
    return sorted(chosen, key=lambda m: order[m.id])


# ---------------------------------------------------------------- loading a mutated copy


def fresh_import(package: str, root: str | Path):
    """Import ``package`` from directory ``root`` (which holds ``root/package``), replacing any loaded copy."""
    for key in [k for k in sys.modules if k == package or k.startswith(package + ".")]:
        del sys.modules[key]
    root = str(root)
    while root in sys.path:
        sys.path.remove(root)
    sys.path.insert(0, root)
    importlib.invalidate_caches()
    try:
        from . import paper

        paper.module.cache_clear()
    except (ImportError, AttributeError):
        pass
    return importlib.import_module(package)


def load_registry(package: str, root: str | Path):
    """The registry of ``package`` imported from ``root`` (its ``registry()``; ``paper`` set to the name)."""
    mod = fresh_import(package, root)
    reg = mod.registry()
    try:
        reg.paper = package
    except AttributeError:
        pass
    return reg


def snapshot(package_dir: str | Path, dest: str | Path, package: str, rev: str | None = None) -> Path:
    """A fixed copy of the package at ``dest/package`` (the working tree as it is now, or git ``rev``),
    so that edits made meanwhile reach neither the baseline nor the mutants. Returns the copy's directory."""
    import io
    import subprocess
    import tarfile

    src = Path(package_dir).resolve()
    target = Path(dest) / package
    if rev is None:
        shutil.copytree(src, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        return target
    top = Path(subprocess.run(["git", "-C", str(src), "rev-parse", "--show-toplevel"], check=True,
                              capture_output=True, text=True).stdout.strip())
    rel = src.relative_to(top).as_posix()
    archive = subprocess.run(["git", "-C", str(top), "archive", "--format=tar", rev, rel], check=True,
                             capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(Path(dest) / "_rev", filter="data")
    shutil.move(str(Path(dest) / "_rev" / rel), target)
    return target


def copy_package(package_dir: str | Path, dest: str | Path, package: str, mutant: Mutant | None = None) -> Path:
    """Copy the package to ``dest/package`` (the mutant's module rewritten); returns ``dest``."""
    target = Path(dest) / package
    shutil.copytree(package_dir, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    if mutant is not None:
        (target / mutant.module).write_text(mutant.source, encoding="utf-8")
    return Path(dest)


# ---------------------------------------------------------------- deciding


def dependents(reg, ids: Iterable[str]) -> list[str]:
    """The nodes ``ids`` and every node whose proof uses one of them, transitively (sorted)."""
    users: dict[str, set[str]] = {}
    for r in reg:
        for u in r.uses:
            try:
                users.setdefault(reg.resolve(u), set()).add(r.id)
            except Exception:
                continue
    out, todo = set(), [i for i in ids if i in reg.results]
    while todo:
        i = todo.pop()
        if i in out:
            continue
        out.add(i)
        todo.extend(users.get(i, ()))
    return sorted(out)


CAUGHT_BY = ("status", "flag", "flagged-evidence", "load")
"""How a mutant was caught: a node's statement/proof status or verdict changed; a finding became (or
stopped being) flagged; a flagged finding reports different evidence (its failing count, worst or
first point, the stated value it prints); the mutated declaration did not load or the audit raised."""


def signature(node_report) -> dict[str, Any]:
    """What 'caught' compares for one node: channels, verdict, flagged findings (corrections included)
    with their defect link, and what each flagged finding reports."""
    flagged = sorted({(f.check, f.verdict.value, f.channel or "", f.defect or "") for f in node_report.findings
                      if f.flagged})
    return {"statement": node_report.statement.status, "proof": node_report.proof.status,
            "verdict": node_report.verdict.value, "flagged": [list(t) for t in flagged],
            "flagged_details": sorted([f.check, f.detail] for f in node_report.findings if f.flagged),
            "details": sorted([f.check, f.verdict.value, f.detail] for f in node_report.findings)}


def compare(base: Mapping[str, Any], mutated: Mapping[str, Any]) -> tuple[str | None, str, bool]:
    """(how caught: one of CAUGHT_BY or None, explanation, evidence changed) for node signatures
    ``{id: signature}`` of the affected nodes. The strongest difference over the nodes is reported."""
    changed_evidence = False
    found: list[tuple[int, str, str]] = []
    for nid in sorted(set(base) | set(mutated)):
        a, b = base.get(nid), mutated.get(nid)
        if a is None or b is None:
            found.append((0, "status", f"{nid}: node {'added' if a is None else 'missing'}"))
            continue
        key = next((k for k in ("statement", "proof", "verdict") if a[k] != b[k]), None)
        if key:
            found.append((0, "status", f"{nid}: {key} {a[key]} -> {b[key]}"))
        if a["flagged"] != b["flagged"]:
            new = [t for t in b["flagged"] if t not in a["flagged"]]
            gone = [t for t in a["flagged"] if t not in b["flagged"]]
            what = f"new flagged {new[0][0]} ({new[0][1]})" if new else f"{gone[0][0]} no longer flagged"
            found.append((1, "flag", f"{nid}: {what}"))
        elif a.get("flagged_details") != b.get("flagged_details"):
            old = dict(map(tuple, a.get("flagged_details", [])))
            diff = next((c for c, d in b.get("flagged_details", []) if old.get(c) != d), "?")
            found.append((2, "flagged-evidence", f"{nid}: flagged {diff} reports different evidence: "
                                                 f"{_short(str(dict(map(tuple, b['flagged_details'])).get(diff)), 140)}"))
        if a["details"] != b["details"]:
            changed_evidence = True
    if found:
        _, how, what = min(found)
        return how, what, True
    return None, "no flagged difference on the affected nodes", changed_evidence


def equivalence(mutant: Mutant, base_reg, mut_reg) -> str | None:
    """Why a surviving mutant keeps every relation it touches true, or None (computed, never assumed).

    * the mutated formula has the same value (sympy reduces the difference to 0);
    * every claim and stated-vs-derived relation of the touched nodes is implied by the original one
      at every grid point: the mutated sides moved only in the relation's weaker direction (certified);
    * a hypothesis strengthened: every candidate the mutated check admits, the original admits too
      (certified on the search's candidates), so the same claim is asked of fewer objects.
    """
    if mutant.operator in ("formula-literal", "exponent") and mutant.before and mutant.after:
        same = _same_formula(mutant, base_reg)
        if same:
            return same
    if mutant.role == "claim" and mutant.operator == "relation":
        flip = _flipped_identity(mutant, base_reg, mut_reg)
        if flip:
            return flip
    if mutant.role == "claim":
        return (_weaker_everywhere(mutant, base_reg, mut_reg) or _weaker_on_candidates(mutant, base_reg, mut_reg)
                or _weaker_asymptotic(mutant, base_reg, mut_reg))
    if mutant.role == "hypothesis" and mutant.description.startswith("domain of "):
        return _domain_without_effect(mutant, base_reg)
    if mutant.role == "hypothesis" and mutant.operator != "hypothesis-drop":
        return _stronger_hypothesis(mutant, base_reg, mut_reg)
    return None


def _same_formula(mutant: Mutant, reg) -> str | None:
    from .formula import Formula

    try:
        import sympy

        r = reg.results[mutant.nodes[0]]
        table = r.sympy_symbols()
        for c in r.constants:
            table.setdefault(c.name, sympy.Symbol(c.name, positive=True))
        a, b = Formula(mutant.before).sympy(table), Formula(mutant.after).sympy(table)
        if sympy.simplify(a - b) == 0:
            return f"same value: sympy reduces ({mutant.before}) - ({mutant.after}) to 0"
    except Exception:
        return None
    return None


def _relations(result) -> list[tuple[str, Any, str, Any, tuple]]:
    """(name, lhs formula, rel, rhs formula, grid) of every formula relation of a result."""
    from .checks import StatedVsDerived
    from .formula import Formula

    out = []
    for cl in result.claims:
        out.append((f"claim:{cl.name}", cl.lhs, cl.rel, cl.rhs, ()))
    for spec in result.checks:
        if isinstance(spec, StatedVsDerived):
            out.append((f"stated:{spec.name}", Formula(spec.stated), spec.follows, Formula(spec.derived),
                        tuple(spec.grid)))
    return out


def _weaker_everywhere(mutant: Mutant, base_reg, mut_reg) -> str | None:
    """Every formula relation of the touched nodes implied by the original at every grid point."""
    from .checks import Asymptotic, Citation, Consistency

    points_total = 0
    for nid in mutant.nodes:
        a, b = base_reg.results.get(nid), mut_reg.results.get(nid)
        if a is None or b is None:
            return None
        # only formula relations may differ: every other check must be the same declaration
        other_a = [s for s in a.checks if isinstance(s, (Consistency, Citation, Asymptotic))]
        other_b = [s for s in b.checks if isinstance(s, (Consistency, Citation, Asymptotic))]
        if repr(other_a) != repr(other_b):
            return None
        ra, rb = _relations(a), _relations(b)
        if len(ra) != len(rb) or not ra:
            return None
        syms_a = {c.name: c.formula.text for c in a.constants}
        syms_b = {c.name: c.formula.text for c in b.constants}
        changed = {k for k in syms_a if syms_a.get(k) != syms_b.get(k)}
        used = set()
        for _, l, _, r, _ in ra:
            used |= set(l.symbols) | set(r.symbols)
        for s in list(a.checks):
            for attr in ("a", "b", "condition", "survives", "explicit", "claimed"):
                t = getattr(s, attr, None)
                if isinstance(t, str) and set(changed) & set(_symbols(t)):
                    return None
        for (n1, l1, rel1, r1, grid), (n2, l2, rel2, r2, _) in zip(ra, rb):
            if n1 != n2 or rel1 != rel2:
                return None
            if l1.text == l2.text and r1.text == r2.text and not (changed & (set(l1.symbols) | set(r1.symbols))):
                continue
            if rel1 not in ("<", "<=", ">", ">="):
                return None
            pts = list(grid) or [{}]
            for pt in pts:
                try:
                    ea, eb = a.evaluate(pt), b.evaluate(pt)
                    la, lb, xa, xb = l1.evaluate(ea), l2.evaluate(eb), r1.evaluate(ea), r2.evaluate(eb)
                except Exception:
                    return None
                small = rel1 in ("<", "<=")
                ok_l = lb.compare("<=" if small else ">=", la)
                ok_r = xb.compare(">=" if small else "<=", xa)
                if ok_l is not True or ok_r is not True:
                    return None
                points_total += 1
    if not points_total:
        return None
    return (f"weaker at every grid point: each touched relation's mutated sides moved only in its weaker "
            f"direction (certified at {points_total} point(s)), so the original implies the mutant there")


def _added_value(narrow: str, wide: str):
    """The one value the domain ``wide`` adds to ``narrow`` (from :data:`boundcalc.domains.DECLARED`),
    or None when it adds more (an interval) or is not a widening of that kind."""
    from .domains import DECLARED

    a, b = DECLARED[narrow].normal(), DECLARED[wide].normal()
    if a.integer != b.integer:
        return None
    same_hi = (a.hi, a.hi_closed) == (b.hi, b.hi_closed)
    if same_hi and a.integer and a.lo is not None and b.lo == a.lo - 1:
        return b.lo
    if same_hi and not a.integer and a.lo == b.lo and b.lo_closed and not a.lo_closed:
        return b.lo
    if (a.lo, a.lo_closed) == (b.lo, b.lo_closed) and a.hi == b.hi and b.hi_closed and not a.hi_closed:
        return b.hi
    return None


def _formula_texts(result) -> list[str]:
    """Every formula a node asserts or computes with: constants, claims, hypotheses, the checks' formulas."""
    from .auditing.generic import _spec_formulas

    out = [c.formula.text for c in result.constants]
    out += [t for c in result.claims for t in (c.lhs.text, c.rhs.text)]
    out += list(result.hypotheses)
    return out + [t for spec in result.checks for t in _spec_formulas(spec)]


def _domain_without_effect(mutant: Mutant, base_reg) -> str | None:
    """A widened parameter domain that changes nothing any node asserts: on every touched node the
    parameter occurs in no formula (constant, claim, hypothesis, check) and no quote states its domain,
    or the value the widening adds contradicts a formula hypothesis for every value of the others
    (sympy, with the other parameters' domain assumptions)."""
    from .auditing import symbolic
    from .auditing.values import formula_hypotheses

    name = mutant.description[len("domain of "):].split(":", 1)[0].strip()
    new = _added_value(mutant.before, mutant.after)
    why = []
    for nid in mutant.nodes:
        r = base_reg.results.get(nid)
        if r is None or all(p.name != name for p in r.params):
            return None
        if any(q.declares == f"domain:{name}" for q in getattr(r, "quotes", ()) or ()):
            return None
        if not any(name in _symbols(t) for t in _formula_texts(r)):
            why.append(f"{nid}: no formula reads {name}")
            continue
        if new is None:
            return None
        tab, at = symbolic.table(r), {r.sympy_symbols()[name]: new}
        excluded = next((f"{a.text} {rel} {b.text}" for a, rel, b in formula_hypotheses(r)
                         if symbolic.relation_holds(a.sympy(tab).subs(at), rel, b.sympy(tab).subs(at))[0] is False),
                        None)
        if excluded is None:
            return None
        why.append(f"{nid}: {name} = {new} contradicts the hypothesis {excluded}")
    if not why:
        return None
    return "widened domain without effect: " + "; ".join(why)


def _weaker_asymptotic(mutant: Mutant, base_reg, mut_reg) -> str | None:
    """An O(.) claim 'explicit = O(claimed)' made weaker: the mutated claimed is at least the original
    up to a constant (original/mutated has a finite limit, sympy), or the mutated explicit at most the
    original (mutated/original finite); every other declaration of the node unchanged."""
    from .auditing.asymptotic import ratio_limit
    from .checks import Asymptotic
    from .formula import Formula

    why = []
    for nid in mutant.nodes:
        a, b = base_reg.results.get(nid), mut_reg.results.get(nid)
        if a is None or b is None or len(a.checks) != len(b.checks):
            return None
        if [(c.name, c.formula.text) for c in a.constants] != [(c.name, c.formula.text) for c in b.constants]:
            return None
        if list(map(_relation_key, _relations(a))) != list(map(_relation_key, _relations(b))):
            return None
        for x, y in zip(a.checks, b.checks):
            if not isinstance(x, Asymptotic):
                continue
            if not isinstance(y, Asymptotic) or (x.name, x.variable, x.point, dict(x.held)) != \
                    (y.name, y.variable, y.point, dict(y.held)):
                return None
            if (x.explicit, x.claimed) == (y.explicit, y.claimed):
                continue
            if x.explicit != y.explicit and x.claimed != y.claimed:
                return None
            top, bottom = ((x.claimed, y.claimed) if x.claimed != y.claimed else (y.explicit, x.explicit))
            lim, how = ratio_limit(a, x, Formula(top), Formula(bottom))
            if lim is None or not lim.is_finite:
                return None
            why.append(f"{x.name}: ({top})/({bottom}) -> {lim}")
    if not why:
        return None
    return ("O-claim weakened: " + "; ".join(why) + " (sympy), so the original O bound implies the mutated one")


def _relation_key(rel: tuple) -> tuple:
    """A formula relation of :func:`_relations` by its texts (Formula objects of two loads differ)."""
    return (rel[0], rel[1].text, rel[2], rel[3].text)


def _flipped_identity(mutant: Mutant, base_reg, mut_reg) -> str | None:
    """A non-strict relation flipped between two sides that are identical (sympy): both directions hold."""
    from .auditing import symbolic

    for nid in mutant.nodes:
        a, b = base_reg.results.get(nid), mut_reg.results.get(nid)
        if a is None or b is None:
            return None
        ra, rb = _relations(a), _relations(b)
        diff = [(x, y) for x, y in zip(ra, rb) if _relation_key(x) != _relation_key(y)] if len(ra) == len(rb) else None
        if not diff or len(diff) != 1:
            return None
        (name, l1, rel1, r1, _), (_, l2, rel2, r2, _) = diff[0]
        if (l1.text, r1.text) != (l2.text, r2.text) or rel2 not in ("<=", ">=", "==") or rel1 not in ("<=", ">=", "=="):
            return None
        tab = symbolic.table(a)
        same, how = symbolic.relation_holds(l1.sympy(tab), "==", r1.sympy(tab))
        if same is not True:
            return None
        return (f"both sides of {name} are identical (sympy, constants substituted: {how}), "
                f"so {rel2} holds as {rel1} does")
    return None


def _symbols(text: str) -> set[str]:
    try:
        return {n.id for n in ast.walk(ast.parse(text, mode="eval")) if isinstance(n, ast.Name)}
    except SyntaxError:
        return set()


POOL_DRAWS = 100
"""Draws per search (hand sampler, declared domains, special values) in an equivalence pool."""


def _candidate_pool(*specs) -> list:
    """Candidates of the searches of ``specs``, deduplicated: the hand-written lists and sampler, and
    for declared objects random draws from the domains and the special (extreme, degenerate) values."""
    import itertools

    from . import objects as ob
    from .auditing.falsify import Search

    pool = []
    for spec in specs:
        if spec.adversarial is not None:
            pool.extend(itertools.islice(spec.adversarial(), POOL_DRAWS))
        if spec.sample is not None:
            rng = random.Random(0)
            pool.extend(spec.sample(rng) for _ in range(min(spec.trials, POOL_DRAWS)))
        if spec.objects is not None:
            rng = random.Random(1)
            pool.extend(ob.draw(spec.objects, rng) for _ in range(POOL_DRAWS))
            pool.extend(itertools.islice(Search(spec, 0).specials(), POOL_DRAWS))
    return list({repr(o): o for o in pool}.values())


SAME_BITS = 4096
"""Two inexact values whose enclosures at this precision overlap count as one (an unchanged side of a
relation: balls never certify equality, so an equivalence reason on candidates accepts 2^-4000)."""


def _same_value(x, y) -> bool:
    """Certified equal, or inexact with overlapping enclosures at SAME_BITS (the unchanged side)."""
    if x.compare("==", y) is True:
        return True
    if x.is_exact or y.is_exact:
        return False
    try:
        return bool(x.arb(SAME_BITS).overlaps(y.arb(SAME_BITS)))
    except Exception:
        return False


def _weaker_on_candidates(mutant: Mutant, base_reg, mut_reg) -> str | None:
    """A search's claim weakened: on every candidate both versions admit, each side is unchanged (see
    :func:`_same_value`) or moved in the relation's weaker direction (certified), at least one moved,
    and the hypotheses admit the same candidates."""
    from .auditing.values import to_real
    from .checks import Counterexample

    checked = moved = 0
    for nid in mutant.nodes:
        a, b = base_reg.results.get(nid), mut_reg.results.get(nid)
        if a is None or b is None or [p.domain for p in a.params] != [p.domain for p in b.params]:
            return None
        if [(c.name, c.lhs.text, c.rel, c.rhs.text) for c in a.claims] != \
                [(c.name, c.lhs.text, c.rel, c.rhs.text) for c in b.claims]:
            return None
        sa = [s for s in a.checks if isinstance(s, Counterexample)]
        sb = [s for s in b.checks if isinstance(s, Counterexample)]
        if len(sa) != len(sb) or not sa or len(a.checks) != len(b.checks):
            return None
        for x, y in zip(sa, sb):
            if x.name != y.name or x.rel != y.rel:
                return None
            small = x.rel in ("<", "<=")
            for obj in _candidate_pool(x, y):
                try:
                    hx, hy = x.hypotheses(obj), y.hypotheses(obj)
                    if hx is not hy:
                        return None
                    if hx is not True:
                        continue
                    lx, ly = to_real(x.lhs(obj)), to_real(y.lhs(obj))
                    rx, ry = to_real(x.rhs(obj)), to_real(y.rhs(obj))
                except Exception:
                    return None
                same_l, same_r = _same_value(lx, ly), _same_value(rx, ry)
                if not (same_l and same_r):
                    if x.rel not in ("<", "<=", ">", ">="):
                        return None
                    ok_l = same_l or ly.compare("<=" if small else ">=", lx) is True
                    ok_r = same_r or ry.compare(">=" if small else "<=", rx) is True
                    if not (ok_l and ok_r):
                        return None
                    moved += 1
                checked += 1
    if not checked or not moved:
        return None
    return (f"claim weakened: on {checked} admissible candidates of the search the mutated sides moved only in "
            f"the relation's weaker direction ({moved} moved, certified) and the hypotheses admit the same ones, "
            "so the original claim implies the mutant there")


def _stronger_hypothesis(mutant: Mutant, base_reg, mut_reg) -> str | None:
    """Certified on the candidates of both searches: the mutated hypothesis admits a subset."""
    from .checks import Counterexample

    checked = rejected = 0
    for nid in mutant.nodes:
        a, b = base_reg.results.get(nid), mut_reg.results.get(nid)
        if a is None or b is None or [p.domain for p in a.params] != [p.domain for p in b.params]:
            return None
        sa = [s for s in a.checks if isinstance(s, Counterexample)]
        sb = [s for s in b.checks if isinstance(s, Counterexample)]
        if len(sa) != len(sb) or not sa:
            return None
        for x, y in zip(sa, sb):
            for obj in _candidate_pool(x, y):
                try:
                    hy, hx = y.hypotheses(obj), x.hypotheses(obj)
                except Exception:
                    return None
                if hy is None or (hy is True and hx is not True):
                    return None
                checked += 1
                rejected += hy is not True and hx is True
    if not checked or not rejected:
        return None
    return (f"hypothesis strengthened: of {checked} candidates, every one the mutant admits the original "
            f"admits (certified), and {rejected} the original admits are rejected")


# ---------------------------------------------------------------- running


class _Timeout(Exception):
    pass


def _signatures(report) -> dict[str, Any]:
    return {n.id: signature(n) for n in report.nodes}


def _audit_sigs(reg, nodes: Sequence[str], seed: int, effort: str, paper_text: str | None = None) -> dict[str, Any]:
    from .audit import audit

    kw = {"paper_text": paper_text} if paper_text else {}
    return _signatures(audit(nodes=list(nodes), registry=reg, seed=seed, effort=effort, closure=False, **kw))


def _baseline_task(package: str, package_dir: str, seed: int, effort: str, paper_text: str | None,
                   touched: list[tuple[str, ...]]) -> dict[str, Any]:
    """Signatures of the unmutated package's nodes the mutants can affect (the touched nodes and their
    dependents: a mutant changes its own nodes' uses, never who uses them), loaded from a copy like
    every mutant."""
    with tempfile.TemporaryDirectory() as tmp:
        reg = load_registry(package, copy_package(package_dir, tmp, package))
        nodes = sorted({n for t in touched for n in dependents(reg, t)})
        return _audit_sigs(reg, nodes, seed, effort, paper_text)


def _with_timeout(seconds: int, fn, *args):
    import signal

    def stop(signum, frame):
        raise _Timeout()

    old = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        return fn(*args)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def _mutants_task(package: str, package_dir: str, mutants: list[Mutant], base: dict[str, Any], seed: int,
                  effort: str, timeout: int, paper_text: str | None = None) -> dict[str, Any]:
    """Audit each mutant on its touched nodes and their dependents; compare with ``base``."""
    import time

    out: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        base_reg = load_registry(package, copy_package(package_dir, Path(tmp) / "base", package))
        control = None
        for k, m in enumerate(mutants):
            t0 = time.perf_counter()
            rec: dict[str, Any] = dict(m.to_dict())
            root = copy_package(package_dir, Path(tmp) / f"m{k}", package, m)
            try:
                reg = load_registry(package, root)
            except Exception as exc:   # the engine refuses the mutated declaration when it is loaded
                rec.update(outcome="caught", how=f"declaration rejected at load: {type(exc).__name__}: "
                                                 f"{_short(str(exc), 120)}", load_error=True, caught_by="load")
                out.append(_timed(rec, t0))
                continue
            affected = dependents(reg, m.nodes)
            rec["affected"] = affected
            try:
                sigs = _with_timeout(timeout, _audit_sigs, reg, affected, seed, effort, paper_text)
            except _Timeout:
                rec.update(outcome="timeout", how=f"audit of the affected nodes took over {timeout} s")
                out.append(_timed(rec, t0))
                continue
            except Exception as exc:
                rec.update(outcome="caught", how=f"audit raised {type(exc).__name__}: {_short(str(exc), 120)}",
                           load_error=True, caught_by="load")
                out.append(_timed(rec, t0))
                continue
            by, how, changed = compare({n: base[n] for n in affected if n in base}, sigs)
            rec.update(how=how, evidence_changed=changed)
            if by:
                rec.update(outcome="caught", caught_by=by)
            else:
                try:
                    why = _with_timeout(timeout, equivalence, m, base_reg, reg)
                except (_Timeout, Exception):
                    why = None
                rec["outcome"] = "equivalent" if why else "survived"
                if why:
                    rec["equivalent_reason"] = why
            if control is None:
                # the unmutated copy through the same path must reproduce the baseline exactly
                reg0 = load_registry(package, copy_package(package_dir, Path(tmp) / "control", package))
                control = _audit_sigs(reg0, affected, seed, effort, paper_text) == {n: base[n] for n in affected}
            out.append(_timed(rec, t0))
    return {"results": out, "control": control}


def _timed(rec: dict[str, Any], t0: float) -> dict[str, Any]:
    import time

    rec["seconds"] = round(time.perf_counter() - t0, 2)
    return rec


def evaluate(package: str, package_dir: str | Path, mutants: Sequence[Mutant], *, seed: int = 0,
             effort: str = "default", jobs: int = 1, timeout: int = 120,
             paper_text: str | None = None) -> dict[str, Any]:
    """Run every mutant in worker processes (``jobs`` of them; this process's imports are untouched).

    Returns ``{"results": [one record per mutant, in order], "control": bool}``; ``control`` is True
    when the unmutated copy, audited through the same path, reproduces the baseline.
    """
    from concurrent.futures import ProcessPoolExecutor

    package_dir = str(package_dir)
    with ProcessPoolExecutor(max_workers=max(1, jobs)) as pool:
        base = pool.submit(_baseline_task, package, package_dir, seed, effort, paper_text,
                           [m.nodes for m in mutants]).result()
        chunks = [list(mutants[i::max(1, jobs)]) for i in range(max(1, jobs))]
        futures = [pool.submit(_mutants_task, package, package_dir, c, base, seed, effort, timeout, paper_text)
                   for c in chunks if c]
        parts = [f.result() for f in futures]
    by_id = {r["id"]: r for p in parts for r in p["results"]}
    return {"results": [by_id[m.id] for m in mutants],
            "control": all(p["control"] is not False for p in parts)}


def summarize(results: Sequence[Mapping[str, Any]], available: int,
              excluded: Mapping[str, int] | None = None) -> dict[str, Any]:
    """Counts overall, per operator and per node; the kill rate C / (N - E) and the strict rate that
    does not count a changed flagged finding as a catch; every survivor listed."""
    def tally(rows) -> dict[str, int]:
        t = {"generated": 0, "caught": 0, "equivalent": 0, "survived": 0, "timeout": 0}
        for r in rows:
            t["generated"] += 1
            t[r["outcome"]] += 1
        return t

    per_op = {op: tally([r for r in results if r["operator"] == op]) for op in OPERATORS}
    nodes = sorted({n for r in results for n in r["nodes"]})
    per_node = {n: tally([r for r in results if n in r["nodes"]]) for n in nodes}
    total = tally(results)
    counted = total["generated"] - total["equivalent"]
    rate = total["caught"] / counted if counted else None
    by = {k: sum(1 for r in results if r["outcome"] == "caught" and r.get("caught_by") == k) for k in CAUGHT_BY}
    strict = (total["caught"] - by["flagged-evidence"]) / counted if counted else None
    return {
        "generated": total["generated"], "equivalent": total["equivalent"], "caught": total["caught"],
        "survived": total["survived"], "timeout": total["timeout"], "available": available,
        "kill_rate": None if rate is None else round(rate, 4),
        "strict_kill_rate": None if strict is None else round(strict, 4),
        "caught_by": by,
        "excluded_sites": dict(excluded or {}),
        "goal": {"rate": 0.9, "min_mutants": 100, "min_nodes": 30,
                 "met": bool(rate is not None and rate >= 0.9 and total["generated"] >= 100 and len(nodes) >= 30)},
        "nodes": len(nodes),
        "caught_by_load_error": sum(1 for r in results if r.get("load_error")),
        "survivors_with_changed_evidence": sum(1 for r in results if r["outcome"] == "survived"
                                               and r.get("evidence_changed")),
        "per_operator": per_op, "per_node": per_node,
        "survivors": [{k: r.get(k) for k in ("id", "operator", "nodes", "module", "line", "description",
                                             "before", "after", "evidence_changed", "outcome")}
                      for r in results if r["outcome"] in ("survived", "timeout")],
        "equivalents": [{"id": r["id"], "reason": r["equivalent_reason"]} for r in results
                        if r["outcome"] == "equivalent"],
    }
