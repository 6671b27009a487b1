"""Running mutants: audit each mutated copy in worker processes and compare with the unmutated audit."""
from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any, Sequence

from .certify import difference
from .comparison import compare, dependents, mechanisms, signature
from .equivalence import equivalence
from .loading import copy_package, load_registry
from .mutant import Mutant, _short


class _Timeout(Exception):
    pass


def _signatures(report) -> dict[str, Any]:
    return {n.id: signature(n) for n in report.nodes}


def _audit_sigs(reg, nodes: Sequence[str], seed: int, effort: str, paper_text: str | None = None) -> dict[str, Any]:
    from ..audit import audit

    kw = {"paper_text": paper_text} if paper_text else {}
    return _signatures(audit(nodes=list(nodes), registry=reg, seed=seed, effort=effort, closure=False, **kw))


def _reach(reg, ids, scope: str) -> list[str]:
    """The nodes a mutant of ``ids`` is judged on: with their dependents (``scope="dependents"``), or the
    touched nodes alone (``"touched"``)."""
    return dependents(reg, ids) if scope == "dependents" else sorted(i for i in ids if i in reg.results)


def _baseline_task(package: str, package_dir: str, seed: int, effort: str, paper_text: str | None,
                   touched: list[tuple[str, ...]], scope: str = "dependents") -> dict[str, Any]:
    """Signatures of the unmutated package's nodes the mutants can affect (the touched nodes and their
    dependents: a mutant changes its own nodes' uses, never who uses them), loaded from a copy like
    every mutant."""
    with tempfile.TemporaryDirectory() as tmp:
        reg = load_registry(package, copy_package(package_dir, tmp, package))
        nodes = sorted({n for t in touched for n in _reach(reg, t, scope)})
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


def _equivalent(timeout: int, m: Mutant, base_reg, reg) -> str | None:
    """:func:`.equivalence` within the time budget; a timeout or a failure is 'not shown equivalent'."""
    try:
        return _with_timeout(timeout, equivalence, m, base_reg, reg)
    except (_Timeout, Exception):
        return None


def _mutants_task(package: str, package_dir: str, mutants: list[Mutant], base: dict[str, Any], seed: int,
                  effort: str, timeout: int, paper_text: str | None = None, check_control: bool = True,
                  scope: str = "dependents") -> dict[str, Any]:
    """Audit each mutant on its touched nodes and their dependents; compare with ``base``. With
    ``check_control`` the unmutated copy is audited once too (on the first mutant's affected nodes)."""
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
                                                 f"{_short(str(exc), 120)}", load_error=True, caught_by="load",
                           mechanisms=["load"], mechanism="load")
                out.append(_timed(rec, t0))
                continue
            affected = _reach(reg, m.nodes, scope)
            rec["affected"] = affected
            text = paper_text
            if m.text_edits:   # paper level: the audit reads a copy of the text that prints the error
                text = _printed_copy(paper_text, m.text_edits, Path(tmp) / f"m{k}.txt")
                if text is None:
                    rec.update(outcome="skipped", how="no paper text, or the printed formula is not in it")
                    out.append(_timed(rec, t0))
                    continue
            try:
                sigs = _with_timeout(timeout, _audit_sigs, reg, affected, seed, effort, text)
            except _Timeout:
                rec.update(outcome="timeout", how=f"audit of the affected nodes took over {timeout} s")
                out.append(_timed(rec, t0))
                continue
            except Exception as exc:
                rec.update(outcome="caught", how=f"audit raised {type(exc).__name__}: {_short(str(exc), 120)}",
                           load_error=True, caught_by="load", mechanisms=["load"], mechanism="load")
                out.append(_timed(rec, t0))
                continue
            before = {n: base[n] for n in affected if n in base}
            by, how, changed = compare(before, sigs)
            rec.update(how=how, evidence_changed=changed,
                       status={n: [sg["statement"], sg["proof"]] for n, sg in sigs.items()},
                       base_status={n: [sg["statement"], sg["proof"]] for n, sg in before.items()})
            if by:
                mech = mechanisms(before, sigs)
                rec.update(outcome="caught", caught_by=by, mechanisms=mech, mechanism=mech[0] if mech else "comparison")
                if by == "flagged-evidence":   # counts as strict only when the difference is certified
                    try:
                        rec["certified"], rec["certified_how"] = difference(before, sigs, base_reg, reg)
                    except Exception as exc:
                        rec["certified"], rec["certified_how"] = False, f"not decided: {type(exc).__name__}"
                    if not rec["certified"]:   # the strict rates ask whether it is an error at all
                        if why := _equivalent(timeout, m, base_reg, reg):
                            rec["strict_equivalent"] = why
            else:
                why = _equivalent(timeout, m, base_reg, reg)
                rec["outcome"] = "equivalent" if why else "survived"
                if why:
                    rec["equivalent_reason"] = why
            if control is None and check_control:
                # the unmutated copy through the same path must reproduce the baseline exactly
                reg0 = load_registry(package, copy_package(package_dir, Path(tmp) / "control", package))
                control = _audit_sigs(reg0, affected, seed, effort, paper_text) == {n: base[n] for n in affected}
            out.append(_timed(rec, t0))
    return {"results": out, "control": control}


def _printed_copy(paper_text: str | None, edits, dest: Path) -> str | None:
    """A private copy of the paper text with the mutant's printed edits; its path, or None."""
    from .paper_level import rewrite_text

    if paper_text is None:
        return None
    new = rewrite_text(Path(paper_text).read_text(encoding="utf-8"), edits)
    if new is None:
        return None
    dest.write_text(new, encoding="utf-8")
    return str(dest)


def _timed(rec: dict[str, Any], t0: float) -> dict[str, Any]:
    import time

    rec["seconds"] = round(time.perf_counter() - t0, 2)
    return rec


PINNED = ("audit", "auditing", "prover", "statements", "checks", "records", "registry", "quotes", "domains",
          "objects", "numbers", "formula", "findings", "defects", "paper")
"""Engine modules imported before the workers start (so every worker runs the same engine code)."""


def pin_engine() -> None:
    """Import the engine's audit path in this process before worker processes are forked from it: the
    baseline, every mutant and the control then run one version of the engine, even when its files
    change during a long run."""
    import importlib
    import pkgutil

    from .. import __path__ as engine_path

    for info in pkgutil.walk_packages(engine_path, prefix="boundcalc."):
        if info.name.split(".")[1] in PINNED:
            try:
                importlib.import_module(info.name)
            except Exception:   # a module that does not import now is not on the audit path
                continue


def evaluate(package: str, package_dir: str | Path, mutants: Sequence[Mutant], *, seed: int = 0,
             effort: str = "default", jobs: int = 1, timeout: int = 120,
             paper_text: str | None = None, on_result=None, scope: str = "dependents") -> dict[str, Any]:
    """Run every mutant in worker processes (``jobs`` of them; this process's imports are untouched).

    Returns ``{"results": [one record per mutant, in order], "control": bool}``; ``control`` is True
    when the unmutated copy, audited through the same path, reproduces the baseline. ``on_result``,
    when given, is called with each record as soon as it is ready (mutants then run a few at a time, in
    the given order, so a run stopped early has results for a prefix of the order). ``scope="touched"``
    judges each mutant on the nodes it edits only, not on their dependents (for a question about those
    nodes' own statuses; the harness's counts always use ``"dependents"``).
    """
    if scope not in ("dependents", "touched"):
        raise ValueError(f"scope must be 'dependents' or 'touched', not {scope!r}")
    from concurrent.futures import ProcessPoolExecutor, as_completed

    package_dir = str(package_dir)
    pin_engine()
    jobs = max(1, jobs)
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        base = pool.submit(_baseline_task, package, package_dir, seed, effort, paper_text,
                           [m.nodes for m in mutants], scope).result()
        if on_result is None:
            chunks = [list(mutants[i::jobs]) for i in range(jobs)]
        else:
            chunks = [list(mutants[i:i + 2]) for i in range(0, len(mutants), 2)]
        futures = [pool.submit(_mutants_task, package, package_dir, c, base, seed, effort, timeout, paper_text, k == 0,
                               scope)
                   for k, c in enumerate(chunks) if c]
        parts = []
        for f in as_completed(futures):
            parts.append(f.result())
            if on_result is not None:
                for r in parts[-1]["results"]:
                    on_result(r)
    by_id = {r["id"]: r for p in parts for r in p["results"]}
    return {"results": [by_id[m.id] for m in mutants],
            "control": all(p["control"] is not False for p in parts) and any(p["control"] for p in parts)}

