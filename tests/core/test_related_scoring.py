"""Related passages are scored from the raw postings with Whoosh's own BM25F numbers."""

from __future__ import annotations

from pathlib import Path

from reader.core.related.scoring import TermScores, best_documents, owner_documents
from reader.core.search import documents as d
from reader.core.search.index import open_engine
from tests.conftest import EYE, LEX
from tests.core.test_search_support import make_library, open_index

TERMS = ["kernel", "imagenet", "scale", "transform", "reinforc", "learn", "neural", "gpu"]


def whoosh_scores(searcher: object, term: str) -> dict[int, float]:
    """Whoosh's own scorer, one posting at a time (what the related query used to run)."""
    matcher = searcher.postings(d.BODY, term, weighting=searcher.weighting)  # type: ignore
    found = {}
    while matcher.is_active():
        found[matcher.id()] = matcher.score()
        matcher.next()
    return found


def test_scores_are_whooshs_over_several_segments_with_deleted_passages(tmp_path: Path) -> None:
    library = make_library(tmp_path / "library")
    with open_index(library, tmp_path / "index") as index:  # both interviews in one segment
        eye = library / EYE.name
        eye.write_bytes(eye.read_bytes() + b"\nScaling kernels on a GPU, once more.\n")
        index.update()  # Eye on AI again in a second segment, deleted from the first
        searcher = open_engine(index).searcher()
        reader = searcher.reader()
        assert len(reader.leaf_readers()) >= 2 and reader.has_deletions()
        for term in TERMS:
            expected = whoosh_scores(searcher, term)
            ids, found = TermScores(d.BODY).of(searcher, term)
            assert dict(zip(ids, found, strict=True)) == expected, term
            assert len(ids) > 0
            # the same from the document frequency the query knows already
            ids, found = TermScores(d.BODY).of(searcher, term,
                                               reader.doc_frequency(d.BODY, term))
            assert dict(zip(ids, found, strict=True)) == expected, term


def test_the_best_passages_sum_the_weighted_scores_without_the_excluded(tmp_path: Path) -> None:
    library = make_library(tmp_path / "library")
    with open_index(library, tmp_path / "index") as index:
        searcher = open_engine(index).searcher()
        weights = {"kernel": 2.0, "imagenet": 1.0, "gpu": 0.5}
        expected: dict[int, float] = {}
        for term, weight in weights.items():
            for document, score in whoosh_scores(searcher, term).items():
                expected[document] = expected.get(document, 0.0) + weight * score
        lex = d.owner(d.PASSAGE, d.transcript_key(library.resolve() / LEX.name))
        excluded = owner_documents(searcher, d.OWNER, [lex])
        assert excluded
        best = best_documents(TermScores(d.BODY), searcher, weights, 5, excluded)
        wanted = sorted(((s, n) for n, s in expected.items() if n not in excluded),
                        reverse=True)[:5]
        assert best == wanted
        owners = {searcher.stored_fields(n)[d.OWNER] for _, n in best}
        assert owners == {d.owner(d.PASSAGE, d.transcript_key(library.resolve() / EYE.name))}
