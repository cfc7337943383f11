"""Sidecars that other programs broke or wrote oddly: notes are never lost, and every problem is
one line naming the file (never a traceback, never a hang)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from reader.core.annotations import AnnotationStore, SidecarError
from tests.conftest import LEX
from tests.core.test_annotation_support import copy_transcript, highlight, open_store

THREE = ("AlexNet origins", "Recurrent neural networks", "Why deep learning won")


def saved_one_by_one(path: Path) -> AnnotationStore:
    """A window that saved three highlights one at a time: the .bak holds only two."""
    store = open_store(path)
    for phrase in THREE:
        highlight(store, phrase, note=f"my note on {phrase}")
        store.save()
    return store


def tear(sidecar: Path) -> None:
    data = sidecar.read_bytes()
    sidecar.write_bytes(data[: len(data) // 2])  # a torn write by another program


def quote_entry(exact: str, **fields: Any) -> dict[str, Any]:
    return {"target": {"selector": {"type": "TextQuoteSelector", "exact": exact}}, **fields}


def write_sidecar(path: Path, *entries: dict[str, Any]) -> Path:
    sidecar = path.with_name(path.name + ".annotations.json")
    sidecar.write_text(json.dumps({"annotations": list(entries)}), encoding="utf-8")
    return sidecar


def load_in_a_child(path: Path) -> str:
    """Open ``path``'s notes in another process and return what it printed: the error line,
    or "loaded N". Fails the test (instead of hanging it) if loading does not finish."""
    code = ("import sys; from pathlib import Path\n"
            "try:  # an endless read fails soon instead of filling the machine's memory\n"
            "    import resource; resource.setrlimit(resource.RLIMIT_AS, (2**31, 2**31))\n"
            "except (ImportError, ValueError, OSError):\n    pass\n"
            "from reader.core.annotations import AnnotationStore\n"
            "from reader.core.errors import TranscriptError\n"
            "from reader.core.formats import load_transcript\n"
            "store = AnnotationStore(load_transcript(Path(sys.argv[1])))\n"
            "try:\n    store.load()\nexcept TranscriptError as error:\n    print(error)\n"
            "else:\n    print('loaded', len(store.annotations()))\n")
    try:
        done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True,
                              text=True, timeout=20)
    except subprocess.TimeoutExpired:
        pytest.fail(f"opening the notes of {path.name} hung")
    assert done.returncode == 0 and done.stderr == "", done.stderr
    return done.stdout


def notes_on_disk(folder: Path) -> str:
    return "".join(p.read_text(errors="replace") for p in folder.glob("talk.txt.annotations*"))


def test_a_torn_sidecar_never_costs_the_open_window_its_newest_highlight(
        tmp_path: Path) -> None:
    path = copy_transcript(LEX, tmp_path, "talk.txt")
    store = saved_one_by_one(path)
    tear(store.path)
    assert store.changed_on_disk()
    loaded = store.load()  # what the window does when the folder watcher reports the change

    assert {a.exact for a in store.annotations()} == set(THREE)
    assert any("not valid JSON" in line for line in loaded.messages)
    assert "my note on Why deep learning won" in notes_on_disk(tmp_path)
    assert {a.exact for a in open_store(path).annotations()} == set(THREE)


def test_a_sidecar_torn_before_a_save_never_costs_the_newest_highlight(tmp_path: Path) -> None:
    path = copy_transcript(LEX, tmp_path, "talk.txt")
    store = saved_one_by_one(path)
    tear(store.path)
    highlight(store, "Hard benchmarks")
    saved = store.save()  # the window saves an edit before its watcher noticed anything

    assert any("not valid JSON" in line for line in saved.messages)
    assert {a.exact for a in open_store(path).annotations()} == {*THREE, "Hard benchmarks"}


def test_two_highlights_pasted_under_one_id_are_both_kept(tmp_path: Path) -> None:
    path = copy_transcript(LEX, tmp_path, "talk.txt")
    same = "urn:uuid:11111111-1111-1111-1111-111111111111"
    write_sidecar(path, quote_entry("AlexNet origins", id=same, bodyValue="first note"),
                  quote_entry("Recurrent neural networks", id=same, bodyValue="second note"),
                  quote_entry("Recurrent neural networks", id=same, bodyValue="second note"))
    for _ in range(2):  # listing twice rewrites the file (and its .bak) twice
        store = open_store(path)
        store.save()

    kept = {(a.exact, a.note) for a in open_store(path).annotations()}
    # both highlights, each once (an exact copy of an entry is the same highlight)
    assert kept == {("AlexNet origins", "first note"), ("Recurrent neural networks", "second note")}
    ids = [a.id for a in open_store(path).annotations()]
    assert same in ids and len(set(ids)) == 2


def test_times_at_the_edges_of_the_calendar_load_and_save(tmp_path: Path) -> None:
    path = copy_transcript(LEX, tmp_path, "talk.txt")
    # valid ISO 8601 that falls before year 1 (or after 9999) once moved to UTC
    write_sidecar(path, quote_entry("AlexNet origins", bodyValue="zero date",
                                    created="0001-01-01T00:00:00+01:00",
                                    modified="0001-01-01T00:00:00+01:00"),
                  quote_entry("Recurrent neural networks", bodyValue="end of time",
                              modified="9999-12-31T23:59:59-01:00"))
    store = open_store(path)
    assert {a.note for a in store.annotations()} == {"zero date", "end of time"}
    store.save()
    assert {a.note for a in open_store(path).annotations()} == {"zero date", "end of time"}


def test_a_highlight_stamped_at_the_last_representable_moment_can_be_edited_and_deleted(
        tmp_path: Path) -> None:
    path = copy_transcript(LEX, tmp_path, "talk.txt")
    last = "9999-12-31T23:59:59.999999Z"
    write_sidecar(path, quote_entry("AlexNet origins", id="urn:uuid:1", modified=last),
                  quote_entry("Recurrent neural networks", id="urn:uuid:2", modified=last))
    store = open_store(path)
    store.update("urn:uuid:1", note="edited")
    store.delete("urn:uuid:2")
    store.save()
    again = open_store(path)
    assert [(a.id, a.note) for a in again.annotations()] == [("urn:uuid:1", "edited")]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_sidecar_that_is_a_fifo_is_reported_not_waited_on(tmp_path: Path) -> None:
    path = copy_transcript(LEX, tmp_path, "talk.txt")
    os.mkfifo(tmp_path / "talk.txt.annotations.json")
    (line,) = load_in_a_child(path).splitlines()
    assert line.startswith(f"{tmp_path / 'talk.txt.annotations.json'}: ")
    assert "not a regular file" in line and "FIFO" in line


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero here")
def test_a_sidecar_linked_to_an_endless_device_is_reported_not_read(tmp_path: Path) -> None:
    path = copy_transcript(LEX, tmp_path, "talk.txt")
    (tmp_path / "talk.txt.annotations.json").symlink_to("/dev/zero")
    (line,) = load_in_a_child(path).splitlines()
    assert "talk.txt.annotations.json: " in line and "character device" in line


def test_a_sidecar_linked_to_a_regular_file_elsewhere_is_read(tmp_path: Path) -> None:
    path = copy_transcript(LEX, tmp_path, "talk.txt")
    (tmp_path / "synced").mkdir()
    elsewhere = write_sidecar(tmp_path / "synced" / "talk.txt", quote_entry("AlexNet origins"))
    (tmp_path / "talk.txt.annotations.json").symlink_to(elsewhere)
    assert load_in_a_child(path) == "loaded 1\n"


@pytest.mark.parametrize("make_lock", [Path.mkdir, lambda lock: lock.symlink_to(os.devnull)],
                         ids=["a folder", "a link to the null device"])
def test_a_lock_file_that_cannot_be_a_lock_is_the_file_named_in_the_error(
        tmp_path: Path, make_lock: Any) -> None:
    path = copy_transcript(LEX, tmp_path, "talk.txt")
    lock = tmp_path / "talk.txt.annotations.json.lock"
    make_lock(lock)
    store = open_store(path)
    highlight(store, "AlexNet origins")
    with pytest.raises(SidecarError) as raised:
        store.save()
    (line,) = str(raised.value).splitlines()
    assert line.startswith(f"{lock}: ") and "talk.txt.annotations.json " in line
    assert store.dirty  # nothing was saved, and the window knows it
