"""Screenshot of the two bundled interviews side by side: run under Xvfb with QT_QPA_PLATFORM=xcb.

    xvfb-run -a -s "-screen 0 1600x900x24" env QT_QPA_PLATFORM=xcb \\
        .venv/bin/python scripts/side_by_side.py docs/side-by-side.png

Copies both interviews into a throwaway library (with throwaway settings and index), opens the
Lex Fridman outline at its transformers chapter, lets the Related tab find the Eye on AI
passages about the same idea, opens the first beside it, and grabs the screen.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from reader.core.paths import bundled_transcripts_dir
from reader.core.store import TranscriptStore
from reader.ui.main_window import MainWindow

CHAPTER = "Why transformers worked"


def main(target: Path) -> int:
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["XDG_CACHE_HOME"] = str(Path(tmp) / "cache")  # a throwaway index
        library = Path(tmp) / "Library"
        shutil.copytree(bundled_transcripts_dir(), library)
        lex = next(p for p in library.iterdir() if p.name.startswith("lex"))
        settings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
        store = TranscriptStore()
        store.set_folders([library])
        window = MainWindow(store, settings)
        window.setGeometry(20, 20, 1560, 860)
        window.show()
        window.library.select_path(lex)
        window.splitter.setSizes([250, 1010, 300])
        related = window.related

        def when_indexed() -> None:
            if not window.search.ready:
                QTimer.singleShot(200, when_indexed)
                return
            transcript = window.view.transcript
            assert transcript is not None
            index = next(i for i, c in enumerate(transcript.chapters)
                         if c.title.startswith(CHAPTER))
            window.go_to_chapter(index)
            related.controller.answered.connect(open_first)
            related.show_action.trigger()

        def open_first() -> None:
            related.controller.answered.disconnect(open_first)
            related.panel.choose(0)
            QTimer.singleShot(900, grab)

        def grab() -> None:
            app.primaryScreen().grabWindow(0).save(str(target))
            print(f"wrote {target} ({app.platformName()})")
            window.close()
            app.quit()

        QTimer.singleShot(300, when_indexed)
        return app.exec()


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/side-by-side.png")))
