"""Passages of other transcripts about the same idea as one passage, best first.

    finder = RelatedFinder(SearchIndex(library))
    results = finder.related(transcript, offset, limit=10)   # a SearchResults
    results.query   # the key terms used; results.hits: passages of other transcripts

Built on the library's search index ("more like this"): the query is the passage's key terms
(:mod:`.terms`), each term's BM25F score in a passage (:mod:`.scoring`) weighted by the term's
weight; only passages of other transcripts are looked at: not the transcript's own, nor a copy
of it, nor the same episode in another file (an outline and the transcript read beside it,
:mod:`.episodes`). Then the chapter counts for the passages under
it: a candidate's score gains :data:`CHAPTER_WEIGHT` times (a) how much of the query its
chapter's title holds and (b) how strongly the other candidates of its chapter matched, so a
passage in a chapter about the same thing rises above a passage that shares a stray word.
Finally the search's diversity rule keeps one transcript from filling the top.

Abbreviations are learned by the process that updates the index and kept beside it
(``related-abbreviations.json``; :mod:`.learning`), so a query does not wait for them.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from pathlib import Path
from typing import Any

from reader.core.model import Transcript
from reader.core.related.abbreviations import Abbreviations
from reader.core.related.episodes import SameEpisode
from reader.core.related.episodes import Side as _Side
from reader.core.related.learning import AbbreviationTable
from reader.core.related.passage import Passage, passage_at
from reader.core.related.records import TranscriptRecords, passage_hit
from reader.core.related.scoring import TermScores, best_documents, owner_documents
from reader.core.related.terms import KeyTerm, key_terms
from reader.core.search import IndexUnavailable, SearchIndex, SearchResults
from reader.core.search import documents as d
from reader.core.search import engine as engine_mod
from reader.core.search.index import open_engine
from reader.core.search.results import diversify
from reader.core.store import resolve

CANDIDATES = 60  # passages scored before the chapter rule and the diversity rule
CHAPTER_WEIGHT = 0.7
CHAPTER_PEERS = 2
POSTINGS_BUDGET = 3000  # documents the key terms may hold between them (see _within_budget)
MIN_TERMS = 4  # the key terms kept whatever the budget (if each is in MAX_DOCUMENTS at most)
MAX_DOCUMENTS = 20_000  # reading and scoring a term costs about 0.9 µs a document


class RelatedFinder:
    def __init__(self, index: SearchIndex) -> None:
        self.index = index
        self._table = AbbreviationTable(index.index_dir)
        self._frequencies_of: object = None
        self._known: dict[str, int] = {}
        self._scores = TermScores(d.BODY)
        self._episodes = SameEpisode()
        self._records = TranscriptRecords()
        self.max_documents = MAX_DOCUMENTS

    def related(self, transcript: Transcript, offset: int, limit: int = 10) -> SearchResults:
        """Passages of other transcripts related to the one at ``offset``. Raises
        IndexUnavailable when there is no usable index."""
        passage = passage_at(transcript, offset)
        if passage is None:
            return SearchResults("", 0, ())
        try:
            return self._related(passage, transcript, limit)
        except engine_mod.EngineError:
            self.index.close()  # perhaps rebuilt under us: open it again, once
        try:
            return self._related(passage, transcript, limit)
        except engine_mod.EngineError as error:
            self.index.close()
            raise IndexUnavailable(f"{self.index.folder}: the search index cannot be read "
                                   f"({error}); update it", f"damaged ({error})") from None

    def query_terms(self, passage: Passage) -> list[KeyTerm]:
        """The key terms a query for ``passage`` uses."""
        engine = open_engine(self.index)
        return key_terms(passage.text, passage.context, engine_mod.term_of,
                         lambda terms: self._frequencies(engine, terms),
                         self.abbreviations(engine))

    def _frequencies(self, engine: engine_mod.Engine, terms: list[str]
                     ) -> tuple[int, dict[str, int]]:
        """Document frequencies, remembered for one version of the index (each costs a
        lookup in every segment; the passages a reader scrolls through share many words)."""
        if self._frequencies_of is not engine.searcher():
            self._frequencies_of, self._known = engine.searcher(), {}
        missing = [t for t in terms if t not in self._known]
        total, found = engine_mod.term_frequencies(engine, d.BODY, missing)
        self._known.update(found)
        self._known[""] = total
        return self._known[""], {t: self._known[t] for t in terms}

    def _related(self, passage: Passage, transcript: Transcript, limit: int) -> SearchResults:
        engine = open_engine(self.index)
        terms = _within_budget(self.query_terms(passage), self.max_documents)
        weights = {k.term: k.weight for k in terms}
        path = resolve(transcript.source) if transcript.source else None
        key = d.transcript_key(path) if path else ""
        exclude = [d.owner(d.PASSAGE, key), d.owner(d.NOTE_KIND, key)] if key else []
        # Only a timed transcript is read beside an outline (reader.core.companions).
        query = _Side(path, transcript.title, transcript.text_hash if any(
            block.start_time is not None for block in transcript.blocks) else "") \
            if path else None
        candidates = []
        frequencies = {k.term: k.documents for k in terms}
        searcher, records = engine.searcher(), {}
        for score, data in self._best(engine, weights, exclude, frequencies):
            kind, _, owner = str(data.get("owner", "")).partition(":")
            record = self._record(searcher, owner) if kind == d.PASSAGE and owner != key \
                else None
            # A copy of the same file elsewhere in the library is no other transcript, nor is
            # the same episode in another file: an outline and the transcript read beside it.
            if record is None or record.fingerprint == (transcript.fingerprint or None) or (
                    query and self._episodes.same(query, _Side(
                        Path(record.path), record.title, record.companion_stamp))):
                continue
            records[owner] = record
            chapter_id = data.get("chapter")
            chapter = record.chapters.get(chapter_id) if chapter_id else None
            candidates.append(_Candidate(score, data, owner, chapter_id,
                                         chapter[0] if chapter else ""))
        ranked = diversify([(score, c.owner, c) for score, c in _chapter_rule(candidates,
                                                                              weights)])
        marked = set(weights)
        hits = tuple(passage_hit(records[c.owner], score, c.data, marked)
                     for score, c in ranked[:limit])
        return SearchResults(" ".join(k.word for k in terms), len(candidates), hits)

    def _best(self, engine: engine_mod.Engine, weights: dict[str, float],
              exclude_owners: list[str], frequencies: dict[str, int] | None = None
              ) -> list[tuple[float, dict[str, Any]]]:
        """(score, stored data) of the CANDIDATES passages scoring best on the weighted terms,
        none of ``exclude_owners``."""
        searcher = engine.searcher()
        try:
            excluded = owner_documents(searcher, d.OWNER, exclude_owners)
            best = best_documents(self._scores, searcher, weights, CANDIDATES, excluded,
                                  frequencies)
            return [(score, _stored(searcher.stored_fields(document)))
                    for score, document in best]
        except MemoryError:
            raise
        except Exception as error:  # whatever Whoosh raises reading it: a damaged index
            raise engine_mod.EngineError(f"{type(error).__name__}: {error}"[:200]) from error

    def _record(self, searcher: Any, key: str) -> d.TranscriptRecord | None:
        """What the index knows of transcript ``key`` (every record read once per version of
        the index, :mod:`.records`)."""
        try:
            return self._records.get(searcher, key)
        except MemoryError:
            raise
        except Exception as error:  # whatever Whoosh raises reading it: a damaged index
            raise engine_mod.EngineError(f"{type(error).__name__}: {error}"[:200]) from error

    # --- abbreviations ----------------------------------------------------------------

    def abbreviations_now(self) -> Abbreviations:
        """The library's abbreviations, learned now in full unless saved for the index as it
        is (seconds in a big library): a window can ask before the first query, off its
        thread."""
        return self._table.learned(self.index)

    def abbreviations(self, engine: engine_mod.Engine) -> Abbreviations:
        """The abbreviations a query uses (:mod:`.learning`: never learned at length)."""
        return self._table.for_query(engine)


def _stored(fields: dict[str, Any]) -> dict[str, Any]:
    """A passage's stored data, with its owner (as the search engine hands it out)."""
    return {**fields.get(d.DATA, {}), "owner": fields.get(d.OWNER, "")}


def _within_budget(terms: list[KeyTerm], max_documents: int = MAX_DOCUMENTS) -> list[KeyTerm]:
    """The heaviest terms while their postings stay within POSTINGS_BUDGET (the first
    MIN_TERMS always, but none in more than ``max_documents`` documents unless every term is):
    scoring costs a few microseconds a posting, and in a big library a word the passage
    shares with thousands of passages says little anyway."""
    kept: list[KeyTerm] = []
    postings = 0
    for term in terms:
        if term.documents > max_documents:
            continue
        if len(kept) < MIN_TERMS or postings + term.documents <= POSTINGS_BUDGET:
            kept.append(term)
            postings += term.documents
    if not kept and terms:  # only common words: the least common of them
        kept.append(min(terms, key=lambda term: (term.documents, -term.weight)))
    return kept


@dataclasses.dataclass(frozen=True, slots=True)
class _Candidate:
    score: float
    data: dict[str, Any]  # stored passage
    owner: str  # transcript key
    chapter_id: str | None
    chapter_title: str


def _chapter_rule(candidates: list[_Candidate], weights: dict[str, float]
                  ) -> list[tuple[float, _Candidate]]:
    """(score plus CHAPTER_WEIGHT x its chapter's part, candidate) (see the module)."""
    if not candidates:
        return []
    best = max(c.score for c in candidates) or 1.0
    total_weight = sum(weights.values()) or 1.0
    by_chapter: dict[tuple[str, str], list[float]] = defaultdict(list)
    for c in candidates:
        if c.chapter_id:
            by_chapter[(c.owner, c.chapter_id)].append(c.score / best)
    title_part: dict[str, float] = {}
    rescored = []
    for c in candidates:
        own = c.score / best
        part = 0.0
        if c.chapter_id:
            peers = sorted(by_chapter[(c.owner, c.chapter_id)], reverse=True)
            peers.remove(own)
            part += sum(peers[:CHAPTER_PEERS]) / CHAPTER_PEERS
            if c.chapter_title not in title_part:
                title_part[c.chapter_title] = sum(
                    weights.get(t, 0.0) for t in set(engine_mod.terms(c.chapter_title))
                ) / total_weight
            part += title_part[c.chapter_title]
        rescored.append((own + CHAPTER_WEIGHT * part, c))
    return rescored
