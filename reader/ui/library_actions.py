"""The library's menu entries: Open Recent, Remove from Library (a file or its folder), Move to
Trash, Filter and Sort; the list's context menu. Each has a shortcut; sort order and removals
are remembered."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QPoint, QSettings
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu

from reader.core.errors import TranscriptError, display_path
from reader.core.library import LibraryEntry, ensure_default_library
from reader.ui.library_box import LibraryBox
from reader.ui.library_panel import SORT_ORDERS
from reader.ui.recent_paths import RecentPaths

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow

SORT_KEYS = {"show": "Ctrl+Alt+Shift+W", "title": "Ctrl+Alt+Shift+T",
             "modified": "Ctrl+Alt+Shift+M", "format": "Ctrl+Alt+Shift+O"}
REMOVED_KEY = "library/removed"
SORT_KEY = "library/sort"


def trash(path: Path) -> bool:
    """Move ``path`` to the desktop's trash (never delete outright); False if it cannot."""
    # Imported here: QFile's Python enums cost ~8 ms, at start-up for a rare command.
    from PySide6.QtCore import QFile, QStandardPaths

    if not path.exists():
        return True
    # Qt finds no trash when the data folder (~/.local/share) does not exist yet.
    data = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericDataLocation)
    if data:
        Path(data).mkdir(parents=True, exist_ok=True)
    result = QFile.moveToTrash(os.fspath(path))
    # PySide returns a bool, or (bool, path in the trash), depending on the version.
    return bool(result[0] if isinstance(result, tuple) else result)


class LibraryActions:
    def __init__(self, window: MainWindow, box: LibraryBox, settings: QSettings) -> None:
        self.window = window
        self.box = box
        self.settings = settings
        self.control = window.library_control
        self.recent = RecentPaths(settings, window)
        self.control.remember = self.recent.add
        self.recent.chosen.connect(self.open_recent)
        self.recent.defaultChosen.connect(self.open_default_library)
        removed = _removed_paths(settings.value(REMOVED_KEY, []))
        if removed:
            window.store.set_removed(removed, scan=False)
        order = str(settings.value(SORT_KEY, "show"))
        box.set_order(order if order in SORT_ORDERS else "show")
        box.orderChanged.connect(self._order_changed)
        window.library.contextMenuFor.connect(self._context_menu)

    def install(self, file_menu: QMenu, view_menu: QMenu, before: QAction) -> None:
        self.recent.install(file_menu, before)
        self.window.addAction(self.recent.default_action)  # its key works with the menu shut

        def action(text: str, key: str, slot: object, menu: QMenu) -> QAction:
            act = QAction(text, self.window)
            act.setShortcut(QKeySequence(key))
            act.triggered.connect(slot)
            if menu is file_menu:
                menu.insertAction(before, act)
            else:
                menu.addAction(act)
            return act

        file_menu.insertSeparator(before)
        self.remove_action = action("&Remove from Library", "Ctrl+Shift+Del",
                                    lambda: self.remove(None), file_menu)
        self.remove_folder_action = action("Remove F&older from Library", "Ctrl+Alt+Shift+Del",
                                           lambda: self.remove_folder(None), file_menu)
        self.trash_action = action("Move File to &Trash…", "Alt+Shift+Del",
                                   lambda: self.move_to_trash(None), file_menu)
        file_menu.insertSeparator(before)
        self.filter_action = action("Filter &Library", "Ctrl+Alt+Shift+B",
                                    self.box.focus_filter, view_menu)
        sort_menu = view_menu.addMenu("S&ort Library By")
        group = QActionGroup(self.window)
        self.sort_actions: dict[str, QAction] = {}
        for key, label in SORT_ORDERS.items():
            act = QAction(label, self.window, checkable=True)
            act.setShortcut(QKeySequence(SORT_KEYS[key]))
            act.setChecked(self.box.order() == key)
            act.triggered.connect(lambda _=False, k=key: self.box.set_order(k))
            group.addAction(act)
            sort_menu.addAction(act)
            self.sort_actions[key] = act

    def _order_changed(self, order: str) -> None:
        self.settings.setValue(SORT_KEY, order)
        act = getattr(self, "sort_actions", {}).get(order)
        if act is not None:
            act.setChecked(True)

    def remember(self, path: Path) -> None:
        self.recent.add(path)

    def open_recent(self, path: Path) -> None:
        if not path.exists():
            self.window.statusBar().showMessage(f"{display_path(path)}: no longer there", 8000)
            return
        self.recent.add(path)
        if path.is_dir():
            self.control.add_folder(path)
        else:
            self.control.add_files([path])

    def open_default_library(self) -> None:
        """Add the default library folder (created, with the bundled interviews, if it is not
        there) to the library."""
        try:
            folder = ensure_default_library()
        except TranscriptError as error:
            self.window.statusBar().showMessage(str(error), 8000)
            return
        self.control.add_folder(folder)

    def _target(self, entry: LibraryEntry | None) -> LibraryEntry | None:
        return entry or self.window.library.current_entry()

    def remove(self, entry: LibraryEntry | None) -> None:
        entry = self._target(entry)
        if entry is None:
            return
        self.control.remove(entry)
        # The paths' bytes, NUL-separated, as the library's folders: a name that is not
        # UTF-8 (x\xff.srt) stays itself, where a str list would store x.srt.
        joined = b"\0".join(os.fsencode(p) for p in self.window.store.removed)
        self.settings.setValue(REMOVED_KEY, QByteArray(joined or b"\0"))

    def remove_folder(self, entry: LibraryEntry | None) -> None:
        """Take the folder the entry is listed from out of the library; its files stay."""
        entry = self._target(entry)
        if entry is None:
            return
        folder = self.window.store.folder_of(entry.path)
        if folder is None:
            self.window.statusBar().showMessage(
                f"{entry.title}: opened on its own, not from a library folder "
                "(Remove from Library takes it off the list)", 8000)
            return
        self.control.remove_folder(folder)

    def move_to_trash(self, entry: LibraryEntry | None, *, confirm: bool = True) -> None:
        """The one way to delete a file from the app: asked for, confirmed, to the trash."""
        entry = self._target(entry)
        if entry is None:
            return
        sidecars = [p for p in entry.path.parent.glob(entry.path.name + ".annotations.json*")]
        notes = " and its highlights and notes" if sidecars else ""
        if confirm:
            from PySide6.QtWidgets import QMessageBox  # its enums: ~5 ms, not at start-up

            answer = QMessageBox.question(
                self.window, "Move to Trash",
                f"Move “{entry.title}”{notes} to the trash?\n\n{display_path(entry.path)}",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel)
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.window.annotations.flush()
        if not trash(entry.path):
            self.window.statusBar().showMessage(
                f"{display_path(entry.path)}: could not be moved to the trash", 10000)
            return
        for sidecar in sidecars:
            trash(sidecar)
        self.control.refresh_library()
        self.window.statusBar().showMessage(f"{entry.title}: moved to the trash", 8000)

    def _context_menu(self, entry: LibraryEntry, position: QPoint) -> None:
        menu = QMenu(self.window)
        menu.addAction("&Remove from Library", lambda: self.remove(entry))
        folder = self.window.store.folder_of(entry.path)
        if folder is not None:
            menu.addAction(f"Remove F&older “{folder.name or folder}” from Library",
                           lambda: self.control.remove_folder(folder))
        menu.addAction("Move File to &Trash…", lambda: self.move_to_trash(entry))
        menu.popup(position)


def _removed_paths(value: object) -> list[Path]:
    """The removed files as saved: NUL-separated bytes, or the list of str of earlier
    versions."""
    if isinstance(value, QByteArray):
        return [Path(os.fsdecode(name)) for name in bytes(value.data()).split(b"\0") if name]
    items = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    return [Path(str(p)) for p in items if p]
