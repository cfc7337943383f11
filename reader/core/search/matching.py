"""What a search found, and which words of a hit's text to mark.

The words to mark are the ones the query matched because of. They are
filled in while the query is translated, from its positive parts only (an excluded word is
never marked): the indexed terms of words, phrases and fuzzy expansions, and the prefixes of
``prefix*`` queries, per field. A word of the stored text is marked when its indexed form is
one of those terms or starts with one of those prefixes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from reader.core.search.text import fold


class MatchedWords:
    def __init__(self, term_of: Callable[[str], str | None]) -> None:
        self._term_of = term_of
        self.terms: dict[str, set[str]] = {}
        self.prefixes: dict[str, set[str]] = {}

    def add(self, field: str, terms: Iterable[str]) -> None:
        self.terms.setdefault(field, set()).update(terms)

    def add_prefix(self, field: str, prefix: str) -> None:
        self.prefixes.setdefault(field, set()).add(prefix)

    def accepts(self, field: str) -> Callable[[str], bool]:
        """A test for words (as written) of ``field``'s text."""
        terms = self.terms.get(field, set())
        prefixes = tuple(self.prefixes.get(field, ()))
        term_of = self._term_of

        def accepts(word: str) -> bool:
            term = term_of(word)
            if term is None:
                return False
            return term in terms or (bool(prefixes) and (
                term.startswith(prefixes) or fold(word).startswith(prefixes)))

        return accepts


@dataclass(slots=True)
class Found:
    matched: MatchedWords
    notes: list[str]  # words left out, a search of exclusions only
    hits: list[tuple[float, dict[str, Any]]] = field(default_factory=list)  # (score, stored)
    total: int = 0  # an upper estimate unless asked to be exact
