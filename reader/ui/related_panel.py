"""The Related tab: passages of other transcripts about what the reader is reading now.

One line says which passage the list is for and the key terms used; the list shows each
related passage best first, under its transcript and chapter, with its time and a snippet in
which the key terms it shares with the passage are bold. A click or Enter asks to open it
beside the current transcript (``hitActivated``).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListView, QVBoxLayout, QWidget

from reader.core.search import Hit
from reader.core.search.query import shorten
from reader.ui.related_controller import RelatedOutcome
from reader.ui.search_panel import ResultList
from reader.ui.search_results import (
    Row,
    RowKind,
    SearchResultDelegate,
    SearchResultsModel,
    describe_hit,
)

HELP = ("Passages of the other transcripts in your library that talk about what you are "
        "reading. They follow the reading position, or the selection; click one to read it "
        "beside this transcript.")


def related_rows(hits: Sequence[Hit]) -> list[Row]:
    """Best first; a transcript's title and a chapter's title once for hits in a row."""
    rows: list[Row] = []
    previous: Hit | None = None
    for hit in hits:
        if previous is None or hit.path != previous.path:
            rows.append(Row(RowKind.TRANSCRIPT, hit.title, hit.show or "", path=hit.path))
            previous = None
        if hit.chapter_title and (previous is None or hit.chapter_id != previous.chapter_id):
            rows.append(Row(RowKind.CHAPTER, hit.chapter_title, path=hit.path))
        rows.append(Row(RowKind.HIT, hit.snippet.plain, describe_hit(hit), hit, hit.path))
        previous = hit
    return rows


class RelatedResultsModel(SearchResultsModel):
    def _relist(self) -> None:
        self.beginResetModel()
        self._rows = related_rows(self._hits)
        self.endResetModel()


class RelatedPanel(QWidget):
    hitActivated = Signal(object)  # the Hit the reader chose

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("relatedPanel")
        self.outcome: RelatedOutcome | None = None
        self.summary = QLabel()
        self.summary.setObjectName("relatedSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.terms = QLabel()
        self.terms.setObjectName("relatedTerms")
        self.terms.setTextFormat(Qt.TextFormat.PlainText)
        self.terms.setWordWrap(True)
        self.terms.setStyleSheet("color: palette(placeholder-text); font-size: 8.5pt;")
        self.help = QLabel(HELP)
        self.help.setTextFormat(Qt.TextFormat.PlainText)
        self.help.setWordWrap(True)
        self.help.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.help.setStyleSheet("color: palette(placeholder-text); padding: 8px 2px;")
        self.model = RelatedResultsModel()
        self.list = ResultList()
        self.list.setAccessibleName("Related passages")
        self.list.setModel(self.model)
        self.delegate = SearchResultDelegate()
        self.list.setItemDelegate(self.delegate)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 6, 4, 4)
        layout.setSpacing(4)
        layout.addWidget(self.summary)
        layout.addWidget(self.terms)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.help, 1)
        self.list.clicked.connect(lambda index: self._choose(index.row()))
        self.list.rowChosen.connect(self._choose)
        self.show_outcome(None)

    def show_outcome(self, outcome: RelatedOutcome | None) -> None:
        self.outcome = outcome
        self.model.set_hits(outcome.hits if outcome else ())
        self.list.scrollToTop()
        has_hits = bool(outcome and outcome.hits)
        self.list.setVisible(has_hits)
        self.help.setVisible(not has_hits)
        self.summary.setText(_summary(outcome))
        self.summary.setVisible(outcome is not None)
        lines = list(outcome.problems) if outcome else []
        if outcome and outcome.query:
            lines.append(f"Key terms: {shorten(outcome.query, 160)}")
        self.terms.setText("\n".join(lines))
        self.terms.setVisible(bool(lines))

    def hits(self) -> list[Hit]:
        return [r.hit for r in self.model.rows() if r.hit is not None]

    def choose(self, hit_number: int) -> None:
        """Open the ``hit_number``-th hit as listed (as a click on it does)."""
        rows = [i for i, r in enumerate(self.model.rows()) if r.hit is not None]
        self._choose(rows[hit_number])

    def _choose(self, number: int) -> None:
        row = self.model.row(number)
        if row is None or row.hit is None:
            return
        self.list.setCurrentIndex(self.model.index(number, 0))
        self.hitActivated.emit(row.hit)


def _summary(outcome: RelatedOutcome | None) -> str:
    if outcome is None:
        return ""
    if outcome.waiting:
        return outcome.waiting
    transcript = outcome.transcript
    passage = transcript.text[outcome.start:outcome.end] if transcript else ""
    about = f"Related to “{shorten(passage, 70)}”" if passage else "Related passages"
    if not outcome.hits:
        return f"{about}: nothing in the other transcripts of the library."
    return about
