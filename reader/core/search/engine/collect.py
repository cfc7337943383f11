"""The best documents of the usual queries, scored a whole posting list at a time instead of
through Whoosh's collector.

Whoosh 2.7.4's collector asks the query's matcher for every matching document one call at a
time, through a tree of matchers (a union of two words is three calls a document, and a
score call per word): 2,100 matches of ``"open source"`` were a third of that query, the
7,000 passages of a fuzzy word's two spellings 36 ms. Here each segment's matches of plain
words (Whoosh's ``Term``), AND and phrases (:mod:`.queries`), OR and exclusions come back as
one dictionary of scores, the words' postings read a block at a time; the best are taken
with a heap. Scores are added in the order Whoosh's own matchers add them (its trees of
unions and intersections, its array union for small segments), so the hits, their scores and
their order are Whoosh's (a test compares them). Any other query (prefixes, fields that
filter, another weighting) returns None and Whoosh's collector runs it.

Part of the engine (see :mod:`.index_schema`).
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from itertools import chain
from typing import Any

from reader.core.search import conjunction
from reader.core.search.engine.queries import (
    ALL,
    ANY_OF,
    EXCEPT,
    NULL,
    TERM,
    WEIGHTING,
    AllOf,
    ButNot,
    Phrase,
    leaf_of,
    scorer_of,
)

Scores = dict[int, float]  # a segment's document -> score
Ranked = tuple[list[tuple[float, int]], int]  # (score, document) best first; how many matched

# Whoosh's OR builds a tree of unions unless the segment is small and there are more than
# two words: then it adds the words' scores into an array, one word after another.
_SMALL_SEGMENT = 5000


def top_documents(searcher: Any, q: Any, limit: int) -> Ranked | None:
    """The ``limit`` best (score, document) of ``q`` in the searcher's index, best first (the
    lower document first among equal scores, as Whoosh), and how many documents matched;
    None when ``q`` holds a part only Whoosh's collector runs."""
    context = searcher.context()
    if type(context.weighting) is not WEIGHTING or context.weighting.use_final:
        return None
    best: list[tuple[float, int]] = []  # (score, minus the document): the lower one wins
    total = 0
    for subsearcher, offset in searcher.leaf_searchers():
        found = scored(q, subsearcher, context)
        if found is None:
            return None
        total += len(found)
        matches: Iterable[tuple[int, float]] = found.items()
        if len(found) > limit:  # only those scoring at least the limit-th best can make it
            floor = heapq.nlargest(limit, found.values())[-1]
            matches = [(document, score) for document, score in matches if score >= floor]
        best = heapq.nlargest(limit, chain(best, ((score, -(offset + document))
                                                  for document, score in matches)))
    return [(score, -negated) for score, negated in best], total


def scored(q: Any, searcher: Any, context: Any) -> Scores | None:
    """Every document of one segment's ``searcher`` that ``q`` matches, with Whoosh's score;
    None when this module does not know ``q``."""
    kind = type(q)
    if kind is NULL:
        return {}
    if getattr(q, "boost", 1.0) != 1.0:
        return None
    if kind is TERM:
        return _term(q, searcher, context)
    if kind is AllOf or kind is Phrase:
        found = q.documents(searcher, context)
        if found is not None:
            return dict(zip(*found, strict=True))
        if kind is AllOf and not q.plain_words():  # words with OR, exclusions, fields...
            return _all_of(q.subqueries, searcher, context)
        return None
    if kind is ANY_OF and not q.scale and not q.minmatch \
            and q.matcher_type == ANY_OF.AUTO_MATCHER:
        return _any_of(q.subqueries, searcher, context)
    if kind is ALL:  # Whoosh's own, as a query made elsewhere may hold
        return _all_of(q.subqueries, searcher, context)
    if kind is ButNot or kind is EXCEPT:
        wanted, unwanted = scored(q.a, searcher, context), scored(q.b, searcher, context)
        if wanted is None or unwanted is None:
            return None
        return {document: score for document, score in wanted.items()
                if document not in unwanted}
    return None


def _parts(subqueries: list[Any], searcher: Any, context: Any) -> list[Scores] | None:
    parts = []
    for sub in subqueries:
        found = scored(sub, searcher, context)
        if found is None:
            return None
        parts.append(found)
    return parts


def _any_of(subqueries: list[Any], searcher: Any, context: Any) -> Scores | None:
    """Whoosh's OR (``Or._matcher`` with its automatic choice of matcher)."""
    parts = _parts(subqueries, searcher, context)
    if parts is None or not parts:
        return None if parts is None else {}
    if len(parts) == 1:
        return parts[0]
    if len(parts) < ANY_OF.TOO_MANY_CLAUSES and (
            len(parts) == 2 or searcher.doc_count_all() > _SMALL_SEGMENT):
        reader = searcher.reader()
        tree = conjunction.weighted_tree([q.estimate_size(reader) for q in subqueries])
        return _union(tree, parts)
    total: Scores = {}
    for part in parts:  # the array union: each word's scores added in turn
        for document, score in part.items():
            total[document] = total.get(document, 0.0) + score
    return total


def _union(tree: conjunction.Tree, parts: list[Scores]) -> Scores:
    if isinstance(tree, int):
        return parts[tree]
    left, right = _union(tree[0], parts), _union(tree[1], parts)
    if not left or not right:  # a word of the notes, say, that no note holds
        return left or right
    # The smaller added into a copy of the larger (adding two floats is commutative).
    larger, smaller = (left, right) if len(left) >= len(right) else (right, left)
    total = dict(larger)
    for document, score in smaller.items():
        mine = total.get(document)
        total[document] = score if mine is None else mine + score
    return total


def _all_of(subqueries: list[Any], searcher: Any, context: Any) -> Scores | None:
    """Whoosh's AND of anything (an intersection tree, the largest two first)."""
    parts = _parts(subqueries, searcher, context)
    if parts is None or not parts:
        return None if parts is None else {}
    reader = searcher.reader()
    tree = conjunction.weighted_tree([-q.estimate_size(reader) for q in subqueries])
    return _intersection(tree, parts)


def _intersection(tree: conjunction.Tree, parts: list[Scores]) -> Scores:
    if isinstance(tree, int):
        return parts[tree]
    left, right = _intersection(tree[0], parts), _intersection(tree[1], parts)
    return {document: score + right[document] for document, score in left.items()
            if document in right}


def _term(q: Any, searcher: Any, context: Any) -> Scores | None:
    """Every posting of one word, scored as Whoosh's BM25F scores it."""
    if q.minquality:
        return None
    field = q.fieldname
    if field not in searcher.schema:
        return {}
    try:
        text = searcher.schema[field].to_bytes(q.text)
    except ValueError:
        return {}
    reader = searcher.reader()
    if (field, text) not in reader:
        return {}
    leaf, deleted = leaf_of(searcher.postings(field, text, weighting=context.weighting))
    scorer = scorer_of(leaf)
    if scorer is None:
        return None
    postings = conjunction.read_postings(leaf, False)
    ids = postings.ids
    norms = list(map(conjunction.document_norms(reader, field, scorer), ids))
    found = dict(zip(ids, conjunction.term_scores(postings.weights, norms, scorer),
                     strict=True))
    for document in deleted:
        found.pop(document, None)
    return found


def first_documents(searcher: Any, field: str, text: str, limit: int) -> list[int] | None:
    """The first ``limit`` documents holding ``text`` in an unscored field (a transcript's
    record by its owner key, say): what Whoosh's search returns for it, every score being
    equal, without its collector; None for a scored field."""
    if searcher.schema[field].scorable:
        return None
    found: list[int] = []
    for subsearcher, offset in searcher.leaf_searchers():
        reader = subsearcher.reader()
        if (field, text) not in reader:
            continue
        matcher = reader.postings(field, text)
        while matcher.is_active() and len(found) < limit:
            found.append(offset + matcher.id())
            matcher.next()
    return found
