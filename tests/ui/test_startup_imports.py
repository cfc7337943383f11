"""The window comes up before the heavy parts of the app are loaded.

Starting as ``transcript-reader`` does (in a fresh process, so nothing is imported yet), the
window is built and shown without the format readers, search (Whoosh), annotations' fuzzy
anchoring, related passages or export, nor the panes that are not on screen (search results,
related passages, the second reading pane, About), nor the commands that fill its menus;
after it has opened the default library's transcript, still without search, related passages,
export or note rendering, which load when first used.
If one of these comes back into start-up, the window appears later for every user.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

CHILD = r"""
import json, os, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

app = QApplication(sys.argv[:1])
from reader.ui.app import show_window
from reader.ui.app_identity import identify

identify(app)
window = show_window([], None)
shown = sorted(sys.modules)
tries = 0

def opened():
    global tries
    tries += 1
    if (window.library_control.scanning or window.transcript is None) and tries < 6000:
        QTimer.singleShot(20, opened)
        return
    report = {"shown": shown, "opened": sorted(sys.modules),
              "title": window.transcript.title if window.transcript else None}
    window.close()  # stops the index update the window started
    print(json.dumps(report), flush=True)
    os._exit(0)

QTimer.singleShot(0, opened)
app.exec()
"""

# Not needed to show the window: every reader and its parser, search, annotations' store,
# related passages, export and note rendering.
NOT_BEFORE_SHOWN = (
    "whoosh", "reader.core.search.index", "reader.core.search.engine", "reader.core.related",
    "reader.core.export", "yaml", "reader.core.formats.webvtt", "webvtt",
    "reader.core.formats.subrip", "srt", "reader.core.formats.rawtext", "charset_normalizer",
    "reader.core.sections", "reader.core.annotations.store", "rapidfuzz", "markdown", "nh3",
    "hypothesis",
    # The panes not on screen at start, built on first use: the search results and related
    # passages tabs, the second reading pane, the About box.
    "reader.ui.search_panel", "reader.ui.search_results", "reader.ui.related_panel",
    "reader.ui.related_controller", "reader.ui.side_reader", "reader.ui.about",
    # The window's commands (what fills the menus, the shortcuts), built just after the
    # window's first expose: the first frame shows only the menu titles and the toolbar.
    "reader.ui.window_commands", "reader.ui.chapter_actions", "reader.ui.export_actions",
    "reader.ui.pairing_actions", "reader.ui.keyboard", "reader.ui.folder_watcher",
    # A search hit and its snippet's text rules (regular expressions): the first search.
    "reader.core.search.results", "reader.core.search.snippets",
)
# Still not needed once the last transcript is open: the index is built in another process,
# and searching, related passages, export and rendering a note load on first use.
NOT_BEFORE_USED = (
    "whoosh", "reader.core.search.engine", "reader.core.search.indexer", "reader.core.related",
    "reader.core.export", "yaml", "markdown", "nh3", "hypothesis",
)


def _start_app() -> dict[str, object]:
    result = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True,
                            cwd=REPO, timeout=300)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_window_shows_before_readers_search_and_export_are_loaded() -> None:
    report = _start_app()
    shown, opened = set(report["shown"]), set(report["opened"])
    assert report["title"]  # the default library's transcript did open
    assert "reader.ui.main_window" in shown
    assert sorted(name for name in NOT_BEFORE_SHOWN if name in shown) == []
    assert sorted(name for name in NOT_BEFORE_USED if name in opened) == []
    # What opening a transcript needs is there by then: the check above is not vacuous.
    assert {"reader.core.formats.rawtext", "reader.core.annotations.store"} <= opened
