"""Field lengths from memory: BM25 and Whoosh's commit ask for them once per posting.

BM25 needs a document's field length for every posting it scores, and Whoosh's commit asks it
for every posting it writes; Whoosh 2.7.4 reads it from the segment's column file each time (a
third of a commit; 7 of a common word's 10 µs per matching passage). :class:`MemoLengths`
wraps a segment's per-document reader and reads each field's column once, in one piece.

It knows the W3 codec's layout (a one-byte column ``_<field>_len`` per field, decoded through
a table), which the engine passes in: this module imports nothing from Whoosh, the version is
pinned, and a test checks the scores against Whoosh's own.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any


class MemoLengths:
    def __init__(self, reader: Any, column: Any, decode: list[int | None]) -> None:
        self._reader = reader
        self._column = column  # the codec's lengths column type
        self._decode = decode  # length byte -> length (None for 0, as Whoosh returns)
        self._tables: dict[str, list[int | None] | None] = {}
        self._per_document: dict[str, tuple[Hashable, list[float]]] = {}

    def table(self, fieldname: str) -> list[int | None] | None:
        """Every document's length of ``fieldname`` (None: the field has no lengths)."""
        if fieldname not in self._tables:
            self._tables[fieldname] = self._load(fieldname)
        return self._tables[fieldname]

    def per_document(self, fieldname: str, key: Hashable, of_length: Callable[[int], float]
                     ) -> list[float] | None:
        """Every document's ``of_length(its length of fieldname)``, worked out once for each
        distinct length (a length is stored in one byte: at most 256 of them) and kept until
        asked with another ``key`` (BM25's length factor, which the average length changes)."""
        known = self._per_document.get(fieldname)
        if known is not None and known[0] == key:
            return known[1]
        table = self.table(fieldname)
        if table is None:
            return None
        values = {length: of_length(length or 0) for length in set(table)}
        found = [values[length] for length in table]
        self._per_document[fieldname] = (key, found)
        return found

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int | None:
        table = self.table(fieldname)
        if table is None:
            return default
        return table[docnum] if docnum < len(table) else None  # as Whoosh: None past the end

    def _load(self, fieldname: str) -> list[int | None] | None:
        column = f"_{fieldname}_len"
        if not self._reader.has_column(column):
            return None
        values = self._reader.column_reader(column, self._column)  # one byte a document
        raw = values._dbfile.get(values._basepos, values._count)
        return [self._decode[b] for b in raw]

    def __getattr__(self, name: str) -> Any:  # everything else as the wrapped reader
        return getattr(self._reader, name)


def memoise_lengths(searcher: Any, column: Any, decode: list[int | None]) -> Any:
    """``searcher`` with every segment's lengths read from memory (idempotent)."""
    for reader, _ in searcher.reader().leaf_readers():
        perdoc = getattr(reader, "_perdoc", None)
        if perdoc is not None and not isinstance(perdoc, MemoLengths):
            reader._perdoc = MemoLengths(perdoc, column, decode)
    return searcher
