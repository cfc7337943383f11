"""Section titles read as a table of contents: on the bundled Eye on AI interview and on the
shared corpus's interviews read as bare text, no title is a first-person answer, spells letters
or an address, or stops on a word that needs the next one ("...being done to address")."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from reader.core.formats import load_transcript, rawtext
from reader.core.formats.decode import SourceText
from reader.core.sections import with_auto_chapters
from reader.core.sections.titles import opening_words, question_title, topic_title
from tests.conftest import EYE

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
PRACTICAL_AI = CORPUS / "bulk" / "changelog-practical-ai-md"
FIRST_PERSON = {"i", "i'm", "i've", "i'd", "i'll", "we", "we're", "we've", "my", "me", "our"}
# A title that stops on one of these has lost the word it needs.
DANGLING_END = {"a", "an", "the", "of", "to", "and", "or", "that", "which", "is", "are", "was",
                "your", "my", "our", "their", "address", "between", "than", "whether"}
SPELLED = re.compile(r"\b(?:[a-z]-){2,}[a-z]\b|\bhyphen\b|\bwww\.|https?:|\.(?:com|ai)\b",
                     re.IGNORECASE)


def _problems(title: str) -> list[str]:
    words = [w.strip(".,;:!?\"“”‘’()").replace("’", "'").casefold() for w in title.split()]
    problems = []
    if re.fullmatch(r"\d+|Part \d+|Section \d+", title):
        problems.append("a number, not a title")
    quoted = title.startswith("“") and title.endswith("”")  # the section's own opening words
    if words[0] in FIRST_PERSON and not quoted:
        problems.append("first person")
    if SPELLED.search(title):
        problems.append("spelled letters or an address")
    if not title.endswith(("…", "…”", "?”")) and words[-1] in DANGLING_END:
        problems.append("cut mid-phrase")
    if len(title) > 61:
        problems.append("too long")
    if title.count("“") != title.count("”") or '"' in title:
        problems.append("half a quotation")
    return problems


def test_the_eye_on_ai_titles_read_as_a_table_of_contents() -> None:
    titles = [c.title for c in load_transcript(EYE).chapters]
    assert {t: _problems(t) for t in titles if _problems(t)} == {}
    # "I don't remember the exact comment" (an answer), "E-y-e hyphen" (the address spelled
    # out) and "Is there something that is being done to address" are gone.
    assert not [t for t in titles if "remember" in t or "hyphen" in t.casefold()
                or t.endswith("address")]
    assert "The hardware question" in titles  # not "Are you involved at all in..."
    assert "Did Rich Sutton have an influence on you" in titles  # "he" named
    assert "Aspiration for helping humans manage society" in titles
    assert titles[-1] == "Closing remarks"  # the outro to the listeners


def test_a_cut_question_keeps_its_object_or_says_it_was_cut() -> None:
    title = question_title(["Is there something that is being done to address that in your "
                            "research going forward?"])
    assert title == "Addressing that in your research"
    long = question_title(["How do you think about the way the whole industry has been "
                           "building bigger and bigger models for the last five years?"])
    assert long is not None and (long.endswith("…") or long.split()[-1] not in DANGLING_END)
    assert question_title(["What do you think is going on with black holes?"]) == (
        "What is going on with black holes")
    assert question_title(["Do you think AI systems will eventually be large enough that they "
                           "can understand a situation?"]) == (
        "Whether AI systems will eventually be large enough")


def test_a_first_person_remark_is_not_a_title() -> None:
    assert question_title(["I don't remember the exact comment, do I?"]) is None
    assert question_title(["Can you spell it, e-y-e hyphen o-n dot a-i?"]) is None


def test_a_section_with_nothing_fit_is_named_by_its_opening_words() -> None:
    assert opening_words("Okay. So that has a high correlation with what people want.") == (
        "“So that has a high correlation…”")
    assert opening_words("Where can we find that?") == "“Where can we find that?”"
    assert opening_words("… ? !") is None


def _bare_text(markdown: str) -> str:
    """A speaker-labelled Practical AI transcript as bare text: labels and notes dropped."""
    paragraphs = []
    for paragraph in markdown.split("\n\n"):
        text = re.sub(r"^\*\*[^*:]+:\*\*\s*", "", paragraph.strip())
        text = re.sub(r"\\\[[^\]]*\\\]|\[[^\]]*\]\([^)]*\)|\[[^\]]*\]", " ", text)
        if text.strip() and not text.startswith("#"):
            paragraphs.append(" ".join(text.replace("*", "").split()))
    return "\n\n".join(paragraphs) + "\n"


@pytest.mark.skipif(not PRACTICAL_AI.is_dir(), reason=f"no shared test corpus at {CORPUS}")
@pytest.mark.parametrize("episode", ["practical-ai-183", "practical-ai-289", "practical-ai-85",
                                     "practical-ai-14", "practical-ai-139"])
def test_titles_of_other_interviews_read_as_bare_text_have_no_broken_ones(episode: str) -> None:
    text = _bare_text((PRACTICAL_AI / f"{episode}.md").read_text(encoding="utf-8"))
    transcript = with_auto_chapters(rawtext.read(SourceText(Path("bare.txt"), text, "")))
    titles = [c.title for c in transcript.chapters]
    assert len(titles) >= 5
    assert {t: _problems(t) for t in titles if _problems(t)} == {}


def test_a_topic_title_is_a_distinctive_phrase_not_a_date_a_number_or_a_filler() -> None:
    # "Time", "Thursday", "Two hours" and "Little bit" are repeated more often than the
    # topic, but name nothing a reader would look for in a table of contents.
    text = ("On Thursday we talked for two hours, a little bit about time. " * 4
            + "The climate change models need time. Climate change is the topic. ")
    assert topic_title(text, Counter()) == "Climate change"
    only_fillers = "Last Thursday it took time, a little bit of time, two hours. " * 3
    assert topic_title(only_fillers, Counter()) is None
