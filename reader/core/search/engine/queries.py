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

with warnings.catch_warnings():
    warnings.simplefilter("ignore", SyntaxWarning)
    warnings.simplefilter("ignore", DeprecationWarning)
    from whoosh import query as wq
    from whoosh.formats import Positions
    from whoosh.matching import AndNotMatcher, FilterMatcher, ListMatcher, NullMatcher
    from whoosh.reading import TermNotFound
    from whoosh.scoring import BM25F, BM25FScorer


class Phrase(wq.Phrase):  # type: ignore[misc]
    """Whoosh's phrase query, matched a posting list at a time (conjunction.py); the same
    matches and scores. Whoosh's own builds a span object for every position of every
    candidate and leapfrogs the lists a posting at a time."""

    def documents(self, searcher: Any, context: Any) -> Found | None:
        """(documents, scores) of one segment; None: Whoosh's own matcher must run."""
        if self.slop != 1 or self.boost != 1.0:
            return None
        return all_words(searcher, context, self.fieldname, list(self.words), adjacent=True)

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        found = self.documents(searcher, context)
        return super().matcher(searcher, context) if found is None else _listed(found)


class AllOf(wq.And):  # type: ignore[misc]
    """Whoosh's AND; of plain words of one field (the usual query), matched a posting list
    at a time (conjunction.py), with the same matches and scores."""

    def plain_words(self) -> bool:
        words = self.subqueries
        return (len(words) >= 2 and self.boost == 1.0
                and all(type(q) is wq.Term and q.boost == 1.0 and not q.minquality
                        for q in words)
                and len({q.fieldname for q in words}) == 1)

    def documents(self, searcher: Any, context: Any) -> Found | None:
        """(documents, scores) of one segment; None: Whoosh's own matcher must run."""
        if not self.plain_words():
            return None
        words = self.subqueries
        return all_words(searcher, context, words[0].fieldname, [q.text for q in words],
                         adjacent=False)

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        found = self.documents(searcher, context)
        return super().matcher(searcher, context) if found is None else _listed(found)


Found = tuple[list[int], list[float]]  # documents, their scores

# Whoosh's own classes that collect.py recognises in a query (it imports nothing from Whoosh).
TERM, ANY_OF, ALL, EXCEPT, NULL = wq.Term, wq.Or, wq.And, wq.AndNot, type(wq.NullQuery)
WEIGHTING = BM25F


class Ranked(wq.Query):  # type: ignore[misc]
    """Documents already found and scored (collect.py), handed to Whoosh's search so that its
    results, and any error it meets, come the same way whatever found them."""

    def __init__(self, searcher: Any, best: list[tuple[float, int]]) -> None:
        self.boost = 1.0
        self._by_segment: dict[int, tuple[list[int], list[float]]] = {}
        for subsearcher, offset in searcher.leaf_searchers():
            end = offset + subsearcher.doc_count_all()
            mine = sorted((document - offset, score) for score, document in best
                          if offset <= document < end)
            self._by_segment[id(subsearcher.reader())] = (
                [document for document, _ in mine], [score for _, score in mine])

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        return _listed(self._by_segment.get(id(searcher.reader()), ([], [])))


class ButNot(wq.AndNot):  # type: ignore[misc]
    """Whoosh's "a but not b", with :class:`_ButNotMatcher`."""

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        return _ButNotMatcher(self.a.matcher(searcher, context),
                              self.b.matcher(searcher, searcher.boolean_context()))


class _ButNotMatcher(AndNotMatcher):  # type: ignore[misc]
    """Whoosh's matcher tests a's first document against b only when b stands on that very
    document, so when b's first one came before it, it went through: ``neural -deep`` showed
    a passage saying "deep". b is moved up to it first."""

    def _find_first(self) -> None:
        a, b = self.a, self.b
        if a.is_active() and b.is_active() and b.id() < a.id():
            b.skip_to(a.id())
        super()._find_first()


def _listed(found: Found) -> Any:
    return ListMatcher(*found) if found[0] else NullMatcher()


def leaf_of(matcher: Any) -> tuple[Any, frozenset[int]]:
    """The postings reader inside a term's matcher, and the deleted documents it holds
    (Whoosh wraps it in a filter that leaves them out)."""
    if type(matcher) is FilterMatcher and matcher._exclude:
        return matcher.child, frozenset(matcher._ids)
    return matcher, frozenset()


def scorer_of(leaf: Any) -> Any:
    """A term matcher's BM25F scorer, or None (another weighting: Whoosh scores it)."""
    scorer = getattr(leaf, "scorer", None) or getattr(leaf, "_scorer", None)
    return scorer if type(scorer) is BM25FScorer else None


def all_words(searcher: Any, context: Any, field: str, words: list[str], adjacent: bool
              ) -> Found | None:
    """The documents of a segment's ``searcher`` holding all ``words`` (``adjacent``: one
    after another), with their scores; None when the weighting is not BM25F."""
    reader = searcher.reader()
    try:  # each word's entry looked up once here (Whoosh's own Term.matcher: five times)
        sizes = [reader.term_info(field, word).doc_frequency() for word in words]
    except TermNotFound:
        return [], []
    weighting = searcher.weighting if context is None else context.weighting
    leaves, deletions = zip(*[leaf_of(searcher.postings(field, word, weighting=weighting))
                              for word in words], strict=True)
    scorers = [scorer_of(leaf) for leaf in leaves]
    if any(scorer is None for scorer in scorers):
        return None
    deleted = frozenset().union(*deletions)
    return conjunction.match_all(
        leaves, scorers, deleted, conjunction.document_norms(reader, field, scorers[0]),
        _decoder(searcher.schema[field].format) if adjacent else None, sizes)


def _decoder(format_: Any) -> Callable[[bytes], list[int]]:
    decode: Callable[[bytes], list[int]] = (_positions if type(format_) is Positions
                                            else format_.decode_positions)
    return decode


# Whoosh encodes a posting's positions as their count (4 bytes), then protocol 2's pickle of
# the list of gaps between them. One position below 256, the most common posting of all, is
# "\x80\x02]q\x00K", the position's byte and "a" (perhaps without the last ".").
_ONE_SMALL = b"\x00\x00\x00\x01\x80\x02]q\x00K"


def _positions(value: bytes) -> list[int]:
    """Whoosh's ``Positions.decode_positions``, with the sums taken in C; a single small
    position is read straight from the bytes."""
    if value.startswith(_ONE_SMALL) and value[11:] in (b"a", b"a."):
        return [value[10]]
    data = value[4:] if value.endswith(b".") else value[4:] + b"."
    return list(accumulate(pickle.loads(data)))


class QueryBuilder:
    """Whoosh queries for :class:`~reader.core.search.translate.Translator`."""

    def __init__(self, searcher: Any, expand: Callable[[str, str, int], list[str]]) -> None:
        self.searcher = searcher
        self.near = expand
        self.analysis = ANALYSIS
        self.term, self.phrase, self.prefix = wq.Term, Phrase, wq.Prefix
        self.any_of, self.all_of, self.but_not = wq.Or, AllOf, ButNot

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
