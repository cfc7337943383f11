"""Times no recording has (1e300 seconds, negative, NaN, ten million hours) are dropped by
every reader under one rule, with a note, and never printed as 300-digit stamps."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.formats import load_transcript
from reader.core.model import Transcript


def _read(tmp_path: Path, name: str, text: str) -> Transcript:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load_transcript(path)


@pytest.mark.parametrize("bad", ["1e300", "-5", '"nan"', '"inf"', "36000000"])
def test_whisper_and_podcast_json_drop_absurd_times_with_a_note(tmp_path: Path, bad: str) -> None:
    whisper = _read(tmp_path, "w.json", '{"segments":[{"start":BAD,"end":BAD,"text":"far."},'
                    '{"start":3,"end":4,"text":"ok."}]}'.replace("BAD", bad))
    podcast = _read(tmp_path, "p.json", '{"version":"1.0.0","segments":[{"startTime":BAD,'
                    '"endTime":BAD,"body":"far."},{"startTime":3,"endTime":4,"body":"ok."}]}'
                    .replace("BAD", bad))
    for transcript in (whisper, podcast):
        assert "far." in transcript.text and "ok." in transcript.text
        times = [b.start_time for b in transcript.blocks if b.start_time is not None]
        assert times and all(0 <= t < 36_000_000 for t in times)
        assert any("2 times left out" in note for note in transcript.notes)


def test_a_chapters_file_leaves_out_a_chapter_at_an_absurd_time(tmp_path: Path) -> None:
    transcript = _read(tmp_path, "c.json", '{"version":"1.2.0","chapters":['
                       '{"startTime":1e300,"title":"Far"},{"startTime":5,"title":"Ok"}]}')
    assert [chapter.title for chapter in transcript.chapters] == ["Ok"]
    assert any("1 time left out" in note for note in transcript.notes)


def test_speaker_text_drops_a_huge_stamp_and_keeps_the_speakers(tmp_path: Path) -> None:
    turns = "[9999999:00:00] Ann: hello there.\n[00:00:01] Bob: yes indeed.\n" * 3
    transcript = _read(tmp_path, "talk.txt", turns)
    paragraphs = [b for b in transcript.blocks if b.text.strip()]
    assert [b.speaker for b in paragraphs] == ["Ann", "Bob"] * 3
    assert all("9999999" not in b.text for b in paragraphs)
    assert all(b.start_time is None or b.start_time < 10 for b in paragraphs)
    assert any("3 times left out" in note for note in transcript.notes)
