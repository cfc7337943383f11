"""Searching the library as the reader sees it: the results pane, a tab beside the notes
(built the first time it is shown). The field in the toolbar is :mod:`.search_field`.

It says what a search found in one line, shows the gentle notes about the query quietly,
offers "Did you mean …" when nothing was found, and lists the hits (see :mod:`.search_results`).
A click or Enter on a hit asks to go there (``hitActivated``).
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QLabel, QListView, QVBoxLayout, QWidget

from reader.core.search import Hit
from reader.core.search.query import shorten
from reader.ui.search_controller import SearchOutcome
from reader.ui.search_results import (
    Row,
    RowKind,
    SearchResultDelegate,
    SearchResultsModel,
    hit_key,
)

HELP = ("Search every transcript and note in the library.\n\n"
        "All words must match, in any form (scale finds scaling). Also: \"exact phrase\", "
        "OR, -word, prefix*, fuzzy~, and title: chapter: speaker: note: tag:")


class ResultList(QListView):
    """The hits; Enter goes to the chosen one as a click does."""

    rowChosen = Signal(int)

    def resizeEvent(self, event: QResizeEvent) -> None:
        delegate = self.itemDelegate()
        if isinstance(delegate, SearchResultDelegate):  # rows wrap to the new width
            delegate.set_width(self.viewport().width())
        super().resizeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.rowChosen.emit(self.currentIndex().row())
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        if not self.currentIndex().isValid():  # Tab into the list lands on the first hit
            first = next((i for i, r in enumerate(self.model().rows())  # type: ignore[attr-defined]
                          if r.kind is RowKind.HIT), None)
            if first is not None:
                self.setCurrentIndex(self.model().index(first, 0))


class SearchPanel(QWidget):
    hitActivated = Signal(object)  # the Hit the user chose
    suggestionChosen = Signal(str)  # the "did you mean" query

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchPanel")
        self.outcome: SearchOutcome | None = None
        self.summary = QLabel()
        self.summary.setObjectName("searchSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)  # the query is the user's text
        self.summary.setWordWrap(True)
        self.notes = QLabel()
        self.notes.setObjectName("searchNotes")
        self.notes.setTextFormat(Qt.TextFormat.PlainText)
        self.notes.setWordWrap(True)
        self.notes.setStyleSheet("color: palette(placeholder-text); font-size: 8.5pt;")
        self.suggestion = QLabel()
        self.suggestion.setObjectName("searchSuggestion")
        self.suggestion.setTextFormat(Qt.TextFormat.RichText)
        self.suggestion.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.suggestion.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.suggestion.linkActivated.connect(self._suggestion_chosen)
        self.help = QLabel(HELP)
        self.help.setTextFormat(Qt.TextFormat.PlainText)
        self.help.setWordWrap(True)
        self.help.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.help.setStyleSheet("color: palette(placeholder-text); padding: 8px 2px;")
        self.model = SearchResultsModel()
        self.delegate = SearchResultDelegate()
        self.list = ResultList()
        self.list.setAccessibleName("Search results")
        self.list.setModel(self.model)
        self.list.setItemDelegate(self.delegate)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 6, 4, 4)
        layout.setSpacing(4)
        for widget in (self.summary, self.notes, self.suggestion):
            layout.addWidget(widget)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.help, 1)
        self.filler = QWidget()  # keeps the lines at the top when there is no list
        layout.addWidget(self.filler, 1)
        self.list.clicked.connect(lambda index: self._choose(index.row()))
        self.list.rowChosen.connect(self._choose)
        self.show_outcome(None)

    # --- showing results ----------------------------------------------------------------

    def show_outcome(self, outcome: SearchOutcome | None, keep_place: bool = False) -> None:
        """Show what a search found (None: no query). ``keep_place``: the same query again
        after an index update; the chosen hit stays chosen."""
        current = self.current_hit() if keep_place else None
        self.outcome = outcome
        self.model.set_hits(outcome.hits if outcome else ())
        row = self.model.row_of(hit_key(current)) if current is not None else None
        if row is not None:
            self.list.setCurrentIndex(self.model.index(row, 0))
            self.list.scrollTo(self.model.index(row, 0))
        else:
            self.list.scrollToTop()
        searched = outcome is not None and bool(outcome.query)
        self.help.setVisible(not searched)
        self.list.setVisible(searched and bool(outcome and outcome.hits))
        self.filler.setVisible(searched and not (outcome and outcome.hits))
        self.summary.setText(_summary(outcome) if searched else "")
        self.summary.setVisible(searched)
        lines = [*outcome.problems, *outcome.notes] if outcome else []
        self.notes.setText("\n".join(lines))
        self.notes.setVisible(bool(lines))
        suggestion = outcome.suggestion if outcome else None
        self.suggestion.setText(
            f'Did you mean <a href="#">{html.escape(suggestion)}</a>?' if suggestion else "")
        self.suggestion.setVisible(bool(suggestion))

    def hits(self) -> list[Hit]:
        """The hits as listed, top to bottom (hidden ones not included)."""
        return [r.hit for r in self.model.rows() if r.hit is not None]

    def current_hit(self) -> Hit | None:
        row = self.model.row(self.list.currentIndex().row())
        return row.hit if row is not None else None

    def focus_results(self) -> None:
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- choosing -----------------------------------------------------------------------

    def step(self, forward: bool) -> Hit | None:
        """Choose and go to the next (previous) hit as listed; wraps round."""
        rows = self.model.rows()
        hit_rows = [i for i, r in enumerate(rows) if r.kind is RowKind.HIT]
        if not hit_rows:
            return None
        now = self.list.currentIndex().row()
        if forward:
            target = next((i for i in hit_rows if i > now), hit_rows[0])
        else:
            target = next((i for i in reversed(hit_rows) if i < now), hit_rows[-1])
        self._choose(target)
        return self.current_hit()

    def _choose(self, number: int) -> None:
        row: Row | None = self.model.row(number)
        if row is None:
            return
        if row.kind is RowKind.MORE and row.path is not None:
            shown = {hit_key(hit) for hit in self.hits()}
            self.model.expand(row.path)
            revealed = next((i for i, r in enumerate(self.model.rows())
                             if r.hit is not None and hit_key(r.hit) not in shown), None)
            if revealed is not None:  # choose the first hit it revealed, without going there
                self.list.setCurrentIndex(self.model.index(revealed, 0))
                self.list.scrollTo(self.model.index(revealed, 0))
            return
        if row.hit is None:
            return
        index = self.model.index(number, 0)
        self.list.setCurrentIndex(index)
        self.list.scrollTo(index)
        self.hitActivated.emit(row.hit)

    def _suggestion_chosen(self, _link: str) -> None:
        if self.outcome is not None and self.outcome.suggestion:
            self.suggestionChosen.emit(self.outcome.suggestion)


def _summary(outcome: SearchOutcome | None) -> str:
    assert outcome is not None
    if outcome.waiting:
        return outcome.waiting
    if not outcome.hits:
        return f"No results for “{shorten(outcome.query)}”."
    transcripts = len({hit.path for hit in outcome.hits})
    where = f"{transcripts} transcript{'s' if transcripts != 1 else ''}"
    shown = len(outcome.hits)
    if outcome.total > shown:
        about = "" if outcome.total_is_exact else "about "
        return f"The best {shown} of {about}{outcome.total:,} results, in {where}"
    return f"{shown} result{'s' if shown != 1 else ''} in {where}"
