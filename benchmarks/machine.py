"""The date and machine line every benchmark prints first, so a figure quoted from its output carries both."""
from __future__ import annotations

import datetime
import os
import platform


def header() -> str:
    """``2026-12-06 21:40 UTC on x86_64, 2 cores, Python 3.11.7, load 0.42`` (1-minute load average)."""
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    try:
        load = f", load {os.getloadavg()[0]:.2f}"
    except OSError:
        load = ""
    return f"{now} on {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}{load}"
