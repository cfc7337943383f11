"""The window's event loop while it builds the search index: how long it is kept from
handling events (a stall), against the 16 ms of one frame.

    xvfb-run -a .venv/bin/python benchmarks/indexing_stall.py [--size 250] [--platform xcb]

Each run is a fresh process that opens the window as ``transcript-reader --library DIR`` does,
in throwaway XDG folders, on a library of ``--size`` transcripts (the files of
``../shared/corpus/bulk`` repeated under new names). A timer due every millisecond notes when
each of its timeouts comes; a stall is the time between two of them, less the millisecond.
Measured from the moment the window's update process starts until 3 s after the window hears
that the index is updated (what the window does with the new index counts too), in two runs:

- ``build``: no index yet, so the update process builds it (two processes from 4 MB on);
- ``up to date``: the same library with its index built, so the update finds nothing to do:
  the yardstick of what the window does anyway (its library being listed), measured for as
  long as the first run.

Reported: the number of ticks, the median, p99 and longest stall, and how many passed 16 ms,
with when they came (seconds after the update started).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "bulk"
FRAME_MS = 16.0
AFTER_MS = 3000  # how long to keep measuring once the index is updated


def _child(library: str, span_ms: int) -> int:
    """In the measured process: open the window, measure, print one JSON line."""
    sys.path.insert(0, str(REPO))
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from reader.ui.app import show_window

    app = QApplication(sys.argv[:1])
    window = show_window([], Path(library))
    ticks: list[float] = []
    started: list[float] = []
    updated: list[float] = []
    probe = QTimer(timerType=Qt.TimerType.PreciseTimer, interval=1)
    probe.timeout.connect(lambda: ticks.append(time.perf_counter()))

    def on_started(_process: object) -> None:
        if not started:
            started.append(time.perf_counter())
            probe.start()

    def on_updated() -> None:
        if started and not updated:
            updated.append(time.perf_counter())
            # at least AFTER_MS, and as long from the start as the span asked for
            spent = int((updated[0] - started[0]) * 1000)
            QTimer.singleShot(max(AFTER_MS, span_ms - spent), app.quit)

    window.search.updateStarted.connect(on_started)
    window.search.indexUpdated.connect(on_updated)
    QTimer.singleShot(600_000, app.quit)  # never hang a benchmark
    app.exec()
    probe.stop()
    gaps = [(b - a) * 1000 - 1 for a, b in zip(ticks, ticks[1:], strict=False)]
    late = [(round(t - started[0], 2), round(g, 1))
            for t, g in zip(ticks[1:], gaps, strict=False) if g > FRAME_MS]
    print(json.dumps({"gaps": gaps, "late": late,
                      "update_s": (updated[0] - started[0]) if updated and started else None}))
    window.close()
    return 0


def make_library(folder: Path, size: int) -> None:
    sources = sorted(p for p in CORPUS.rglob("*") if p.is_file())
    if not sources:
        raise SystemExit(f"{CORPUS} is missing: the library is built from it")
    folder.mkdir(parents=True)
    for number in range(size):
        source = sources[number % len(sources)]
        shutil.copyfile(source, folder / f"{number:04d}-{source.name}")


def run(library: Path, home: Path, platform: str, span_ms: int = 0) -> dict[str, object]:
    env = {**os.environ, "QT_QPA_PLATFORM": platform,
           "XDG_DATA_HOME": str(home / "data"), "XDG_CONFIG_HOME": str(home / "config"),
           "XDG_CACHE_HOME": str(home / "cache")}
    done = subprocess.run([sys.executable, __file__, "--child", str(library), str(span_ms)],
                          env=env,
                          capture_output=True, text=True, check=True, timeout=900)
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def show(name: str, result: dict[str, object]) -> None:
    found, late = result["gaps"], result["late"]
    assert isinstance(found, list) and isinstance(late, list)
    gaps: list[float] = sorted(found)
    if not gaps:
        print(f"{name:12} the window started no index update")
        return
    p99 = gaps[max(0, round(0.99 * len(gaps)) - 1)]
    update = result["update_s"]
    print(f"{name:12} update {update:6.1f} s  ticks {len(gaps):6}  median "
          f"{statistics.median(gaps):5.2f} ms  p99 {p99:6.2f} ms  longest {gaps[-1]:6.1f} ms  "
          f"over {FRAME_MS:g} ms: {len(late)}")
    if late:
        print(f"{'':12} (seconds after the update started, ms): "
              + ", ".join(f"{at} s {ms} ms" for at, ms in late[:20]))


def main() -> int:
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        return _child(sys.argv[2], int(sys.argv[3]))
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=250)
    parser.add_argument("--platform", default="xcb", choices=("xcb", "offscreen"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        library = root / "library"
        make_library(library, args.size)
        megabytes = sum(p.stat().st_size for p in library.iterdir()) / 1e6
        print(f"library: {args.size} transcripts, {megabytes:.1f} MB; platform {args.platform}; "
              f"load average {os.getloadavg()[0]:.1f}")
        built = run(library, root / "home", args.platform)
        show("build", built)
        update_s = built["update_s"]
        span = int((update_s * 1000 if isinstance(update_s, float) else 0) + AFTER_MS)
        show("up to date", run(library, root / "home", args.platform, span))
        print(f"load average at the end {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
