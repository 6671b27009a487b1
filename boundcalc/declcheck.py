"""Validation of declarations when they are loaded: one line per malformed field.

:class:`~boundcalc.records.Result` calls :func:`result_problems` when it is built and
:class:`~boundcalc.registry.Registry` calls :func:`registry_problems`; both raise
:class:`~boundcalc.records.DeclarationError`, which the CLI prints line by line with exit code 2.
Each line reads ``result ID: FIELD: what is wrong`` so that a new user sees the field to fix without
reading engine source or a traceback.
"""
from __future__ import annotations

from typing import Any, Iterable

STRINGS = ("id", "kind", "title", "statement", "location")
TUPLES = ("aliases", "params", "constants", "hypotheses", "claims", "uses", "checks", "quotes", "proof_refs")


def _is_tuple(v: Any) -> bool:
    return isinstance(v, (tuple, list))


def _t(r, name: str) -> tuple:
    """A tuple field, or () when it is malformed (already reported)."""
    v = getattr(r, name)
    return tuple(v) if _is_tuple(v) else ()


def result_problems(r) -> list[str]:
    """Every malformed field of one Result (empty when it is well formed)."""
    rid = r.id if isinstance(r.id, str) and r.id.strip() else repr(r.id)
    out: list[str] = []

    def bad(field: str, what: str) -> None:
        out.append(f"result {rid}: {field}: {what}")

    for name in STRINGS:
        v = getattr(r, name)
        if not isinstance(v, str) or not v.strip():
            bad(name, f"must be non-empty text, got {v!r}")
    if isinstance(r.id, str) and any(ch.isspace() for ch in r.id):
        bad("id", "must not contain spaces")
    from .records import KINDS

    if isinstance(r.kind, str) and r.kind.strip() and r.kind not in KINDS:
        bad("kind", f"unknown kind {r.kind!r} (one of {', '.join(KINDS)})")
    for name in ("source", "notes"):
        if not isinstance(getattr(r, name), str):
            bad(name, f"must be text, got {type(getattr(r, name)).__name__}")
    if not isinstance(r.data, dict):
        bad("data", f"must be a dict, got {type(r.data).__name__}")
    for name in TUPLES:
        v = getattr(r, name)
        if isinstance(v, str):
            bad(name, f"must be a tuple, got the string {v!r} (write ({v!r},))")
        elif not _is_tuple(v):
            bad(name, f"must be a tuple, got {type(v).__name__}")
    for name in ("aliases", "hypotheses", "uses"):
        for k, v in enumerate(_t(r, name)):
            if not isinstance(v, str) or not v.strip():
                bad(f"{name}[{k}]", f"must be non-empty text, got {v!r}")
    out += _params(r, bad)
    known = {p.name for p in _t(r, "params") if hasattr(p, "name")}
    _constants(r, bad, known)
    _claims(r, bad, known)
    _checks(r, bad)
    _quotes(r, bad, known)
    return out


def _params(r, bad) -> list[str]:
    from .records import Param

    seen: set[str] = set()
    for k, p in enumerate(_t(r, 'params')):
        if not isinstance(p, Param):
            bad(f"params[{k}]", f"must be a Param, got {type(p).__name__}")
            continue
        for what in p.problems():
            bad(f"params[{p.name}]", what)
        if p.name in seen:
            bad(f"params[{p.name}]", "declared twice")
        seen.add(p.name)
    return []


def _formula_problem(f) -> str | None:
    from .records import _Broken

    return f.error if isinstance(f, _Broken) else None


def _constants(r, bad, known: set[str]) -> None:
    from .records import Constant

    for k, c in enumerate(_t(r, 'constants')):
        if not isinstance(c, Constant):
            bad(f"constants[{k}]", f"must be built with constant(...), got {type(c).__name__}")
            continue
        where = f"constants[{c.name}]"
        if not isinstance(c.name, str) or not c.name.isidentifier():
            bad(where, f"name {c.name!r} is not an identifier")
        elif c.name in known:
            bad(where, "the name is already a parameter or an earlier constant")
        err = _formula_problem(c.formula)
        if err:
            bad(where, f"formula {c.formula.text!r}: {err}")
        else:
            unbound = c.formula.symbols - known
            if unbound:
                bad(where, f"formula uses {', '.join(sorted(unbound))}, neither a parameter nor an earlier constant")
        known.add(c.name)


def _claims(r, bad, known: set[str]) -> None:
    from .records import RELATIONS, Claim

    for k, cl in enumerate(_t(r, 'claims')):
        if not isinstance(cl, Claim):
            bad(f"claims[{k}]", f"must be built with claim(...), got {type(cl).__name__}")
            continue
        where = f"claims[{cl.name}]"
        if cl.rel not in RELATIONS:
            bad(where, f"relation {cl.rel!r} is not one of {' '.join(RELATIONS)}")
        if cl.channel not in ("statement", "proof", "text"):
            bad(where, f"channel {cl.channel!r} is not statement, proof or text")
        for side, f in (("lhs", cl.lhs), ("rhs", cl.rhs)):
            err = _formula_problem(f)
            if err:
                bad(where, f"{side} {f.text!r}: {err}")
            else:
                unbound = f.symbols - known
                if unbound:
                    bad(where, f"{side} uses {', '.join(sorted(unbound))}, neither a parameter nor a constant")


def _checks(r, bad) -> None:
    seen: set[str] = set()
    for k, c in enumerate(_t(r, 'checks')):
        name = getattr(c, "name", None)
        if not isinstance(name, str) or not name.strip():
            bad(f"checks[{k}]", f"must be a check of boundcalc.checks (Counterexample, Custom, ...), got "
                                f"{type(c).__name__}")
            continue
        if name in seen:
            bad(f"checks[{name}]", "two checks share this name (findings would be indistinguishable)")
        seen.add(name)
        for attr in ("lhs", "rhs", "hypotheses", "sample", "run"):
            v = getattr(c, attr, None)
            if attr in getattr(type(c), "__dataclass_fields__", {}) and v is not None and not callable(v) \
                    and not isinstance(v, (str, tuple, list)):
                bad(f"checks[{name}]", f"{attr} must be callable, got {type(v).__name__}")


def _quotes(r, bad, known: set[str]) -> None:
    from .formula import Formula, FormulaError
    from .quotes import DOMAIN_PREFIX, ProofRef, Quote

    names = {c.name for c in _t(r, "constants") if hasattr(c, "name")} | \
        {c.name for c in _t(r, "claims") if hasattr(c, "name")}
    params = {p.name for p in _t(r, "params") if hasattr(p, "name")}
    for k, q in enumerate(_t(r, 'quotes')):
        if not isinstance(q, Quote):
            bad(f"quotes[{k}]", f"must be a Quote, got {type(q).__name__}")
            continue
        d = q.declares
        if d is not None and q.role != "citation":
            if not isinstance(d, str) or not d.strip():
                bad(f"quotes[{k}]", f"declares must be text, got {d!r}")
            elif d.startswith(DOMAIN_PREFIX):
                if d[len(DOMAIN_PREFIX):].strip() not in params:
                    bad(f"quotes[{k}]", f"declares {d!r}: {d[len(DOMAIN_PREFIX):].strip()!r} is not a parameter")
            elif d not in names:
                problem = _formula_text_problem(d, known | names)
                if problem:
                    bad(f"quotes[{k}]", f"declares {d!r} is not a constant or claim name, and as a formula: {problem}")
        for sym, text in dict(q.symbols).items():
            try:
                f = Formula(str(text))
            except FormulaError as exc:
                bad(f"quotes[{k}]", f"symbol {sym!r} maps to {text!r}: {exc}")
                continue
            unbound = f.symbols - known
            if unbound:
                bad(f"quotes[{k}]", f"symbol {sym!r} maps to {text!r}, which uses unknown {', '.join(sorted(unbound))}")
    for k, pr in enumerate(_t(r, 'proof_refs')):
        if not isinstance(pr, ProofRef):
            bad(f"proof_refs[{k}]", f"must be a ProofRef, got {type(pr).__name__}")


def _formula_text_problem(text: str, known: set[str]) -> str | None:
    """Why a quote's ``declares`` text is not a formula (or relation) of the known names; None if it is."""
    import re

    from .formula import Formula, FormulaError

    parts = re.split(r"<=|>=|==|<|>", text)
    if len(parts) > 2:
        return "more than one relation"
    for part in parts:
        try:
            f = Formula(part)
        except FormulaError as exc:
            return str(exc)
        unbound = f.symbols - known
        if unbound:
            return f"uses {', '.join(sorted(unbound))}, not declared"
    return None


def registry_problems(results: Iterable) -> list[str]:
    """Problems across results: duplicate ids, aliases that are ids, and ``uses`` ids that do not exist."""
    from .records import Result

    given = list(results)
    out: list[str] = [f"registry: entry {k}: must be a Result, got {type(r).__name__}"
                      for k, r in enumerate(given) if not isinstance(r, Result)]
    results = [r for r in given if isinstance(r, Result)]
    ids: dict[str, str] = {}
    for r in results:
        key = r.id.lower()
        if key in ids:
            out.append(f"result {r.id}: id: declared twice")
        ids[key] = r.id
    aliases = {a.lower() for r in results for a in r.aliases}
    for r in results:
        for a in r.aliases:
            if a.lower() in ids and ids[a.lower()] != r.id:
                out.append(f"result {r.id}: aliases: {a!r} is the id of another result")
    for r in results:
        for u in r.uses:
            if u.lower() not in ids and u.lower() not in aliases:
                import difflib

                close = [ids[k] for k in difflib.get_close_matches(u.lower(), list(ids), n=3, cutoff=0.8)]
                hint = f" (did you mean {', '.join(close)}?)" if close else ""
                out.append(f"result {r.id}: uses: {u!r} is not a declared result{hint}")
    return out
