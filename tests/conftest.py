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
# setup.cfg runs `-n auto --dist loadfile --no-loadscope-reorder`: each file runs on one worker (its module
# fixtures built once), and the files are sent to the workers in the order below, heaviest first (CPU
# seconds, children included, measured on 2 cores; files not listed follow in collection order), so that
# no long file starts last. (pytest-xdist's own reordering, on by default, sends the files with the most
# tests first, which left the two-test mutation-harness files to the end.)

CPU_SECONDS = {   # measured 2026-12-06 (issue 23): user + system seconds of each file, children included
    "test_mutations_harness.py": 150, "test_jobs.py": 75, "test_reuse_cli.py": 60,
    "test_readme_examples.py": 59,    # 130, but sent after the two above: its commands print the paper's
                                      # default audit, which the harness file's full_audit stores first
    "test_prover_mutations.py": 47, "test_ks24_example.py": 31, "test_rerun.py": 30,
    "test_prover_statements.py": 29, "test_validate.py": 22, "test_prover_axiom_refuted.py": 21,
    "test_copies.py": 21, "test_falsify.py": 20, "test_audit_engine.py": 20, "test_audit_cli.py": 16,
    "test_verdicts.py": 16, "test_sigint.py": 15, "test_quotes.py": 15, "test_bad_input.py": 15,
    "test_errata_text.py": 14, "test_graph_cli.py": 11, "test_engine_paper.py": 11,
}


def pytest_collection_modifyitems(config, items):
    """Order the files heaviest first (see the note above); a file's tests keep their order."""
    def fname(item):
        return os.path.basename(str(item.fspath))

    order = {f: k for k, f in enumerate(dict.fromkeys(fname(it) for it in items))}
    items.sort(key=lambda it: (-CPU_SECONDS.get(fname(it), 0), order[fname(it)]))


@pytest.fixture(scope="session")
def full_audit():
    """``audit(seed=0)`` of the paper, run once per test session (per parallel worker) and shared by the tests
    that only read it.

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


@pytest.fixture(autouse=True)
def _mpmath_precision_restored():
    """A test that sets mpmath's global precision leaves it as it found it (hand values of later tests in
    the same worker must not depend on the order xdist runs the files in)."""
    import mpmath

    dps = mpmath.mp.dps
    yield
    mpmath.mp.dps = dps
