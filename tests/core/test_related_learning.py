"""The library's abbreviations are learned by the update, so a related query never waits."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.formats import load_transcript
from reader.core.related import RelatedFinder, learning, offset_of_quote
from reader.core.related.abbreviations import Abbreviations
from reader.core.search import SearchIndex
from reader.core.search.build import main as build_main
from tests.conftest import EYE
from tests.core.test_search_support import make_library, open_index

QUOTE = "has an additional reinforcement learning training process"


def query_terms(index: SearchIndex, library: Path) -> list[str]:
    eye = load_transcript(library / EYE.name)
    return RelatedFinder(index).related(eye, offset_of_quote(eye, QUOTE), 3).query.split()


def no_learning(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_: object) -> Abbreviations:
        raise AssertionError("a query learned the abbreviations")

    monkeypatch.setattr(learning, "learn_from", refuse)


def test_the_build_process_learns_them_so_a_query_does_not(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    library = make_library(tmp_path / "library")
    index_dir = tmp_path / "index"
    assert build_main(["--library", str(library), "--index-dir", str(index_dir)]) == 0
    saved = Abbreviations.read(index_dir / learning.CACHE_FILE)
    assert saved is not None and saved[1] == learning.current_stamp(index_dir)
    no_learning(monkeypatch)
    with SearchIndex(library, index_dir) as index:
        assert "rl" in query_terms(index, library)  # "reinforcement learning" is "RL"


def test_after_new_text_a_query_uses_the_saved_table_until_the_update_learns_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    library = make_library(tmp_path / "library")
    with open_index(library, tmp_path / "index") as index:
        learning.prepare_abbreviations(index)
        (library / "new.txt").write_text("Quantum field theory (QFT) and more QFT.\n\n"
                                         "Gluons bind quarks.\n", "utf-8")
        index.update()  # new words: the saved table is of the earlier vocabulary
        assert not (Abbreviations.load(index.index_dir / learning.CACHE_FILE,
                                       learning.current_stamp(index.index_dir)))
        with monkeypatch.context() as patched:
            no_learning(patched)
            assert "rl" in query_terms(index, library)
        assert learning.prepare_abbreviations(index)  # what the update does last
        table = RelatedFinder(index).abbreviations_now()
        assert table.expand("qft") == [("quantum", "field", "theori")]


def test_with_no_table_saved_a_query_learns_a_provisional_one(tmp_path: Path) -> None:
    library = make_library(tmp_path / "library")
    with open_index(library, tmp_path / "index") as index:
        assert "rl" in query_terms(index, library)
        saved = Abbreviations.read(index.index_dir / learning.CACHE_FILE)
        assert saved is not None and saved[1].endswith(learning.PROVISIONAL)
        assert learning.prepare_abbreviations(index)  # the next update learns it in full
        assert not learning.prepare_abbreviations(index)  # …once
