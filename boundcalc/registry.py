"""A registry of results: lookup by id or alias, and integrity checks of the 'uses' edges."""
from __future__ import annotations

from typing import Iterable

from .errors import InputError
from .records import Result


class Registry:
    """All declared results, indexed by id and by alias (case-insensitive)."""

    def __init__(self, results: Iterable[Result]):
        self.results: dict[str, Result] = {}
        self._index: dict[str, str] = {}
        self.ambiguous: dict[str, list[str]] = {}  # alias -> the ids sharing it (e.g. "2.4")
        self.defects: tuple = ()   # boundcalc.defects.Defect records of the paper's package
        self.proofs: dict = {}     # proof records (boundcalc.prover) by node id or corrected-statement key
        self.paper: str | None = None  # module name of the paper package (boundcalc.paper sets it)
        results = list(results)
        for r in results:
            if r.id.lower() in self._index:
                raise ValueError(f"duplicate result id {r.id}")
            self.results[r.id] = r
            self._index[r.id.lower()] = r.id
        for r in results:
            for key in r.aliases:
                k = key.lower()
                if k in self.results or k in {i.lower() for i in self.results}:
                    raise ValueError(f"alias {key} of {r.id} is the id of another result")
                if k in self.ambiguous:
                    self.ambiguous[k].append(r.id)
                elif k in self._index and self._index[k] != r.id:
                    self.ambiguous[k] = [self._index.pop(k), r.id]
                else:
                    self._index[k] = r.id

    def __iter__(self):
        return iter(self.results.values())

    def __len__(self) -> int:
        return len(self.results)

    def resolve(self, key: str) -> str:
        """The id for an id or alias; InputError listing close matches otherwise."""
        k = key.strip().lower()
        if k in self._index:
            return self._index[k]
        if k in self.ambiguous:
            raise InputError(f"{key!r} is ambiguous: {' or '.join(self.ambiguous[k])}")
        numbered = sorted(i for i in self.results if i.lower().partition("-")[2] == k)   # "2.3" -> lemma-2.3, ...
        if len(numbered) == 1:
            return numbered[0]
        if numbered:
            raise InputError(f"{key!r} is ambiguous: {' or '.join(numbered)}")
        close = sorted(i for i in self._index if k in i)[:5]
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        raise InputError(f"unknown result {key!r}{hint}")

    def get(self, key: str) -> Result:
        return self.results[self.resolve(key)]

    def dangling(self) -> list[tuple[str, str]]:
        """(user, used) pairs whose used id is not declared."""
        return [(r.id, u) for r in self for u in r.uses if u.lower() not in self._index]
