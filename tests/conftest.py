import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

# One cache folder per test session (shared by xdist workers and by the CLI subprocesses): parsed
# quotes and audits are reused within the session, never across sessions, never from the user's cache.
if "PYTEST_XDIST_WORKER" not in os.environ or "BOUNDCALC_CACHE_DIR" not in os.environ:
    import atexit
    import shutil
    import tempfile

    os.environ["BOUNDCALC_CACHE_DIR"] = tempfile.mkdtemp(prefix="boundcalc-test-cache-")
    atexit.register(shutil.rmtree, os.environ["BOUNDCALC_CACHE_DIR"], True)
os.environ.pop("BOUNDCALC_NO_CACHE", None)


SESSION_CACHE = os.environ["BOUNDCALC_CACHE_DIR"]


# ---------------------------------------------------------------- scheduling on the parallel workers
#
# setup.cfg runs `-n auto --dist loadgroup --no-loadscope-reorder`. Every test is put in the xdist group
# of its file (so a file's module fixtures are built once, as with --dist loadfile), except that the files
# reading the session's shared audit (the `full_audit` fixture) or the shared mutation-harness run
# (`harness_run`) form one group, "shared-audit", run by one worker: that audit is then computed once per
# session instead of once per worker. Groups are sent to the workers heaviest first (CPU seconds measured
# on 2 cores, below; files not listed follow in collection order), so that no long file starts last.

SHARED_GROUP = "shared-audit"
SHARED_FIXTURES = ("full_audit", "full_errata", "harness_run")
CPU_SECONDS = {   # measured 2026-12-06 (tests/ issue 23): user + system seconds of each file, children included
    SHARED_GROUP: 260, "test_jobs.py": 75, "test_reuse_cli.py": 60,
    "test_readme_examples.py": 59,    # 130, but sent after the two above: its commands print the paper's
                                      # default audit, which the shared group stores first (full_audit)
    "test_prover_mutations.py": 47, "test_ks24_example.py": 31, "test_rerun.py": 30,
    "test_prover_statements.py": 29, "test_validate.py": 22, "test_prover_axiom_refuted.py": 21,
    "test_copies.py": 21, "test_falsify.py": 20, "test_audit_engine.py": 20, "test_audit_cli.py": 16,
    "test_sigint.py": 15, "test_quotes.py": 15, "test_bad_input.py": 15, "test_graph_cli.py": 11,
    "test_engine_paper.py": 11,
}


def pytest_configure(config):
    config.addinivalue_line("markers", "xdist_group(name): run on one parallel worker with its group")


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Group the tests for the parallel workers and order the groups heaviest first (see the note above)."""
    def fname(item):
        return os.path.basename(str(item.fspath))

    shared = {fname(it) for it in items if set(SHARED_FIXTURES) & set(getattr(it, "fixturenames", ()))}
    group = {}
    for it in items:
        g = SHARED_GROUP if fname(it) in shared else fname(it)
        group[it.nodeid] = g
        if not any(True for _ in it.iter_markers("xdist_group")):
            it.add_marker(pytest.mark.xdist_group(g))
    order = {g: k for k, g in enumerate(dict.fromkeys(group[it.nodeid] for it in items))}
    items.sort(key=lambda it: (-CPU_SECONDS.get(group[it.nodeid], 0), order[group[it.nodeid]]))


@pytest.fixture(scope="session")
def full_audit():
    """``audit(seed=0)`` of the paper, run once per test session and shared by the tests that only read it
    (the files that use it form one xdist group, so one worker runs it; see the scheduling note above).

    The report is also filed in the session's cache under the key ``boundcalc audit`` (seed 0, default
    options, no paper text) files its audit under, exactly as that command would file it: the command-line
    tests that print the paper's default audit (README examples, report, graph) then reuse it, as they reuse
    one another's, instead of auditing the whole paper again in each fresh interpreter."""
    from boundcalc.audit import audit

    key = _cli_audit_key()
    rep = audit(seed=0)
    if key is not None:
        from boundcalc import reuse

        reuse.audit_data(key, lambda: rep)       # stored unless a command stored the same audit first
    return rep


def _cli_audit_key() -> str | None:
    """The key of the command line's default audit (``boundcalc audit``) in this session's cache, or None
    when this process would not file it there (another paper or paper text selected, another cache folder)."""
    if os.environ.get("BOUNDCALC_CACHE_DIR") != SESSION_CACHE or os.environ.get("BOUNDCALC_NO_CACHE"):
        return None
    if os.environ.get("BOUNDCALC_PAPER") or os.environ.get("BOUNDCALC_PAPER_TEXT"):
        return None
    from boundcalc.commands._audit import prepare

    return prepare(seed=0, effort="default", jobs="1", paper_text=None, no_cache=False).key


@pytest.fixture(scope="session")
def full_errata(full_audit):
    """``errata(report=full_audit)``: the reviewer's errata data of the shared audit."""
    from boundcalc.report import errata

    return errata(seed=0, report=full_audit)


def _false_by_the_proof(m) -> bool:
    """A conclusion that contradicts the proved original at every admissible point: a strict relation
    reversed (the original holds strictly there) or an equation's right side moved by one."""
    return m.operator == "statement-relation" and (
        (m.description.endswith("reversed") and m.before.startswith(("Gt(", "Lt(")))
        or (m.description.endswith("right side + 1") and "'Eq(" in m.description))


@pytest.fixture(scope="session")
def harness_run(full_audit, tmp_path_factory):
    """One run of the mutation harness on the paper's declarations, shared by tests/test_mutations_real.py and
    tests/test_mutations_proved.py (one snapshot, one baseline audit, one control for both samples):

    - ``real``: (chosen, run) for nine mutants picked by ``mutation.select(..., 9, seed=11)``, operators in turn;
    - ``proved``: (proved ids, chosen, run) for one certified-false mutant of the formal statement per node
      ``full_audit`` proves (a strict relation reversed, or an equation's right side moved by one).

    Each ``run`` is ``{"results": records in the order of its ``chosen``, "control": bool}``, as
    ``mutation.evaluate`` returns it. Both samples run at ``effort="quick"`` (search sizes / 4)."""
    from pathlib import Path

    import proofs
    from boundcalc import mutation

    snap = mutation.snapshot(Path(proofs.__file__).parent, tmp_path_factory.mktemp("harness"), "proofs")
    ms = mutation.generate(snap)
    real = mutation.select(ms, 9, seed=11)
    proved = sorted(n.id for n in full_audit.nodes if n.statement.status == "proved")
    chosen, covered = [], set()
    for m in ms:
        if _false_by_the_proof(m) and set(m.nodes) & set(proved) - covered:
            chosen.append(m)
            covered |= set(m.nodes)
    both = list(real) + [m for m in chosen if m.id not in {r.id for r in real}]
    run = mutation.evaluate("proofs", snap, both, seed=0, jobs=2, effort="quick", timeout=600)
    by_id = {m.id: r for m, r in zip(both, run["results"])}

    def part(sample):
        return {"results": [by_id[m.id] for m in sample], "control": run["control"]}

    return {"real": (real, part(real)), "proved": (proved, chosen, part(chosen))}


def run_cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run the command line in a fresh interpreter (as a user would)."""
    env = dict(os.environ)
    env["PYTHONPATH"] = ROOT + os.pathsep + env.get("PYTHONPATH", "")
    return subprocess.run([sys.executable, "-m", "cli", *args], capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=timeout)


@pytest.fixture
def cli():
    return run_cli


def run_main(capsys, *args: str) -> tuple[int, str, str]:
    """Run the command line in this process: (exit code, stdout, stderr)."""
    import cli

    with pytest.raises(SystemExit) as exc:
        cli.main(list(args))
        raise SystemExit(0)
    out = capsys.readouterr()
    return exc.value.code or 0, out.out, out.err
