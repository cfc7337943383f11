"""What the index holds in Whoosh's terms: its schema, how text becomes terms, the codec's
constants the faster paths rely on, and what a Whoosh failure means (:class:`EngineError`).

Part of the engine package (with its ``__init__``, :mod:`.writer`, :mod:`.queries`): the
only modules that import Whoosh (2.7.4, pinned: frozen since 2016).
"""

from __future__ import annotations

import contextlib
import sys
import types
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from reader.core.search import documents as d
from reader.core.search import text as textmod
from reader.core.search.postings import BlockFormat, TermPositions


@contextlib.contextmanager
def _no_web_client() -> Iterator[None]:
    """Whoosh's ``compat`` module imports ``urllib.request.urlretrieve`` for Python 2's sake
    and never calls it; importing it loads the HTTP, SSL and e-mail modules, about 55 ms of
    every command-line search. While Whoosh is imported, ``urllib.request`` is a stand-in
    whose ``urlretrieve`` imports the real one if it is ever called; it is taken out of
    ``sys.modules`` afterwards, so any later import gets the real module."""
    if "urllib.request" in sys.modules:
        yield
        return

    def urlretrieve(*args: Any, **kwargs: Any) -> Any:
        if sys.modules.get("urllib.request") is stand_in:
            del sys.modules["urllib.request"]
        import urllib.request

        return urllib.request.urlretrieve(*args, **kwargs)

    stand_in = types.ModuleType("urllib.request")
    stand_in.urlretrieve = urlretrieve  # type: ignore[attr-defined]
    sys.modules["urllib.request"] = stand_in
    try:
        yield
    finally:
        if sys.modules.get("urllib.request") is stand_in:
            del sys.modules["urllib.request"]


# Whoosh predates Python's warnings about `is 0` and invalid escapes; they fire when its modules
# are compiled (no .pyc yet), as errors under `-W error`.
with warnings.catch_warnings(), _no_web_client():
    warnings.simplefilter("ignore", SyntaxWarning)
    warnings.simplefilter("ignore", DeprecationWarning)
    from whoosh import columns
    from whoosh import index as whoosh_index
    from whoosh.analysis import Filter, RegexTokenizer
    from whoosh.codec import whoosh3
    from whoosh.codec.whoosh3 import LENGTHS_COLUMN, WHOOSH3_HEADER_MAGIC
    from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema
    from whoosh.lang import stemmer_for_language
    from whoosh.util.numeric import byte_to_length, length_to_byte


# Each document's stored data (a passage's text and place, some 300-1,000 bytes pickled) is
# kept as it is, not compressed one document at a time as Whoosh does: zlib shrinks so little
# a value by a quarter, and starting it for each one was about a tenth of a full build's CPU.
# Whoosh's codec reads this name when a segment is written and when it is read; indexes
# written before (schema version 3) are rebuilt.
whoosh3.STORED_COLUMN = columns.PickleColumn(columns.VarBytesColumn())


class EngineError(Exception):
    """The index could not be opened or read (damaged, half-written, not an index)."""


class EngineBusy(Exception):
    """Another program holds Whoosh's own write lock."""


ANALYSIS = textmod.Analysis(stemmer_for_language("en"))  # Snowball: drops a possessive 's
term_of, terms = ANALYSIS.term_of, ANALYSIS.terms


class _TermFilter(Filter):  # type: ignore[misc]
    def __call__(self, tokens: Iterable[Any]) -> Iterator[Any]:
        removed = 0
        for token in tokens:
            term = term_of(token.text)
            if term is None:
                removed += 1
                continue
            token.text = term
            if token.positions:
                token.pos -= removed
            yield token


def _analyzer() -> Any:
    return RegexTokenizer(textmod.WORD_PATTERN) | _TermFilter()


class Text(TEXT):  # type: ignore[misc]
    """Indexes the terms and positions its analyzer gives (common words leave no gap, so a
    phrase with "of the" in it still matches) in one loop: half the build's time otherwise."""

    seen: set[bytes] | None = None  # while a writer collects the vocabulary

    def __getstate__(self) -> dict[str, Any]:  # the schema is pickled into every commit
        return {k: v for k, v in self.__dict__.items() if k != "seen"}

    def index(self, value: str, **kwargs: Any) -> list[tuple[bytes, int, float, bytes]]:
        return _POSITIONS.postings(value, self.format.encode, self.seen)


_POSITIONS = TermPositions(term_of, textmod.WORD_RE.findall)


def schema() -> Any:
    analyzer = _analyzer()
    return Schema(**{
        d.OWNER: ID(stored=True),
        d.CHAPTER_KEY: ID(),
        d.BODY: Text(analyzer=analyzer),
        d.NOTE: Text(analyzer=analyzer),
        d.TAG: KEYWORD(commas=True, scorable=True),
        d.SPEAKER: Text(analyzer=analyzer),
        d.TITLE: Text(analyzer=analyzer),
        d.CHAPTER: Text(analyzer=analyzer),
        d.DATA: STORED(),
    })


def create(folder: Path) -> None:
    """An empty index in ``folder`` (which exists and holds no other index)."""
    whoosh_index.create_in(str(folder), schema())


def open_index(folder: Path) -> Any:
    """Whoosh's index object of ``folder`` (raises whatever Whoosh raises)."""
    return whoosh_index.open_dir(str(folder), schema=schema())


BLOCK_FORMAT = BlockFormat(WHOOSH3_HEADER_MAGIC, length_to_byte)
BYTE_LENGTHS: list[int | None] = [None] + [byte_to_length(b) for b in range(1, 256)]
LENGTHS = LENGTHS_COLUMN  # the codec's column type of field lengths (see lengths.py)


def damage(error: Exception) -> EngineError:
    """What Whoosh failing to read means: a damaged index (the caller rebuilds it), unless
    memory ran out, which says nothing about the index: that goes on up as it is."""
    if isinstance(error, MemoryError):
        raise error
    return EngineError(describe(error))


def describe(error: BaseException) -> str:
    text = (str(error).splitlines() or [""])[0]
    return f"{type(error).__name__}: {text}"[:200] if text else type(error).__name__


def stored_data(fields: dict[str, Any]) -> dict[str, Any]:
    """A document's stored data, with its owner."""
    return {**fields.get(d.DATA, {}), "owner": fields.get(d.OWNER, "")}
