"""The index's transcript records, read in one pass for each version of the index, and the
hits made from them.

A related query needs the record of every candidate's transcript (its path, title,
fingerprint, companion stamp and chapters): 60 candidates from up to 60 transcripts, most of
them not seen by the query before in a library of a thousand. ``SearchIndex`` finds each
record with a Whoosh query (about 0.45 ms) and remembers it; here every record is read at
once, straight from the postings of the owner field and the stored fields (about 0.2 ms a
record: 200-235 ms of CPU for a thousand transcripts, once per version of the index), and
decoded when first asked for. Hits are made from the same records (as ``SearchIndex`` makes a
passage's hit), so no query looks a record up again.

Nothing here calls Whoosh by name: it reads the engine's open searcher through the reader
interface the engine already uses (``leaf_readers``, ``expand_prefix``, ``postings``,
``is_deleted``, ``stored_fields``).
"""

from __future__ import annotations

from typing import Any

from reader.core.search import documents as d
from reader.core.search.engine import term_of
from reader.core.search.index import hit_of
from reader.core.search.matching import MatchedWords
from reader.core.search.results import Hit


class TranscriptRecords:
    """The records of one version of the index (its searcher), by transcript key."""

    def __init__(self) -> None:
        self._searcher: object = None
        self._stored: dict[str, dict[str, Any]] = {}
        self._decoded: dict[str, d.TranscriptRecord] = {}

    def get(self, searcher: Any, key: str) -> d.TranscriptRecord | None:
        """The record of transcript ``key`` (None: not in this version of the index)."""
        if searcher is not self._searcher:
            self._stored, self._decoded = _every_record(searcher), {}
            self._searcher = searcher
        record = self._decoded.get(key)
        if record is None:
            data = self._stored.get(key)
            if data is None:
                return None
            record = self._decoded[key] = d.TranscriptRecord.from_data(data)
        return record


def _every_record(searcher: Any) -> dict[str, dict[str, Any]]:
    """The stored data of every record not deleted, by transcript key."""
    found: dict[str, dict[str, Any]] = {}
    prefix = d.owner(d.RECORD, "")
    for reader, _ in searcher.reader().leaf_readers():
        for term in reader.expand_prefix(d.OWNER, prefix):
            matcher = reader.postings(d.OWNER, term)
            while matcher.is_active():
                document = matcher.id()
                if not reader.is_deleted(document):
                    fields = reader.stored_fields(document)
                    owner = str(fields.get(d.OWNER, ""))
                    found[owner[len(prefix):]] = fields.get(d.DATA, {})
                matcher.next()
    return found


def passage_hit(record: d.TranscriptRecord, score: float, data: dict[str, Any],
                marked_terms: set[str]) -> Hit:
    """The hit for stored passage ``data`` of ``record``'s transcript, its words of
    ``marked_terms`` marked: what a search shows for the passage."""
    matched = MatchedWords(term_of)
    matched.add(d.BODY, marked_terms)
    return hit_of(record, score, data, matched)
