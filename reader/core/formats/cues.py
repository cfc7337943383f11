"""Timed cues merged into readable paragraphs, keeping every cue's time and speaker.

Subtitle files, Whisper segments and Podcasting 2.0 transcripts all arrive as short timed
pieces: the Lex Fridman #94 captions are 2,275 cues of a line or two. Shown one per line they are
unreadable; merged into paragraphs without their times, a highlight in the middle of a paragraph
would lose its moment. So the readers hand their cues here: paragraphs are cut at a change of
speaker, at a pause after a sentence end, and when a paragraph grows long (at a sentence end if
one comes, else anyway), and each paragraph carries its cues as :class:`CueSpan` pieces, which
``build_transcript`` places in the transcript's timed-span layer (``Transcript.time_at``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from reader.core.model import BlockKind, BlockSpec, ChapterKind, ChapterSpec, CueSpan

# Measured on the corpus captions: speech pauses of 2 s or more after a full stop mark a change
# of thought far more often than not; shorter ones are breaths.
PAUSE_SECONDS = 2.0
# A paragraph of about 4-8 sentences reads well; past the soft limit the next sentence end closes
# it, past the hard limit (unpunctuated auto-captions) the next cue does.
SOFT_LIMIT = 600
HARD_LIMIT = 1500

_SENTENCE_END = re.compile(r"[.?!…][\"'”’)\]]*$")


@dataclass(frozen=True, slots=True)
class Cue:
    """One timed piece of speech as a reader found it."""

    text: str
    start: float | None = None
    end: float | None = None
    speaker: str | None = None


@dataclass(frozen=True, slots=True)
class ChapterMark:
    """A chapter known by its start time (a chapters file, a paired outline): it starts a new
    paragraph there and gets a heading, and a summary line when it has one."""

    title: str
    start: float
    end: float | None = None
    summary: str = ""
    kind: ChapterKind = ChapterKind.SOURCE


def clean_cue_text(text: str) -> str:
    """One line, single spaces (cue text may hold line breaks and runs of spaces)."""
    return " ".join(text.split())


def ends_sentence(text: str) -> bool:
    return bool(_SENTENCE_END.search(text))


def paragraphs_from_cues(
    cues: Sequence[Cue], chapters: Sequence[ChapterMark] = ()
) -> tuple[list[BlockSpec], list[ChapterSpec]]:
    """Paragraph blocks (and heading/summary blocks for ``chapters``) plus the chapter specs
    pointing at their headings. Empty cues are dropped; cue order is kept as given."""
    marks = sorted(chapters, key=lambda mark: mark.start)
    blocks: list[BlockSpec] = []
    specs: list[ChapterSpec] = []
    group: list[Cue] = []
    length = 0  # of the group's text, kept as it grows: word-level files have long groups
    next_mark = 0

    def flush() -> None:
        nonlocal length
        if group:
            blocks.append(_paragraph(group))
            group.clear()
            length = 0

    def open_chapter(mark: ChapterMark) -> None:
        flush()
        specs.append(ChapterSpec(mark.title, len(blocks), mark.start, mark.end, mark.kind))
        blocks.append(BlockSpec(BlockKind.HEADING, clean_cue_text(mark.title) or "Untitled",
                                mark.start, mark.end))
        if clean_cue_text(mark.summary):
            blocks.append(BlockSpec(BlockKind.SUMMARY, clean_cue_text(mark.summary)))

    for cue in cues:
        text = clean_cue_text(cue.text)
        if not text:
            continue
        if text != cue.text:
            cue = Cue(text, cue.start, cue.end, cue.speaker)
        while (next_mark < len(marks) and cue.start is not None
               and cue.start >= marks[next_mark].start - 0.5):
            open_chapter(marks[next_mark])
            next_mark += 1
        if group and _starts_paragraph(group, cue, length):
            flush()
        group.append(cue)
        length += len(text) + 1
    flush()
    for mark in marks[next_mark:]:  # chapters after the last cue still show in the outline
        open_chapter(mark)
    return blocks, specs


def _starts_paragraph(group: Sequence[Cue], cue: Cue, length: int) -> bool:
    previous = group[-1]
    if cue.speaker != previous.speaker and cue.speaker is not None:
        return True
    if cue.start is not None and previous.start is not None and cue.start < previous.start:
        return True  # time goes back (a cue out of order): one paragraph cannot span it
    if length >= HARD_LIMIT:
        return True
    if not ends_sentence(previous.text):
        return False
    if length >= SOFT_LIMIT:
        return True
    return (cue.start is not None and previous.end is not None
            and cue.start - previous.end >= PAUSE_SECONDS)


def _paragraph(group: Sequence[Cue]) -> BlockSpec:
    pieces: list[str] = []
    spans: list[CueSpan] = []
    offset = 0
    for cue in group:
        if pieces:
            offset += 1  # the joining space belongs to no cue
        pieces.append(cue.text)
        spans.append(CueSpan(offset, offset + len(cue.text), cue.start, cue.end, cue.speaker))
        offset += len(cue.text)
    start = next((c.start for c in group if c.start is not None), None)
    end = next((c.end for c in reversed(group) if c.end is not None), None)
    if start is not None and end is not None and end < start:
        end = start  # a cue whose end comes before its start: the paragraph has no length
    return BlockSpec(
        BlockKind.PARAGRAPH,
        " ".join(pieces),
        start_time=start,
        end_time=end,
        speaker=group[0].speaker,
        cues=tuple(spans),
    )
