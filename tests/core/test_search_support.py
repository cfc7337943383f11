"""Helpers for the search tests: a library with both interviews, highlights with notes."""

from __future__ import annotations

from pathlib import Path

from reader.core.annotations import AnnotationStore, find_quote
from reader.core.formats import load_transcript
from reader.core.search import SearchIndex, SearchResults
from tests.conftest import EYE, LEX


def make_library(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for source in (LEX, EYE):
        (folder / source.name).write_bytes(source.read_bytes())
    return folder


def open_index(library: Path, index_dir: Path) -> SearchIndex:
    index = SearchIndex(library, index_dir)
    index.update()
    return index


def add_note(path: Path, quote: str, note: str = "", tags: tuple[str, ...] = ()) -> str:
    """Highlight ``quote`` in the transcript at ``path`` with a note; the highlight's id."""
    store = AnnotationStore(load_transcript(path))
    store.load()
    start, end = find_quote(store.transcript.text, quote)
    mark = store.add_highlight(start, end, note=note, tags=tags)
    store.save()
    return mark.id


def titles(results: SearchResults) -> list[str]:
    return [hit.title for hit in results.hits]


def names(results: SearchResults) -> set[str]:
    return {hit.path.name for hit in results.hits}
