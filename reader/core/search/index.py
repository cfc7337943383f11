"""A library's search index: bring it up to date, search it.

    index = SearchIndex(library)                  # nothing is opened yet
    report = index.update()                       # in this process (the command line)
    results = index.search("scaling laws", limit=50)
    for hit in results.hits: hit.path, hit.start, hit.chapter_title, hit.snippet.runs
    index.close()

The window updates in another process (``python -m reader.core.search.build``, see
:mod:`.build`) and only searches here; searching goes on with the old index while that runs,
and a refresh picks up each commit.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.core.errors import TranscriptError
from reader.core.search import documents as d
from reader.core.search import text as textmod
from reader.core.search.location import IndexBusy, IndexFolder, default_index_dir, has_index
from reader.core.search.matching import Found, MatchedWords
from reader.core.search.query import parse, shorten
from reader.core.search.results import Hit, SearchResults, diversify
from reader.core.search.snippets import Snippet, make_snippet
from reader.core.store import resolve

# Whoosh (engine.py), the indexer and "did you mean" are imported when the index is first
# updated or searched: the window creates a SearchIndex at start-up only to know its folder.
if TYPE_CHECKING:
    from reader.core.search import engine as engine_mod
    from reader.core.search import indexer

log = logging.getLogger(__name__)

# Hits looked at beyond those shown, so the diversity rule has others to bring up. Each costs
# reading its stored passage (about 0.1 ms).
MORE_CANDIDATES = 30
NOTE_WIDTH = 120


class IndexUnavailable(Exception):
    """The index cannot be searched (missing, damaged, being rebuilt). ``str()`` is one line;
    ``reason`` says what is wrong. In this process: ``update(damaged=reason)``; the window
    runs the build with ``rebuild=True`` (which never reads the old index)."""

    def __init__(self, line: str, reason: str) -> None:
        super().__init__(line)
        self.reason = reason


class SearchIndex:
    def __init__(self, library: Path, index_dir: Path | None = None) -> None:
        self.library = resolve(library)
        folder = resolve(index_dir) if index_dir is not None else default_index_dir(
            self.library)
        self.folder = IndexFolder(folder, self.library)
        self._engine: engine_mod.Engine | None = None
        self._records: dict[str, d.TranscriptRecord] = {}  # for one version of the index
        self._untidy = False  # the last update left small segments to merge
        self._records_of: object = None

    @property
    def index_dir(self) -> Path:
        return self.folder.folder

    def close(self) -> None:
        if self._engine is not None:
            self._engine.close()
            self._engine = None
        self._records.clear()

    def __enter__(self) -> SearchIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- updating ------------------------------------------------------------------------

    def exists(self) -> bool:
        """Is there an index to search (perhaps being updated, perhaps damaged)?"""
        return has_index(self.index_dir)

    def update(self, *, rebuild: bool = False, damaged: str | None = None, wait: float = 30.0,
               progress: indexer.ProgressCallback | None = None) -> indexer.UpdateReport:
        """See :func:`.indexer.update`. Raises IndexBusy, TranscriptError (the library)."""
        from reader.core.search import indexer

        self.close()  # a rebuild removes the files this one has open
        report = indexer.update(self.folder, rebuild=rebuild, damaged=damaged, wait=wait,
                                progress=progress)
        self._untidy = report.untidy
        if report.rebuilt:
            self.close()  # its files are gone
        self._records.clear()
        return report

    def tidy(self, wait: float = 0.0) -> bool:
        """Merge the small segments the last update left, if it says so (see
        :func:`.indexer.tidy`): call it once that update's changes have been used, e.g. after
        the results are shown. Nothing happens when another process is updating the index
        or it cannot be written; the next update's tidying does it."""
        if not self._untidy:
            return False
        self._untidy = False
        from reader.core.search import indexer

        try:
            return indexer.tidy(self.folder, wait)
        except (IndexBusy, TranscriptError):
            return False
        except Exception:  # a full disk, a damaged index: the update is done all the same
            log.info("merging the search index's small segments failed", exc_info=True)
            return False

    # --- searching -----------------------------------------------------------------------

    def search(self, query: str, limit: int = 20, *, exact_total: bool = False
               ) -> SearchResults:
        """The best ``limit`` hits for ``query`` (see :mod:`.query`). Raises
        IndexUnavailable when there is no usable index."""
        from reader.core.search import engine as engine_mod

        try:
            return self._search(query, limit, exact_total)
        except engine_mod.EngineError:
            self.close()  # perhaps rebuilt under us: open it again, once
        try:
            return self._search(query, limit, exact_total)
        except engine_mod.EngineError as error:
            self.close()
            raise IndexUnavailable(f"{self.folder}: the search index cannot be read "
                                   f"({error}); update it", f"damaged ({error})") from None

    def _open(self) -> engine_mod.Engine:
        from reader.core.search import engine as engine_mod

        if self._engine is None:
            if not has_index(self.index_dir):
                raise IndexUnavailable(f"{self.folder}: there is no search index yet", "missing")
            self._engine = engine_mod.Engine(self.index_dir)
        return self._engine

    def _search(self, query: str, limit: int, exact_total: bool) -> SearchResults:
        from reader.core.search import engine as engine_mod
        from reader.core.search.suggest import suggestion, words_found_apart

        engine = self._open()
        parsed = parse(query)
        notes = list(parsed.notes)
        wanted = limit + MORE_CANDIDATES
        found = engine.search(parsed.node, wanted, exact_total) if parsed.node is not None \
            else Found(MatchedWords(engine_mod.term_of), [])
        if not parsed.literal:  # else the one line about the syntax says enough
            notes += found.notes
        if parsed.node is None and not notes:
            notes.append("Type a word to search for.")
        elif query.strip() and not textmod.words(query) and not notes:  # "?!" or "--"
            notes.append(f"Nothing to search for in “{shorten(query)}”: type a word.")
        if engine.searcher() is not self._records_of:  # another process committed
            self._records.clear()
            self._records_of = engine.searcher()
        ranked = diversify([(score, str(data["owner"]).partition(":")[2], data)
                            for score, data in found.hits])[:limit]
        hits = tuple(hit for score, data in ranked
                     if (hit := self._hit(engine, score, data, found.matched)) is not None)
        better = None
        if not hits and parsed.node is not None:
            better = suggestion(engine, parsed)
            if better is not None and not self._finds_something(engine, better):
                better = None
            if better is None and (apart := words_found_apart(engine, parsed)) is not None:
                notes.append(apart)
        return SearchResults(query, found.total if hits else 0, hits, tuple(notes), better,
                             total_is_exact=exact_total or found.total < wanted)

    def _finds_something(self, engine: engine_mod.Engine, query: str) -> bool:
        parsed = parse(query)
        return parsed.node is not None and bool(engine.search(parsed.node, 1, False).hits)

    def _record(self, engine: engine_mod.Engine, key: str) -> d.TranscriptRecord | None:
        record = self._records.get(key)
        if record is None:
            found = engine.documents_with_term(d.OWNER, d.owner(d.RECORD, key), 1)
            if not found:
                return None
            record = self._records[key] = d.TranscriptRecord.from_data(found[0])
        return record

    def _hit(self, engine: engine_mod.Engine, score: float, data: dict[str, Any],
             matched: MatchedWords) -> Hit | None:
        record = self._record(engine, str(data.get("owner", "")).partition(":")[2])
        if record is None:  # a commit between the search and now removed it
            return None
        return hit_of(record, score, data, matched)


def hit_of(record: d.TranscriptRecord, score: float, data: dict[str, Any],
           matched: MatchedWords) -> Hit:
    """The hit for stored passage or note ``data`` of ``record``'s transcript, the words
    ``matched`` accepts marked in its snippet (search and related passages both show this)."""
    kind = str(data.get("owner", "")).partition(":")[0]
    chapter_id = data.get("chapter")
    chapter = record.chapters.get(chapter_id) if chapter_id else None
    text = str(data.get("text", ""))
    snippet = make_snippet(text, matched.accepts(d.BODY))
    common: dict[str, Any] = {
        "path": Path(record.path), "title": record.title, "show": record.show,
        "start": int(data.get("start") or 0), "end": int(data.get("end") or 0),
        "time": data.get("time"), "speaker": data.get("speaker"),
        "chapter_id": chapter_id, "chapter_title": chapter[0] if chapter else None,
        "score": score,
    }
    if kind == d.PASSAGE:
        return Hit("passage", snippet=snippet, **common)
    note = str(data.get("note", ""))
    return Hit("note", snippet=_note_snippet(text, note, matched),
               annotation_id=data.get("annotation"), note=note,
               tags=tuple(data.get("tags", ())), color=data.get("color"),
               orphaned=bool(data.get("orphaned")), **common)


def _note_snippet(quote: str, note: str, matched: MatchedWords) -> Snippet:
    """“the quote” — the note, each part cut around its own matches."""
    parts: list[Snippet] = []
    if quote:
        parts.append(Snippet((("“", False),)) + make_snippet(
            quote, matched.accepts(d.BODY), NOTE_WIDTH) + Snippet((("”", False),)))
    if note.strip():
        if parts:
            parts.append(Snippet(((" — ", False),)))
        parts.append(make_snippet(" ".join(note.split()), matched.accepts(d.NOTE), NOTE_WIDTH))
    combined = Snippet(())
    for part in parts:
        combined = combined + part
    return combined


# --- related passages (reader.core.related) ---------------------------------------------------


def open_engine(index: SearchIndex) -> engine_mod.Engine:
    """The index's open engine (raises IndexUnavailable when there is no index yet)."""
    engine = index._open()
    if engine.searcher() is not index._records_of:  # another process committed
        index._records.clear()
        index._records_of = engine.searcher()
    return engine


def transcript_record(index: SearchIndex, engine: engine_mod.Engine, key: str
                      ) -> d.TranscriptRecord | None:
    """What the index knows of transcript ``key`` (remembered per version of the index)."""
    return index._record(engine, key)
