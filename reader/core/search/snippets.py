"""Snippets: a short window of a passage with the matched words marked.

Built from the passage stored in the index (a paragraph, a few hundred characters), never
with Whoosh's highlighter: that one is slow on long fields and only looks at the first 32 KB.
The window is the stretch of about :data:`WIDTH` characters holding the most matched words,
cut at word boundaries, with "…" where text was left out. Line breaks between the blocks of a
passage show as spaces.

A snippet is a list of runs ``(text, is_match)``: the command line joins them (plain text),
the window can draw matches in bold; :meth:`Snippet.marked` gives HTML.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reader.core.search.text import words

WIDTH = 200
CONTEXT = 50  # characters kept before the first match of the window
ELLIPSIS = "…"
# Only the first matches are weighed when choosing the window: enough for any real passage,
# and a bound on the work for a text that matches everywhere.
MAX_MATCHES = 2000

Run = tuple[str, bool]


@dataclass(frozen=True, slots=True)
class Snippet:
    runs: tuple[Run, ...]
    # Where the marked words are in the passage: offsets from the passage's start (add the
    # hit's ``start`` for display-text offsets).
    matches: tuple[tuple[int, int], ...] = ()

    @property
    def plain(self) -> str:
        return "".join(text for text, _ in self.runs)

    def marked(self, start: str = "<b>", end: str = "</b>") -> str:
        """HTML: the text escaped, matches between ``start`` and ``end``."""
        return "".join(f"{start}{html.escape(t)}{end}" if hit else html.escape(t)
                       for t, hit in self.runs)

    def __add__(self, other: Snippet) -> Snippet:
        return Snippet(self.runs + other.runs, self.matches)


def make_snippet(text: str, is_match: Callable[[str], bool], width: int = WIDTH) -> Snippet:
    """The best window of ``text`` for the words ``is_match`` accepts."""
    spans = [(start, end) for word, start, end in words(text) if is_match(word)]
    begin, finish = _window(text, spans, width)
    runs: list[Run] = []
    if begin > 0:
        runs.append((ELLIPSIS, False))
    at = begin
    for start, end in spans:
        if start < begin or end > finish:
            continue
        if start > at:
            runs.append((_flat(text[at:start]), False))
        runs.append((_flat(text[start:end]), True))
        at = end
    if finish > at:
        runs.append((_flat(text[at:finish]), False))
    if finish < len(text):
        runs.append((ELLIPSIS, False))
    return Snippet(tuple(_merge(runs)), tuple(spans))


def _window(text: str, spans: Sequence[tuple[int, int]], width: int) -> tuple[int, int]:
    if len(text) <= width:
        return 0, len(text)
    begin = _busiest_start(spans[:MAX_MATCHES], width)
    begin = min(begin, len(text) - width)
    if begin > 0:  # start at a word
        space = text.find(" ", begin, begin + 20)
        begin = space + 1 if space != -1 else begin
    finish = min(len(text), begin + width)
    if finish < len(text):  # end at a word
        space = text.rfind(" ", finish - 30, finish)
        finish = space if space != -1 else finish
    return begin, finish


def _busiest_start(spans: Sequence[tuple[int, int]], width: int) -> int:
    """Where the window starting a little before a match holds the most matches (the first such).

    ``spans`` are in text order and do not overlap, so both their starts and their ends rise:
    two pointers slide along them and each match is counted once, not once per match (a
    passage of a million matched words took minutes)."""
    begin, best = 0, -1
    first = last = 0  # the matches from ``first`` to before ``last`` lie in the window
    for start, _ in spans:
        candidate = max(0, start - CONTEXT)
        while first < len(spans) and spans[first][0] < candidate:
            first += 1
        last = max(last, first)
        while last < len(spans) and spans[last][1] <= candidate + width:
            last += 1
        if last - first > best:
            best, begin = last - first, candidate
    return begin


def _flat(text: str) -> str:
    return text.replace("\n", " ")


def _merge(runs: list[Run]) -> list[Run]:
    merged: list[Run] = []
    for text, hit in runs:
        if merged and merged[-1][1] == hit:
            merged[-1] = (merged[-1][0] + text, hit)
        elif text:
            merged.append((text, hit))
    return merged


def plain_snippet(text: str, width: int = WIDTH) -> Snippet:
    """The start of ``text``, nothing marked."""
    return make_snippet(text, lambda _: False, width)
