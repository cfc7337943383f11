"""Markdown transcripts read as speakers, times and chapters, with no Markdown left in the text."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.errors import TranscriptError
from reader.core.formats import detect, load_transcript
from reader.core.model import BlockKind, Transcript
from tests.conftest import EYE, LEX

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
CHANGELOG = FIXTURES / "changelog" / "practical-ai-1-opening.md"
CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"

LEX_SHAPE = """\
# #12 – Ada Lovelace: Engines and Poetry | Talk Show
# Episode #12
# Source: https://example.org/ada

This is a transcript of Talk Show #12 with Ada Lovelace. Here are some useful links:

  * Go back to [this episode’s main page](https://example.org/ada/)

## Table of Contents

Here are the loose “chapters” in the conversation. Click link to jump approximately:

  * 0:00 – Introduction
  * 1:05 – The Engine
  * 1:02:10 – Poetry

## Introduction

Host Name [(00:00:00)](https://youtube.com/watch?v=x&t=0) Welcome, Ada.

Ada Lovelace [(00:00:04)](https://youtube.com/watch?v=x&t=4) Thank you for having me.

[(00:00:40)](https://youtube.com/watch?v=x&t=40) It is a pleasure to be here.

## The Engine

Host Name [(00:01:07)](https://youtube.com/watch?v=x&t=67) Tell me about *the engine*.

## Poetry

Ada Lovelace [(01:02:12)](https://youtube.com/watch?v=x&t=3732) Poetical science.

This entry was posted in [transcripts](https://example.org/t/) on [May 1, 2024](https://example.org/ "9:46 am").
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _paragraphs(transcript: Transcript) -> list[tuple[float | None, str | None, str]]:
    return [(b.start_time, b.speaker, b.text) for b in transcript.blocks
            if b.kind is BlockKind.PARAGRAPH]


def test_changelog_turns_continue_and_escaped_stamps_become_times() -> None:
    transcript = load_transcript(CHANGELOG)
    assert transcript.format == "markdown-transcript"
    assert transcript.title == "Practical Ai 1 Opening"  # no title in the file: its name
    paragraphs = _paragraphs(transcript)
    assert paragraphs[0][1:] == ("Adam Stacoviak", paragraphs[0][2])
    assert paragraphs[2] == (None, "Chris Benson", "Hello.")
    stamped = next(p for p in paragraphs if p[0] == 245.0)  # \[04:05\]
    assert stamped[1] == "Chris Benson"
    assert stamped[2].startswith("Well, that's a little bit of a roundabout way")
    # A paragraph with no name continues the speaker before it, and keeps its own stamp.
    assert paragraphs[-1][:2] == (492.0, "Chris Benson")
    assert paragraphs[-1][2].startswith("In retrospect, he was")
    text = transcript.text
    assert "**" not in text and "\\[" not in text and "04:05" not in text
    assert "sorry. [laughter]" in text  # bracketed asides stay, unescaped


def test_lexfridman_page_title_chapters_from_its_table_of_contents_and_continued_turns(
        tmp_path: Path) -> None:
    path = _write(tmp_path, "ada.txt", LEX_SHAPE)  # Markdown in a .txt file
    transcript = load_transcript(path)
    assert transcript.format == "markdown-transcript"
    assert (transcript.title, transcript.show) == (
        "#12 – Ada Lovelace: Engines and Poetry | Talk Show", "Talk Show")
    assert transcript.blocks[0].kind is BlockKind.TITLE
    chapters = [(c.title, c.start_time, c.end_time) for c in transcript.chapters]
    assert chapters == [("Introduction", 0.0, 65.0), ("The Engine", 65.0, 3730.0),
                        ("Poetry", 3730.0, None)]
    assert _paragraphs(transcript)[1:5] == [
        (0.0, "Host Name", "Welcome, Ada."),
        (4.0, "Ada Lovelace", "Thank you for having me."),
        (40.0, "Ada Lovelace", "It is a pleasure to be here."),
        (67.0, "Host Name", "Tell me about the engine."),
    ]
    text = transcript.text
    # The table of contents is the chapter list, not text; the byline is no one's speech.
    assert "Table of Contents" not in text and "loose" not in text and "1:05" not in text
    byline = _paragraphs(transcript)[-1]
    assert byline == (None, None, "This entry was posted in transcripts on May 1, 2024.")
    assert "Go back to this episode’s main page" in text


def test_whisperx_turns_keep_labels_and_times(tmp_path: Path) -> None:
    path = _write(tmp_path, "ep9.md", "**[00:03] SPEAKER_02:** Hello, hello.\n\n"
                  "**[00:04] SPEAKER_00:** Great to see you.\n\n"
                  "**[61:02] SPEAKER_02:** An hour later.")
    transcript = load_transcript(path)
    assert _paragraphs(transcript) == [(3.0, "SPEAKER_02", "Hello, hello."),
                                       (4.0, "SPEAKER_00", "Great to see you."),
                                       (3662.0, "SPEAKER_02", "An hour later.")]
    assert transcript.blocks[0].end_time == 4.0  # a turn ends where the next one starts


def test_a_stamp_inside_a_paragraph_times_the_words_after_it(tmp_path: Path) -> None:
    path = _write(tmp_path, "talk.md", "**Ann:** First words here. \\[02:00\\] Later words.\n\n"
                  "**Bob:** [03:10] Reply with a [link](https://example.org).\n")
    transcript = load_transcript(path)
    text = transcript.text
    assert "02:00" not in text
    assert transcript.time_at(text.index("First")) is None
    assert transcript.time_at(text.index("Later")) == 120.0
    assert transcript.speaker_at(text.index("Later")) == "Ann"
    assert transcript.time_at(text.index("Reply")) == 190.0
    assert "Reply with a link." in text


def test_front_matter_names_the_title_and_show_and_stays_out_of_the_text(
        tmp_path: Path) -> None:
    path = _write(tmp_path, "x.md", "---\ntitle: \"Deep Learning\"\npodcast: AI Talks\n---\n\n"
                  "**Lex:** Hello.\n\n**Ilya:** Hi.\n")
    transcript = load_transcript(path)
    assert (transcript.title, transcript.show) == ("Deep Learning", "AI Talks")
    assert "podcast" not in transcript.text


def test_headings_without_a_table_are_chapters_timed_by_their_first_turn(
        tmp_path: Path) -> None:
    path = _write(tmp_path, "talk.md", "# Deep Talk\n\n## Opening\n\n[0:05] **Ann:** Hi.\n\n"
                  "## Middle part\n\n[12:30] **Bob:** Yes.\n")
    transcript = load_transcript(path)
    assert transcript.title == "Deep Talk"
    assert [(c.title, c.start_time) for c in transcript.chapters] == [
        ("Opening", 5.0), ("Middle part", 750.0)]


def test_a_table_of_contents_without_headings_places_chapters_by_time(tmp_path: Path) -> None:
    path = _write(tmp_path, "talk.md", "- 0:00 – Start\n- 1:00 – Later\n\n"
                  "**Ann:** [0:02] One.\n\n**Bob:** [0:59] Two.\n\n**Ann:** [1:30] Three.\n")
    transcript = load_transcript(path)
    assert [(c.title, c.start_time) for c in transcript.chapters] == [("Start", 0.0),
                                                                     ("Later", 60.0)]
    later = transcript.chapters[1]
    assert transcript.blocks[later.block_index + 1].text == "Three."
    assert "0:00" not in transcript.text


def test_a_changelog_break_leaves_no_text(tmp_path: Path) -> None:
    path = _write(tmp_path, "ep.md", "**Ann:** One.\n\n**Break:** \\[15:57\\] to \\[16:58\\]\n\n"
                  "**Bob:** Two.\n")
    assert [p[2] for p in _paragraphs(load_transcript(path))] == ["One.", "Two."]


def test_the_bundled_outline_and_raw_transcript_keep_their_readers() -> None:
    assert detect(LEX.read_text(encoding="utf-8")).name == "chapter-outline"
    assert detect(EYE.read_text(encoding="utf-8")).name == "raw-text"


def test_plain_prose_with_one_hash_line_is_not_markdown() -> None:
    assert detect("# not really a heading\nJust words. More words.\n").name != \
        "markdown-transcript"


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"no shared test corpus at {CORPUS}")
def test_corpus_lexfridman_page_has_its_28_loose_chapters_with_times() -> None:
    transcript = load_transcript(
        CORPUS / "md" / "lex-fridman-407-guillaume-verdon-lexfridman-com-markdown.txt")
    timed = [c for c in transcript.chapters if c.start_time is not None]
    assert len(timed) == 28
    assert (timed[1].title, timed[1].start_time) == ("Beff Jezos", 143.0)
    speakers = {b.speaker for b in transcript.blocks if b.speaker}
    assert speakers == {"Lex Fridman", "Guillaume Verdon"}


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"no shared test corpus at {CORPUS}")
def test_corpus_changelog_episodes_read_as_markdown_without_markup_left() -> None:
    folder = CORPUS / "bulk" / "changelog-practical-ai-md"
    # Every 10th episode (the corpus sweep opens them all), and the one-turn monologue.
    for path in [*sorted(folder.glob("*.md"))[::10], folder / "practical-ai-285.md"]:
        transcript = load_transcript(path)
        assert transcript.format == "markdown-transcript", path.name
        assert "\\[" not in transcript.text, path.name  # "sh\\*\\*\\*y" is rightly "sh***y"
        assert not any(b.text.startswith("**") for b in transcript.blocks), path.name
        assert any(b.speaker for b in transcript.blocks), path.name


def test_headings_and_lists_without_any_speech_still_open(tmp_path: Path) -> None:
    """No paragraph at all: the times of zero pieces of speech once failed the whole file."""
    transcript = load_transcript(_write(tmp_path, "notes.md", "# Notes\n\n## One\n\n- a\n\n"
                                        "## Two\n\n- b\n"))
    assert [c.title for c in transcript.chapters] == ["One", "Two"]
    assert [b.text for b in transcript.blocks if b.kind is BlockKind.BULLET] == ["a", "b"]


def test_speaker_names_with_no_words_are_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "empty-turns.md"
    path.write_text("**Ann:** \n\n**Bob:**\n", encoding="utf-8")
    with pytest.raises(TranscriptError, match="no words to show") as raised:
        load_transcript(path)
    assert "empty-turns.md" in str(raised.value) and "\n" not in str(raised.value)


def test_thousands_of_one_word_turns_read_as_paragraphs_keeping_each_turns_time(
        tmp_path: Path) -> None:
    """A file of very many tiny turns (3,000 here) is not a paragraph per turn: runs of one
    speaker's turns are joined into readable paragraphs, and every word keeps its own time."""
    lines = [f"**[{n // 60:02d}:{n % 60:02d}] {'Ann' if n < 1500 else 'Bob'}:** word{n}"
             for n in range(3000)]
    path = tmp_path / "tiny.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    transcript = load_transcript(path)
    paragraphs = [b for b in transcript.blocks if b.kind is BlockKind.PARAGRAPH]
    assert 10 < len(paragraphs) < 300
    anns = [b for b in paragraphs if b.speaker == "Ann"]
    assert all(len(b.text) >= 150 for b in anns[:-1])
    assert {b.speaker for b in paragraphs} == {"Ann", "Bob"}
    assert not any("Ann" in b.text and "Bob" in b.text for b in paragraphs)
    for n in (0, 777, 1499, 1500, 2999):
        offset = transcript.text.index(f"word{n}")
        assert transcript.time_at(offset) == float(n)
        assert transcript.speaker_at(offset) == ("Ann" if n < 1500 else "Bob")
