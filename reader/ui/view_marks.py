"""The marks a reading view draws over its text, in two layers of Qt extra selections: every
find-bar match (the current one stronger), and on top the brief mark of a passage the app took
the reader to (a search hit, a note), which fades after :data:`MARK_MS`. Highlights are not
marks: they are part of the document (:mod:`.highlight_painter`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit

# A passage the app takes the reader to (a search hit, a note) is marked this long.
MARK_MS = 1800
MARK_COLOR = QColor(255, 170, 0, 90)
# Find-bar matches: every match softly, the current one strongly (drawn over highlights).
FIND_COLOR = QColor(255, 200, 40, 110)
FIND_CURRENT_COLOR = QColor(255, 120, 0, 170)


class ViewMarks:
    """The marks of one view. ``cursor_for(start, end)`` gives the view's cursor over a
    display-text range."""

    def __init__(self, view: QTextEdit,
                 cursor_for: Callable[[int, int], QTextCursor]) -> None:
        self._view, self._cursor_for = view, cursor_for
        self._find: list[QTextEdit.ExtraSelection] = []
        self._find_ranges: list[tuple[int, int]] = []
        self._brief: list[QTextEdit.ExtraSelection] = []
        self._fade = QTimer(view, singleShot=True, interval=MARK_MS)
        self._fade.timeout.connect(self._unmark)

    def clear(self) -> None:
        """Another text: no marks."""
        self._find, self._find_ranges, self._brief = [], [], []
        self._fade.stop()
        self._view.setExtraSelections([])

    def mark(self, start: int, end: int) -> None:
        self._brief = [self._selection(start, max(end, start + 1), MARK_COLOR)]
        self._view.setExtraSelections(self._find + self._brief)
        self._fade.start()

    def _unmark(self) -> None:
        self._brief = []
        self._view.setExtraSelections(self._find)

    def set_find(self, matches: Sequence[tuple[int, int]], current: int | None) -> None:
        self._find_ranges = list(matches)
        self._find = [self._selection(start, end,
                                      FIND_CURRENT_COLOR if i == current else FIND_COLOR)
                      for i, (start, end) in enumerate(matches)]
        self._view.setExtraSelections(self._find + self._brief)

    def find_ranges(self) -> list[tuple[int, int]]:
        return list(self._find_ranges)

    def is_marked(self) -> bool:
        return bool(self._brief)

    def _selection(self, start: int, end: int, color: QColor) -> QTextEdit.ExtraSelection:
        selection = QTextEdit.ExtraSelection()
        selection.cursor = self._cursor_for(start, end)
        fmt = QTextCharFormat()
        fmt.setBackground(color)
        selection.format = fmt
        return selection
