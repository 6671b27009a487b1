"""An output file checked before any work and written atomically (nothing half-written)."""
from __future__ import annotations

import os
import tempfile

from ..errors import InputError


class Target:
    """A reserved output: a temporary file beside the destination, renamed into place by :meth:`write`."""

    def __init__(self, path: str):
        self.path = path
        folder = os.path.dirname(os.path.abspath(path))
        if os.path.isdir(path):
            raise InputError(f"--out {path!r} is a directory")
        if not os.path.isdir(folder):
            raise InputError(f"--out {path!r}: folder {folder!r} does not exist")
        try:
            fd, self._tmp = tempfile.mkstemp(prefix=".boundcalc-", dir=folder)
        except OSError as exc:
            raise InputError(f"--out {path!r} is not writable: {exc.strerror}") from None
        os.close(fd)

    def write(self, text: str) -> None:
        try:
            with open(self._tmp, "w", encoding="utf-8") as fh:
                fh.write(text)
            mask = os.umask(0)
            os.umask(mask)
            os.chmod(self._tmp, 0o666 & ~mask)
            os.replace(self._tmp, self.path)
        finally:
            if os.path.exists(self._tmp):
                os.unlink(self._tmp)

    def discard(self) -> None:
        if os.path.exists(self._tmp):
            os.unlink(self._tmp)


def writable_target(path: str) -> Target:
    if not path or not path.strip():
        raise InputError("--out needs a file name")
    return Target(path)
