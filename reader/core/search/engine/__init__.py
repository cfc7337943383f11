"""The open index: searching it, and the engine's entry points (Whoosh 2.7.4, pinned: frozen
since 2016; swap engines in these modules).

The rest of the package hands the engine plain data (:class:`IndexDocument` in, stored dicts
and scores out) and the query's meaning (:mod:`.translate` through a builder). The engine is
this package, the only place that imports Whoosh: this module (:class:`Engine`, a searcher
kept open), :mod:`.index_schema` (what is indexed, :class:`EngineError`), :mod:`.writer`
(adding, deleting, committing; a second build process's segments) and :mod:`.queries`
(AND and phrases matched a posting list at a time) and :mod:`.collect` (the best
documents without Whoosh's collector). Because the version is pinned, Whoosh's
slow paths are replaced, each tested against Whoosh's own results. Separate files per segment
(a searcher opens in a millisecond instead of 50); whatever Whoosh raises while reading an
index becomes :class:`EngineError` (the index is a cache: the caller rebuilds it), except
running out of memory.
"""

from __future__ import annotations

import gc
import heapq
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from reader.core.search import documents as d
from reader.core.search import vocabulary
from reader.core.search.engine import collect
from reader.core.search.engine.index_schema import (
    ANALYSIS,
    BYTE_LENGTHS,
    LENGTHS,
    EngineBusy,
    EngineError,
    create,
    damage,
    describe,
    open_index,
    schema,
    term_of,
    terms,
)
from reader.core.search.engine.index_schema import stored_data as _data
from reader.core.search.engine.queries import QueryBuilder, Ranked, term_query
from reader.core.search.engine.writer import EngineWriter, SegmentBuilder, open_writer
from reader.core.search.lengths import memoise_lengths
from reader.core.search.matching import Found
from reader.core.search.postings import segments_to_merge
from reader.core.search.query import Node
from reader.core.search.translate import Translator

__all__ = [
    "ANALYSIS", "Engine", "EngineBusy", "EngineError", "EngineWriter", "SegmentBuilder",
    "create", "schema", "stored_texts", "term_frequencies", "term_of", "terms",
    "weighted_search",
]

MAX_EXPANSIONS = 64  # indexed words a fuzzy word may stand for


def _open(folder: Path) -> tuple[Any, Any]:
    """The index and a searcher. Whoosh leaves files open when it fails halfway through
    reading a damaged index; they are closed here, quietly, before EngineError is raised."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        try:
            index = open_index(folder)
            return index, memoise_lengths(index.searcher(), LENGTHS, BYTE_LENGTHS)
        except Exception as error:
            problem = str(damage(error))
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
                self._searcher = memoise_lengths(searcher, LENGTHS, BYTE_LENGTHS)
        except Exception as error:
            raise damage(error) from error
        return self._searcher

    def documents_with_term(self, field: str, term: str, limit: int) -> list[dict[str, Any]]:
        """Stored data of a few documents whose ``field`` holds the indexed ``term``, from
        the version of the index the last search read (the records of its hits; checking
        for a newer one costs a listing of the folder)."""
        searcher = self._searcher
        try:
            q = term_query(field, term)
            found = collect.first_documents(searcher, field, term, limit)
            if found is None:
                ranked = collect.top_documents(searcher, q, limit)
                found = [docnum for _, docnum in ranked[0]] if ranked is not None else \
                    [docnum for docnum, _ in searcher.search(q, limit=limit).items()]
            return [_data(searcher.stored_fields(docnum)) for docnum in found]
        except Exception as error:
            raise damage(error) from error

    def similar_terms(self, field: str, word: str, maxdist: int) -> list[tuple[str, int]]:
        """(term, documents holding it) for the indexed terms near ``word``, nearest first."""
        reader = self.searcher().reader()
        try:
            return [(t, reader.doc_frequency(field, t)) for t in self._expand(field, word,
                                                                              maxdist)]
        except Exception as error:
            raise damage(error) from error

    # --- searching -----------------------------------------------------------------------

    def search(self, node: Node, limit: int, exact_total: bool) -> Found:
        """The best ``limit`` documents for ``node``. ``total`` is exact for the queries
        :mod:`.collect` finds (words, AND, phrases, OR, exclusions, fuzzy words); for the
        others (prefixes, ``title:`` and ``chapter:``) an upper estimate unless
        ``exact_total`` (then Whoosh runs the query twice)."""
        searcher = self.searcher()
        if searcher is not self._expanded_for:
            self._expanded_for, self._expansions = searcher, {}
        translator = Translator(QueryBuilder(searcher, self._expand))
        q = translator.node(node)
        found = Found(translator.matched, translator.notes)
        if q is None:
            return found
        try:
            ranked = collect.top_documents(searcher, q, limit)
            if ranked is not None:  # the usual queries: every match scored and counted
                q, found.total = Ranked(searcher, ranked[0]), ranked[1]
            results = searcher.search(q, limit=limit)
            found.hits = [(float(score or 0.0), _data(searcher.stored_fields(docnum)))
                          for docnum, score in results.items()]
            if ranked is None and results.scored_length() < limit:  # every match collected
                found.total = results.scored_length()
            elif ranked is None and exact_total:
                found.total = len(results)
            elif ranked is None:
                found.total = int(results.estimated_length())
        except RecursionError:  # the query is too big for Whoosh's matchers, not damage
            found.notes.append("This search is too complex to run: try fewer words.")
        except Exception as error:
            raise damage(error) from error
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
                    reader = self._searcher.reader()
                    empty = self._searcher.schema[field].scorable and \
                        not reader.field_length(field)  # no notes at all: nothing to walk
                    found = [] if empty else sorted(reader.terms_within(field, form, maxdist,
                                                                        prefix=1))
                except Exception as error:
                    raise damage(error) from error
            self._expansions[key] = found[:MAX_EXPANSIONS]
        return self._expansions[key]

    def _vocabulary(self) -> vocabulary.Vocabulary | None:
        stamp = vocabulary.stamp(self.folder)
        if stamp != self._vocabulary_stamp:
            self._vocabulary_stamp = stamp
            self._words = vocabulary.Vocabulary.load(self.folder)
        return self._words

    # --- writing -------------------------------------------------------------------------

    def needs_tidying(self) -> bool:
        """Have updates left enough small segments for :meth:`EngineWriter.commit` with
        ``merge`` to merge some (see :func:`.postings.segments_to_merge`)?"""
        try:
            return bool(segments_to_merge(self._index._segments()))
        except Exception as error:
            raise damage(error) from error

    def writer(self, full: bool, fresh_vocabulary: bool | None = None) -> EngineWriter:
        """``full``: many documents (big buffer, no garbage collector); ``fresh_vocabulary``
        (default ``full``): the commit writes the vocabulary afresh."""
        return open_writer(self._index, self.folder, full,
                           full if fresh_vocabulary is None else fresh_vocabulary)


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
        raise EngineError(describe(error)) from error


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
            excluded.update(searcher.docs_for_query(term_query(d.OWNER, owner)))
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
        raise EngineError(describe(error)) from error


def stored_texts(engine: Engine, kind: str) -> Iterator[tuple[str, str]]:
    """(owner, stored text) of every document whose owner is of ``kind`` (``d.PASSAGE``...)."""
    searcher = engine.searcher()
    try:
        for fields in searcher.all_stored_fields():
            owner = str(fields.get(d.OWNER, ""))
            if owner.startswith(kind + ":"):
                yield owner, str(fields.get(d.DATA, {}).get("text", ""))
    except Exception as error:
        raise EngineError(describe(error)) from error
