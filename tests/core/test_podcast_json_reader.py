"""Podcasting 2.0 JSON transcripts and obvious JSON speaker-turn lists."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.core.errors import TranscriptError
from reader.core.formats import load_transcript

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "podcastindex"
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"no shared test corpus at {CORPUS}")


def _write(tmp_path: Path, data: object, name: str = "talk.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _seg(speaker: str, start: float, end: float, body: str) -> dict[str, object]:
    return {"speaker": speaker, "startTime": start, "endTime": end, "body": body}


def test_the_spec_example_reads_as_two_turns_with_word_times() -> None:
    transcript = load_transcript(FIXTURES / "example-transcript.json")
    assert transcript.format == "podcast-json"
    assert [(b.speaker, b.text) for b in transcript.blocks] == [
        ("Darth Vader", "I am your father."), ("Luke", "Nooooo")]
    assert transcript.time_at(transcript.text.index("father")) == 2.25
    assert transcript.speaker_at(transcript.text.index("Nooooo")) == "Luke"


def test_a_caption_line_split_into_two_segments_with_the_same_times_is_joined(
        tmp_path: Path) -> None:
    path = _write(tmp_path, {"version": "1.0.0", "segments": [
        _seg("Alban", 0.0, 4.8, "It is so stinking nice to"),
        _seg("Alban", 0.0, 4.8, "like, show up and record this"),
        _seg("Alban", 4.8, 8.25, "show. And Travis has"),
        _seg("Alban", 4.8, 8.25, "an outline.")]})
    transcript = load_transcript(path)
    assert transcript.text == ("It is so stinking nice to like, show up and record this show. "
                               "And Travis has an outline.")
    assert len(transcript.spans) == 2  # one cue per caption line, not per half
    assert transcript.time_at(transcript.text.index("record")) == 0.0
    assert transcript.time_at(transcript.text.index("Travis")) == 4.8


def test_word_level_segments_read_as_words_with_punctuation_attached(tmp_path: Path) -> None:
    path = _write(tmp_path, {"segments": [
        _seg("Travis", 0.3, 0.6, "Hey"), _seg("Travis", 0.6, 0.6, ","),
        _seg("Travis", 0.601, 0.93, "Travis"), _seg("Travis", 2.16, 2.16, "Uh"),
        _seg("Travis", 2.19, 2.73, "here"), _seg("Travis", 2.73, 2.73, ".")]})
    transcript = load_transcript(path)
    assert transcript.text == "Hey, Travis Uh here."
    assert transcript.time_at(transcript.text.index("Uh")) == 2.16  # zero-length word kept
    assert transcript.time_at(transcript.text.index("here")) == 2.19


def test_a_speaker_turn_list_with_clock_strings(tmp_path: Path) -> None:
    path = _write(tmp_path, [
        {"text": "What's your opinion on my bird?", "start_time": "0:00:00",
         "end_time": "0:00:04", "speaker": "Lex"},
        {"text": "It's a macaw.", "start_time": "0:00:04", "end_time": "0:00:10",
         "speaker": "Michael"},
        {"text": "Later on.", "start_time": "1:02:03", "end_time": "1:02:09", "speaker": "Lex"}])
    transcript = load_transcript(path)
    assert transcript.format == "speaker-json"
    assert [(b.start_time, b.speaker) for b in transcript.blocks] == [
        (0.0, "Lex"), (4.0, "Michael"), (3723.0, "Lex")]


def test_a_speaker_turn_list_without_times(tmp_path: Path) -> None:
    path = _write(tmp_path, [{"speaker": "Connor", "content": "Hey, everyone. ", "podNumber": 25},
                             {"speaker": "Erik", "content": "Thanks for having me.",
                              "podNumber": 25}])
    transcript = load_transcript(path)
    assert [(b.speaker, b.text, b.start_time) for b in transcript.blocks] == [
        ("Connor", "Hey, everyone.", None), ("Erik", "Thanks for having me.", None)]


def test_a_list_of_chapters_is_not_taken_for_speaker_turns(tmp_path: Path) -> None:
    path = _write(tmp_path, [{"chapter_title": "Intro", "start_time": "0:00:00",
                              "end_time": "0:05:00", "chapter_summary": "Hello."}])
    assert load_transcript(path).format != "speaker-json"


@needs_corpus
def test_the_buzzcast_file_joins_its_470_split_lines() -> None:
    transcript = load_transcript(CORPUS / "json" / "buzzcast-p20-transcript.json")
    assert len(transcript.spans) == 959 - 470
    assert {"Alban", "Kevin", "Travis"} <= {b.speaker for b in transcript.blocks}
    assert "It is so stinking nice to like, show up" in transcript.text


@needs_corpus
def test_the_word_level_file_keeps_every_word_as_a_timed_span() -> None:
    path = CORPUS / "json" / "buzzsprout-how-to-start-a-podcast-p20-wordlevel.json"
    segments = json.loads(path.read_text(encoding="utf-8"))["segments"]
    transcript = load_transcript(path)
    words = [s for s in segments if any(ch.isalnum() for ch in s["body"])]
    # One pair of words ("a", "spiel") shares its times: read as one caption line split in two.
    assert len(transcript.spans) == len(words) - 1
    assert transcript.text.startswith("Hey, Travis Albritain here. Uh, so I hope")


def test_numbered_speakers_are_named_by_number(tmp_path: Path) -> None:
    path = _write(tmp_path, [{"speaker": 0, "text": "Hi.", "start": 0.0, "end": 1.0},
                             {"speaker": 1, "text": "Hello.", "start": 1.0, "end": 2.0}])
    assert [b.speaker for b in load_transcript(path).blocks] == ["Speaker 0", "Speaker 1"]


def test_json_that_is_no_transcript_is_refused_in_one_line(tmp_path: Path) -> None:
    path = _write(tmp_path, {"theme": "dark", "fontSize": 14}, "settings.json")
    with pytest.raises(TranscriptError, match="is JSON but not a transcript") as raised:
        load_transcript(path)
    assert str(raised.value).startswith(str(path)) and "\n" not in str(raised.value)
