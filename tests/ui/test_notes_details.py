"""The notes panel shows each highlight's time, chapter and tags on its second line, where a
reader sees them even when the note is long."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics

from reader.ui.two_line_delegate import SECONDARY_ROLE
from tests.conftest import LEX


def test_time_chapter_and_tags_show_beside_a_long_note(open_window, qtbot, library_dir) -> None:
    window = open_window()
    assert window.library.select_path(library_dir / LEX.name)
    transcript = window.transcript
    chapter = transcript.chapters[4]
    start = transcript.blocks[chapter.block_index + 2].start
    annotation = window.annotations.highlight(start, start + 20)
    long_note = "A long thought about this passage, " * 6
    window.annotations.set_note(annotation.id, long_note, ("depth",))
    model = window.notes.model
    qtbot.waitUntil(lambda: model.rowCount() == 1 and "#depth" in str(
        model.index(0).data(SECONDARY_ROLE)))
    line = str(model.index(0).data(SECONDARY_ROLE))
    # What the row shows: the line cut at the list's width, in the row's small font.
    small = QFont(window.notes.list.font())
    small.setPointSizeF(max(7.0, small.pointSizeF() - 1))
    shown = QFontMetrics(small).elidedText(line, Qt.TextElideMode.ElideRight,
                                           window.notes.list.viewport().width() - 20)
    assert "19:58" in shown
    assert chapter.title[:10] in shown
    assert "#depth" in shown
    assert "✎ A long thought" in line  # the note follows
