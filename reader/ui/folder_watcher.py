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
        self._watcher.directoryChanged.connect(self._folder_changed)
        self._watcher.fileChanged.connect(self._file_changed)

    def watch(self, folders: list[Path], files: list[Path]) -> None:
        """Watch these folders (with their subfolders) and files, replacing earlier watches."""
        current = self._watcher.directories() + self._watcher.files()
        if current:
            self._watcher.removePaths(current)
        subfolders = [sub for folder in folders for sub in _visible_subfolders(folder)]
        wanted = [str(p) for p in [*folders, *subfolders, *files] if p.exists()]
        if wanted:
            self._watcher.addPaths(wanted)

    def _folder_changed(self, path: str) -> None:
        # A new subfolder needs a watch of its own to report what lands in it later.
        watched = set(self._watcher.directories())
        for sub in _visible_subfolders(Path(path)):
            if str(sub) not in watched:
                self._watcher.addPath(str(sub))
        self._settle.start()

    def _file_changed(self, path: str) -> None:
        # An editor that saves by rename makes the watch drop the file; watch the new one.
        if Path(path).exists() and path not in self._watcher.files():
            self._watcher.addPath(path)
        self._settle.start()


def _visible_subfolders(folder: Path) -> list[Path]:
    """Every subfolder below ``folder``, skipping hidden ones (.git, sync tools' caches)."""
    if not folder.is_dir():
        return []
    return [
        sub for sub in folder.rglob("*")
        if sub.is_dir() and not any(p.startswith(".") for p in sub.relative_to(folder).parts)
    ]
