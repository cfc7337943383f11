"""The JSON backup: a W3C Web Annotation collection that loses nothing, and importing it.

Importing merges by id through each transcript's store (locked, atomic, with a backup): a
record that is not there is added, a newer change replaces an older one, and records whose
transcript is not in the library are reported, never dropped silently.
"""

from __future__ import annotations

import json
import shutil
from datetime import timedelta
from pathlib import Path

import pytest

from reader.core.annotations import AnnotationStore, sidecar_path
from reader.core.annotations.atomic import backup_path
from reader.core.errors import TranscriptError
from reader.core.export import (
    collection,
    collection_bytes,
    import_export,
    load_notes,
    read_export,
    render_combined,
)
from reader.core.export.files import collect, transcript_files
from reader.core.formats import load_transcript
from tests.conftest import EYE, LEX
from tests.core.export_fixtures import NEWEST, annotate_eye, annotate_lex


@pytest.fixture
def annotated(library_dir: Path) -> Path:
    annotate_lex(library_dir / LEX.name)
    annotate_eye(library_dir / EYE.name)
    return library_dir


def export_library(library: Path) -> bytes:
    return collection_bytes(collect(transcript_files([library])).notes, library)


def markdown_of(library: Path) -> str:
    return render_combined(collect(transcript_files([library])).notes)


def remove_sidecars(library: Path) -> None:
    for path in (LEX, EYE):
        sidecar = sidecar_path(library / path.name)
        sidecar.unlink()
        backup_path(sidecar).unlink(missing_ok=True)


def test_the_collection_is_a_w3c_annotation_collection_of_every_record(annotated: Path) -> None:
    data = json.loads(export_library(annotated))
    assert data["type"] == "AnnotationCollection"
    assert data["@context"][0] == "http://www.w3.org/ns/anno.jsonld"
    items = data["first"]["items"]
    assert data["first"]["type"] == "AnnotationPage" and data["total"] == len(items) == 11
    assert {i["type"] for i in items} == {"Annotation"}
    sources = [t["source"] for t in data["tr:transcripts"]]
    assert sources == [EYE.name, LEX.name]  # library order: no show, then the show
    assert {i["target"]["source"] for i in items} == set(sources)
    highlights = [i for i in items if i["motivation"] == "highlighting"]
    assert len(highlights) == 9
    assert all(i["target"]["selector"][0]["type"] == "TextQuoteSelector" for i in highlights)
    notes = [i for i in items if i["motivation"] == "commenting"]
    assert [n["body"][0]["value"] for n in notes] == ["Ilya on *why* scale worked.",
                                                     load_notes(annotated / LEX.name)
                                                     .note_text]


def test_round_trip_export_delete_import_gives_identical_markdown(annotated: Path,
                                                                  tmp_path: Path) -> None:
    before = markdown_of(annotated)
    backup = tmp_path / "notes.json"
    backup.write_bytes(export_library(annotated))
    remove_sidecars(annotated)
    assert collect(transcript_files([annotated])).notes == []
    report = import_export(backup, annotated)
    assert (report.added, report.updated, report.unchanged, report.unmatched) == (11, 0, 0, 0)
    assert markdown_of(annotated) == before
    assert export_library(annotated) == backup.read_bytes()


def test_importing_again_changes_nothing(annotated: Path, tmp_path: Path) -> None:
    backup = tmp_path / "notes.json"
    backup.write_bytes(export_library(annotated))
    sidecar = sidecar_path(annotated / LEX.name)
    before = sidecar.read_bytes()
    report = import_export(backup, annotated)
    assert (report.added, report.updated, report.unchanged) == (0, 0, 11)
    assert sidecar.read_bytes() == before  # nothing to merge: not even rewritten


def test_import_merges_by_id_and_the_newer_change_wins(annotated: Path, tmp_path: Path) -> None:
    backup = tmp_path / "notes.json"
    backup.write_bytes(export_library(annotated))
    # Here, after the backup: one note edited (newer than the backup's copy), one highlight
    # deleted, one added.
    store = AnnotationStore(load_transcript(annotated / LEX.name))
    store.load()
    first, second = store.annotations()[:2]
    store.update(first.id, note="Edited here, later.")
    store.delete(second.id)
    store.add_highlight(10, 20, note="Only here.")
    store.save()
    # In the backup, another highlight's note is newer than the copy here.
    data = json.loads(backup.read_bytes())
    theirs = next(i for i in data["first"]["items"]
                  if i["id"] == "urn:uuid:00000000-0000-4000-8000-000000000003")
    theirs["body"][0]["value"] = "Edited on the other machine."
    theirs["modified"] = (NEWEST + timedelta(days=1)).isoformat()
    backup.write_text(json.dumps(data), encoding="utf-8")

    report = import_export(backup, annotated)
    assert (report.added, report.updated) == (0, 1)
    notes = {a.id: a.note for a in load_notes(annotated / LEX.name).annotations}
    assert notes[first.id] == "Edited here, later."  # ours is newer: kept
    assert second.id not in notes  # deleted here after the backup: stays deleted
    assert "Only here." in notes.values()
    assert notes["urn:uuid:00000000-0000-4000-8000-000000000003"] == \
        "Edited on the other machine."
    assert backup_path(sidecar_path(annotated / LEX.name)).exists()  # saved with a backup
    assert any("lex-fridman" in line and "1 updated" in line for line in report.lines)


def test_records_of_a_transcript_not_in_the_library_are_reported(annotated: Path,
                                                                 tmp_path: Path) -> None:
    backup = tmp_path / "notes.json"
    backup.write_bytes(export_library(annotated))
    other = tmp_path / "other"
    other.mkdir()
    shutil.copyfile(LEX, other / "renamed.txt")  # the same text under another name
    report = import_export(backup, other)
    assert report.unmatched == 5  # Eye on AI: three highlights, an orphan and its note
    assert report.added == 6  # the Lex notes found by content despite the new name
    assert any("eye-on-ai-ilya-sutskever.txt: not in" in line for line in report.lines)
    assert len(load_notes(other / "renamed.txt").annotations) == 5


def test_unknown_fields_and_other_tools_entries_survive_the_trip(annotated: Path,
                                                                  tmp_path: Path) -> None:
    sidecar = sidecar_path(annotated / EYE.name)
    data = json.loads(sidecar.read_bytes())
    data["annotations"][0]["other:rating"] = 5
    data["annotations"].append({"id": "urn:x:foreign", "type": "Annotation",
                                "target": 42, "other:data": [1, 2]})
    sidecar.write_text(json.dumps(data), encoding="utf-8")
    backup = tmp_path / "notes.json"
    backup.write_bytes(export_library(annotated))
    remove_sidecars(annotated)
    import_export(backup, annotated)
    restored = json.loads(sidecar.read_bytes())["annotations"]
    assert any(a.get("other:rating") == 5 for a in restored)
    assert {"id": "urn:x:foreign", "type": "Annotation", "target": 42,
            "other:data": [1, 2]} in restored


def test_a_sidecar_file_imports_like_an_export(annotated: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.json"
    shutil.copyfile(sidecar_path(annotated / LEX.name), copy)
    remove_sidecars(annotated)
    report = import_export(copy, annotated)
    assert report.added == 6 and report.unmatched == 0


@pytest.mark.parametrize(("content", "problem"), [
    (b"not json", "is not valid JSON"),
    (b"[1, 2]", "is not a notes export"),
    (b'{"type": "AnnotationCollection", "first": 3}', 'no "items" list'),
])
def test_a_file_that_is_no_export_is_one_line_naming_it(tmp_path: Path, content: bytes,
                                                         problem: str) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(TranscriptError) as error:
        read_export(path)
    assert str(error.value).startswith(f"{path}: ") and problem in str(error.value)
    assert "\n" not in str(error.value)


def test_the_collection_names_transcripts_by_their_path_in_the_library(
        annotated: Path) -> None:
    sub = annotated / "2020"
    sub.mkdir()
    for name in (LEX.name, LEX.name + ".annotations.json"):
        (annotated / name).rename(sub / name)
    notes = collect(transcript_files([annotated])).notes
    assert [t["source"] for t in collection(notes, annotated)["tr:transcripts"]] == [
        EYE.name, f"2020/{LEX.name}"]
