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

import io
import pickle
import zlib
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import Any

from reader.core.search.lengths import MemoLengths

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
    if _at_its_start(matcher):
        return _read_blocks(matcher, values, wanted)
    first = 0  # the lowest document the current block may hold
    at = 0  # the first of ``wanted`` not below ``first``
    while matcher.is_active():
        last = matcher._maxid
        if wanted is not None:
            at, holds = _wanted_in_block(wanted, at, first, last)
            if holds is None:
                break
            if not holds:  # none of them in this block: skip it unread
                first = last + 1
                matcher._next_block()
                continue
        if matcher._data is None:
            matcher._read_data()
        _extend(ids, weights, found if values else None, matcher._data,
                matcher._blocklength)
        first = last + 1
        matcher._next_block()
    return Postings(ids, weights, found)


def _wanted_in_block(wanted: Sequence[int], at: int, first: int, last: int
                     ) -> tuple[int, bool | None]:
    """Where the first of ``wanted`` (in order) not below ``first`` is, searching from
    ``at``, and whether the block of documents ``first``..``last`` may hold it (None: no
    wanted document is left, stop reading)."""
    at = bisect_left(wanted, first, at)
    if at == len(wanted):
        return at, None
    return at, wanted[at] <= last


def _extend(ids: list[int], weights: list[float], found: list[Any] | None,
            block: tuple[Any, Any, Any], count: int) -> None:
    """Add one W3 block's (ids, weights, values) to the lists: ids are stored as gaps, and
    weights as None (all 1.0), one float for all, or one each."""
    block_ids, block_weights, block_values = block
    ids.extend(accumulate(block_ids))
    if block_weights is None:
        weights.extend([1.0] * count)
    elif isinstance(block_weights, float):
        weights.extend([block_weights] * count)
    else:
        weights.extend(block_weights)
    if found is not None:
        found.extend(block_values)


def _at_its_start(matcher: Any) -> bool:
    """A W3 block reader that has not moved from its first block."""
    return (hasattr(matcher, "_startoffset") and hasattr(matcher, "_length")
            and matcher._baseoffset == matcher._startoffset + MAGIC_SIZE
            and matcher._i == 0 and matcher._data is None and not matcher._atend
            and matcher._nextoffset - matcher._startoffset <= _extent(matcher))


def _extent(matcher: Any) -> int:
    """The bytes of a term's postings, magic included (W3 keeps it in a 1-tuple)."""
    length = matcher._length
    return int(length[0] if isinstance(length, tuple) else length)


MAGIC_SIZE = 4  # a term's blocks start with W3's WHOOSH3_HEADER_MAGIC


def _read_blocks(matcher: Any, values: bool, wanted: Sequence[int] | None) -> Postings:
    """:func:`read_postings` of a W3 block reader, its blocks taken apart from one read of
    the term's bytes rather than through the reader's seek and read for every block (half
    the time of reading a long list went to those). The layout, as W3 writes it: the magic,
    then for each block its length (4 bytes, big-endian, negative for the last), a pickled
    header (count, last document, max weight, compression, min and max length bytes) and the
    pickled (id gaps, weights, values), compressed when the header says so."""
    data = matcher._postfile.get(matcher._startoffset, _extent(matcher))
    stream = io.BytesIO(data)
    ids: list[int] = []
    weights: list[float] = []
    found: list[bytes] = []
    first, at, position = 0, 0, MAGIC_SIZE
    last = False
    while not last:
        length = int.from_bytes(data[position:position + 4], "big", signed=True)
        last, length = length < 0, abs(length)
        stream.seek(position + 4)
        count, final, _, compression, _, _ = pickle.load(stream)
        start, position = stream.tell(), position + 4 + length
        if wanted is not None:
            at, holds = _wanted_in_block(wanted, at, first, final)
            if holds is None:
                break
            if not holds:  # none of them in this block: skip it unread
                first = final + 1
                continue
        block = data[start:position]
        _extend(ids, weights, found if values else None,
                pickle.loads(zlib.decompress(block) if compression else block), count)
        first = final + 1
    return Postings(ids, weights, found)


def match_all(matchers: Sequence[Any], scorers: Sequence[Any], deleted: frozenset[int],
              norm: Callable[[int], float],
              positions_of: Callable[[bytes], list[int]] | None,
              sizes: Sequence[int]) -> tuple[list[int], list[float]]:
    """(documents, scores) of those holding every word of the leaf ``matchers`` (BM25F
    ``scorers``), not ``deleted``; with ``positions_of``, only where they stand side by side.
    ``norm`` gives a document's length factor (:func:`document_norms`), ``sizes`` each word's
    document count.

    The rarest word's postings are read first; of each other word's, only the blocks whose
    range of documents holds one of the candidates left (a block's header says where it ends,
    so the others are never decompressed)."""
    values = positions_of is not None
    order = sorted(range(len(matchers)), key=lambda at: sizes[at])
    lists: list[Postings | None] = [None] * len(matchers)
    rarest = lists[order[0]] = read_postings(matchers[order[0]], values)
    documents = sorted(set(rarest.ids) - deleted) if deleted else rarest.ids
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
    scores = [bm25_scores(documents, postings, scorer, norm)
              for postings, scorer in zip(read, scorers, strict=True)]
    tree = in_order(len(read)) if positions_of is not None else \
        weighted_tree([-size for size in sizes])
    return documents, summed(tree, scores)


def adjacent_documents(documents: list[int], lists: Sequence[Postings],
                       positions_of: Callable[[bytes], list[int]]) -> list[int]:
    """Those of ``documents`` where the words come one after another, in order. Each distinct
    encoding of positions is decoded once per word, into the set of places where the phrase
    would start (most postings hold one or two positions, and the same few encodings recur),
    so a document costs a set intersection; the loops are comprehensions."""
    starts_by_word = []
    for word, postings in enumerate(lists):
        places, values = postings.places(), postings.values
        encodings = [values[places[document]] for document in documents]
        decoded = {value: frozenset([p - word for p in positions_of(value)] if word
                                    else positions_of(value))
                   for value in set(encodings)}
        starts_by_word.append([decoded[value] for value in encodings])
    if len(starts_by_word) == 2:  # the usual phrase: two words
        return [document for document, first, second
                in zip(documents, *starts_by_word, strict=True) if not first.isdisjoint(second)]
    kept = []
    for document, *starts in zip(documents, *starts_by_word, strict=True):
        common = starts[0]
        for more in starts[1:]:
            common = common & more
            if not common:
                break
        if common:
            kept.append(document)
    return kept


def bm25_scores(documents: Sequence[int], postings: Postings, scorer: Any,
                norm: Callable[[int], float]) -> list[float]:
    """Whoosh's BM25F score of one word in each of ``documents`` (the same arithmetic, so
    the same floats), in their order."""
    places, weights = postings.places(), postings.weights
    return term_scores([weights[places[document]] for document in documents],
                       [norm(document) for document in documents], scorer)


def term_scores(weights: Sequence[float], norms: Sequence[float], scorer: Any) -> list[float]:
    """Whoosh's BM25F ``bm25()`` for each (weight, document's length factor), in one
    comprehension."""
    idf, k1 = scorer.idf, scorer.K1
    return [idf * ((tf * (k1 + 1)) / (tf + norm)) for tf, norm in zip(weights, norms,
                                                                       strict=True)]


def document_norms(reader: Any, field: str, scorer: Any) -> Callable[[int], float]:
    """A document's length factor in Whoosh's ``bm25()``, ``K1 * ((1 - B) + B * fl / avgfl)``:
    the same for every word of a field, so worked out once a segment (see lengths.py)."""
    k1, big_b, avgfl = scorer.K1, scorer.B, scorer.avgfl

    def of_length(fl: int) -> float:
        factor: float = k1 * ((1 - big_b) + big_b * fl / avgfl)
        return factor

    perdoc = getattr(reader, "_perdoc", None)
    if isinstance(perdoc, MemoLengths):
        norms = perdoc.per_document(field, (k1, big_b, avgfl), of_length)
        if norms is not None:
            return norms.__getitem__
    return lambda document: of_length(scorer.dfl(document))


def summed(tree: Tree, scores: Sequence[list[float]]) -> list[float]:
    """Scores of the same documents (one list a word) added up in the order of ``tree``."""
    if isinstance(tree, int):
        return scores[tree]
    left, right = summed(tree[0], scores), summed(tree[1], scores)
    return [a + b for a, b in zip(left, right, strict=True)]


def in_order(count: int) -> Tree:
    """Whoosh's order-preserving tree (``make_binary_tree``): a phrase's words."""
    def build(low: int, high: int) -> Tree:
        if high - low == 1:
            return low
        middle = low + (high - low) // 2
        return build(low, middle), build(middle, high)

    return build(0, count)


def weighted_tree(weights: Sequence[int]) -> Tree:
    """Whoosh's ``make_weighted_tree``: the two lightest first, ties in the given order (its
    tuples of equal weight never compare less). AND weighs each list by minus its size (the
    two largest first), OR by its size."""
    nodes: list[tuple[int, Tree]] = sorted(((weight, at) for at, weight in enumerate(weights)),
                                           key=lambda node: node[0])
    while len(nodes) > 1:
        (wa, a), (wb, b) = nodes[0], nodes[1]
        nodes = nodes[2:]
        merged = (wa + wb, (a, b))
        at = 0
        while at < len(nodes) and nodes[at][0] <= merged[0]:
            at += 1
        nodes.insert(at, merged)
    return nodes[0][1]
