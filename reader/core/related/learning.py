"""When, and from which passages, the library's abbreviations (:mod:`.abbreviations`) are
learned, so that no query waits for it.

Learning reads up to :data:`~.abbreviations.MAX_TEXTS` passages: seconds in a library of a
thousand transcripts. So the process that updates the index learns them once it is done
(:func:`prepare_abbreviations`: the build process the window runs, the command line after its
own update) and saves the table beside the index with the index's vocabulary stamp. A query
uses the saved table; when the vocabulary has changed since (the build is still learning),
the saved table of the earlier vocabulary serves meanwhile: a new transcript changes few
abbreviations. Only when no table was ever saved does a query learn one itself, from
:data:`QUICK_TEXTS` passages (a fraction of a second), saved as provisional so the next
update learns the full one.

The passages are an even sample by document number, read one by one: reading every stored
document of the index took longer than learning from the sample.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from reader.core.related.abbreviations import MAX_TEXTS, Abbreviations, learn
from reader.core.search import IndexUnavailable, SearchIndex, vocabulary
from reader.core.search import documents as d
from reader.core.search import engine as engine_mod
from reader.core.search.index import open_engine

CACHE_FILE = "related-abbreviations.json"
QUICK_TEXTS = 1_000
PROVISIONAL = " provisional"  # after the stamp of a table a query learned


def current_stamp(index_dir: Path) -> str:
    """Changes when the index's vocabulary grows or shrinks (new text), not on every commit:
    saving a note changes no abbreviation."""
    return str((vocabulary.stamp(index_dir) or (0, 0))[0])


def sampled_passages(searcher: Any, limit: int) -> Iterator[tuple[str, str]]:
    """(owner, text) of up to ``limit`` passages, evenly spread over the index."""
    reader = searcher.reader()
    total = reader.doc_count_all()
    step = max(1.0, total / limit)
    for number in sorted({int(i * step) for i in range(min(limit, total))}):
        if reader.is_deleted(number):
            continue
        fields = searcher.stored_fields(number)
        owner = str(fields.get(d.OWNER, ""))
        if owner.startswith(d.PASSAGE + ":"):
            yield owner, str(fields.get(d.DATA, {}).get("text", ""))


def learn_from(engine: engine_mod.Engine, limit: int) -> Abbreviations:
    try:
        texts = list(sampled_passages(engine.searcher(), limit))
    except engine_mod.EngineError:
        raise
    except MemoryError:
        raise
    except Exception as error:  # whatever Whoosh raises reading it: a damaged index
        raise engine_mod.EngineError(f"{type(error).__name__}: {error}"[:200]) from error
    return learn(texts, engine_mod.term_of, limit)


def prepare_abbreviations(index: SearchIndex) -> bool:
    """Learn the abbreviations of the index as it is and save them, unless saved already
    (cheap then); True when learned now. Raises IndexUnavailable when there is no index."""
    engine = open_engine(index)
    stamp = current_stamp(index.index_dir)
    cache = index.index_dir / CACHE_FILE
    if Abbreviations.load(cache, stamp) is not None:
        return False
    table = learn_from(engine, MAX_TEXTS)
    with contextlib.suppress(OSError):  # a read-only index folder
        table.save(cache, stamp)
    return True


class AbbreviationTable:
    """One finder's view of the saved table (see the module)."""

    def __init__(self, index_dir: Path) -> None:
        self.cache = index_dir / CACHE_FILE
        self._index_dir = index_dir
        self._table: Abbreviations | None = None
        self._stamp: str | None = None  # the index's stamp the table is of
        self._file: tuple[int, int] | None = None  # the cache file it was read from

    def for_query(self, engine: engine_mod.Engine) -> Abbreviations:
        """The table to use now: never learned at length (see the module)."""
        stamp = current_stamp(self._index_dir)
        if self._table is not None and self._stamp == stamp:
            return self._table
        try:
            info = self.cache.stat()
            file: tuple[int, int] | None = (info.st_mtime_ns, info.st_size)
        except OSError:
            file = None
        if self._table is not None and file is not None and file == self._file:
            return self._table  # the earlier one, while the update learns the new one
        saved = Abbreviations.read(self.cache) if file is not None else None
        if saved is not None:
            self._table, self._stamp, self._file = saved[0], saved[1], file
            return saved[0]
        table = learn_from(engine, QUICK_TEXTS)
        with contextlib.suppress(OSError):  # a read-only index folder: learn it each time
            table.save(self.cache, stamp + PROVISIONAL)
        self._table, self._stamp, self._file = table, stamp + PROVISIONAL, None
        return table

    def learned(self, index: SearchIndex) -> Abbreviations:
        """The full table of the index as it is, learned now unless saved."""
        prepare_abbreviations(index)
        saved = Abbreviations.read(self.cache)
        if saved is None:  # could not be saved: learn it here
            return learn_from(open_engine(index), MAX_TEXTS)
        self._table, self._stamp, self._file = saved[0], saved[1], None
        return saved[0]


def after_index_update(index: SearchIndex) -> None:
    """The update's last step (the build process, the command line): learn the abbreviations
    of the new vocabulary now, so no query waits for them. Quietly does nothing when the
    index cannot be read: a query reports that. Leaves the index closed (a search opens it
    again)."""
    try:
        with contextlib.suppress(IndexUnavailable, engine_mod.EngineError, OSError):
            prepare_abbreviations(index)
    finally:
        index.close()
