"""The dialog for writing a note (Markdown) and tags on a highlight, or a note on a transcript.

The quote the note belongs to sits at the top, the Markdown on the left with its rendered
preview beside it (redrawn shortly after typing stops), the tags below. Ctrl+Return saves.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QStringListModel, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from reader.core.note_html import shorten
from reader.core.tags import format_tags, normalise_tags, parse_tags
from reader.ui.note_browser import NoteBrowser, ask_to_open_link

PREVIEW_DELAY_MS = 250  # long enough not to re-render on every key, short enough to feel live
QUOTE_LIMIT = 280  # characters of the quote shown; it is context, not the thing being edited
_LAST_TAG = re.compile(r"#*[^,\s]*$")


class _TagCompleter(QCompleter):
    """Completes the tag being typed (after the last comma or space) and keeps those before."""

    def splitPath(self, path: str, /) -> list[str]:
        return [_LAST_TAG.search(path).group().lstrip("#")]  # type: ignore[union-attr]

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex, /) -> str:
        field = self.widget()
        text = field.text() if isinstance(field, QLineEdit) else ""
        typed = _LAST_TAG.search(text).group()  # type: ignore[union-attr]
        return text[:len(text) - len(typed)] + str(index.data())


class NoteEditor(QDialog):
    """Edit ``note`` (and ``tags``, unless None) for one highlight, or the transcript's note.

    After ``exec()``, ``note()`` and ``tags()`` hold what the user wrote.
    """

    def __init__(self, parent: QWidget | None, *, title: str, quote: str | None, note: str,
                 tags: list[str] | None, known_tags: Sequence[str] = ()) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(820, 520)
        self._known_tags = normalise_tags(known_tags)
        self._initial_tags = list(tags or [])
        self._has_tags = tags is not None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 12)
        layout.setSpacing(8)

        self.quote_label = QLabel(self)
        self.quote_label.setAccessibleName("Highlighted passage")
        self.quote_label.setTextFormat(Qt.TextFormat.PlainText)
        self.quote_label.setWordWrap(True)
        self.quote_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.quote_label.setStyleSheet(
            "QLabel { border: none; border-left: 3px solid palette(highlight);"
            " padding: 2px 0 2px 10px; font-style: italic; }")
        if quote is not None:
            self.quote_label.setText(shorten(quote, QUOTE_LIMIT))
            self.quote_label.setAccessibleDescription(quote)
            layout.addWidget(self.quote_label)
            layout.addSpacing(4)
        else:
            self.quote_label.hide()

        self.note_edit = QPlainTextEdit(self)
        self.note_edit.setAccessibleName("Note")
        self.note_edit.setAccessibleDescription("Markdown: **bold**, *italic*, [link](https://…)")
        self.note_edit.setPlaceholderText(
            "Write your note. Markdown works: **bold**, *italic*, - lists, > quotes, `code`.")
        self.note_edit.setTabChangesFocus(True)  # Tab leaves the field, as in the rest of the form
        self.note_edit.setPlainText(note)
        self._initial_note = note
        self.preview = NoteBrowser(self)
        # Tab goes from the note to the tags; the preview's links are for the mouse.
        self.preview.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.preview.setAccessibleName("Note preview")
        self.preview.setPlaceholderText("The formatted note appears here.")
        self.preview.linkActivated.connect(lambda url: ask_to_open_link(self, url))
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(_captioned("&Note", self.note_edit, self))
        splitter.addWidget(_captioned("Preview", self.preview, self))
        layout.addWidget(splitter, 1)

        self.tags_edit = QLineEdit(format_tags(self._initial_tags), self)
        self.tags_edit.setAccessibleName("Tags")
        self.tags_edit.setPlaceholderText("Tags, separated by commas or spaces")
        self.tags_edit.setClearButtonEnabled(True)
        completer = _TagCompleter(QStringListModel(self._known_tags, self), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.tags_edit.setCompleter(completer)
        self.tags_box = _captioned("&Tags", self.tags_edit, self)
        layout.addWidget(self.tags_box)
        self.tags_box.setVisible(self._has_tags)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.cancel_by_user)
        layout.addWidget(self.buttons)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.accept)

        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self.refresh_preview)
        self.note_edit.textChanged.connect(self._preview_timer.start)
        self.refresh_preview()
        self.note_edit.setFocus()
        self.note_edit.moveCursor(self.note_edit.textCursor().MoveOperation.End)

    def is_modified(self) -> bool:
        return (self.note_edit.toPlainText() != self._initial_note
                or (self._has_tags and self.tags_edit.text() != format_tags(self._initial_tags)))

    def cancel_by_user(self) -> None:
        """Esc, Cancel or the window's close button: never throw away what was written
        without asking. (A programmatic ``reject()`` stays silent.)"""
        if self.is_modified():
            answer = QMessageBox.question(
                self, "Discard changes?", "Discard the changes to this note?",
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel)
            if answer != QMessageBox.StandardButton.Discard:
                return
        self.reject()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and not event.modifiers():
            self.cancel_by_user()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if event.spontaneous() and self.result() != QDialog.DialogCode.Accepted:
            event.ignore()  # the title bar's close button: ask, as Esc does
            self.cancel_by_user()
            return
        super().closeEvent(event)

    def refresh_preview(self) -> None:
        """Render the note as it is now (typing schedules this; it is public for callers)."""
        self._preview_timer.stop()
        self.preview.set_markdown_note(self.note_edit.toPlainText())

    def note(self) -> str:
        """The note's Markdown, without trailing space or blank lines around it ('' if empty)."""
        text = self.note_edit.toPlainText().rstrip()
        return re.sub(r"\A(?:[ \t]*\n)+", "", text)

    def tags(self) -> list[str]:
        """The tags, normalised; [] for the transcript's note (which has none)."""
        if not self._has_tags:
            return []
        text = self.tags_edit.text()
        if text == format_tags(self._initial_tags):
            # Untouched: keep tags as stored, even one another tool wrote with a space in it.
            return normalise_tags(self._initial_tags)
        return parse_tags(text, self._known_tags)


def _captioned(caption: str, field: QWidget, parent: QWidget) -> QWidget:
    """``field`` under a small caption whose ``&`` letter (Alt+letter) focuses it."""
    box = QWidget(parent)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(4)
    label = QLabel(caption, box)
    label.setBuddy(field)
    layout.addWidget(label)
    layout.addWidget(field, 1)
    return box
