"""JSON export/import in the "boundcalc-transformer/2" schema (see docs/evaluator.md).

Numbers are exact text "p/q" (or "p" for integers), written by flint without a decimal conversion
(paper-mode weights have thousands of digits). Files in the older "boundcalc-transformer/1" schema
(finite decimals "0.375" or "p/q") are still read.
"""
from __future__ import annotations

from typing import Any

from ..errors import InputError
from .model import FFN, Attention, Network
from .numeric import q

FORMAT = "boundcalc-transformer/2"
READABLE = ("boundcalc-transformer/1", FORMAT)


def pq(x) -> str:
    """Exact text "p/q" ("p" when q = 1) of a rational; fast for huge numerators and denominators."""
    return str(q(x))


def _m(M) -> list:
    return [[pq(x) for x in r] for r in M]


def network_to_json(net: Network) -> dict[str, Any]:
    layers = []
    for name, layer in net.layers:
        if layer.kind == "ffn":
            layers.append({"type": "ffn", "name": name, "W1": _m(layer.W1), "b1": [pq(x) for x in layer.b1],
                           "W2": _m(layer.W2), "b2": [pq(x) for x in layer.b2]})
        else:
            layers.append({"type": "attention", "name": name, "WQ": _m(layer.WQ), "WK": _m(layer.WK),
                           "WV": _m(layer.WV), "WO": _m(layer.WO)})
    return {"format": FORMAT, "d": net.d, "L": net.L, "Lp": net.Lp,
            "positional": _m(net.positional), "prompt": _m(net.prompt), "layers": layers,
            "precision_bits": net.precision_bits, "meta": net.meta}


def _num(x, where: str):
    if not isinstance(x, str) and not (isinstance(x, int) and not isinstance(x, bool)):
        raise InputError(f"{where}: numbers must be decimal strings, got {x!r}")
    try:
        return q(str(x))
    except (ValueError, ZeroDivisionError):
        raise InputError(f"{where}: not an exact number: {x!r}") from None


def _mat(M, rows: int | None, cols: int | None, where: str):
    if not isinstance(M, list) or (rows is not None and len(M) != rows):
        raise InputError(f"{where}: expected {rows} rows")
    out = []
    for i, r in enumerate(M):
        if not isinstance(r, list) or (cols is not None and len(r) != cols):
            raise InputError(f"{where}: row {i} should have {cols} entries")
        out.append([_num(x, where) for x in r])
    return out


def network_from_json(obj: dict[str, Any]) -> Network:
    """Rebuild a Network from its JSON form, schema /1 or /2 (validating every shape)."""
    import sys
    old = sys.get_int_max_str_digits() if hasattr(sys, "get_int_max_str_digits") else None
    if old is not None:
        sys.set_int_max_str_digits(0)      # paper-mode weights have thousands of digits
    try:
        return _network_from_json(obj)
    except (KeyError, TypeError, AttributeError) as exc:
        raise InputError(f"malformed network file: {type(exc).__name__} {str(exc)[:60]}") from None
    finally:
        if old is not None:
            sys.set_int_max_str_digits(old)


def _network_from_json(obj: dict[str, Any]) -> Network:
    if not isinstance(obj, dict) or obj.get("format") not in READABLE:
        raise InputError(f"not a {' or '.join(READABLE)} file")
    try:
        d, L, Lp = int(obj["d"]), int(obj["L"]), int(obj["Lp"])
    except (KeyError, TypeError, ValueError):
        raise InputError("d, L, Lp must be integers") from None
    n = Lp + L
    layers = []
    for k, lay in enumerate(obj.get("layers", [])):
        name = lay.get("name", f"layer{k}")
        if lay.get("type") == "ffn":
            W1 = _mat(lay["W1"], None, d, f"{name}.W1")
            r = len(W1)
            layers.append((name, FFN(W1, [_num(x, f"{name}.b1") for x in lay["b1"]],
                                     _mat(lay["W2"], d, r, f"{name}.W2"),
                                     [_num(x, f"{name}.b2") for x in lay["b2"]])))
        elif lay.get("type") == "attention":
            WQ = _mat(lay["WQ"], None, d, f"{name}.WQ")
            s = len(WQ)
            layers.append((name, Attention(WQ, _mat(lay["WK"], s, d, f"{name}.WK"),
                                           _mat(lay["WV"], s, d, f"{name}.WV"),
                                           _mat(lay["WO"], d, s, f"{name}.WO"))))
        else:
            raise InputError(f"layer {k}: type must be ffn or attention")
    return Network(d, L, Lp, layers, _mat(obj["positional"], d, n, "positional"),
                   _mat(obj["prompt"], d, Lp, "prompt"), int(obj.get("precision_bits", 128)),
                   obj.get("meta", {}))
