"""The command line on the new formats, and on files that are no transcript at all: ``show``,
``chapters`` and ``index`` say one line naming the file and the problem, never a traceback,
and a bad file never keeps the good ones beside it from being indexed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from reader.core.formats.decode import MAX_BYTES

MARKDOWN = ("# Night Shift: Owls and Radar | Field Notes\n\n"
            "## Owls\n\n**[00:05] Ann:** Barn owls hunt by ear.\n\n"
            "## Radar\n\n**[02:10] Bob:** Radar sees the migration.\n")
SPEAKERS = ("[Speaker 1] [00:00] Giraffes sleep standing up.\n"
            "[Speaker 2] [00:05] Only for minutes at a time.\n"
            "[Speaker 1] [01:00:09] An hour later, still giraffes.")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reader", *args], capture_output=True,
                          text=True, timeout=120)


def _write(path: Path, data: bytes) -> None:
    path.write_bytes(data)


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _huge(path: Path) -> None:
    path.write_bytes(b"**Ann:** " + b"words " * (MAX_BYTES // 6 + 10))


BAD_FILES: dict[str, tuple[Callable[[Path], None], str]] = {
    "binary.md": (lambda p: _write(p, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01"),
                  "is a binary file"),
    "nul.txt": (lambda p: _write(p, b"**Ann:** hi\x00 there\n"), "is a binary file"),
    "empty.vtt": (lambda p: _write(p, b""), "is empty"),
    "blank.md": (lambda p: _write(p, b"\n \n\t\n"), "is empty"),
    "broken.json": (lambda p: _write(p, b'{"segments": [{"start": 0, '), "is not valid JSON"),
    # a bare JSON value is JSON, not a transcript: not shown as raw text
    "number.json": (lambda p: _write(p, b"42\n"), "is JSON but not a transcript"),
    "null.json": (lambda p: _write(p, b"null"), "is JSON but not a transcript"),
    "pipe.srt": (_fifo, "is not a regular file (a FIFO)"),
    "huge.md": (_huge, "transcripts larger than 1.5 MB are not opened"),
}


def test_show_prints_markdown_and_speaker_turns_with_time_and_speaker(tmp_path: Path) -> None:
    markdown = tmp_path / "night.md"
    markdown.write_text(MARKDOWN, encoding="utf-8")
    shown = run("show", str(markdown))
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.split("\n\n") == [
        "Night Shift: Owls and Radar | Field Notes", "Owls", "[0:05] Ann: Barn owls hunt by ear.",
        "Radar", "[2:10] Bob: Radar sees the migration.\n"]
    speakers = tmp_path / "giraffes.txt"
    speakers.write_text(SPEAKERS, encoding="utf-8")
    shown = run("show", str(speakers))
    assert shown.returncode == 0, shown.stderr
    assert "[1:00:09] Speaker 1: An hour later, still giraffes." in shown.stdout


def test_chapters_of_a_markdown_transcript_come_from_its_headings(tmp_path: Path) -> None:
    markdown = tmp_path / "night.md"
    markdown.write_text(MARKDOWN, encoding="utf-8")
    listed = run("chapters", str(markdown), "--json")
    assert listed.returncode == 0, listed.stderr
    data = json.loads(listed.stdout)
    assert (data["title"], data["show"]) == ("Night Shift: Owls and Radar | Field Notes",
                                             "Field Notes")
    assert [(c["title"], c["start"], c["end"]) for c in data["chapters"]] == [
        ("Owls", 5.0, 130.0), ("Radar", 130.0, None)]


@pytest.mark.parametrize("name", sorted(BAD_FILES))
@pytest.mark.parametrize("command", [("show",), ("chapters",), ("chapters", "--json")],
                         ids=" ".join)
def test_a_file_that_is_no_transcript_is_one_line_naming_it(
        tmp_path: Path, name: str, command: tuple[str, ...]) -> None:
    make, problem = BAD_FILES[name]
    path = tmp_path / name
    make(path)
    result = run(command[0], str(path), *command[1:])
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1, result.stderr
    assert str(path) in result.stderr and problem in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_index_names_each_bad_file_once_and_indexes_the_good_ones(tmp_path: Path) -> None:
    library = tmp_path / "library"
    library.mkdir()
    (library / "night.md").write_text(MARKDOWN, encoding="utf-8")
    (library / "giraffes.txt").write_text(SPEAKERS, encoding="utf-8")
    for name, (make, _problem) in BAD_FILES.items():
        make(library / name)
    result = run("index", "--library", str(library))
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    for name, (_make, problem) in BAD_FILES.items():
        named = [line for line in lines if str(library / name) in line]
        assert len(named) == 1 and problem in named[0], (name, result.stderr)
    assert "Traceback" not in result.stderr
    for word, file in (("owls", "night.md"), ("giraffes", "giraffes.txt")):
        found = run("search", word, "--library", str(library), "--json")
        assert found.returncode == 0, found.stderr
        assert {Path(hit["path"]).name for hit in json.loads(found.stdout)["hits"]} == {file}


def test_a_fifo_beside_a_timed_transcript_does_not_stop_it_opening(tmp_path: Path) -> None:
    (tmp_path / "giraffes.txt").write_text(SPEAKERS, encoding="utf-8")
    os.mkfifo(tmp_path / "giraffes-notes.txt")
    os.mkfifo(tmp_path / "giraffes.txt.pairing")
    result = subprocess.run([sys.executable, "-m", "reader", "show", str(tmp_path / "giraffes.txt")],
                            capture_output=True, text=True, timeout=20)
    assert result.returncode == 0, result.stderr
