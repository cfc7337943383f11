"""Keeping the index up to date: only what changed is indexed again; a bad index is rebuilt."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.core.search import IndexBusy, IndexUnavailable, SearchIndex
from reader.core.search.location import MANIFEST, IndexFolder
from tests.conftest import EYE, LEX
from tests.core.test_search_support import add_note, make_library, names


@pytest.fixture
def library(tmp_path: Path) -> Path:
    return make_library(tmp_path / "library")


@pytest.fixture
def index(library: Path, tmp_path: Path) -> Iterator[SearchIndex]:
    with SearchIndex(library, tmp_path / "index") as search_index:
        first = search_index.update()
        assert sorted(p.name for p in first.added) == sorted([LEX.name, EYE.name])
        yield search_index


def total(index: SearchIndex, query: str) -> int:
    return index.search(query, 50, exact_total=True).total


def test_the_first_update_builds_the_index_and_says_so(library: Path, tmp_path: Path) -> None:
    report = SearchIndex(library, tmp_path / "index").update()
    assert report.rebuilt
    assert len(report.messages) == 1 and "building the search index" in report.messages[0]
    assert report.errors == []


def test_an_edited_transcript_is_the_only_one_indexed_again(
        index: SearchIndex, library: Path) -> None:
    before = total(index, "Hinton")
    nothing = index.update()
    assert (nothing.indexed, nothing.unchanged, nothing.messages) == ([], 2, [])
    edited = library / EYE.name
    edited.write_text(edited.read_text("utf-8") + "\n\nA closing word about zeitgeber clocks.\n",
                      "utf-8")
    report = index.update()
    assert report.changed == [edited] and report.indexed == [edited]
    assert report.unchanged == 1
    assert names(index.search("zeitgeber")) == {EYE.name}
    assert total(index, "Hinton") == before  # the old passages were replaced, not doubled


def test_a_word_an_edit_brings_is_found_misspelt_and_the_old_words_still_are(
        index: SearchIndex, library: Path) -> None:
    edited = library / EYE.name
    text = edited.read_text("utf-8")
    edited.write_text(text + "\n\nHinton said so.\n", "utf-8")  # no new word
    index.update()
    assert names(index.search("hintn~")) >= {EYE.name}
    edited.write_text(text + "\n\nA closing word about zeitgeber clocks.\n", "utf-8")
    index.update()
    assert names(index.search("zeitgebr~")) == {EYE.name}
    assert names(index.search("hintn~")) >= {EYE.name}


def test_a_touched_file_with_the_same_bytes_is_not_indexed_again(
        index: SearchIndex, library: Path) -> None:
    os.utime(library / LEX.name, ns=(1, 1))
    report = index.update()
    assert report.indexed == [] and report.unchanged == 2
    assert index.update().unchanged == 2  # and its new stamp was recorded


def test_added_and_removed_transcripts(index: SearchIndex, library: Path) -> None:
    (library / "extra.txt").write_text("Extra\n\nA note on quokka behaviour.\n", "utf-8")
    (library / LEX.name).unlink()
    report = index.update()
    assert [p.name for p in report.added] == ["extra.txt"]
    assert [p.name for p in report.removed] == [LEX.name]
    assert names(index.search("quokka")) == {"extra.txt"}
    assert total(index, "Hessian") == 0
    assert names(index.search("Russia")) == {EYE.name}


def test_a_saved_sidecar_re_indexes_only_that_transcript_s_notes(
        index: SearchIndex, library: Path) -> None:
    add_note(library / LEX.name, "compute availability", note="quixotic remark")
    report = index.update()
    assert report.notes == [library / LEX.name] and report.indexed == []
    hits = index.search("quixotic").hits
    assert [(h.kind, h.path.name) for h in hits] == [("note", LEX.name)]
    assert total(index, "Hessian") == 1  # the passages are still there, once


def test_an_unreadable_file_is_named_and_indexing_goes_on(
        index: SearchIndex, library: Path) -> None:
    bad = library / "broken.txt"
    bad.write_bytes(b"\x00\x01binary\x00" * 50)
    report = index.update()
    assert len(report.errors) == 1
    assert report.errors[0].startswith(str(bad) + ": ")
    assert "\n" not in report.errors[0]
    assert index.update().errors == []  # not tried again while it is unchanged
    bad.write_text("Fixed\n\nNow it mentions a wombat.\n", "utf-8")
    assert [p.name for p in index.update().indexed] == ["broken.txt"]
    assert names(index.search("wombat")) == {"broken.txt"}


def _segment_file(index_dir: Path, suffix: str) -> Path:
    return max(index_dir.glob(f"*{suffix}"), key=lambda p: p.stat().st_size)


def test_a_truncated_segment_file_is_noticed_and_the_index_rebuilt(
        index: SearchIndex, tmp_path: Path) -> None:
    postings = _segment_file(tmp_path / "index", ".pst")
    postings.write_bytes(postings.read_bytes()[:100])
    report = index.update()
    assert report.rebuilt and len(report.messages) == 1
    assert "damaged" in report.messages[0] and str(tmp_path / "index") in report.messages[0]
    assert sorted(p.name for p in report.added) == sorted([LEX.name, EYE.name])
    assert names(index.search("Russia")) == {EYE.name}


def test_garbage_in_the_table_of_contents_is_noticed_and_the_index_rebuilt(
        index: SearchIndex, tmp_path: Path) -> None:
    toc = _segment_file(tmp_path / "index", ".toc")
    toc.write_bytes(b"\xff" * toc.stat().st_size)  # same size: only reading it tells
    with pytest.raises(IndexUnavailable) as unavailable:
        SearchIndex(index.library, tmp_path / "index").search("Russia")
    assert "\n" not in str(unavailable.value)
    report = index.update()
    assert report.rebuilt and "damaged" in report.messages[0]
    assert names(index.search("Russia")) == {EYE.name}


def test_an_index_of_another_schema_version_is_rebuilt(
        index: SearchIndex, tmp_path: Path) -> None:
    manifest = tmp_path / "index" / MANIFEST
    data = json.loads(manifest.read_text("utf-8"))
    manifest.write_text(json.dumps({**data, "schema": 0}), "utf-8")
    report = index.update()
    assert report.rebuilt and "another version" in report.messages[0]


def test_a_writer_that_died_holding_the_locks_does_not_block_the_next(
        index: SearchIndex, library: Path, tmp_path: Path) -> None:
    # A process takes the update lock and Whoosh's write lock, adds a document, and is killed
    # before it commits (as a crash or a killed indexer would leave them).
    script = textwrap.dedent(f"""
        import os, signal
        from pathlib import Path
        from reader.core.search import engine
        from reader.core.search.documents import IndexDocument
        from reader.core.search.location import IndexFolder
        folder = IndexFolder(Path({str(tmp_path / "index")!r}), Path({str(library)!r}))
        with folder.writing(0):
            writer = engine.Engine(folder.folder).writer(False)
            writer.add(IndexDocument("p:x", {{"body": "half written"}}, {{}}))
            os.kill(os.getpid(), signal.SIGKILL)
    """)
    died = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=60)
    assert died.returncode == -signal.SIGKILL, died.stderr
    (library / "late.txt").write_text("Late\n\nA passage about axolotls.\n", "utf-8")
    report = index.update(wait=5)
    assert [p.name for p in report.added] == ["late.txt"] and not report.rebuilt
    assert total(index, "half written") == 0
    assert names(index.search("axolotls")) == {"late.txt"}


def test_one_writer_at_a_time_and_search_goes_on_meanwhile(
        index: SearchIndex, library: Path, tmp_path: Path) -> None:
    other = IndexFolder(tmp_path / "index", library)
    with other.writing(0):
        with pytest.raises(IndexBusy) as busy:
            index.update(wait=0.2)
        assert "another process is updating" in str(busy.value)
        assert names(index.search("Russia")) == {EYE.name}


def test_an_index_folder_used_for_another_library_is_rebuilt_for_this_one(
        index: SearchIndex, tmp_path: Path) -> None:
    other = make_library(tmp_path / "other")
    (other / LEX.name).unlink()
    with SearchIndex(other, tmp_path / "index") as elsewhere:
        report = elsewhere.update()
        assert report.rebuilt and "another library" in report.messages[0]
        assert names(elsewhere.search("Hessian OR Russia")) == {EYE.name}


def test_an_interrupted_build_goes_on_where_it_stopped(
        library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.core.search import indexer

    for number in range(6):
        (library / f"talk-{number}.txt").write_text(
            f"Talk {number}\n\nA passage about marmots number {number}.\n", "utf-8")
    monkeypatch.setattr(indexer, "BATCH_BYTES", 1)  # commit after every transcript
    monkeypatch.setattr(indexer, "FULL_BATCH_BYTES", 1)
    seen: list[Path] = []

    def stop_after_three(progress: indexer.Progress) -> None:
        if progress.phase == "indexing" and progress.path is not None:
            seen.append(progress.path)
            if len(seen) == 4:
                raise KeyboardInterrupt

    with SearchIndex(library, tmp_path / "index") as index:
        with pytest.raises(KeyboardInterrupt):
            index.update(progress=stop_after_three)
        assert 0 < total(index, "marmots") < 6  # what was committed can be searched
        report = index.update()
        assert not report.rebuilt and len(report.added) == 8 - 3
        assert total(index, "marmots") == 6  # each once
        assert total(index, "Hessian") == 1


def test_many_small_updates_do_not_leave_a_segment_each(
        index: SearchIndex, library: Path, tmp_path: Path) -> None:
    # Each update makes its edit searchable at once, and says when small segments have piled
    # up; merging them is a step of its own (the window and the commands run it afterwards).
    edited = library / "notes.txt"
    untidy = []
    for number in range(14):
        edited.write_text(f"Notes\n\nEdit number {number} about lemurs.\n", "utf-8")
        report = index.update()
        assert total(index, f"number {number}") == 1  # before any merge
        untidy.append(report.untidy)
        if report.untidy:
            segments = len(list((tmp_path / "index").glob("*.trm")))
            assert index.tidy()
            assert len(list((tmp_path / "index").glob("*.trm"))) < segments
        assert not index.tidy()  # nothing more to do
    assert untidy.count(True) >= 3
    assert len(list((tmp_path / "index").glob("*.trm"))) <= 6
    assert total(index, "lemurs") == 1 and total(index, "Hessian") == 1
    again = index.update()  # the merged index is still the library's: nothing to do
    assert (again.added, again.changed, again.rebuilt, again.messages) == ([], [], False, [])


def test_a_segment_damaged_inside_is_rebuilt_without_reading_it(
        index: SearchIndex, tmp_path: Path) -> None:
    postings = _segment_file(tmp_path / "index", ".pst")
    data = bytearray(postings.read_bytes())
    data[16:] = bytes(len(data) - 16)  # same size: only reading it tells
    postings.write_bytes(bytes(data))
    with pytest.raises(IndexUnavailable) as unavailable:
        for word in ("Russia", "Hessian", "learning", "scaling", "compute"):
            index.search(word)
    assert "cannot be read" in str(unavailable.value)
    report = index.update(rebuild=True)  # what the window runs then
    assert sorted(p.name for p in report.added) == sorted([LEX.name, EYE.name])
    assert names(index.search("Russia")) == {EYE.name}


def test_running_out_of_memory_is_not_taken_for_a_damaged_index(
        index: SearchIndex, monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.core.search import engine

    def out_of_memory(*args: object, **kwargs: object) -> None:
        raise MemoryError

    assert names(index.search("Russia")) == {EYE.name}
    monkeypatch.setattr(type(index._open().searcher()), "search", out_of_memory)
    with pytest.raises(MemoryError):  # not IndexUnavailable, which has the index rebuilt
        index.search("Russia")
    monkeypatch.undo()
    assert isinstance(index._open(), engine.Engine)
    report = index.update()
    assert not report.rebuilt and report.unchanged == 2
    assert names(index.search("Russia")) == {EYE.name}


def test_caches_beside_the_index_may_change_without_it_being_rebuilt(
        index: SearchIndex, library: Path, tmp_path: Path) -> None:
    # The related passages rewrite their abbreviations after each update: the next start or
    # search must not take that for a damaged index and rebuild it from scratch.
    from reader.core.related.learning import CACHE_FILE, after_index_update

    after_index_update(index)
    cache = tmp_path / "index" / CACHE_FILE
    assert cache.exists()
    (library / "notes.txt").write_text("Notes\n\nAbout lemurs.\n", "utf-8")
    index.update()  # the manifest is written with the cache as it is now
    cache.write_text(cache.read_text("utf-8") + " " * 100, "utf-8")
    again = index.update()
    assert not again.rebuilt and again.messages == []
    assert again.unchanged == 3


def test_a_merge_that_fails_leaves_the_update_done(
        index: SearchIndex, library: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Merging small segments is housekeeping after the results are out: a full disk there
    # must not end the window's indexer or a command with a traceback.
    from reader.core.search import indexer

    def full_disk(*args: object, **kwargs: object) -> bool:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(indexer, "tidy", full_disk)
    for number in range(6):
        (library / "notes.txt").write_text(f"Notes\n\nEdit {number} about lemurs.\n", "utf-8")
        index.update()
        assert index.tidy() is False
    assert total(index, '"edit 5" lemurs') == 1


def test_an_index_folder_that_cannot_be_written_is_one_line(
        index: SearchIndex, library: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.core.errors import TranscriptError
    from reader.core.search import engine

    def read_only(*args: object, **kwargs: object) -> None:
        try:
            raise PermissionError(13, "Permission denied")
        except PermissionError as error:
            raise engine.EngineError("PermissionError: Permission denied") from error

    monkeypatch.setattr(engine.Engine, "writer", read_only)
    (library / "notes.txt").write_text("Notes\n\nAbout lemurs.\n", "utf-8")
    with pytest.raises(TranscriptError) as refused:
        index.update()
    line = str(refused.value)
    assert "\n" not in line and "cannot be updated here (Permission denied)" in line
    assert total(index, "Hessian") == 1  # searched as it is


def test_an_update_stopped_just_after_a_commit_stops_as_asked(
        index: SearchIndex, library: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Ctrl+C right after the writer committed: the interrupt must come through (the command
    # line turns it into one line), not an error about a writer already closed.
    from reader.core.search import indexer

    real_commit = indexer._Run.commit

    def commit_then_stop(run: object, final: bool) -> None:
        real_commit(run, final)  # type: ignore[arg-type]
        raise KeyboardInterrupt

    monkeypatch.setattr(indexer._Run, "commit", commit_then_stop)
    (library / "notes.txt").write_text("Notes\n\nAbout lemurs.\n", "utf-8")
    with pytest.raises(KeyboardInterrupt):
        index.update()
