"""Chapters from a file beside a timed transcript: a chapters file named after it, or an outline
of the same episode in the same folder; the user can pick or undo the pair."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from reader.cli import main
from reader.core import companions
from reader.core.formats import load_transcript
from reader.core.library import scan_folder
from reader.core.model import BlockKind, ChapterKind, Transcript
from reader.core.store import TranscriptStore

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus"
FIXTURES = ROOT / "tests" / "fixtures" / "podcastindex"
LEX_OUTLINE = ROOT / "resources" / "transcripts" / "lex-fridman-94-ilya-sutskever-chapters.txt"

OUTLINE = """The Show: Guest on Things | The Show #12
CHAPTERS
- 0:00 – 1:00
Opening
We meet the guest.
- •A bullet that stays in the outline
- 1:00 – 2:30
The middle part
Where the guest explains things.
"""


def _whisper(path: Path, pieces: list[tuple[float, float, str]]) -> Path:
    segments = [{"start": s, "end": e, "text": " " + t} for s, e, t in pieces]
    path.write_text(json.dumps({"segments": segments, "language": "en"}), encoding="utf-8")
    return path


def _talk(folder: Path, name: str = "the-show-12-guest.json") -> Path:
    # No sentence end before 60 s: the reader's paragraph runs across the chapter start.
    return _whisper(folder / name, [(0, 20, "Hello and welcome"), (20, 58, "to the show where"),
                                    (60.2, 80, "we talk about things."), (81, 90, "Bye now.")])


def _source_chapters(transcript: Transcript) -> list[str]:
    """Chapters from a file (automatic sections may be added to a transcript with none)."""
    return [c.title for c in transcript.chapters if c.kind is ChapterKind.SOURCE]


def _paragraph_words(transcript: Transcript) -> list[str]:
    return " ".join(b.text for b in transcript.blocks if b.kind is BlockKind.PARAGRAPH).split()


def test_an_outline_of_the_same_episode_divides_the_transcript_by_time(tmp_path: Path) -> None:
    talk = _talk(tmp_path)
    alone = load_transcript(talk)
    (tmp_path / "the-show-12-chapters.txt").write_text(OUTLINE, encoding="utf-8")
    transcript = load_transcript(talk)
    assert [(c.title, c.start_time, c.end_time) for c in transcript.chapters] == [
        ("Opening", 0.0, 60.0), ("The middle part", 60.0, 150.0)]
    assert [(b.kind, b.text) for b in transcript.blocks] == [
        (BlockKind.HEADING, "Opening"), (BlockKind.SUMMARY, "We meet the guest."),
        (BlockKind.PARAGRAPH, "Hello and welcome to the show where"),
        (BlockKind.HEADING, "The middle part"),
        (BlockKind.SUMMARY, "Where the guest explains things."),
        (BlockKind.PARAGRAPH, "we talk about things. Bye now."),
    ]
    assert _paragraph_words(transcript) == alone.text.split()  # no word lost or added
    assert transcript.time_at(transcript.text.index("talk")) == 60.2
    assert transcript.time_at(transcript.text.index("Bye")) == 81.0
    assert transcript.reader_version == alone.reader_version
    assert any("the-show-12-chapters.txt" in note for note in transcript.notes)


def test_an_outline_of_another_episode_is_not_paired(tmp_path: Path) -> None:
    talk = _talk(tmp_path)
    (tmp_path / "the-show-13-chapters.txt").write_text(OUTLINE.replace("#12", "#13"),
                                                       encoding="utf-8")
    assert _source_chapters(load_transcript(talk)) == []


def test_two_matching_outlines_pair_neither_and_say_so(tmp_path: Path) -> None:
    talk = _talk(tmp_path)
    (tmp_path / "the-show-12-chapters.txt").write_text(OUTLINE, encoding="utf-8")
    (tmp_path / "the-show-12-outline.txt").write_text(OUTLINE, encoding="utf-8")
    transcript = load_transcript(talk)
    assert _source_chapters(transcript) == []
    assert any("2 outlines" in note and "--outline" in note for note in transcript.notes)


def test_the_users_choice_picks_or_undoes_the_pair(tmp_path: Path) -> None:
    talk = _talk(tmp_path)
    (tmp_path / "the-show-12-chapters.txt").write_text(OUTLINE, encoding="utf-8")
    other = tmp_path / "notes-by-hand.txt"  # a name the automatic rule would not match
    other.write_text(OUTLINE.replace("The Show: Guest on Things | The Show #12", "My notes")
                     .replace("The middle part", "Hand-made"), encoding="utf-8")
    companions.write_choice(talk, None)
    assert _source_chapters(load_transcript(talk)) == []
    companions.write_choice(talk, other)
    assert [c.title for c in load_transcript(talk).chapters] == ["Opening", "Hand-made"]
    companions.forget_choice(talk)
    assert [c.title for c in load_transcript(talk).chapters] == ["Opening", "The middle part"]


def test_the_command_line_records_the_choice(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    talk = _talk(tmp_path)
    (tmp_path / "the-show-12-chapters.txt").write_text(OUTLINE, encoding="utf-8")
    assert main(["chapters", str(talk), "--no-outline"]) == 0
    assert "The middle part" not in capsys.readouterr().out
    assert main(["chapters", str(talk)]) == 0  # the choice is remembered
    assert "The middle part" not in capsys.readouterr().out
    assert main(["chapters", str(talk), "--auto-outline"]) == 0
    assert "The middle part" in capsys.readouterr().out
    assert main(["chapters", str(talk), "--outline", str(talk)]) == 2
    assert "has no chapters with start times" in capsys.readouterr().err


def test_a_chapters_file_named_after_the_transcript_gives_its_chapters(tmp_path: Path) -> None:
    talk = _whisper(tmp_path / "episode.json",
                    [(t, t + 50, f"Part at {t} seconds.") for t in range(0, 4000, 60)])
    shutil.copyfile(FIXTURES / "exampleComplex.chapters.json",
                    tmp_path / "episode.chapters.json")
    transcript = load_transcript(talk)
    titles = [c.title for c in transcript.chapters]
    assert titles[:4] == ["Intro", "Hearing Aids", "Progress Report", "Namespace"]
    assert len(titles) == 10  # the picture-only chapter ("toc": false, no title) is left out
    hearing = transcript.chapters[1]
    assert hearing.start_time == 168 and hearing.end_time == 260  # ends where the next starts
    first_words = transcript.blocks[hearing.block_index + 1]
    assert first_words.start_time == 180  # the first words spoken in it
    # ... and the file is read with its transcript, not listed as one of its own.
    assert [e.path.name for e in scan_folder(tmp_path)] == ["episode.json"]


def test_a_chapter_list_with_summaries_pairs_by_episode_number(tmp_path: Path) -> None:
    turns = [{"text": f"Turn {i}.", "start_time": f"0:{i:02d}:00", "end_time": f"0:{i:02d}:30",
              "speaker": "Lex" if i % 2 else "Michael"} for i in range(12)]
    talk = tmp_path / "lex-fridman-402-michael-malice-transcript.json"
    talk.write_text(json.dumps(turns), encoding="utf-8")
    (tmp_path / "lex-fridman-402-michael-malice-custom-chapters.json").write_text(json.dumps([
        {"chapter_title": "Birds", "start_time": "0:00:00", "end_time": "0:05:00",
         "chapter_summary": "A parrot."},
        {"chapter_title": "Comedy", "start_time": "0:05:00", "end_time": "0:10:00",
         "chapter_summary": "Monty Python."}]), encoding="utf-8")
    transcript = load_transcript(talk)
    assert [c.title for c in transcript.chapters] == ["Birds", "Comedy"]
    comedy = transcript.blocks[transcript.chapters[1].block_index:]
    assert comedy[1].text == "Monty Python."
    assert comedy[2].start_time == 300 and comedy[2].text == "Turn 5."


def test_the_store_rereads_when_an_outline_arrives_not_when_notes_are_saved(
        tmp_path: Path) -> None:
    talk = _talk(tmp_path)
    store = TranscriptStore()
    store.open_paths([tmp_path])
    first = store.transcript(talk)
    (tmp_path / "the-show-12-guest.json.annotations.json").write_text("{}", encoding="utf-8")
    assert store.is_current(first)
    (tmp_path / "the-show-12-chapters.txt").write_text(OUTLINE, encoding="utf-8")
    assert not store.is_current(first)
    assert len(store.transcript(talk).chapters) == 2


def test_an_outline_whose_title_line_is_rewritten_in_place_to_name_the_episode_is_noticed(
        tmp_path: Path) -> None:
    talk = _talk(tmp_path)
    outline = tmp_path / "notes.txt"  # its name matches nothing; its title line decides
    outline.write_text(OUTLINE.replace("The Show: Guest on Things | The Show #12",
                                       "Something else entirely"), encoding="utf-8")
    store = TranscriptStore()
    store.open_paths([tmp_path])
    first = store.transcript(talk)
    assert _source_chapters(first) == []
    with outline.open("r+", encoding="utf-8") as stream:  # the same file: its folder unchanged
        stream.write(OUTLINE)
    assert not store.is_current(first)
    assert _source_chapters(store.transcript(talk)) == ["Opening", "The middle part"]


def test_a_transcript_with_chapters_of_its_own_is_left_as_it_is(tmp_path: Path) -> None:
    outline = tmp_path / "the-show-12-chapters.txt"
    outline.write_text(OUTLINE, encoding="utf-8")
    (tmp_path / "the-show-12-other-chapters.txt").write_text(OUTLINE, encoding="utf-8")
    transcript = load_transcript(outline)
    assert [b.text for b in transcript.blocks].count("Opening") == 1


VTT_94 = CORPUS / "vtt" / "lex-fridman-094-ilya-sutskever-whisper-large.vtt"


@pytest.mark.skipif(not VTT_94.is_file(), reason=f"no shared test corpus at {CORPUS}")
def test_lex_94_whisper_captions_beside_the_outline_read_as_15_chapters(tmp_path: Path) -> None:
    shutil.copyfile(VTT_94, tmp_path / VTT_94.name)
    shutil.copyfile(LEX_OUTLINE, tmp_path / LEX_OUTLINE.name)
    alone = load_transcript(VTT_94)
    if alone.format in ("raw-text", "chapter-outline"):
        pytest.skip(f"no timed reader for WebVTT yet (read as {alone.format})")
    transcript = load_transcript(tmp_path / VTT_94.name)
    assert len(transcript.chapters) == 15
    for chapter in transcript.chapters:
        heading, summary = transcript.blocks[chapter.block_index:chapter.block_index + 2]
        assert heading.kind is BlockKind.HEADING and summary.kind is BlockKind.SUMMARY
        assert summary.text
    assert transcript.chapters[7].title.startswith("Deep Double Descent")
    assert transcript.chapters[7].start_time == 36 * 60 + 5
    assert _paragraph_words(transcript) == _paragraph_words(alone)
    assert len(transcript.spans) == len(alone.spans)  # every cue keeps its time
    # Each chapter's text starts with the words spoken at its start time.
    for chapter in transcript.chapters[1:]:
        first = transcript.blocks[chapter.block_index + 2]
        assert first.start_time is not None and chapter.start_time is not None
        assert abs(first.start_time - chapter.start_time) < 10


def test_a_chosen_outline_that_lost_its_chapters_is_said(tmp_path: Path) -> None:
    talk = _talk(tmp_path)
    chosen = tmp_path / "mine.txt"
    chosen.write_text(OUTLINE, encoding="utf-8")
    companions.write_choice(talk, chosen)
    chosen.write_text("No chapters here any more.\n", encoding="utf-8")
    transcript = load_transcript(talk)
    assert _source_chapters(transcript) == []
    assert "mine.txt has no chapters with start times" in transcript.notes
    chosen.unlink()
    assert any("mine.txt" in note and "no such file" in note
               for note in load_transcript(talk).notes)
