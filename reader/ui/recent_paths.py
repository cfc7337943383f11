"""File ▸ Open Recent: the files and folders the user opened, newest first, remembered in
QSettings (``recent/paths``), and always, below them, the default library with the bundled
interviews (so whatever folders were opened or removed, the way back is one click)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from reader.core.errors import display_path

MAX_RECENT = 10
KEY = "recent/paths"


class RecentPaths(QObject):
    chosen = Signal(object)  # the Path the user picked
    defaultChosen = Signal()  # Default Library: the bundled interviews' folder

    def __init__(self, settings: QSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self.menu: QMenu | None = None
        self.default_action = QAction("&Default Library (Bundled Interviews)", self)
        self.default_action.setShortcut(QKeySequence("Ctrl+Alt+Shift+H"))
        self.default_action.setToolTip(
            "Add the default library folder, with the bundled interviews, to the library")
        self.default_action.triggered.connect(lambda: self.defaultChosen.emit())

    def paths(self) -> list[Path]:
        value = self._settings.value(KEY, [])
        items = [value] if isinstance(value, str) else list(value or [])  # type: ignore[call-overload]
        return [Path(str(item)) for item in items if item]

    def add(self, path: Path) -> None:
        text = str(path)
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            return  # a name that is not valid text cannot be stored in the settings file
        items = [text] + [str(p) for p in self.paths() if str(p) != text]
        self._settings.setValue(KEY, items[:MAX_RECENT])

    def clear(self) -> None:
        self._settings.setValue(KEY, [])

    def install(self, file_menu: QMenu, before: QAction | None = None) -> QMenu:
        menu = QMenu("Open &Recent", file_menu)
        menu.setObjectName("openRecentMenu")
        if before is not None:
            file_menu.insertMenu(before, menu)
        else:
            file_menu.addMenu(menu)
        menu.aboutToShow.connect(self._fill)
        self.menu = menu
        self._fill()
        return menu

    def _fill(self) -> None:
        menu = self.menu
        assert menu is not None
        menu.clear()
        paths = self.paths()
        for number, path in enumerate(paths, start=1):
            mnemonic = f"&{number % 10} " if number <= 10 else ""
            kind = "folder" if path.is_dir() else "file"
            name = (path.name or display_path(path)).replace("&", "&&")
            act = menu.addAction(f"{mnemonic}{name}{'/' if kind == 'folder' else ''}")
            act.setToolTip(f"{display_path(path)} ({kind})")
            act.setStatusTip(display_path(path))
            act.setData(str(path))
            act.setObjectName("dynamic")  # not a command of its own (Help lists commands)
            act.triggered.connect(lambda _=False, p=path: self.chosen.emit(p))
        if not paths:
            empty = menu.addAction("No Recent Files")
            empty.setEnabled(False)
            empty.setObjectName("dynamic")
        menu.addSeparator()
        menu.addAction(self.default_action)  # kept across fills: it has a key of its own
        menu.addSeparator()
        clear = menu.addAction("&Clear Recent", self.clear)
        clear.setEnabled(bool(paths))
        clear.setObjectName("dynamic")
