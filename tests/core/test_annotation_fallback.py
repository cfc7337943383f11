"""Notes kept in the per-user fallback folder: when they go there, what the user is told, and
how they come back beside the transcript."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core import paths
from reader.core.annotations import AnnotationStore, sidecar_path
from reader.core.formats import load_transcript
from tests.conftest import LEX
from tests.core.test_annotation_support import (
    copy_transcript,
    highlight,
    make_folder_read_only,
    open_store,
)


def test_notes_kept_aside_while_the_folder_was_read_only_come_back_when_it_is_writable(
        tmp_path: Path) -> None:
    path = copy_transcript(LEX, tmp_path / "share", "talk.txt")
    with pytest.MonkeyPatch.context() as read_only:  # the share is writable again after it
        make_folder_read_only(read_only, path.parent)
        store = open_store(path)
        highlight(store, "AlexNet origins", note="written while read-only")
        kept_aside = store.save().path
    assert kept_aside.is_relative_to(paths.data_dir())

    reopened = AnnotationStore(load_transcript(path))
    loaded = reopened.load()
    assert not any("cannot be written" in line for line in loaded.messages), loaded.messages
    assert [a.note for a in reopened.annotations()] == ["written while read-only"]
    assert sidecar_path(path).is_file() and not kept_aside.exists()  # moved back at once
    assert reopened.location == sidecar_path(path)


def test_reopening_in_a_folder_still_read_only_says_where_the_notes_are(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = copy_transcript(LEX, tmp_path / "share", "talk.txt")
    make_folder_read_only(monkeypatch, path.parent)
    store = open_store(path)
    highlight(store, "AlexNet origins")
    kept_aside = store.save().path

    reopened = AnnotationStore(load_transcript(path))
    (line,) = reopened.load().messages
    assert "cannot be written" in line and str(kept_aside) in line
    assert len(reopened.annotations()) == 1 and not sidecar_path(path).exists()


def save_two_one_by_one(path: Path) -> AnnotationStore:
    store = open_store(path)
    for phrase in ("AlexNet origins", "Recurrent neural networks"):
        highlight(store, phrase)
        store.save()
    return store


def test_a_transcript_with_a_long_japanese_title_keeps_every_highlight_beside_it(
        tmp_path: Path) -> None:
    name = "ポッドキャスト" * 10 + ".txt"  # 70 characters, 214 bytes: a valid name
    path = copy_transcript(LEX, tmp_path, name)
    store = save_two_one_by_one(path)
    assert store.location == sidecar_path(path)
    assert len(open_store(path).annotations()) == 2
    assert not list(tmp_path.glob(".*.tmp"))  # no save left a temp file behind

    sidecar_path(path).write_text("{\"annotations\": [", encoding="utf-8")  # torn
    (line,) = AnnotationStore(load_transcript(path)).load().messages
    (aside,) = tmp_path.glob("*.corrupt-*")  # kept aside under a name that fits
    assert aside.name in line and aside.read_text(encoding="utf-8") == "{\"annotations\": ["
    assert len(open_store(path).annotations()) == 1  # the backup, written back


def test_a_transcript_named_too_long_for_a_notes_file_beside_it_keeps_them_aside(
        tmp_path: Path) -> None:
    name = "a" * 240 + ".txt"  # a valid name; with ".annotations.json" it would not be
    path = copy_transcript(LEX, tmp_path, name)
    store = open_store(path)
    highlight(store, "AlexNet origins")
    saved = store.save()
    assert saved.path.is_relative_to(paths.data_dir())
    (line,) = saved.messages
    assert "too long" in line and str(saved.path) in line
    highlight(store, "Recurrent neural networks")
    assert store.save().messages == ()  # said once

    reopened = AnnotationStore(load_transcript(path))
    (line,) = reopened.load().messages
    assert "too long" in line and str(saved.path) in line
    assert len(reopened.annotations()) == 2
