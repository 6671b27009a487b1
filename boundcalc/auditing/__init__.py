"""Runners for the check specifications of :mod:`boundcalc.checks`, one module per kind.

``run_node(result, ctx)`` returns every finding for one declaration: the generic checks
(symbols, uses, claims) first, then each declared check in order. A runner never raises: a
declaration that cannot be run is an ``unknown`` finding saying why.
"""
from __future__ import annotations

from ..checks import Asymptotic, CalculatorAgrees, Citation, Consistency, Counterexample, Custom, StatedVsDerived
from ..findings import Finding, Verdict
from ..records import Result
from . import asymptotic, budget, calculators, compare, crossnode, falsify, generic, paper_text, search, stated, step_text, transcription
from .context import AuditContext

__all__ = ["AuditContext", "run_node", "run_spec"]


def _custom(result: Result, spec: Custom, ctx: AuditContext) -> list[Finding]:
    out = spec.run(ctx.seed)
    bad = [f for f in out if not isinstance(f, Finding)]
    if bad:
        raise TypeError(f"custom check {spec.name} returned {type(bad[0]).__name__}, not Finding")
    return list(out)


RUNNERS = {
    StatedVsDerived: stated.run,
    Counterexample: search.run,
    Consistency: compare.run_consistency,
    Citation: compare.run_citation,
    Asymptotic: asymptotic.run,
    CalculatorAgrees: calculators.run,
    Custom: _custom,
}


KIND_NAMES = {StatedVsDerived: "stated-vs-derived", Counterexample: "counterexample", Consistency: "consistency",
              Citation: "citation", Asymptotic: "asymptotic", CalculatorAgrees: "calculator", Custom: "custom"}
"""The check-name prefix each runner uses (a budget finding takes its check's name)."""

DEFAULT_CHANNEL = {StatedVsDerived: "proof", Consistency: "text", Citation: "proof", Custom: "proof"}


def _label(found: list[Finding], spec) -> list[Finding]:
    """Give each finding its spec's channel and defect (a runner or a custom check may set its own)."""
    channel = getattr(spec, "target", None) or getattr(spec, "channel", None) or DEFAULT_CHANNEL.get(type(spec))
    for f in found:
        if f.channel is None:
            f.channel = channel or "proof"
        if f.defect is None:
            f.defect = getattr(spec, "defect", None)
    return found


def run_spec(result: Result, spec, ctx: AuditContext) -> list[Finding]:
    """Findings of one check specification (errors become ``unknown`` findings)."""
    return _inherit(result, _label(_run_spec(result, spec, ctx), spec), ctx)


def _inherit(result: Result, found: list[Finding], ctx: AuditContext) -> list[Finding]:
    """A part ``kind:name@part`` of a check (its own finding, so nothing masks it) shows the defect a
    record declares for the whole check ``kind:name`` unless it names one itself."""
    links = {}
    for d in getattr(ctx.registry, "defects", ()) or ():
        for ref in getattr(d, "shown_by", ()):
            links.setdefault(ref, d.id)
    for f in found:
        if f.defect is None and "@" in f.check:
            f.defect = links.get(f"{result.id}/{f.check.split('@', 1)[0]}")
    return found


def _run_spec(result: Result, spec, ctx: AuditContext) -> list[Finding]:
    runner = RUNNERS.get(type(spec))
    name = getattr(spec, "name", type(spec).__name__)
    if runner is None:
        return [Finding(f"check:{name}", Verdict.UNKNOWN, f"no runner for check type {type(spec).__name__}", {})]
    chosen = getattr(spec, "budget", None) or budget.DEFAULT
    try:
        with budget.limit(chosen) as guards:
            return runner(result, spec, ctx)
    except (budget.BudgetExceeded, MemoryError) as exc:
        return [Finding(f"{KIND_NAMES.get(type(spec), type(spec).__name__.lower())}:{name}", Verdict.UNKNOWN,
                        f"budget exhausted: {budget.exhausted(exc, chosen)}; nothing decided",
                        {"budget": {"seconds": chosen.seconds, "memory_mb": chosen.memory_mb},
                         "guards": guards if "guards" in locals() else {}})]
    except Exception as exc:  # a broken declaration must not stop the audit
        return [Finding(f"{type(spec).__name__.lower()}:{name}", Verdict.UNKNOWN,
                        f"check raised {type(exc).__name__}: {exc}", {"error": f"{type(exc).__name__}: {exc}"})]


def _budgeted(fn, result: Result, ctx: AuditContext) -> list[Finding]:
    """A generic check under the engine's default budget (running out raises MemoryError, handled by the
    caller's ``except Exception``, or BudgetExceeded, turned into the same kind of message here)."""
    try:
        with budget.limit(budget.DEFAULT):
            return fn(result, ctx)
    except budget.BudgetExceeded as exc:
        raise RuntimeError(f"budget exhausted: {exc}") from None


def run_node(result: Result, ctx: AuditContext) -> list[Finding]:
    with falsify.effort(ctx.effort):       # the derived search stages scale with --effort too
        return _run_node(result, ctx)


def _run_node(result: Result, ctx: AuditContext) -> list[Finding]:
    findings = generic.unbound_symbols(result, ctx) + generic.dangling_uses(result, ctx)
    try:
        findings += _budgeted(generic.undefined_constants, result, ctx)
    except Exception as exc:
        findings.append(Finding("domain:constants-defined", Verdict.UNKNOWN, f"constants not evaluated at the "
                                f"domain edges: {exc}", {}))
    try:
        findings += _budgeted(generic.claims_at_points, result, ctx)
    except Exception as exc:
        findings.append(Finding("claims", Verdict.UNKNOWN, f"claims could not be evaluated: {exc}", {}))
    for spec in result.checks:
        findings += run_spec(result, spec, ctx)
    try:
        findings += _budgeted(crossnode.run, result, ctx)
    except Exception as exc:
        findings.append(Finding("same-name", Verdict.UNKNOWN, f"constants named alike not compared: {exc}", {},
                                channel="text"))
    for text_check in (transcription.run, paper_text.run, step_text.run):  # quoted = declared; against the text
        try:
            findings += text_check(result, ctx)
        except Exception as exc:
            findings.append(Finding(f"text:{text_check.__module__.rsplit('.', 1)[-1]}", Verdict.UNKNOWN,
                                    f"text check raised {type(exc).__name__}: {exc}", {}, channel="text"))
    return _inherit(result, findings, ctx)
