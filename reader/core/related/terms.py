"""A passage's key terms: its words weighted by how distinctive they are in the library.

Words that say nothing about what a passage is about (:mod:`.stopwords`: "again", "they",
"absolutely") are left out first; each other word's indexed form (folded, stemmed, as search
indexes it) gets ``tf x idf``: ``tf`` counts it in the passage (1 each) and in the chapter's
title and summary (:data:`CONTEXT_WEIGHT` each), damped as ``1 + log(tf)``;
``idf = log(1 + N / df)`` with ``N`` the index's documents and ``df`` those holding the term
(a term the index does not hold cannot match and is dropped, as is one in more than
:data:`MAX_SHARE` of the documents, which says nothing about a passage). Acronyms bring their
long forms and long forms their acronym (:mod:`.abbreviations`), at :data:`EXPANSION_WEIGHT`
of the word they stand for. The best :data:`MAX_TERMS` are the query.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from reader.core.related.abbreviations import Abbreviations
from reader.core.related.stopwords import STOP_WORDS
from reader.core.search.text import WORD_RE, fold

CONTEXT_WEIGHT = 0.2
EXPANSION_WEIGHT = 0.8
MAX_TERMS = 24
IDF_POWER = 1.0
MAX_SHARE = 0.25
MIN_DOCUMENTS_FOR_SHARE = 200  # in a tiny library every word is in a big share of it

TermOf = Callable[[str], "str | None"]
Frequencies = Callable[[list[str]], tuple[int, dict[str, int]]]


@dataclass(frozen=True, slots=True)
class KeyTerm:
    term: str  # as indexed
    weight: float
    word: str  # as the reader would say it: the passage's commonest spelling, folded
    documents: int = 0  # how many documents of the index hold it


def key_terms(text: str, context: str, term_of: TermOf, frequencies: Frequencies,
              abbreviations: Abbreviations, limit: int | None = None) -> list[KeyTerm]:
    """The best ``limit`` (:data:`MAX_TERMS`) key terms of ``text`` (with ``context``),
    heaviest first."""
    counts: dict[str, float] = defaultdict(float)
    spellings: dict[str, Counter[str]] = {}
    sequences: list[list[str]] = []
    for source, weight in ((text, 1.0), (context, CONTEXT_WEIGHT)):
        sequence = []
        for match in WORD_RE.finditer(source):
            folded = fold(match.group())
            term = term_of(match.group()) if folded not in STOP_WORDS else None
            if term is None:
                continue
            counts[term] += weight
            spellings.setdefault(term, Counter())[folded] += 1
            sequence.append(term)
        sequences.append(sequence)
    expansions: dict[str, float] = defaultdict(float)
    for term, count in counts.items():
        for form in abbreviations.expand(term):
            for part, word in zip(form, abbreviations.words_of(form), strict=True):
                expansions[part] += EXPANSION_WEIGHT * count
                spellings.setdefault(part, Counter())[word] += 0
    for sequence in sequences:
        for acronym, _ in abbreviations.acronyms_in(sequence):
            expansions[acronym] += EXPANSION_WEIGHT
            spellings.setdefault(acronym, Counter())[acronym] += 0
    for term, extra in expansions.items():
        if counts[term] < extra:
            counts[term] = extra
    total, df = frequencies(list(counts))
    weighted = []
    for term, count in counts.items():
        found = df.get(term, 0)
        if found == 0 or (total >= MIN_DOCUMENTS_FOR_SHARE and found > MAX_SHARE * total):
            continue
        weight = (1 + math.log(count)) if count >= 1 else count
        weight *= math.log(1 + total / found) ** IDF_POWER
        word = spellings[term].most_common(1)[0][0]
        weighted.append(KeyTerm(term, weight, word, found))
    weighted.sort(key=lambda k: (-k.weight, k.term))
    return weighted[:limit if limit is not None else MAX_TERMS]
