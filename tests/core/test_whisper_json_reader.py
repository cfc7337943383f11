"""Whisper JSON: segments become timed paragraphs; a hallucination loop is kept once, said."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.core.errors import TranscriptError
from reader.core.formats import load_transcript

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"


def _write(tmp_path: Path, segments: list[dict[str, object]], name: str = "episode-12.json",
           **extra: object) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps({"text": "", "segments": segments, "language": "en", **extra}),
                    encoding="utf-8")
    return path


def _segment(start: float, end: float, text: str) -> dict[str, object]:
    return {"id": 0, "seek": 0, "start": start, "end": end, "text": text, "tokens": [1, 2]}


def test_segments_read_as_timed_paragraphs_with_each_segments_time(tmp_path: Path) -> None:
    path = _write(tmp_path, [_segment(0, 2.5, " So we started."), _segment(2.5, 4, " It was hard"),
                             _segment(4, 6, " but it worked.")])
    transcript = load_transcript(path)
    assert transcript.format == "whisper-json"
    assert transcript.reader_version == "whisper-json/2"
    assert transcript.title == "Episode 12"
    assert transcript.text == "So we started. It was hard but it worked."
    assert transcript.time_at(transcript.text.index("worked")) == 4.0
    assert transcript.blocks[0].start_time == 0.0


def test_a_hallucination_loop_is_kept_once_and_the_dropped_repeats_are_counted(
        tmp_path: Path) -> None:
    loop = [_segment(60 + i, 61 + i, " Thanks for watching.") for i in range(6)]
    path = _write(tmp_path, [_segment(0, 5, " The real talk ends here."), *loop,
                             _segment(70, 72, " Goodbye.")])
    transcript = load_transcript(path)
    assert transcript.text.count("Thanks for watching.") == 1
    assert "Goodbye." in transcript.text
    assert any("5 repeats" in note and "Thanks for watching." in note and "1:00" in note
               for note in transcript.notes)


def test_a_few_repeats_are_speech_not_a_loop(tmp_path: Path) -> None:
    path = _write(tmp_path, [_segment(i, i + 1, " Yes.") for i in range(3)])
    transcript = load_transcript(path)
    assert transcript.text.count("Yes.") == 3
    assert transcript.notes == ()


def test_broken_json_is_one_line_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"segments": [{"start": 0, "end": 1, "text": "hi"}', encoding="utf-8")
    with pytest.raises(TranscriptError) as raised:
        load_transcript(path)
    message = str(raised.value)
    assert message.startswith(str(path)) and "not valid JSON" in message and "\n" not in message


def test_a_time_that_is_not_a_time_is_a_one_line_error(tmp_path: Path) -> None:
    path = _write(tmp_path, [_segment(0, 1, " fine"), {"start": "soon", "end": 2, "text": "x"}])
    with pytest.raises(TranscriptError, match="could not be read as whisper-json"):
        load_transcript(path)


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"no shared test corpus at {CORPUS}")
def test_the_german_stream_loop_of_116_segments_is_shown_once() -> None:
    path = CORPUS / "json" / "whisper-json-german-stream-hallucination-loop.json"
    transcript = load_transcript(path)
    # 117 segments say it: one on its own, then 116 in a row (the loop).
    assert transcript.text.count("Ich bin ein WhatsApp-Gruppe.") == 2
    assert any(note.startswith("115 repeats") for note in transcript.notes)
    assert "Ich bin auch in meiner Mutter gesporn." in transcript.text
