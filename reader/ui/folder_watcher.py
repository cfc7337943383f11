"""Tells the window when the library's folders or files change on disk.

The store decides what to watch (visible subfolders, listed transcripts) and what a change
means; this class only turns file-system notices into one ``changed`` signal. Sync tools and
editors write in bursts (temp file, rename, attribute change), so notices are coalesced: the
signal comes once things have been quiet for ``SETTLE_MS``, and at the latest ``MAX_WAIT_MS``
after the first notice, so steady churn (a sync tool busy for minutes) cannot hold the list
back forever.

Folder notices do not say which file changed, and content writes to a file are reported only
for watched files, so every listed transcript is watched (up to ``MAX_FILE_WATCHES``; beyond
that, a slow poll catches edits).
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from reader.core.library import is_app_file

SETTLE_MS = 300
MAX_WAIT_MS = 2000
# inotify watches are a per-user kernel resource (often 8,192 in all); leave room for others.
MAX_FILE_WATCHES = 2000
POLL_MS = 10_000


class FolderWatcher(QObject):
    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._watcher = QFileSystemWatcher(self)
        self._settle = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._settle.timeout.connect(self._emit)
        self._poll = QTimer(self, interval=POLL_MS)
        self._poll.timeout.connect(self.changed)
        self._first_notice: float | None = None
        self._watcher.directoryChanged.connect(self._notice)
        self._watcher.fileChanged.connect(self._file_changed)

    def watch(self, folders: list[Path], files: list[Path]) -> None:
        """Watch exactly these folders and files (changes only the difference, so a rescan of
        a large library does not drop and re-add thousands of watches)."""
        wanted_files = [str(p) for p in files if not is_app_file(p)]
        if len(wanted_files) > MAX_FILE_WATCHES:
            wanted_files = wanted_files[:MAX_FILE_WATCHES]
            self._poll.start()
        else:
            self._poll.stop()
        wanted = set(map(str, folders)) | set(wanted_files)
        current = set(self._watcher.directories()) | set(self._watcher.files())
        gone = sorted(current - wanted)
        new = sorted(wanted - current)
        if gone:
            self._watcher.removePaths(gone)
        if new:
            # Paths that vanished since the scan are refused with a warning; that is fine: the
            # next change notice brings a rescan.
            self._watcher.addPaths(new)

    def watched(self) -> set[str]:
        return set(self._watcher.directories()) | set(self._watcher.files())

    def _notice(self, _path: str = "") -> None:
        now = time.monotonic()
        if self._first_notice is None:
            self._first_notice = now
        waited_ms = (now - self._first_notice) * 1000
        # Restart the quiet period, but never past the cap since the first notice.
        self._settle.start(int(max(0, min(SETTLE_MS, MAX_WAIT_MS - waited_ms))))

    def _file_changed(self, path: str) -> None:
        # An editor that saves by rename makes the watch drop the file; watch the new one.
        if Path(path).exists() and path not in self._watcher.files():
            self._watcher.addPath(path)
        self._notice(path)

    def _emit(self) -> None:
        self._first_notice = None
        self.changed.emit()
