"""The front matter and headings say what the notes hold, whatever the names and times: a
change dated in the future does not date the export, a file name with a NEL reads back as
written, and a title ending in ``##`` keeps both."""

from __future__ import annotations

import dataclasses
import shutil
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import markdown
import yaml
from markdown_it import MarkdownIt

from reader.core.export import TranscriptNotes, export_date, render_transcript
from reader.core.export.escape import escape_heading
from reader.core.export.preview import split_front_matter
from reader.core.formats import load_transcript
from tests.conftest import LEX
from tests.core.export_fixtures import LEX_HIGHLIGHTS, highlight

NOW = datetime(2026, 3, 20, 12, tzinfo=UTC)


def two_highlights(tmp_path: Path, name: str = LEX.name) -> TranscriptNotes:
    path = tmp_path / name
    shutil.copyfile(LEX, path)
    transcript = load_transcript(path)
    marks = tuple(highlight(transcript, n, LEX_HIGHLIGHTS[n][0], "yellow", "", (), n)
                  for n in (0, 2))
    return TranscriptNotes(transcript, marks)


def test_a_change_dated_in_the_future_does_not_date_the_export(tmp_path: Path) -> None:
    notes = two_highlights(tmp_path)
    past, future = notes.annotations
    notes = dataclasses.replace(notes, annotations=(
        dataclasses.replace(past, modified=NOW - timedelta(days=2)),
        dataclasses.replace(future, modified=NOW + timedelta(days=400))))
    assert export_date([notes], now=NOW) == date(2026, 3, 18)
    # A few hours ahead (another time zone) still counts.
    soon = dataclasses.replace(notes, annotations=(
        notes.annotations[0], dataclasses.replace(future, modified=NOW + timedelta(hours=20))))
    assert export_date([soon], now=NOW) == date(2026, 3, 21)
    assert export_date([notes], date(2030, 1, 1), now=NOW) == date(2030, 1, 1)


def test_a_file_name_with_a_nel_reads_back_from_the_front_matter(tmp_path: Path) -> None:
    name = "talk\x85one\u2028two.txt"
    notes = two_highlights(tmp_path, name)
    head, _ = split_front_matter(render_transcript(notes))
    assert yaml.safe_load(head)["source"] == name
    assert "\x85" not in head and "\u2028" not in head  # escaped, not raw line breaks


def test_a_title_ending_in_two_hashes_keeps_both() -> None:
    heading = "# " + escape_heading("Learning C##")
    assert markdown.markdown(heading) == "<h1>Learning C##</h1>"
    assert MarkdownIt("commonmark").render(heading) == "<h1>Learning C##</h1>\n"
