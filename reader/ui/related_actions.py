"""Related passages as the reader reaches them: the Related tab beside Notes and Search that
follows the reading position (or the selection), the second reading pane a related passage
opens in, View › Related Passages (Ctrl+Shift+R), and "Related Passages" on a highlight's
context menu (in the notes panel and the reading pane).

The window builds one :class:`RelatedActions` and calls :meth:`close` when it closes; this
module wires the rest.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QSplitter, QWidget

from reader.core.store import TranscriptStore
from reader.ui.annotation_actions import AnnotationActions
from reader.ui.search_controller import SearchController
from reader.ui.side_pane import RELATED, SidePane
from reader.ui.transcript_view import TranscriptView

if TYPE_CHECKING:  # a Hit (and its snippets' text rules) is loaded by the first search
    from reader.core.search import Hit
    from reader.ui.related_controller import RelatedController, RelatedOutcome
    from reader.ui.related_panel import RelatedPanel
    from reader.ui.side_reader import SideReader

PAIR_KEY = "window/reading_pair"
SIDE_READER_PATH_KEY = "side_reader/path"  # side_reader.PATH_KEY, without importing it
MESSAGE_MS = 8000


class RelatedActions(QObject):
    def __init__(self, window: QMainWindow, store: TranscriptStore, settings: QSettings,
                 view: TranscriptView, reading: QWidget, side: SidePane,
                 search: SearchController, annotations: AnnotationActions) -> None:
        super().__init__(window)
        self.window, self.view, self.side, self.search = window, view, side, search
        self.annotations, self.settings, self.store = annotations, settings, store
        # The tab, its worker and the second pane are built on first use (start-up).
        self._controller: RelatedController | None = None
        self._side_reader: SideReader | None = None
        side.add_lazy_tab(RELATED, self._build_panel)
        # The reading pane and the second pane share its place in the window, side by side.
        self.pair = QSplitter(Qt.Orientation.Horizontal)
        self.pair.setObjectName("readingPair")
        self.pair.setChildrenCollapsible(False)
        parent = reading.parentWidget()
        if isinstance(parent, QSplitter):
            parent.replaceWidget(parent.indexOf(reading), self.pair)
        self.pair.addWidget(reading)

        self.show_action = QAction("&Related Passages", self)
        self.show_action.setShortcut(QKeySequence("Ctrl+Shift+R"))
        self.show_action.setToolTip("Passages of other transcripts about what you are reading "
                                    "(Ctrl+Shift+R)")
        self.show_action.triggered.connect(self.show_panel)
        self.highlight_action = QAction("&Related Passages", self)
        self.highlight_action.triggered.connect(self.related_to_highlight)
        annotations.highlight_menu_hooks.append(
            lambda menu, _id: menu.addAction(self.highlight_action))

        # Any change of the reading place: the wheel and the keys, but also a jump (Alt+Down,
        # a chapter, a search hit), which the view reports only through its scroll bar (its
        # topOffsetChanged is for the reader's own scrolling). A jump may move the bar more
        # than once; the place is read once it is done.
        self._place_moved = QTimer(self, singleShot=True, interval=0)
        self._place_moved.timeout.connect(self.follow)
        view.verticalScrollBar().valueChanged.connect(self._reading_place_moved)
        view.selectionChanged.connect(self.follow)
        view.transcriptChanged.connect(self.follow)
        side.currentChanged.connect(lambda _index: self.follow(at_once=True))
        search.indexUpdated.connect(self._index_updated)

    # --- built on first use ----------------------------------------------------------

    def _build_panel(self) -> RelatedPanel:
        from reader.ui.related_panel import RelatedPanel

        panel = RelatedPanel()
        panel.hitActivated.connect(self.open_beside)
        return panel

    @property
    def panel(self) -> RelatedPanel:
        return self.side.pane(RELATED)  # type: ignore[return-value]

    @property
    def controller(self) -> RelatedController:
        if self._controller is None:
            from reader.ui.related_controller import RelatedController

            self._controller = RelatedController(self)
            self._controller.answered.connect(self._answered)
        return self._controller

    @property
    def built_side_reader(self) -> SideReader | None:
        """The second reading pane if it was ever built (None: asking does not build it)."""
        return self._side_reader

    @property
    def side_reader(self) -> SideReader:
        if self._side_reader is None:
            from reader.ui.side_reader import SideReader

            self._side_reader = SideReader(self.store, self.settings)
            self.pair.addWidget(self._side_reader)
            self.pair.setStretchFactor(0, 1)
            self.pair.setStretchFactor(1, 1)
            self._side_reader.message.connect(
                lambda text: self.window.statusBar().showMessage(text, MESSAGE_MS))
            self._side_reader.closed.connect(self._save_layout)
        return self._side_reader

    def install(self, view_menu: QMenu) -> None:
        view_menu.addAction(self.show_action)

    def restore(self) -> None:
        """Bring back the second pane as it was when the window last closed."""
        if not self.settings.contains(SIDE_READER_PATH_KEY):
            return  # it was closed: built when a related passage is opened
        self.side_reader.preferred_width = self.pair.width() // 2
        self.side_reader.restore_state()
        saved = self.settings.value(PAIR_KEY)
        if self.side_reader.isVisible() and saved is not None:
            self.pair.restoreState(saved)
        elif self.side_reader.isVisible():
            self._even()

    # --- following the reader --------------------------------------------------------

    def is_shown(self) -> bool:
        panel = self.side.built(RELATED)
        return panel is not None and self.side.isVisible() and self.side.currentWidget() is panel

    def _reading_place_moved(self) -> None:
        if self.is_shown():
            self._place_moved.start()

    def follow(self, at_once: bool = False) -> None:
        """The reading position or selection moved: ask again (only while the tab shows)."""
        if not self.is_shown():
            return
        self.controller.set_folders(self.search.folders)
        selected = self.view.selected_range()
        offset = selected[0] if selected is not None else self.view.top_offset()
        self.controller.request(self.view.transcript, offset)
        if self.view.transcript is None:
            self.panel.show_outcome(None)
        elif at_once:
            self.controller.run_now()

    def show_panel(self) -> None:
        if not self.annotations.panel_action.isChecked():
            self.annotations.panel_action.setChecked(True)
        self.side.setCurrentWidget(self.panel)
        self.follow(at_once=True)

    def related_to_highlight(self) -> None:
        target = self.annotations.current_id()
        annotation = self.annotations.controller.get(target) if target else None
        if annotation is None or annotation.start is None:
            return
        self.show_panel()
        self.controller.set_folders(self.search.folders)
        self.controller.request(self.view.transcript, annotation.start)
        self.controller.run_now()

    def _index_updated(self) -> None:
        if self.is_shown():
            self.controller.set_folders(self.search.folders)
            self.controller.again()

    def _answered(self, outcome: RelatedOutcome) -> None:
        if outcome.transcript is self.view.transcript:
            self.panel.show_outcome(outcome)

    # --- the second pane -------------------------------------------------------------

    def open_beside(self, hit: Hit) -> None:
        """Open the hit's transcript in the second pane, at the passage, marked."""
        if not self.side_reader.isVisible():
            self.side_reader.preferred_width = self.pair.width() // 2
            # Once the splitter has taken the pane in, and before the pane scrolls to the
            # passage (which waits for the same moment).
            QTimer.singleShot(0, self, self._even)
        self.side_reader.open(Path(hit.path), hit.start, hit.end)

    def _even(self) -> None:
        width = max(2, self.pair.width())
        self.pair.setSizes([width // 2, width - width // 2])

    def _save_layout(self) -> None:
        self.settings.setValue(PAIR_KEY, self.pair.saveState())

    def close(self) -> None:
        """The window closes: remember the second pane, stop the worker."""
        if self._side_reader is not None:
            self._side_reader.save_state()
            self._save_layout()
        if self._controller is not None:
            self._controller.close()
