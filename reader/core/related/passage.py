"""The passage a related-passages query starts from, and the chapter context around it.

A passage is what the search index holds as one document (``search.documents``: a paragraph
or a few short ones joined, a summary, a bullet, a heading), so the passage at an offset is
compared with passages of the same size elsewhere. Its **context** is the title and summary of
the chapter it is in: a bullet "RL's uniqueness" says little on its own, under "Unity across
vision, language, and RL" it says more.

A query never starts from a block that says too little: the title block, a chapter heading (the
chapter's title is the context of the passages under it anyway), a time span, or a block of
fewer than :data:`MIN_CONTENT_WORDS` content words ("Yeah, exactly.", a line of sponsors'
names); the next block that says something stands for it, so the top of a transcript is
related through its first real paragraph, not through "Lex Fridman Podcast #94".
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from reader.core.annotations.lookup import whitespace_matches
from reader.core.model import BlockKind, Transcript
from reader.core.related.stopwords import STOP_WORDS
from reader.core.search.documents import passage_documents
from reader.core.search.text import APOSTROPHES, WORD_RE, fold

REMEMBERED = 8  # transcripts whose passages are kept
MIN_CONTENT_WORDS = 3
NO_QUERY_KINDS = frozenset((BlockKind.TITLE, BlockKind.HEADING, BlockKind.TIMESPAN))
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
    at = min(bisect.bisect_right([end for _, end in spans], offset), len(spans) - 1)
    start, end = _first_telling(transcript, spans, at)
    chapter = transcript.chapter_index_at(start)
    return Passage(start, end, transcript.text[start:end], chapter,
                   chapter_context(transcript, chapter, exclude=(start, end)))


def _first_telling(transcript: Transcript, spans: list[tuple[int, int]], at: int
                   ) -> tuple[int, int]:
    """The span of ``spans[at]``, widened to its whole block, or when its blocks say nothing
    (see the module) the first later one whose blocks do, from the first block that does;
    ``spans[at]``'s own when none does."""
    first = None
    for start, end in spans[at:]:
        index = transcript.block_index_at(start)
        for block in transcript.blocks[index:]:
            if block.start >= end:
                break
            # The index cuts a long paragraph into pieces of a few sentences; a query made of
            # one piece has too few distinctive terms, so it speaks for its whole paragraph.
            widened = min(start, block.start) if block.start <= start else block.start, \
                max(end, block.end)
            first = first or widened
            if block.kind not in NO_QUERY_KINDS \
                    and _content_words(block.text) >= MIN_CONTENT_WORDS:
                return widened
    assert first is not None
    return first


def _content_words(text: str) -> int:
    """Lower-case words that are not stop words: a line of names or of products ("Amazon
    Prime, Kindle Unlimited") is no paragraph about anything, a sentence has a few."""
    return sum(1 for match in WORD_RE.finditer(text)
               if match.group().islower() and fold(match.group()) not in STOP_WORDS)


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
        # As search and find do: letter case and typographic apostrophes do not count when the
        # quote as typed is not there (both foldings keep every character's place).
        folded = transcript.text.translate(_APOSTROPHES).lower()
        if len(folded) == len(transcript.text):
            found = whitespace_matches(folded, quote.translate(_APOSTROPHES).lower())
    if not found:
        raise QuoteNotFound("the quote is not in the transcript")
    return found[0][0]


_APOSTROPHES = str.maketrans({ch: "'" for ch in APOSTROPHES})
