"""Each key term's BM25F scores read from its raw postings, a segment at a time, and kept.

A related query sums the BM25F scores of some 24 terms over every passage holding one of them.
Through Whoosh 2.7.4's scorer objects that costs a few Python calls per posting (and a postings
reader per term in each segment); here each term's postings in a segment are read a block at a
time (:func:`reader.core.search.conjunction.read_postings`: decompressing and unpickling, in C)
and scored in one loop with the field lengths read once per segment, by Whoosh's own formula
in the same order of operations, so the floats are Whoosh's (a test compares them).

A term's scores depend only on the index, so they are kept for the version of the index they
were read from (:data:`KEPT_POSTINGS` postings at most, the least recently used dropped): the
passages a reader scrolls through share most of their key terms.

Nothing here imports Whoosh: it is handed the engine's open searcher and reads it through the
reader interface the engine already uses (``leaf_readers``, ``postings``, ``idf``).
"""

from __future__ import annotations

import heapq
import math
from collections import OrderedDict
from collections.abc import Iterable
from typing import Any

from reader.core.search.conjunction import read_postings

KEPT_POSTINGS = 1_000_000  # about 60 MB of kept scores at most
DEFAULT_B, DEFAULT_K1 = 0.75, 1.2  # Whoosh's BM25F defaults

Scores = tuple[list[int], list[float]]  # index-wide document numbers, their scores


class TermScores:
    """BM25F scores of terms of one field, kept per version of the index (its searcher)."""

    def __init__(self, field: str) -> None:
        self.field = field
        self._searcher: object = None
        self._kept: OrderedDict[str, Scores] = OrderedDict()
        self._kept_postings = 0
        self._norms: dict[int, list[float]] = {}  # per segment: K1 x length part of BM25
        self._deleted: dict[int, frozenset[int]] = {}  # per segment

    def of(self, searcher: Any, term: str, documents: int | None = None) -> Scores:
        """Every document holding ``term`` (deleted ones left out) and its BM25F score.
        ``documents``: how many documents hold it, when known (Whoosh looks it up in every
        segment otherwise)."""
        if searcher is not self._searcher:
            self._searcher, self._norms, self._deleted = searcher, {}, {}
            self._kept.clear()
            self._kept_postings = 0
        found = self._kept.get(term)
        if found is not None:
            self._kept.move_to_end(term)
            return found
        found = self._read(searcher, term, documents)
        self._kept[term] = found
        self._kept_postings += len(found[0])
        while self._kept_postings > KEPT_POSTINGS and len(self._kept) > 1:
            _, (dropped, _) = self._kept.popitem(last=False)
            self._kept_postings -= len(dropped)
        return found

    def _read(self, searcher: Any, term: str, documents: int | None) -> Scores:
        field = self.field
        weighting = searcher.weighting
        big_b = getattr(weighting, "_field_B", {}).get(field, getattr(weighting, "B", DEFAULT_B))
        k1 = getattr(weighting, "K1", DEFAULT_K1)
        # Whoosh's idf (WeightingModel.idf), from the document frequency when known
        idf = searcher.idf(field, term) if documents is None else \
            math.log(searcher.doc_count_all() / (documents + 1)) + 1
        ids: list[int] = []
        scores: list[float] = []
        for number, (reader, offset) in enumerate(searcher.reader().leaf_readers()):
            if (field, term) not in reader:
                continue
            matcher = reader.postings(field, term)
            postings = read_postings(getattr(matcher, "child", matcher), False)
            norms = self._norms.get(number)
            if norms is None:
                norms = self._norms[number] = _norms(searcher, reader, field, big_b, k1)
            deleted = self._deleted.get(number)
            if deleted is None:
                deleted = self._deleted[number] = _deleted(reader)
            top = k1 + 1
            numbers: list[int] = postings.ids
            weights: list[float] = postings.weights
            if deleted and not deleted.isdisjoint(numbers):
                kept = [(n, tf) for n, tf in zip(numbers, weights, strict=True)
                        if n not in deleted]
                numbers, weights = [n for n, _ in kept], [tf for _, tf in kept]
            # Whoosh's bm25(): idf * ((tf * (K1 + 1)) / (tf + K1 * ((1 - B) + B * fl / avgfl)))
            scores += [idf * ((tf * top) / (tf + norms[n]))
                       for n, tf in zip(numbers, weights, strict=True)]
            ids += [offset + n for n in numbers] if offset else numbers
        return ids, scores


def _norms(searcher: Any, reader: Any, field: str, big_b: float, k1: float) -> list[float]:
    """``K1 * ((1 - B) + B * fl / avgfl)`` of every document of one segment."""
    avgfl = searcher.avg_field_length(field) or 1
    table = getattr(getattr(reader, "_perdoc", None), "table", None)
    lengths = table(field) if table is not None else None
    if lengths is None:  # no lengths in memory: ask the reader for each document
        lengths = [reader.doc_field_length(n, field, 1) for n in range(reader.doc_count_all())]
    return [k1 * ((1 - big_b) + big_b * (fl or 1) / avgfl) for fl in lengths]


def _deleted(reader: Any) -> frozenset[int]:
    """The deleted documents of one segment (its postings still hold them)."""
    if not reader.has_deletions():
        return frozenset()
    perdoc = getattr(reader, "_perdoc", None)
    if perdoc is not None and hasattr(perdoc, "deleted_docs"):
        return frozenset(perdoc.deleted_docs())
    return frozenset(n for n in range(reader.doc_count_all()) if reader.is_deleted(n))


def owner_documents(searcher: Any, owner_field: str, owners: Iterable[str]) -> set[int]:
    """The index-wide numbers of the documents of ``owners`` (deleted ones too: harmless)."""
    found: set[int] = set()
    for reader, offset in searcher.reader().leaf_readers():
        for owner in owners:
            if (owner_field, owner) in reader:
                matcher = reader.postings(owner_field, owner)
                postings = read_postings(getattr(matcher, "child", matcher), False)
                found.update(offset + document for document in postings.ids)
    return found


def best_documents(scores: TermScores, searcher: Any, weights: dict[str, float], limit: int,
                   excluded: set[int], frequencies: dict[str, int] | None = None
                   ) -> list[tuple[float, int]]:
    """(score, document) of the best ``limit`` documents: each term's score times its
    weight, summed over the terms in the order of ``weights``; none of ``excluded``.
    ``frequencies``: the terms' document frequencies, when known."""
    total: dict[int, float] = {}
    get = total.get
    for term, weight in weights.items():
        ids, term_scores = scores.of(searcher, term, (frequencies or {}).get(term))
        for document, score in zip(ids, term_scores, strict=True):
            total[document] = get(document, 0.0) + weight * score
    return heapq.nlargest(limit, ((score, document) for document, score in total.items()
                                  if document not in excluded))
