"""Writing a segment's postings a block at a time instead of one posting at a time.

Whoosh 2.7.4 collects every posting of a segment in a pool (a size check and two assertions per
posting), sorts them all as tuples, then hands them one by one through three layers of calls,
each checking order and types, to the postings writer, which buffers blocks of 128. That is
about 10 µs a posting, most of a full build. Here the postings are appended to a plain list
(Whoosh's own ``add_document`` still makes them), grouped by field and term in one loop,
and each block of 128 is handed to Whoosh's own block writer in one piece: the files are
byte for byte what Whoosh writes (a test compares them).

This module imports nothing from Whoosh; the engine passes the writer in. It relies on the
W3 postings writer's block buffer (``_ids``, ``_weights``, ``_values``, ``_maxweight``,
``_minlength``, ``_maxlength``, ``_write_block``), which the pinned version will not change.
"""

from __future__ import annotations

import pickle
import zlib
from array import array
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from operator import itemgetter, sub
from typing import Any

Posting = tuple[str, bytes, int, float, bytes | None]  # field, term, document, weight, value

_DOCNUM = itemgetter(2)


class TermPositions:
    """A text's postings for Whoosh (term, frequency, weight, encoded positions), in one
    loop: half the build's time went to Whoosh's token pipeline otherwise. Words are looked
    up as written (``term_of`` runs once per distinct spelling), and the encoding of one or
    two positions, most of them, is made once."""

    def __init__(self, term_of: Callable[[str], str | None],
                 words: Callable[[str], list[str]]) -> None:
        self._term_of = term_of
        self._words = words
        self._terms: dict[str, bytes | None] = {}  # a word as written -> its term
        self._encoded: dict[tuple[int, ...], bytes] = {}

    def postings(self, text: str, encode: Callable[[list[int]], bytes],
                 seen: set[bytes] | None) -> list[tuple[bytes, int, float, bytes]]:
        positions: dict[bytes, list[int]] = {}
        at = 0
        known = self._terms.get
        for word in self._words(text):
            term: Any = known(word, _UNKNOWN)
            if term is _UNKNOWN:
                term = self._learn(word)
            if term is None:  # a common word: no gap, so "state of the art" still matches
                continue
            found = positions.get(term)
            if found is None:
                positions[term] = [at]
            else:
                found.append(at)
            at += 1
        if seen is not None:
            seen.update(positions)
        encoded = self._encoded.get
        out = []
        for term, found in positions.items():
            key = tuple(found)
            encoding = encoded(key)
            if encoding is None:
                encoding = encode(found)
                if len(key) <= 2:
                    self._encoded[key] = encoding
            out.append((term, len(found), float(len(found)), encoding))
        return out

    def _learn(self, word: str) -> bytes | None:
        term = self._term_of(word)
        found = None if term is None else term.encode("utf-8", "surrogatepass")
        self._terms[word] = found
        return found


_UNKNOWN = object()


def vocabulary_words(terms: set[bytes]) -> set[str]:
    return {term.decode("utf-8", "surrogatepass") for term in terms}


BIG_SEGMENT = 10_000  # documents; never merged after an update (see tidy_segments)


class PostingList:
    """Stands in for Whoosh's posting pool: ``add`` is a list's own append."""

    def __init__(self) -> None:
        self.items: list[Posting] = []
        self.add = self.items.append
        self.fieldnames: set[str] = set()  # Whoosh's pool interface; unused by a segment

    def iter_postings(self) -> Iterator[Posting]:
        """Every posting in Whoosh's order (field, term, document): its pool's interface."""
        for (fieldname, term), postings in sorted(_grouped(self.items).items()):
            for _, _, docnum, weight, value in postings:
                yield fieldname, term, docnum, weight, value

    def cleanup(self) -> None:
        self.items.clear()


def _grouped(items: list[Posting]) -> dict[tuple[str, bytes], list[Posting]]:
    groups: dict[tuple[str, bytes], list[Posting]] = {}
    for item in items:
        key = item[0], item[1]
        found = groups.get(key)
        if found is None:
            groups[key] = [item]
        else:
            found.append(item)
    return groups


@dataclass(frozen=True, slots=True)
class BlockFormat:
    """What the W3 codec writes before a term's first block, and how it stores lengths."""

    header: bytes
    length_to_byte: Callable[[int | None], int]


def flush_segment(writer: Any, postings: PostingList, block_format: BlockFormat) -> None:
    """Whoosh's ``SegmentWriter._flush_segment`` with the postings written in blocks."""
    writer.perdocwriter.close()
    lengths = writer.per_document_reader()
    try:
        write_postings(writer.fieldwriter, writer.schema, lengths, postings.items, block_format)
    finally:
        lengths.close()
    writer.fieldwriter.close()


def write_postings(fieldwriter: Any, schema: Any, lengths: Any, items: list[Posting],
                   block_format: BlockFormat) -> None:
    """Write ``items`` (in any order) through a W3 field writer, as its ``add_postings``
    would after sorting them."""
    groups = _grouped(items)
    field_length = lengths.doc_field_length
    table: list[int | None] | None = None
    current = None
    for fieldname, term in sorted(groups):
        if fieldname != current:
            if current is not None:
                fieldwriter.finish_field()
            fieldwriter.start_field(fieldname, schema[fieldname])
            block_writer = fieldwriter._postwriter
            block_writer._write_block = partial(_write_block, block_writer, block_format)
            current = fieldname
            # Every document's length of the field, read once (see lengths.py).
            table = lengths.table(fieldname) if hasattr(lengths, "table") else None
        postings = groups[fieldname, term]
        postings.sort(key=_DOCNUM)  # already in order but for merged segments; stable
        postings = [p for p in postings if p[2] != -1]  # -1: Whoosh's spelling entries
        if not postings:
            continue
        fieldwriter.start_term(term)
        limit = block_writer._blocklimit
        for start in range(0, len(postings), limit):
            block = postings[start:start + limit]
            _fill(block_writer, block, [table[p[2]] for p in block] if table is not None
                  else [field_length(p[2], fieldname) for p in block])
            if start + limit < len(postings):
                block_writer._write_block()
        fieldwriter.finish_term()  # writes the last block
    if current is not None:
        fieldwriter.finish_field()


def _fill(block_writer: Any, block: list[Posting], lengths: list[int | None]) -> None:
    """Put ``block`` in the writer's buffer as ``add_posting`` one by one would have."""
    weights = [p[3] for p in block]
    block_writer._ids = array("I", [p[2] for p in block])
    block_writer._weights = array("f", weights)
    block_writer._values = [p[4] for p in block if p[4]]
    block_writer._maxweight = max(0, max(weights))  # the unrounded weight, as add_posting
    known = [length for length in lengths if length]
    block_writer._minlength = min(known) if known else None
    block_writer._maxlength = max(known) if known else 0


# Blocks pickled in fewer bytes are not compressed: zlib saves them little or nothing, and
# starting it costs more than the rest of writing (or reading) such a block; most terms are
# rare, with one short block.
SMALL_BLOCK = 256


def _write_block(writer: Any, block_format: BlockFormat, last: bool = False) -> None:
    """The W3 postings writer's ``_write_block``, with the block pickled in the newest
    protocol: Whoosh's protocol 2 stores each posting's positions as a call to a function
    (bytes did not exist in Python 2), which made unpickling a block the largest cost of an
    AND or phrase query. Whoosh unpickles any protocol."""
    postfile = writer._postfile
    if not writer._blockcount:
        postfile.write(block_format.header)
    writer._terminfo.add_block(writer)
    ids = list(writer._ids)
    gaps = tuple(map(sub, ids, [0, *ids[:-1]]))  # Whoosh stores the gaps between ids
    data = pickle.dumps((gaps, writer._mini_weights(), writer._mini_values()),
                        pickle.HIGHEST_PROTOCOL)
    compression = writer._compression
    if len(data) < SMALL_BLOCK:
        compression = 0  # the block says so: it is read back as it is
    if compression:
        data = zlib.compress(data, compression)
    to_byte = block_format.length_to_byte
    info = pickle.dumps((len(ids), ids[-1], writer._maxweight, compression,
                         to_byte(writer._minlength), to_byte(writer._maxlength)), 2)
    length = len(info) + len(data)
    postfile.write_int(-length if last else length)  # negative: the term's last block
    postfile.write(info)
    postfile.write(data)
    writer._blockcount += 1
    writer._new_block()


def segments_to_merge(segments: list[Any]) -> list[Any]:
    """The small segments to merge, in tiers: Whoosh's own policy only merges segments of a
    few dozen documents, and every update adds one, so a library edited for months would be
    searched across hundreds. Segments are grouped by size (1-9, 10-99… documents); once a
    tier holds four, it is merged with the smaller tiers. Big segments (a full build's
    batches) are left alone: merging them would rewrite the whole index."""
    def tier(segment: Any) -> int:
        return len(str(max(1, segment.doc_count_all())))

    small = [segment for segment in segments if segment.doc_count_all() < BIG_SEGMENT]
    crowded = [t for t in {tier(s) for s in small} if sum(tier(s) == t for s in small) >= 4]
    if not crowded:
        return []
    return [segment for segment in small if tier(segment) <= max(crowded)]


def tidy_segments(writer: Any, segments: list[Any], open_segment: Any) -> list[Any]:
    """Merge the segments :func:`segments_to_merge` picks into the writer's new segment;
    the segments left. ``open_segment``: Whoosh's SegmentReader."""
    merged = segments_to_merge(segments)
    for segment in merged:
        reader = open_segment(writer.storage, writer.schema, segment)
        writer.add_reader(reader)
        reader.close()
    return [segment for segment in segments if segment not in merged]
