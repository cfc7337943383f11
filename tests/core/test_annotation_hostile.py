"""Sidecars that other programs broke or wrote oddly: notes are never lost, and every problem is
one line naming the file (never a traceback, never a hang)."""

from __future__ import annotations

from pathlib import Path

from reader.core.annotations import AnnotationStore
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
