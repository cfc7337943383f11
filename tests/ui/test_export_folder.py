"""File ▸ Export Notes… ▸ Save… starts outside the library: the folder notes were last exported
to (remembered after a restart), else Documents, else home. Pressing Enter there must not put
the export among the transcripts."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.store import resolve
from tests.conftest import LEX
from tests.core.export_fixtures import annotate_lex
from tests.ui.test_dialog_folders import asked_folders
from tests.ui.test_export_dialog import open_export


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home folder of the test's own (Qt reads $HOME when asked for Documents)."""
    folder = tmp_path / "home-folder"
    folder.mkdir()
    monkeypatch.setenv("HOME", str(folder))
    return folder


def asked_on_save(window, library_dir: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    assert window.library.select_path(resolve(library_dir / LEX.name))
    dialog = open_export(window)
    seen = asked_folders(monkeypatch)
    dialog.ask_and_save()  # one file per transcript: a folder is asked for
    dialog.combined_button.setChecked(True)
    dialog.ask_and_save()  # one file: its name is suggested in the folder
    dialog.close()
    return [resolve(s) for s in seen]


def test_save_starts_in_documents_not_in_the_library(open_window, library_dir: Path,
                                                     home: Path, monkeypatch) -> None:
    (home / "Documents").mkdir()
    annotate_lex(library_dir / LEX.name)
    window = open_window()
    window.state.set_dialog_folder(library_dir)  # the transcripts were opened from there
    assert asked_on_save(window, library_dir, monkeypatch) == [resolve(home / "Documents")] * 2


def test_save_starts_at_home_without_documents_and_never_in_the_library(
        open_window, tmp_path: Path, home: Path, monkeypatch) -> None:
    library = home / "Documents"  # the library is the Documents folder itself
    library.mkdir()
    (library / LEX.name).write_bytes(LEX.read_bytes())
    annotate_lex(library / LEX.name)
    window = open_window(library)
    assert asked_on_save(window, library, monkeypatch) == [resolve(home)] * 2


def test_save_starts_where_notes_were_last_exported_after_a_restart(
        open_window, library_dir: Path, tmp_path: Path, home: Path, monkeypatch) -> None:
    annotate_lex(library_dir / LEX.name)
    window = open_window()
    assert window.library.select_path(resolve(library_dir / LEX.name))
    dialog = open_export(window)
    dialog.combined_button.setChecked(True)
    out = tmp_path / "vault"
    out.mkdir()
    assert dialog.save_to(out / "notes.md"), dialog.summary.text()
    window.close()
    window = open_window()  # the app started again with the same settings
    assert asked_on_save(window, library_dir, monkeypatch) == [resolve(out)] * 2
