"""Exact small-scale transformer evaluator (Sec. 2.1 of the paper; generic, nothing paper-specific)."""
from .model import FFN, Attention, Network, columns, from_columns
from .io import network_to_json, network_from_json

__all__ = ["FFN", "Attention", "Network", "columns", "from_columns", "network_to_json", "network_from_json"]
