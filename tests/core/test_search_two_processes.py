"""A full build shared with a second process: one index, found as one process builds it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from reader.core.search import SearchIndex, build_helper, indexer
from reader.core.search.location import IndexFolder
from tests.conftest import EYE, LEX

QUERIES = ["learning", "deep learning", '"neural network"', "transform*", "sutskevr~",
           "quokkas", "wombat", "title:Ilya", "consciousness -deep"]


def library(folder: Path) -> Path:
    folder.mkdir()
    for source in (LEX, EYE):
        (folder / source.name).write_bytes(source.read_bytes())
    for number in range(6):  # small files, so both shares hold several
        (folder / f"talk-{number}.txt").write_text(
            f"Speaker {number}: quokkas and wombat number {number} talk about deep learning.\n",
            "utf-8")
    return folder


def found(index: SearchIndex) -> dict[str, list[tuple[str, int, int, str]]]:
    return {query: sorted((hit.path.name, hit.start, hit.end, hit.snippet.plain)
                          for hit in index.search(query, 100).hits) for query in QUERIES}


def assert_all_indexed(books: Path, index_dir: Path) -> None:
    """Every file of the library indexed and found once, and nothing left to do."""
    with SearchIndex(books, index_dir) as index:
        report = index.update()
        assert sorted(p.name for p in report.added) == sorted(p.name for p in books.iterdir())
        assert {h.path.name for h in index.search("wombat", 50).hits} == {
            f"talk-{n}.txt" for n in range(6)}
        assert index.update().unchanged == 8


@pytest.fixture
def two_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(indexer, "TWO_PROCESSES_BYTES", 0)
    monkeypatch.setattr(indexer, "FULL_BATCH_BYTES", 5_000)  # several commits and segments


def test_a_full_build_in_two_processes_finds_what_one_process_finds(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, two_processes: None) -> None:
    books = library(tmp_path / "library")
    with SearchIndex(books, tmp_path / "two") as shared:
        report = shared.update()
        assert sorted(p.name for p in report.added) == sorted(p.name for p in books.iterdir())
        assert report.errors == [] and report.rebuilt
        two = found(shared)
    assert len(list((tmp_path / "two").glob("*.trm"))) >= 3  # segments of both processes
    assert not (tmp_path / "two" / build_helper.FOLDER).exists()
    assert set(IndexFolder(tmp_path / "two", books).records()) == {
        str(p) for p in books.iterdir()}

    monkeypatch.setattr(indexer, "TWO_PROCESSES_BYTES", 2**40)
    with SearchIndex(books, tmp_path / "one") as alone:
        alone.update()
        assert found(alone) == two
    assert all(two[query] for query in QUERIES[:-1])

    # And it stays one index: updates find nothing to do, then just the file that changed.
    with SearchIndex(books, tmp_path / "two") as shared:
        again = shared.update()
        assert (again.added, again.changed, again.unchanged) == ([], [], 8)
        (books / "talk-3.txt").write_text("Speaker 3: platypus now.\n", "utf-8")
        changed = shared.update()
        assert [p.name for p in changed.changed] == ["talk-3.txt"]
        assert {h.path.name for h in shared.search("platypus").hits} == {"talk-3.txt"}
        assert "talk-3.txt" not in {h.path.name for h in shared.search("wombat", 50).hits}
        rebuilt = shared.update(rebuild=True)  # in place, both processes again
        assert len(rebuilt.added) == 8
        assert {h.path.name for h in shared.search("platypus").hits} == {"talk-3.txt"}


def test_when_the_second_process_fails_the_first_indexes_its_share(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, two_processes: None) -> None:
    books = library(tmp_path / "library")
    monkeypatch.setattr(build_helper, "helper_command",
                        lambda: [sys.executable, "-c", "import sys; sys.exit(1)"])
    assert_all_indexed(books, tmp_path / "index")


def test_the_second_process_stops_when_the_first_is_gone(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Stopping the window's build process must not leave its helper indexing for nobody.
    books = library(tmp_path / "library")
    items = [(str(p), (p.stat().st_size, p.stat().st_mtime_ns)) for p in sorted(books.iterdir())]
    parents = iter([100])  # the first process; then the helper is orphaned (another parent)
    monkeypatch.setattr(build_helper.os, "getppid", lambda: next(parents, 1))
    (tmp_path / "helper").mkdir()
    sent: list[object] = []
    build_helper.run(build_helper.Job(str(tmp_path / "helper"), 1), iter(items), sent.append)
    assert sent == []


def test_the_second_process_goes_quietly_when_the_first_stops_reading(tmp_path: Path) -> None:
    # A killed build (or Ctrl+C) closes the pipe the helper writes to: the user's terminal
    # gets no traceback from it, only what the first process says.
    import pickle
    import subprocess

    books = library(tmp_path / "library")
    items = [(str(p), (p.stat().st_size, p.stat().st_mtime_ns)) for p in sorted(books.iterdir())]
    (tmp_path / "helper").mkdir()
    job = build_helper.Job(str(tmp_path / "helper"), 1)
    helper = subprocess.Popen([sys.executable, "-m", "reader.core.search.build_helper"],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE)
    assert helper.stdin is not None and helper.stdout is not None
    helper.stdout.close()  # the first process is gone before the first message
    helper.stdin.write(b"".join(pickle.dumps(message) for message in [job, *items, None]))
    helper.stdin.close()
    assert helper.wait(timeout=120) == 1
    assert helper.stderr is not None
    with helper.stderr:
        errors = helper.stderr.read()
    assert b"Traceback" not in errors, errors.decode(errors="replace")


def test_when_the_second_process_dies_midway_the_first_indexes_what_it_held(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, two_processes: None) -> None:
    # The helper takes files from the shared queue as it goes; one that dies after a few
    # leaves the files it was sent but never sent back in a segment: none may be lost.
    books = library(tmp_path / "library")
    dies_after_one = (
        "import os, sys\n"
        "from reader.core.search import build_helper, transcript_indexing\n"
        "real, count = transcript_indexing.index_one, [0]\n"
        "def index_one(*args):\n"
        "    count[0] += 1\n"
        "    if count[0] > 1:\n"
        "        os._exit(3)\n"
        "    return real(*args)\n"
        "transcript_indexing.index_one = index_one\n"
        "sys.exit(build_helper.main())\n")
    monkeypatch.setattr(build_helper, "helper_command",
                        lambda: [sys.executable, "-c", dies_after_one])
    assert_all_indexed(books, tmp_path / "index")


def test_the_second_process_goes_quietly_when_the_first_stops_sending(tmp_path: Path) -> None:
    # The first process killed mid-build: the helper's input ends without "no more files".
    # It must not commit anything nor print a traceback.
    import pickle
    import subprocess

    books = library(tmp_path / "library")
    first = next(iter(sorted(books.iterdir())))
    (tmp_path / "helper").mkdir()
    helper = subprocess.Popen([sys.executable, "-m", "reader.core.search.build_helper"],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE)
    item = (str(first), (first.stat().st_size, first.stat().st_mtime_ns))
    out, errors = helper.communicate(
        pickle.dumps(build_helper.Job(str(tmp_path / "helper"), 2**30)) + pickle.dumps(item),
        timeout=120)
    assert helper.returncode == 1
    assert b"Traceback" not in errors, errors.decode(errors="replace")
    messages = []
    with __import__("io").BytesIO(out) as stream:
        while stream.tell() < len(out):
            messages.append(pickle.load(stream))
    assert [type(m).__name__ for m in messages] == ["FileIndexed"]  # no segment sent


def test_searches_during_a_rebuild_in_place_see_the_whole_old_index(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The first process must not commit its own share while the second still works: that
    # commit would drop the old index, and searches would find half the library for a while.
    monkeypatch.setattr(indexer, "TWO_PROCESSES_BYTES", 0)
    books = library(tmp_path / "library")
    with SearchIndex(books, tmp_path / "index") as index:
        index.update()
        before = found(index)
    seen: list[dict[str, list[tuple[str, int, int, str]]]] = []
    real_wait = build_helper.Helper.wait

    def wait(helper: build_helper.Helper) -> list[build_helper.Message]:
        with SearchIndex(books, tmp_path / "index") as meanwhile:
            seen.append(found(meanwhile))
        return real_wait(helper)

    monkeypatch.setattr(build_helper.Helper, "wait", wait)
    with SearchIndex(books, tmp_path / "index") as index:
        assert index.update(rebuild=True).added
        assert found(index) == before
    assert seen == [before]
