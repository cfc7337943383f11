"""Automatic sections: a transcript without chapters gets an outline of the questions asked,
titled from the questions; one with chapters of its own keeps them; a question and its answer
never share a paragraph."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from reader.core.formats import load_transcript
from reader.core.model import (
    INTERVIEWER,
    BlockKind,
    BlockSpec,
    ChapterKind,
    build_transcript,
)
from reader.core.sections import with_auto_chapters
from reader.core.sections.titles import question_title, topic_title
from tests.conftest import EYE, LEX

NUMBERED = re.compile(r"^(section|part|chapter)\s*\d+$", re.IGNORECASE)


def _paragraph_with(transcript, words: str) -> str:
    return next(b.text for b in transcript.blocks if words in b.text)


def test_the_eye_on_ai_interview_gets_sections_titled_from_its_questions() -> None:
    transcript = load_transcript(EYE)
    chapters = transcript.chapters
    assert len(chapters) >= 8
    assert {c.kind for c in chapters} == {ChapterKind.AUTO}
    titles = [c.title for c in chapters]
    assert titles[0] == "Introducing yourself, a little bit of your background"
    assert "At what point did the GPT project start" in titles
    assert "The hardware question" in titles
    assert not [t for t in titles if NUMBERED.match(t) or len(t) > 70 or len(t.split()) < 2]
    # Each section starts at the paragraph that opens the interviewer's turn, but for the
    # few cut where the topic shifts inside a long answer.
    for chapter in chapters:
        assert transcript.blocks[chapter.block_index].kind is BlockKind.PARAGRAPH
    by_topic = [c for c in chapters if transcript.blocks[c.block_index].role != INTERVIEWER]
    assert len(by_topic) <= 2
    # The first one opens Craig Smith's turn, a few sentences before his first question.
    first_question = transcript.text.index("Can you start just by introducing yourself")
    assert 0 < first_question - chapters[0].start < 1200


def test_no_section_of_the_eye_on_ai_interview_runs_over_a_fifth_of_it() -> None:
    # One section used to run from 31 % to 75 % of the text, past questions of its own.
    transcript = load_transcript(EYE)
    starts = [c.start for c in transcript.chapters]
    ends = starts[1:] + [len(transcript.text)]
    assert max(b - a for a, b in zip(starts, ends, strict=True)) < len(transcript.text) / 5
    pixels = transcript.text.index("And then what you’re talking about converting pixels")
    assert pixels in starts  # a question found inside the long answer opens a section


def test_sections_keep_their_ids_when_the_file_is_read_again() -> None:
    first, second = load_transcript(EYE), load_transcript(EYE)
    assert [c.id for c in first.chapters] == [c.id for c in second.chapters]
    assert len({c.id for c in first.chapters}) == len(first.chapters)
    assert all(c.id.startswith("auto-") for c in first.chapters)


def test_a_transcript_with_chapters_of_its_own_gets_no_automatic_ones() -> None:
    transcript = load_transcript(LEX)
    assert len(transcript.chapters) == 15
    assert {c.kind for c in transcript.chapters} == {ChapterKind.SOURCE}


def test_a_question_and_its_answer_land_in_separate_paragraphs() -> None:
    transcript = load_transcript(EYE)
    question = _paragraph_with(transcript, "Did he have an influence on you")
    assert question.endswith("Did he have an influence on you or was that a parallel track of "
                             "thinking?")
    answer = _paragraph_with(transcript, "I would say that when he posted his article")
    assert answer.startswith("I would say that when he posted his article")
    assert transcript.blocks[[b.text for b in transcript.blocks].index(answer)].role is None
    # Where the source has no larger gap either: "...? So before I comment..."
    asked = _paragraph_with(transcript, "Is there something that is being done to address")
    assert "So before I comment" not in asked
    # Questions that follow a long answer with no gap, answered at once by "I can't...".
    asked = _paragraph_with(transcript, "What research are you focused on right now?")
    assert asked == "Where is this going? What research are you focused on right now?"
    assert transcript.blocks[[b.text for b in transcript.blocks].index(asked)].role == INTERVIEWER


def test_hard_wrapped_text_without_gaps_is_still_split_at_the_question(tmp_path: Path) -> None:
    lines = [
        "So we trained the network on a lot of images and it worked much better than anything",
        "that came before it, which surprised a lot of people at the time.",
        "That's fascinating. Can you tell us how you got the compute for it, and what you",
        "learned about the GPUs back then?",
        "Yeah, so the GPUs were the key. We wrote fast kernels and the rest followed from",
        "that, more or less, because the data was there already.",
    ]
    path = tmp_path / "talk.txt"
    path.write_text("\n\n".join(lines * 3) + "\n", encoding="utf-8")
    transcript = load_transcript(path)
    for block in transcript.blocks:
        if "Can you tell us" in block.text:
            assert "Yeah, so the GPUs" not in block.text
            assert block.role == INTERVIEWER
    assert transcript.text.split() == path.read_text(encoding="utf-8").split()


def test_speaker_labels_name_the_interviewer_and_start_the_sections() -> None:
    answer = (" I spent years on it with a small team, in a garage at first and then in a lab, "
              "and we learned more from what broke than from what worked.")
    turns = [
        ("Host", "Welcome to the show. Can you tell us how you started in robotics?"),
        ("Guest", "I built my first robot at twelve, out of a vacuum cleaner and some wire. "
                  "It never worked, but I was hooked from then on." + answer),
        ("Host", "What was the hardest part of your first real project?"),
        ("Guest", "Power, always power. Batteries were heavy and never lasted long enough."),
        ("Host", "Right."),  # a short reply within the answer: no section of its own
        ("Guest", "And motors, too, though those got better quickly." + answer),
        ("Host", "Where do you think household robots will be in ten years?"),
        ("Guest", "Folding laundry, I hope. That is the benchmark everyone secretly wants."),
    ]
    blocks = [BlockSpec(BlockKind.PARAGRAPH, text, start_time=10.0 * n, end_time=10.0 * n + 9,
                        speaker=speaker) for n, (speaker, text) in enumerate(turns)]
    transcript = with_auto_chapters(build_transcript(
        title="t", show=None, format="test", source=None, fingerprint="", blocks=blocks))
    assert [c.title for c in transcript.chapters] == [
        "How you started in robotics", "The hardest part of your first real project",
        "Where household robots will be in ten years"]
    assert [c.block_index for c in transcript.chapters] == [0, 2, 6]
    assert [c.start_time for c in transcript.chapters] == [0.0, 20.0, 60.0]
    assert transcript.chapters[0].end_time == 19.0
    assert [b.role for b in transcript.blocks][:3] == [INTERVIEWER, None, INTERVIEWER]
    assert transcript.text == "\n".join(text for _, text in turns)  # nothing else changes


def test_text_without_questions_is_divided_by_topic() -> None:
    cats = ("Cats sleep most of the day and hunt at dusk. A cat's whiskers measure gaps, and "
            "its purr may help bones heal. Kittens learn hunting from their mother cat. ")
    compilers = ("A compiler parses source code into a syntax tree, then lowers it to an "
                 "intermediate representation. Register allocation and instruction selection "
                 "follow; the optimizer inlines functions and removes dead code. ")
    paragraphs = [cats * 4] * 8 + [compilers * 4] * 8
    blocks = [BlockSpec(BlockKind.PARAGRAPH, text) for text in paragraphs]
    transcript = with_auto_chapters(build_transcript(
        title="t", show=None, format="test", source=None, fingerprint="", blocks=blocks))
    assert [c.block_index for c in transcript.chapters] == [0, 8]
    cat_words = ("cat", "whiskers", "purr", "kitten", "hunt")
    assert any(word in transcript.chapters[0].title.casefold() for word in cat_words)
    assert any(word in transcript.chapters[1].title.casefold()
               for word in ("compiler", "code", "register", "instruction", "optimizer"))
    # A phrase, not a list of words.
    assert not [c.title for c in transcript.chapters if "," in c.title]


def test_question_titles_drop_the_asking_formula() -> None:
    assert question_title(["So can you tell us a little bit about your background?"]) == (
        "Your background")
    assert question_title(["I wanted to ask about scaling laws?"]) == "Scaling laws"
    assert question_title(["What do you think about open source models?"]) == (
        "Open source models")
    assert question_title(["No question here."]) is None


def test_long_question_titles_keep_the_phrase_that_names_the_topic() -> None:
    assert question_title(["What was the hardest part of your first real project?"]) == (
        "The hardest part of your first real project")
    assert question_title(["Where do you think household robots will be in ten years?"]) == (
        "Where household robots will be in ten years")
    assert question_title(["And how do you see the role of open source models that people are "
                           "building in the community when it comes to safety?"]) == (
        "The role of open source models")


def test_a_section_without_a_question_is_named_by_a_phrase_it_repeats() -> None:
    section = ("Reinforcement learning was the thing. We used reinforcement learning for the "
               "robot hand, and the reward was sparse. The reward shaping took months.")
    rest = Counter({"robot": 30, "hand": 30, "months": 10})
    assert topic_title(section, rest) == "Reinforcement learning"
    assert topic_title("Nothing here is said twice.", rest) is None


def test_a_labelled_follow_up_after_a_short_reply_is_the_same_section() -> None:
    answer = ("I spent years on it with a small team, in a garage at first and then in a lab, "
              "and we learned more from what broke than from what worked, every single time. "
              "Most of it was soldering, and most of the rest was waiting for parts to arrive.")
    turns = [
        ("Host", "Can you tell us how you started in robotics?"),
        ("Guest", "Sure, happy to."),  # a short reply: the host is still on the question
        ("Host", "I mean the very first robot you built, back when you were a kid at school?"),
        ("Guest", answer),
        ("Host", "What was the hardest part of your first real project?"),
        ("Guest", answer),
    ]
    blocks = [BlockSpec(BlockKind.PARAGRAPH, text, speaker=speaker) for speaker, text in turns]
    transcript = with_auto_chapters(build_transcript(
        title="t", show=None, format="test", source=None, fingerprint="", blocks=blocks))
    assert [c.block_index for c in transcript.chapters] == [0, 4]


def test_a_file_of_thousands_of_questions_opens_quickly_without_sections(
        tmp_path: Path) -> None:
    # 10,000 lines of "? ? ? ?? ???" (50,000 sentences, no interview): the turn model took
    # about a minute over them and named a thousand sections "Part N".
    path = tmp_path / "questions.txt"
    path.write_text("? ? ? ?? ???\n" * 10_000, "utf-8")
    transcript = load_transcript(path)
    assert [c for c in transcript.chapters if c.kind is ChapterKind.AUTO] == []
