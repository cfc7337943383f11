"""A read-only view of a note's rendered Markdown that never fetches, reads or opens anything.

A plain ``QTextBrowser`` is not safe for text someone else may have written (a shared sidecar):
it reads local files for ``<img src="file:...">`` and follows ``file:`` links into the view,
and with external links on it hands any scheme to the operating system. So this view:

- shows only HTML that ``note_to_html`` has sanitised;
- loads no resource at all (``loadResource``). It must answer with an empty *image*: for a null
  answer (``None``) or an empty byte array, Qt falls back to reading the file itself;
- follows no link. A click on an http, https or mailto link emits ``linkActivated``; the caller
  decides, usually by asking first (``ask_to_open_link``).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QByteArray, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QImage, QTextDocument
from PySide6.QtWidgets import QMessageBox, QTextBrowser, QWidget

from reader.core.note_html import LINK_SCHEMES, note_to_html

# Qt's rich text understands a subset of CSS: this keeps headings modest and code readable.
NOTE_STYLE = """
h1 { font-size: x-large; } h2 { font-size: large; } h3, h4, h5, h6 { font-size: medium; }
code, pre { font-family: monospace; }
pre { background-color: rgba(127, 127, 127, 0.12); }
p, li { line-height: 125%; }
blockquote { margin-left: 12px; font-style: italic; }
th, td { padding: 2px 8px; }
table { border-collapse: collapse; }
"""


def is_openable_link(url: QUrl) -> bool:
    """Whether a click on ``url`` may lead anywhere: a valid http, https or mailto address."""
    return url.isValid() and url.scheme().lower() in LINK_SCHEMES


class NoteBrowser(QTextBrowser):
    """Shows one note. ``linkActivated(QUrl)`` fires when an allowed link is clicked."""

    linkActivated = Signal(QUrl)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)  # no setSource() navigation, so no file: link opens in here
        self.setOpenExternalLinks(False)  # no scheme goes to the OS by itself
        self.document().setDefaultStyleSheet(NOTE_STYLE)
        self.anchorClicked.connect(self._on_anchor_clicked)

    def set_markdown_note(self, text: str) -> None:
        """Show the note ``text`` (Markdown), rendered and sanitised."""
        self.setHtml(note_to_html(text))

    def loadResource(self, type: int, name: QUrl | str, /) -> Any:  # noqa: A002 (Qt's name)
        """Nothing is ever loaded: images stay empty, style sheets and pages stay blank."""
        if type == QTextDocument.ResourceType.ImageResource.value:
            return QImage()
        return QByteArray()

    def _on_anchor_clicked(self, url: QUrl) -> None:
        if is_openable_link(url):
            self.linkActivated.emit(url)


def open_link(url: QUrl) -> bool:
    """Open an allowed link in the user's browser or mail program (False if not allowed)."""
    if not is_openable_link(url):
        return False
    return QDesktopServices.openUrl(url)


def ask_to_open_link(parent: QWidget | None, url: QUrl) -> bool:
    """Ask whether to open ``url`` (showing the full address), and open it if the user agrees."""
    if not is_openable_link(url):
        return False
    box = QMessageBox(QMessageBox.Icon.Question, "Open link",
                      "Open this link outside Transcript Reader?",
                      QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel, parent)
    # The address is shown whole and as plain text: link text in a note can say anything.
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setInformativeText(url.toString())
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    if box.exec() != QMessageBox.StandardButton.Open:
        return False
    return open_link(url)
