"""Keyboard first: F6 / Shift+F6 move between the panes, a sensible Tab order, accessible
names where a widget has none, and Help ▸ Keyboard Shortcuts, a list generated from the
window's actions when it opens (so it never goes stale)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QLineEdit,
    QMenu,
    QTextEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.ui.side_pane import SEARCH

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow


def plain(text: str) -> str:
    """A menu text without its mnemonic marks ("&Open File…" -> "Open File…")."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def shortcut_text(action: QAction) -> str:
    return ", ".join(key.toString(QKeySequence.SequenceFormat.NativeText)
                     for key in action.shortcuts() if not key.isEmpty())


def menu_actions(menu: QMenu, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...],
                                                                          QAction]]:
    """(menu path, action) for every action in ``menu`` and its submenus, in menu order."""
    for action in menu.actions():
        if action.isSeparator():
            continue
        submenu = action.menu()
        if isinstance(submenu, QMenu):
            yield from menu_actions(submenu, (*path, plain(submenu.title())))
        elif action.objectName() != "dynamic":
            yield path, action


def window_actions(window: MainWindow) -> list[tuple[tuple[str, ...], QAction]]:
    """Every command of the window with where it lives: the menus, then actions that are only
    on the window or its toolbars."""
    found: list[tuple[tuple[str, ...], QAction]] = []
    seen: set[int] = set()
    for top in window.menuBar().actions():
        menu = top.menu()
        if isinstance(menu, QMenu):
            for path, action in menu_actions(menu, (plain(menu.title()),)):
                if id(action) not in seen:
                    seen.add(id(action))
                    found.append((path, action))
    for action in window.findChildren(QAction):
        if id(action) not in seen and action.shortcuts() and not action.isSeparator() \
                and action.text():
            seen.add(id(action))
            found.append((("Window",), action))
    return found


class ShortcutsDialog(QDialog):
    """A non-modal list of the window's commands and their keys, by menu."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setWindowTitle("Keyboard Shortcuts")
        self.setObjectName("shortcutsDialog")
        self.tree = QTreeWidget()
        self.tree.setAccessibleName("Keyboard shortcuts")
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["Command", "Keys"])
        self.tree.setRootIsDecorated(False)
        self.filter = QLineEdit(placeholderText="Find a command or a key")
        self.filter.setAccessibleName("Find a shortcut")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._refilter)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.tree)
        self.resize(560, 640)
        self.refresh(window)

    def refresh(self, window: MainWindow) -> None:
        self.tree.clear()
        groups: dict[str, QTreeWidgetItem] = {}
        for path, action in window_actions(window):
            group = groups.get(path[0])
            if group is None:
                group = QTreeWidgetItem(self.tree, [path[0]])
                group.setFirstColumnSpanned(True)
                font = group.font(0)
                font.setBold(True)
                group.setFont(0, font)
                groups[path[0]] = group
            name = " ▸ ".join((*path[1:], plain(action.text())))
            QTreeWidgetItem(group, [name, shortcut_text(action)])
        self.tree.expandAll()
        self.tree.resizeColumnToContents(0)

    def _items(self) -> Iterator[tuple[QTreeWidgetItem, list[QTreeWidgetItem]]]:
        for g in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(g)
            if group is not None:
                children = [group.child(r) for r in range(group.childCount())]
                yield group, [c for c in children if c is not None]

    def rows(self) -> list[tuple[str, str]]:
        """(command, keys) as listed (visible rows only)."""
        return [(f"{group.text(0)} ▸ {item.text(0)}", item.text(1))
                for group, items in self._items() for item in items if not item.isHidden()]

    def _refilter(self, text: str) -> None:
        words = text.casefold().split()
        for group, items in self._items():
            shown = 0
            for item in items:
                haystack = f"{group.text(0)} {item.text(0)} {item.text(1)}".casefold()
                hide = not all(w in haystack for w in words)
                item.setHidden(hide)
                shown += not hide
            group.setHidden(shown == 0)


class KeyboardNavigation(QObject):
    """Pane cycling (F6), Tab order, accessible names, the shortcuts list."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.dialog: ShortcutsDialog | None = None

    def panes(self) -> list[tuple[str, QWidget, Callable[[], QWidget]]]:
        """(name, the pane's outermost widget, what to focus) for the panes showing now."""
        w = self.window
        side_shown = w.side.isVisible()

        def notes() -> QWidget:
            w.side.show_notes()
            return w.notes.list if w.notes.list.isVisible() else w.notes.search

        def search() -> QWidget:
            w.side.show_search()
            return w.search_actions.field

        found: list[tuple[str, QWidget, Callable[[], QWidget]]] = [
            ("Library", w.library_box, lambda: w.library),
            ("Chapters", w.chapters, lambda: w.chapters.list),
            ("Transcript", w.reading, lambda: w.view),
        ]
        # The second reading pane, when open (built only once the reader opens one).
        second = w.findChild(QWidget, "sideReader")
        if second is not None and second.isVisible():
            view = getattr(second, "view", second)
            found.append(("Second reading pane", second, lambda: view))
        if side_shown:
            found.append(("Notes", w.notes, notes))
        found.append(("Search", w.side.tab_widget(SEARCH), search))
        return found

    def current_pane(self) -> int | None:
        focus = QApplication.focusWidget()
        if focus is None:
            return None
        for index, (name, outer, _target) in enumerate(self.panes()):
            if outer is focus or outer.isAncestorOf(focus):
                return index
            if name == "Search" and focus is self.window.search_actions.field:
                return index
        return None

    def cycle(self, step: int) -> None:
        panes = self.panes()
        current = self.current_pane()
        index = (step if step > 0 else -1) if current is None else current + step
        name, _outer, target = panes[index % len(panes)]
        widget = target()
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        self.window.statusBar().showMessage(name, 1500)

    def show_shortcuts(self) -> None:
        if self.dialog is None:
            self.dialog = ShortcutsDialog(self.window)
        else:
            self.dialog.refresh(self.window)
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()

    def install(self, view_menu: QMenu, help_menu: QMenu) -> None:
        w = self.window
        self.next_pane_action = QAction("Next &Pane", w)
        self.next_pane_action.setShortcut(QKeySequence("F6"))
        self.next_pane_action.triggered.connect(lambda: self.cycle(1))
        self.previous_pane_action = QAction("Previous Pa&ne", w)
        self.previous_pane_action.setShortcut(QKeySequence("Shift+F6"))
        self.previous_pane_action.triggered.connect(lambda: self.cycle(-1))
        view_menu.addSeparator()
        view_menu.addAction(self.next_pane_action)
        view_menu.addAction(self.previous_pane_action)
        self.shortcuts_action = QAction("&Keyboard Shortcuts", w)
        self.shortcuts_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.HelpContents),
                                            QKeySequence("Ctrl+/")])
        self.shortcuts_action.triggered.connect(self.show_shortcuts)
        first = help_menu.actions()[0] if help_menu.actions() else None
        if first is not None:
            help_menu.insertAction(first, self.shortcuts_action)
        else:
            help_menu.addAction(self.shortcuts_action)
        # Naming walks every widget (~15 ms): once the window is up, before anyone can use it.
        QTimer.singleShot(0, self.name_widgets)
        self.order_tabs()
        w.side.paneBuilt.connect(lambda _title: self.name_widgets())  # a pane opened late

    def name_widgets(self) -> None:
        """An accessible name for every pane and field that has none (screen readers say
        it)."""
        w = self.window
        names = {w.view: "Transcript", w.chapters: "Chapters", w.chapters.list: "Chapters",
                 w.library: "Library", w.side.tabBar(): "Notes or search",
                 w.search_actions.field: "Search the library", w.side: "Notes and search",
                 w.notes: "Notes"}
        for widget, name in names.items():
            if not widget.accessibleName():
                widget.setAccessibleName(name)
        for widget in w.findChildren(QWidget):
            if widget.accessibleName() or widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
                continue
            if isinstance(widget, QLineEdit) and widget.placeholderText():
                widget.setAccessibleName(widget.placeholderText())
            elif isinstance(widget, QComboBox | QAbstractItemView | QTextEdit
                            | QAbstractSpinBox) and widget.toolTip():
                widget.setAccessibleName(widget.toolTip())

    def order_tabs(self) -> None:
        """Tab goes left to right: library filter, sort, list, chapters, transcript, then the
        side pane's fields and list."""
        w = self.window
        chain: list[QWidget] = [w.library_box.filter_field, w.library_box.sort_box, w.library,
                                w.chapters.list, w.view, w.notes.search, w.notes.color_filter,
                                w.notes.tag_filter, w.notes.list, w.notes.note_button]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)
