"""The reading pane shows who speaks at each turn and when each paragraph starts, beside the text:
the names and times are drawn, never part of the text a reader selects or copies."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QFontMetricsF, QImage

from reader.core.model import BlockKind, BlockSpec, Transcript, build_transcript
from reader.ui.document_builder import BODY_POINT_SIZE
from reader.ui.transcript_view import TranscriptView
from reader.ui.turn_margin import shown_name, time_font

TEXTS = ["What is deep learning, and why does it work so well now?",
         "Well, it works because we finally have the compute and the data."]


def _transcript(timed: bool) -> Transcript:
    blocks = [BlockSpec(BlockKind.PARAGRAPH, text, *((i * 30.0, i * 30.0 + 20, name) if timed
                                                     else ()))
              for i, (text, name) in enumerate(zip(TEXTS, ["Lex", "Ilya"], strict=True))]
    return build_transcript(title="t", show=None, format="test", source=None, fingerprint="",
                            blocks=blocks)


def _inked(image: QImage, rect: QRect) -> int:
    """How many pixels in ``rect`` differ clearly from the page's background."""
    background = image.pixelColor(2, image.height() // 2)
    count = 0
    for x in range(max(0, rect.left()), min(image.width(), rect.right())):
        for y in range(max(0, rect.top()), min(image.height(), rect.bottom())):
            colour = image.pixelColor(x, y)
            if abs(colour.value() - background.value()) > 40:
                count += 1
    return count


def _show(qtbot, transcript: Transcript) -> tuple[TranscriptView, QImage, QRect]:  # type: ignore[no-untyped-def]
    view = TranscriptView()
    qtbot.addWidget(view)
    view.resize(900, 500)
    view.show()
    qtbot.waitExposed(view)
    view.set_transcript(transcript)
    image = view.viewport().grab().toImage()
    second = view.document().findBlockByNumber(1).layout()
    line = second.lineAt(0)
    first_line = QRect(int(second.position().x() + line.x()),
                       int(second.position().y() + line.y() - view.verticalScrollBar().value()),
                       int(line.naturalTextWidth()), int(line.height()))
    return view, image, first_line


def test_times_in_the_margin_and_names_above_each_turn(qtbot) -> None:  # type: ignore[no-untyped-def]
    view, image, line = _show(qtbot, _transcript(timed=True))
    margin = QRect(0, line.top(), line.left() - 4, line.height())
    above = QRect(line.left(), line.top() - line.height(), 200, line.height() - 2)
    assert _inked(image, margin) > 20  # "0:30"
    assert _inked(image, above) > 20  # "Ilya"
    assert view.toPlainText() == "\n".join(TEXTS)
    assert view.document().toPlainText() == view.transcript.text  # type: ignore[union-attr]


def test_untimed_text_has_an_empty_margin(qtbot) -> None:  # type: ignore[no-untyped-def]
    _view, image, line = _show(qtbot, _transcript(timed=False))
    margin = QRect(0, line.top(), line.left() - 4, line.height())
    above = QRect(line.left(), line.top() - line.height(), 200, line.height() - 2)
    assert _inked(image, margin) == 0
    assert _inked(image, above) == 0


def test_diarisation_placeholders_read_as_speaker_numbers() -> None:
    assert [shown_name(n) for n in ("SPEAKER_1", "SPEAKER_02", "speaker 3", "Adam Curry")] == [
        "Speaker 1", "Speaker 2", "Speaker 3", "Adam Curry"]


def test_an_hour_long_time_fits_in_the_margin_of_a_narrow_pane(qtbot) -> None:  # type: ignore[no-untyped-def]
    transcript = build_transcript(
        title="t", show=None, format="test", source=None, fingerprint="",
        blocks=[BlockSpec(BlockKind.PARAGRAPH, TEXTS[0], 36019.0, 36025.0)])  # 10:00:19
    view = TranscriptView()
    qtbot.addWidget(view)
    view.resize(420, 400)
    view.show()
    qtbot.waitExposed(view)
    view.set_transcript(transcript)
    layout = view.document().findBlockByNumber(0).layout()
    text_left = layout.position().x() + layout.lineAt(0).x()
    body = view.font()
    body.setPointSizeF(BODY_POINT_SIZE * view.text_scale)
    time_width = QFontMetricsF(time_font(body)).horizontalAdvance("10:00:19")
    assert text_left - time_width > 0  # drawn whole, not cut at the pane's edge
