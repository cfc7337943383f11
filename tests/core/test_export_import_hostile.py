"""Importing what a careless or hostile hand gives: a library named relatively or through a
link, two highlights under one id, a pipe, an endless or huge file. The notes go to the right
transcript, nothing is dropped silently, and every problem is one line."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from reader.core.annotations import sidecar_path
from reader.core.errors import TranscriptError
from reader.core.export import collection_bytes, import_export, json_export, load_notes
from reader.core.export.files import collect, transcript_files
from tests.conftest import LEX
from tests.core.export_fixtures import annotate_lex


@pytest.fixture
def two_copies(tmp_path: Path) -> tuple[Path, Path]:
    """A library with the annotated transcript in b/ and a same-named copy in a/, and its
    JSON export (the sidecar removed, as on a new machine)."""
    library = tmp_path / "library"
    for folder in ("a", "b"):
        (library / folder).mkdir(parents=True)
        (library / folder / LEX.name).write_bytes(LEX.read_bytes())
    annotate_lex(library / "b" / LEX.name)
    backup = tmp_path / "backup.json"
    backup.write_bytes(collection_bytes(collect(transcript_files([library])).notes, library))
    sidecar_path(library / "b" / LEX.name).unlink()
    return library, backup


def imported_into(library: Path) -> list[str]:
    return [folder for folder in ("a", "b") if sidecar_path(library / folder / LEX.name).exists()]


def test_a_relative_library_gets_the_notes_into_the_transcript_at_the_same_path(
        two_copies: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    library, backup = two_copies
    monkeypatch.chdir(library.parent)
    report = import_export(backup, Path("library"))
    assert report.lines[0] == f"b/{LEX.name}: 6 added, 0 updated, 0 unchanged"
    assert imported_into(library) == ["b"]


def test_a_library_named_through_a_link_gets_the_notes_into_the_right_transcript(
        two_copies: tuple[Path, Path], tmp_path: Path) -> None:
    library, backup = two_copies
    link = tmp_path / "link"
    link.symlink_to(library)
    import_export(backup, link)
    assert imported_into(library) == ["b"]


def test_two_highlights_under_one_id_are_both_imported_and_reported(
        two_copies: tuple[Path, Path]) -> None:
    library, backup = two_copies
    data = json.loads(backup.read_bytes())
    items = data["first"]["items"]
    first = next(i for i in items if i["motivation"] == "highlighting")
    twin = json.loads(json.dumps(items[-1]))
    twin["id"] = first["id"]  # another highlight, pasted in under the same id
    items.append(twin)
    backup.write_text(json.dumps(data), encoding="utf-8")
    report = import_export(backup, library)
    assert report.added == 7
    assert f"b/{LEX.name}: 1 highlight or note shared an id with another in the export; " \
           "kept under a new id" in report.lines
    notes = load_notes(library / "b" / LEX.name)
    assert len(notes.annotations) == 6
    assert len({a.id for a in notes.annotations}) == 6


def test_a_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path,
                                                         library_dir: Path) -> None:
    fifo = tmp_path / "notes.json"
    os.mkfifo(fifo)
    with pytest.raises(TranscriptError) as caught:
        import_export(fifo, library_dir)
    assert str(caught.value) == f"{fifo}: is not a regular file (a pipe or device)"


def test_a_file_over_the_limit_is_refused(tmp_path: Path, library_dir: Path) -> None:
    huge = tmp_path / "huge.json"
    with open(huge, "wb") as stream:  # sparse: takes no disk space
        stream.truncate(json_export.MAX_IMPORT_BYTES + 1)
    with pytest.raises(TranscriptError) as caught:
        import_export(huge, library_dir)
    assert str(caught.value) == f"{huge}: is larger than 64 MB, the most an import reads"


def test_running_out_of_memory_is_one_line(tmp_path: Path, library_dir: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    export = tmp_path / "notes.json"
    export.write_text("[" * 1000 + "]" * 1000, encoding="utf-8")

    def no_memory(_: bytes) -> object:
        raise MemoryError

    monkeypatch.setattr(json_export.json, "loads", no_memory)
    with pytest.raises(TranscriptError) as caught:
        import_export(export, library_dir)
    assert str(caught.value) == f"{export}: is too large to read"


def test_a_colour_the_app_does_not_know_becomes_the_default_and_is_reported(
        two_copies: tuple[Path, Path]) -> None:
    library, backup = two_copies
    data = json.loads(backup.read_bytes())
    highlights = [i for i in data["first"]["items"] if i["motivation"] == "highlighting"]
    highlights[0]["tr:color"] = "red*\n# Injected"
    highlights[1]["tr:color"] = "#ff8800"  # another tool's hex colour: the app draws it
    backup.write_text(json.dumps(data), encoding="utf-8")
    report = import_export(backup, library)
    assert f"b/{LEX.name}: 1 highlight had a colour the app does not know; now yellow" \
        in report.lines
    colours = {a.id: a.color for a in load_notes(library / "b" / LEX.name).annotations}
    assert colours[highlights[0]["id"]] == "yellow"
    assert colours[highlights[1]["id"]] == "#ff8800"
