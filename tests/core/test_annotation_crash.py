"""Crashes and concurrent writers: no save that returned is ever lost.

The writers are forked from the test process (so each starts in milliseconds, with the
transcript already parsed) and killed with SIGKILL, as a power cut or the OOM killer would.
"""

from __future__ import annotations

import gc
import json
import os
import random
import select
import signal
import threading
import time
from collections.abc import Callable
from pathlib import Path

from reader.core.annotations import AnnotationStore, sidecar_path
from reader.core.annotations.w3c import decode
from reader.core.formats import load_transcript
from reader.core.model import Transcript
from tests.conftest import EYE
from tests.core.test_annotation_support import copy_transcript

KILLS = 200


def spans(transcript: Transcript, seed: int) -> Callable[[], tuple[int, int]]:
    """Random short spans of the transcript's paragraphs."""
    rng = random.Random(seed)
    blocks = [b for b in transcript.blocks if len(b.text) > 40]

    def span() -> tuple[int, int]:
        block = rng.choice(blocks)
        start = block.start + rng.randrange(len(block.text) - 30)
        return start, start + rng.randrange(5, 30)
    return span


def fork_writer(transcript: Transcript, seed: int, count: int | None,
                go: int | None = None) -> tuple[int, int]:
    """A child process that adds highlights and saves after each, printing each id to a
    pipe once its save has returned. Returns (pid, read end of the pipe)."""
    read_end, write_end = os.pipe()
    gc.freeze()  # the child's garbage collector then leaves the parent's pages shared
    pid = os.fork()
    if pid:
        gc.unfreeze()
        os.close(write_end)
        return pid, read_end
    status = 1
    try:
        os.close(read_end)
        store = AnnotationStore(transcript)
        store.load(write_back=False)
        if go is not None:
            os.read(go, 1)  # wait for the starting signal
        span = spans(transcript, seed)
        added = 0
        while count is None or added < count:
            mark = store.add_highlight(*span(), note=f"writer {seed}, highlight {added}")
            store.save()
            os.write(write_end, f"{mark.id}\n".encode())
            added += 1
        status = 0
    finally:
        os._exit(status)


def read_ids(read_end: int, first_only: bool = False) -> tuple[set[str], bytes]:
    """Complete lines from the pipe (all of them, or until the first arrives)."""
    data = b""
    while True:
        if first_only and b"\n" in data:
            break
        ready, _, _ = select.select([read_end], [], [], 30)
        chunk = os.read(read_end, 65536) if ready else b""
        if not chunk:
            break
        data += chunk
    lines = data.split(b"\n")[:-1]  # the last part is unfinished (or empty)
    return {line.decode() for line in lines}, data


def stored_ids(path: Path) -> set[str]:
    document = decode(json.loads(path.read_bytes()))  # raises if the file is torn
    return {a.id for a in document.annotations()}


def test_a_writer_killed_at_random_moments_loses_no_returned_save(tmp_path: Path) -> None:
    path = copy_transcript(EYE, tmp_path)
    transcript = load_transcript(path)
    sidecar = sidecar_path(path)
    rng = random.Random(94)
    confirmed: set[str] = set()
    torn_saves = 0
    for kill in range(KILLS):
        pid, read_end = fork_writer(transcript, seed=kill, count=None)
        first, early = read_ids(read_end, first_only=True)  # it is saving in a loop now
        time.sleep(rng.uniform(0, 0.008))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        rest, late = read_ids(read_end)
        os.close(read_end)
        confirmed |= first | rest | {line.decode() for line in (early + late).split(b"\n")[:-1]}
        assert confirmed <= stored_ids(sidecar), f"lost a saved highlight at kill {kill}"
        torn_saves += any(p.name.endswith(".tmp") for p in tmp_path.iterdir())
    assert stored_ids(sidecar.with_name(sidecar.name + ".bak"))  # the backup parses too
    print(f"{KILLS} kills, {len(confirmed)} confirmed saves, "
          f"{torn_saves} kills left a temp file behind")

    # The next save cleans up what the killed writers left and keeps everything.
    store = AnnotationStore(transcript)
    store.load()
    store.add_highlight(*spans(transcript, 0)())
    store.save()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert confirmed < stored_ids(sidecar)


def test_two_processes_adding_at_once_keep_all_hundred(tmp_path: Path) -> None:
    path = copy_transcript(EYE, tmp_path)
    transcript = load_transcript(path)
    go_read, go_write = os.pipe()
    writers = [fork_writer(transcript, seed, count=50, go=go_read) for seed in (1, 2)]
    os.write(go_write, b"GO")  # both start at the same moment
    ids: set[str] = set()
    for pid, read_end in writers:
        ids |= read_ids(read_end)[0]
        _, status = os.waitpid(pid, 0)
        assert os.waitstatus_to_exitcode(status) == 0
        os.close(read_end)
    assert len(ids) == 100
    store = AnnotationStore(transcript)
    store.load()
    assert {a.id for a in store.annotations()} == ids


def test_two_windows_in_one_process_adding_at_once_keep_all(tmp_path: Path) -> None:
    path = copy_transcript(EYE, tmp_path)
    transcript = load_transcript(path)
    added: list[str] = []
    start = threading.Barrier(2)

    def window(seed: int) -> None:
        store = AnnotationStore(transcript)
        store.load()
        span = spans(transcript, seed)
        start.wait()
        for _ in range(30):
            added.append(store.add_highlight(*span()).id)
            store.save()

    threads = [threading.Thread(target=window, args=(seed,)) for seed in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    store = AnnotationStore(transcript)
    store.load()
    assert {a.id for a in store.annotations()} == set(added) and len(added) == 60
