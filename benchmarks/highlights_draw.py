"""Time to open a ~150 KB transcript with 2,000 highlights and draw them in the reading pane.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/highlights_draw.py [--repeat 7]

Builds a raw transcript of about 150 KB from the bundled Eye on AI interview (repeated), saves
2,000 highlights beside it with the core store, then measures, in the same run:

- open: parse + load the sidecar + re-anchor (core only);
- window: the same file opened in the real main window, highlights drawn and laid out;
- window without highlights: the same file with no sidecar (the comparison).

Reports median and p95 in ms.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from reader.core.annotations import AnnotationStore  # noqa: E402
from reader.core.formats import load_transcript  # noqa: E402
from reader.core.paths import bundled_transcripts_dir  # noqa: E402
from reader.core.store import TranscriptStore  # noqa: E402
from reader.ui.main_window import MainWindow  # noqa: E402

HIGHLIGHTS = 2000
TARGET_BYTES = 150_000


def make_transcript(folder: Path) -> Path:
    eye = next(p for p in bundled_transcripts_dir().iterdir() if p.name.startswith("eye"))
    body = eye.read_text(encoding="utf-8")
    copies = max(1, TARGET_BYTES // len(body.encode("utf-8")))
    path = folder / "long-interview.txt"
    path.write_text("Long Interview\n\n" + "\n\n\n".join([body] * copies), encoding="utf-8")
    return path


def add_highlights(path: Path) -> None:
    store = AnnotationStore(load_transcript(path))
    store.load()
    text = store.transcript.text
    step = len(text) // HIGHLIGHTS
    for n in range(HIGHLIGHTS):
        start = n * step + 3
        store.add_highlight(start, start + max(8, step // 3),
                            color=("yellow", "green", "blue", "pink", "purple")[n % 5],
                            note="a note" if n % 4 == 0 else "")
    store.save()


def timed(action: Callable[[], object], repeat: int) -> tuple[float, float]:
    samples = []
    for _ in range(repeat):
        began = time.perf_counter()
        action()
        samples.append((time.perf_counter() - began) * 1000)
    samples.sort()
    p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
    return statistics.median(samples), p95


def open_in_window(app: QApplication, folder: Path, settings_file: Path) -> Callable[[], None]:
    def run() -> None:
        store = TranscriptStore()
        store.set_folders([folder])
        window = MainWindow(store, QSettings(str(settings_file), QSettings.Format.IniFormat))
        window.show()
        window.view.document().documentLayout().documentSize()  # full layout
        app.processEvents()
        assert window.transcript is not None
        window.close()
        window.deleteLater()
        app.processEvents()

    return run


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        with_notes, bare = Path(tmp) / "with", Path(tmp) / "bare"
        with_notes.mkdir()
        bare.mkdir()
        path = make_transcript(with_notes)
        shutil.copy(path, bare / path.name)
        add_highlights(path)
        size_kb = path.stat().st_size / 1000

        def core_open() -> None:
            store = AnnotationStore(load_transcript(path))
            store.load()
            assert len(store.annotations()) == HIGHLIGHTS

        rows = [
            ("core: parse + load + anchor 2,000", timed(core_open, args.repeat)),
            ("window: open + draw 2,000 highlights",
             timed(open_in_window(app, with_notes, Path(tmp) / "a.ini"), args.repeat)),
            ("window: open, no highlights (comparison)",
             timed(open_in_window(app, bare, Path(tmp) / "b.ini"), args.repeat)),
        ]
    print(f"{size_kb:.0f} KB transcript, {HIGHLIGHTS} highlights, {args.repeat} runs")
    for name, (median, p95) in rows:
        print(f"  {name:<44} median {median:7.1f} ms   p95 {p95:7.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
