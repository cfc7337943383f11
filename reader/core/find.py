"""Find in one transcript (the find bar, Ctrl+F): every place a piece of text occurs.

What counts as the same text, so a reader finds what they see however it was typed:

- letter case and accents do not count (``cafe`` finds ``Café``, ``strasse`` finds ``Straße``);
- typographic apostrophes and quotes are the ASCII ones (``don't`` finds ``don’t``, ``"so"``
  finds ``“so”``);
- any run of spaces in the query matches any run of white space in the text (a line break
  between two paragraphs too), and invisible characters (soft hyphens, zero-width spaces) are
  skipped.

The text is folded once per transcript (:class:`TextFinder`); each query is then one regular
expression over the folded copy, whose matches are mapped back to display-text offsets.
Mostly-ASCII text folds in a single ``str.lower`` per run, so even a 1.5 MB transcript is
ready in milliseconds.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

# Beyond this many matches the count says "10,000+": marking more helps no one, and a
# one-letter query in a long transcript would otherwise build a million spans per keystroke.
MAX_MATCHES = 10_000

_SAME_AS = str.maketrans({
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'", "\u201b": "'",  # ’‘ʼ′‛
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',  # “”„‟″
})
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    """One non-ASCII character as find compares it (possibly several characters, or none)."""
    decomposed = unicodedata.normalize("NFKD", ch.translate(_SAME_AS).casefold())
    return "".join(c for c in decomposed
                   if not unicodedata.combining(c) and unicodedata.category(c) != "Cf")


class FoldedText:
    """``text`` folded for comparison, with a map from folded positions back to ``text``.

    The map is a list of segments: a *linear* segment maps position for position (ASCII runs,
    and characters that fold to exactly one character); any other segment is one original
    character that folded to zero or several characters."""

    def __init__(self, text: str) -> None:
        self.original_length = len(text)
        pieces: list[str] = []
        folded_starts: list[int] = []
        original_starts: list[int] = []
        linear: list[bool] = []
        folded_at = 0

        def segment(original_at: int, piece: str, one_to_one: bool) -> None:
            nonlocal folded_at
            if one_to_one and linear and linear[-1]:
                pass  # continues the previous linear segment
            else:
                folded_starts.append(folded_at)
                original_starts.append(original_at)
                linear.append(one_to_one)
            pieces.append(piece)
            folded_at += len(piece)

        at = 0
        for match in _NON_ASCII.finditer(text):
            if match.start() > at:
                segment(at, text[at:match.start()].lower(), True)
            ch = match.group()
            folded = _fold_char(ch)
            segment(match.start(), folded, len(folded) == 1)
            at = match.end()
        if at < len(text):
            segment(at, text[at:].lower(), True)
        self.text = "".join(pieces)
        self._folded_starts = folded_starts
        self._original_starts = original_starts
        self._linear = linear

    def _segment_of(self, position: int) -> int:
        return bisect_right(self._folded_starts, position) - 1

    def original_start(self, position: int) -> int:
        """The original offset of the character at folded ``position``."""
        index = self._segment_of(position)
        if index < 0:
            return 0
        start = self._original_starts[index]
        if self._linear[index]:
            return start + position - self._folded_starts[index]
        return start

    def original_end(self, position: int) -> int:
        """The original offset just after folded ``[.., position)``, taking along characters
        that folded to nothing right after it (the accent of a decomposed "é")."""
        end = self.original_start(position - 1) + 1 if position > 0 else 0
        index = bisect_left(self._folded_starts, position)
        count = len(self._folded_starts)
        while (index < count and self._folded_starts[index] == position
               and self._original_starts[index] == end and self._is_empty(index)):
            end += 1
            index += 1
        return end

    def _is_empty(self, index: int) -> bool:
        following = (self._folded_starts[index + 1] if index + 1 < len(self._folded_starts)
                     else len(self.text))
        return following == self._folded_starts[index]


def query_pattern(query: str) -> re.Pattern[str] | None:
    """The regular expression ``query`` becomes over folded text; None for a blank query."""
    words = FoldedText(query).text.split()
    if not words:
        return None
    return re.compile(r"\s+".join(re.escape(word) for word in words))


@dataclass(frozen=True, slots=True)
class FindResult:
    matches: tuple[tuple[int, int], ...]  # display-text [start, end), in reading order
    complete: bool = True  # False: there are more than :data:`MAX_MATCHES`

    def __len__(self) -> int:
        return len(self.matches)

    def describe(self, current: int | None) -> str:
        """'3 of 17', '17 matches', '3 of 10,000+' or 'No matches'."""
        if not self.matches:
            return "No matches"
        total = f"{len(self.matches):,}{'' if self.complete else '+'}"
        return f"{current + 1:,} of {total}" if current is not None else f"{total} matches"


class TextFinder:
    """Finds text in one display text; fold once, ask many times."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._folded = FoldedText(text)

    def find_all(self, query: str, limit: int = MAX_MATCHES) -> FindResult:
        pattern = query_pattern(query)
        if pattern is None:
            return FindResult(())
        folded = self._folded
        matches: list[tuple[int, int]] = []
        for match in pattern.finditer(folded.text):
            if len(matches) == limit:
                return FindResult(tuple(matches), complete=False)
            matches.append((folded.original_start(match.start()),
                            folded.original_end(match.end())))
        return FindResult(tuple(matches))


def match_at_or_after(matches: Sequence[tuple[int, int]], offset: int) -> int | None:
    """Index of the first match starting at or after ``offset``, wrapping round to the first
    one; None when there are none."""
    if not matches:
        return None
    index = bisect_left(matches, (offset, -1))
    return index if index < len(matches) else 0
