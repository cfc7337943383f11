"""The engine's own collection of the best documents, against Whoosh's collector running
Whoosh's own queries: the same documents, the same scores (to the last bit), the same order."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from reader.core.search import SearchIndex, engine
from reader.core.search import documents as docs
from reader.core.search.engine import collect
from reader.core.search.engine import queries as engine_queries
from reader.core.search.query import parse
from reader.core.search.translate import Translator
from tests.conftest import LEX
from tests.core.test_search_support import make_library, open_index

wq: Any = engine_queries.wq  # type: ignore[attr-defined]

QUERIES = [  # each matches something in the two interviews
    "learning", "deep learning", "neural network", '"deep learning"', '"language model"',
    "sutskevr~", "learn~", "data~2", "learn~ model", "gpu OR tpu", "gpu OR compute OR hardware",
    "(gpu OR compute) training", "deep -learning", "neural -network -deep", "compute~ OR scale",
    "deep learning deep", "train~ OR model~ OR scale", "scale~2 -compute",
]


def whoosh_s_own(q: Any) -> Any:
    """The same query made only of Whoosh's own classes (its own AND and phrase matchers)."""
    if type(q) is engine_queries.AllOf:
        return wq.And([whoosh_s_own(sub) for sub in q.subqueries])
    if type(q) is engine_queries.Phrase:
        return wq.Phrase(q.fieldname, list(q.words))
    if type(q) in (wq.Or, wq.And):
        return type(q)([whoosh_s_own(sub) for sub in q.subqueries])
    if type(q) is engine_queries.ButNot:  # Whoosh's with its first document tested too
        return engine_queries.ButNot(whoosh_s_own(q.a), whoosh_s_own(q.b))
    return q


def assert_same_as_whoosh(index: engine.Engine, query: str) -> int:
    """Every match and the top ten of ``query``, ours and Whoosh's; returns the matches."""
    searcher = index.searcher()
    q = Translator(engine_queries.QueryBuilder(searcher, index._expand)).node(
        parse(query).node)  # type: ignore[arg-type]
    assert q is not None, query
    ours = collect.top_documents(searcher, q, 1_000_000)
    assert ours is not None, f"{query}: left to Whoosh's collector"
    theirs = searcher.search(whoosh_s_own(q), limit=None)
    expected = [(score, docnum) for docnum, score in theirs.items()]
    assert ours == (expected, len(expected)), query
    top = collect.top_documents(searcher, q, 10)
    assert top is not None
    assert top[0] == [(score, docnum) for docnum, score in
                      searcher.search(whoosh_s_own(q), limit=10).items()], query
    return len(expected)


def assert_records_as_whoosh_finds_them(index: engine.Engine) -> None:
    """Each transcript's record (an unscored field) found without Whoosh's collector."""
    searcher = index.searcher()
    owners = {str(fields[docs.OWNER]) for fields in searcher.all_stored_fields()}
    assert len(owners) > 2
    for owner in sorted(owners):
        theirs = [docnum for docnum, _ in
                  searcher.search(wq.Term(docs.OWNER, owner), limit=3).items()]
        assert collect.first_documents(searcher, docs.OWNER, owner, 3) == theirs, owner


def test_the_usual_queries_find_and_score_as_whoosh_s_own(tmp_path: Path) -> None:
    library = make_library(tmp_path / "library")
    with open_index(library, tmp_path / "index") as search:
        index = engine.Engine(tmp_path / "index")
        for query in QUERIES:
            assert assert_same_as_whoosh(index, query), query
        assert_records_as_whoosh_finds_them(index)
        # A changed transcript: its old passages are deleted documents of the first segment.
        changed = library / LEX.name
        changed.write_text(changed.read_text("utf-8") + "\n\nOne more deep learning line.\n",
                           "utf-8")
        search.update()
        assert index.searcher().reader().has_deletions()
        for query in QUERIES:
            assert assert_same_as_whoosh(index, query), query
        assert_records_as_whoosh_finds_them(index)
        index.close()


def test_a_segment_of_over_5000_passages_adds_or_scores_in_whoosh_s_tree(
        tmp_path: Path) -> None:
    # Whoosh adds the scores of three or more OR'd words through a tree of unions only in a
    # segment of over 5,000 documents (an array, one word after another, in smaller ones).
    words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "theta"]
    folder = tmp_path / "index"
    folder.mkdir()
    engine.create(folder)
    index = engine.Engine(folder)
    writer = index.writer(False)
    rng = random.Random(5)
    for number in range(5_200):  # passages of 1-8 words: varied lengths and counts
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 8)))
        writer.add(docs.IndexDocument(f"{docs.PASSAGE}:{number}", {docs.BODY: text},
                                      {"text": text}))
    writer.commit()
    assert index.searcher().doc_count_all() > 5_000
    for query in ("alpha OR beta OR gamma", "alpha OR beta OR gamma OR delta OR zeta",
                  "(alpha OR beta OR gamma) delta", "alpha beta gamma", '"alpha beta"'):
        assert assert_same_as_whoosh(index, query) > 100
    index.close()


@pytest.mark.parametrize("query", ["transform*", "title:lex neural"])
def test_other_queries_are_left_to_whoosh_s_collector(tmp_path: Path, query: str) -> None:
    library = tmp_path / "library"
    library.mkdir()
    (library / LEX.name).write_bytes(LEX.read_bytes())
    with SearchIndex(library, tmp_path / "index") as search:
        search.update()
        assert search.search(query, 5).hits  # still found, by Whoosh
        index = engine.Engine(tmp_path / "index")
        searcher = index.searcher()
        q = Translator(engine_queries.QueryBuilder(searcher, index._expand)).node(
            parse(query).node)  # type: ignore[arg-type]
        assert collect.top_documents(searcher, q, 10) is None
        index.close()


def test_an_exclusion_leaves_out_every_passage_holding_the_excluded_word(
        tmp_path: Path) -> None:
    # Whoosh's own matcher for "a but not b" never tested a's first document against b when
    # b's first came before it: ``neural -deep`` let through a passage saying "deep" wherever
    # every match is read (exact totals, filters, this module's comparison above).
    folder = tmp_path / "index"
    folder.mkdir()
    engine.create(folder)
    index = engine.Engine(folder)
    writer = index.writer(False)
    for number, text in enumerate(["deep water", "neural and deep", "neural nets", "deep"]):
        writer.add(docs.IndexDocument(f"{docs.PASSAGE}:{number}", {docs.BODY: text},
                                      {"text": text}))
    writer.commit()
    searcher = index.searcher()
    neural, deep = wq.Term(docs.BODY, "neural"), wq.Term(docs.BODY, "deep")
    assert sorted(searcher.docs_for_query(wq.AndNot(neural, deep))) == [1, 2]  # the flaw
    assert sorted(searcher.docs_for_query(engine_queries.ButNot(neural, deep))) == [2]
    index.close()


def test_postings_read_a_term_at_a_time_are_whoosh_s_own(tmp_path: Path) -> None:
    # Every term's blocks taken apart from one read of its bytes, positions decoded without
    # unpickling where they can be: the same documents, weights and positions as Whoosh's
    # matcher gives one posting at a time; with ``wanted``, the blocks holding those.
    from reader.core.search import conjunction

    library = tmp_path / "library"
    library.mkdir()
    (library / LEX.name).write_bytes(LEX.read_bytes())
    with SearchIndex(library, tmp_path / "index") as search:
        search.update()
    index = engine.Engine(tmp_path / "index")
    reader = index.searcher().reader()
    decode = engine_queries._decoder(reader.schema[docs.BODY].format)
    blocks = 0
    for term in list(reader.lexicon(docs.BODY)):
        ours = conjunction.read_postings(reader.postings(docs.BODY, term), True)
        theirs = reader.postings(docs.BODY, term)
        assert ours.ids == list(theirs.all_ids())
        theirs = reader.postings(docs.BODY, term)
        expected = list(theirs.items_as("positions"))
        assert [(i, decode(v)) for i, v in zip(ours.ids, ours.values, strict=True)] == expected
        blocks += conjunction._at_its_start(reader.postings(docs.BODY, term))
        wanted = ours.ids[len(ours.ids) // 2:][:1]
        some = conjunction.read_postings(reader.postings(docs.BODY, term), False, wanted)
        assert set(wanted) <= set(some.ids) <= set(ours.ids)
    assert blocks > 10  # terms long enough for blocks of their own
    index.close()
