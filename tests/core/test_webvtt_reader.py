"""WebVTT files as real tools write them open as readable paragraphs that keep every cue's time
and speaker."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.errors import TranscriptError
from reader.core.formats import describe_file, load_transcript
from reader.core.model import Transcript

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(),
                                  reason=f"no shared test corpus at {CORPUS}")


def _load(tmp_path: Path, text: str, name: str = "episode-12.vtt",
          newline: str = "\n") -> Transcript:
    path = tmp_path / name
    path.write_bytes(text.replace("\n", newline).encode("utf-8"))
    return load_transcript(path)


def test_buzzsprout_example_voice_tags_become_speakers_and_entities_are_text() -> None:
    transcript = load_transcript(FIXTURES / "podcastindex" / "example-transcript.vtt")
    assert transcript.format == "webvtt"
    assert [b.speaker for b in transcript.blocks] == ["Sarah", "Gillian"]
    assert "Welcome to Podcasting Q&A, where you learn" in transcript.text
    assert "<v" not in transcript.text and "&amp;" not in transcript.text
    assert transcript.title == "Example Transcript"  # from the file name, never "WEBVTT"
    assert len(transcript.spans) == 7
    gillian = transcript.text.index("Hi Buzzsprout")
    assert transcript.time_at(gillian) == 19.08
    assert transcript.speaker_at(gillian) == "Gillian"


def test_whisper_stamps_without_hours_and_with_a_one_digit_hour(tmp_path: Path) -> None:
    transcript = _load(tmp_path, "WEBVTT\n\n"
                       "59:55.960 --> 59:58.800\n And so here we had very clear evidence\n\n"
                       "59:58.800 --> 1:00:01.960\n that a small neural net does not capture\n\n"
                       "1:00:01.960 --> 1:00:03.640\n sentiment.\n")
    assert transcript.text == ("And so here we had very clear evidence that a small neural net "
                               "does not capture sentiment.")
    assert transcript.time_at(transcript.text.index("small")) == 3598.8
    assert transcript.time_at(transcript.text.index("sentiment")) == 3601.96
    assert transcript.notes == ()


def test_seconds_only_stamps_and_unclosed_voice_tags(tmp_path: Path) -> None:
    transcript = _load(tmp_path, "WEBVTT\n\n"
                       "0.860 --> 7.380\n<v SPEAKER_1>Podcasting is coming back.\n\n"
                       "10.100 --> 13.480\n<v SPEAKER_2>The summit has been announced.\n\n"
                       "3:44.100 --> 3:47.000\n<v SPEAKER_2>It's on May the 11th.")
    assert [(b.speaker, b.start_time, b.text) for b in transcript.blocks] == [
        ("SPEAKER_1", 0.86, "Podcasting is coming back."),
        ("SPEAKER_2", 10.1, "The summit has been announced."),
        ("SPEAKER_2", 224.1, "It's on May the 11th."),
    ]


def test_a_voice_carries_on_to_cues_that_name_none(tmp_path: Path) -> None:
    transcript = _load(tmp_path, "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Ann>Hello there,\n\n"
                       "00:02.000 --> 00:03.000\nhow are you?\n\n"
                       "00:03.500 --> 00:04.000\n<v Bo>Fine.</v>\n")
    assert [(b.speaker, b.text) for b in transcript.blocks] == [
        ("Ann", "Hello there, how are you?"), ("Bo", "Fine.")]


def test_two_voices_in_one_cue_are_two_turns(tmp_path: Path) -> None:
    transcript = _load(tmp_path, "WEBVTT\n\n00:01.000 --> 00:03.000\n"
                       "<v.first Ann>Is it done?</v>\n<v Bo>It is.</v>\n")
    assert [(b.speaker, b.text) for b in transcript.blocks] == [("Ann", "Is it done?"),
                                                                ("Bo", "It is.")]


def test_name_prefixes_in_a_file_without_voice_tags(tmp_path: Path) -> None:
    transcript = _load(tmp_path, "WEBVTT\n\n00:01.000 --> 00:02.000\nLex Fridman: Hello there.\n\n"
                       "00:02.000 --> 00:03.000\nIlya: Hi.\n\n00:03.000 --> 00:04.000\n"
                       "Lex Fridman: So,\n\n00:04.000 --> 00:05.000\nwhat is learning?\n\n"
                       "00:05.000 --> 00:06.000\nIlya: Compression.\n")
    assert [(b.speaker, b.text) for b in transcript.blocks] == [
        ("Lex Fridman", "Hello there."), ("Ilya", "Hi."), ("Lex Fridman", "So, what is learning?"),
        ("Ilya", "Compression.")]


def test_youtube_rolling_captions_say_each_word_once(tmp_path: Path) -> None:
    transcript = _load(tmp_path, YOUTUBE)
    assert transcript.text == "so today we are going to talk about captions that roll up"
    words = transcript.text.split()
    assert len(words) == len(set(words))
    # Inline word times give each word its own moment.
    assert transcript.time_at(transcript.text.index("talk")) == 3.2
    assert transcript.time_at(transcript.text.index("roll")) == 5.9
    assert transcript.title == "My Talk"


YOUTUBE = """WEBVTT
Kind: captions
Language: en
Title: My Talk
Style:
::cue(c.colorCCCCCC) { color: rgb(204,204,204);
 }
##

00:00:01.000 --> 00:00:02.990 align:start position:0%
 
so<00:00:01.400><c> today</c><00:00:01.800><c> we</c><00:00:02.100><c> are</c>

00:00:02.990 --> 00:00:03.000 align:start position:0%
so today we are
 

00:00:03.000 --> 00:00:05.000 align:start position:0%
so today we are
going<00:00:03.100><c> to</c><00:00:03.200><c> talk</c><c.colorCCCCCC><00:00:03.500><c> about</c></c>
00:00:05.000 --> 00:00:06.500 align:start position:0%
going to talk about
captions<00:00:05.600><c> that</c><00:00:05.900><c> roll</c><00:00:06.200><c> up</c>
"""


def test_crlf_cue_settings_and_a_text_line_right_before_a_timing_line(tmp_path: Path) -> None:
    transcript = _load(tmp_path, "WEBVTT\n\n1\n00:00:00.000 --> 00:00:02.000 line:0 align:start\n"
                       "First line\n2\n00:00:02.000 --> 00:00:04.000\nSecond line\n"
                       "00:00:04.000 --> 00:00:06.000\nThird line\n", newline="\r\n")
    assert transcript.text == "First line Second line Third line"
    assert [span.start_time for span in transcript.spans] == [0.0, 2.0, 4.0]


def test_a_title_written_after_the_header_line(tmp_path: Path) -> None:
    transcript = _load(tmp_path, "WEBVTT - Deep Learning with Ilya\n\n"
                       "00:00.000 --> 00:01.000\nHello.\n")
    assert transcript.title == "Deep Learning with Ilya"
    assert describe_file(tmp_path / "episode-12.vtt")[0] == "Deep Learning with Ilya"


def test_webvtt_file_is_no_title(tmp_path: Path) -> None:
    transcript = _load(tmp_path, "WEBVTT FILE\n\n00:00.000 --> 00:01.000\nHello.\n")
    assert transcript.title == "Episode 12"


def test_a_title_in_a_note(tmp_path: Path) -> None:
    transcript = _load(tmp_path, "WEBVTT\n\nNOTE\nTitle: Scaling laws\n\n"
                       "00:00.000 --> 00:01.000\nHello.\n")
    assert transcript.title == "Scaling laws"


def test_a_cue_with_unreadable_times_is_left_out_and_said(tmp_path: Path) -> None:
    transcript = _load(tmp_path, "WEBVTT\n\n00:01.000 --> 00:02.000\nKept.\n\n"
                       "00:75.000 --> 00:80.000\nLost.\n")
    assert transcript.text == "Kept."
    assert transcript.notes == ("1 cue with unreadable times left out",)


def test_an_arrow_in_the_text_is_text(tmp_path: Path) -> None:
    transcript = _load(tmp_path, "WEBVTT\n\n00:01.000 --> 00:02.000\nInput --> output.\n")
    assert transcript.text == "Input --> output."
    assert transcript.notes == ()


@pytest.mark.parametrize("text", [
    "WEBVTT\n", "WEBVTT\n\nNOTE nothing here\n", "WEBVTT\n\n00:01.000 --> 00:02.000\n\n",
    "WEBVTT\n\n99:99 --> banana\nwords\n",
], ids=["header-only", "note-only", "empty-cue", "garbage-timing"])
def test_a_vtt_without_a_readable_cue_is_one_line_naming_the_file(tmp_path: Path,
                                                                  text: str) -> None:
    path = tmp_path / "broken.vtt"
    path.write_text(text, encoding="utf-8")
    for attempt in (load_transcript, describe_file):
        with pytest.raises(TranscriptError) as caught:
            attempt(path)
        message = str(caught.value)
        assert "\n" not in message
        assert message.startswith(str(path)) and "without a readable cue" in message


@needs_corpus
def test_lex_94_keeps_all_2275_cue_times_in_readable_paragraphs() -> None:
    transcript = load_transcript(CORPUS / "vtt" / "lex-fridman-094-ilya-sutskever-whisper-large.vtt")
    assert transcript.format == "webvtt"
    assert "WEBVTT" not in transcript.title and "WEBVTT" not in transcript.text
    assert len(transcript.spans) == 2275
    lengths = [len(block.text) for block in transcript.blocks]
    assert 50 < len(transcript.blocks) < 400  # paragraphs, neither cues nor one wall of text
    assert max(lengths) < 1600
    # A word in the middle of a paragraph gets the time of its own cue, not the paragraph's.
    quote = "a small neural net does not capture sentiment"
    offset = transcript.text.index(quote)
    block = transcript.blocks[transcript.block_index_at(offset)]
    assert block.start_time is not None and block.start_time < 3598.8
    assert transcript.time_at(offset) == 3598.8
    assert transcript.time_at(transcript.text.index("165,000 citations")) == 9.36


@needs_corpus
def test_corpus_youtube_snippet_has_no_repeated_words() -> None:
    transcript = load_transcript(
        CORPUS / "vtt" / "youtube-autocaption-snippet-c-tags-style-header.vtt")
    assert transcript.text == "yeah what this will happen is I'm telling"


@needs_corpus
def test_corpus_podnews_speakers_and_seconds_only_stamps() -> None:
    transcript = load_transcript(CORPUS / "vtt" / "podnews-weekly-review-2024-01-19-voice-tags.vtt")
    assert {b.speaker for b in transcript.blocks} == {f"SPEAKER_{n}" for n in range(1, 5)}
    assert len(transcript.spans) == 189
    assert transcript.blocks[1].start_time == 4.24
