"""Chapter outlines: show notes with timed chapters, each with a title, summary and bullets.

The shape, as in the bundled Lex Fridman #94 outline::

    Lex Fridman PodcastIlya Sutskever: Deep Learning | Lex Fridman Podcast #94
    CHAPTERS
    - 0:00 – 7:01
    AlexNet origins: training deep nets end-to-end and the compute bottleneck
    Lex asks Ilya to rewind to the AlexNet era ...
    - •Hessian-free optimization as an early proof that deep nets can train from scratch
"""

from __future__ import annotations

import re
import statistics

from reader.core.formats.decode import SourceText
from reader.core.formats.stamps import LONGEST_SECONDS, usable_seconds
from reader.core.formats.titles import title_from_path
from reader.core.model import BlockKind, BlockSpec, ChapterSpec, Transcript, build_transcript
from reader.core.timefmt import InvalidClock, format_clock, parse_clock

NAME = "chapter-outline"
# 2: a file that starts with its first chapter has no title block (the title comes from the
# file name); 100+ hour and 75:30-style stamps are chapter times; spaces inside a line collapse.
# 3: chapter times of 10,000 hours or more are left out with a note.
VERSION = 3

_CLOCK = r"\d+(?::\d{2}){1,2}"
_TIME_LINE = re.compile(rf"^\s*[-*]?\s*({_CLOCK})\s*(?:[–—-]+\s*({_CLOCK}))?\s*$")
_BULLET = re.compile(r"^\s*(?:[-*]\s*)?[•◦▪‣·]\s*|^\s*[-*]\s+")
_CHAPTERS_MARK = re.compile(r"^\s*(chapters|timestamps|outline)\s*:?\s*$", re.IGNORECASE)
# "| Lex Fridman Podcast #94" at the end of a title names the show.
_SHOW_SUFFIX = re.compile(r"\|\s*(?P<show>[^|]+?)\s*(?:#\s*\d+|ep(?:isode)?\.?\s*\d+)?\s*$")

# A timestamped transcript (a time above each line of speech) is told apart from an outline by
# how its times are used. Outline chapters are minutes long and their time lines are a small
# share of the lines (the Lex Fridman outline: 15 of 115, 1 to 24 minutes apart); speech stamps
# are seconds apart on every other line. A bare chapter list ("0:00", "Intro", "5:12", ...) is
# every other line too, but minutes apart.
_SPEECH_STAMP_SHARE = 0.4
_SPEECH_STAMP_SECONDS = 60.0
# Chapter times of ten thousand hours or more are typing errors (a first field this long is one).
_LONGEST_FIELD_DIGITS = 9
# Lines under the times that are paragraphs, not titles (the longest Lex title has 115 chars).
_TITLE_MEDIAN_CHARS = 200


def sniff(text: str) -> bool:
    """At least two timed chapter lines, each followed by a title line, where the times are
    ranges ("0:00 – 7:01") or a "CHAPTERS" heading comes first, and the times mark chapters,
    not lines of speech (see :func:`_is_timestamped_speech`)."""
    lines = text.split("\n")
    timed = [
        (match, lines[i + 1].strip())
        for i, line in enumerate(lines[:-1])
        if (match := _TIME_LINE.match(line))
        and lines[i + 1].strip()
        and not _TIME_LINE.match(lines[i + 1])
    ]
    if len(timed) < 2:
        return False
    ranges = sum(1 for match, _ in timed if match.group(2))
    marked = any(_CHAPTERS_MARK.match(line) for line in lines[:10])
    return (ranges >= 2 or marked) and not _is_timestamped_speech(lines, timed)


def _is_timestamped_speech(lines: list[str], timed: list[tuple[re.Match[str], str]]) -> bool:
    """Times on (nearly) every other line, under a minute apart on median; or "titles" that
    are paragraphs."""
    if statistics.median(len(title) for _, title in timed) > _TITLE_MEDIAN_CHARS:
        return True
    content = sum(1 for line in lines if line.strip())
    if len(timed) / content < _SPEECH_STAMP_SHARE:
        return False
    starts = [_seconds(match.group(1)) for match, _ in timed]
    known = [start for start in starts if start is not None]
    gaps = [later - earlier for earlier, later in zip(known, known[1:], strict=False)]
    return bool(gaps) and statistics.median(gaps) < _SPEECH_STAMP_SECONDS


def _seconds(clock: str) -> float | None:
    try:
        return _parse_clock(clock)
    except InvalidClock:
        return None


def _parse_clock(text: str) -> float | None:
    """:func:`parse_clock`, refusing absurd times: no recording runs ten thousand hours, and a
    field of hundreds of digits would not even fit in a float."""
    first = text.strip().split(":", 1)[0].lstrip("0")
    seconds = parse_clock(text) if len(first) <= _LONGEST_FIELD_DIGITS else LONGEST_SECONDS
    if seconds is not None and usable_seconds(seconds) is None:
        shown = text.strip() if len(text.strip()) <= 24 else text.strip()[:12] + "…"
        raise InvalidClock(f"{shown} is not a time (10,000 hours or more)")
    return seconds


def split_title(line: str) -> tuple[str, str | None]:
    """Separate a show name glued to the front of the title, when the title names the show.

    ``"Lex Fridman PodcastIlya Sutskever: Deep Learning | Lex Fridman Podcast #94"`` ->
    ``("Ilya Sutskever: Deep Learning | Lex Fridman Podcast #94", "Lex Fridman Podcast")``.
    """
    line = " ".join(line.split())
    match = _SHOW_SUFFIX.search(line)
    if not match:
        return line, None
    show = match.group("show")
    if line.startswith(show) and len(line) > len(show):
        rest = line[len(show):].lstrip(" :-–—")
        if rest and rest != line[match.start():]:
            return rest, show
    return line, show


def describe(text: str) -> tuple[str, str | None]:
    """The title line's title and show; ("", None) when the file starts with its chapters."""
    lines = text.split("\n")
    title_index = _title_line(lines)
    return split_title(lines[title_index]) if title_index is not None else ("", None)


def read(source: SourceText) -> Transcript:
    lines = [" ".join(line.split()) for line in source.text.split("\n")]
    title_index = _title_line(lines)
    blocks: list[BlockSpec] = []
    if title_index is None:
        title, show = title_from_path(source.path), None
    else:
        title, show = split_title(lines[title_index])
        blocks.append(BlockSpec(BlockKind.TITLE, title))
    chapters: list[ChapterSpec] = []
    notes: list[str] = []
    index = _first_content_line(lines, title_index)
    in_chapter = False
    expect_title = False
    pending: tuple[float | None, float | None] = (None, None)
    while index < len(lines):
        line = lines[index]
        index += 1
        if not line:
            continue
        time_match = _TIME_LINE.match(line)
        if time_match:
            pending = _chapter_times(*time_match.groups(), line_number=index, notes=notes)
            expect_title, in_chapter = True, True
            continue
        if expect_title:
            start, end = pending
            chapters.append(ChapterSpec(line, len(blocks), start, end))
            blocks.append(BlockSpec(BlockKind.HEADING, line, start, end))
            if start is not None:
                span = format_clock(start) + (f" – {format_clock(end)}" if end is not None else "")
                blocks.append(BlockSpec(BlockKind.TIMESPAN, span, start, end))
            expect_title = False
            continue
        bullet = _BULLET.match(line)
        start, end = pending if in_chapter else (None, None)
        if bullet:
            text = line[bullet.end():].strip()
            if text:
                blocks.append(BlockSpec(BlockKind.BULLET, text, start, end))
        else:
            kind = BlockKind.SUMMARY if in_chapter else BlockKind.PARAGRAPH
            blocks.append(BlockSpec(kind, line, start, end))
    return build_transcript(
        title=title, show=show, format=NAME, source=source.path,
        fingerprint=source.fingerprint, blocks=blocks, chapters=chapters, notes=notes,
    )


def _chapter_times(
    start_text: str, end_text: str | None, *, line_number: int, notes: list[str]
) -> tuple[float | None, float | None]:
    """A time line's (start, end). One bad stamp costs its chapter that time, not the outline:
    the other stamp of the range is kept and a note says which line to fix."""
    stamps: list[float | None] = []
    for which, text in (("start", start_text), ("end", end_text)):
        try:
            stamps.append(_parse_clock(text) if text else None)
        except InvalidClock as error:
            notes.append(f"line {line_number}: {error}; the chapter has no {which} time")
            stamps.append(None)
    start, end = stamps
    if start is not None and end is not None and end < start:
        notes.append(f"line {line_number}: the chapter ends ({end_text}) before it starts "
                     f"({start_text}); its end time is left out")
        return start, None
    return start, end


def _title_line(lines: list[str]) -> int | None:
    """The first non-empty line, unless the file starts with its chapters (a time line or a
    "CHAPTERS" heading): then the file has no title line."""
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None or _TIME_LINE.match(lines[first]) or _CHAPTERS_MARK.match(lines[first]):
        return None
    return first


def _first_content_line(lines: list[str], title_index: int | None) -> int:
    """Skip the title line and a "CHAPTERS" marker."""
    index = 0 if title_index is None else title_index + 1
    while index < len(lines) and (not lines[index] or _CHAPTERS_MARK.match(lines[index])):
        index += 1
    return index
