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

from reader.core.formats.decode import SourceText
from reader.core.model import BlockKind, BlockSpec, ChapterSpec, Transcript, build_transcript
from reader.core.timefmt import format_clock, parse_clock

NAME = "chapter-outline"

_CLOCK = r"\d{1,2}(?::\d{2}){1,2}"
_TIME_LINE = re.compile(rf"^\s*[-*]?\s*({_CLOCK})\s*(?:[–—-]+\s*({_CLOCK}))?\s*$")
_BULLET = re.compile(r"^\s*(?:[-*]\s*)?[•◦▪‣·]\s*|^\s*[-*]\s+")
_CHAPTERS_MARK = re.compile(r"^\s*(chapters|timestamps|outline)\s*:?\s*$", re.IGNORECASE)
# "| Lex Fridman Podcast #94" at the end of a title names the show.
_SHOW_SUFFIX = re.compile(r"\|\s*(?P<show>[^|]+?)\s*(?:#\s*\d+|ep(?:isode)?\.?\s*\d+)?\s*$")


def sniff(text: str) -> bool:
    """At least two timed chapter lines, each followed by a title line, where the times are
    ranges ("0:00 – 7:01") or a "CHAPTERS" heading comes first. A lone time above each line of
    speech is a timestamped transcript, not an outline."""
    lines = text.split("\n")
    timed = [
        match
        for i, line in enumerate(lines[:-1])
        if (match := _TIME_LINE.match(line))
        and lines[i + 1].strip()
        and not _TIME_LINE.match(lines[i + 1])
    ]
    if len(timed) < 2:
        return False
    ranges = sum(1 for match in timed if match.group(2))
    marked = any(_CHAPTERS_MARK.match(line) for line in lines[:10])
    return ranges >= 2 or marked


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
    first = next((line for line in text.split("\n") if line.strip()), "")
    return split_title(first)


def read(source: SourceText) -> Transcript:
    lines = [line.strip() for line in source.text.split("\n")]
    title, show = describe(source.text)
    blocks: list[BlockSpec] = [BlockSpec(BlockKind.TITLE, title)]
    chapters: list[ChapterSpec] = []
    index = _first_content_line(lines)
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
            start, end = (parse_clock(g) if g else None for g in time_match.groups())
            pending, expect_title, in_chapter = (start, end), True, True
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
            blocks.append(BlockSpec(kind, " ".join(line.split()), start, end))
    return build_transcript(
        title=title, show=show, format=NAME, source=source.path,
        fingerprint=source.fingerprint, blocks=blocks, chapters=chapters,
    )


def _first_content_line(lines: list[str]) -> int:
    """Skip the title line and a "CHAPTERS" marker."""
    index = next((i for i, line in enumerate(lines) if line), 0) + 1
    while index < len(lines) and (not lines[index] or _CHAPTERS_MARK.match(lines[index])):
        index += 1
    return index
