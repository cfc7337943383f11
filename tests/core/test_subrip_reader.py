"""SubRip files open as paragraphs by speaker, with every cue's time kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.errors import TranscriptError
from reader.core.formats import load_transcript
from reader.core.model import Transcript

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(),
                                  reason=f"no shared test corpus at {CORPUS}")


def _load(tmp_path: Path, text: str, name: str = "buzzcast-142.srt") -> Transcript:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load_transcript(path)


SPEAKER_ON_CHANGE = """1
00:00:00,000 --> 00:00:04,799
Alban: It is so stinking nice to
show up and record this

2
00:00:04,799 --> 00:00:08,250
show. And Travis has already put
together an outline.

3
00:00:08,250 --> 00:00:10,000
Kevin: You guys remember?

4
00:00:13,000 --> 00:00:15,000
Two months ago.

5
00:00:15,500 --> 00:00:17,000
Alban: I never said that.

6
00:00:17,000 --> 00:00:18,000
Kevin: That is true.
"""


def test_name_prefixes_name_the_speaker_until_the_next_name(tmp_path: Path) -> None:
    transcript = _load(tmp_path, SPEAKER_ON_CHANGE)
    assert transcript.format == "subrip"
    assert [(b.speaker, b.text) for b in transcript.blocks] == [
        ("Alban", "It is so stinking nice to show up and record this show. "
                  "And Travis has already put together an outline."),
        ("Kevin", "You guys remember?"),
        ("Kevin", "Two months ago."),  # a new paragraph after a pause, still Kevin speaking
        ("Alban", "I never said that."),
        ("Kevin", "That is true."),
    ]
    assert transcript.time_at(transcript.text.index("Two months")) == 13.0
    assert transcript.speaker_at(transcript.text.index("Two months")) == "Kevin"
    assert transcript.title == "Buzzcast 142"


def test_a_colon_in_ordinary_speech_is_not_a_speaker(tmp_path: Path) -> None:
    transcript = _load(tmp_path, "1\n00:00:01,000 --> 00:00:02,000\nThe point is: it works.\n\n"
                       "2\n00:00:02,000 --> 00:00:03,000\nNote: this is a single remark.\n")
    assert [b.speaker for b in transcript.blocks] == [None]
    assert transcript.text == "The point is: it works. Note: this is a single remark."


WORD_LEVEL = "".join(
    f"{n}\n00:00:{n:02d},000 --> 00:00:{n:02d},900\n{{\\c&H{colour}&}}{word}\n\n"
    for n, (colour, word) in enumerate(
        [("FFF000", "If"), ("FFF000", "you"), ("FFF000", "think."),
         ("CC55FF", "Joe"), ("CC55FF", "Lubin"), ("CC55FF", "agrees."),
         ("FFF000", "Right.")], 1))


def test_override_tags_are_stripped_and_word_cues_run_into_sentences(tmp_path: Path) -> None:
    transcript = _load(tmp_path, WORD_LEVEL)
    assert "{" not in transcript.text and "\\c" not in transcript.text
    assert [b.text for b in transcript.blocks] == ["If you think.", "Joe Lubin agrees.", "Right."]
    # Colour-coded exports mark who speaks by colour.
    assert [b.speaker for b in transcript.blocks] == ["Speaker 1", "Speaker 2", "Speaker 1"]
    assert transcript.time_at(transcript.text.index("Lubin")) == 5.0


def test_nested_and_unclosed_override_tags_leave_no_markup_and_keep_every_word(
        tmp_path: Path) -> None:
    transcript = _load(tmp_path, (
        "1\n00:00:01,000 --> 00:00:02,000\n{\\b1{\\i1}Hello there.\n\n"
        "2\n00:00:03,000 --> 00:00:04,000\nWe begin {\\pos(10,10)\n\n"
        "3\n00:00:05,000 --> 00:00:06,000\nnow, with {curly} {braces.\n"))
    assert transcript.text == "Hello there. We begin now, with {braces."


def test_a_short_fraction_of_a_second_is_tenths_not_milliseconds(tmp_path: Path) -> None:
    transcript = _load(tmp_path, "1\n00:00:01,5 --> 00:00:02,25\nHalf past one.\n")
    assert (transcript.blocks[0].start_time, transcript.blocks[0].end_time) == (1.5, 2.25)


def test_a_file_the_srt_library_refuses_is_read_tolerantly(tmp_path: Path) -> None:
    # A missing cue number, a stray line between cues, a stamp without hours.
    transcript = _load(tmp_path, "1\n00:00:01,000 --> 00:00:02,000\nFirst words\n\nstill first\n\n"
                       "00:00:02,000 --> 00:00:03,000\n<i>second</i> words,\n\n"
                       "3\n00:03,500 --> 00:04,000\nthird.\n")
    assert transcript.text == "First words still first second words, third."
    assert [span.start_time for span in transcript.spans] == [1.0, 2.0, 3.5]


def test_an_srt_without_any_text_is_one_line_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.srt"
    path.write_text("1\n00:00:01,000 --> 00:00:02,000\n\n2\n00:00:02,000 --> 00:00:03,000\n\n")
    with pytest.raises(TranscriptError) as caught:
        load_transcript(path)
    assert str(caught.value) == f"{path}: is a SubRip file without a readable cue"


@needs_corpus
def test_corpus_podcasting20_speakers_from_prefixes() -> None:
    transcript = load_transcript(CORPUS / "srt" / "podcasting20-episode-124.srt")
    speakers = {b.speaker for b in transcript.blocks}
    assert {"Adam Curry", "Dave Jones"} <= speakers
    assert None not in speakers
    assert not any(b.text.startswith(("Adam Curry:", "Dave Jones:")) for b in transcript.blocks)
    assert len(transcript.spans) >= 646


@needs_corpus
def test_corpus_short_names_join_the_full_name_they_stand_for() -> None:
    transcript = load_transcript(CORPUS / "srt" / "virtual-coffee-podcast-s4e2.srt")
    assert {b.speaker for b in transcript.blocks} == {"Bekah Hawrot Weigel", "Dan Ott",
                                                      "Todd Libby"}


@needs_corpus
def test_corpus_word_level_srt_reads_as_sentences() -> None:
    transcript = load_transcript(
        CORPUS / "srt" / "can-ethereum-restore-online-freedom-wordlevel-ass-color-tags.srt")
    assert transcript.text.startswith("If you think the Internet has affected your life,")
    assert "{\\" not in transcript.text
    assert len(transcript.spans) == 1156
    assert len(transcript.blocks) < 100
