"""Related hits carry what the index knows of their transcript, read once per index version."""

from __future__ import annotations

from pathlib import Path

from reader.core.formats import load_transcript
from reader.core.related import RelatedFinder, offset_of_quote, passage_at
from reader.core.search import documents as d
from reader.core.search.engine import term_of
from reader.core.search.index import hit_of, open_engine, transcript_record
from reader.core.search.matching import MatchedWords
from tests.conftest import EYE, LEX
from tests.core.test_search_support import make_library, open_index

QUOTE = "Alex had these very fast convolutional kernels"


def test_a_related_hit_shows_what_a_search_hit_shows_for_the_passage(tmp_path: Path) -> None:
    library = make_library(tmp_path / "library")
    with open_index(library, tmp_path / "index") as index:
        eye = load_transcript(library / EYE.name)
        finder = RelatedFinder(index)
        offset = offset_of_quote(eye, QUOTE)
        results = finder.related(eye, offset, 5)
        assert len(results.hits) >= 3
        engine = open_engine(index)
        searcher = engine.searcher()
        lex_passages = engine.documents_with_term(
            d.OWNER, d.owner(d.PASSAGE, d.transcript_key(library.resolve() / LEX.name)), 500)
        passage = passage_at(eye, offset)
        assert passage is not None
        marked = {key.term for key in finder.query_terms(passage)}
        for hit in results.hits:
            data = next(p for p in lex_passages if p["start"] == hit.start)
            # The record as search looks it up (a Whoosh query), not from the one pass.
            record = transcript_record(index, engine, str(data["owner"]).partition(":")[2])
            assert record is not None and searcher is engine.searcher()
            matched = MatchedWords(term_of)
            matched.add(d.BODY, marked)
            expected = hit_of(record, hit.score, data, matched)
            assert (hit.path, hit.title, hit.chapter_title, hit.time, hit.end) == (
                expected.path, expected.title, expected.chapter_title, expected.time,
                expected.end)
            assert hit.snippet.plain == expected.snippet.plain
        assert results.hits[0].chapter_title and "AlexNet" in results.hits[0].chapter_title


def test_after_a_transcript_is_renamed_its_passages_are_found_under_the_new_name(
        tmp_path: Path) -> None:
    library = make_library(tmp_path / "library")
    with open_index(library, tmp_path / "index") as index:
        finder = RelatedFinder(index)
        eye = load_transcript(library / EYE.name)
        before = finder.related(eye, offset_of_quote(eye, QUOTE), 3)
        assert {hit.path.name for hit in before.hits} == {LEX.name}
        renamed = library / ("renamed-" + LEX.name)
        (library / LEX.name).rename(renamed)
        index.update()
        after = finder.related(eye, offset_of_quote(eye, QUOTE), 3)
        assert after.hits and {hit.path for hit in after.hits} == {renamed.resolve()}
        assert [hit.start for hit in after.hits] == [hit.start for hit in before.hits]
