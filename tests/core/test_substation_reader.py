"""SubStation Alpha (.ass/.ssa) files open as paragraphs by speaker, every line's time kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.errors import TranscriptError
from reader.core.formats import load_transcript
from reader.core.model import Transcript

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(),
                                  reason=f"no shared test corpus at {CORPUS}")

HEADER = """[Script Info]
Title: {title}
ScriptType: v4.00+

[V4+ Styles]
Format: Name, Fontname, Fontsize, PrimaryColour
Style: Default,Arial,20,&H00FFFFFF

[Events]
Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text
"""


def _load(tmp_path: Path, events: str, title: str = "Transcript",
          name: str = "ethereum-talk.ass") -> Transcript:
    path = tmp_path / name
    path.write_text(HEADER.format(title=title) + events, encoding="utf-8")
    return load_transcript(path)


def test_name_field_speakers_override_tags_and_line_breaks(tmp_path: Path) -> None:
    transcript = _load(tmp_path, (
        "Dialogue: 0,0:00:01.00,0:00:03.00,Default,Lex,0,0,0,,{\\i1}What is{\\i0}\\Nintelligence?\n"
        "Comment: 0,0:00:03.00,0:00:04.00,Default,Lex,0,0,0,,a note, not speech\n"
        "Dialogue: 0,0:00:04.50,0:00:06.00,Default,Ilya,0,0,0,,Well, it is hard, to say.\n"
    ), title="Lex Fridman #94")
    assert transcript.format == "substation"
    assert [(b.speaker, b.text) for b in transcript.blocks] == [
        ("Lex", "What is intelligence?"), ("Ilya", "Well, it is hard, to say.")]
    assert transcript.title == "Lex Fridman #94"
    assert transcript.time_at(transcript.text.index("hard")) == 4.5


def test_nested_and_unclosed_override_blocks_are_hidden(tmp_path: Path) -> None:
    transcript = _load(tmp_path, (
        "Dialogue: 0,0:00:01.00,0:00:03.00,Default,Lex,0,0,0,,{\\b1{\\i1}Bold start.\n"
        "Dialogue: 0,0:00:04.00,0:00:05.00,Default,Lex,0,0,0,,Moving on {\\move(1,2\n"))
    assert transcript.text == "Bold start. Moving on"


def test_styles_name_the_speakers_when_lines_use_several(tmp_path: Path) -> None:
    transcript = _load(tmp_path, (
        "Dialogue: 0,0:00:01.19,0:00:01.32,Speaker00,,0,0,0,,If\n"
        "Dialogue: 0,0:00:01.32,0:00:01.52,Speaker00,,0,0,0,,you\n"
        "Dialogue: 0,0:00:01.52,0:00:01.76,Speaker00,,0,0,0,,think.\n"
        "Dialogue: 0,0:00:02.00,0:00:02.50,Speaker01,,0,0,0,,Indeed.\n"
    ))
    assert [(b.speaker, b.text) for b in transcript.blocks] == [
        ("Speaker00", "If you think."), ("Speaker01", "Indeed.")]
    assert transcript.title == "Ethereum Talk"  # "Transcript" names no episode
    assert transcript.time_at(transcript.text.index("think")) == 1.52


def test_lines_out_of_order_layer_copies_and_drawings(tmp_path: Path) -> None:
    transcript = _load(tmp_path, (
        "Dialogue: 0,0:00:05.00,0:00:06.00,Default,,0,0,0,,second.\n"
        "Dialogue: 0,0:00:01.00,0:00:02.00,Default,,0,0,0,,First,\n"
        "Dialogue: 1,0:00:01.00,0:00:02.00,Default,,0,0,0,,First,\n"
        "Dialogue: 0,0:00:02.00,0:00:03.00,Default,,0,0,0,,{\\p1}m 0 0 l 100 0 100 100{\\p0}then\n"
    ))
    assert transcript.text == "First, then second."
    assert [b.speaker for b in transcript.blocks] == [None]


def test_a_file_without_dialogue_is_one_line_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.ass"
    path.write_text(HEADER.format(title="x"), encoding="utf-8")
    with pytest.raises(TranscriptError) as caught:
        load_transcript(path)
    assert str(caught.value) == f"{path}: is a SubStation file without a readable Dialogue line"


@needs_corpus
def test_corpus_word_level_ass_speakers_and_times() -> None:
    transcript = load_transcript(CORPUS / "ass" / "can-ethereum-restore-online-freedom-wordlevel.ass")
    assert {b.speaker for b in transcript.blocks} == {"Speaker00", "Speaker01"}
    assert len(transcript.spans) == 1156
    assert transcript.text.startswith("If you think the Internet has affected your life,")
    assert transcript.title == "Can Ethereum Restore Online Freedom Wordlevel"


def test_an_ssa_v4_file_with_karaoke_timing(tmp_path: Path) -> None:
    path = tmp_path / "old-show.ssa"
    path.write_text("[Script Info]\r\nTitle: Old Show, Episode 3\r\nScriptType: v4.00\r\n\r\n"
                    "[Events]\r\nFormat: Marked, Start, End, Style, Name, MarginL, MarginR, "
                    "MarginV, Effect, Text\r\n"
                    "Dialogue: Marked=0,0:00:02.50,0:00:04.00,*Default,Host,0000,0000,0000,,"
                    "{\\k20}Wel{\\k30}come back.\r\n", encoding="cp1252")
    transcript = load_transcript(path)
    assert transcript.title == "Old Show, Episode 3"
    assert [(b.speaker, b.start_time, b.text) for b in transcript.blocks] == [
        ("Host", 2.5, "Welcome back.")]
