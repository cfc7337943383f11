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
