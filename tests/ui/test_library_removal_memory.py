"""What a removal leaves remembered: only the folder or file the user took off, by its own
name, whatever else this run of the app was started with."""

from __future__ import annotations

import os
from pathlib import Path

from tests.conftest import LEX

SRT = "1\n00:00:01,000 --> 00:00:02,000\nhello there\n"


def _folder_with(folder: Path, name: str = "talk.srt") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(SRT, "utf-8")
    return folder


def _added(window, qtbot, folder: Path) -> None:
    window.library_control.add_folder(folder)  # File ▸ Open Folder: remembered
    qtbot.waitUntil(lambda: any(e.path.parent == folder
                                for e in window.library.visible_entries()))


def test_removing_a_folder_named_for_one_run_keeps_the_remembered_library(
        launch, qtbot, tmp_path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / LEX.name).write_bytes(LEX.read_bytes())
    first = launch()
    _added(first, qtbot, mine)
    first.close()
    once = _folder_with(tmp_path / "once")
    window = launch(library=once)  # --library: this run only
    window.library.select_path(once / "talk.srt")
    window.library_actions.remove_folder_action.trigger()
    window.close()

    again = launch()
    assert mine in again.store.folders  # the remembered library is still there
    assert once not in again.store.folders


def test_a_removed_file_whose_name_is_not_utf8_stays_removed(launch, qtbot, tmp_path) -> None:
    odd = os.fsdecode(b"x\xff.srt")
    library = _folder_with(_folder_with(tmp_path / "lib"), odd)
    (library / "x.srt").write_text(SRT, "utf-8")  # a file whose name the odd one would become
    window = launch(library=library)
    _added(window, qtbot, library)  # remembered, so a plain restart lists it
    window.library.select_path(library / odd)
    window.library_actions.remove_action.trigger()
    window.close()

    again = launch()
    names = sorted(e.path.name for e in again.library.visible_entries())
    assert names == ["talk.srt", "x.srt"]
