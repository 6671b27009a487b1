"""Option parsing shared by the audit, graph and explain commands (validated before any work)."""
from __future__ import annotations

from ..errors import InputError
from ..numbers import parse_exact


def parse_params(items: tuple[str, ...]) -> dict[str, str]:
    """``NAME=VALUE`` pairs (values exact rationals) into a dict; one-line InputError otherwise."""
    out: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        name = name.strip()
        if not sep or not name.isidentifier():
            raise InputError(f"--param expects NAME=VALUE, got {item!r}")
        if name in out:
            raise InputError(f"--param {name} given twice")
        parse_exact(value, name)
        out[name] = value.strip()
    return out


def parse_seed(text: str) -> int:
    q = parse_exact(text, "--seed")
    if q.denominator != 1 or q < 0:
        raise InputError(f"--seed must be a non-negative integer, got {text[:40]}")
    if q >= 2 ** 63:
        raise InputError(f"--seed must be below 2^63, got {text[:40]}...")
    return int(q)


# --- added for issue 13: checks that run before any work -------------------------------------
SEED_LIMIT = 2 ** 63


def check_seed(seed: int, name: str = "--seed") -> int:
    """An integer seed in [0, 2^63); one-line InputError otherwise."""
    from ..errors import InputError
    if not isinstance(seed, int) or isinstance(seed, bool) or seed < 0 or seed >= SEED_LIMIT:
        raise InputError(f"{name} must be an integer in [0, 2^63), got {str(seed)[:40]}")
    return seed


def check_count(value: int, name: str, lo: int, hi: int) -> int:
    """An integer count in [lo, hi] (the documented limits); one-line InputError otherwise."""
    from ..errors import InputError
    if not isinstance(value, int) or isinstance(value, bool) or not lo <= value <= hi:
        raise InputError(f"{name} must be an integer in [{lo}, {hi}], got {str(value)[:40]}")
    return value


def read_text_utf8(path: str, name: str) -> str:
    """The whole file as UTF-8 text; one-line InputError when missing, unreadable or not UTF-8."""
    from ..errors import InputError
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
    except IsADirectoryError:
        raise InputError(f"{name}: {path} is a directory") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot read {path}: {exc.strerror}") from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: {path} is not UTF-8 text (byte {exc.start})") from None


def read_json_utf8(path: str, name: str, **kw):
    """A UTF-8 JSON file, parsed; one-line InputError otherwise (``kw`` go to json.loads)."""
    import json
    from ..errors import InputError
    text = read_text_utf8(path, name)
    try:
        return json.loads(text, **kw)
    except json.JSONDecodeError as exc:
        raise InputError(f"{name}: {path} is not valid JSON ({exc.msg}, line {exc.lineno})") from None
    except (RecursionError, ValueError) as exc:
        raise InputError(f"{name}: {path} cannot be read as JSON ({str(exc)[:60]})") from None


class OutputFile:
    """An output path claimed before any work: a temp file is created in the target folder now
    (so a missing folder, a non-directory or an unwritable place is refused at once) and renamed
    onto the target by ``commit``; ``discard`` removes it (nothing half-written is left behind)."""

    def __init__(self, path: str, name: str):
        import os
        import tempfile
        from ..errors import InputError
        self.path, self.name = path, name
        if not path:
            raise InputError(f"{name}: empty path")
        if os.path.isdir(path):
            raise InputError(f"{name}: {path} is a directory")
        folder = os.path.dirname(os.path.abspath(path))
        if not os.path.isdir(folder):
            what = "is not a directory" if os.path.exists(folder) else "does not exist"
            raise InputError(f"{name}: folder {os.path.dirname(path) or '.'} {what}")
        if os.path.exists(path) and not os.access(path, os.W_OK):
            raise InputError(f"{name}: {path} is not writable")
        try:
            fd, self.tmp = tempfile.mkstemp(prefix=".boundcalc-", suffix=".part", dir=folder)
        except OSError as exc:
            raise InputError(f"{name}: cannot write in {os.path.dirname(path) or '.'}: {exc.strerror}") from None
        os.close(fd)

    def write(self, text: str) -> None:
        with open(self.tmp, "w", encoding="utf-8") as fh:
            fh.write(text)

    def commit(self) -> None:
        import os
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(self.tmp, 0o666 & ~mask)      # mkstemp makes 0600; the result gets the usual mode
        os.replace(self.tmp, self.path)
        self.tmp = None

    def discard(self) -> None:
        import os
        if self.tmp:
            try:
                os.unlink(self.tmp)
            except OSError:
                pass
            self.tmp = None
