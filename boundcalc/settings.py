"""Settings shared by the audit and the commands, in a module light enough for any command to import."""
from __future__ import annotations

from fractions import Fraction

EFFORT = {"quick": Fraction(1, 4), "default": Fraction(1), "thorough": Fraction(4)}
"""``--effort``: the multiplier applied to every search size (trials, screen batches)."""
EFFORT_NAMES = tuple(EFFORT)
MAX_JOBS = 256

ONE_COMMAND_PROCESS = False
"""True in a process started to run one command and exit (set by the console entry point, ``cli.main``): an
audit there may tune the process for itself (its garbage collection; ``commands._audit._settle``)."""
