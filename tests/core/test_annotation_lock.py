"""The sidecar's lock: it keeps writers in several processes from losing each other's notes,
and leaves no file behind in the transcript's folder."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from reader.core.annotations.sidecar import lock_for, lock_path
from tests.conftest import LEX
from tests.core.test_annotation_support import copy_transcript, highlight, open_store

REPO = Path(__file__).resolve().parents[2]

# One writer: its own store, a highlight added and saved at a time (each save reads what the
# others saved, merges and writes, under the lock).
WRITER = """
import sys
from pathlib import Path
from reader.core.annotations import AnnotationStore
from reader.core.formats import load_transcript
path, count = Path(sys.argv[1]), int(sys.argv[2])
store = AnnotationStore(load_transcript(path), lock_timeout=60)
store.load()
text = store.transcript.text
for _ in range(count):
    store.add_highlight(0, 20)
    store.save()
"""


def test_saving_leaves_no_lock_file_beside_the_transcript(tmp_path: Path) -> None:
    path = copy_transcript(LEX, tmp_path / "talks")
    store = open_store(path)
    highlight(store, "compute availability")
    store.save()
    highlight(store, "AlexNet")
    store.save()
    assert sorted(p.name for p in path.parent.iterdir()) == sorted(
        [path.name, store.path.name, store.path.name + ".bak"])


def test_a_lock_file_left_by_a_writer_that_died_is_used_and_removed(tmp_path: Path) -> None:
    path = copy_transcript(LEX, tmp_path)
    store = open_store(path)
    lock_path(store.path).write_bytes(b"")  # as an older version or a killed writer left it
    highlight(store, "compute availability")
    store.save()
    assert not lock_path(store.path).exists()
    assert len(open_store(path).annotations()) == 1


def test_a_nested_hold_keeps_the_lock_file_until_the_outer_one_ends(tmp_path: Path) -> None:
    sidecar = tmp_path / "talk.txt.annotations.json"
    lock = lock_for(sidecar)
    with lock.hold():
        with lock.hold():
            pass
        # Still held: removing the name now would let another process lock a new file.
        assert lock_path(sidecar).exists()
    assert not lock_path(sidecar).exists()


def test_writers_in_four_processes_keep_every_highlight(tmp_path: Path) -> None:
    path = copy_transcript(LEX, tmp_path)
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(path), "25"], cwd=REPO,
                                stderr=subprocess.PIPE, text=True) for _ in range(4)]
    for writer in writers:
        _, err = writer.communicate(timeout=240)
        assert writer.returncode == 0, err
    assert len(open_store(path).annotations()) == 100
    assert not lock_path(open_store(path).path).exists()
