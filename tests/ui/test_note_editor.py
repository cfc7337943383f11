"""The note editor and the note view: what is written comes back, what is shown is safe."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer, QUrl
from PySide6.QtGui import QColor, QFont, QImage, QTextCursor, QTextDocument
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from reader.ui import note_browser
from reader.ui.note_browser import NoteBrowser, ask_to_open_link, open_link
from reader.ui.note_editor import QUOTE_LIMIT, NoteEditor

QUOTE = ("I think that the most important thing is to understand what it is that the neural "
         "network is doing, and whether it is learning something real about the world.")


@pytest.fixture
def make_editor(qtbot, qapp_cleanup: None) -> Callable[..., NoteEditor]:
    def _make(**options: object) -> NoteEditor:
        arguments: dict[str, object] = {
            "title": "Note on highlight", "quote": QUOTE, "note": "", "tags": []}
        arguments.update(options)
        editor = NoteEditor(None, **arguments)  # type: ignore[arg-type]
        qtbot.addWidget(editor)
        editor.show()
        qtbot.waitExposed(editor)
        editor.activateWindow()  # Ctrl+Return is a window shortcut: it needs the active window
        qtbot.waitUntil(editor.isActiveWindow, timeout=2000)
        return editor

    return _make


@pytest.fixture
def browser(qtbot, qapp_cleanup: None) -> NoteBrowser:
    view = NoteBrowser()
    qtbot.addWidget(view)
    view.resize(500, 300)
    view.show()
    qtbot.waitExposed(view)
    return view


# --- the editor -----------------------------------------------------------------------------

def test_ctrl_return_saves_the_edited_note_and_normalised_tags(make_editor, qtbot) -> None:
    editor = make_editor(note="old note", tags=["method"], known_tags=["AI", "method"])
    assert editor.note_edit.toPlainText() == "old note"
    assert editor.tags_edit.text() == "method"
    editor.note_edit.clear()
    qtbot.keyClicks(editor.note_edit, "Compression *is* understanding.")
    editor.tags_edit.clear()
    qtbot.keyClicks(editor.tags_edit, " #ai, open-question  method #Method,")
    qtbot.keyClick(editor.note_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert editor.result() == QDialog.DialogCode.Accepted
    assert not editor.isVisible()
    assert editor.note() == "Compression *is* understanding."
    assert editor.tags() == ["AI", "open-question", "method"]


def test_escape_cancels(make_editor, qtbot) -> None:
    editor = make_editor(note="keep")
    qtbot.keyClick(editor.note_edit, Qt.Key.Key_Escape)
    assert editor.result() == QDialog.DialogCode.Rejected


def test_the_note_comes_back_without_blank_lines_around_it(make_editor) -> None:
    editor = make_editor()
    editor.note_edit.setPlainText("\n  \n    indented code\n\nmore  \n\n")
    assert editor.note() == "    indented code\n\nmore"
    editor.note_edit.setPlainText(" \n\t\n")
    assert editor.note() == ""


def test_untouched_tags_come_back_as_stored(make_editor) -> None:
    editor = make_editor(tags=["machine learning", "AI"])
    assert editor.tags() == ["machine learning", "AI"]


def test_the_transcript_note_has_no_quote_and_no_tags(make_editor) -> None:
    editor = make_editor(title="Note on this transcript", quote=None, note="Overall: good",
                         tags=None)
    assert editor.windowTitle() == "Note on this transcript"
    assert not editor.quote_label.isVisible()
    assert not editor.tags_edit.isVisible()
    assert editor.tags() == []
    assert editor.note() == "Overall: good"


def test_a_long_quote_is_shown_shortened_and_read_only(make_editor) -> None:
    long_quote = " ".join([QUOTE] * 5)
    editor = make_editor(quote=long_quote)
    shown = editor.quote_label.text()
    assert editor.quote_label.isVisible()
    assert shown.endswith("…") and len(shown) <= QUOTE_LIMIT
    assert long_quote.startswith(shown[:-1])
    assert editor.quote_label.accessibleDescription() == long_quote  # screen readers get it all
    assert not editor.quote_label.textInteractionFlags() & Qt.TextInteractionFlag.TextEditable


def test_the_preview_shows_the_rendered_markdown(make_editor, qtbot) -> None:
    editor = make_editor(note="")
    for line in ("Some **bold** words", "", "- first point", "- second"):
        qtbot.keyClicks(editor.note_edit, line)  # (keyClicks cannot type a newline)
        qtbot.keyClick(editor.note_edit, Qt.Key.Key_Return)
    document = editor.preview.document()
    qtbot.waitUntil(lambda: "second" in editor.preview.toPlainText())
    text = editor.preview.toPlainText()
    assert "**" not in text and "- first" not in text
    cursor = document.find("bold")
    assert cursor.charFormat().fontWeight() == QFont.Weight.Bold
    assert document.find("first point").block().textList() is not None  # a real list


def test_the_preview_shows_the_starting_note_at_once(make_editor) -> None:
    editor = make_editor(note="# Heading")
    assert editor.preview.toPlainText() == "Heading"


def test_widgets_have_accessible_names(make_editor) -> None:
    editor = make_editor()
    names = {widget.accessibleName() for widget in
             (editor.quote_label, editor.note_edit, editor.preview, editor.tags_edit)}
    assert names == {"Highlighted passage", "Note", "Note preview", "Tags"}


def test_tags_complete_the_word_being_typed_from_tags_in_use(make_editor, qtbot) -> None:
    editor = make_editor(known_tags=["method", "#Meaning", "ethics"])
    qtbot.keyClicks(editor.tags_edit, "ethics, #ME")
    completer = editor.tags_edit.completer()
    completer.setCompletionPrefix(completer.splitPath(editor.tags_edit.text())[0])
    offered = [completer.completionModel().index(row, 0).data()
               for row in range(completer.completionCount())]
    assert offered == ["method", "Meaning"]
    completer.setCurrentRow(0)
    assert completer.pathFromIndex(completer.currentIndex()) == "ethics, method"


# --- the note view --------------------------------------------------------------------------

@pytest.fixture
def red_png(tmp_path: Path) -> Path:
    image = QImage(40, 40, QImage.Format.Format_RGB32)
    image.fill(QColor("red"))
    path = tmp_path / "red.png"
    assert image.save(str(path))
    return path


def red_pixels(view: NoteBrowser) -> int:
    image = view.viewport().grab().toImage()
    return sum(image.pixelColor(x, y) == QColor("red")
               for x in range(0, image.width(), 4) for y in range(0, image.height(), 4))


def has_image(document: QTextDocument) -> bool:
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            if iterator.fragment().charFormat().isImageFormat():
                return True
            iterator += 1
        block = block.next()
    return False


def test_a_note_with_a_local_image_shows_no_image(browser: NoteBrowser, red_png: Path) -> None:
    browser.set_markdown_note(f"![x]({red_png.as_uri()}) and ![y](file:///etc/hostname)")
    assert not has_image(browser.document())
    assert red_pixels(browser) == 0
    assert "x and y" in browser.toPlainText()


def test_even_unsanitised_html_loads_no_local_file(browser: NoteBrowser, red_png: Path) -> None:
    # Qt reads the file itself if the view answers "nothing" (None): the view must not.
    browser.setHtml(f'<p>x<img src="{red_png.as_uri()}"></p>')
    assert red_pixels(browser) == 0
    resource = browser.document().resource(QTextDocument.ResourceType.ImageResource.value,
                                           QUrl(red_png.as_uri()))
    assert isinstance(resource, QImage) and resource.isNull()
    for kind in QTextDocument.ResourceType:
        assert not browser.loadResource(kind.value, QUrl(red_png.as_uri()))


def click_text(qtbot, view: NoteBrowser, text: str) -> None:
    found = view.document().find(text)
    assert not found.isNull(), f"{text!r} is not shown"
    cursor = QTextCursor(view.document())
    cursor.setPosition(found.selectionStart() + 1)
    point = view.cursorRect(cursor).center() + QPoint(2, 0)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)


def anchor_under(view: NoteBrowser, text: str) -> str:
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.document().find(text).selectionStart() + 1)
    return view.anchorAt(view.cursorRect(cursor).center() + QPoint(2, 0))


def test_an_https_link_is_reported_only_when_clicked(browser: NoteBrowser, qtbot) -> None:
    browser.set_markdown_note("Read [the paper](https://example.com/paper) later.")
    assert anchor_under(browser, "the paper") == "https://example.com/paper"
    found = browser.document().find("the paper")
    cursor = QTextCursor(browser.document())
    cursor.setPosition(found.selectionStart() + 1)
    with qtbot.assertNotEmitted(browser.linkActivated):
        qtbot.mouseMove(browser.viewport(), browser.cursorRect(cursor).center())
    with qtbot.waitSignal(browser.linkActivated, timeout=2000) as clicked:
        click_text(qtbot, browser, "the paper")
    assert clicked.args == [QUrl("https://example.com/paper")]


@pytest.mark.parametrize("html", [
    '<p><a href="javascript:alert(1)">the trap</a></p>',
    '<p><a href="file:///etc/passwd">the trap</a></p>',
    '<p><a href="ms-msdt:/id PCWDiagnostic">the trap</a></p>',
])
def test_a_link_with_another_scheme_does_nothing_when_clicked(browser: NoteBrowser, qtbot,
                                                              html: str) -> None:
    browser.setHtml(html)  # unsanitised on purpose: the view must hold on its own
    assert anchor_under(browser, "the trap")  # it is a link, so the click reaches the handler
    with qtbot.waitSignal(browser.anchorClicked, timeout=2000), \
            qtbot.assertNotEmitted(browser.linkActivated):
        click_text(qtbot, browser, "the trap")
    assert browser.toPlainText() == "the trap"  # no navigation into a file
    assert browser.source().isEmpty()


def test_a_javascript_link_in_a_note_is_plain_text(browser: NoteBrowser, qtbot) -> None:
    browser.set_markdown_note("[the trap](javascript:alert(1))")
    assert anchor_under(browser, "the trap") == ""
    with qtbot.assertNotEmitted(browser.linkActivated):
        click_text(qtbot, browser, "the trap")


class FakeDesktop:
    opened: list[QUrl] = []

    @classmethod
    def openUrl(cls, url: QUrl) -> bool:  # noqa: N802 (Qt's name)
        cls.opened.append(url)
        return True


@pytest.fixture
def desktop(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[QUrl]]:
    FakeDesktop.opened = []
    monkeypatch.setattr(note_browser, "QDesktopServices", FakeDesktop)
    yield FakeDesktop.opened


def test_open_link_refuses_other_schemes(desktop: list[QUrl]) -> None:
    assert not open_link(QUrl("javascript:alert(1)"))
    assert not open_link(QUrl("file:///etc/passwd"))
    assert desktop == []
    assert open_link(QUrl("mailto:someone@example.com"))
    assert desktop == [QUrl("mailto:someone@example.com")]


@pytest.mark.parametrize(("answer", "opened"), [
    (QMessageBox.StandardButton.Cancel, False), (QMessageBox.StandardButton.Open, True)])
def test_a_link_opens_only_after_the_user_says_yes(desktop: list[QUrl], qapp_cleanup: None,
                                                   answer: QMessageBox.StandardButton,
                                                   opened: bool) -> None:
    url = QUrl("https://example.com/paper")
    asked: list[str] = []

    def answer_the_question() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        asked.append(box.informativeText())
        box.button(answer).click()

    QTimer.singleShot(0, answer_the_question)
    assert ask_to_open_link(None, url) is opened
    assert asked == ["https://example.com/paper"]  # the whole address was shown
    assert desktop == ([url] if opened else [])
