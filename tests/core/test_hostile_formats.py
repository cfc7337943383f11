"""Transcripts and sidecars shaped to break the readers: each gives a readable transcript or
a one-line error, never a hang or a traceback. (Found by attacking the app; each failed
before its fix.)"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reader.core.companions import pairing_path, write_choice
from reader.core.errors import TranscriptError


def _show(path: Path) -> subprocess.CompletedProcess[str]:
    # The timeout is a hang check, not a speed target: before the fix this took minutes.
    return subprocess.run([sys.executable, "-m", "reader", "show", str(path)],
                          capture_output=True, text=True, timeout=20)


def test_a_long_run_of_backticks_in_markdown_is_read_not_hung_on(tmp_path: Path) -> None:
    path = tmp_path / "b.md"
    path.write_text("**A:** " + "`" * 200_000 + "\n\n**B:** hi\n", encoding="utf-8")
    result = _show(path)
    assert result.returncode == 0, result.stderr
    assert "hi" in result.stdout


_VTT = ("WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nWelcome to the show.\n\n"
        "00:01:00.000 --> 00:01:04.000\nNow the second part.\n")
_HUGE = "1" + "0" * 400


def _one_line_error(result: subprocess.CompletedProcess[str], name: str) -> str:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and name in lines[0], result.stderr
    return lines[0]


def test_a_huge_number_as_a_whisper_time_is_dropped_with_a_note(tmp_path: Path) -> None:
    path = tmp_path / "w.json"
    path.write_text('{"segments":[{"start":' + _HUGE + ',"end":1,"text":"x"}]}')
    result = _show(path)
    assert result.returncode == 0, result.stderr
    assert "1 time left out" in result.stderr and _HUGE not in result.stdout + result.stderr
    assert "x" in result.stdout


def test_bad_numbers_in_json_are_named_not_called_nesting(tmp_path: Path) -> None:
    """NaN, Infinity and integers too long to convert say so, not "nested too deeply"."""
    cases = {"nan.json": ("NaN", "NaN"), "inf.json": ("-Infinity", "Infinity"),
             "long.json": ("1" * 5000, "5000 digits")}
    for name, (number, reason) in cases.items():
        path = tmp_path / name
        path.write_text('{"segments":[{"start":' + number + ',"end":1,"text":"x"}]}')
        line = _one_line_error(_show(path), name)
        assert reason in line and "nested" not in line, line


def test_a_bad_chapters_file_leaves_its_transcript_readable_with_a_note(tmp_path: Path) -> None:
    transcript = tmp_path / "talk.vtt"
    transcript.write_text(_VTT)
    (tmp_path / "talk.chapters.json").write_text(
        '{"chapters":[{"startTime":' + _HUGE + ',"title":"Intro"}]}')
    result = _show(transcript)
    assert result.returncode == 0, result.stderr
    assert "Welcome to the show." in result.stdout
    assert "talk.chapters.json" in result.stdout + result.stderr


def test_a_pairing_file_naming_a_nul_is_a_note_not_a_crash(tmp_path: Path) -> None:
    transcript = tmp_path / "talk.vtt"
    transcript.write_text(_VTT)
    (tmp_path / "talk.vtt.pairing").write_text('{"chapters": "x\\u0000y"}')
    result = _show(transcript)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "Welcome to the show." in result.stdout
    assert "talk.vtt.pairing" in result.stderr


def test_a_pairing_file_naming_a_file_elsewhere_is_not_followed(tmp_path: Path) -> None:
    """docs/companions.md: the chosen file is in the transcript's folder."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "outline.chapters.json").write_text(
        '{"chapters":[{"startTime":0,"title":"Secret Chapter"}]}')
    folder = tmp_path / "talks"
    folder.mkdir()
    transcript = folder / "talk.vtt"
    transcript.write_text(_VTT)
    for named in ("../elsewhere/outline.chapters.json",
                  str(elsewhere / "outline.chapters.json")):
        (folder / "talk.vtt.pairing").write_text(json.dumps({"chapters": named}))
        result = _show(transcript)
        assert result.returncode == 0, result.stderr
        assert "Secret Chapter" not in result.stdout
        assert "talk.vtt.pairing" in result.stderr


def test_choosing_an_outline_in_another_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    outline = tmp_path / "elsewhere" / "outline.chapters.json"
    outline.write_text('{"chapters":[{"startTime":0,"title":"Intro"}]}')
    transcript = tmp_path / "talk.vtt"
    transcript.write_text(_VTT)
    with pytest.raises(TranscriptError, match="same folder"):
        write_choice(transcript, outline)
    assert not pairing_path(transcript).exists()


def test_subtitle_cues_with_impossible_times_are_counted_in_the_note(tmp_path: Path) -> None:
    """A negative or absurd time leaves the cue out, and the note says so (it vanished
    silently)."""
    negative = tmp_path / "negative.vtt"
    negative.write_text("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nFirst.\n\n"
                        "-00:00:01.000 --> 00:00:02.000\nNegative.\n\n"
                        "00:00:03.000 --> 00:00:04.000\nLast.\n")
    absurd_vtt = tmp_path / "absurd.vtt"
    absurd_vtt.write_text("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nFirst.\n\n"
                          "999999999:00:00.000 --> 999999999:00:01.000\nAbsurd.\n\n"
                          "00:00:03.000 --> 00:00:04.000\nLast.\n")
    files = [negative, absurd_vtt]
    for hour in ("99999", "99999999999"):
        absurd = tmp_path / f"absurd-{len(hour)}.srt"
        absurd.write_text(f"1\n00:00:01,000 --> 00:00:02,000\nFirst.\n\n"
                          f"2\n{hour}:00:00,000 --> {hour}:00:01,000\nAbsurd.\n\n"
                          "3\n00:00:03,000 --> 00:00:04,000\nLast.\n")
        files.append(absurd)
    for path in files:
        result = _show(path)
        assert result.returncode == 0, result.stderr
        assert "First." in result.stdout and "Last." in result.stdout
        assert "1 cue with unreadable times left out" in result.stderr, (path.name, result)
        assert "Absurd" not in result.stdout and "-->" not in result.stdout
