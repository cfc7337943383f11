"""Time to open a ~150 KB transcript with 2,000 highlights and draw them in the reading pane.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/highlights_draw.py [--repeat 7]

Builds a raw transcript of about 150 KB from the bundled Eye on AI interview (repeated), saves
2,000 highlights beside it with the core store, then measures, in the same run:

- core: parse + load the sidecar + anchor (no Qt);
- window: the file opened from the library list of a running main window (parse, sidecar,
  document built with the highlights drawn, full layout, notes panel filled);
- window without highlights: an identical copy with no sidecar (the comparison).

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
        reset = getattr(action, "reset", None)
        if reset is not None:
            reset()
        began = time.perf_counter()
        action()
        samples.append((time.perf_counter() - began) * 1000)
    samples.sort()
    p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
    return statistics.median(samples), p95


def opener(app: QApplication, window: MainWindow, path: Path, other: Path
           ) -> Callable[[], None]:
    """Open ``path`` in the running window (after ``other``, so it is not a no-op)."""

    def run() -> None:
        window.library.select_path(path)
        window.view.document().documentLayout().documentSize()  # full layout
        app.processEvents()
        assert window.transcript is not None and window.transcript.source == path

    def reset() -> None:
        window.library.select_path(other)
        app.processEvents()

    def timed_run() -> None:
        run()

    timed_run.reset = reset  # type: ignore[attr-defined]
    return timed_run


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        library = Path(tmp) / "library"
        library.mkdir()
        path = make_transcript(library)
        bare = library / "long-interview-bare.txt"
        shutil.copy(path, bare)
        add_highlights(path)
        size_kb = path.stat().st_size / 1000

        def core_open() -> None:
            store = AnnotationStore(load_transcript(path))
            store.load()
            assert len(store.annotations()) == HIGHLIGHTS

        store = TranscriptStore()
        store.set_folders([library])
        window = MainWindow(store, QSettings(str(Path(tmp) / "s.ini"),
                                             QSettings.Format.IniFormat))
        window.resize(1300, 800)
        window.show()
        app.processEvents()
        rows = [
            ("core: parse + load + anchor 2,000", timed(core_open, args.repeat)),
            ("window: open + draw 2,000 highlights",
             timed(opener(app, window, path, bare), args.repeat)),
            ("window: open, no highlights (comparison)",
             timed(opener(app, window, bare, path), args.repeat)),
        ]
        window.close()
    print(f"{size_kb:.0f} KB transcript, {HIGHLIGHTS} highlights, {args.repeat} runs")
    for name, (median, p95) in rows:
        print(f"  {name:<44} median {median:7.1f} ms   p95 {p95:7.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
