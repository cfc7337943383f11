"""The Eye on AI raw transcript is reflowed into paragraphs without breaking sentences."""

from __future__ import annotations

import os
import re
import statistics
from pathlib import Path

import pytest

from reader.core.formats import decode, load_transcript, rawtext
from reader.core.formats.rawtext import reflow
from reader.core.model import BlockKind, ChapterKind
from tests.conftest import EYE

SENTENCE_END = re.compile(r"[.?!…][\"'”’)]*$")
# SHA-256 of the bundled interview's display text as raw-text reader version 5 made it (5: a
# trained model finds the changes of speaker that end paragraphs).
EYE_TEXT_HASH = "35e2b93bd1281c740224f7534c5fb28808ff7119eb4346b691a139bffe0b2103"


def _source_runs_cut_short() -> set[str]:
    """Last words of the places where the source itself cuts a line short (three newlines)."""
    text = EYE.read_text(encoding="utf-8")
    return {" ".join(m.group(1).split()[-4:]) for m in re.finditer(r"([^\n]+)\n{3}(?!\n)", text)}


def test_title_is_the_first_line() -> None:
    transcript = load_transcript(EYE)
    assert transcript.title == "Eye On AI - Ilya Sutskever"
    assert transcript.show is None
    # The file has no chapters of its own; the ones shown are automatic sections.
    assert transcript.chapters
    assert {chapter.kind for chapter in transcript.chapters} == {ChapterKind.AUTO}


def test_reflow_keeps_every_word_in_order_and_adds_none() -> None:
    source_words = EYE.read_text(encoding="utf-8").split()
    assert load_transcript(EYE).text.split() == source_words


def test_no_paragraph_ends_mid_sentence_except_where_the_source_was_cut() -> None:
    transcript = load_transcript(EYE)
    cut = _source_runs_cut_short()
    paragraphs = [b.text for b in transcript.blocks if b.kind is BlockKind.PARAGRAPH]
    open_ended = [p for p in paragraphs[1:] if not SENTENCE_END.search(p)]
    assert open_ended, "the source has places cut short; they should stay visible"
    for paragraph in open_ended:
        assert " ".join(paragraph.split()[-4:]) in cut, paragraph[-80:]


def test_source_line_breaks_inside_sentences_are_joined() -> None:
    text = load_transcript(EYE).text
    # This sentence spans two source lines ("...and one of the" / "primary minds behind ...").
    assert ("a co-founder and chief scientist of OpenAI and one of the primary minds behind "
            "the large-language model GPT-3") in text
    # A larger gap in the source starts a new paragraph.
    assert "\nYeah, I can talk about that a little bit." in text


def test_paragraphs_hold_a_few_sentences() -> None:
    paragraphs = [b.text for b in load_transcript(EYE).blocks if b.kind is BlockKind.PARAGRAPH]
    sentence_counts = [len(re.findall(r"[.?!](?:\s|$)", p)) for p in paragraphs[2:]]
    assert 40 <= len(paragraphs) <= 200
    assert 2 <= statistics.median(sentence_counts) <= 6
    assert max(len(p) for p in paragraphs) < 1200


def test_sponsor_line_before_the_prose_stands_alone() -> None:
    paragraphs = [b.text for b in load_transcript(EYE).blocks if b.kind is BlockKind.PARAGRAPH]
    assert paragraphs[0].startswith("🎁Amazon Prime") and paragraphs[0].endswith("Binance")
    assert paragraphs[1].startswith("I’m Craig Smith, and this is Eye on AI.")


def test_unwrapped_files_keep_their_paragraphs(tmp_path: Path) -> None:
    lines = ["First answer, said in full. It has two sentences.",
             "Second answer is here. Also complete!",
             "Third one? Yes."]
    assert reflow("\n".join(lines).split("\n")) == lines


def test_unpunctuated_single_line_is_cut_into_readable_paragraphs(tmp_path: Path) -> None:
    words = ["so", "the", "thing", "about", "deep", "learning", "is", "that", "it", "works", "and", "nobody", "really", "knows", "why"] * 120
    path = tmp_path / "autocaption.txt"
    path.write_text(" " + " ".join(words), encoding="utf-8")
    transcript = load_transcript(path)
    paragraphs = [b.text for b in transcript.blocks if b.kind is BlockKind.PARAGRAPH]
    assert len(paragraphs) > 3
    assert max(len(p) for p in paragraphs) < 1200
    assert transcript.text.split()[-len(words):] == words


def test_a_title_from_the_file_name_is_not_part_of_the_text(tmp_path: Path) -> None:
    body = "So we started training. It worked, which surprised everyone.\n"
    path = tmp_path / "practical-ai_94.txt"
    path.write_text(body, encoding="utf-8")
    transcript = load_transcript(path)
    assert transcript.title == "Practical Ai 94"
    assert BlockKind.TITLE not in {b.kind for b in transcript.blocks}
    assert transcript.text == body.strip()
    renamed = load_transcript(path.rename(tmp_path / "another name.txt"))
    assert renamed.text == transcript.text  # renaming a file moves no offset
    assert renamed.chapters == transcript.chapters


def test_a_title_from_an_unprintable_file_name_is_printable(tmp_path: Path) -> None:
    name = os.fsdecode(b"talk\xff-two\nlines.txt")
    path = tmp_path / name
    path.write_text("Just one sentence here.\n", encoding="utf-8")
    title = load_transcript(path).title
    assert title.isprintable()
    assert title == "Talk\\xff Two\\nlines"


def test_sentence_splits_never_cut_a_word(tmp_path: Path) -> None:
    # sentencex splits "...not", "yourself.And" and "Justin.TV" into two sentences; a sentence
    # break must not put a space inside them.
    text = ("Title Line\n\nWell...not really. You said it to yourself.And then Justin.TV came "
            "along. He said: \"Stop.\"Then he left. Yes!No.\n")
    path = tmp_path / "talk.txt"
    path.write_text(text, encoding="utf-8")
    assert load_transcript(path).text.split() == text.split()


def test_a_very_long_word_does_not_make_the_rest_one_wall_of_text(tmp_path: Path) -> None:
    url = "https://example.com/" + "a" * 2000
    words = ["so", "the", "thing", "about", "deep", "learning", "is", "that", "it", "works"] * 300
    path = tmp_path / "autocaption.txt"
    path.write_text(" ".join([url, *words]), encoding="utf-8")
    transcript = load_transcript(path)
    paragraphs = [b.text for b in transcript.blocks if b.kind is BlockKind.PARAGRAPH]
    assert paragraphs[0].startswith(url)
    assert max(len(p) for p in paragraphs[1:]) < 1200
    assert len(paragraphs[0]) < len(url) + 1200
    assert transcript.text.split() == [url, *words]


@pytest.mark.parametrize("punctuated", [True, False], ids=["punctuated", "unpunctuated"])
def test_a_long_line_reads_the_same_whatever_the_splitting_window(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, punctuated: bool
) -> None:
    # Long runs go to the sentence splitter in windows, to keep reading linear in time; the
    # windows must not show: no sentence or paragraph is cut at a window's edge.
    text = " ".join(EYE.read_text(encoding="utf-8").split()[5:] * 3)
    if not punctuated:
        text = re.sub(r"[^\w\s']", "", text).lower()
    path = tmp_path / "one-line.txt"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setattr(rawtext, "SPLIT_WINDOW_CHARS", 10**9)
    whole = [b.text for b in load_transcript(path).blocks]
    monkeypatch.setattr(rawtext, "SPLIT_WINDOW_CHARS", 5_000)
    windowed = [b.text for b in load_transcript(path).blocks]
    assert len(text) > 15 * 5_000
    assert windowed == whole


def _write_limit_sized(path: Path, unit: bytes) -> Path:
    """``unit`` repeated to the 1.5 MB size limit."""
    size = decode.MAX_BYTES
    path.write_bytes((unit * (size // len(unit) + 1))[:size])
    return path


@pytest.mark.parametrize("unit", [b"Hi.\n\n", b"Hi.\n\nHi.\n\n\n", b"Yes.\nNo!\nWhy?\n"],
                         ids=["blank-line-between", "larger-gap-every-second", "line-by-line"])
def test_very_many_tiny_paragraphs_are_grouped_into_readable_ones(
        tmp_path: Path, unit: bytes) -> None:
    # One paragraph per line made 314,573 blocks that took 8 s and 578 MB to open.
    path = _write_limit_sized(tmp_path / "tiny.txt", unit)
    transcript = load_transcript(path)
    paragraphs = [b.text for b in transcript.blocks]
    assert len(paragraphs) <= decode.MAX_BYTES // rawtext.MIN_PARAGRAPH_CHARS
    assert transcript.text.split() == path.read_text(encoding="utf-8").split()
    assert all(SENTENCE_END.search(p) for p in paragraphs[:-1])
    assert min(len(p) for p in paragraphs[:-1]) >= rawtext.MIN_PARAGRAPH_CHARS


def test_fragmented_text_starts_a_paragraph_at_a_larger_gap_after_a_long_enough_turn(
        tmp_path: Path) -> None:
    # One sentence per line, a larger gap where the speaker changes: a turn long enough to
    # stand alone is its own paragraph; short turns run on across the gaps.
    long_turn = ["That is what we found when we trained it, and it kept on working for weeks."] * 3
    short_turns = "\n\n\n".join(["Yes.\nRight."] * 1_500)
    path = tmp_path / "dialogue.txt"
    path.write_text("\n".join(long_turn) + "\n\n\n" + short_turns, encoding="utf-8")
    paragraphs = [b.text for b in load_transcript(path).blocks]
    assert paragraphs[0] == " ".join(long_turn)
    assert paragraphs[1].startswith("Yes. Right. Yes. Right. Yes.")


def test_a_short_file_of_short_lines_keeps_its_lines(tmp_path: Path) -> None:
    lines = [f"Line {n}. Okay." for n in range(rawtext.FRAGMENT_PIECES)]
    path = tmp_path / "chat.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    assert [b.text for b in load_transcript(path).blocks] == lines


def test_the_bundled_interview_reads_as_before() -> None:
    # Its display text is what highlights and search hits of earlier versions point into.
    assert load_transcript(EYE).text_hash == EYE_TEXT_HASH
