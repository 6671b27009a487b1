"""Generating mutants: scan the declaration modules, apply each site's edit, and draw a seeded sample."""
from __future__ import annotations

import ast
import random
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from .mutant import OPERATORS, Mutant
from .sites import RECORD_TYPES, WITNESS, _call_name, _Scanner, _Site


def _docstrings(tree: ast.AST) -> set[int]:
    """ids of the docstring literals of a tree."""
    out = set()
    for n in ast.walk(tree):
        body = getattr(n, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) and isinstance(
                getattr(body[0], "value", None), ast.Constant) and isinstance(body[0].value.value, str):
            out.add(id(body[0].value))
    return out


def _same_code(site: _Site) -> bool:
    """True when the site's replacement text parses to the node it replaces (the edit changes nothing)."""
    try:
        return ast.dump(ast.parse(site.new_text.strip(), mode="eval").body) == ast.dump(site.node)
    except SyntaxError:
        return False


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
    """Every mutant of the package's declaration modules (those declaring a ``Result(...)``), then of its
    formal statements and axioms (:func:`.formal_sites.generate_formal`, only without ``modules``), in a
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
    docs = {stem: _docstrings(tree) for stem, tree in trees.items()}
    for stem, owners, site in [(m, (rid,), s) for m, rid, s in direct] + helper:
        if id(site.node) in docs[stem] or _same_code(site):
            continue   # a docstring, or an edit that parses to the same code
        new_source = _apply(texts[stem], site.node, site.new_text)
        key = (stem, new_source)
        if key in seen:
            continue
        seen.add(key)
        try:
            ast.parse(new_source)
        except SyntaxError:
            continue
        mid = f"{stem}:{site.node.lineno}:{site.operator}:{len(out)}"
        out.append(Mutant(mid, site.operator, f"{stem}.py", site.node.lineno, owners, site.description,
                          site.role, new_source, site.before, site.after))
    if modules is None:
        from .formal_sites import generate_formal

        out.extend(generate_formal(root, node_ids))
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

