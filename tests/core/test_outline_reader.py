"""The Lex Fridman #94 chapter outline reads as titled, timed chapters with summaries and bullets."""

from __future__ import annotations

from reader.core.formats import detect, load_transcript
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
