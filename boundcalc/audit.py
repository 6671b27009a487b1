"""The audit engine: run every node's checks and derive verdicts over the lemma graph.

``audit()`` returns an :class:`AuditReport` (data, not text). A node's verdict is the worst of its
findings (``unknown`` with a reason when nothing was checked). ``dependencies_verified`` is derived
from the graph on every run, never stored: it is True when every result the node's proof uses,
transitively, is verified.
"""
from __future__ import annotations

from concurrent.futures import Executor
from dataclasses import dataclass, field, fields, replace
from fractions import Fraction
from typing import Any, Callable, Iterable, Mapping, Sequence

from .auditing import AuditContext, run_node
from .auditing.falsify import effort as search_effort
from .auditing.values import json_safe
from .errors import InputError
from .defects import Defect, derive
from .findings import SEVERITIES, SEVERITY, Finding, Verdict
from .numbers import parse_exact
from .records import Result, check_domain
from .registry import Registry

MAX_DIGITS = 1000


SCHEMA = "boundcalc.audit/3"
STATEMENT_STATES = ("proved", "verified-at-points", "refuted", "refuted-under-hypothesis", "unknown")
PROOF_STATES = ("checked", "gap", "unchecked")


@dataclass
class Channel:
    """One channel of a node (statement or proof): its status, why, and the findings that decide it."""

    status: str
    reason: str
    findings: list[str] = field(default_factory=list)
    under: list[str] = field(default_factory=list)
    """For ``refuted-under-hypothesis``: the named hypotheses (e.g. SETH) the refutation assumes."""

    def to_dict(self) -> dict[str, Any]:
        out = {"status": self.status, "reason": self.reason, "findings": list(self.findings)}
        if self.under:
            out["under"] = list(self.under)
        return out


def statement_channel(fs: list[Finding]) -> Channel:
    """Derived, never declared: refuted by a certified statement-level counterexample; proved by a
    checked proof record; verified-at-points when the statement's claims are certified at points."""
    mine = [f for f in fs if f.channel == "statement"]
    bad = [f for f in mine if f.verdict is Verdict.REFUTED and not f.evidence.get("under")]
    if bad:
        return Channel("refuted", bad[0].detail, [f.check for f in bad])
    cond = [f for f in mine if f.verdict is Verdict.REFUTED]
    if cond:   # refuted under a named hypothesis (e.g. SETH): a checked reduction, not a counterexample
        under = sorted({str(f.evidence["under"]) for f in cond})
        return Channel("refuted-under-hypothesis", f"refuted under {' and '.join(under)}: {cond[0].detail}",
                       [f.check for f in cond], under=under)
    proved = [f for f in mine if f.check == "proof-record" and f.verdict is Verdict.VERIFIED]
    if proved:
        return Channel("proved", proved[0].detail, [f.check for f in proved])
    pts = [f for f in mine if f.verdict is Verdict.VERIFIED and isinstance(f.evidence.get("points"), list)]
    if pts and not [f for f in mine if f.check.startswith("claim:") and f.verdict is not Verdict.VERIFIED]:
        n = sum(len(f.evidence["points"]) for f in pts)
        how = next((f.evidence["chosen"] for f in pts if f.evidence.get("chosen")), None)
        return Channel("verified-at-points", f"signs certified at {n} point(s) only; not a proof for all values"
                       + (f"; points chosen as {how}" if how else ""),
                       [f.check for f in pts])
    unknown = [f for f in mine if f.verdict is Verdict.UNKNOWN]
    if unknown:
        return Channel("unknown", unknown[0].detail, [f.check for f in unknown])
    return Channel("unknown", "no check of the statement as written" if not mine else mine[0].detail)


def proof_channel(fs: list[Finding]) -> Channel:
    """gap when a proof step fails (a proof-channel finding is flagged, or a proof record leaves a step
    open); checked when a machine-checked proof record closes every step and every declared step of the
    paper's proof (``step:`` findings, :mod:`.auditing.steps`) is proved or certified at every searched
    point; else unchecked."""
    bad = [f for f in fs if f.channel == "proof" and f.flagged]
    if bad:
        return Channel("gap", bad[0].detail, [f.check for f in bad])
    rec = [f for f in fs if f.check == "proof-record"]
    steps = [f for f in fs if f.channel == "proof" and f.check.startswith("step:")]
    open_ = [f for f in steps if f.verdict is not Verdict.VERIFIED]
    if rec and rec[0].verdict is Verdict.VERIFIED and open_:
        return Channel("unchecked", f"the proof record closes, but {len(open_)} of {len(steps)} declared proof "
                       f"step(s) are not certified: {open_[0].detail}", [f.check for f in open_])
    if rec and rec[0].verdict is Verdict.VERIFIED:
        done = f"; every declared proof step ({len(steps)}) proved or certified at every searched point" if steps else ""
        return Channel("checked", rec[0].detail + done, [rec[0].check] + [f.check for f in steps])
    if rec:
        return Channel("gap", rec[0].detail, [rec[0].check])
    return Channel("unchecked", "no machine-checked proof record")


def summary_verdict(statement: Channel, fs: list[Finding]) -> Verdict:
    """The node-level summary kept for existing consumers, derived so that it never contradicts the
    channels (docs/audit.md, "The summary verdict"), in this order: statement refuted -> refuted; refuted
    under a named hypothesis -> unsupported; statement proved -> verified (the paper's own proof gaps and
    flagged text findings stay in their channels and defects); a flagged proof or statement finding ->
    unsupported; statement verified at points -> verified; a flagged text finding -> inconsistent; else
    unknown. A misprint in a proved lemma's display therefore no longer makes it 'inconsistent'."""
    if statement.status == "refuted":
        return Verdict.REFUTED
    if statement.status == "refuted-under-hypothesis":
        return Verdict.UNSUPPORTED
    if statement.status == "proved":
        return Verdict.VERIFIED
    flagged = [f for f in fs if f.flagged and f.channel in ("statement", "proof", "text")]
    if any(f.channel in ("proof", "statement") for f in flagged):
        return Verdict.UNSUPPORTED
    if statement.status == "verified-at-points":
        return Verdict.VERIFIED
    if flagged:
        return Verdict.INCONSISTENT
    return Verdict.UNKNOWN


@dataclass
class NodeReport:
    """One node's audit: identity, place in the graph, the two channels, summary verdict and findings."""

    id: str
    aliases: list[str]
    title: str
    kind: str
    location: str
    verdict: Verdict
    reason: str
    findings: list[Finding]
    dependencies_verified: bool
    unverified_dependencies: list[str]
    uses: list[str]
    used_by: list[str]
    statement: Channel = field(default_factory=lambda: Channel("unknown", ""))
    proof: Channel = field(default_factory=lambda: Channel("unchecked", ""))
    dependencies_proved: bool = False
    trusted_base: list[dict[str, str]] = field(default_factory=list)
    formal: dict[str, Any] = field(default_factory=dict)
    """The node's formal statement as shown to the reader (prose, hypotheses, conclusion), when declared."""

    def to_dict(self) -> dict[str, Any]:
        out = {
            "id": self.id, "aliases": list(self.aliases), "title": self.title, "kind": self.kind,
            "location": self.location, "statement": self.statement.to_dict(), "proof": self.proof.to_dict(),
            "verdict": self.verdict.value, "reason": self.reason,
            "dependencies_verified": self.dependencies_verified,
            "dependencies_proved": self.dependencies_proved,
            "unverified_dependencies": list(self.unverified_dependencies),
            "uses": list(self.uses), "used_by": list(self.used_by),
            "findings": [json_safe(f.to_dict()) for f in self.findings],
        }
        if self.trusted_base:
            out["trusted_base"] = list(self.trusted_base)
        if self.formal:
            out["formal_statement"] = dict(self.formal)
        return out


@dataclass
class AuditReport:
    """The audit of some nodes (in dependency order), its defects, counts and the settings that reproduce it."""

    nodes: list[NodeReport]
    seed: int
    digits: int
    params: dict[str, str] = field(default_factory=dict)
    focus: str | None = None
    orphan_evidence: list[str] = field(default_factory=list)
    defects: list[dict[str, Any]] = field(default_factory=list)

    @property
    def summary(self) -> dict[str, Any]:
        by_verdict = {v.value: 0 for v in SEVERITY}
        by_finding = {v.value: 0 for v in SEVERITY}
        statement = {k: 0 for k in STATEMENT_STATES}
        proof = {k: 0 for k in PROOF_STATES}
        for n in self.nodes:
            by_verdict[n.verdict.value] += 1
            statement[n.statement.status] += 1
            proof[n.proof.status] += 1
            for f in n.findings:
                by_finding[f.verdict.value] += 1
        by_sev = {k: 0 for k in SEVERITIES}
        by_kind = {"computed": 0, "reading": 0}
        for d in self.defects:
            by_sev[d["severity"]] += 1
            by_kind[d["kind"]] += 1
        flagged = sum(f.flagged and f.channel != "correction" for n in self.nodes for f in n.findings)
        return {
            "defects": {"distinct": len(self.defects), "by_severity": by_sev, "by_kind": by_kind,
                        "flagged_findings": flagged},
            "nodes": len(self.nodes),
            "statement": statement,
            "proof": proof,
            "verdicts": by_verdict,
            "findings": by_finding,
            "dependencies_verified": sum(n.dependencies_verified for n in self.nodes),
            "refuted": [n.id for n in self.nodes if n.statement.status == "refuted"],
        }

    @property
    def exit_code(self) -> int:
        """1 when some reported statement is refuted, else 0 (the CLI's exit status)."""
        return 1 if any(n.statement.status == "refuted" for n in self.nodes) else 0

    def node(self, key: str) -> NodeReport:
        return next(n for n in self.nodes if n.id == key)

    def to_dict(self) -> dict[str, Any]:
        out = {"schema": SCHEMA, "summary": self.summary, "defects": json_safe(self.defects),
               "nodes": [n.to_dict() for n in self.nodes],
               "seed": self.seed, "digits": self.digits, "params": dict(self.params), "focus": self.focus}
        if self.orphan_evidence:
            out["orphan_evidence"] = list(self.orphan_evidence)
        return out


# ---------------------------------------------------------------- validation


def _default_registry() -> Registry:
    from . import paper

    return paper.load()


def _validate(reg: Registry, node: str | None, digits: Any, seed: Any,
              params: Mapping[str, Any] | None) -> tuple[str | None, int, int, dict[str, str]]:
    """Check every input before anything is computed (InputError, one line)."""
    if isinstance(digits, bool) or not isinstance(digits, int) or not 1 <= digits <= MAX_DIGITS:
        raise InputError(f"digits must be an integer from 1 to {MAX_DIGITS}, got {digits!r}")
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise InputError(f"seed must be a non-negative integer, got {seed!r}")
    target = reg.resolve(node) if node is not None else None
    scope = [reg.results[target]] if target else list(reg)
    clean: dict[str, str] = {}
    for name, raw in sorted((params or {}).items()):
        q = parse_exact(raw, name)
        owners = [r for r in scope if any(p.name == name for p in r.params)]
        if not owners:
            where = f"node {target}" if target else "any node"
            raise InputError(f"parameter {name!r} is not a parameter of {where}")
        for r in owners:
            check_domain(f"{name} (for {r.id})", r.param(name).domain, q)
        if max(abs(q.numerator), q.denominator).bit_length() > 13000:     # the interpreter prints <= 4300 digits
            raise InputError(f"--param {name}: more than 3900 digits; the audit takes parameters up to 10^±3900")
        clean[name] = str(q.numerator) if q.denominator == 1 else f"{q.numerator}/{q.denominator}"
    return target, digits, seed, clean


# ---------------------------------------------------------------- evaluator evidence


def _evaluator_evidence(reg: Registry, seed: int) -> tuple[dict[str, list[Finding]], list[str]]:
    """Findings from the paper package's ``evidence(seed)`` by node id (none provided: nothing)."""
    from . import paper

    raw = paper.evidence(reg, seed)
    pairs: Iterable = raw.items() if isinstance(raw, Mapping) else raw
    out: dict[str, list[Finding]] = {}
    orphans: list[str] = []
    for item in pairs:
        if isinstance(item, Finding):
            key, found = item.evidence.get("node"), [item]
        else:
            key, found = item
            found = [found] if isinstance(found, (Finding, Mapping)) else list(found)
        found = [f if isinstance(f, Finding) else Finding(str(f["check"]), Verdict(f["verdict"]),
                                                          str(f.get("detail", "")), dict(f.get("evidence", {})))
                 for f in found]
        try:
            rid = reg.resolve(str(key))
        except (InputError, ValueError):
            orphans.append(str(key))
            continue
        out.setdefault(rid, []).extend(found)
    return out, sorted(set(orphans))


# ---------------------------------------------------------------- the audit


def _closure(reg: Registry, start: str) -> set[str]:
    """The node and everything its proof uses, transitively (declared ids only)."""
    seen, todo = set(), [start]
    while todo:
        rid = todo.pop()
        if rid in seen:
            continue
        seen.add(rid)
        for u in reg.results[rid].uses:
            try:
                todo.append(reg.resolve(u))
            except InputError:
                pass
    return seen


def _proof_records(reg: Registry) -> Mapping[str, Any]:
    """Machine-checkable proof records the paper's package declares (``registry.proofs``), if any."""
    return getattr(reg, "proofs", None) or {}


def _check_records(records: Mapping[str, Any], reg: Registry | None = None, seed: int = 0) -> dict[str, Any]:
    """Check every proof record, each after the records it instantiates (``record.uses``), against its
    declared formal statement, with every axiom checked (:mod:`.auditing.proofcheck`).

    Returns key -> outcome; a record whose used results are not yet checked waits for them, and one that
    uses an unproved result is checked last (the checker then leaves that instantiation open)."""
    from .auditing.proofcheck import check_records

    return check_records(reg, records, seed)[0]


def _trusted_base(key: str, outcomes: Mapping[str, Any], statements: Mapping[str, Any],
                  reg: Registry) -> list[dict[str, str]]:
    """Axioms a proved statement rests on, through every record it instantiates, and those results'
    own statement status (a proof resting on an unproved or refuted result says so)."""
    base: dict[str, dict[str, str]] = {}
    seen, todo = set(), [key]
    while todo:
        k = todo.pop()
        if k in seen or k not in outcomes:
            continue
        seen.add(k)
        how = {c.name: c for c in getattr(outcomes[k], "axiom_checks", [])}
        for a in outcomes[k].axioms:
            entry = {"name": a.name, "reference": a.reference, "kind": "axiom", "via": k}
            if a.name in how:
                from .auditing.proofcheck import base_entry

                entry.update(base_entry(how[a.name]))
            base.setdefault(f"axiom:{a.name}", entry)
        for u in outcomes[k].uses:
            status = statements[u].status if u in statements else (
                "proved" if outcomes.get(u) is not None and outcomes[u].status == "checked" else "unproved")
            base.setdefault(f"result:{u}", {"name": u, "reference": "result of this paper", "kind": "result",
                                            "status": status, "via": k})
            todo.append(u)
    return [base[k] for k in sorted(base)]


NO_REASON = "none declared: this result claims something, but neither a formal statement nor a reason is declared"
"""Shown in place of a formal statement for a claiming result that declares neither (a declaration gap)."""


def _formal(r: Result) -> dict[str, Any]:
    """The declared formal statement's text for the report, or ``{"absent": why}`` when none is declared
    (the declared reason, the kind's when it claims nothing, or :data:`NO_REASON`)."""
    st = getattr(r, "formal", None)
    if st is None:
        return {"absent": r.formal_absence() or NO_REASON}
    from .statements import text

    return {"prose": st.prose(), "hypotheses": st.hypothesis_texts(),
            "conclusion": [text(c) for c in st.conclusion]}


def _record_finding(outcome) -> Finding:
    """A proof record's outcome as a statement-channel finding (VERIFIED only when every step closed)."""
    ok = outcome.status == "checked"
    if ok:
        axioms = ", ".join(a.name for a in outcome.axioms) or "none"
        uses = f"; instantiates: {', '.join(outcome.uses)}" if outcome.uses else ""
        detail = f"proved: every step machine-checked (axioms: {axioms}{uses})"
    else:
        open_steps = [s for s in outcome.steps if s.status != "closed"]
        first = open_steps[0] if open_steps else None
        detail = (f"proof record leaves step {first.name} open: {first.residual}" if first
                  else "proof record does not conclude the statement")
        if outcome.reason.startswith(("does not prove the declared", "rests on refuted")):
            detail = f"proof record {outcome.reason}"
    evidence = {"proof": outcome.to_dict()}
    if getattr(outcome, "axiom_checks", None):
        evidence["axiom_checks"] = [c.to_dict() for c in outcome.axiom_checks]
    return Finding("proof-record", Verdict.VERIFIED if ok else Verdict.UNKNOWN, detail, evidence,
                   channel="statement")


#: ``audit --effort`` levels: the multiplier applied to every search size (trials, screens)
from .settings import EFFORT, MAX_JOBS  # noqa: E402  (light module shared with the commands)
SCALED_FIELDS = ("trials", "screen")


def _validate_run(reg: Registry, effort: Any, jobs: Any, executor: Any) -> tuple[Fraction, int]:
    """Check effort, jobs and executor before any work (InputError, one line)."""
    if not isinstance(effort, str) or effort not in EFFORT:
        raise InputError(f"effort must be one of {', '.join(EFFORT)}, got {str(effort)[:40]!r}")
    if isinstance(jobs, bool) or not isinstance(jobs, int) or not 1 <= jobs <= MAX_JOBS:
        raise InputError(f"jobs must be an integer from 1 to {MAX_JOBS}, got {str(jobs)[:40]!r}")
    if executor is not None and not isinstance(executor, Executor):
        raise InputError(f"executor must be a concurrent.futures.Executor, got {type(executor).__name__}")
    if (jobs > 1 or executor is not None) and not getattr(reg, "paper", None):
        raise InputError("jobs > 1 or an executor needs a registry loadable by name (boundcalc.paper.load)")
    return EFFORT[effort], jobs


def _scaled(result: Result, ctx: AuditContext) -> Result:
    """The declaration with every search size of its checks times the effort multiplier."""
    if ctx.effort == 1:
        return result
    checks = []
    for spec in result.checks:
        names = {f.name for f in fields(spec)} if hasattr(spec, "__dataclass_fields__") else set()
        sizes = {k: ctx.scaled(getattr(spec, k)) for k in SCALED_FIELDS if k in names
                 and isinstance(getattr(spec, k), int) and not isinstance(getattr(spec, k), bool)}
        checks.append(replace(spec, **sizes) if sizes else spec)
    return replace(result, checks=tuple(checks))


def _node_task(paper: str, rid: str, digits: int, seed: int, params: dict[str, str],
               effort: Fraction, text_path: str | None = None) -> list[Finding]:
    """One node's findings in a worker process (the registry loaded there by the paper's name)."""
    from . import paper as papers

    reg = papers.load(paper)
    text = None
    if text_path is not None:
        from .auditing.paper_text import load

        text = load(text_path)
    ctx = AuditContext(registry=reg, digits=digits, seed=seed, params=params, effort=effort, paper_text=text)
    return run_node(_scaled(reg.results[rid], ctx), ctx)


def _run_nodes(reg: Registry, todo: list[str], ctx: AuditContext, jobs: int, executor: Executor | None,
               progress: Callable[[int, int, str], None] | None) -> dict[str, list[Finding]]:
    """Findings of every node in ``todo``: here, or spread over processes; keyed in ``todo`` order."""
    if executor is None and jobs == 1:
        out: dict[str, list[Finding]] = {}
        for i, rid in enumerate(todo):
            out[rid] = run_node(_scaled(reg.results[rid], ctx), ctx)
            if progress is not None:
                progress(i + 1, len(todo), rid)
        return out
    return _Spread(reg, todo, ctx, jobs, executor).collect(progress)


def _cost(result: Result) -> int:
    """A rough size of a node's checks (searches weigh their trials, hypotheses and objects), to start the
    largest nodes first when they are spread over processes (only the schedule depends on it)."""
    out = 0
    for spec in result.checks:
        trials = getattr(spec, "trials", None)
        if isinstance(trials, int) and not isinstance(trials, bool) and getattr(spec, "objects", None):
            out += trials * (1 + len(getattr(spec, "assume", ()) or ())) * len(spec.objects)
        else:
            out += 1
    return out


class _Spread:
    """Nodes submitted to worker processes at once, largest first, so that the caller can check the proof
    records meanwhile; :meth:`collect` waits for them (and shuts down a pool it made)."""

    def __init__(self, reg: Registry, todo: list[str], ctx: AuditContext, jobs: int, executor: Executor | None):
        from concurrent.futures import ProcessPoolExecutor

        self.todo, self.owned = todo, executor is None
        self.pool = executor or ProcessPoolExecutor(max_workers=jobs)
        text_path = ctx.paper_text.path if ctx.paper_text is not None else None
        order = sorted(todo, key=lambda rid: -_cost(reg.results[rid]))     # stable: ties keep todo order
        try:
            self.futures = {self.pool.submit(_node_task, reg.paper, rid, ctx.digits, ctx.seed, dict(ctx.params),
                                             ctx.effort, text_path): rid
                            for rid in order}
        except BaseException:
            self.close()
            raise

    def collect(self, progress: Callable[[int, int, str], None] | None) -> dict[str, list[Finding]]:
        from concurrent.futures import as_completed

        out: dict[str, list[Finding]] = {}
        try:
            for i, fut in enumerate(as_completed(self.futures)):
                out[self.futures[fut]] = fut.result()
                if progress is not None:
                    progress(i + 1, len(self.todo), self.futures[fut])
        finally:
            self.close()
        return {rid: out[rid] for rid in self.todo}

    def close(self) -> None:
        if self.owned:
            self.pool.shutdown(cancel_futures=True)
            self.owned = False


def _rerun_options(seed: int, params: Mapping[str, str], effort: str = "default", digits: int = 15,
                  paper_text: str | None = None) -> str:
    """The options a finding's rerun command needs to reproduce it: ``--seed``, every ``--param``, and
    ``--effort``, ``--digits`` and ``--paper-text`` when they differ from the defaults (shell-quoted)."""
    import shlex

    out = f" --seed {seed}" + "".join(f" --param {shlex.quote(f'{k}={v}')}" for k, v in params.items())
    if effort != "default":
        out += f" --effort {effort}"
    if digits != 15:
        out += f" --digits {digits}"
    if paper_text is not None:
        out += f" --paper-text {shlex.quote(str(paper_text))}"
    return out


def audit(node: str | None = None, digits: int = 15, seed: int = 0, params: Mapping[str, Any] | None = None,
          *, registry: Registry | None = None, evaluator: bool = True, proofs: bool = True,
          progress: Callable[[int, int, str], None] | None = None, nodes: Sequence[str] | None = None,
          effort: str = "default", jobs: int = 1, executor: Executor | None = None,
          paper_text: Any = None, closure: bool = True) -> AuditReport:
    """Audit every node (or ``node`` and, for its dependency status, what it uses) in dependency order.

    ``params`` (name -> exact value) are applied to every audited node that has that parameter.
    ``progress(done, total, id)`` is called after each node. ``nodes`` reports several nodes at once
    (each with what it uses; ``closure=False``: only those, their dependencies then count as
    unverified). ``effort`` (a key of ``EFFORT``) scales every search size; ``jobs`` > 1
    runs the nodes in that many processes, or ``executor`` (any ``concurrent.futures.Executor``, e.g.
    ``distributed.Client(...).get_executor()``) runs them; the registry must then be loadable by name
    (``registry.paper``). Same inputs, same report, whatever the jobs or executor. ``paper_text`` (a file
    name or a loaded ``auditing.paper_text.PaperText``) turns on the checks against the paper's text;
    without it those findings say "skipped".

    Example: audit a small registry (a paper package's ``registry()`` is audited the same way)::

        >>> from boundcalc.audit import audit
        >>> from boundcalc.records import Param, Result, claim
        >>> from boundcalc.registry import Registry
        >>> r = Result(id="lemma-1", kind="lemma", title="t", statement="For n >= 1, 2^n > n.", location="l",
        ...            params=(Param("n", "posint", default="5"),), claims=(claim("c", "2**n", ">", "n"),),
        ...            data={"examples": [{"n": "1"}, {"n": "30"}]})
        >>> node = audit(registry=Registry([r]), evaluator=False).nodes[0]
        >>> node.statement.status
        'verified-at-points'
    """
    from .graph import dependency_order, used_by, uses_map

    reg = registry if registry is not None else _default_registry()
    target, digits, seed, clean = _validate(reg, node, digits, seed, params)
    multiplier, jobs = _validate_run(reg, effort, jobs, executor)
    if paper_text is not None and not hasattr(paper_text, "squashed"):
        from .auditing.paper_text import load

        paper_text = load(paper_text)
    targets = [reg.resolve(n) for n in nodes] if nodes is not None else None
    uses = uses_map(reg)
    users = used_by(uses)
    order = dependency_order(reg)
    wanted = _closure(reg, target) if target else set(order)
    if targets is not None:
        wanted = set().union(*[_closure(reg, t) if closure else {t} for t in targets]) if not target else wanted
    todo = [rid for rid in order if rid in wanted]
    shown = [target] if target else [rid for rid in todo if rid in targets] if targets is not None else todo
    ctx = AuditContext(registry=reg, digits=digits, seed=seed, params=clean, effort=multiplier,
                       paper_text=paper_text)
    spread = _Spread(reg, todo, ctx, jobs, executor) if (executor is not None or jobs > 1) else None
    try:      # with workers, the nodes run while the evidence and proof records are checked here
        extra, orphans = _evaluator_evidence(reg, seed) if evaluator else ({}, [])
        records = _proof_records(reg) if proofs else {}
        with search_effort(multiplier):
            outcomes = _check_records(records, reg, seed) if records else {}
    except BaseException:
        if spread is not None:
            spread.close()
        raise
    proved = {k: o for k, o in outcomes.items() if o.status == "checked"}
    found: dict[str, list[Finding]] = {}
    from .paper import FALLBACK
    from .paper import rerun_prefix
    paper_flag = f" --paper {reg.paper}" if reg.paper not in (None, FALLBACK) else ""
    found_by = rerun_prefix(reg.paper) if paper_flag else ""    # how the rerun finds the package
    rerun_opts = _rerun_options(seed, clean, effort, digits, getattr(paper_text, "path", paper_text))
    ran = spread.collect(progress) if spread is not None else _run_nodes(reg, todo, ctx, jobs, executor, progress)
    for rid in todo:
        fs = ran[rid] + extra.get(rid, [])
        if rid in outcomes:
            fs.append(_record_finding(outcomes[rid]))
        for f in fs:
            if f.channel is None:
                f.channel = "proof"
            if f.rerun is None:
                f.rerun = str(f.evidence.get("command")
                              or f"{found_by}boundcalc{paper_flag} audit --node {rid}{rerun_opts}")
        found[rid] = fs
    statements = {rid: statement_channel(fs) for rid, fs in found.items()}
    defects = _defects(reg, found, shown, proved, records)
    sev = {d["id"]: d["severity"] for d in defects}
    for fs in found.values():
        for f in fs:
            if f.flagged and f.channel != "correction":
                f.defect = f.defect or f"auto:{f.check}"
                f.severity = sev.get(f.defect)
    reports = []
    for rid in shown:
        r: Result = reg.results[rid]
        fs = found[rid]
        deps = sorted(_closure(reg, rid) - {rid})
        holds = ("proved", "verified-at-points")
        unverified = [d for d in deps if d not in statements or statements[d].status not in holds]
        st, pr = statements[rid], proof_channel(fs)
        if st.status == "refuted" and pr.status == "checked":   # a record cannot prove a refuted statement
            pr = Channel("gap", "the statement is refuted, so no record proves it: " + pr.reason, pr.findings)
        verdict = summary_verdict(st, fs)
        reason = "no checks declared" if not fs else (
            st.reason if verdict in (Verdict.REFUTED, Verdict.VERIFIED, Verdict.UNKNOWN) else
            next(f.detail for f in fs if f.flagged and f.channel != "correction"))
        base = _trusted_base(rid, outcomes, statements, reg) if rid in proved else []
        reports.append(NodeReport(
            id=rid, aliases=list(r.aliases), title=r.title, kind=r.kind, location=r.location,
            verdict=verdict, reason=reason, findings=fs, dependencies_verified=not unverified,
            unverified_dependencies=unverified, uses=sorted(uses[rid]),
            used_by=sorted(users[rid]), statement=st, proof=pr,
            dependencies_proved=all(d in statements and statements[d].status == "proved" for d in deps),
            trusted_base=base, formal=_formal(r)))
    from .auditing.proofcheck import axiom_defects

    defects = defects + axiom_defects({k: getattr(o, "axiom_checks", []) for k, o in outcomes.items()}, outcomes)
    return AuditReport(nodes=reports, seed=seed, digits=digits, params=clean, focus=target,
                       orphan_evidence=orphans, defects=defects)


def _defects(reg: Registry, found: dict[str, list[Finding]], shown: list[str], proved: dict[str, Any],
             records: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Distinct defects shown by the flagged findings (of the reported nodes), with their corrections' verdicts."""
    declared: dict[str, Defect] = {d.id: d for d in getattr(reg, "defects", ())}
    link = {ref: d.id for d in declared.values() for ref in d.shown_by}
    hits: dict[str, list[tuple[str, Finding]]] = {}
    for rid in shown:
        for f in found[rid]:
            if f.defect is None:
                f.defect = link.get(f"{rid}/{f.check}")
            if f.flagged and f.channel != "correction":
                f.defect = f.defect or f"auto:{rid}"    # one record per result for what no record claims
                hits.setdefault(f.defect, []).append((rid, f))
    from .graph import used_by, uses_map

    used = used_by(uses_map(reg))

    def users(node: str) -> list[str]:
        return sorted(used.get(node, []))

    def verdict_of(ref: str) -> str | None:
        nid, _, check = ref.partition("/")
        return next((f.verdict.value for f in found.get(nid, []) if f.check == check), None)

    def correction_verdict(ref: str | None):
        if not ref:
            return None
        if ref.startswith("proof:"):
            key = ref[len("proof:"):]
            if key in proved:
                return {"verdict": "proved", "detail": "machine-checked proof record"}
            if key in records:
                return {"verdict": "unknown", "detail": "proof record does not close (a gap, not a pass)"}
            return {"verdict": "unknown", "detail": f"no proof record {key}"}
        nid, _, check = ref.partition("/")
        for f in found.get(nid, []):
            if f.check == check:
                return {"verdict": f.verdict.value, "detail": f.detail}
        return {"verdict": "unknown", "detail": f"check {ref} was not run"}

    titles = {rid: reg.results[rid].title for rid in shown if rid in reg.results}
    return derive(declared, hits, correction_verdict, users, verdict_of, titles)


def graph(report: AuditReport | None = None, *, registry: Registry | None = None, **audit_kwargs):
    """The lemma graph (networkx DiGraph, edge a -> b when a's proof uses b) with verdict attributes.

    Runs the full audit unless ``report`` is given; nodes missing from the report get verdict None.
    """
    from .graph import build_graph

    reg = registry if registry is not None else _default_registry()
    if report is None:
        report = audit(registry=reg, **audit_kwargs)
    g = build_graph(reg)
    by_id = {n.id: n for n in report.nodes}
    for nid, attrs in g.nodes(data=True):
        n = by_id.get(nid)
        attrs["verdict"] = n.verdict.value if n else None
        attrs["statement"] = n.statement.status if n else None
        if n and n.statement.under:
            attrs["statement_under"] = list(n.statement.under)   # refuted under these hypotheses (e.g. SETH)
        attrs["proof"] = n.proof.status if n else None
        attrs["dependencies_verified"] = n.dependencies_verified if n else None
        attrs["reason"] = n.reason if n else ""
    return g
