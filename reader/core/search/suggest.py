""""Did you mean": when a query finds nothing, the nearest words the library really holds.

Each word of the query that the index does not hold is replaced by the indexed word within
two edits of it (same first letter) that the most passages hold, and the nearer one wins. The
index holds stems (``sutskev``), so the suggestion shows the word as a passage writes it
(``Sutskever``). The suggestion is only offered when it finds something.
"""

from __future__ import annotations

import re
from collections import Counter

from rapidfuzz.distance import Levenshtein

from reader.core.search import documents as d
from reader.core.search import engine as engine_mod
from reader.core.search import text as textmod
from reader.core.search.query import All, ParsedQuery, Term, positive_terms, shorten
from reader.core.search.text import words

MAX_EDITS = 2


def corrected_word(index: engine_mod.Engine, word: str) -> str | None:
    """A word as passages write it, close to ``word``; None when ``word`` is fine as it is
    or nothing is close."""
    if engine_mod.term_of(word) is None:
        return None
    folded, stem = textmod.fold(word), engine_mod.ANALYSIS.stem(textmod.fold(word))
    candidates: dict[str, int] = {}
    for form in {folded, stem}:
        for term, frequency in index.similar_terms(d.BODY, form, MAX_EDITS):
            candidates[term] = frequency
    if stem in candidates:
        return None  # the word is in the library: nothing to correct
    if not candidates:
        return None
    best = min(candidates, key=lambda t: (min(Levenshtein.distance(t, folded),
                                              Levenshtein.distance(t, stem)),
                                          -candidates[t], t))
    return _surface(index, best)


def _surface(index: engine_mod.Engine, term: str) -> str:
    """The commonest spelling, in a few passages, of a word indexed as ``term``."""
    seen: Counter[str] = Counter()
    for data in index.documents_with_term(d.BODY, term, limit=5):
        for word, _, _ in words(str(data.get("text", ""))):
            if engine_mod.term_of(word) == term:
                seen[_without_possessive(word)] += 1
    return seen.most_common(1)[0][0] if seen else term


def _without_possessive(word: str) -> str:
    return re.sub(r"['’‘ʼ]s$", "", word)


def suggestion(index: engine_mod.Engine, parsed: ParsedQuery) -> str | None:
    """The query with its unknown words replaced, or None when there is nothing to offer."""
    text = parsed.text
    changed = False
    for leaf in positive_terms(parsed.node):
        if not isinstance(leaf, Term) or leaf.kind == "prefix" \
                or leaf.field not in (None, d.NOTE) or len(words(leaf.text)) != 1:
            continue
        better = corrected_word(index, leaf.text)
        if better is None or better.casefold() == leaf.text.casefold():
            continue
        # Not a word written as a field (``title:`` searched as a word): "time:" would read
        # as a field the query language does not have.
        replaced = re.sub(rf"(?<!\w){re.escape(leaf.text)}(?:~\d?)?(?![\w:])", better, text,
                          count=1)
        changed = changed or replaced != text
        text = replaced
    return text if changed else None


def words_found_apart(index: engine_mod.Engine, parsed: ParsedQuery) -> str | None:
    """For plain words that no passage holds all of: how many passages hold each, so the
    reader sees which word to drop (``“scaling” is in 18 passages, “laws” in none``). None
    for other queries, or when no word is in any passage (then a misspelling is likelier,
    and "did you mean" says more)."""
    node = parsed.node
    if not isinstance(node, All) or len(node.items) < 2 or not all(
            isinstance(item, Term) and item.kind == "word" and item.field is None
            and len(words(item.text)) == 1 for item in node.items):
        return None
    typed = [item.text for item in node.items if isinstance(item, Term)]
    terms = {word: engine_mod.term_of(word) for word in typed}
    _, counts = engine_mod.term_frequencies(
        index, d.BODY, [term for term in terms.values() if term is not None])
    held = {word: counts.get(term, 0) for word, term in terms.items() if term is not None}
    if len(held) < 2 or not any(held.values()):
        return None
    parts: list[str] = []
    for word, count in sorted(held.items(), key=lambda item: -item[1]):
        amount = "none" if not count else f"{count:,} passage{'s' if count != 1 else ''}"
        parts.append(f"“{shorten(word)}” {'in' if parts else 'is in'} {amount}")
    return f"No passage holds all of “{shorten(parsed.text)}”: {', '.join(parts)}."
