"""Related passages: other transcripts' passages about the same idea, from the search index."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from reader.core.annotations.lookup import whitespace_matches
from reader.core.formats import load_transcript
from reader.core.related import QuoteNotFound, RelatedFinder, offset_of_quote, passage_at
from reader.core.related.abbreviations import learn
from reader.core.search.engine import term_of
from tests.conftest import EYE, LEX
from tests.core.test_search_support import make_library, open_index

JUDGMENTS = Path(__file__).resolve().parents[1] / "data" / "related_judgments.json"


@pytest.fixture
def library(tmp_path: Path) -> Path:
    return make_library(tmp_path / "library")


@pytest.fixture
def finder(library: Path, tmp_path: Path) -> Iterator[RelatedFinder]:
    with open_index(library, tmp_path / "index") as index:
        yield RelatedFinder(index)


def related_to(finder: RelatedFinder, library: Path, name: str, quote: str, limit: int = 3):
    transcript = load_transcript(library / name)
    return finder.related(transcript, offset_of_quote(transcript, quote), limit)


def test_a_lex_bullet_finds_the_eye_on_ai_passages_on_reinforcement_learning(
        finder: RelatedFinder, library: Path) -> None:
    # The outline says "RL", the interview "reinforcement learning": learned, not listed.
    results = related_to(finder, library, LEX.name, "RL’s uniqueness: non-stationary data")
    assert results.hits
    assert {hit.path.name for hit in results.hits} == {EYE.name}
    assert "reinforcement" in results.query.split()
    assert any("reinforcement learning" in hit.snippet.plain for hit in results.hits)


def test_an_eye_on_ai_passage_finds_the_alexnet_chapter_of_the_outline(
        finder: RelatedFinder, library: Path) -> None:
    results = related_to(finder, library, EYE.name,
                         "Alex had these very fast convolutional kernels")
    assert {hit.path.name for hit in results.hits} == {LEX.name}
    assert results.hits[0].snippet.plain.startswith("Alex’s fast CUDA kernels")
    assert results.hits[0].chapter_title and "AlexNet" in results.hits[0].chapter_title


def test_shared_key_terms_are_marked_in_the_snippet(finder: RelatedFinder,
                                                    library: Path) -> None:
    results = related_to(finder, library, EYE.name,
                         "Alex had these very fast convolutional kernels")
    marked = {text.lower() for text, is_match in results.hits[0].snippet.runs if is_match}
    assert {"kernels", "imagenet"} <= marked


def test_hits_point_at_their_passage(finder: RelatedFinder, library: Path) -> None:
    lex = load_transcript(library / LEX.name)
    results = related_to(finder, library, EYE.name,
                         "transformers address the limitations of recurrent neural networks", 5)
    for hit in results.hits:
        passage = " ".join(lex.text[hit.start:hit.end].split())
        assert hit.snippet.plain.strip("…") in passage


def test_the_passages_own_transcript_is_never_a_hit(tmp_path: Path) -> None:
    library = tmp_path / "alone"
    library.mkdir()
    (library / LEX.name).write_bytes(LEX.read_bytes())
    lex = load_transcript(library / LEX.name)
    with open_index(library, tmp_path / "index") as index:
        results = RelatedFinder(index).related(lex, offset_of_quote(lex, "Scaling continues"),
                                               10)
    assert results.query  # key terms were found…
    assert results.hits == () and results.total == 0  # …but only in the transcript itself


def test_every_passage_of_both_interviews_finds_only_the_other(finder: RelatedFinder,
                                                               library: Path) -> None:
    for name, other in ((LEX.name, EYE.name), (EYE.name, LEX.name)):
        transcript = load_transcript(library / name)
        seen = set()
        offset = 0
        while (passage := passage_at(transcript, offset)) is not None \
                and passage.start not in seen:
            seen.add(passage.start)
            hits = finder.related(transcript, passage.start, 5).hits
            assert all(hit.path.name == other for hit in hits), passage.text
            offset = passage.end + 1
        assert len(seen) > 50


def test_a_passage_under_a_chapter_carries_the_chapter_title_and_summary() -> None:
    lex = load_transcript(LEX)
    passage = passage_at(lex, offset_of_quote(lex, "RL’s uniqueness"))
    assert passage is not None
    assert passage.text.startswith("RL’s uniqueness")
    assert passage.context.startswith("Unity across vision, language, and RL")
    assert "Lex asks about commonalities" in passage.context


def test_a_quote_that_is_not_there_is_one_line() -> None:
    lex = load_transcript(LEX)
    with pytest.raises(QuoteNotFound) as error:
        offset_of_quote(lex, "the meaning of bananas")
    assert "\n" not in str(error.value) and "not in the transcript" in str(error.value)


def test_abbreviations_are_learned_from_definitions_and_co_occurrence() -> None:
    table = learn([("a", "We use reinforcement learning (RL) here."), ("a", "RL is slow."),
                   ("b", "Large language models (LLMs) and a large language model."),
                   ("b", "LLMs again."), ("c", "So I think ST and ST."),
                   ("d", "The NBA is a league. The NBA.")], term_of)
    assert table.expand("rl") == [("reinforc", "learn")]
    assert table.expand("llm") == [("larg", "languag", "model")]
    assert table.expand("nba") == []  # no long form anywhere
    assert table.expand("st") == []  # "so think": common words, no fixed phrase
    assert table.acronyms_in(["deep", "reinforc", "learn"]) == [("rl", ("reinforc", "learn"))]


def test_a_long_form_in_one_interview_is_searched_as_the_acronym_of_the_other(
        finder: RelatedFinder, library: Path) -> None:
    results = related_to(finder, library, EYE.name,
                         "has an additional reinforcement learning training process")
    assert "rl" in results.query.split()
    assert results.hits[0].chapter_title == ("Unity across vision, language, and RL—and what "
                                             "makes RL different")


def test_precision_at_3_on_the_judgments(finder: RelatedFinder, library: Path) -> None:
    """The measured quality holds (docs/related.md: 0.474; plain TF-IDF 0.295)."""
    judgments = json.loads(JUDGMENTS.read_text("utf-8"))
    transcripts = {name: load_transcript(library / file)
                   for name, file in judgments["transcripts"].items()}
    precisions = []
    for query in judgments["queries"]:
        source = transcripts[query["from"]]
        other = transcripts["eye" if query["from"] == "lex" else "lex"]
        good = [span for quote in query["related"]
                for span in whitespace_matches(other.text, quote)[:1]]
        hits = finder.related(source, offset_of_quote(source, query["quote"]), 3).hits
        relevant = sum(any(h.start < end and start < h.end for start, end in good)
                       for h in hits)
        precisions.append(relevant / 3)
    assert sum(precisions) / len(precisions) >= 0.38


def test_key_terms_are_content_words_not_filler(finder: RelatedFinder, library: Path) -> None:
    # The chapter's summary says "improves again with further over-parameterization" and its
    # title "get worse before they get better": neither "again" nor "they" is what it is about.
    results = related_to(finder, library, LEX.name, "Deep Double Descent")
    words = results.query.split()
    assert {"descent", "double", "interpolation"} <= set(words)
    assert not {"again", "further", "over", "they", "get", "before", "better"} & set(words)


def test_the_top_of_a_transcript_is_related_through_its_first_real_paragraph(
        finder: RelatedFinder, library: Path) -> None:
    lex = load_transcript(library / LEX.name)
    passage = passage_at(lex, 0)
    assert passage is not None
    assert passage.text.startswith("Lex asks Ilya to rewind to the AlexNet era")
    words = finder.related(lex, 0, 3).query.split()
    assert "alexnet" in words
    assert not {"podcast", "fridman", "94"} & set(words)
    # Under the Eye on AI title comes a line of sponsors' names: not a paragraph either.
    eye = passage_at(load_transcript(library / EYE.name), 0)
    assert eye is not None and eye.text.startswith("I’m Craig Smith, and this is Eye on AI.")



def _eye_passage(library: Path, quote: str) -> tuple[Any, int, Any]:
    """The Eye on AI interview, where ``quote`` starts, and the passage holding it."""
    eye = load_transcript(library / EYE.name)
    offset = offset_of_quote(eye, quote)
    passage = passage_at(eye, offset)
    assert passage is not None
    return eye, offset, passage


def test_a_word_in_too_many_passages_is_not_searched_even_among_the_heaviest_terms(
        finder: RelatedFinder, library: Path) -> None:
    # In a big library reading such a word's postings took most of a slow query's time.
    eye, offset, passage = _eye_passage(library, "Alex had these very fast convolutional kernels")
    heaviest = finder.query_terms(passage)[:4]
    commonest = max(heaviest, key=lambda term: term.documents)
    finder.max_documents = commonest.documents - 1
    results = finder.related(eye, offset, 3)
    assert commonest.word not in results.query.split()
    assert {term.word for term in heaviest if term.documents < commonest.documents} <= set(
        results.query.split())
    assert {hit.path.name for hit in results.hits} == {LEX.name}


def test_a_passage_of_common_words_only_still_finds_related_passages(
        finder: RelatedFinder, library: Path) -> None:
    # Every key term in more passages than the finder reads: the least common one is searched.
    eye, offset, passage = _eye_passage(library,
                                        "has an additional reinforcement learning training")
    rarest = min(finder.query_terms(passage), key=lambda term: (term.documents, -term.weight))
    finder.max_documents = 0
    results = finder.related(eye, offset, 3)
    assert results.query == rarest.word == "additional"
    assert results.hits and {hit.path.name for hit in results.hits} == {LEX.name}
    for hit in results.hits:
        assert [text.lower() for text, marked in hit.snippet.runs if marked] == ["additional"]
