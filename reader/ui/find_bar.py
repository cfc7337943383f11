"""Find in the open transcript (Ctrl+F): a bar under the reading pane.

It counts the matches ("3 of 17"), marks them all in the text with the current one stronger,
and walks them: Enter / Shift+Enter in the field, F3 / Shift+F3 anywhere. Esc closes it and
clears the marks, leaving the current match selected (Ctrl+H then highlights it). What counts
as a match (case, accents, typographic apostrophes) is :mod:`reader.core.find`'s business.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.core.find import FindResult, TextFinder, match_at_or_after
from reader.core.model import Transcript
from reader.ui.transcript_view import TranscriptView

# Marks drawn at once, around the current match: Qt looks at every extra selection for every
# block it paints (1,000 marks cost about 20 ms to set and draw), and nobody scans ten
# thousand marks by eye.
MAX_MARKED = 1000
PREFILL_CHARS = 80  # a selection longer than this is not what the reader wants to find


class FindField(QLineEdit):
    """Enter: next match; Shift+Enter: previous; Esc: close."""

    step = Signal(bool)  # forward?
    escaped = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.step.emit(not event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        elif event.key() == Qt.Key.Key_Escape:
            self.escaped.emit()
        else:
            super().keyPressEvent(event)


class FindBar(QWidget):
    shown = Signal(bool)  # the bar was opened (True) or closed

    def __init__(self, view: TranscriptView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self.view = view
        self.field = FindField()
        self.field.setPlaceholderText("Find in this transcript")
        self.field.setAccessibleName("Find in this transcript")
        self.field.setClearButtonEnabled(True)
        self.count = QLabel()
        self.count.setObjectName("findCount")
        self.count.setMinimumWidth(90)
        self.count.setStyleSheet("color: palette(placeholder-text);")
        self.previous_button = self._button("▲", "Previous match (Shift+F3)")
        self.next_button = self._button("▼", "Next match (F3)")
        self.close_button = self._button("✕", "Close (Esc)")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 3, 8, 3)
        layout.addWidget(self.field, 1)
        layout.addWidget(self.count)
        for button in (self.previous_button, self.next_button, self.close_button):
            layout.addWidget(button)
        self.field.setMaximumWidth(360)
        layout.addStretch(0)

        self._finder: TextFinder | None = None
        self._finder_for: Transcript | None = None
        self.result = FindResult(())
        self.current: int | None = None

        self.field.textChanged.connect(lambda _text: self._refind(self._anchor()))
        self.field.step.connect(self.step)
        self.field.escaped.connect(self.close_bar)
        self.previous_button.clicked.connect(lambda: self.step(False))
        self.next_button.clicked.connect(lambda: self.step(True))
        self.close_button.clicked.connect(self.close_bar)
        view.transcriptChanged.connect(self._transcript_changed)

        self.find_action = QAction("&Find…", self)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.triggered.connect(self.open_bar)
        self.find_next_action = QAction("Find &Next", self)
        self.find_next_action.setShortcuts([QKeySequence("F3"), QKeySequence("Ctrl+G")])
        self.find_next_action.triggered.connect(lambda: self.step(True))
        self.find_previous_action = QAction("Find Pre&vious", self)
        self.find_previous_action.setShortcuts([QKeySequence("Shift+F3"),
                                                QKeySequence("Ctrl+Shift+G")])
        self.find_previous_action.triggered.connect(lambda: self.step(False))
        self.hide()

    def _button(self, text: str, tip: str) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        button.setAutoRaise(True)
        return button

    def install(self, edit_menu: QMenu) -> None:
        edit_menu.addSeparator()
        edit_menu.addActions([self.find_action, self.find_next_action,
                              self.find_previous_action])

    # --- opening and closing -------------------------------------------------------------

    def open_bar(self) -> None:
        """Show the bar with the focus in its field; a short selection becomes the query."""
        selected = self.view.selected_range()
        transcript = self.view.transcript
        if selected is not None and transcript is not None:
            text = transcript.text[selected[0]:selected[1]]
            if len(text) <= PREFILL_CHARS and "\n" not in text:
                self.field.setText(text)
        self.show()
        self.shown.emit(True)
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()
        self._refind(self._anchor())

    def close_bar(self) -> None:
        """Hide the bar and clear the marks; the current match stays selected."""
        if self.isHidden():
            return
        match = self._current_match()
        self.hide()
        self.shown.emit(False)
        self.view.set_find_marks((), None)
        if match is not None:
            self.view.select_range(*match)
        self.view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # --- finding --------------------------------------------------------------------------

    def step(self, forward: bool = True) -> None:
        """Go to the next (previous) match, wrapping round; opens the bar if it is closed."""
        if self.isHidden():
            self.open_bar()
            if self.current is not None:
                return  # opening went to the first match after the reader's place
        if not self.result.matches:
            return
        count = len(self.result.matches)
        if self.current is None:
            self.current = match_at_or_after(self.result.matches, self._anchor())
        else:
            self.current = (self.current + (1 if forward else -1)) % count
        self._show_current()

    def _anchor(self) -> int:
        """Where finding starts: the current match, else the top of the reading view."""
        match = self._current_match()
        return match[0] if match is not None else self.view.top_offset()

    def _current_match(self) -> tuple[int, int] | None:
        if self.current is None or not 0 <= self.current < len(self.result.matches):
            return None
        return self.result.matches[self.current]

    def _transcript_changed(self) -> None:
        self._finder, self._finder_for = None, None
        self.result, self.current = FindResult(()), None
        if self.isVisible():
            self._refind(self.view.top_offset())

    def _refind(self, start_at: int) -> None:
        transcript = self.view.transcript
        if transcript is None:
            self.result, self.current = FindResult(()), None
            self.count.setText("")
            return
        if self._finder is None or self._finder_for is not transcript:
            self._finder, self._finder_for = TextFinder(transcript.text), transcript
        self.result = self._finder.find_all(self.field.text())
        self.current = match_at_or_after(self.result.matches, start_at)
        self._show_current()

    def _show_current(self) -> None:
        query = self.field.text().strip()
        self.count.setText(self.result.describe(self.current) if query else "")
        match = self._current_match()
        matches = self.result.matches
        first = 0
        if len(matches) > MAX_MARKED:
            first = max(0, min((self.current or 0) - MAX_MARKED // 2, len(matches) - MAX_MARKED))
            matches = matches[first:first + MAX_MARKED]
        self.view.set_find_marks(matches, None if self.current is None
                                 else self.current - first)
        if match is not None:
            self.view.show_range(*match)


class ReadingPane(QWidget):
    """The reading view with the find bar under it; Esc in either closes the bar."""

    def __init__(self, view: TranscriptView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.find_bar = FindBar(view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(view, 1)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        line.setVisible(False)
        layout.addWidget(line)
        layout.addWidget(self.find_bar)
        self.find_bar.shown.connect(line.setVisible)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self.find_bar.close_bar)
