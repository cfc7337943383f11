"""Library search as the reader reaches it: the toolbar field, Go ▸ Search Library…
(Ctrl+Shift+F), next and previous result (F4 / Shift+F4), the indexing progress in the status
bar, and going to a hit: the transcript opens at the passage, which is briefly marked; a note
hit opens its highlight (chosen in the notes panel too)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMainWindow, QMenu, QToolBar, QWidget

from reader.core.errors import display_path
from reader.core.store import resolve
from reader.ui.annotation_actions import AnnotationActions
from reader.ui.library_panel import LibraryPanel
from reader.ui.search_controller import SearchController
from reader.ui.search_field import SearchField
from reader.ui.side_pane import SEARCH, SidePane

if TYPE_CHECKING:  # a Hit (and its snippets' text rules) is loaded by the first search
    from reader.core.search import Hit
    from reader.ui.search_panel import SearchPanel

RESULT_LIMIT = 50  # hits listed for one query (the summary says when there are more)
MESSAGE_MS = 10_000


class SearchActions(QObject):
    def __init__(self, window: QMainWindow, controller: SearchController, side: SidePane,
                 library: LibraryPanel, annotations: AnnotationActions) -> None:
        super().__init__(window)
        self.window, self.controller, self.side = window, controller, side
        side.add_lazy_tab(SEARCH, self._build_panel)  # the results pane, on first use
        self.library, self.annotations = library, annotations
        self.field = SearchField()
        self.progress_label = QLabel()
        self.progress_label.setObjectName("indexProgress")
        self.progress_label.hide()
        window.statusBar().insertPermanentWidget(0, self.progress_label)  # before the place

        self.search_action = QAction("&Search Library…", self)
        self.search_action.setShortcut(QKeySequence("Ctrl+Shift+F"))
        self.search_action.setToolTip("Search every transcript and note (Ctrl+Shift+F)")
        self.search_action.triggered.connect(self.focus_field)
        self.next_action = QAction("Next Search &Result", self)
        self.next_action.setShortcut(QKeySequence("F4"))
        self.next_action.triggered.connect(lambda: self.panel.step(True))
        self.previous_action = QAction("Previous Search R&esult", self)
        self.previous_action.setShortcut(QKeySequence("Shift+F4"))
        self.previous_action.triggered.connect(lambda: self.panel.step(False))
        self.field.setToolTip(self.search_action.toolTip())

        self.field.queryChanged.connect(self.run_query)
        self.field.downPressed.connect(self._into_results)
        self.controller.progress.connect(self._show_progress)
        self.controller.message.connect(lambda text: window.statusBar().showMessage(
            text, MESSAGE_MS))
        self.controller.indexUpdated.connect(self._index_updated)
        # Ctrl+Shift+L hides and shows the whole side pane (notes and search), not one tab.
        self.annotations.panel_action.toggled.connect(self.side.setVisible)

    def _build_panel(self) -> SearchPanel:
        from reader.ui.search_panel import SearchPanel

        panel = SearchPanel()
        panel.setAccessibleName("Search results")
        panel.hitActivated.connect(self.go_to_hit)
        panel.suggestionChosen.connect(self.field.set_query)
        return panel

    @property
    def panel(self) -> SearchPanel:
        """The results pane (built now if the reader had not opened it yet)."""
        return self.side.pane(SEARCH)  # type: ignore[return-value]

    def install(self, go_menu: QMenu) -> None:
        go_menu.addSeparator()
        go_menu.addActions([self.search_action, self.next_action, self.previous_action])

    def add_field(self, toolbar: QToolBar) -> None:
        """The search field at the toolbar's right end (on screen from the first frame)."""
        # The field at the toolbar's right end, pushed there by a layout stretch (a spacer
        # widget would need QSizePolicy, whose Python enums cost ~9 ms at start-up).
        box = QWidget()
        layout = QHBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addStretch(1)
        layout.addWidget(self.field, 1)  # as wide as it may be (its maximum width)
        toolbar.addWidget(box)

    # --- searching ------------------------------------------------------------------------

    def focus_field(self) -> None:
        self._show_side()
        self.side.show_search()
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def run_query(self, query: str) -> None:
        """The reader typed a query: show its results (the Search tab comes forward)."""
        if not query:
            if self.side.built(SEARCH) is not None:
                self.panel.show_outcome(None)
            return
        self._show_side()
        self.side.show_search()
        self.panel.show_outcome(self.controller.search(query, RESULT_LIMIT))

    def _index_updated(self) -> None:
        """The same query on the updated index, where the reader left the results: the
        chosen hit stays chosen and the Notes tab, if it is in front, stays there."""
        query = self.field.text().strip()
        if query:
            self.panel.show_outcome(self.controller.search(query, RESULT_LIMIT),
                                    keep_place=True)

    def _into_results(self) -> None:
        if self.side.built(SEARCH) is not None and self.panel.hits():
            self.panel.focus_results()

    def _show_side(self) -> None:
        if not self.annotations.panel_action.isChecked():
            self.annotations.panel_action.setChecked(True)

    def _show_progress(self, text: str) -> None:
        self.progress_label.setText(text)
        self.progress_label.setVisible(bool(text))

    # --- going to a hit ---------------------------------------------------------------------

    def go_to_hit(self, hit: Hit) -> None:
        """Open the hit's transcript at the passage and mark it; a note opens its highlight."""
        view = self.annotations.view
        opened = self.library.select_path(hit.path)
        transcript = view.transcript
        if not opened or transcript is None or transcript.source is None \
                or resolve(transcript.source) != resolve(hit.path):
            self._say(f"{display_path(hit.path)}: no longer in the library")
            return
        if hit.kind == "note":
            self._go_to_note(hit)
            return
        end = min(hit.end, len(transcript.text))
        view.reveal_range(min(hit.start, end), end)

    def _go_to_note(self, hit: Hit) -> None:
        controller = self.annotations.controller
        annotation = controller.get(hit.annotation_id) if hit.annotation_id else None
        if annotation is None or annotation.start is None or annotation.end is None:
            # The note on the whole transcript, or a highlight whose text is gone: the notes
            # panel shows them.
            self.side.show_notes()
            if annotation is not None:
                self.annotations.panel.select(annotation.id)
            return
        self.annotations.panel.select(annotation.id)
        self.annotations.go_to(annotation.id)

    def _say(self, text: str) -> None:
        self.window.statusBar().showMessage(text, MESSAGE_MS)
