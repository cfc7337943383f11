"""File dialogs (Open File, Open Folder) start where the reader's files are: the folder last
used, else the library folder, else the home folder; never the folder the app happened to be
started from. (Export Notes never starts in the library: tests/ui/test_export_folder.py.)"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from reader.core.store import resolve
from tests.conftest import EYE


@pytest.fixture(autouse=True)
def started_elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The app started from some unrelated folder (a source checkout, say)."""
    cwd = tmp_path / "checkout"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    return cwd


def asked_folders(monkeypatch: pytest.MonkeyPatch, answer: Path | None = None
                  ) -> list[str]:
    """Record the folder each file dialog starts in; answer ``answer`` (else cancel)."""
    seen: list[str] = []

    def folder(_parent, _caption="", directory="", *_a, **_k) -> str:
        seen.append(directory)
        return str(answer) if answer and answer.is_dir() else ""

    def files(_parent, _caption="", directory="", *_a, **_k) -> tuple[list[str], str]:
        seen.append(directory)
        return ([str(answer)] if answer and answer.is_file() else []), ""

    def save(_parent, _caption="", directory="", *_a, **_k) -> tuple[str, str]:
        seen.append(str(Path(directory).parent))
        return "", ""

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", folder)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", files)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", save)
    return seen


def test_open_dialogs_start_in_the_library_then_where_the_reader_last_went(
        open_window, library_dir: Path, tmp_path: Path, monkeypatch) -> None:
    window = open_window()
    seen = asked_folders(monkeypatch)
    window.open_file_action.trigger()
    window.open_folder_action.trigger()
    assert [resolve(s) for s in seen] == [resolve(library_dir)] * 2

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / EYE.name).write_bytes(EYE.read_bytes())
    asked_folders(monkeypatch, elsewhere / EYE.name)
    window.open_file_action.trigger()
    window.close()

    window = open_window()  # remembered across a restart
    seen = asked_folders(monkeypatch)
    window.open_folder_action.trigger()
    window.open_file_action.trigger()
    assert [resolve(s) for s in seen] == [resolve(elsewhere)] * 2


def test_open_dialogs_start_at_home_with_no_library(open_window, monkeypatch) -> None:
    window = open_window(None)
    seen = asked_folders(monkeypatch)
    window.open_file_action.trigger()
    assert [resolve(s) for s in seen] == [resolve(Path.home())]
