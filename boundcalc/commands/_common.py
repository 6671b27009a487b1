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
        raise InputError(f"--seed must be a non-negative integer, got {text}")
    return int(q)
