"""The right-hand pane: the notes, the search results and the related passages, one tab each.

Only the notes are on screen at start. The other tabs hold an empty placeholder until they are
first shown or asked for (:meth:`SidePane.pane`); then their builder runs and the real pane
takes the placeholder's place. So a pane the reader never opens costs the start-up nothing:
neither its construction nor the import of its modules."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QWidget

NOTES, SEARCH, RELATED = "Notes", "Search", "Related"


class SidePane(QTabWidget):
    paneBuilt = Signal(str)  # the tab's title: its pane has just been built

    def __init__(self, notes: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sidePane")
        self.setDocumentMode(True)
        self.notes = notes
        self.addTab(notes, NOTES)
        self._panes: dict[str, QWidget] = {NOTES: notes}
        self._builders: dict[str, Callable[[], QWidget]] = {}
        # Connected first, so every other listener sees the built pane.
        self.currentChanged.connect(self._build_current)

    def add_lazy_tab(self, title: str, build: Callable[[], QWidget]) -> None:
        """A tab whose pane ``build`` makes the first time it is shown or asked for."""
        placeholder = QWidget()
        placeholder.setObjectName(f"{title.lower()}Placeholder")
        self._builders[title] = build
        self._panes[title] = placeholder
        self.addTab(placeholder, title)

    def tab_widget(self, title: str) -> QWidget:
        """What the tab holds now: its pane, or the placeholder (building nothing)."""
        return self._panes[title]

    def built(self, title: str) -> QWidget | None:
        """The tab's pane if it has been built (None: not yet)."""
        return None if title in self._builders else self._panes.get(title)

    def pane(self, title: str) -> QWidget:
        """The tab's pane, built now if it was not yet."""
        build = self._builders.pop(title, None)
        if build is None:
            return self._panes[title]
        placeholder = self._panes[title]
        pane = build()
        index = self.indexOf(placeholder)
        current = self.currentIndex()
        blocked = self.blockSignals(True)  # the same tab stays in front: nothing changed
        try:
            self.removeTab(index)
            self.insertTab(index, pane, title)
            self.setCurrentIndex(current)
        finally:
            self.blockSignals(blocked)
        placeholder.deleteLater()
        self._panes[title] = pane
        self.paneBuilt.emit(title)
        return pane

    def _build_current(self, index: int) -> None:
        title = self.tabText(index)
        if title in self._builders:
            self.pane(title)

    def show_pane(self, title: str) -> None:
        self.setCurrentWidget(self.pane(title))

    def show_search(self) -> None:
        self.show_pane(SEARCH)

    def show_notes(self) -> None:
        self.show_pane(NOTES)

    @property
    def search(self) -> QWidget:
        return self.pane(SEARCH)
