"""A highlight's note gets the room its row has in the notes panel: after the time, tags and
chapter it runs on to the row's next line instead of being cut to "✎ RLH…", and is cut with
'…' only when the row is too narrow for it."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QStyleOptionViewItem

from tests.conftest import EYE

NOTE = "RLHF is how they steer the model after pretraining"


def _row_lines(window, width: int) -> tuple[list[str], list[str]]:
    notes = window.notes
    option = QStyleOptionViewItem()
    option.initFrom(notes.list)
    option.rect = QRect(0, 0, width, notes.list.sizeHintForRow(0))
    return notes.list.itemDelegate().shown_lines(option, notes.model.index(0))


def test_a_notes_row_shows_the_whole_note_at_the_default_width(open_window, qtbot,
                                                               library_dir) -> None:
    window = open_window()
    assert window.library.select_path(library_dir / EYE.name)
    transcript = window.transcript
    start = transcript.blocks[transcript.chapters[0].block_index + 1].start
    annotation = window.annotations.highlight(start, start + 120)
    window.annotations.set_note(annotation.id, NOTE, ("rl",))
    qtbot.waitUntil(lambda: window.notes.model.rowCount() == 1)

    quote, details = _row_lines(window, window.notes.list.viewport().width())
    shown = " ".join(details)
    assert "#rl" in shown and transcript.chapters[0].title[:10] in shown
    assert f"✎ {NOTE}" in shown  # the whole note, not "✎ RLH…"
    assert quote and quote[-1].endswith("…")  # the quote, cut to make room, says so

    quote, details = _row_lines(window, 140)  # really too narrow: cut at the end
    assert len(details) == 2 and details[-1].endswith("…")
    assert NOTE not in " ".join(details)
