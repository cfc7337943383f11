"""What a highlight is about: its chapter, its time, and a citation to copy.

The time is the media time of the block the highlight starts in; a block without a time (a
chapter summary in show notes) takes its chapter's start time. A finer ``time_at(offset)``
(cues inside a paragraph) can replace :func:`time_of` later without changing its callers.
"""

from __future__ import annotations

from reader.core.annotations.model import Annotation
from reader.core.model import Chapter, Transcript
from reader.core.timefmt import format_clock


def chapter_of(transcript: Transcript, annotation: Annotation) -> Chapter | None:
    """The chapter the highlight starts in; None for an orphan or before the first chapter."""
    if annotation.orphaned or annotation.start is None:
        return None
    index = transcript.chapter_index_at(annotation.start)
    return None if index is None else transcript.chapters[index]


def chapter_id(transcript: Transcript, annotation: Annotation) -> str | None:
    chapter = chapter_of(transcript, annotation)
    return chapter.id if chapter else None


def time_of(transcript: Transcript, annotation: Annotation) -> float | None:
    """Media time (seconds) where the highlight starts, when the transcript knows it."""
    if annotation.orphaned or annotation.start is None or not transcript.blocks:
        return None
    block = transcript.blocks[transcript.block_index_at(annotation.start)]
    if block.start_time is not None:
        return block.start_time
    chapter = chapter_of(transcript, annotation)
    return chapter.start_time if chapter else None


def citation(transcript: Transcript, annotation: Annotation) -> str:
    """The quote, then where it is from: show, title, chapter and time when known.

        “Compute was the bottleneck.”
        — Lex Fridman Podcast, Ilya Sutskever: Deep Learning, AlexNet origins, 3:12
    """
    source: list[str] = [part for part in (transcript.show, transcript.title) if part]
    chapter = chapter_of(transcript, annotation)
    if chapter is not None and chapter.title not in source:
        source.append(chapter.title)
    seconds = time_of(transcript, annotation)
    if seconds is not None:
        source.append(format_clock(seconds))
    quote = f"“{annotation.exact.strip()}”"
    return f"{quote}\n— {', '.join(source)}" if source else quote
