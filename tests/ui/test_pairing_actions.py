"""View ▸ Outline: the reader divides a timed transcript by an outline of its episode, or shows it
without one, and the open transcript follows at once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

OUTLINE = """The Show: Guest on Things | The Show #12
CHAPTERS
- 0:00 – 1:00
Opening
We meet the guest.
- 1:00 – 2:30
The middle part
Where the guest explains things.
"""


def _library(tmp_path: Path) -> Path:
    folder = tmp_path / "podcasts"
    folder.mkdir()
    segments = [{"start": s, "end": e, "text": t} for s, e, t in
                [(0, 20, " Hello and welcome."), (61, 80, " We talk about things.")]]
    (folder / "the-show-12-guest.json").write_text(json.dumps({"segments": segments}),
                                                   encoding="utf-8")
    (folder / "the-show-12-chapters.txt").write_text(OUTLINE, encoding="utf-8")
    return folder


def _titles(window) -> list[str]:
    return [chapter.title for chapter in window.transcript.chapters]


def test_the_outline_can_be_undone_picked_and_made_automatic_again(
        open_window, tmp_path, monkeypatch) -> None:
    folder = _library(tmp_path)
    talk = folder / "the-show-12-guest.json"
    window = open_window(folder)
    assert window.library.select_path(talk)
    assert _titles(window) == ["Opening", "The middle part"]  # paired automatically

    window.pairing_actions.none_action.trigger()
    assert "The middle part" not in _titles(window)
    assert "Hello and welcome." in window.transcript.text

    other = folder / "hand-made.txt"  # a pairing names a file in the transcript's folder
    other.write_text(OUTLINE.replace("The middle part", "By hand").replace(
        "The Show: Guest on Things | The Show #12", "Notes by hand"), encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *args, **kwargs: (str(other), "")))
    window.pairing_actions.choose_action.trigger()
    assert _titles(window) == ["Opening", "By hand"]

    window.pairing_actions.auto_action.trigger()
    assert _titles(window) == ["Opening", "The middle part"]
    window.close()


@pytest.mark.parametrize(("name", "text", "said"), [
    ("elsewhere.txt", OUTLINE.replace("The middle part", "Elsewhere"), "same folder"),
    ("plain.txt", "Just some words.\n", "has no chapters with start times"),
], ids=["an outline in another folder", "a file without chapters"])
def test_a_file_that_cannot_be_the_outline_is_refused_in_the_status_bar(
        open_window, tmp_path, monkeypatch, name: str, text: str, said: str) -> None:
    folder = _library(tmp_path)
    window = open_window(folder)
    assert window.library.select_path(folder / "the-show-12-guest.json")
    chosen = tmp_path / name
    chosen.write_text(text, encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *args, **kwargs: (str(chosen), "")))
    window.pairing_actions.choose_action.trigger()
    assert said in window.statusBar().currentMessage()
    assert _titles(window) == ["Opening", "The middle part"]
    window.close()
