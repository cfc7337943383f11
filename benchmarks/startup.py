"""Start-up: time from launch until the main window is mapped (and ready), against a bare window.

    .venv/bin/python benchmarks/startup.py [--repeat N] [--platform offscreen|xcb]
    xvfb-run -a .venv/bin/python benchmarks/startup.py --platform xcb

Each run is a fresh process, timed by this script from the moment it starts the process until
the process reports the first expose event of its window (the window is on screen), so
interpreter start-up and imports count as a user feels them (compiled bytecode is cached, as
for an installed app: the warm-up runs write it). Three kinds, interleaved in one run so they
share the machine's state:

- ``bare``: ``QApplication`` + an empty ``QMainWindow`` of the same size, shown;
- ``widgets``: the same window holding the Qt widgets the app shows at start (splitters, two
  lists with filter fields, a text browser, three tabs with a notes list, a toolbar with a
  field, six menus of shortcuts) and none of the app's code: what the window's layout costs
  in PySide6 alone, the floor for any app with this window;
- ``default``: the app as ``transcript-reader`` starts it, on the default library (the two
  bundled interviews), in throwaway XDG folders;
- ``1000``: the same with ``--library`` on a folder of 1,000 transcripts, built by repeating
  the files of ``../shared/corpus/bulk`` under new names. For this one the table also gives
  when the whole list was read (the scan runs on a worker thread after the window is up).

For the app, "ready" is when the step that runs after the window's first expose has built the
window's commands: every menu action and keyboard shortcut works from then on (the first
frame shows the menu titles, toolbar and panes; the library is listed and the last
transcript opened just after). The kinds run in a different order in each round (rotated), so
no kind always follows the same one.

Then the resident memory (VmRSS, and the peak VmHWM) of the app after opening both bundled
interviews one after the other, beside the bare window's.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "bulk"
WINDOW_SIZE = (1360, 800)


# --- the child processes ----------------------------------------------------------------


def _child(mode: str, library: str) -> int:
    """Runs in the measured process: print 'mapped' at the first expose, then more lines."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtGui import QWindow
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])

    class FirstExpose(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.seen = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if (not self.seen and event.type() == QEvent.Type.Expose
                    and isinstance(watched, QWindow) and watched.isExposed()):
                self.seen = True
                print("mapped", time.process_time(), flush=True)
                QTimer.singleShot(0, after_map)
            return False

    watcher = FirstExpose()
    app.installEventFilter(watcher)

    if mode in ("bare", "bare-rss"):
        window = QMainWindow()
        window.resize(*WINDOW_SIZE)
    elif mode == "widgets":
        window = _widgets_window()
    else:
        from reader.ui.app import show_window
        from reader.ui.app_identity import identify

        identify(app)  # what run_app does, without its event loop
        window = show_window([], Path(library) if library else None)
        install = window.install_commands

        def install_and_say() -> None:
            ready = window.commands_ready
            install()
            if not ready:
                print("ready", time.process_time(), flush=True)

        window.install_commands = install_and_say  # type: ignore[method-assign]

    def rss() -> None:
        fields = dict(line.split(":", 1) for line in
                      Path("/proc/self/status").read_text().splitlines() if ":" in line)
        print("rss", fields["VmRSS"].split()[0], fields["VmHWM"].split()[0], flush=True)

    def when_listed(then: Callable[[], None]) -> None:
        """Call ``then`` once the window has listed its library (it starts after the first
        expose, so this waits for the start as well as the end)."""
        store, control = window.store, window.library_control  # type: ignore[attr-defined]
        if not store.folders or store.needs_scan or control.scanning:
            QTimer.singleShot(10, lambda: when_listed(then))
            return
        then()

    def open_both() -> None:
        for entry in window.store.entries():  # type: ignore[attr-defined]
            window.library.select_path(entry.path)  # type: ignore[attr-defined]
            app.processEvents()
        QTimer.singleShot(300, lambda: (rss(), app.quit()))

    def listed() -> None:
        print("listed", len(window.store.entries()), flush=True)  # type: ignore[attr-defined]
        app.quit()

    def when_ready(then: Callable[[], None]) -> None:
        """Call ``then`` once the window's commands are built (just after its first expose)."""
        if not window.commands_ready:  # type: ignore[attr-defined]
            QTimer.singleShot(5, lambda: when_ready(then))
            return
        then()

    def after_map() -> None:
        if mode == "app":
            when_ready(app.quit)
        elif mode == "app-rss":
            when_listed(open_both)
        elif mode == "bare-rss":
            QTimer.singleShot(300, lambda: (rss(), app.quit()))
        elif mode == "app-listed":
            when_listed(listed)
        else:
            app.quit()

    window.show()  # the app's window shows itself; again is harmless
    return app.exec()


def _widgets_window() -> Any:
    """A window of the app's start-up widgets, empty, built with PySide6 alone."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QAction, QKeySequence
    from PySide6.QtWidgets import (
        QComboBox,
        QLabel,
        QLineEdit,
        QListView,
        QMainWindow,
        QPushButton,
        QSplitter,
        QStyledItemDelegate,
        QTabWidget,
        QTextBrowser,
        QToolBar,
        QVBoxLayout,
        QWidget,
    )

    def column(*widgets: QWidget) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        for widget in widgets:
            layout.addWidget(widget)
        return box

    window = QMainWindow()
    sidebar = QSplitter(Qt.Orientation.Vertical)
    for title in ("LIBRARY", "CHAPTERS"):
        listing = QListView()
        listing.setItemDelegate(QStyledItemDelegate(listing))
        sidebar.addWidget(column(QLabel(title), QLineEdit(), QComboBox(), listing))
    tabs = QTabWidget()
    tabs.addTab(column(QLineEdit(), QComboBox(), QListView(), QPushButton("Note…")), "Notes")
    tabs.addTab(QWidget(), "Search")
    tabs.addTab(QWidget(), "Related")
    panes = QSplitter(Qt.Orientation.Horizontal)
    for pane in (sidebar, QTextBrowser(), tabs):
        panes.addWidget(pane)
    window.setCentralWidget(panes)
    toolbar = QToolBar()
    for number in range(8):
        toolbar.addAction(QAction(f"Tool {number}", window))
    toolbar.addWidget(QLineEdit())
    window.addToolBar(toolbar)
    for name in ("&File", "&Edit", "&Go", "&Highlight", "&View", "&Help"):
        menu = window.menuBar().addMenu(name)
        for number in range(12):
            act = QAction(f"{name} {number}", window)
            act.setShortcut(QKeySequence(f"Ctrl+Alt+{chr(65 + number)}"))
            menu.addAction(act)
    window.statusBar().addPermanentWidget(QLabel())
    window.resize(*WINDOW_SIZE)
    return window


# --- the measuring process --------------------------------------------------------------


def _environment(home: Path, platform: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("XDG_") and k != "PYTHONDONTWRITEBYTECODE"}
    # Compiled modules are cached (in the throwaway folder), as for an installed app: the
    # warm-up runs write them, so no measured run compiles the app's source.
    env.update(QT_QPA_PLATFORM=platform, PYTHONPATH=str(REPO),
               PYTHONPYCACHEPREFIX=str(home / "pycache"),
               XDG_DATA_HOME=str(home / "data"), XDG_CONFIG_HOME=str(home / "config"),
               XDG_CACHE_HOME=str(home / "cache"))
    return env


def _run(mode: str, library: Path | None, env: dict[str, str]) -> dict[str, float]:
    """Seconds from starting the process to each line it prints ('mapped', 'listed'); rss."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, __file__, "--child", mode, str(library or "")],
        stdout=subprocess.PIPE, text=True, env=env, cwd=REPO)
    assert process.stdout is not None
    found: dict[str, float] = {}
    for line in process.stdout:
        word, *rest = line.split()
        found[word] = time.perf_counter() - start
        if word in ("mapped", "ready"):
            found[f"{word}_cpu"] = float(rest[0])
        if word == "rss":
            found["rss_mb"], found["hwm_mb"] = (int(rest[0]) / 1024, int(rest[1]) / 1024)
    process.wait(timeout=300)
    if "mapped" not in found:
        raise SystemExit(f"{mode}: the window was never mapped (exit {process.returncode})")
    return found


def _thousand(folder: Path) -> Path:
    files = sorted(p for p in CORPUS.rglob("*") if p.is_file())
    if not files:
        raise SystemExit(f"{CORPUS} is missing: the 1,000-transcript library is built from it")
    folder.mkdir()
    for i in range(1000):
        source = files[i % len(files)]
        shutil.copyfile(source, folder / f"{i:04d}-{source.name}")
    return folder


def _stats(samples: list[float]) -> tuple[float, float]:
    if not samples:
        return float("nan"), float("nan")
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--platform", default=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    parser.add_argument("--child", nargs=2, metavar=("MODE", "LIBRARY"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return _child(*args.child)

    with tempfile.TemporaryDirectory() as tmp:
        env = _environment(Path(tmp), args.platform)
        big = _thousand(Path(tmp) / "thousand")
        _run("app", None, env)  # first run: copies the bundled interviews, warms the disk cache
        _run("app", big, env)
        kinds = ("bare", "widgets", "default", "1000")
        samples: dict[str, list[float]] = {kind: [] for kind in kinds}
        cpu: dict[str, list[float]] = {kind: [] for kind in kinds}
        ready: dict[str, list[float]] = {kind: [] for kind in kinds}
        ready_cpu: dict[str, list[float]] = {kind: [] for kind in kinds}
        listed: list[float] = []
        runs = [("bare", "bare", None), ("widgets", "widgets", None),
                ("default", "app", None), ("1000", "app-listed", big)]
        for round_number in range(args.repeat):
            turn = round_number % len(runs)
            for kind, mode, library in runs[turn:] + runs[:turn]:
                timings = _run(mode, library, env)
                samples[kind].append(timings["mapped"])
                cpu[kind].append(timings["mapped_cpu"])
                if "ready" in timings:
                    ready[kind].append(timings["ready"])
                    ready_cpu[kind].append(timings["ready_cpu"])
                if "listed" in timings:
                    listed.append(timings["listed"])
        app_rss = [_run("app-rss", None, env) for _ in range(3)]
        bare_rss = _run("bare-rss", None, env)

    bare_median, _ = _stats(samples["bare"])
    bare_cpu, _ = _stats(cpu["bare"])
    print(f"platform {args.platform}, {args.repeat} runs each, interleaved; Python "
          f"{sys.version.split()[0]}\n")
    print("| launch until the window is mapped | median | p95 | ÷ bare | CPU median | ÷ bare |")
    print("|---|---|---|---|---|---|")
    labels = {"bare": "bare PySide6 window",
              "widgets": "the app's start-up widgets, PySide6 alone",
              "default": "app, default library (2 interviews)",
              "1000": "app, 1,000 transcripts"}
    for kind, label in labels.items():
        median, p95 = _stats(samples[kind])
        cpu_median, _ = _stats(cpu[kind])
        print(f"| {label} | {median * 1000:.0f} ms | {p95 * 1000:.0f} ms | "
              f"{median / bare_median:.2f}× | {cpu_median * 1000:.0f} ms | "
              f"{cpu_median / bare_cpu:.2f}× |")
    for kind in ("default", "1000"):
        median, p95 = _stats(ready[kind])
        cpu_median, _ = _stats(ready_cpu[kind])
        print(f"| {labels[kind]}: ready (every command and shortcut) | {median * 1000:.0f} ms | "
              f"{p95 * 1000:.0f} ms | {median / bare_median:.2f}× | {cpu_median * 1000:.0f} ms | "
              f"{cpu_median / bare_cpu:.2f}× |")
    median, p95 = _stats(listed)
    print(f"| app, 1,000 transcripts: whole list read | {median * 1000:.0f} ms | "
          f"{p95 * 1000:.0f} ms | | | |")
    rss = statistics.median(r["rss_mb"] for r in app_rss)
    hwm = statistics.median(r["hwm_mb"] for r in app_rss)
    print(f"\nresident memory after opening both interviews: {rss:.0f} MB (peak {hwm:.0f} MB); "
          f"bare window {bare_rss['rss_mb']:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
