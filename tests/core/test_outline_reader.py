"""The Lex Fridman #94 chapter outline reads as titled, timed chapters with summaries and bullets."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.formats import detect, load_transcript, outline
from reader.core.model import BlockKind
from reader.core.timefmt import format_clock
from tests.conftest import EYE, LEX

EXPECTED_CHAPTERS = [
    ("0:00", "7:01", "AlexNet origins: training deep nets end-to-end and the compute bottleneck"),
    ("7:01", "13:13", "Brain vs. artificial nets: spiking, learning rules, and why cost functions matter"),
    ("13:13", "16:07", "Recurrent neural networks, hidden state, and the idea of neural knowledge bases"),
    ("16:07", "19:58", "Why deep learning won: data, compute, conviction, and the rise of hard benchmarks"),
    ("19:58", "24:37", "Unity across vision, language, and RL—and what makes RL different"),
    ("24:37", "29:35", "Is language harder than vision? Definitions, boundaries, and what counts as understanding"),
    ("29:35", "36:05", "The mystery that deep learning works—and why we keep underestimating it"),
    ("36:05", "41:20", "Deep Double Descent: when bigger models get worse before they get better"),
    ("41:20", "42:43", "Backpropagation: keep it, learn from the brain, but don’t bet on a total replacement"),
    ("42:43", "50:25", "Can neural nets reason? Existence proofs, benchmarks, and “small programs” vs. trainability"),
    ("50:25", "56:29", "Long-term memory and interpretability: weights as knowledge, outputs as explanations, self-awareness as a capability"),
    ("56:29", "1:01:02", "Language models and scaling: from syntax to semantics, the ‘sentiment neuron,’ and GPT-2"),
    ("1:01:02", "1:06:12", "Why transformers worked: attention is not the only key, and GPU-friendly design matters"),
    ("1:06:12", "1:13:41", "What’s next: bigger models, active learning, and responsible staged release of powerful systems"),
    ("1:13:41", "1:37:27", "Building AGI and aligning it: self-play, simulation-to-real, governance, and meaning of life"),
]


def test_format_is_recognised_by_content_not_extension() -> None:
    text = LEX.read_text(encoding="utf-8")
    assert detect(text).name == "chapter-outline"
    assert detect(EYE.read_text(encoding="utf-8")).name == "raw-text"


def test_title_and_show_are_separated() -> None:
    transcript = load_transcript(LEX)
    assert transcript.title == "Ilya Sutskever: Deep Learning | Lex Fridman Podcast #94"
    assert transcript.show == "Lex Fridman Podcast"
    assert transcript.blocks[0].kind is BlockKind.TITLE
    assert transcript.blocks[0].text == transcript.title


def test_fifteen_chapters_with_exact_titles_and_times() -> None:
    chapters = load_transcript(LEX).chapters
    got = [(format_clock(c.start_time), format_clock(c.end_time), c.title) for c in chapters]
    assert got == EXPECTED_CHAPTERS
    assert chapters[-1].start_time == 1 * 3600 + 13 * 60 + 41


def test_each_chapter_has_heading_time_summary_and_bullets() -> None:
    transcript = load_transcript(LEX)
    kinds = [b.kind for b in transcript.blocks]
    for chapter in transcript.chapters:
        i = chapter.block_index
        assert transcript.blocks[i].kind is BlockKind.HEADING
        assert transcript.blocks[i].text == chapter.title
        assert kinds[i + 1] is BlockKind.TIMESPAN
        assert kinds[i + 2] is BlockKind.SUMMARY
        assert kinds[i + 3] is BlockKind.BULLET
    first_bullets = [b.text for b in transcript.blocks[4:8]]
    assert first_bullets[0] == (
        "Hessian-free optimization as an early proof that deep nets can train from scratch"
    )
    # The source's "- •" marker is presentation, not text.
    assert not any(b.text.startswith(("-", "•")) for b in transcript.blocks)


def test_chapter_offsets_point_at_their_headings_in_the_display_text() -> None:
    transcript = load_transcript(LEX)
    for chapter in transcript.chapters:
        assert transcript.text[chapter.start : chapter.start + len(chapter.title)] == chapter.title
        assert transcript.chapter_index_at(chapter.start) == transcript.chapters.index(chapter)
    assert transcript.chapter_index_at(0) is None  # the title comes before chapter 1


def test_a_timestamp_above_each_line_of_speech_is_not_an_outline() -> None:
    youtube_style = ("My Video\n\n0:00\nhello everyone and welcome\n0:03\nto the show today we "
                     "talk\n0:07\nabout deep learning\n")
    assert detect(youtube_style).name == "raw-text"


def test_an_outline_with_a_chapters_heading_and_start_times_only_is_recognised() -> None:
    text = "A Talk | Some Show #3\nChapters\n0:00\nIntro\nHello.\n12:30\nThe middle\nMore.\n"
    assert detect(text).name == "chapter-outline"


def _outline(tmp_path: Path, text: str, name: str = "talk-notes.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_chapters_past_a_hundred_hours_keep_their_times(tmp_path: Path) -> None:
    path = _outline(tmp_path, "Marathon Stream | Some Show #1\nCHAPTERS\n"
                    "- 0:00 – 99:59:00\nDay one\nThe start.\n"
                    "- 99:59:00 – 100:00:00\nThe turn\nA minute.\n"
                    "- 100:00:00 – 123:45:06\nThe end\nAfter a hundred hours.\n")
    chapters = load_transcript(path).chapters
    assert [(c.title, c.start_time, c.end_time) for c in chapters] == [
        ("Day one", 0, 99 * 3600 + 59 * 60),
        ("The turn", 99 * 3600 + 59 * 60, 100 * 3600),
        ("The end", 100 * 3600, 123 * 3600 + 45 * 60 + 6),
    ]


def test_minutes_past_59_are_read_as_long_times(tmp_path: Path) -> None:
    path = _outline(tmp_path, "A Long Talk\nChapters\n0:00\nIntro\nHello.\n75:30\nLate part\nBye.\n")
    transcript = load_transcript(path)
    assert [c.start_time for c in transcript.chapters] == [0, 4530]
    assert "1:15:30" in transcript.text.split("\n")
    assert transcript.notes == ()


def test_an_impossible_stamp_keeps_its_chapter_untimed_and_says_which_line(tmp_path: Path) -> None:
    path = _outline(tmp_path, "A Talk\nCHAPTERS\n- 0:00 – 7:01\nIntro\nHello.\n"
                    "- 7:75 – 9:00\nMiddle\nMore.\n- 9:00 – 12:00\nEnd\nBye.\n")
    transcript = load_transcript(path)
    assert [(c.title, c.start_time, c.end_time) for c in transcript.chapters] == [
        ("Intro", 0, 421), ("Middle", None, 540), ("End", 540, 720),
    ]
    middle = transcript.chapters[1].block_index
    assert transcript.blocks[middle + 1].kind is BlockKind.SUMMARY  # no time line under it
    assert len(transcript.notes) == 1
    assert transcript.notes[0] == ("line 6: 7:75 is not a time (seconds past 59); the chapter has "
                                   "no start time")


def test_a_range_that_ends_before_it_starts_is_reported(tmp_path: Path) -> None:
    path = _outline(tmp_path, "A Talk\nCHAPTERS\n- 0:00 – 7:01\nIntro\nHello.\n"
                    "- 7:01 – 0:00\nMiddle\nMore.\n")
    transcript = load_transcript(path)
    assert [(c.start_time, c.end_time) for c in transcript.chapters] == [(0, 421), (421, None)]
    assert len(transcript.notes) == 1
    assert transcript.notes[0].startswith("line 6: the chapter ends (0:00) before it starts (7:01)")


def test_a_file_that_starts_with_its_first_chapter_keeps_it(tmp_path: Path) -> None:
    path = _outline(tmp_path, "0:00 – 7:01\nAlexNet origins\nHow it began.\n"
                    "7:01 – 13:13\nBrains and nets\nSpiking.\n", name="ilya-chapters.txt")
    transcript = load_transcript(path)
    assert transcript.format == "chapter-outline"
    assert [c.title for c in transcript.chapters] == ["AlexNet origins", "Brains and nets"]
    assert transcript.title == "Ilya Chapters"  # from the file name: metadata, not text
    assert transcript.text.startswith("AlexNet origins\n0:00 – 7:01\nHow it began.")
    assert BlockKind.TITLE not in {b.kind for b in transcript.blocks}
    renamed = path.rename(tmp_path / "another-name.txt")
    assert load_transcript(renamed).text == transcript.text


def test_timestamped_speech_under_a_timestamps_heading_is_not_an_outline() -> None:
    speech = ["so welcome back everyone", "today we talk about deep learning",
              "and why it works at all", "which nobody expected"]
    lines = ["My Video", "", "Timestamps"]
    for i in range(120):
        lines += [format_clock(i * 4), speech[i % len(speech)]]
    assert detect("\n".join(lines)).name == "raw-text"


def test_timestamped_paragraphs_are_not_chapter_titles() -> None:
    paragraph = ("and so what we did next was to take the whole training set and run it again "
                 "with a bigger model, which nobody thought would help, but it did, and that "
                 "surprised us more than anything else that year, honestly")
    text = "\n".join(["My Video", "Timestamps"] + [
        line for i in range(20) for line in (format_clock(i * 75), paragraph)
    ])
    assert detect(text).name == "raw-text"


def test_a_bare_chapter_list_is_still_an_outline() -> None:
    text = "Some Talk\nChapters\n0:00\nIntro\n4:10\nThe data\n11:45\nScaling\n20:02\nQ&A\n"
    assert detect(text).name == "chapter-outline"


CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"no test corpus at {CORPUS}")
def test_no_corpus_file_is_taken_for_an_outline() -> None:
    # The corpus holds transcripts (VTT, SRT, Markdown, timestamped text), none of them an outline.
    taken = [path.name for path in sorted(CORPUS.rglob("*"))
             if path.is_file() and path.name != "MANIFEST.md"
             and outline.sniff(path.read_bytes().decode("utf-8", "replace"))]
    assert taken == []


def test_an_absurd_chapter_time_is_left_out_with_a_note(tmp_path: Path) -> None:
    """10^20 minutes (or a field of 400 digits, too large for a float) is a typing error: the
    chapter keeps its title and other stamp, and a one-line note names the line."""
    path = tmp_path / "outline.txt"
    path.write_text("My Show\n\nCHAPTERS\n\n0:00 – 7:01\nIntro\n\n"
                    f"7:01 – 100000000000000000000:00\nLater\n\n7:30 – {'9' * 400}:00\nEnd\n",
                    encoding="utf-8")
    transcript = load_transcript(path)
    assert [(c.title, c.start_time, c.end_time) for c in transcript.chapters] == [
        ("Intro", 0.0, 421.0), ("Later", 421.0, None), ("End", 450.0, None)]
    assert len(transcript.notes) == 2
    assert all("is not a time (10,000 hours or more)" in note and len(note) < 120
               for note in transcript.notes)
