"""The passage a related-passages query starts from, and the chapter context around it.

A passage is what the search index holds as one document (``search.documents``: a paragraph
or a few short ones joined, a summary, a bullet, a heading), so the passage at an offset is
compared with passages of the same size elsewhere. Its **context** is the title and summary of
the chapter it is in: a bullet "RL's uniqueness" says little on its own, under "Unity across
vision, language, and RL" it says more.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from reader.core.annotations.lookup import whitespace_matches
from reader.core.model import BlockKind, Transcript
from reader.core.search.documents import passage_documents

REMEMBERED = 8  # transcripts whose passages are kept
_SPANS: dict[tuple[str, tuple[int, ...]], list[tuple[int, int]]] = {}


class QuoteNotFound(ValueError):
    """The quote a query should start from is not in the transcript (one line)."""


@dataclass(frozen=True, slots=True)
class Passage:
    start: int  # display-text offsets
    end: int
    text: str
    chapter_index: int | None
    context: str  # the chapter's title and summary ("" outside chapters)


def passage_at(transcript: Transcript, offset: int) -> Passage | None:
    """The passage holding ``offset`` (the next one when ``offset`` falls between passages,
    the last one past the end); None for a transcript without text."""
    spans = _passage_spans(transcript)
    if not spans:
        return None
    at = bisect.bisect_right([end for _, end in spans], offset)
    start, end = spans[min(at, len(spans) - 1)]
    # The index cuts a long paragraph into pieces of a few sentences; a query made of one piece
    # has too few distinctive terms, so it speaks for its whole paragraph.
    block = transcript.blocks[transcript.block_index_at(start)]
    start, end = min(start, block.start), max(end, block.end)
    chapter = transcript.chapter_index_at(start)
    return Passage(start, end, transcript.text[start:end], chapter,
                   chapter_context(transcript, chapter, exclude=(start, end)))


def _passage_spans(transcript: Transcript) -> list[tuple[int, int]]:
    """(start, end) of the transcript's passages; the last few transcripts' are remembered
    (the window asks about the same one as the reader scrolls)."""
    key = (transcript.text_hash, tuple(chapter.start for chapter in transcript.chapters))
    spans = _SPANS.pop(key, None)
    if spans is None:
        spans = [(int(doc.data["start"]), int(doc.data["end"]))
                 for doc in passage_documents(transcript, "")]
    _SPANS[key] = spans
    while len(_SPANS) > REMEMBERED:
        _SPANS.pop(next(iter(_SPANS)))
    return spans


def chapter_context(transcript: Transcript, chapter: int | None,
                    exclude: tuple[int, int] = (0, 0)) -> str:
    """The chapter's title and its summary blocks (not the passage itself)."""
    if chapter is None:
        return ""
    parts = [transcript.chapters[chapter].title]
    first = transcript.chapters[chapter].start
    last = (transcript.chapters[chapter + 1].start if chapter + 1 < len(transcript.chapters)
            else len(transcript.text))
    for block in transcript.blocks[transcript.block_index_at(first):]:
        if block.start >= last:
            break
        if block.kind is BlockKind.SUMMARY and not (exclude[0] <= block.start < exclude[1]):
            parts.append(block.text)
    return "\n".join(parts)


def offset_of_quote(transcript: Transcript, quote: str) -> int:
    """Where ``quote`` first occurs (any whitespace matches any whitespace). Raises
    QuoteNotFound."""
    if not quote.strip():
        raise QuoteNotFound("the quote is empty")
    found = whitespace_matches(transcript.text, quote)
    if not found:
        raise QuoteNotFound("the quote is not in the transcript")
    return found[0][0]
