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


@pytest.fixture(scope="session")
def full_audit():
    """``audit(seed=0)`` of the paper, run once per test session and shared by the tests that only read it."""
    from boundcalc.audit import audit

    return audit(seed=0)


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
