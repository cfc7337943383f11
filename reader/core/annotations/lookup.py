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

import functools
import re
from array import array

# Enough text before/after a match to compare a prefix or suffix of this many characters,
# allowing for whitespace runs in the transcript that are longer than in the context typed.
_CONTEXT_SLACK = 4


class QuoteLookupError(ValueError):
    """The quote is not in the transcript, or is in several places and nothing picks one."""

    def __init__(self, message: str, matches: int) -> None:
        super().__init__(message)
        self.matches = matches


_WHITESPACE = re.compile(r"\s+")


@functools.lru_cache(maxsize=4)
def _squeezed(text: str) -> tuple[str, array[int]]:
    """``text`` with every whitespace run turned into one space, and for each character of
    that the offset in ``text`` it comes from. Built once per text (a transcript's anchoring
    asks for it once per highlight)."""
    parts: list[str] = []
    origin = array("q")
    position = 0
    for run in _WHITESPACE.finditer(text):
        start, end = run.span()
        parts += (text[position:start], " ")
        origin.extend(range(position, start))
        origin.append(start)
        position = end
    parts.append(text[position:])
    origin.extend(range(position, len(text)))
    return "".join(parts), origin


def _squeezed_quote(quote: str, edges: bool) -> str:
    core = " ".join(word for word in _WHITESPACE.split(quote) if word)
    if not core:
        return ""
    if edges and _WHITESPACE.match(quote[0]):
        core = " " + core
    if edges and _WHITESPACE.match(quote[-1]):
        core += " "
    return core


def whitespace_matches(text: str, quote: str, edges: bool = False) -> list[tuple[int, int]]:
    """Every (start, end) where ``quote`` occurs in ``text`` with each of its whitespace runs
    matching any whitespace run, overlapping occurrences included. Whitespace at either end of
    the quote is ignored, unless ``edges`` (then it too must match a whitespace run, taken
    whole)."""
    needle = _squeezed_quote(quote, edges)
    if not needle:
        return []
    squeezed, origin = _squeezed(text)
    spans: list[tuple[int, int]] = []
    found = squeezed.find(needle)
    while found >= 0:
        last = origin[found + len(needle) - 1]
        run = _WHITESPACE.match(text, last) if needle[-1] == " " else None
        spans.append((origin[found], run.end() if run else last + 1))
        found = squeezed.find(needle, found + 1)
    return spans


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
