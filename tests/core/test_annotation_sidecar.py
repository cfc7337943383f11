"""Sidecar files: the W3C JSON, backups, temp files, corrupt files, read-only folders."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

import pytest

from reader.core import paths
from reader.core.annotations import AnnotationStore, SidecarError, sidecar_path
from reader.core.annotations.sidecar import lock_for
from reader.core.formats import load_transcript
from tests.conftest import EYE, LEX
from tests.core.test_annotation_support import (
    copy_transcript,
    highlight,
    make_folder_read_only,
    open_store,
)


def raw(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def test_sidecar_sits_beside_the_transcript_under_its_full_name(tmp_path: Path) -> None:
    assert sidecar_path(tmp_path / "talk.vtt") == tmp_path / "talk.vtt.annotations.json"
    path = copy_transcript(LEX, tmp_path)
    store = open_store(path)
    highlight(store, "compute availability")
    assert store.save().path == path.with_name(path.name + ".annotations.json")


def test_round_trip_keeps_every_field_and_writes_w3c_json(tmp_path: Path) -> None:
    path = copy_transcript(LEX, tmp_path)
    store = open_store(path)
    kept = highlight(store, "compute availability", color="green", note="**why** it mattered",
                     tags=["compute", "history"])
    gone = highlight(store, "Hard benchmarks")
    store.delete(gone)
    store.set_transcript_note("A talk about *scale*.")
    store.save()

    again = open_store(path)
    assert again.annotations() == store.annotations()
    assert again.transcript_note == "A talk about *scale*."
    mark = again.get(kept)
    assert mark is not None and mark.exact == "compute availability"
    assert (mark.color, mark.note, mark.tags) == ("green", "**why** it mattered",
                                                  ("compute", "history"))
    assert again.get(gone) is None

    data = raw(store.path)
    transcript = load_transcript(path)
    assert data["tr:transcript"]["fingerprint"] == transcript.fingerprint
    assert data["tr:transcript"]["textHash"] == transcript.text_hash
    assert data["tr:schemaVersion"] == 1
    assert [t["id"] for t in data["tr:deleted"]] == [gone]
    entry = next(a for a in data["annotations"] if a["id"] == kept)
    assert entry["id"].startswith("urn:uuid:") and entry["type"] == "Annotation"
    assert entry["created"].endswith("Z") and entry["modified"].endswith("Z")
    assert entry["body"] == [
        {"type": "TextualBody", "purpose": "commenting", "format": "text/markdown",
         "value": "**why** it mattered"},
        {"type": "TextualBody", "purpose": "tagging", "value": "compute"},
        {"type": "TextualBody", "purpose": "tagging", "value": "history"},
    ]
    assert entry["target"]["source"] == path.name
    quote, position = entry["target"]["selector"]
    assert quote["type"] == "TextQuoteSelector" and quote["exact"] == "compute availability"
    assert len(quote["prefix"]) == 32 and len(quote["suffix"]) == 32
    assert position["type"] == "TextPositionSelector"
    assert transcript.text[position["start"] : position["end"]] == "compute availability"
    assert entry["target"]["tr:time"] == {"start": 0.0, "end": 421.0}  # chapter 0:00-7:01


def test_a_sidecar_with_only_a_quote_selector_anchors(tmp_path: Path) -> None:
    path = copy_transcript(EYE, tmp_path)
    sidecar_path(path).write_text(json.dumps({"annotations": [
        {"target": {"source": path.name, "selector": {
            "type": "TextQuoteSelector", "exact": "changed the world"}},
         "body": {"type": "TextualBody", "value": "a note from another tool"}},
        {"target": {"selector": [{"type": "TextQuoteSelector", "exact": "Ilya",
                                  "prefix": "conversation with ", "suffix": " follows"}]}},
    ]}), encoding="utf-8")
    store = AnnotationStore(load_transcript(path))
    loaded = store.load()
    text = store.transcript.text
    first, second = store.annotations()
    assert not first.orphaned and text[first.start : first.end] == "changed the world"
    assert first.note == "a note from another tool"
    assert text[second.start - 18 : second.end + 8] == "conversation with Ilya follows"
    assert loaded.saved is not None  # positions were written back
    # Ids derived from the content: loading again finds the same two highlights, not four.
    assert [a.id for a in open_store(path).annotations()] == [first.id, second.id]


def test_unknown_fields_survive_a_rewrite(tmp_path: Path) -> None:
    path = copy_transcript(LEX, tmp_path)
    chapters = [{"id": "user-1", "title": "My chapter", "start": 120}]
    foreign = {"id": "urn:x:1", "type": "Annotation", "target": ["a.txt", "b.txt"]}
    sidecar_path(path).write_text(json.dumps({
        "tr:userChapters": chapters,
        "other:settings": {"zoom": 2},
        "annotations": [foreign, {
            "id": "urn:uuid:00000000-0000-4000-8000-000000000001",
            "type": "Annotation",
            "modified": "2020-01-01T00:00:00Z",
            "other:rating": 5,
            "body": [{"type": "TextualBody", "purpose": "describing", "value": "d"},
                     {"type": "SpecificResource", "source": "http://example.org/x"}],
            "target": {"source": path.name, "other:page": 3, "selector": [
                {"type": "TextQuoteSelector", "exact": "compute availability"},
                {"type": "XPathSelector", "value": "/p[3]"}]},
        }],
    }), encoding="utf-8")
    store = open_store(path)
    store.update("urn:uuid:00000000-0000-4000-8000-000000000001", note="mine now")
    highlight(store, "Hard benchmarks")
    store.save()

    data = raw(store.path)
    assert data["tr:userChapters"] == chapters and data["other:settings"] == {"zoom": 2}
    assert foreign in data["annotations"]
    entry = next(a for a in data["annotations"] if a["id"].endswith("000000000001"))
    assert entry["other:rating"] == 5
    assert {"type": "TextualBody", "purpose": "describing", "value": "d"} in entry["body"]
    assert {"type": "SpecificResource", "source": "http://example.org/x"} in entry["body"]
    assert entry["target"]["other:page"] == 3
    assert {"type": "XPathSelector", "value": "/p[3]"} in entry["target"]["selector"]
    assert entry["body"][0]["value"] == "mine now"


def test_saving_keeps_the_previous_version_and_the_file_mode(tmp_path: Path) -> None:
    path = copy_transcript(LEX, tmp_path)
    store = open_store(path)
    highlight(store, "compute availability")
    store.save()
    first_version = store.path.read_bytes()
    os.chmod(store.path, 0o640)
    highlight(store, "Hard benchmarks")
    store.save()
    backup = store.path.with_name(store.path.name + ".bak")
    assert backup.read_bytes() == first_version
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o640
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_temp_files_left_by_a_killed_writer_are_removed(tmp_path: Path) -> None:
    path = copy_transcript(LEX, tmp_path)
    stray = tmp_path / f".{path.name}.annotations.json.k3x9q.tmp"
    stray.write_text("{\"annot", encoding="utf-8")
    unrelated = tmp_path / ".other.txt.annotations.json.abc.tmp"
    unrelated.write_text("x", encoding="utf-8")
    store = open_store(path)
    highlight(store, "compute availability")
    store.save()
    assert not stray.exists() and unrelated.exists()


def test_a_corrupt_sidecar_is_set_aside_and_the_backup_loaded(tmp_path: Path) -> None:
    path = copy_transcript(LEX, tmp_path)
    store = open_store(path)
    first = highlight(store, "compute availability")
    store.save()
    highlight(store, "Hard benchmarks")
    store.save()  # the backup now holds the first highlight
    garbage = b'{"annotations": [{"id": "urn:uuid:1", '  # a half-written file
    store.path.write_bytes(garbage)

    again = AnnotationStore(load_transcript(path))
    loaded = again.load()
    assert [a.id for a in again.annotations()] == [first]
    (message,) = loaded.messages
    assert "\n" not in message and str(store.path) in message
    assert "not valid JSON" in message and "backup" in message
    (aside,) = tmp_path.glob(f"{store.path.name}.corrupt-*")
    assert aside.read_bytes() == garbage
    assert not again.changed_on_disk()  # setting the file aside is not another writer
    # What was recovered is the sidecar again, even if nothing is edited before quitting.
    assert [a.id for a in open_store(path).annotations()] == [first]
    again.save()
    assert aside.read_bytes() == garbage  # never overwritten


def test_a_sidecar_of_the_wrong_shape_is_kept_and_reported(tmp_path: Path) -> None:
    path = copy_transcript(LEX, tmp_path)
    sidecar_path(path).write_text('{"annotations": {"not": "a list"}}', encoding="utf-8")
    store = AnnotationStore(load_transcript(path))
    (message,) = store.load().messages
    assert "not an annotations file" in message and "no backup" in message
    assert store.annotations() == []
    assert len(list(tmp_path.glob("*.corrupt-*"))) == 1


def test_a_file_corrupted_while_open_is_not_overwritten_by_the_next_save(tmp_path: Path) -> None:
    path = copy_transcript(LEX, tmp_path)
    store = open_store(path)
    highlight(store, "compute availability")
    store.save()
    store.path.write_text("not json at all", encoding="utf-8")  # a sync tool's bad copy
    highlight(store, "Hard benchmarks")
    result = store.save()
    assert any("not valid JSON" in m for m in result.messages)
    (aside,) = tmp_path.glob("*.corrupt-*")
    assert aside.read_text(encoding="utf-8") == "not json at all"
    assert len(open_store(path).annotations()) == 2


def test_a_read_only_folder_saves_in_the_fallback_folder_and_loads_from_it(
        tmp_path: Path) -> None:
    path = copy_transcript(LEX, tmp_path / "shared")
    # Only the read-only patches are undone below; the per-test user folders stay isolated.
    with pytest.MonkeyPatch.context() as read_only:
        make_folder_read_only(read_only, path.parent)
        store = open_store(path)
        mark = highlight(store, "compute availability", note="kept elsewhere")
        first = store.save()
        assert first.path.is_relative_to(paths.data_dir()) and first.path.is_file()
        (message,) = first.messages
        assert str(first.path) in message and "cannot be written" in message
        highlight(store, "Hard benchmarks")
        assert store.save().messages == ()  # said once
        assert not sidecar_path(path).exists()

        again = AnnotationStore(load_transcript(path))
        loaded = again.load()
        assert loaded.location == first.path
        assert again.get(mark) is not None and again.get(mark).note == "kept elsewhere"  # type: ignore[union-attr]

    # The folder is writable again: the notes move back beside it.
    again.update(mark, color="blue")
    assert again.save().path == sidecar_path(path)
    assert not first.path.exists()
    assert len(open_store(path).annotations()) == 2


def test_two_stores_on_one_sidecar_merge_each_others_highlights(tmp_path: Path) -> None:
    path = copy_transcript(LEX, tmp_path)
    window, cli = open_store(path), open_store(path)
    from_window = highlight(window, "compute availability")
    window.save()
    from_cli = highlight(cli, "Hard benchmarks")
    saved = cli.save()
    assert saved.merged_ids == {from_window}  # the CLI's copy now shows the window's too
    assert {a.id for a in cli.annotations()} == {from_window, from_cli}

    assert window.changed_on_disk()
    reloaded = window.load()
    assert reloaded.changed_ids == {from_cli}
    assert {a.id for a in window.annotations()} == {from_window, from_cli}
    assert not window.changed_on_disk()


def test_a_delete_reaches_a_writer_holding_an_older_copy(tmp_path: Path) -> None:
    path = copy_transcript(LEX, tmp_path)
    first = open_store(path)
    doomed = highlight(first, "compute availability")
    other = highlight(first, "Hard benchmarks")
    first.save()
    second = open_store(path)
    first.delete(doomed)
    first.save()
    second.update(other, note="edited elsewhere")  # second still holds `doomed`
    second.save()
    final = open_store(path)
    assert final.get(doomed) is None
    assert final.get(other).note == "edited elsewhere"  # type: ignore[union-attr]


def test_a_delete_wins_over_an_older_copy_a_sync_tool_puts_back(tmp_path: Path) -> None:
    path = copy_transcript(LEX, tmp_path)
    store = open_store(path)
    doomed = highlight(store, "compute availability")
    store.save()
    old_copy = store.path.read_bytes()  # e.g. on another computer
    store.delete(doomed)
    store.save()
    store.path.write_bytes(old_copy)  # the sync tool brings the old copy back
    added = highlight(store, "Hard benchmarks")
    result = store.save()
    assert store.get(doomed) is None and result.merged_ids == set()
    assert [a.id for a in open_store(path).annotations()] == [added]


def test_the_newer_edit_of_a_highlight_wins(tmp_path: Path) -> None:
    path = copy_transcript(LEX, tmp_path)
    first = open_store(path)
    mark = highlight(first, "compute availability")
    first.save()
    second = open_store(path)
    first.update(mark, color="pink")
    second.update(mark, color="purple")  # later
    second.save()
    first.save()
    assert open_store(path).get(mark).color == "purple"  # type: ignore[union-attr]


def test_undoing_a_delete_brings_the_highlight_back_everywhere(tmp_path: Path) -> None:
    path = copy_transcript(LEX, tmp_path)
    store = open_store(path)
    mark = highlight(store, "compute availability", note="keep me")
    store.save()
    deleted = store.delete(mark)
    store.save()
    assert open_store(path).get(mark) is None
    store.restore(deleted)
    store.save()
    assert open_store(path).get(mark).note == "keep me"  # type: ignore[union-attr]


def test_a_highlight_removed_from_the_file_by_hand_stays_removed(tmp_path: Path) -> None:
    path = copy_transcript(LEX, tmp_path)
    store = open_store(path)
    keep = highlight(store, "compute availability")
    drop = highlight(store, "Hard benchmarks")
    store.save()
    data = raw(store.path)
    data["annotations"] = [a for a in data["annotations"] if a["id"] != drop]
    store.path.write_text(json.dumps(data), encoding="utf-8")
    added = highlight(store, "Spiking neural nets")
    store.save()
    assert {a.id for a in open_store(path).annotations()} == {keep, added}


def test_a_save_waits_for_the_lock_then_reports_the_file_busy(tmp_path: Path) -> None:
    path = copy_transcript(LEX, tmp_path)
    store = AnnotationStore(load_transcript(path), lock_timeout=0.2)
    store.load()
    highlight(store, "compute availability")
    read_end, write_end = os.pipe()
    child = os.fork()
    if child == 0:  # another process holds the lock
        import filelock
        with filelock.FileLock(str(store.path) + ".lock"):
            os.write(write_end, b"x")
            os.read(os.open(os.devnull, os.O_RDONLY), 1)
            import time
            time.sleep(30)
        os._exit(0)
    try:
        os.read(read_end, 1)
        with pytest.raises(SidecarError) as caught:
            store.save()
        assert "busy" in str(caught.value) and str(store.path) in str(caught.value)
        assert "\n" not in str(caught.value)
    finally:
        os.kill(child, 9)
        os.waitpid(child, 0)
    store.save()  # the holder is gone: the kernel released its lock
    assert len(open_store(path).annotations()) == 1


def test_every_store_in_a_process_shares_one_lock_per_sidecar(tmp_path: Path) -> None:
    assert lock_for(tmp_path / "a.json") is lock_for(tmp_path / "." / "a.json")
    assert lock_for(tmp_path / "a.json") is not lock_for(tmp_path / "b.json")


def test_a_chapter_record_without_a_place_neither_hides_the_transcript_note_nor_is_rewritten(
        tmp_path: Path) -> None:
    path = copy_transcript(EYE, tmp_path)
    placeless = {"id": "urn:x:chapter", "type": "Annotation", "tr:kind": "chapter",
                 "motivation": "bookmarking", "modified": "2030-01-01T00:00:00Z",
                 "body": [{"type": "TextualBody", "purpose": "describing", "value": "Lost?"}],
                 "target": {"source": path.name}}
    note = {"id": "urn:x:note", "type": "Annotation", "motivation": "commenting",
            "modified": "2020-01-01T00:00:00Z",
            "body": [{"type": "TextualBody", "value": "My precious transcript note"}],
            "target": {"source": path.name}}
    sidecar_path(path).write_text(json.dumps({"annotations": [note, placeless]}), "utf-8")
    store = open_store(path)
    assert store.transcript_note == "My precious transcript note"
    highlight(store, "deep learning")
    store.save()
    assert placeless in raw(store.path)["annotations"]  # kept exactly as it was found
