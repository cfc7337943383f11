"""Whoosh queries for a parsed search: the builder :mod:`.translate` fills in, and AND and
phrases matched a posting list at a time (:mod:`.conjunction`) with Whoosh's own scores.

Part of the engine (see :mod:`.index_schema`).
"""

from __future__ import annotations

import pickle
import warnings
from collections.abc import Callable
from itertools import accumulate
from typing import Any

from reader.core.search import conjunction
from reader.core.search import documents as d
from reader.core.search.engine.index_schema import ANALYSIS, damage
from reader.core.search.lengths import MemoLengths

with warnings.catch_warnings():
    warnings.simplefilter("ignore", SyntaxWarning)
    warnings.simplefilter("ignore", DeprecationWarning)
    from whoosh import query as wq
    from whoosh.formats import Positions
    from whoosh.matching import ListMatcher, NullMatcher
    from whoosh.scoring import BM25FScorer


class Phrase(wq.Phrase):  # type: ignore[misc]
    """Whoosh's phrase query, matched a posting list at a time (conjunction.py); the same
    matches and scores. Whoosh's own builds a span object for every position of every
    candidate and leapfrogs the lists a posting at a time."""

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        found = _all_words(searcher, context, self.fieldname, list(self.words), adjacent=True)
        return super().matcher(searcher, context) if found is None else found


class AllOf(wq.And):  # type: ignore[misc]
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
        _decoder(searcher.schema[field].format) if adjacent else None,
        [reader.doc_frequency(field, word) for word in words])
    return ListMatcher(*found) if found[0] else NullMatcher()


def _decoder(format_: Any) -> Callable[[bytes], list[int]]:
    decode: Callable[[bytes], list[int]] = (_positions if type(format_) is Positions
                                            else format_.decode_positions)
    return decode


def _positions(value: bytes) -> list[int]:
    """Whoosh's ``Positions.decode_positions`` (a count, then the pickled gaps between
    positions, perhaps without pickle's last byte), with the sums taken in C."""
    data = value[4:] if value.endswith(b".") else value[4:] + b"."
    return list(accumulate(pickle.loads(data)))


class QueryBuilder:
    """Whoosh queries for :class:`~reader.core.search.translate.Translator`."""

    def __init__(self, searcher: Any, expand: Callable[[str, str, int], list[str]]) -> None:
        self.searcher = searcher
        self.near = expand
        self.analysis = ANALYSIS
        self.term, self.phrase, self.prefix = wq.Term, Phrase, wq.Prefix
        self.any_of, self.all_of, self.but_not = wq.Or, AllOf, wq.AndNot

    def holds(self, field: str, term: str) -> bool:
        try:
            return bool(term) and (field, term) in self.searcher.reader()
        except Exception as error:
            raise damage(error) from error

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
            raise damage(error) from error


def term_query(field: str, term: str) -> Any:
    return wq.Term(field, term)
