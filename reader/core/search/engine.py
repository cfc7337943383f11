"""The one module that speaks Whoosh (2.7.4, pinned: frozen since 2016): swap engines here.

The rest of the package hands it plain data (:class:`IndexDocument` in, stored dicts and
scores out) and the query's meaning (:mod:`.translate` through :class:`_Builder`). Because the
version is pinned, Whoosh's slow paths are replaced, each tested against Whoosh's own results:
text indexed without its token pipeline and postings written a block at a time
(:mod:`.postings`), field lengths read once (:mod:`.lengths`), AND and phrases matched a
posting list at a time (:mod:`.conjunction`), small segments merged in tiers. Otherwise:
separate files per segment (a searcher opens in a millisecond instead of 50), one writing
process, never Whoosh's forking multiprocess writer, and whatever Whoosh raises while reading
an index becomes :class:`EngineError` (the index is a cache: the caller rebuilds it), except
running out of memory.
"""

from __future__ import annotations

import gc
import heapq
import warnings
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from reader.core.search import conjunction, vocabulary
from reader.core.search import documents as d
from reader.core.search import text as textmod
from reader.core.search.lengths import MemoLengths, memoise_lengths
from reader.core.search.matching import Found
from reader.core.search.postings import (
    BlockFormat,
    PostingList,
    TermPositions,
    flush_segment,
    tidy_segments,
    vocabulary_words,
)
from reader.core.search.query import Node
from reader.core.search.translate import Translator

# Whoosh predates Python's warnings about `is 0` and invalid escapes; they fire when its modules
# are compiled (no .pyc yet), as errors under `-W error`.
with warnings.catch_warnings():
    warnings.simplefilter("ignore", SyntaxWarning)
    warnings.simplefilter("ignore", DeprecationWarning)
    from whoosh import index as whoosh_index
    from whoosh import query as wq
    from whoosh.analysis import Filter, RegexTokenizer
    from whoosh.codec.whoosh3 import LENGTHS_COLUMN, WHOOSH3_HEADER_MAGIC
    from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema
    from whoosh.lang import stemmer_for_language
    from whoosh.matching import ListMatcher, NullMatcher
    from whoosh.reading import SegmentReader
    from whoosh.scoring import BM25FScorer
    from whoosh.util.numeric import byte_to_length, length_to_byte
    from whoosh.writing import CLEAR, NO_MERGE, LockError

FULL_BUILD_MB, UPDATE_MB = 512, 128  # writer buffers; beyond them Whoosh sorts on disk, slowly
MAX_EXPANSIONS = 64  # indexed words a fuzzy word may stand for


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


class _Text(TEXT):  # type: ignore[misc]
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
        d.BODY: _Text(analyzer=analyzer),
        d.NOTE: _Text(analyzer=analyzer),
        d.TAG: KEYWORD(commas=True, scorable=True),
        d.SPEAKER: _Text(analyzer=analyzer),
        d.TITLE: _Text(analyzer=analyzer),
        d.CHAPTER: _Text(analyzer=analyzer),
        d.DATA: STORED(),
    })


def create(folder: Path) -> None:
    """An empty index in ``folder`` (which exists and holds no other index)."""
    whoosh_index.create_in(str(folder), schema())


def _open(folder: Path) -> tuple[Any, Any]:
    """The index and a searcher. Whoosh leaves files open when it fails halfway through
    reading a damaged index; they are closed here, quietly, before EngineError is raised."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        try:
            index = whoosh_index.open_dir(str(folder), schema=schema())
            return index, memoise_lengths(index.searcher(), LENGTHS_COLUMN, _BYTE_LENGTHS)
        except Exception as error:
            problem = str(_damage(error))
        gc.collect()
    raise EngineError(problem)


class Engine:
    """An open index: a searcher kept open and refreshed when another process committed."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._index, self._searcher = _open(folder)
        self._expanded_for: Any = None
        self._expansions: dict[tuple[str, str, int], list[str]] = {}
        self._vocabulary_stamp: tuple[int, int] | None = None
        self._words: vocabulary.Vocabulary | None = None

    def close(self) -> None:
        self._searcher.close()
        self._index.close()

    def searcher(self) -> Any:
        try:
            searcher = self._searcher.refresh()
            if searcher is not self._searcher:
                self._searcher = memoise_lengths(searcher, LENGTHS_COLUMN, _BYTE_LENGTHS)
        except Exception as error:
            raise _damage(error) from error
        return self._searcher

    def documents_with_term(self, field: str, term: str, limit: int) -> list[dict[str, Any]]:
        """Stored data of a few documents whose ``field`` holds the indexed ``term``."""
        try:
            hits = self.searcher().search(wq.Term(field, term), limit=limit)
            return [_data(hit.fields()) for hit in hits]
        except Exception as error:
            raise _damage(error) from error

    def similar_terms(self, field: str, word: str, maxdist: int) -> list[tuple[str, int]]:
        """(term, documents holding it) for the indexed terms near ``word``, nearest first."""
        reader = self.searcher().reader()
        try:
            return [(t, reader.doc_frequency(field, t)) for t in self._expand(field, word,
                                                                              maxdist)]
        except Exception as error:
            raise _damage(error) from error

    # --- searching -----------------------------------------------------------------------

    def search(self, node: Node, limit: int, exact_total: bool) -> Found:
        """The best ``limit`` documents for ``node``; ``total`` is an upper estimate unless
        ``exact_total`` (then Whoosh runs the query twice)."""
        searcher = self.searcher()
        if searcher is not self._expanded_for:
            self._expanded_for, self._expansions = searcher, {}
        translator = Translator(_Builder(searcher, self._expand))
        q = translator.node(node)
        found = Found(translator.matched, translator.notes)
        if q is None:
            return found
        try:
            results = searcher.search(q, limit=limit)
            found.hits = [(float(score or 0.0), _data(searcher.stored_fields(docnum)))
                          for docnum, score in results.items()]
            if results.scored_length() < limit:  # every match was collected
                found.total = results.scored_length()
            elif exact_total:
                found.total = len(results)
            else:
                found.total = int(results.estimated_length())
        except RecursionError:  # the query is too big for Whoosh's matchers, not damage
            found.notes.append("This search is too complex to run: try fewer words.")
        except Exception as error:
            raise _damage(error) from error
        return found

    def _expand(self, field: str, form: str, maxdist: int) -> list[str]:
        """Indexed terms within ``maxdist`` edits of ``form``, nearest first."""
        key = (field, form, maxdist)
        if key not in self._expansions:
            words = self._vocabulary() if field == d.BODY else None
            if words is not None:
                found = [word for word, _ in words.near(form, maxdist)]
            else:  # notes and tags: few words, Whoosh's own walk is quick
                try:
                    found = sorted(self._searcher.reader().terms_within(field, form, maxdist,
                                                                        prefix=1))
                except Exception as error:
                    raise _damage(error) from error
            self._expansions[key] = found[:MAX_EXPANSIONS]
        return self._expansions[key]

    def _vocabulary(self) -> vocabulary.Vocabulary | None:
        stamp = vocabulary.stamp(self.folder)
        if stamp != self._vocabulary_stamp:
            self._vocabulary_stamp = stamp
            self._words = vocabulary.Vocabulary.load(self.folder)
        return self._words

    # --- writing -------------------------------------------------------------------------

    def writer(self, full: bool, fresh_vocabulary: bool | None = None) -> EngineWriter:
        """``full``: many documents (big buffer, no garbage collector); ``fresh_vocabulary``
        (default ``full``): the commit writes the vocabulary afresh."""
        try:
            writer = self._index.writer(limitmb=FULL_BUILD_MB if full else UPDATE_MB,
                                        compound=False, timeout=5.0)
        except LockError:
            raise EngineBusy("another program is writing to the search index") from None
        except Exception as error:
            raise _damage(error) from error
        return EngineWriter(writer, full, self.folder,
                            full if fresh_vocabulary is None else fresh_vocabulary)


class EngineWriter:
    """Adds and deletes documents; nothing is visible before :meth:`commit`."""

    def __init__(self, writer: Any, full: bool, folder: Path, fresh_vocabulary: bool) -> None:
        self._writer = writer
        self._full = full
        self._folder = folder
        self._fresh_vocabulary = fresh_vocabulary
        self._gc_was_enabled = gc.isenabled()
        if full:  # the build allocates millions of small objects that are never garbage
            gc.disable()
        # Whoosh's commit asks the field length of every posting (see lengths.py).
        per_document_reader = writer.per_document_reader
        writer.per_document_reader = lambda: MemoLengths(per_document_reader(),
                                                         LENGTHS_COLUMN, _BYTE_LENGTHS)
        _write_in_blocks(writer)
        self._body = writer.schema[d.BODY]
        self._body.seen = set()

    def add(self, document: d.IndexDocument) -> None:
        self._writer.add_document(**{d.OWNER: document.owner, d.DATA: document.data},
                                  **document.text)

    def delete_owner(self, owner: str) -> None:
        self._writer.delete_by_term(d.OWNER, owner)

    def commit(self, replace_all: bool = False, merge: bool = True) -> None:
        """Make the changes visible; ``replace_all`` drops every older segment (searches use
        them until now); ``merge``: small segments may be merged (:func:`_tidy`)."""
        words, self._body.seen = vocabulary_words(self._body.seen or set()), None
        try:
            self._writer.commit(mergetype=CLEAR if replace_all else _tidy if merge else NO_MERGE)
            vocabulary.save(self._folder, words, replace=self._fresh_vocabulary or replace_all)
        finally:
            self._restore_gc()

    def cancel(self) -> None:
        self._body.seen = None
        try:
            self._writer.cancel()
        finally:
            self._restore_gc()

    def _restore_gc(self) -> None:
        if self._full and self._gc_was_enabled:
            gc.enable()
            gc.collect()  # the batch's cycles, before the next batch adds its own


def _write_in_blocks(writer: Any) -> None:
    """The writer's postings grouped and written a block at a time (see postings.py)."""
    postings = writer.pool = PostingList()
    writer._flush_segment = lambda: flush_segment(writer, postings, _BLOCK_FORMAT)


def _tidy(writer: Any, segments: list[Any]) -> list[Any]:
    """Small segments merged in tiers (see :func:`.postings.tidy_segments`)."""
    return tidy_segments(writer, segments, SegmentReader)


_BLOCK_FORMAT = BlockFormat(WHOOSH3_HEADER_MAGIC, length_to_byte)
_BYTE_LENGTHS: list[int | None] = [None] + [byte_to_length(b) for b in range(1, 256)]


def _data(fields: dict[str, Any]) -> dict[str, Any]:
    """A document's stored data, with its owner."""
    return {**fields.get(d.DATA, {}), "owner": fields.get(d.OWNER, "")}


def _damage(error: Exception) -> EngineError:
    """What Whoosh failing to read means: a damaged index (the caller rebuilds it), unless
    memory ran out, which says nothing about the index: that goes on up as it is."""
    if isinstance(error, MemoryError):
        raise error
    return EngineError(_describe(error))


def _describe(error: BaseException) -> str:
    text = (str(error).splitlines() or [""])[0]
    return f"{type(error).__name__}: {text}"[:200] if text else type(error).__name__


class _Phrase(wq.Phrase):  # type: ignore[misc]
    """Whoosh's phrase query, matched a posting list at a time (conjunction.py); the same
    matches and scores. Whoosh's own builds a span object for every position of every
    candidate and leapfrogs the lists a posting at a time."""

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        found = _all_words(searcher, context, self.fieldname, list(self.words), adjacent=True)
        return super().matcher(searcher, context) if found is None else found


class _AllOf(wq.And):  # type: ignore[misc]
    """Whoosh's AND; of plain words of one field (the usual query), matched a posting list
    at a time (conjunction.py), with the same matches and scores."""

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        words = self.subqueries
        if (len(words) < 2 or self.boost != 1.0
                or any(type(q) is not wq.Term or q.boost != 1.0 for q in words)
                or len({q.fieldname for q in words}) != 1):
            return super().matcher(searcher, context)
        found = _all_words(searcher, context, words[0].fieldname, [q.text for q in words],
                           adjacent=False)
        return super().matcher(searcher, context) if found is None else found


def _all_words(searcher: Any, context: Any, field: str, words: list[str], adjacent: bool
               ) -> Any:
    """A matcher of the documents holding all ``words`` (``adjacent``: one after another);
    None when the weighting is not BM25F."""
    reader = searcher.reader()
    if any((field, word) not in reader for word in words):
        return NullMatcher()
    matchers = [wq.Term(field, word).matcher(searcher, context) for word in words]
    if not all(isinstance(getattr(m, "scorer", None), BM25FScorer) for m in matchers):
        return None
    deleted = frozenset(reader.deleted_docs()) if reader.has_deletions() else frozenset()
    perdoc = getattr(reader, "_perdoc", None)
    lengths = perdoc.table(field) if isinstance(perdoc, MemoLengths) else None
    found = conjunction.match_all(
        [getattr(m, "child", m) for m in matchers], [m.scorer for m in matchers], deleted,
        lengths.__getitem__ if lengths is not None else matchers[0].scorer.dfl,
        searcher.schema[field].format.decode_positions if adjacent else None,
        [reader.doc_frequency(field, word) for word in words])
    return ListMatcher(*found) if found[0] else NullMatcher()


class _Builder:
    """Whoosh queries for :class:`~reader.core.search.translate.Translator`."""

    def __init__(self, searcher: Any, expand: Callable[[str, str, int], list[str]]) -> None:
        self.searcher = searcher
        self.near = expand
        self.analysis = ANALYSIS
        self.term, self.phrase, self.prefix = wq.Term, _Phrase, wq.Prefix
        self.any_of, self.all_of, self.but_not = wq.Or, _AllOf, wq.AndNot

    def holds(self, field: str, term: str) -> bool:
        try:
            return bool(term) and (field, term) in self.searcher.reader()
        except Exception as error:
            raise _damage(error) from error

    @staticmethod
    def fuzzy(field: str, text: str, maxdist: int) -> Any:
        return wq.FuzzyTerm(field, text, maxdist=maxdist, prefixlength=1)

    @staticmethod
    def nothing() -> Any:
        return wq.NullQuery

    @staticmethod
    def filter(field: str, values: list[str]) -> Any:
        if not values:
            return wq.NullQuery
        return wq.ConstantScoreQuery(wq.Or([wq.Term(field, v) for v in values]), 1.0)

    def stored_matching(self, q: Any) -> list[dict[str, Any]]:
        try:
            return [self.searcher.stored_fields(n).get(d.DATA, {})
                    for n in self.searcher.docs_for_query(q)]
        except Exception as error:
            raise _damage(error) from error



# --- related passages (reader.core.related) ---------------------------------------------------


def term_frequencies(engine: Engine, field: str, terms: Iterable[str]
                     ) -> tuple[int, dict[str, int]]:
    """(documents in the index, documents holding each term of ``field``)."""
    try:
        reader = engine.searcher().reader()
        return reader.doc_count(), {t: reader.doc_frequency(field, t) for t in terms}
    except EngineError:
        raise
    except Exception as error:
        raise EngineError(_describe(error)) from error


def weighted_search(engine: Engine, field: str, weights: dict[str, float], limit: int,
                    exclude_owners: Iterable[str] = ()) -> list[tuple[float, dict[str, Any]]]:
    """(score, stored data) of the best ``limit`` documents holding any of the weighted terms
    of ``field`` (each term's BM25F score times its weight), never those of
    ``exclude_owners``: "more like this" over terms the caller chose. Scored term by term
    over the postings: Whoosh's union of many terms walks a tree of matchers for every
    document, about a hundred times slower."""
    if not weights:
        return []
    searcher = engine.searcher()
    try:
        excluded: set[int] = set()
        for owner in exclude_owners:
            excluded.update(searcher.docs_for_query(wq.Term(d.OWNER, owner)))
        reader, weighting = searcher.reader(), searcher.weighting
        scores: dict[int, float] = {}
        for term, weight in weights.items():
            if (field, term) not in reader:
                continue
            matcher = searcher.postings(field, term, weighting=weighting)
            while matcher.is_active():
                docnum = matcher.id()
                scores[docnum] = scores.get(docnum, 0.0) + weight * matcher.score()
                matcher.next()
        best = heapq.nlargest(limit, ((score, docnum) for docnum, score in scores.items()
                                      if docnum not in excluded))
        return [(score, _data(searcher.stored_fields(docnum))) for score, docnum in best]
    except Exception as error:
        raise EngineError(_describe(error)) from error


def stored_texts(engine: Engine, kind: str) -> Iterator[tuple[str, str]]:
    """(owner, stored text) of every document whose owner is of ``kind`` (``d.PASSAGE``...)."""
    searcher = engine.searcher()
    try:
        for fields in searcher.all_stored_fields():
            owner = str(fields.get(d.OWNER, ""))
            if owner.startswith(kind + ":"):
                yield owner, str(fields.get(d.DATA, {}).get("text", ""))
    except Exception as error:
        raise EngineError(_describe(error)) from error
