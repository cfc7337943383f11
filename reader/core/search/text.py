"""Words as search sees them: where a word starts and ends, and how it is folded.

The index and the query go through the same steps, so what a user types meets what the
transcript says however either is written:

- a word is a run of letters and digits; an apostrophe between letters belongs to the word, so
  ``don't`` is one word (and the stemmer drops a possessive ``'s``: ``Alex's`` is ``alex``);
- typographic apostrophes (``’``, ``‘``, ``ʼ``) are the ASCII one: ``don't`` finds ``don’t``;
- letter case and accents do not count (``Café`` is ``cafe``; ``Straße`` is ``strasse``);
- a handful of very common English words are not indexed (as in most search engines): they
  match almost everything and would make every query slow.

:class:`Analysis` puts these together with a stemmer (``scaling`` -> ``scale``), which the
engine supplies (see :mod:`.engine`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

# Combining marks are not ``\w`` for Python's re: without them a decomposed "é" (e + U+0301)
# would end the word in the middle.
_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
APOSTROPHES = "'\u2019\u2018\u02bc\u2032"  # ' ’ ‘ ʼ ′
WORD_PATTERN = rf"[\w{_MARKS}]+(?:[{APOSTROPHES}][\w{_MARKS}]+)*"
WORD_RE = re.compile(WORD_PATTERN)

_APOSTROPHE_MAP = str.maketrans({ch: "'" for ch in APOSTROPHES})

# Whoosh's English stop list (the words its StemmingAnalyzer leaves out), kept here so the
# rule is ours and not an engine default. "not", "and" and "or" are among them: in a query
# only their upper-case forms mean something (NOT, AND, OR).
STOP_WORDS = frozenset((
    "a", "an", "and", "are", "as", "at", "be", "by", "can", "for", "from", "have", "if", "in",
    "is", "it", "may", "not", "of", "on", "or", "tbd", "that", "the", "this", "to", "us", "we",
    "when", "will", "with", "yet", "you", "your",
))


def fold(word: str) -> str:
    """``word`` without letter case, accents or typographic apostrophes."""
    if word.isascii():
        return word.lower()
    word = word.translate(_APOSTROPHE_MAP).casefold()
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def words(text: str) -> list[tuple[str, int, int]]:
    """(word as written, start, end) for every word in ``text``."""
    return [(m.group(), m.start(), m.end()) for m in WORD_RE.finditer(text)]


def tag_key(tag: str) -> str:
    """How a tag is indexed and looked up: the whole tag, folded (``#Open-Question`` and
    ``open-question`` are one tag)."""
    return " ".join(fold(tag.strip().lstrip("#")).replace(",", " ").split())


class Analysis:
    """Words as they are indexed: folded, stemmed, common ones left out; memoised, since this
    runs for every word of every passage of a build."""

    def __init__(self, stem: Callable[[str], str]) -> None:
        self.stem = stem
        self._terms: dict[str, str | None] = {}

    def term_of(self, word: str) -> str | None:
        """The indexed form of one word as written (None for a common word, not indexed)."""
        term = self._terms.get(word, "")
        if term == "":
            folded = fold(word)
            term = None if folded in STOP_WORDS else self.stem(folded)
            if term in STOP_WORDS:  # "it's" is "it"
                term = None
            self._terms[word] = term
        return term

    def terms(self, text: str) -> list[str]:
        """The indexed forms of the words in ``text``, in order (common words left out)."""
        term_of = self.term_of
        return [t for m in WORD_RE.finditer(text) if (t := term_of(m.group())) is not None]

    def forms(self, word: str) -> list[str]:
        """``word`` folded, and its stem when that differs (what ``prefix*`` and ``fuzzy~``
        try against the indexed words)."""
        folded = fold(word)
        stem = self.stem(folded)
        return [folded] if stem == folded else [folded, stem]
