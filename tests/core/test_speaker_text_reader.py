"""Plain text written as turns reads as paragraphs with a speaker and a time; other plain text
is left to the raw-text reader."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.formats import detect, load_transcript
from reader.core.model import BlockKind, Transcript
from tests.conftest import EYE, LEX

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"

OXIDE_SHAPE = """\
[Speaker 1] [00:00] Alright. The tweet was sent.
[Speaker 1] [00:17] So, you saw this tweet before I tweeted it.
[Speaker 2] [00:24] I did. It didn't need any edits.
[Speaker 1] [59:58] Nearly an hour in.
[Speaker 3] [01:20:47] Bye. Bye."""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _paragraphs(transcript: Transcript) -> list[tuple[float | None, str | None, str]]:
    return [(b.start_time, b.speaker, b.text) for b in transcript.blocks
            if b.kind is BlockKind.PARAGRAPH]


def test_bracketed_speaker_and_stamp_lines_become_turns_with_their_own_times(
        tmp_path: Path) -> None:
    transcript = load_transcript(_write(tmp_path, "coders-block.txt", OXIDE_SHAPE))
    assert transcript.format == "speaker-text"
    assert transcript.title == "Coders Block"
    assert _paragraphs(transcript) == [
        (0.0, "Speaker 1", "Alright. The tweet was sent. "
                           "So, you saw this tweet before I tweeted it."),
        (24.0, "Speaker 2", "I did. It didn't need any edits."),
        (3598.0, "Speaker 1", "Nearly an hour in."),
        (4847.0, "Speaker 3", "Bye. Bye."),  # [HH:MM:SS] after the hour
    ]
    # Two lines of one turn share a paragraph; each keeps its time.
    text = transcript.text
    assert transcript.time_at(text.index("So, you saw")) == 17.0
    assert transcript.speaker_at(text.index("So, you saw")) == "Speaker 1"


def test_name_colon_lines_with_a_title_and_hard_wrapped_turns(tmp_path: Path) -> None:
    path = _write(tmp_path, "x.txt", "# Kitchen Talk - Episode 3\n\n"
                  "Alice: Welcome back to the show.\nWe have a guest today.\n\n"
                  "Bob: Thanks for having me.\n\nAlice: Let us begin.\n\n"
                  "Bob: Sure.\n")
    transcript = load_transcript(path)
    assert transcript.format == "speaker-text"
    assert transcript.title == "Kitchen Talk - Episode 3"
    assert transcript.blocks[0].kind is BlockKind.TITLE
    assert _paragraphs(transcript) == [
        (None, "Alice", "Welcome back to the show. We have a guest today."),
        (None, "Bob", "Thanks for having me."),
        (None, "Alice", "Let us begin."),
        (None, "Bob", "Sure."),
    ]


def test_stamp_then_name_and_whisper_cpp_ranges(tmp_path: Path) -> None:
    named = load_transcript(_write(tmp_path, "a.txt", "[00:12] Ann: Hello.\n[00:15] Bob: Hi.\n"
                                   "[00:19] Ann: Bye.\n"))
    assert _paragraphs(named)[0] == (12.0, "Ann", "Hello.")
    ranges = load_transcript(_write(
        tmp_path, "b.txt", "[00:00:00.000 --> 00:00:03.140]   First words.\n"
        "[00:00:03.140 --> 00:00:09.000]   More words.\n"
        "[00:00:12.000 --> 00:00:15.500]   After a pause.\n"))
    assert [(p[0], p[2]) for p in _paragraphs(ranges)] == [
        (0.0, "First words. More words."), (12.0, "After a pause.")]
    assert ranges.blocks[-1].end_time == 15.5


@pytest.mark.parametrize("text", [
    "Note: the meeting moved.\nWe will meet on Friday instead of Monday.\n"
    "Agenda: budget, hiring.\nThanks to everyone who came last time.\n",
    "From: Ann\nTo: Bob\nSubject: Hello\n\nDear Bob, how are you?\n",
    "1\n00:00:01,000 --> 00:00:02,000\nAnn: Hi.\n\n2\n00:00:03,000 --> 00:00:04,000\n"
    "Bob: Hello.\n\n3\n00:00:05,000 --> 00:00:06,000\nAnn: Bye.\n",
])
def test_text_that_merely_holds_colons_is_not_claimed(text: str) -> None:
    assert detect(text).name != "speaker-text"


def test_the_bundled_transcripts_keep_their_readers() -> None:
    assert detect(EYE.read_text(encoding="utf-8")).name == "raw-text"
    assert detect(LEX.read_text(encoding="utf-8")).name == "chapter-outline"


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"no shared test corpus at {CORPUS}")
def test_corpus_oxide_transcript_has_its_speakers_and_times() -> None:
    transcript = load_transcript(
        CORPUS / "txt" / "oxide-and-friends-coders-block-bracket-speaker-timestamp.txt")
    assert transcript.format == "speaker-text"
    speakers = {b.speaker for b in transcript.blocks if b.kind is BlockKind.PARAGRAPH}
    assert len(speakers) == 14 and None not in speakers
    assert all(b.start_time is not None for b in transcript.blocks)
    assert len(transcript.spans) == 387  # one per source line: no time is lost
    assert transcript.spans[-1].start_time == 4847.0


def test_thousands_of_tiny_lines_keep_each_speaker_and_time(tmp_path: Path) -> None:
    """A fragmented file (3,000 one-word lines) is read with its untimed lines joined: a timed
    line in the middle still keeps its own time, and every word its speaker."""
    lines = [f"Ann: w{n}" for n in range(1500)] + ["Bob [01:00]: Later words."]
    lines += [f"Ann: v{n}" for n in range(1500)]
    path = tmp_path / "tiny.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    transcript = load_transcript(path)
    assert transcript.format == "speaker-text"
    later = transcript.text.index("Later words.")
    assert (transcript.time_at(later), transcript.speaker_at(later)) == (60.0, "Bob")
    for word in ("w0", "w777", "v1499"):
        assert transcript.speaker_at(transcript.text.index(word)) == "Ann"
