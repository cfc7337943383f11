"""The lines search says about an index or a query name what is really the matter, once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.core.search import SearchIndex
from reader.core.search.location import MANIFEST
from tests.core.test_search_support import make_library, open_index


@pytest.fixture
def index(tmp_path: Path) -> Iterator[SearchIndex]:
    built = open_index(make_library(tmp_path / "library"), tmp_path / "index")
    yield built
    built.close()


def test_an_index_whose_update_was_stopped_is_called_unfinished(index: SearchIndex) -> None:
    index.close()
    (index.index_dir / MANIFEST).unlink()  # killed after Whoosh's commit, before the manifest
    (message,) = index.update().messages
    assert "the search index was unfinished" in message and "rebuilding it" in message
    assert index.search("scaling").hits


def test_an_index_of_garbage_is_called_damaged(index: SearchIndex) -> None:
    index.close()
    for path in index.index_dir.iterdir():
        if path.is_file():
            path.write_bytes(b"\xff\x00garbage" * 10)
    (message,) = index.update().messages
    assert "the search index was damaged" in message and "missing" not in message
    assert index.search("scaling").hits


def test_common_words_left_out_are_named_in_one_note(index: SearchIndex) -> None:
    results = index.search("the scaling of a model")
    assert results.hits
    (note,) = results.notes
    assert all(f"“{word}”" in note for word in ("the", "of", "a")), note
    assert "too common" in note


def test_a_query_of_punctuation_says_there_is_nothing_to_search_for(index: SearchIndex) -> None:
    results = index.search("?! ... --")
    assert not results.hits
    assert results.notes == ("Nothing to search for in “?! ... --”: type a word.",)


def test_a_long_query_echoed_in_a_note_is_shortened(index: SearchIndex) -> None:
    query = "?" * 500
    (note,) = index.search(query).notes
    assert "?" * 80 not in note and "…”" in note


def test_words_no_passage_holds_together_are_counted_one_by_one(index: SearchIndex) -> None:
    alone = index.search("scaling").total
    results = index.search("scaling zqxjv")
    assert not results.hits and results.suggestion is None
    assert results.notes == (f"No passage holds all of “scaling zqxjv”: “scaling” is in "
                             f"{alone} passages, “zqxjv” in none.",)
    # Each word found, never in one passage: both counts, the commoner first.
    counts = [index.search(word).total for word in ("scaling", "alexnet")]
    both = index.search("alexnet scaling")
    assert not both.hits and counts[0] > counts[1] > 0
    assert both.notes == (f"No passage holds all of “alexnet scaling”: “scaling” is in "
                          f"{counts[0]} passages, “alexnet” in {counts[1]} passages.",)


def test_a_field_name_searched_as_a_word_is_not_corrected_into_another_field(
        index: SearchIndex) -> None:
    results = index.search("title:")
    assert not results.hits
    assert results.suggestion is None  # was "time:", which reads as a field
    assert any("has nothing after it" in note for note in results.notes)
