"""Time and memory budgets: a check that runs out of either becomes an ``unknown`` finding, not a hang.

Each check runs under a :class:`~boundcalc.checks.Budget` (the spec's ``budget`` or :data:`DEFAULT`):

* **time** is CPU time of the process (``ITIMER_PROF``, signal ``SIGPROF``), so it does not clash with
  the wall-clock ``SIGALRM`` guard of the sympy calls (:mod:`.symbolic`); the handler raises
  :class:`BudgetExceeded` at the next Python instruction. One C-level operation is not interrupted,
  which is why :mod:`boundcalc.numbers` also refuses exact operations by their size before they run;
* **memory** is the process's address space (``RLIMIT_AS``): the soft limit is raised to the current
  size plus the budget for the duration of the check, so an allocation past it raises ``MemoryError``.

Both need the main thread of a POSIX process (elsewhere the check runs unguarded, and the evidence
says so). Limits are restored when the check ends, whatever happens.
"""
from __future__ import annotations

import contextlib
import os
import signal
import threading
from typing import Iterator

from ..checks import Budget

DEFAULT = Budget()
"""The engine's budget for a check that declares none."""


class BudgetExceeded(BaseException):
    """The CPU-time budget of a check ran out (a BaseException, so no `except Exception` in a runner swallows it)."""


def _vm_bytes() -> int | None:
    """Current virtual size of this process (Linux), or None."""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


@contextlib.contextmanager
def limit(budget: Budget) -> Iterator[dict]:
    """Run the body under ``budget``; yields a dict saying which guards are active."""
    active = {"time": False, "memory": False}
    main = threading.current_thread() is threading.main_thread()
    old_handler = old_rlimit = None
    resource = None
    if main and hasattr(signal, "setitimer") and budget.seconds:
        def handler(signum, frame):
            raise BudgetExceeded(f"ran past its CPU-time budget of {budget.seconds:g} s")
        old_handler = signal.signal(signal.SIGPROF, handler)
        signal.setitimer(signal.ITIMER_PROF, budget.seconds)
        active["time"] = True
    if main and budget.memory_mb:
        try:
            import resource as resource
            vm = _vm_bytes()
            old_rlimit = resource.getrlimit(resource.RLIMIT_AS)
            hard = old_rlimit[1]
            if vm is not None:
                want = vm + budget.memory_mb * 2 ** 20
                if hard == resource.RLIM_INFINITY or want <= hard:
                    if old_rlimit[0] == resource.RLIM_INFINITY or want < old_rlimit[0]:
                        resource.setrlimit(resource.RLIMIT_AS, (want, hard))
                        active["memory"] = True
        except (ImportError, OSError, ValueError):
            pass
    try:
        yield active
    finally:
        if active["time"]:
            signal.setitimer(signal.ITIMER_PROF, 0)
            signal.signal(signal.SIGPROF, old_handler)
        if active["memory"]:
            resource.setrlimit(resource.RLIMIT_AS, old_rlimit)


def exhausted(exc: BaseException, budget: Budget) -> str | None:
    """The reason a check stopped, when ``exc`` is a budget running out (else None)."""
    if isinstance(exc, BudgetExceeded):
        return str(exc)
    if isinstance(exc, MemoryError):
        return f"ran past its memory budget of {budget.memory_mb} MB (MemoryError)"
    return None
