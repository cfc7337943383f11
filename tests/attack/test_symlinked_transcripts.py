"""Hostile-input findings: one transcript reached through a symbolic link has two sidecars."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from reader.core.annotations import AnnotationStore
from reader.core.store import TranscriptStore
from tests.conftest import LEX


def test_a_highlight_added_with_annotate_through_a_library_link_is_missing_in_the_window(
        tmp_path: Path) -> None:
    """The library holds `talk.txt`, a link to a file kept elsewhere. The window (through
    TranscriptStore.transcript, which resolves links) reads and writes
    `elsewhere/t.txt.annotations.json`; `annotate library/talk.txt` writes
    `library/talk.txt.annotations.json`. Each sees only its own highlights."""
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "library").mkdir()
    real = tmp_path / "elsewhere" / "t.txt"
    real.write_bytes(LEX.read_bytes())
    link = tmp_path / "library" / "talk.txt"
    link.symlink_to(real)

    added = subprocess.run([sys.executable, "-m", "reader", "annotate", str(link),
                            "--quote", "AlexNet origins"], capture_output=True, text=True,
                           timeout=60)
    assert added.returncode == 0, added.stderr

    store = TranscriptStore()
    store.set_folders([tmp_path / "library"])
    [entry] = store.entries()
    notes = AnnotationStore(store.transcript(entry.path))  # what the window opens
    notes.load()
    assert [a.id for a in notes.annotations()] == [added.stdout.strip()]
