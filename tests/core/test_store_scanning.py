"""The store scanned from a worker thread, filling a list as it goes; removing from the
library without touching the file."""

from __future__ import annotations

import threading
from pathlib import Path

from reader.core.library import LibraryEntry
from reader.core.store import PROGRESS_BATCH, TranscriptStore
from tests.conftest import EYE, LEX


def _library(tmp_path: Path, count: int) -> Path:
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(count):
        source = (LEX, EYE)[i % 2]
        (folder / f"{i:04d}-{source.name}").write_bytes(source.read_bytes())
    return folder


def test_a_scan_reports_entries_in_batches_as_files_are_read(tmp_path: Path) -> None:
    folder = _library(tmp_path, 60)
    store = TranscriptStore()
    assert store.set_folders([folder], scan=False).changed is False
    assert store.needs_scan and store.entries() == [] and store.candidate_count() == 60

    seen: list[tuple[int, int, int]] = []
    listed: list[LibraryEntry] = []

    def progress(batch: list[LibraryEntry], done: int, total: int) -> None:
        listed.extend(batch)
        seen.append((len(batch), done, total))

    worker = threading.Thread(target=lambda: store.refresh(progress))
    worker.start()
    worker.join(timeout=60)
    assert seen[0] == (PROGRESS_BATCH, PROGRESS_BATCH, 60)
    assert seen[-1][1:] == (60, 60)
    assert sorted(e.path for e in listed) == sorted(e.path for e in store.entries())
    assert not store.needs_scan


def test_the_store_can_be_read_while_a_thread_scans(tmp_path: Path) -> None:
    folder = _library(tmp_path, 40)
    store = TranscriptStore()
    store.set_folders([folder], scan=False)
    worker = threading.Thread(target=store.refresh)
    worker.start()
    opened = store.transcript(folder / f"0000-{LEX.name}")  # the window opens one meanwhile
    worker.join(timeout=60)
    assert opened.chapters and len(store.entries()) == 40


def test_removing_a_file_from_the_library_leaves_it_on_disk(tmp_path: Path) -> None:
    folder = _library(tmp_path, 2)
    store = TranscriptStore()
    store.set_folders([folder])
    gone = store.entries()[0].path
    result = store.remove(gone)
    assert result.changed and gone not in [e.path for e in store.entries()]
    assert gone.exists()
    assert store.refresh().changed is False  # a rescan does not bring it back
    assert store.removed == [gone]

    again = TranscriptStore()  # the next run, told what was removed
    again.set_folders([folder], scan=False)
    again.set_removed([gone])
    assert [e.path for e in again.entries()] == [p for p in [e.path for e in store.entries()]]

    store.open_paths([gone])  # opening it explicitly lists it again
    assert gone in [e.path for e in store.entries()]
