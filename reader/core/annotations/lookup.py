"""Finding a quote a person typed (``annotate --quote TEXT``): whitespace-insensitive, and strict.

Whitespace in the quote, prefix and suffix matches any run of whitespace in the transcript (a
quote copied from a terminal or another app rarely keeps the transcript's line breaks). Unlike
re-anchoring, which must always find the best place it can, a lookup must be unambiguous:
``find_quote("a cat. a cat.", "a   cat")`` fails ("the quote occurs in 2 places..."), while
``find_quote("a cat. a dog. a cat!", "a cat", suffix="!")`` returns ``(14, 19)``.

:func:`find_quote` returns ``(start, end)`` display-text offsets or raises
:class:`QuoteLookupError`, whose ``str()`` is one line saying how many places matched and whose
``matches`` is that number (0: not found).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# Enough text before/after a match to compare a prefix or suffix of this many characters,
# allowing for whitespace runs in the transcript that are longer than in the context typed.
_CONTEXT_SLACK = 4


class QuoteLookupError(ValueError):
    """The quote is not in the transcript, or is in several places and nothing picks one."""

    def __init__(self, message: str, matches: int) -> None:
        super().__init__(message)
        self.matches = matches


def whitespace_pattern(text: str, edges: bool = False) -> re.Pattern[str] | None:
    """A pattern for ``text`` in which each whitespace run matches any whitespace run;
    ``None`` when ``text`` is only whitespace. Whitespace at either end of ``text`` is
    ignored, unless ``edges`` (then it too must match a whitespace run)."""
    words = text.split()
    if not words:
        return None
    pattern = r"\s+".join(re.escape(word) for word in words)
    if edges and text[0].isspace():
        pattern = r"\s+" + pattern
    if edges and text[-1].isspace():
        pattern += r"\s+"
    return re.compile(pattern)


def whitespace_matches(text: str, quote: str, edges: bool = False) -> list[tuple[int, int]]:
    """Every (start, end) where ``quote`` occurs in ``text``, whitespace-insensitively,
    overlapping occurrences included (``edges``: see :func:`whitespace_pattern`)."""
    pattern = whitespace_pattern(quote, edges)
    return [] if pattern is None else list(_all_matches(pattern, text))


def _all_matches(pattern: re.Pattern[str], text: str) -> Iterator[tuple[int, int]]:
    position = 0
    while (match := pattern.search(text, position)) is not None:
        yield match.start(), match.end()
        position = match.start() + 1


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def _has_prefix(text: str, start: int, prefix: str) -> bool:
    wanted = _squeeze(prefix)
    before = text[max(0, start - _CONTEXT_SLACK * (len(prefix) + 1)) : start]
    return _squeeze(before).endswith(wanted)


def _has_suffix(text: str, end: int, suffix: str) -> bool:
    wanted = _squeeze(suffix)
    after = text[end : end + _CONTEXT_SLACK * (len(suffix) + 1)]
    return _squeeze(after).startswith(wanted)


def find_quote(text: str, quote: str, prefix: str = "", suffix: str = "") -> tuple[int, int]:
    """The one place where ``quote`` occurs in ``text``, as (start, end) offsets.

    ``prefix``/``suffix`` (optional) must come right before/after the quote, whitespace aside;
    they pick among repeats. Raises QuoteLookupError when no place or several places fit."""
    if not quote.strip():
        raise QuoteLookupError("the quote is empty", 0)
    found = whitespace_matches(text, quote)
    if not found:
        raise QuoteLookupError("the quote is not in the transcript (0 places matched)", 0)
    fitting = [
        (start, end)
        for start, end in found
        if (not prefix.strip() or _has_prefix(text, start, prefix))
        and (not suffix.strip() or _has_suffix(text, end, suffix))
    ]
    if len(fitting) == 1:
        return fitting[0]
    places = "1 place" if len(found) == 1 else f"{len(found)} places"
    if not fitting:
        raise QuoteLookupError(
            f"the quote occurs in {places}, but none has the given prefix/suffix "
            "(0 places matched)", 0)
    if prefix.strip() or suffix.strip():
        raise QuoteLookupError(
            f"the quote occurs in {len(fitting)} places with the given prefix/suffix; "
            "give more context to pick one", len(fitting))
    raise QuoteLookupError(
        f"the quote occurs in {places}; give a prefix or suffix to pick one", len(found))
