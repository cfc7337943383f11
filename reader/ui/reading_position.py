"""The one-line place a reading pane is at, 'Chapter 8 of 15 · 36:05 · 42% read' (or
'Section …' in automatic sections): the main pane's status bar and the second pane's header
say it in the same words, with the same numbers for the same place."""

from __future__ import annotations

from reader.core.model import ChapterKind, Transcript
from reader.core.timefmt import format_clock
from reader.ui.transcript_view import TranscriptView


def percent_read(view: TranscriptView) -> int:
    """How far into the text the top of the view is, by text position (so two panes of
    different widths at the same place agree); 100 once the end is in view."""
    transcript = view.transcript
    if transcript is None or view.at_end() or not transcript.text:
        return 100
    return min(99, round(100 * view.top_offset() / len(transcript.text)))


def position_line(transcript: Transcript, chapter: int | None, view: TranscriptView) -> str:
    """``chapter``: the index of the chapter the reader is in (None: before any)."""
    parts = [f"{percent_read(view)}% read"]
    if chapter is not None and transcript.chapters:
        current = transcript.chapters[chapter]
        if current.start_time is not None:
            parts.insert(0, format_clock(current.start_time))
        noun = "Section" if current.kind is ChapterKind.AUTO else "Chapter"
        parts.insert(0, f"{noun} {chapter + 1} of {len(transcript.chapters)}")
    return " · ".join(parts)
