"""The second reading pane's title, when the pane is too narrow for it, ends with '…' instead
of being cut mid-word ("Lex Fri"); its tooltip has the whole title."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from tests.conftest import LEX


def test_a_long_title_in_the_second_pane_ends_with_an_ellipsis(open_window, qtbot,
                                                                library_dir) -> None:
    window = open_window()
    side = window.related.side_reader
    assert side.open(library_dir / LEX.name)
    title = window.store.transcript((library_dir / LEX.name).resolve()).title
    qtbot.waitUntil(side.isVisible)
    qtbot.waitUntil(lambda: side.title.width() > 0)
    side.title.resize(side.title.fontMetrics().horizontalAdvance(title) // 2, 20)

    shown = QLabel.text(side.title)  # what the label draws
    assert shown.endswith("…")
    assert title.startswith(shown[:-1].rstrip())
    assert side.title.fontMetrics().horizontalAdvance(shown) <= side.title.contentsRect().width()
    assert title in side.title.toolTip()
    assert side.title.text() == title  # the pane still knows its whole title

    side.title.resize(side.title.fontMetrics().horizontalAdvance(title) + 20, 20)
    assert QLabel.text(side.title) == title  # room enough: nothing cut
