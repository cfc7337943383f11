"""Hostile-input findings: what the command line and the store say (wrong or unsafe lines)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from reader.core.annotations import AnnotationStore
from reader.core.formats import load_transcript
from tests.conftest import LEX


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "talk.txt"
    target.write_bytes(LEX.read_bytes())
    return target


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reader", *args], capture_output=True,
                          text=True, timeout=60)


def test_loading_says_the_folder_cannot_be_written_when_it_can(tmp_path: Path) -> None:
    """Notes saved in the per-user fallback while the folder was read-only; the folder is
    writable again. Opening the transcript still says "the folder cannot be written; notes
    ... are kept in <fallback>" (and does not move them back until an edit is saved)."""
    path = _copy(tmp_path)
    store = AnnotationStore(load_transcript(path))
    store.load()
    start = store.transcript.text.index("AlexNet origins")
    store.add_highlight(start, start + len("AlexNet origins"))
    store.fallback_path.parent.mkdir(parents=True, exist_ok=True)
    store._save_to(store.fallback_path, [])  # as a save in a read-only folder leaves it
    reopened = AnnotationStore(load_transcript(path))
    loaded = reopened.load()
    assert len(reopened.annotations()) == 1
    assert not any("cannot be written" in line for line in loaded.messages), loaded.messages
