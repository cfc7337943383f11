"""Searching both bundled interviews through a real index on disk."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from reader.core.formats import load_transcript
from reader.core.search import SearchIndex, SearchResults
from tests.conftest import EYE, LEX
from tests.core.test_search_support import add_note, make_library, names

LEX_TITLE = "Ilya Sutskever: Deep Learning | Lex Fridman Podcast #94"
EYE_TITLE = "Eye On AI - Ilya Sutskever"


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchIndex]:
    root = tmp_path_factory.mktemp("search")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_DATA_HOME", str(root / "data"))
        library = make_library(root / "library")
        add_note(library / LEX.name, "compute availability",
                 note="Why **GPUs** mattered more than clever parameter counts",
                 tags=("hardware", "History"))
        add_note(library / EYE.name, "I was born in Russia", note="biography")
        search_index = SearchIndex(library, root / "index")
        search_index.update()
        yield search_index
        search_index.close()


def search(index: SearchIndex, query: str, limit: int = 20) -> SearchResults:
    return index.search(query, limit, exact_total=True)


def texts(results: SearchResults) -> list[str]:
    return [hit.snippet.plain for hit in results.hits]


def test_a_query_matching_both_interviews_shows_both_in_the_first_five(
        index: SearchIndex) -> None:
    # Without the diversity rule the first seven hits for these are all from the Lex outline.
    for query in ("deep learning", "compute"):
        first_five = search(index, query).hits[:5]
        assert {hit.title for hit in first_five} == {LEX_TITLE, EYE_TITLE}, query


def test_a_hit_points_at_its_passage_with_chapter_and_time(index: SearchIndex) -> None:
    results = search(index, "Hessian")
    hit = results.hits[0]
    assert hit.path.name == LEX.name and hit.kind == "passage"
    text = load_transcript(LEX).text
    assert text[hit.start:hit.end] == ("Hessian-free optimization as an early proof that deep "
                                       "nets can train from scratch")
    assert hit.chapter_title == ("AlexNet origins: training deep nets end-to-end and the "
                                 "compute bottleneck")
    assert hit.chapter_id is not None and hit.chapter_id.startswith("source-")
    assert hit.time == 0.0
    assert [run for run in hit.snippet.runs if run[1]] == [("Hessian", True)]


def test_every_hit_of_the_raw_transcript_is_a_place_in_its_display_text(
        index: SearchIndex) -> None:
    transcript = load_transcript(EYE)
    text = transcript.text
    hits = [h for h in search(index, "Hinton").hits if h.path.name == EYE.name]
    assert len(hits) >= 3
    for hit in hits:
        assert "Hinton" in text[hit.start:hit.end]
        assert hit.time is None
        # Named by the automatic section it is in (the file has no chapters of its own).
        section = transcript.chapter_index_at(hit.start)
        assert hit.chapter_title == (transcript.chapters[section].title
                                     if section is not None else None)


def test_stemming_finds_every_form_of_a_word(index: SearchIndex) -> None:
    found = " ".join(texts(search(index, "scaled", limit=40))).lower()
    assert "scaling" in found and re.search(r"\bscale\b", found)


def test_a_phrase_needs_its_words_next_to_each_other_in_order(index: SearchIndex) -> None:
    phrase = search(index, '"deep learning"')
    assert phrase.total >= 5
    assert all(re.search(r"deep learning", t, re.I) for t in texts(phrase))
    assert search(index, '"learning deep"').total == 0
    assert search(index, "learning deep").total >= phrase.total


def test_ascii_apostrophes_and_quotes_find_typographic_ones(index: SearchIndex) -> None:
    # Both transcripts write ’ (U+2019); the user types '.
    results = search(index, "wasn't")
    assert results.total >= 1
    assert any("wasn’t" in t for t in texts(results))
    assert search(index, "“deep learning”").total == search(index, '"deep learning"').total


def test_letter_case_and_accents_do_not_count(index: SearchIndex) -> None:
    plain = search(index, "sutskever").total
    assert plain > 0
    assert search(index, "SUTSKÉVER").total == plain


def test_fuzzy_finds_a_misspelled_name_and_plain_search_suggests_it(
        index: SearchIndex) -> None:
    assert search(index, "Sutskevr").total == 0
    assert search(index, "Sutskevr").suggestion == "Sutskever"
    fuzzy = search(index, "sutskevr~")
    assert names(fuzzy) == {LEX.name, EYE.name}
    assert any(match and text == "Sutskever" for hit in fuzzy.hits
               for text, match in hit.snippet.runs)


def test_prefix_matches_words_that_start_with_it(index: SearchIndex) -> None:
    found = " ".join(texts(search(index, "transform*"))).lower()
    assert "transformers" in found


def test_or_and_not(index: SearchIndex) -> None:
    either = search(index, "cuda OR imagenet")
    assert either.total > max(search(index, "cuda").total, search(index, "imagenet").total) - 1
    assert all(re.search(r"cuda|imagenet", t, re.I) for t in texts(either))
    without = search(index, "neural -network", limit=50)
    assert without.total > 0
    assert not any(re.search(r"\bnetworks?\b", t, re.I) for t in texts(without))
    assert search(index, "neural NOT network").total == without.total


def test_title_and_chapter_fields_limit_where_words_are_looked_for(index: SearchIndex) -> None:
    assert names(search(index, "title:eye scaling")) == {EYE.name}
    assert names(search(index, "title:lex scaling")) == {LEX.name}
    in_chapter = search(index, "chapter:alexnet")
    # The heading, summary and four bullets of chapter 1, and the highlight in it.
    assert sorted(hit.kind for hit in in_chapter.hits) == ["note"] + ["passage"] * 6
    assert {hit.chapter_title for hit in in_chapter.hits} == {
        "AlexNet origins: training deep nets end-to-end and the compute bottleneck"}


def test_notes_are_found_by_their_text_tags_and_quote(index: SearchIndex) -> None:
    by_note = search(index, "note:gpus")
    assert [hit.kind for hit in by_note.hits] == ["note"]
    note = by_note.hits[0]
    assert note.path.name == LEX.name and note.annotation_id
    assert note.snippet.plain.startswith("“compute availability” — Why **GPUs**")
    assert load_transcript(LEX).text[note.start:note.end] == "compute availability"
    assert [h.annotation_id for h in search(index, "tag:history").hits] == [note.annotation_id]
    assert search(index, "tag:hardware").hits[0].tags == ("hardware", "History")
    plain = search(index, "biography")
    assert [(h.kind, h.path.name) for h in plain.hits] == [("note", EYE.name)]


def test_broken_syntax_is_searched_literally_with_a_note(index: SearchIndex) -> None:
    broken = search(index, "AND OR ((")
    assert broken.hits == () and len(broken.notes) == 1
    assert "as typed" in broken.notes[0]
    literal = search(index, "scaling ((")
    assert literal.total == search(index, "scaling").total
    assert literal.notes and "never closed" in literal.notes[0]


def test_a_query_of_common_words_or_only_exclusions_explains_itself(
        index: SearchIndex) -> None:
    assert "too common" in search(index, "the").notes[0]
    assert "only of exclusions" in search(index, "-scaling").notes[0]


def test_json_of_a_hit_has_the_command_line_shape(index: SearchIndex) -> None:
    data = search(index, "Hessian").as_json()
    assert set(data) == {"query", "total", "hits"}
    assert set(data["hits"][0]) == {"path", "title", "chapter", "start", "offset", "snippet",
                                    "kind", "score"}
