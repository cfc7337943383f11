"""Tells the window when the library folder or the open transcript changes on disk.

Sync tools and editors write in bursts (temp file, rename, attribute change), so changes are
coalesced and reported once things have been quiet for a moment.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

SETTLE_MS = 300


class FolderWatcher(QObject):
    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._watcher = QFileSystemWatcher(self)
        self._settle = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._settle.timeout.connect(self.changed)
        self._watcher.directoryChanged.connect(lambda _path: self._settle.start())
        self._watcher.fileChanged.connect(self._file_changed)

    def watch(self, folders: list[Path], files: list[Path]) -> None:
        """Watch exactly these folders and files (replacing what was watched before)."""
        current = self._watcher.directories() + self._watcher.files()
        if current:
            self._watcher.removePaths(current)
        wanted = [str(p) for p in [*folders, *files] if p.exists()]
        if wanted:
            self._watcher.addPaths(wanted)

    def _file_changed(self, path: str) -> None:
        # An editor that saves by rename makes the watch drop the file; watch the new one.
        if Path(path).exists() and path not in self._watcher.files():
            self._watcher.addPath(path)
        self._settle.start()
