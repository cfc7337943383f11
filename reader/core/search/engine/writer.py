"""Writing the index: documents added and deleted, committed in one piece.

:class:`EngineWriter` holds Whoosh's write lock (one writer at a time); a second process of a
full build writes its own segments with :class:`SegmentBuilder`, without the lock and without
touching the index's table of contents, and hands them to the writer, which commits them with
its own (:meth:`EngineWriter.commit` ``segments=``). Postings are written a block at a time
(:mod:`.postings`), field lengths read once (:mod:`.lengths`), small segments merged in tiers.

Part of the engine (see :mod:`.index_schema`).
"""

from __future__ import annotations

import bisect
import gc
import warnings
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from reader.core.search import documents as d
from reader.core.search import vocabulary
from reader.core.search.engine.index_schema import (
    BLOCK_FORMAT,
    BYTE_LENGTHS,
    LENGTHS,
    EngineBusy,
    Text,
    damage,
    open_index,
)
from reader.core.search.lengths import MemoLengths
from reader.core.search.postings import (
    PostingList,
    flush_segment,
    tidy_segments,
    vocabulary_words,
)

with warnings.catch_warnings():
    warnings.simplefilter("ignore", SyntaxWarning)
    warnings.simplefilter("ignore", DeprecationWarning)
    from whoosh.reading import SegmentReader
    from whoosh.writing import CLEAR, NO_MERGE, LockError, SegmentWriter

FULL_BUILD_MB, UPDATE_MB = 512, 128  # writer buffers; beyond them Whoosh sorts on disk, slowly


def open_writer(index: Any, folder: Path, full: bool, fresh_vocabulary: bool) -> EngineWriter:
    """A writer of ``index`` holding its lock (EngineBusy when another program has it)."""
    try:
        writer = index.writer(limitmb=FULL_BUILD_MB if full else UPDATE_MB, compound=False,
                              timeout=5.0)
    except LockError:
        raise EngineBusy("another program is writing to the search index") from None
    except Exception as error:
        raise damage(error) from error
    return EngineWriter(writer, full, folder, fresh_vocabulary)


class _Documents:
    """Adding documents to a Whoosh segment writer, with the faster paths installed."""

    def __init__(self, writer: Any, full: bool) -> None:
        self._writer = writer
        self._full = full
        self._gc_was_enabled = gc.isenabled()
        if full:  # the build allocates millions of small objects that are never garbage
            gc.disable()
        # Whoosh's commit asks the field length of every posting (see lengths.py).
        per_document_reader = writer.per_document_reader
        writer.per_document_reader = lambda: MemoLengths(per_document_reader(), LENGTHS,
                                                         BYTE_LENGTHS)
        write_in_blocks(writer)
        self._body = writer.schema[d.BODY]
        self._body.seen = set()

    def add(self, document: d.IndexDocument) -> None:
        add_document(self._writer, {d.OWNER: document.owner, d.DATA: document.data,
                                    **document.text})

    def _take_words(self) -> set[str]:
        words, self._body.seen = vocabulary_words(self._body.seen or set()), None
        return words

    def _restore_gc(self) -> None:
        if self._full and self._gc_was_enabled:
            gc.enable()
            gc.collect()  # the batch's cycles, before the next batch adds its own


class EngineWriter(_Documents):
    """Adds and deletes documents; nothing is visible before :meth:`commit`."""

    def __init__(self, writer: Any, full: bool, folder: Path, fresh_vocabulary: bool) -> None:
        super().__init__(writer, full)
        self._folder = folder
        self._fresh_vocabulary = fresh_vocabulary
        self._searcher: Any = None

    def holds_documents(self) -> bool:
        """Were documents added since the writer was opened?"""
        return bool(self._writer._added)

    def delete_owner(self, owner: str) -> None:
        # One searcher of the committed segments for all deletions: Whoosh opens a reader of
        # every segment for each deletion otherwise (four for each transcript indexed again).
        if self._searcher is None:
            self._searcher = self._writer.searcher()
        self._writer.delete_by_term(d.OWNER, owner, searcher=self._searcher)

    def _close_searcher(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None

    def commit(self, replace_all: bool = False, merge: bool = True,
               segments: Sequence[Any] = (), words: Iterable[str] = ()) -> None:
        """Make the changes visible; ``replace_all`` drops every older segment (searches use
        them until now); ``merge``: small segments may be merged (:func:`_tidy`);
        ``segments``: finished by :class:`SegmentBuilder` in another process, added as they
        are, their passages holding ``words``."""
        words = self._take_words() | set(words)
        policy = CLEAR if replace_all else _tidy if merge else NO_MERGE
        extra = list(segments)
        self._close_searcher()
        try:
            self._writer.commit(mergetype=lambda writer, old: policy(writer, old) + extra)
            _save_vocabulary(self._folder, words, self._fresh_vocabulary or replace_all)
        finally:
            self._restore_gc()

    def cancel(self) -> None:
        self._body.seen = None
        self._close_searcher()
        try:
            self._writer.cancel()
        finally:
            self._restore_gc()


class SegmentBuilder(_Documents):
    """Writes documents into a new segment of the index in ``folder`` for another process's
    :class:`EngineWriter` to commit: no lock is taken (the committing process holds it) and
    the index's table of contents is not touched. Only adds: a segment has no deletions."""

    def __init__(self, folder: Path) -> None:
        try:
            writer = SegmentWriter(open_index(folder), _lk=False, limitmb=FULL_BUILD_MB,
                                   compound=False)
        except Exception as error:
            raise damage(error) from error
        super().__init__(writer, full=True)

    def delete_owner(self, owner: str) -> None:
        raise ValueError("a new segment holds nothing to delete")

    def finish(self) -> tuple[Any | None, set[str]]:
        """The finished segment (None when nothing was added) and the words its passages
        hold. The builder is done: a new one writes the next segment."""
        words = self._take_words()
        try:
            segment = self._writer._finalize_segment() if self._writer._added else None
            if segment is None:
                self._writer._close_segment()
        finally:
            self._restore_gc()
        return segment, words

    def close(self) -> None:
        """Give up the segment being written (its files go at the next commit)."""
        self._body.seen = None
        self._writer._close_segment()
        self._restore_gc()


def add_document(writer: Any, fields: dict[str, Any]) -> None:
    """Whoosh's ``SegmentWriter.add_document`` for this schema, whose fields have no boosts,
    vectors, spelling fields or columns: the same postings, stored values and lengths, in
    the same order, without the checks for what the schema never uses (about a third of the
    cost of adding a passage outside its words). A keyword field's value (a transcript's
    owner, a chapter's key: the same for hundreds of passages) is analysed once."""
    if writer.is_closed:
        writer.add_document(**fields)  # Whoosh's own error
        return
    perdocwriter, schema, docnum = writer.perdocwriter, writer.schema, writer.docnum
    add_posting = writer.pool.add
    perdocwriter.start_doc(docnum)
    for name in sorted(fields):
        value = fields[name]
        if value is None:
            continue
        field = schema[name]
        length = 0
        if field.indexed:
            postings = (field.index(value) if isinstance(field, Text)
                        else _KEYWORDS.get((name, value)) or _keyword_postings(name, field, value))
            scorable = field.scorable
            for term, frequency, weight, encoded in postings:
                if scorable:
                    length += frequency
                add_posting((name, term, docnum, weight, encoded))
        perdocwriter.add_field(name, field, value if field.stored else None, length)
    perdocwriter.finish_doc()
    writer._added = True
    writer.docnum += 1


_KEYWORDS: dict[tuple[str, str], list[tuple[bytes, int, float, bytes]]] = {}


def _keyword_postings(name: str, field: Any, value: str
                      ) -> list[tuple[bytes, int, float, bytes]]:
    if len(_KEYWORDS) >= 4096:  # one transcript's owners and chapter keys, and then some
        _KEYWORDS.clear()
    # Whoosh multiplies each weight by the field's boost (1.0), making it a float.
    found = [(term, frequency, weight * 1.0, encoded)
             for term, frequency, weight, encoded in field.index(value)]
    _KEYWORDS[name, value] = found
    return found


def _save_vocabulary(folder: Path, words: set[str], replace: bool) -> None:
    """The vocabulary file rewritten only when it gains a word: an update of one edited file
    rarely brings one, and rewriting 100,000 words takes 20 ms."""
    if not replace:
        known = vocabulary.Vocabulary.load(folder)
        if known is not None and all(_holds(known.words, word) for word in words if word):
            return
    vocabulary.save(folder, words, replace)


def _holds(ordered: list[str], word: str) -> bool:
    at = bisect.bisect_left(ordered, word)
    return at < len(ordered) and ordered[at] == word


def write_in_blocks(writer: Any) -> None:
    """The writer's postings grouped and written a block at a time (see postings.py)."""
    postings = writer.pool = PostingList()
    writer._flush_segment = lambda: flush_segment(writer, postings, BLOCK_FORMAT)


def _tidy(writer: Any, segments: list[Any]) -> list[Any]:
    """Small segments merged in tiers (see :func:`.postings.tidy_segments`)."""
    return tidy_segments(writer, segments, SegmentReader)
