"""A registry of results: lookup by id or alias, and integrity checks of the 'uses' edges."""
from __future__ import annotations

from typing import Callable, Iterable, Mapping

from .errors import InputError
from .records import Result


class Registry:
    """All declared results, indexed by id and by alias (case-insensitive).

    Built once by a paper package's ``registry()``. It refuses (:class:`~boundcalc.records.DeclarationError`,
    one line per problem) duplicate ids, an alias that is another result's id, and a ``uses`` id that
    names no declared result. ``source``, when given, cites the paper for every result that gives none.

    Example::

        >>> from boundcalc.records import Result
        >>> from boundcalc.registry import Registry
        >>> a = Result(id="lemma-1", kind="lemma", title="t", statement="s", location="Sec. 1")
        >>> b = Result(id="theorem-2", kind="theorem", title="t", statement="s", location="Sec. 2",
        ...            aliases=("Thm 2",), uses=("lemma-1",))
        >>> reg = Registry([a, b], source="A. Author, Toy paper (2024)")
        >>> reg.resolve("thm 2"), reg.get("lemma-1").source
        ('theorem-2', 'A. Author, Toy paper (2024)')
    """

    def __init__(self, results: Iterable[Result], source: str | None = None):
        from .declcheck import registry_problems
        from .records import DeclarationError

        results = list(results)
        problems = registry_problems(results)
        if problems:
            raise DeclarationError(problems)
        if source:
            for r in results:
                if not r.source:
                    r.source = source
        self.results: dict[str, Result] = {}
        self._index: dict[str, str] = {}
        self.ambiguous: dict[str, list[str]] = {}  # alias -> the ids sharing it (e.g. "2.4")
        self.defects: tuple = ()   # boundcalc.defects.Defect records of the paper's package
        self._proofs: dict | None = {}
        self._proofs_loader: Callable[[], Mapping] | None = None
        self.statements: dict = {}  # formal statements (boundcalc.statements) of corrections, by record key
        self.paper: str | None = None  # module name of the paper package (boundcalc.paper sets it)
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

    @property
    def proofs(self) -> dict:
        """Proof records (boundcalc.prover) by node id or corrected-statement key, loaded on first use.

        A paper package may hand a loader to :meth:`load_proofs_with` so that commands which never
        look at proofs (the calculators) never import the prover."""
        if self._proofs is None:
            self._proofs = dict(self._proofs_loader() or {})
        return self._proofs

    @proofs.setter
    def proofs(self, records: Mapping) -> None:
        self._proofs, self._proofs_loader = dict(records), None

    def load_proofs_with(self, loader: Callable[[], Mapping]) -> None:
        """Defer loading the proof records until :attr:`proofs` is first read."""
        self._proofs, self._proofs_loader = None, loader

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
        """The Result for an id or alias (InputError when there is none)."""
        return self.results[self.resolve(key)]

    def dangling(self) -> list[tuple[str, str]]:
        """(user, used) pairs whose used id is not declared."""
        return [(r.id, u) for r in self for u in r.uses if u.lower() not in self._index]
