"""A printed hypothesis compared with the declared ones by meaning (issue 21, item 7).

A quote of role ``hypothesis`` without ``declares`` (``\\min(d, s) \\geq \\rho \\geq 1``) is split into its
relations (``\\min(d, s) \\geq \\rho`` and ``\\rho \\geq 1``; a chain ``a R b S c`` is ``a R b`` and ``b S c``).
Each relation that bounds one parameter by numbers is gathered with the others on that parameter and
compared, as an exact set, with the parameter's declared domain. Every other relation must be
*equivalent* to a declared one: a relation of the formal statement, or a hypothesis text of the Result
that reads as formulas (``"1 <= rho <= min(d, s)"``). Equivalent means the same strictness and
``lhs - rhs`` equal up to a positive factor, by sympy, or, when sympy cannot tell, the same truth value
at certified points; a certified point where the two disagree is a mismatch. A relation whose symbols
cannot be mapped, or with no declared counterpart over the same parameters, leaves the quote undecided.
"""
from __future__ import annotations

import random
import re
from fractions import Fraction
from typing import Any

_SPLIT = re.compile(r"(\\leq(?![A-Za-z])|\\geq(?![A-Za-z])|\\le(?![A-Za-z])|\\ge(?![A-Za-z])|\\lt(?![A-Za-z])"
                    r"|\\gt(?![A-Za-z])|\\neq(?![A-Za-z])|<=|>=|==|<|>|=)")
_REL = {r"\leq": "<=", r"\le": "<=", r"\geq": ">=", r"\ge": ">=", r"\lt": "<", r"\gt": ">", "<=": "<=",
        ">=": ">=", "<": "<", ">": ">", "=": "==", "==": "==", r"\neq": "!="}


def split_at_relations(s: str, relation) -> tuple[list[str], list[str]]:
    """``s`` split at the relations found outside brackets: (the texts between them, the relations).
    ``relation(s, k)`` gives (end, name) for a relation printed at position ``k``, or None; the readers of
    printed chains (here and :func:`boundcalc.auditing.step_text.split_chain`) differ only in it."""
    parts, rels, depth, last, k = [], [], 0, 0, 0
    while k < len(s):
        ch = s[k]
        if ch in "({[":
            depth += 1
        elif ch in ")}]":
            depth -= 1
        elif depth == 0:
            hit = relation(s, k)
            if hit is not None:
                parts.append(s[last:k])
                rels.append(hit[1])
                k = last = hit[0]
                continue
        k += 1
    parts.append(s[last:])
    return parts, rels


def _relation_at(s: str, k: int) -> tuple[int, str] | None:
    m = _SPLIT.match(s, k)
    return (m.end(), _REL[m.group(1)]) if m else None


def pieces(latex: str) -> list[tuple[str, str, str]]:
    """A printed (chained) relation as (lhs, rel, rhs) texts, split at relations outside brackets."""
    from .quotes import normalize

    parts, rels = split_at_relations(normalize(latex).strip().rstrip(".,;"), _relation_at)
    return [(parts[j].strip(), rels[j], parts[j + 1].strip()) for j in range(len(rels))]


def _sympy_side(text: str, quote, result):
    from .quotes import Quote, quoted_expr

    return quoted_expr(Quote(text, quote.where, role="constant", symbols=quote.symbols), result)


def _declared(result) -> list[tuple[Any, str, Any, str]]:
    """Declared relations as (lhs, rel, rhs, where) in sympy over the result's parameters."""
    import sympy

    from .formula import Formula
    from .quotes import _sym_table

    table = _sym_table(result)
    known = {p.name for p in result.params} | {c.name for c in result.constants}
    out = []
    for h in result.hypotheses:
        chain = re.split(r"(<=|>=|==|<|>)", h)
        if len(chain) < 3:
            continue
        try:
            forms = [Formula(chain[j].strip()) for j in range(0, len(chain), 2)]
        except (ValueError, SyntaxError, TypeError, KeyError):
            continue
        if any(f.symbols - known for f in forms):
            continue            # prose, or names the parameters do not declare
        sides = [f.sympy(table) for f in forms]
        for j in range(len(sides) - 1):
            out.append((sides[j], chain[2 * j + 1], sides[j + 1], f"hypothesis {h!r}"))
    formal = getattr(result, "formal", None)
    if formal is not None:
        names = {p.name: table[p.name] for p in result.params}
        for h in getattr(formal, "hypotheses", ()):
            rel = {sympy.StrictLessThan: "<", sympy.LessThan: "<=", sympy.StrictGreaterThan: ">",
                   sympy.GreaterThan: ">=", sympy.Equality: "=="}.get(type(h))
            if rel is None:
                continue
            subs = {s: names[s.name] for s in h.free_symbols if s.name in names}
            if len(subs) == len(h.free_symbols):
                out.append((h.lhs.xreplace(subs), rel, h.rhs.xreplace(subs), "the formal statement"))
    return out


def _normal(lhs, rel: str, rhs):
    """(expression e, strict) with the relation reading e > 0 (strict) or e >= 0; None for == and !=."""
    if rel in (">", ">="):
        return lhs - rhs, rel == ">"
    if rel in ("<", "<="):
        return rhs - lhs, rel == "<"
    return None


def _equivalent(a, b) -> bool | None:
    """True: same relation (strictness, e_a = c e_b with c > 0 constant); None: sympy cannot tell."""
    import sympy

    from . import symcache

    (ea, sa), (eb, sb) = a, b
    if sa != sb:
        return None
    try:
        if symcache.simplify(ea - eb) == 0:
            return True
        ratio = symcache.simplify(ea / eb)
        if ratio.is_number and ratio.is_positive:
            return True
    except (TypeError, ValueError, ZeroDivisionError, RecursionError, AttributeError):
        return None
    return None


def _truth(expr, strict: bool, point) -> bool | None:
    from .quotes import as_formula

    try:
        v = as_formula(expr).evaluate(point)
    except Exception:  # not evaluable here: undecided
        return None
    return v.compare(">" if strict else ">=", __import__("boundcalc.numbers", fromlist=["Real"]).Real(0))


def _points(result, seed: int = 0, count: int = 24) -> list[dict]:
    from .auditing.values import filled
    from .domains import edges, random_value
    from .numbers import Real

    rng = random.Random(f"hyp:{seed}:{result.id}")
    out = []
    for k in range(count):
        vals = {p.name: (random_value(p.domain, rng) if k % 3 else edges(p.domain)[k % len(edges(p.domain))])
                for p in result.params}
        try:
            env = {n: Real(Fraction(v)) for n, v in filled(result, vals).items()}
            for c in result.constants:
                env[c.name] = c.formula.evaluate(env)
        except Exception:  # a constant undefined at this point: skip it
            continue
        out.append(env)
    return out


def compare_hypothesis(quote, result):
    """Outcome (match / mismatch / undecided) of a printed hypothesis against the declared ones."""
    from .quotes import Outcome, QuoteError

    try:
        rels = pieces(quote.parsed_text)
    except QuoteError as exc:
        return Outcome("undecided", f"cannot read the printed hypothesis: {exc}")
    if not rels:
        return Outcome("undecided", "the printed hypothesis has no relation")
    declared = _declared(result)
    params = {p.name: p for p in result.params}
    bounds: dict[str, list[str]] = {}
    others, notes = [], []
    for lhs, rel, rhs in rels:
        try:
            a, b = _sympy_side(lhs, quote, result), _sympy_side(rhs, quote, result)
        except (QuoteError, ValueError, TypeError, KeyError) as exc:
            return Outcome("undecided", f"cannot map {lhs} {rel} {rhs}: {exc}")
        single = [x for x in (a, b) if getattr(x, "is_Symbol", False) and x.name in params]
        if len(single) == 1 and (a.is_number or b.is_number):
            bounds.setdefault(single[0].name, []).append(f"{lhs} {quote_rel(rel)} {rhs}")
            continue
        others.append((a, rel, b, f"{lhs} {rel} {rhs}"))
    for name, texts in bounds.items():
        same, how = _bounds_vs_domain(texts, quote, params[name])
        if same is None:
            return Outcome("undecided", f"cannot read the printed bounds on {name}: {how}")
        if not same:
            return Outcome("mismatch", f"printed bounds on {name} ({'; '.join(texts)}) differ from its domain: {how}",
                           {"quoted": "; ".join(texts), "declared": str(params[name].domain)})
        notes.append(f"{name}: {how}")
    pts = None
    for a, rel, b, text in others:
        mine = _normal(a, rel, b)
        if mine is None:
            return Outcome("undecided", f"{text}: only inequalities are compared by meaning")
        syms = (a - b).free_symbols
        candidates = [(x, r, y, w) for x, r, y, w in declared if (x - y).free_symbols == syms and _normal(x, r, y)]
        hit = next((w for x, r, y, w in candidates if _equivalent(mine, _normal(x, r, y))), None)
        if hit:
            notes.append(f"{text} = {hit}")
            continue
        if not candidates:
            return Outcome("undecided", f"{text}: no declared relation over the same parameters")
        pts = pts if pts is not None else _points(result)
        for x, r, y, w in candidates:
            theirs = _normal(x, r, y)
            for env in pts:
                t1, t2 = _truth(mine[0], mine[1], env), _truth(theirs[0], theirs[1], env)
                if t1 is not None and t2 is not None and t1 != t2:
                    shown = {k: str(v.as_fraction()) for k, v in env.items() if k in params}
                    return Outcome("mismatch", f"printed {text} and declared {w} disagree at {shown} "
                                               f"(printed {t1}, declared {t2})",
                                   {"quoted": text, "declared": w, "point": shown})
        return Outcome("undecided", f"{text}: equivalence with the declared relation not established")
    return Outcome("match", "; ".join(notes) or "every printed relation is declared", {"method": "by meaning"})


def _bounds_vs_domain(texts: list[str], quote, param) -> tuple[bool | None, str]:
    """The printed bounds on one parameter, met into one set, against its declared domain."""
    from .domains import DomainError, Interval, compare_domain
    from .quotes import quoted_interval, symbol_keys

    iv = Interval(None, False, None, False)
    try:
        for t in texts:
            iv = iv.meet(quoted_interval(t, symbol_keys(quote, param)))
    except DomainError as exc:
        return None, str(exc)
    return compare_domain(param.domain, iv)


def quote_rel(rel: str) -> str:
    return {"<=": r"\leq", ">=": r"\geq", "<": "<", ">": ">", "==": "="}[rel]
