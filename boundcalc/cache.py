"""A small on-disk cache for work that is slow to redo and cheap to look up (parsed quotes, audits).

Where: ``$BOUNDCALC_CACHE_DIR``, else ``$XDG_CACHE_HOME/boundcalc``, else ``~/.cache/boundcalc``.
Off: ``BOUNDCALC_NO_CACHE=1`` in the environment, or :func:`disable` (the CLI's ``--no-cache``).

Each entry is one JSON file named by the SHA-256 of its namespace and key. It repeats the key and
carries the SHA-256 of its payload; an entry that cannot be read, names another key, or fails its
checksum is ignored (and overwritten by the next :func:`put`), never trusted. Writes go to a
temporary file renamed into place, so concurrent processes never see half an entry. A cache that
cannot be written (read-only home, full disk) only costs time.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

ENV_DIR = "BOUNDCALC_CACHE_DIR"
ENV_OFF = "BOUNDCALC_NO_CACHE"
FORMAT = 1
_disabled = False


def disable(off: bool = True) -> None:
    """Turn the cache off (or back on) for this process; reads miss and writes are dropped."""
    global _disabled
    _disabled = off


def enabled() -> bool:
    """False after :func:`disable` or when ``BOUNDCALC_NO_CACHE`` is set to anything but ``0``/empty."""
    return not _disabled and os.environ.get(ENV_OFF, "") in ("", "0")


def directory() -> Path:
    """The cache folder (not created until the first write)."""
    if os.environ.get(ENV_DIR):
        return Path(os.environ[ENV_DIR])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "boundcalc"


def digest(*parts: str | bytes) -> str:
    """SHA-256 hex of the parts, each length-prefixed so that ("ab", "c") != ("a", "bc")."""
    h = hashlib.sha256()
    for p in parts:
        b = p.encode() if isinstance(p, str) else p
        h.update(len(b).to_bytes(8, "big"))
        h.update(b)
    return h.hexdigest()


def _path(namespace: str, key: str) -> Path:
    return directory() / namespace / f"{digest(namespace, key)}.json"


def _checksum(payload_text: str) -> str:
    return hashlib.sha256(payload_text.encode()).hexdigest()


def get(namespace: str, key: str) -> Any | None:
    """The payload stored under (namespace, key), or None when absent, disabled, stale or corrupt."""
    if not enabled():
        return None
    try:
        entry = json.loads(_path(namespace, key).read_text())
        text = entry["payload"]
        if entry.get("format") != FORMAT or entry.get("key") != key or entry.get("sha256") != _checksum(text):
            return None
        return json.loads(text)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def put(namespace: str, key: str, payload: Any) -> None:
    """Store a JSON-serialisable payload under (namespace, key); silently skipped when disabled or unwritable."""
    if not enabled():
        return
    text = json.dumps(payload, separators=(",", ":"), sort_keys=False)
    entry = json.dumps({"format": FORMAT, "key": key, "sha256": _checksum(text), "payload": text})
    target = _path(namespace, key)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".json")
        try:
            with os.fdopen(fd, "w") as fh:
                fh.write(entry)
            os.replace(tmp, target)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
    except OSError:
        return


def tree_hash(root: str | os.PathLike, suffixes: tuple[str, ...] = (".py",)) -> str:
    """SHA-256 over the relative paths and contents of a source tree's files (sorted, caches skipped)."""
    root = Path(root)
    h = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in suffixes
                       and "__pycache__" not in p.parts):
        rel = path.relative_to(root).as_posix().encode()
        data = path.read_bytes()
        h.update(len(rel).to_bytes(8, "big") + rel + len(data).to_bytes(8, "big") + data)
    return h.hexdigest()
