"""Mutation sites of one declaration: which literals, relations, hypotheses and exponents an edit may change."""
from __future__ import annotations

import ast
import copy
from dataclasses import dataclass
from typing import Sequence

from .mutant import _short

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
    from ..formula import Formula, FormulaError

    try:
        Formula(text)
    except (FormulaError, ValueError, TypeError, RecursionError):
        return None
    tree = ast.parse(text.strip(), mode="eval").body
    return tree if not isinstance(tree, (ast.Name, ast.Constant)) else None


def _literal_variants(value: int | float) -> list[int | float]:
    return [value + 1, value - 1]



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

