"""Inside a Markdown transcript's paragraph: who speaks, when, and the words without markup.

A turn starts with a speaker and/or a time in one of the shapes real transcripts use::

    **Adam Stacoviak:** I think, Jerod, ...          Changelog (also **Name**:)
    **[00:03] SPEAKER_02:** Hello, hello.            WhisperX + clean-up
    Lex Fridman [(00:00:00)](https://…&t=0) The …    lexfridman.com
    [(00:00:47)](https://…&t=47) Identity number …   the same speaker again
    [2:23](https://youtu.be/…?t=143) **Lex:** …      a timestamp link, then a name
    \\[04:05\\] Well, that's a little bit …           Changelog, escaped

Stamps later in the paragraph (``\\[56:08\\]``, ``[12:30]``, a timestamp link) split it into
timed pieces; the stamp itself leaves the text. Then links keep their text, emphasis and code
marks go, escapes are undone and spaces collapse: the reader shows words, not Markdown.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from reader.core.formats.stamps import CLOCK, clock_seconds

_LINK_TARGET = r"\((?:[^()\s]|\([^()\s]*\))*(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)"
# A name: capitalised words (particles such as "de" or "van" allowed), digits ("Speaker 2"),
# SPEAKER_00, initials ("J. R."), up to six words.
_PARTICLE = r"(?:de|da|del|der|di|du|la|le|van|von|bin|ibn|al)"
_NAME = (r"[A-Z\u00c0-\u024f][\w.'’\-]*"
         rf"(?:[ \t]+(?:[A-Z\u00c0-\u024f0-9][\w.'’\-]*|{_PARTICLE})){{0,5}}")

_WHISPERX_TURN = re.compile(rf"\*\*\[({CLOCK})\]\s*([^*\[\]\n]{{1,60}}?)\s*:?\s*\*\*\s*:?\s*")
_BOLD_TURN = re.compile(r"\*\*([^*\[\]\n]{1,60}?)\s*(?::\s*\*\*|\*\*\s*:)\s*")
_NAMED_LINK_TURN = re.compile(rf"({_NAME})\s+\[\(?({CLOCK})\)?\]{_LINK_TARGET}\s*")
_TIME_LINK = re.compile(rf"\[\(?({CLOCK})\)?\]{_LINK_TARGET}\s*")
# "**Break:** \[15:57\] to \[16:58\]": the end of a leading stamp's range, nothing else.
_RANGE_END = re.compile(rf"(?:to|-|–|—|-->)\s*(?:\\\[|\[)({CLOCK})(?:\\\]|\])\s*$")
_TIME_MARK = re.compile(rf"(?:\\\[({CLOCK})\\\]|\[({CLOCK})\](?!\()|\(({CLOCK})\))\s*")

# A stamp inside a paragraph: escaped, bracketed or a timestamp link.
_INLINE_STAMP = re.compile(rf"\\\[({CLOCK})\\\]|\[\(?({CLOCK})\)?\]{_LINK_TARGET}"
                           rf"|\[({CLOCK})\](?!\()")

# What a turn mark starts with, but for a name before a timestamp link.
_MARK_STARTS = frozenset("*[\\(")
# Any of these characters in a paragraph may be markup; without them its words are its text.
_MARKUP = re.compile(r"[<\\\]`*_~]")

_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
# Link text holds no bracket, so a scan for its end stops at the next "[": linear time.
_IMAGE = re.compile(rf"!\[([^\[\]\n]*)\]{_LINK_TARGET}")
_LINK = re.compile(rf"\[([^\[\]\n]*)\]{_LINK_TARGET}")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^<>\s]+)>")
_LINE_BREAK_TAG = re.compile(r"<br\s*/?>", re.IGNORECASE)
# A code span starts where a run of backticks starts: without that a long run is tried from
# each of its backticks in turn (quadratic); the run itself is taken whole (possessive).
_CODE = re.compile(r"(?<!`)`++([^`]+)`+")
# Each mark's content holds none of its own mark characters, so a paragraph full of unclosed
# marks is scanned in linear time.
_EMPHASIS = (
    re.compile(r"\*\*(?=[^\s*])([^*]+?)(?<=[^\s*])\*\*"),
    re.compile(r"(?<!\w)__(?=[^\s_])([^_]+?)(?<=[^\s_])__(?!\w)"),
    re.compile(r"~~(?=[^\s~])([^~]+?)(?<=[^\s~])~~"),
    re.compile(r"(?<![\w*])\*(?=[^\s*])([^*]+?)(?<=[^\s*])\*(?![\w*])"),
    re.compile(r"(?<!\w)_(?=[^\s_])([^_]+?)(?<=[^\s_])_(?!\w)"),
)
_SPACES = re.compile(r"\s+")
# Escaped characters are set aside while emphasis is removed (so "\*" never closes one), in
# the private-use area; a paragraph that already holds such characters skips this step.
_SET_ASIDE = 0xF0000
_SET_ASIDE_RANGE = re.compile("[\U000F0000-\U0010FFFF]")
_RESTORE = {_SET_ASIDE + code: code for code in range(0x21, 0x7F)}


class Turn(NamedTuple):  # a tuple: quick to build for each of tens of thousands of turns
    """A paragraph's leading speaker and time (either may be missing) and the rest of it."""

    speaker: str | None
    time: float | None
    rest: str

    @property
    def prefixed(self) -> bool:
        return self.speaker is not None or self.time is not None


def leading_turn(text: str) -> Turn:
    """Speaker and time at the start of ``text``, in any order, each at most once."""
    rest = text.lstrip()
    speaker: str | None = None
    time: float | None = None
    for _ in range(3):
        if rest[:1] not in _MARK_STARTS and "](" not in rest:
            break  # no mark starts so (a name before a timestamp link needs its "](")
        found = _next_mark(rest, speaker is None, time is None)
        if found is None:
            break
        name, seconds, end = found
        speaker = name if name is not None else speaker
        time = seconds if seconds is not None else time
        rest = rest[end:]
    if time is not None and _RANGE_END.match(rest):
        rest = ""
    return Turn(speaker, time, rest)


def _next_mark(text: str, want_speaker: bool, want_time: bool
               ) -> tuple[str | None, float | None, int] | None:
    """(speaker, time, where the mark ends) of a turn mark at the start of ``text``."""
    if want_speaker and want_time and (match := _WHISPERX_TURN.match(text)):
        seconds = clock_seconds(match.group(1))
        if seconds is not None and _is_label(match.group(2)):
            return match.group(2).strip(), seconds, match.end()
    if want_speaker and (match := _BOLD_TURN.match(text)) and _is_label(match.group(1)):
        return match.group(1).strip(), None, match.end()
    if want_speaker and want_time and (match := _NAMED_LINK_TURN.match(text)):
        seconds = clock_seconds(match.group(2))
        if seconds is not None:
            return match.group(1), seconds, match.end()
    if want_time and (match := _TIME_LINK.match(text) or _TIME_MARK.match(text)):
        seconds = clock_seconds(next(g for g in match.groups() if g))
        if seconds is not None:
            return None, seconds, match.end()
    return None


def _is_label(label: str) -> bool:
    words = label.split()
    return 0 < len(words) <= 6 and not label.strip().endswith((".", ",", "?", "!"))


def timed_pieces(text: str, start: float | None) -> list[tuple[float | None, str]]:
    """``text`` cut at its inline stamps: (time, words without markup) for each non-empty
    piece; the first piece has ``start``."""
    if "[" not in text:  # every stamp has a bracket: one piece
        piece = plain_text(text)
        return [(start, piece)] if piece else []
    pieces: list[tuple[float | None, str]] = []
    time, position = start, 0
    for match in _INLINE_STAMP.finditer(text):
        seconds = clock_seconds(next(g for g in match.groups() if g))
        if seconds is None:
            continue  # not a time: stays in the text
        pieces.append((time, text[position:match.start()]))
        time, position = seconds, match.end()
    pieces.append((time, text[position:]))
    cleaned = [(when, plain_text(piece)) for when, piece in pieces]
    return [(when, piece) for when, piece in cleaned if piece]


def plain_text(markdown: str) -> str:
    """The words of one paragraph of inline Markdown, on one line."""
    if not _MARKUP.search(markdown):
        return " ".join(markdown.split())
    text = _LINE_BREAK_TAG.sub(" ", markdown) if "<" in markdown else markdown
    set_aside = "\\" in text and not _SET_ASIDE_RANGE.search(text)
    if set_aside:
        text = _ESCAPE.sub(lambda m: chr(_SET_ASIDE + ord(m.group(1))), text)
    if "](" in text:
        text = _LINK.sub(r"\1", _IMAGE.sub(r"\1", text))
    text = _AUTOLINK.sub(r"\1", text) if "<" in text else text
    text = _CODE.sub(r"\1", text) if "`" in text else text
    for mark, pattern in zip("*_~*_", _EMPHASIS, strict=True):
        if mark in text:
            text = pattern.sub(r"\1", text)
    if set_aside:
        text = text.translate(_RESTORE)
    elif "\\" in text:
        text = _ESCAPE.sub(r"\1", text)
    return " ".join(text.split())
