"""Take a screenshot of the real main window: run under Xvfb with QT_QPA_PLATFORM=xcb.

    make screenshot            # writes docs/screenshot.png

Opens both bundled interviews (from a throwaway settings file, so nothing of the user's is
used), shows the Lex Fridman outline at one chapter, and grabs the screen.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from reader.core.store import TranscriptStore
from reader.core.paths import bundled_transcripts_dir
from reader.ui.main_window import MainWindow


def main(target: Path) -> int:
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        settings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
        store = TranscriptStore()
        store.set_folders([bundled_transcripts_dir()])
        window = MainWindow(store, settings)
        window.setGeometry(40, 30, 1320, 820)
        window.show()
        lex = next(p for p in bundled_transcripts_dir().iterdir() if p.name.startswith("lex"))
        window.library.select_path(lex)
        window.go_to_chapter(7)

        def grab() -> None:
            screen = app.primaryScreen()
            screen.grabWindow(0).save(str(target))
            print(f"wrote {target} ({app.platformName()})")
            app.quit()

        QTimer.singleShot(700, grab)
        return app.exec()


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshot.png")))
