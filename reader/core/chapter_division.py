"""A timed transcript divided into chapters known by time (an outline's, a chapters file's).

Used by :mod:`reader.core.companions` once a transcript has been read: the reader's paragraphs
stay as they are, except that a paragraph running across a chapter start is cut at the cue
where the chapter begins, and the chapter's heading and summary go in between. Every cue keeps
its own time (the span layer is carried over, re-based), so no word and no time is lost.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from reader.core.formats.cues import ChapterMark, paragraphs_from_cues
from reader.core.model import (
    Block,
    BlockKind,
    BlockSpec,
    ChapterSpec,
    CueSpan,
    Transcript,
    build_transcript,
)

# A chapter opens before a cue that starts up to half a second early (as in cues.py).
_EARLY_SECONDS = 0.5


def divide_by_chapters(transcript: Transcript, marks: Sequence[ChapterMark]) -> Transcript:
    """The transcript's blocks with a heading (and summary) before the first words spoken at or
    after each chapter's start; a paragraph that spans a chapter start is cut there, at the
    start of that cue, keeping every cue's own time and every character but the joining space.
    Chapters after the last words still get their heading."""
    pending = sorted(marks, key=lambda mark: mark.start)
    blocks: list[BlockSpec] = []
    chapters: list[ChapterSpec] = []

    def open_chapter(mark: ChapterMark) -> None:
        heading_blocks, specs = paragraphs_from_cues((), [mark])
        chapters.extend(dataclasses.replace(spec, block_index=spec.block_index + len(blocks))
                        for spec in specs)
        blocks.extend(heading_blocks)

    for block, cues in zip(transcript.blocks, _cues_by_block(transcript), strict=True):
        if block.kind is not BlockKind.PARAGRAPH:
            blocks.append(BlockSpec(block.kind, block.text, block.start_time, block.end_time,
                                    block.speaker, cues))
            continue
        # Where the paragraph is cut, and the chapters that open there.
        cuts: list[tuple[int, list[ChapterMark]]] = []
        starts = [(c.start, c.start_time) for c in cues] or [(0, block.start_time)]
        for offset, start_time in starts:
            opening = []
            while (pending and start_time is not None
                   and start_time >= pending[0].start - _EARLY_SECONDS):
                opening.append(pending.pop(0))
            if opening:
                cuts.append((offset, opening))
        position = 0
        for offset, opening in [*cuts, (len(block.text), [])]:
            if offset > position:
                blocks.append(_part(block, cues, position, offset))
            for mark in opening:
                open_chapter(mark)
            position = max(position, offset)
    for mark in pending:
        open_chapter(mark)
    return build_transcript(title=transcript.title, show=transcript.show,
                            format=transcript.format, source=transcript.source,
                            fingerprint=transcript.fingerprint, blocks=blocks, chapters=chapters,
                            reader_version=transcript.reader_version, notes=transcript.notes)


def _cues_by_block(transcript: Transcript) -> list[tuple[CueSpan, ...]]:
    """Each block's timed spans, relative to the block (one pass: both are sorted)."""
    spans = transcript.spans
    result: list[tuple[CueSpan, ...]] = []
    index = 0
    for block in transcript.blocks:
        while index < len(spans) and spans[index].start < block.start:
            index += 1
        own: list[CueSpan] = []
        while index < len(spans) and spans[index].end <= block.end:
            span = spans[index]
            own.append(CueSpan(span.start - block.start, span.end - block.start,
                               span.start_time, span.end_time, span.speaker))
            index += 1
        result.append(tuple(own))
    return result


def _part(block: Block, cues: Sequence[CueSpan], start: int, end: int) -> BlockSpec:
    """The paragraph's text from ``start`` to ``end``, with the cues that lie in it."""
    text = block.text[start:end].rstrip()
    inside = [CueSpan(c.start - start, min(c.end - start, len(text)), c.start_time, c.end_time,
                      c.speaker)
              for c in cues if start <= c.start < end]
    first_time = next((c.start_time for c in inside if c.start_time is not None), None)
    return BlockSpec(
        BlockKind.PARAGRAPH, text,
        start_time=first_time if start else block.start_time,
        end_time=(next((c.end_time for c in reversed(inside) if c.end_time is not None), None)
                  if end < len(block.text) else block.end_time),
        speaker=inside[0].speaker or block.speaker if inside else block.speaker,
        cues=tuple(inside))
