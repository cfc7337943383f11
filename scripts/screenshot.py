"""Take a screenshot of the real main window: run under Xvfb with QT_QPA_PLATFORM=xcb.

    make screenshot            # writes docs/screenshot.png and docs/screenshot-dark.png
    scripts/screenshot.py OUT.png [--theme light|dark]

Copies both bundled interviews into a throwaway library (with a throwaway settings file, so
nothing of the user's is used or changed), adds a few highlights and notes there through the
core annotation store, shows the Lex Fridman outline at one chapter, and grabs the screen.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from reader.core.annotations import AnnotationStore
from reader.core.formats import load_transcript
from reader.core.paths import bundled_transcripts_dir
from reader.core.store import TranscriptStore
from reader.ui.main_window import MainWindow

# (quote, colour, note, tags) in the Lex Fridman outline's chapter 8.
DEMO_HIGHLIGHTS = (
    ("bigger models get worse before they get better", "yellow",
     "The **double descent** curve: compare with the scaling remarks in Eye on AI.",
     ("scaling",)),
    ("early stopping", "green", "", ("training",)),
    ("overparameterization", "blue", "Why does more capacity *help* past the peak?",
     ("theory", "scaling")),
)


def add_demo_highlights(transcript_path: Path) -> None:
    store = AnnotationStore(load_transcript(transcript_path))
    store.load()
    text = store.transcript.text
    for quote, color, note, tags in DEMO_HIGHLIGHTS:
        start = text.find(quote)
        if start >= 0:
            store.add_highlight(start, start + len(quote), color=color, note=note, tags=tags)
    store.save()


def main(target: Path, theme: str = "light") -> int:
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        library = Path(tmp) / "Library"
        shutil.copytree(bundled_transcripts_dir(), library)
        lex = next(p for p in library.iterdir() if p.name.startswith("lex"))
        add_demo_highlights(lex)
        settings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
        settings.setValue("view/theme", theme)
        store = TranscriptStore()
        store.set_folders([library])
        window = MainWindow(store, settings)
        window.setGeometry(40, 30, 1320, 820)
        window.show()
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
    arguments = argparse.ArgumentParser(description="Screenshot of the main window.")
    arguments.add_argument("target", nargs="?", type=Path, default=Path("docs/screenshot.png"))
    arguments.add_argument("--theme", choices=("light", "dark"), default="light")
    options = arguments.parse_args()
    raise SystemExit(main(options.target, options.theme))
