"""The headless store: one spelling of each path, one parse cache, the library merge policy."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.core.store import TranscriptStore
from tests.conftest import EYE, LEX


def test_a_relative_library_and_an_absolute_file_path_list_the_file_once(
        library_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(library_dir.parent)
    store = TranscriptStore()
    store.set_folders([Path(library_dir.name)])
    store.open_paths([library_dir / LEX.name, Path(library_dir.name) / ".." / library_dir.name
                      / EYE.name])
    assert sorted(e.path.name for e in store.entries()) == [EYE.name, LEX.name]
    assert all(e.path.is_absolute() for e in store.entries())


def test_a_transcript_is_parsed_once_while_its_file_is_unchanged(library_dir: Path) -> None:
    store = TranscriptStore()
    store.set_folders([library_dir])
    path = library_dir / EYE.name
    first = store.transcript(path)
    assert store.transcript(path) is first
    assert store.is_current(first)
    path.write_text("Edited Interview\n\nA new first line. Then the rest.", encoding="utf-8")
    os.utime(path, ns=(10**18, 10**18))
    assert not store.is_current(first)
    second = store.transcript(path)
    assert second.title == "Edited Interview"
    assert store.is_current(second)


def test_refresh_says_whether_the_list_changed(library_dir: Path) -> None:
    store = TranscriptStore()
    assert store.set_folders([library_dir]).changed
    assert not store.refresh().changed
    # The app's own files beside a transcript are not library changes.
    for name in (f"{LEX.name}.annotations.json", f"{LEX.name}.annotations.json.bak",
                 f".{LEX.name}.annotations.json.x1y2.tmp", f"{LEX.name}.annotations.json.lock",
                 f"{LEX.name}.annotations.json.corrupt-20261129T120000Z"):
        (library_dir / name).write_text("{}", encoding="utf-8")
    assert not store.refresh().changed
    (library_dir / "new.txt").write_text("New Talk\n\nHello there. Bye now.", encoding="utf-8")
    assert store.refresh().changed
    assert "New Talk" in [e.title for e in store.entries()]


def test_files_opened_from_elsewhere_stay_listed_beside_the_folder(
        library_dir: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("Elsewhere Talk\n\nWords here. More words.", encoding="utf-8")
    store = TranscriptStore()
    store.set_folders([library_dir])
    store.open_paths([elsewhere])
    assert [e.title for e in store.entries()][-1] == "Elsewhere Talk"
    (library_dir / EYE.name).unlink()
    store.refresh()
    assert [e.path.name for e in store.entries()] == [LEX.name, "elsewhere.txt"]
    elsewhere.unlink()
    store.refresh()
    gone = store.entry(elsewhere)
    assert gone is not None and gone.problem == "no such file"


def test_a_folder_that_cannot_be_read_is_reported(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """As root a mode-000 folder is still readable, so the listing is made to fail the way
    it does for a normal user (os.listdir raising PermissionError for that folder)."""
    locked = tmp_path / "locked"
    locked.mkdir()
    real_listdir = os.listdir

    def listdir(path: object = ".") -> list[str]:
        if Path(str(path)) == locked:
            raise PermissionError(13, "Permission denied")
        return real_listdir(path)

    monkeypatch.setattr(os, "listdir", listdir)
    result = TranscriptStore().set_folders([locked])
    assert result.problems == (f"{locked}: cannot be read (permission denied)",)


def test_watched_paths_are_the_visible_folders_and_listed_files(library_dir: Path,
                                                                tmp_path: Path) -> None:
    (library_dir / "season-2").mkdir()
    (library_dir / ".stversions").mkdir()
    (library_dir / ".stversions" / "old.txt").write_text("Old\n\nOld words.", "utf-8")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "talk.txt").write_text("Outside\n\nWords.", "utf-8")
    (library_dir / "link-out").symlink_to(outside)
    store = TranscriptStore()
    store.set_folders([library_dir])
    folders, files = store.watched_paths()
    assert folders == [library_dir, library_dir / "season-2"]
    assert sorted(p.name for p in files) == [EYE.name, LEX.name]
