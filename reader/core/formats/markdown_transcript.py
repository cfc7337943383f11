"""Markdown transcripts: headings as chapters, speaker turns, time stamps and timestamp links.

Recognised by content, whatever the extension (lexfridman.com copies are saved as ``.txt``):
speaker turns in a Markdown shape (see :mod:`markdown_inline`), timestamp links, two or more
ATX headings, or YAML front matter. The chapter-outline reader is tried first, so an outline
is never read here.

- **Title**: front matter ``title:`` (``show:``/``podcast:`` name the show), else a level-1
  heading that opens the file (shown as the title block), else the file name.
- **Chapters**: the headings below the title. When a file mixes level-1 and level-2 headings
  (lexfridman.com: ``# Episode #407``, ``# Source: …`` under the title, then ``## Chapter``),
  level 2 and deeper are chapters and the extra level-1 lines are quiet summary lines.
- **Table of contents**: a list of ``0:00 – Introduction`` entries gives the chapters their
  times (matched by title), or, with no chapter headings, becomes chapters placed by time. Used
  so, the list (and its "Table of Contents" section) leaves the text: the sidebar shows it.
- **Speakers**: a paragraph without a speaker continues the previous speaker (Changelog),
  unless the file times every turn (lexfridman.com, WhisperX): there a paragraph with neither
  a name nor a stamp is page text (a link list, a byline), not speech.
- **Times**: a leading stamp is the paragraph's time; stamps inside a paragraph split it into
  timed pieces (``Transcript.time_at``). A piece ends where the next timed piece starts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import islice

from reader.core.errors import TranscriptError
from reader.core.formats.decode import SourceText
from reader.core.formats.markdown_inline import Turn, leading_turn, plain_text, timed_pieces
from reader.core.formats.outline import split_title
from reader.core.formats.stamps import CLOCK, clock_seconds, stamp_ends
from reader.core.formats.titles import title_from_path
from reader.core.model import (
    BlockKind,
    BlockSpec,
    ChapterSpec,
    CueSpan,
    Transcript,
    build_transcript,
)

NAME = "markdown-transcript"
VERSION = 2  # 2: thousands of tiny turns are joined into paragraphs
# Any text is read (what is not understood stays text), so no input is malformed for this
# reader: every exception is a bug, never to be passed off as a bad file.
INPUT_ERRORS: tuple[type[Exception], ...] = ()

_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]|$)")
_CLOSING_HASHES = re.compile(r"(?:^|[ \t])#+$")
_SETEXT = re.compile(r"^ {0,3}(=+|-{3,})[ \t]*$")
_RULE = re.compile(r"^ {0,3}(?:(?:[-*_–—=~][ \t]*){2,})$")
_FENCE = re.compile(r"^ {0,3}(?:`{3,}|~{3,})")
_ITEM = re.compile(r"^[ \t]*(?:[*+\-•]|\d{1,3}[.)])[ \t]+(.*)$")
_QUOTE = re.compile(r"^ {0,3}>[ \t]?")
_COMMENT = re.compile(r"^\s*<!--.*-->\s*$")
_FRONT_KEY = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*)$")
_TOC_ENTRY = re.compile(rf"^\[?\(?({CLOCK})\)?\]?(?:\([^)\s]*\))?[ \t]*[–—:-]?[ \t]*(\S.*)$")
_TOC_TITLE = re.compile(r"^\W*(table of contents|contents|chapters|timestamps|outline|"
                        r"topics|episode chapters)\W*$", re.IGNORECASE)
_SHOW_KEYS = ("show", "podcast", "series")
_NOT_ALNUM = re.compile(r"[\W_]+")

# Sniffing: line shapes no plain text has. Two of one kind make a Markdown transcript.
_SNIFF_SHAPES = (
    re.compile(r"^\*\*[^*\n]{1,70}?(?::\*\*|\*\*[ \t]*:)", re.MULTILINE),  # **Name:**
    re.compile(rf"\[\(?{CLOCK}\)?\]\(https?:", re.MULTILINE),  # timestamp links
    re.compile(r"^ {0,3}#{1,6}[ \t]+\S", re.MULTILINE),  # headings
)
_FRONT_MATTER_LINES = 200
# The first characters of lines that may be more than paragraph text (a heading, a rule, a
# fence, a list item, a quote, a comment, a turn mark); list items may also start with a digit.
_BLOCK_STARTS = frozenset("#=-*_–—~+•<>")
_RULE_STARTS = frozenset("-*_–—=~")
# What a turn mark starts with, but for a name before a timestamp link (its "](" tells).
_TURN_STARTS = frozenset("*[\\(")
# Fragmented speech as the raw-text reader defines it: more turns, shorter on average.
_FRAGMENTED_TURNS = 2_000
_FRAGMENT_CHARS = 40
_GROUP_CHARS = 200


@dataclass(slots=True)
class _Raw:
    """A Markdown block before interpretation: a heading, a list item or a paragraph."""

    kind: str  # "heading", "item", "para"
    lines: list[str] = field(default_factory=list)
    level: int = 0
    first_turn: Turn | None = None  # read while blocks were cut: one line needs no second look

    def turn(self) -> Turn:
        if self.first_turn is not None and len(self.lines) == 1:
            return self.first_turn
        return leading_turn(self.text)

    @property
    def text(self) -> str:
        return " ".join(line.strip() for line in self.lines)


@dataclass(slots=True)
class _Speech:
    speaker: str | None
    pieces: list[tuple[float | None, str]]


def sniff(text: str) -> bool:
    """Front matter, two of one Markdown line shape, or a ``**Name:**`` turn opening the file
    (a Changelog monologue episode has just that one)."""
    if _front_matter(text.split("\n", _FRONT_MATTER_LINES + 1))[0]:
        return True
    if _SNIFF_SHAPES[0].match(text.lstrip()):
        return True
    return any(len(list(islice(shape.finditer(text), 2))) >= 2 for shape in _SNIFF_SHAPES)


def describe(text: str) -> tuple[str, str | None]:
    front, body = _front_matter(text.split("\n", _FRONT_MATTER_LINES + 1))
    first = next(iter(_raw_blocks(body[:_FRONT_MATTER_LINES])), None)
    opening = first.text if first and first.kind == "heading" and first.level == 1 else ""
    return _title_and_show(front, plain_text(opening))


def _title_and_show(front: dict[str, str], heading: str) -> tuple[str, str | None]:
    show = next((front[key] for key in _SHOW_KEYS if front.get(key)), None)
    title = front.get("title") or heading
    if not title:
        return "", show
    title, named_show = split_title(title)
    return title, show or named_show


def _front_matter(lines: list[str]) -> tuple[dict[str, str], list[str]]:
    """YAML front matter's top-level ``key: value`` pairs, and the lines after it."""
    if not lines or lines[0].strip() != "---":
        return {}, lines
    for end, line in enumerate(lines[1:_FRONT_MATTER_LINES], start=1):
        if line.strip() in ("---", "..."):
            pairs = [m for m in map(_FRONT_KEY.match, lines[1:end]) if m]
            if not pairs:
                return {}, lines
            values = {m.group(1).lower(): _unquote(m.group(2)) for m in pairs}
            return values, lines[end + 1:]
    return {}, lines


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        value = value[1:-1]
    return " ".join(value.split())


def _raw_blocks(lines: Iterable[str]) -> list[_Raw]:
    blocks: list[_Raw] = []
    current: _Raw | None = None
    in_fence = False
    for line in lines:
        first = line.lstrip()[:1]
        if not first:
            current = None
            continue
        if first in "`~" and _FENCE.match(line):
            in_fence, current = not in_fence, None
            continue
        if in_fence:
            blocks.append(_Raw("para", [line]))
            continue
        if first not in _BLOCK_STARTS and not first.isdigit():
            pass  # (each check below runs only on lines that can hold its mark)
        elif first == "#" and (heading := _HEADING.match(line)):
            text = _CLOSING_HASHES.sub("", line[heading.end():].strip()).strip()
            blocks.append(_Raw("heading", [text], len(heading.group(1))))
            current = None
            continue
        elif first in "=-" and (setext := _SETEXT.match(line)) and current \
                and current.kind == "para" and len(current.lines) == 1:
            current.kind, current.level = "heading", 1 if setext.group(1)[0] == "=" else 2
            current = None
            continue
        elif (first in _RULE_STARTS and line.rstrip()[-1:] in _RULE_STARTS and _RULE.match(line)
              or first == "<" and _COMMENT.match(line)):
            current = None
            continue
        elif (first.isdigit() or first in "*+-•" and line.lstrip()[1:2] in (" ", "\t")) \
                and (item := _ITEM.match(line)):
            current = _Raw("item", [item.group(1)])
            blocks.append(current)
            continue
        elif first == ">":
            line = _QUOTE.sub("", line)
        if current is None:
            current = _Raw("para")
            blocks.append(current)
        elif current.kind == "para" and (first in _TURN_STARTS or "](" in line) \
                and (turn := leading_turn(line)).prefixed:
            current = _Raw("para", first_turn=turn)
            blocks.append(current)
        current.lines.append(line)
    return blocks


def _norm(title: str) -> str:
    return _NOT_ALNUM.sub(" ", plain_text(title).casefold()).strip()


def read(source: SourceText) -> Transcript:
    front, body = _front_matter(source.text.split("\n"))
    raws = [raw for raw in _raw_blocks(body) if raw.kind != "heading" or raw.text.strip()]
    turns = {i: raw.turn() for i, raw in enumerate(raws) if raw.kind == "para"}
    title_index = 0 if raws and raws[0].kind == "heading" and raws[0].level == 1 else None
    title, show = _title_and_show(front, plain_text(raws[0].text) if title_index == 0 else "")
    headings = [i for i, raw in enumerate(raws) if raw.kind == "heading" and i != title_index]
    toc_heading = next((i for i in headings if _TOC_TITLE.match(plain_text(raws[i].text))), None)
    levels = {raws[i].level for i in headings if i != toc_heading}
    deeper = [level for level in levels if level > 1]
    chapter_level = min(deeper) if deeper else min(levels, default=1)
    chapter_rows = {i for i in headings if i != toc_heading and raws[i].level >= chapter_level}
    toc = _toc_entries(raws)
    heading_names = {_norm(raws[i].text) for i in chapter_rows}
    matched = [(start, name) for _, start, name in toc if _norm(name) in heading_names]
    toc_by_heading = len(matched) >= max(2, (len(toc) + 1) // 2)
    timed = any(turn.time is not None for turn in turns.values())
    toc_by_time = len(toc) >= 2 and not chapter_rows and timed
    toc_times = {_norm(name): start for start, name in reversed(matched)}
    hidden: set[int] = set()
    if toc_by_heading or toc_by_time:
        hidden = {row for row, _, _ in toc} | set(_toc_section(raws, toc_heading))
    elif toc_heading is not None and raws[toc_heading].level >= chapter_level:
        chapter_rows.add(toc_heading)

    stamped = _times_every_turn(turns.values())
    items: list[BlockSpec | _Speech] = []
    chapters: list[ChapterSpec] = []
    speaker: str | None = None
    pending: float | None = None
    for i, raw in enumerate(raws):
        if i in hidden:
            continue
        text = plain_text(raw.text) if raw.kind != "para" else ""
        if i == title_index:
            items.append(BlockSpec(BlockKind.TITLE, split_title(text)[0]))
        elif i in chapter_rows:
            turn = leading_turn(raw.text)
            name = plain_text(turn.rest) or text
            start = toc_times.get(_norm(raw.text), turn.time) if toc_by_heading else turn.time
            chapters.append(ChapterSpec(name, len(items), start))
            items.append(BlockSpec(BlockKind.HEADING, name, start))
        elif raw.kind == "heading":
            items.append(BlockSpec(BlockKind.SUMMARY, text))
        elif raw.kind == "item":
            if text:
                items.append(BlockSpec(BlockKind.BULLET, text))
        else:
            turn = turns[i]
            if turn.speaker is not None:
                speaker = turn.speaker
            who = speaker if turn.prefixed or not stamped else None
            pieces = timed_pieces(turn.rest, turn.time if turn.time is not None else pending)
            pending = turn.time if not pieces and turn.speaker is None else None
            if pieces:
                items.append(_Speech(who, pieces))
    blocks = _finish(items)
    if toc_by_time:
        blocks, chapters = _place_by_time(blocks, [(start, name) for _, start, name in toc])
    _fill_chapter_times(blocks, chapters)
    if not blocks:  # only empty turns ("**Ann:**"): nothing a reader could show
        raise TranscriptError(source.path, "has speaker names but no words to show")
    return build_transcript(
        title=title or title_from_path(source.path), show=show, format=NAME,
        source=source.path, fingerprint=source.fingerprint, blocks=blocks, chapters=chapters,
    )


def _times_every_turn(turns: Iterable[Turn]) -> bool:
    prefixed = [turn for turn in turns if turn.prefixed]
    return bool(prefixed) and sum(turn.time is not None for turn in prefixed) * 5 >= \
        len(prefixed) * 3


def _toc_entries(raws: list[_Raw]) -> list[tuple[int, float, str]]:
    """(row, start, title) of each ``0:00 – Introduction`` list item."""
    entries: list[tuple[int, float, str]] = []
    for row, raw in enumerate(raws):
        match = _TOC_ENTRY.match(raw.text) if raw.kind == "item" else None
        seconds = clock_seconds(match.group(1)) if match else None
        if match and seconds is not None:
            entries.append((row, seconds, plain_text(match.group(2))))
    return entries


def _toc_section(raws: list[_Raw], toc_heading: int | None) -> range:
    """The table of contents' own section, when it has a heading: the "Here are the loose
    chapters…" line under it is about the list."""
    if toc_heading is None:
        return range(0)
    end = next((i for i in range(toc_heading + 1, len(raws)) if raws[i].kind == "heading"),
               len(raws))
    return range(toc_heading, end)


def _grouped(items: list[BlockSpec | _Speech]) -> list[BlockSpec | _Speech]:
    """Fragmented speech (thousands of turns of a few words), as the raw-text reader does:
    runs of turns by one speaker joined into paragraphs of ``_GROUP_CHARS`` or more, each
    turn a timed piece (a paragraph costs as much to build and lay out, however short)."""
    speech = [item for item in items if isinstance(item, _Speech)]
    chars = sum(len(text) for item in speech for _, text in item.pieces)
    if len(speech) <= _FRAGMENTED_TURNS or chars >= _FRAGMENT_CHARS * len(speech):
        return items
    grouped: list[BlockSpec | _Speech] = []
    length = 0
    for item in items:
        last = grouped[-1] if grouped else None
        size = sum(len(text) + 1 for _, text in item.pieces) if isinstance(item, _Speech) else 0
        if (isinstance(item, _Speech) and isinstance(last, _Speech)
                and last.speaker == item.speaker and length < _GROUP_CHARS):
            last.pieces.extend(item.pieces)
            length += size
        else:
            grouped.append(_Speech(item.speaker, list(item.pieces))
                           if isinstance(item, _Speech) else item)
            length = size
    return grouped


def _finish(items: list[BlockSpec | _Speech]) -> list[BlockSpec]:
    """Speech becomes paragraph blocks, each piece ending where the next timed one starts."""
    items = _grouped(items)
    times = [when for item in items if isinstance(item, _Speech) for when, _ in item.pieces]
    ends = iter(stamp_ends(times))
    blocks: list[BlockSpec] = []
    for item in items:
        if isinstance(item, BlockSpec):
            blocks.append(item)
            continue
        if len(item.pieces) == 1:  # most paragraphs: no timed pieces to keep
            when, text = item.pieces[0]
            blocks.append(BlockSpec(BlockKind.PARAGRAPH, text, start_time=when,
                                    end_time=next(ends), speaker=item.speaker))
            continue
        cues: list[CueSpan] = []
        offset = 0
        for when, text in item.pieces:
            cues.append(CueSpan(offset, offset + len(text), when, next(ends), item.speaker))
            offset += len(text) + 1
        timed = any(cue.start_time is not None for cue in cues)
        blocks.append(BlockSpec(
            BlockKind.PARAGRAPH, " ".join(text for _, text in item.pieces),
            start_time=cues[0].start_time, end_time=cues[-1].end_time, speaker=item.speaker,
            cues=tuple(cues) if timed else ()))
    return blocks


def _place_by_time(blocks: list[BlockSpec], toc: list[tuple[float, str]]
                   ) -> tuple[list[BlockSpec], list[ChapterSpec]]:
    """Chapter headings from the table of contents, each before the first paragraph spoken at
    or after its time (half a second early counts: stamps are rounded)."""
    marks = sorted(toc, key=lambda entry: entry[0])
    placed: list[BlockSpec] = []
    chapters: list[ChapterSpec] = []
    next_mark = 0
    for block in blocks:
        while (next_mark < len(marks) and block.kind is BlockKind.PARAGRAPH
               and block.start_time is not None
               and block.start_time >= marks[next_mark][0] - 0.5):
            start, name = marks[next_mark]
            chapters.append(ChapterSpec(name, len(placed), start))
            placed.append(BlockSpec(BlockKind.HEADING, name or "Untitled", start))
            next_mark += 1
        placed.append(block)
    for start, name in marks[next_mark:]:
        chapters.append(ChapterSpec(name, len(placed), start))
        placed.append(BlockSpec(BlockKind.HEADING, name or "Untitled", start))
    return placed, chapters


def _fill_chapter_times(blocks: list[BlockSpec], chapters: list[ChapterSpec]) -> None:
    """A chapter without a time of its own starts with its first paragraph, when that is
    timed; it ends where the next chapter starts."""
    for n, chapter in enumerate(chapters):
        if chapter.start_time is None:
            following = blocks[chapter.block_index + 1:chapter.block_index + 3]
            first = next((b for b in following if b.kind is BlockKind.PARAGRAPH), None)
            if first is not None and first.start_time is not None:
                chapters[n] = ChapterSpec(chapter.title, chapter.block_index, first.start_time)
                blocks[chapter.block_index] = BlockSpec(
                    BlockKind.HEADING, blocks[chapter.block_index].text, first.start_time)
    for n, (chapter, later) in enumerate(zip(chapters, chapters[1:], strict=False)):
        if (chapter.start_time is not None and later.start_time is not None
                and later.start_time >= chapter.start_time):
            chapters[n] = ChapterSpec(chapter.title, chapter.block_index, chapter.start_time,
                                      later.start_time)
            heading = blocks[chapter.block_index]
            blocks[chapter.block_index] = BlockSpec(heading.kind, heading.text,
                                                    heading.start_time, later.start_time)
