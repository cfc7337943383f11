"""Passages holding every one of a few words (``a b c``), or holding them side by side (a
phrase), found a whole posting list at a time.

Whoosh 2.7.4 intersects posting lists by leapfrogging, two or three Python calls for every
posting it passes: with common words in a library of a thousand transcripts, 50–90 ms a
query. Here the rarest word's postings in a segment are read a block at a time
(decompressing and unpickling, in C); of the other words', only the blocks that may hold a
passage still in the running (a block's header says which documents it spans); the
passages holding all the words are found with set intersections, and only those are scored
and, for a phrase, tested for adjacent positions. Scores are Whoosh's
BM25F for each word, summed in the order Whoosh's own matchers sum them, so the hits and
their order are the same (a test compares them with Whoosh's own queries).

Nothing here imports Whoosh: the engine hands in its leaf matchers, which are read through
the W3 codec's block interface (``_read_data``, ``_data``, ``_next_block``), falling back to
the matcher's public interface for anything else.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import Any

Tree = int | tuple["Tree", "Tree"]  # which words' scores are added first


@dataclass(slots=True)
class Postings:
    """One word's postings in one segment."""

    ids: list[int]
    weights: list[float]
    values: list[bytes]  # empty unless asked for
    _places: dict[int, int] | None = None

    def places(self) -> dict[int, int]:
        """Each document's place in the lists: built once, for the intersection, the
        positions and the scores alike."""
        if self._places is None:
            self._places = dict(zip(self.ids, range(len(self.ids)), strict=True))
        return self._places


def read_postings(matcher: Any, values: bool, wanted: Sequence[int] | None = None
                  ) -> Postings:
    """Every posting of a leaf matcher, read to its end; with ``wanted`` (documents, in
    order), only the blocks that may hold one of them."""
    ids: list[int] = []
    weights: list[float] = []
    found: list[bytes] = []
    if not hasattr(matcher, "_read_data"):  # not a W3 block reader: one posting at a time
        while matcher.is_active():
            ids.append(matcher.id())
            weights.append(matcher.weight())
            if values:
                found.append(matcher.value())
            matcher.next()
        return Postings(ids, weights, found)
    first = 0  # the lowest document the current block may hold
    at = 0  # the first of ``wanted`` not below ``first``
    while matcher.is_active():
        last = matcher._maxid
        if wanted is not None:
            at = bisect_left(wanted, first, at)
            if at == len(wanted):
                break
            if wanted[at] > last:  # none of them in this block: skip it unread
                first = last + 1
                matcher._next_block()
                continue
        if matcher._data is None:
            matcher._read_data()
        block_ids, block_weights, block_values = matcher._data
        count = matcher._blocklength
        ids.extend(accumulate(block_ids))  # stored as gaps
        if block_weights is None:
            weights.extend([1.0] * count)
        elif isinstance(block_weights, float):
            weights.extend([block_weights] * count)
        else:
            weights.extend(block_weights)
        if values:
            found.extend(block_values)
        first = last + 1
        matcher._next_block()
    return Postings(ids, weights, found)


def match_all(matchers: Sequence[Any], scorers: Sequence[Any], deleted: frozenset[int],
              length: Callable[[int], Any], positions_of: Callable[[bytes], list[int]] | None,
              sizes: Sequence[int]) -> tuple[list[int], list[float]]:
    """(documents, scores) of those holding every word of the leaf ``matchers`` (BM25F
    ``scorers``), not ``deleted``; with ``positions_of``, only where they stand side by side.
    ``length`` gives a document's field length, ``sizes`` each word's document count.

    The rarest word's postings are read first; of each other word's, only the blocks whose
    range of documents holds one of the candidates left (a block's header says where it ends,
    so the others are never decompressed)."""
    values = positions_of is not None
    order = sorted(range(len(matchers)), key=lambda at: sizes[at])
    lists: list[Postings | None] = [None] * len(matchers)
    rarest = lists[order[0]] = read_postings(matchers[order[0]], values)
    documents = sorted(set(rarest.ids) - deleted)
    for at in order[1:]:
        if not documents:
            return [], []
        postings = lists[at] = read_postings(matchers[at], values, documents)
        held = postings.places()
        documents = [d for d in documents if d in held]
    read = [p for p in lists if p is not None]
    if positions_of is not None:
        documents = adjacent_documents(documents, read, positions_of)
    if not documents:
        return [], []
    scores = [bm25_scores(documents, postings, scorer, length)
              for postings, scorer in zip(read, scorers, strict=True)]
    tree = in_order(len(read)) if positions_of is not None else by_size(sizes)
    return documents, summed(tree, scores, documents)


def adjacent_documents(documents: list[int], lists: Sequence[Postings],
                       positions_of: Callable[[bytes], list[int]]) -> list[int]:
    """Those of ``documents`` where the words come one after another, in order. Each distinct
    encoding of positions is decoded once (most postings hold one or two positions, and the
    same few encodings recur)."""
    where = [(p.places(), p.values) for p in lists]
    decoded: dict[bytes, list[int]] = {}

    def positions(value: bytes) -> list[int]:
        found = decoded.get(value)
        if found is None:
            found = decoded[value] = positions_of(value)
        return found

    kept = []
    for document in documents:
        # Where the phrase may start: shifted back by its place, each word's positions
        # narrow them down.
        places, values = where[0]
        starts = set(positions(values[places[document]]))
        for offset, (places, values) in enumerate(where[1:], 1):
            starts.intersection_update(
                [p - offset for p in positions(values[places[document]])])
            if not starts:
                break
        if starts:
            kept.append(document)
    return kept


def bm25_scores(documents: list[int], postings: Postings, scorer: Any,
                length: Callable[[int], Any]) -> dict[int, float]:
    """Whoosh's BM25F score of one word in each of ``documents`` (the same arithmetic, so
    the same floats)."""
    idf, avgfl, big_b, k1 = scorer.idf, scorer.avgfl, scorer.B, scorer.K1
    places, weights = postings.places(), postings.weights
    scores = {}
    for document in documents:
        tf, fl = weights[places[document]], length(document)
        scores[document] = idf * ((tf * (k1 + 1)) / (tf + k1 * ((1 - big_b) + big_b * fl / avgfl)))
    return scores


def summed(tree: Tree, scores: Sequence[dict[int, float]], documents: list[int]) -> list[float]:
    """Each document's scores added up in the order of ``tree``."""
    def total(node: Tree) -> dict[int, float]:
        if isinstance(node, int):
            return scores[node]
        left, right = total(node[0]), total(node[1])
        return {document: left[document] + right[document] for document in documents}

    result = total(tree)
    return [result[document] for document in documents]


def in_order(count: int) -> Tree:
    """Whoosh's order-preserving tree (``make_binary_tree``): a phrase's words."""
    def build(low: int, high: int) -> Tree:
        if high - low == 1:
            return low
        middle = low + (high - low) // 2
        return build(low, middle), build(middle, high)

    return build(0, count)


def by_size(sizes: Sequence[int]) -> Tree:
    """Whoosh's tree for AND (``make_weighted_tree``): the two largest lists first."""
    nodes: list[tuple[int, int, Tree]] = sorted((-size, at, at) for at, size in
                                                enumerate(sizes))
    order = len(nodes)
    while len(nodes) > 1:
        (wa, _, a), (wb, _, b) = nodes[0], nodes[1]
        nodes = nodes[2:]
        merged = (wa + wb, order, (a, b))
        order += 1
        at = 0
        while at < len(nodes) and nodes[at][0] <= merged[0]:
            at += 1
        nodes.insert(at, merged)
    return nodes[0][2]
