"""What the window remembers between runs: last transcript, place in each, window layout.

Stored in QSettings (an INI file under the user's config dir). Places are display-text offsets,
not pixels, so they survive a different window size or font.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings


class ReadingState:
    def __init__(self, settings: QSettings) -> None:
        self._settings = settings

    @staticmethod
    def _key(path: Path) -> str:
        # QSettings treats "/" as a group separator, so file paths are hashed into a key. The
        # path's bytes, not its text: a file name need not be valid UTF-8.
        return "positions/" + hashlib.sha1(os.fsencode(path.resolve())).hexdigest()[:16]

    def position(self, path: Path) -> int:
        value: object = self._settings.value(self._key(path), 0)
        try:
            return max(0, int(str(value)))
        except (TypeError, ValueError):
            return 0

    def set_position(self, path: Path, offset: int) -> None:
        self._settings.setValue(self._key(path), int(offset))

    def last_transcript(self) -> Path | None:
        value = self._settings.value("reading/last_path")
        if isinstance(value, QByteArray) and not value.isEmpty():
            return Path(os.fsdecode(bytes(value.data())))
        return None

    def set_last_transcript(self, path: Path) -> None:
        # Stored as the path's bytes: a str holding undecodable file-name bytes (lone
        # surrogates) cannot cross into Qt.
        self._settings.setValue("reading/last_path", QByteArray(os.fsencode(path)))

    def library_folders(self) -> list[Path] | None:
        """The folders the user last made the library (File ▸ Open Folder, a dropped folder,
        a folder removed from it): None until they choose, empty when they removed them all."""
        value = self._settings.value("library/folders")
        if isinstance(value, QByteArray) and not value.isEmpty():
            return [Path(os.fsdecode(name)) for name in bytes(value.data()).split(b"\0") if name]
        return None

    def set_library_folders(self, folders: list[Path]) -> None:
        # The paths' bytes, NUL-separated (no file name holds a NUL), as for the last path; a
        # lone NUL is "no folders" (an empty value would read as never chosen).
        joined = b"\0".join(os.fsencode(f) for f in folders)
        self._settings.setValue("library/folders", QByteArray(joined or b"\0"))

    def dialog_folder(self, library: list[Path]) -> Path:
        """Where a file dialog starts: the folder last opened from or exported to, else the
        library's first folder, else home (never the folder the app was started from)."""
        value = self._settings.value("dialogs/last_folder")
        last = (Path(os.fsdecode(bytes(value.data())))
                if isinstance(value, QByteArray) and not value.isEmpty() else None)
        for folder in [*([last] if last else []), *library]:
            if folder.is_dir():
                return folder
        return Path.home()

    def set_dialog_folder(self, folder: Path) -> None:
        self._settings.setValue("dialogs/last_folder", QByteArray(os.fsencode(folder)))

    def text_scale(self) -> float:
        try:
            return float(self._settings.value("view/text_scale", 1.0))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return 1.0

    def set_text_scale(self, scale: float) -> None:
        self._settings.setValue("view/text_scale", float(scale))

    def geometry(self, name: str) -> QByteArray | None:
        value = self._settings.value(f"window/{name}")
        return value if isinstance(value, QByteArray) else None

    def set_geometry(self, name: str, value: QByteArray) -> None:
        self._settings.setValue(f"window/{name}", value)

    def sync(self) -> None:
        self._settings.sync()
