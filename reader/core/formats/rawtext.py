"""Raw transcripts: plain text with no chapters and no speaker labels, often hard-wrapped.

The bundled Eye on AI transcript is wrapped at about 90 columns with a blank line after every
source line, so a sentence often runs across several lines; a larger gap (three newlines) marks
a place where a short line was cut, usually a change of speaker. Reading it as it is gives a
staircase of half-sentences, so this reader reflows it:

1. lines separated by the file's usual gap are one run of prose; a larger gap ends the run;
2. each run is split into sentences (sentencex), never inside one and never inside a word;
3. sentences are grouped into paragraphs of a few sentences each.

Files whose lines are already whole paragraphs (most lines end a sentence) keep their lines.
Only whitespace changes: the display text has exactly the source's words, in order. A first
line that is a title stays the title block; without one, the title comes from the file name and
is metadata only (renaming a file moves no offset). Time and memory grow linearly with the file.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter

from sentencex import get_sentence_boundaries

from reader.core.formats.decode import SourceText
from reader.core.formats.titles import title_from_path
from reader.core.model import BlockKind, BlockSpec, Transcript, build_transcript

NAME = "raw-text"
# 2: no title block made from the file name; no sentence split inside a word ("...and").
VERSION = 2

# A paragraph is closed once it has this many sentences or characters: about what fits in a
# reader's eye span on a wide window, and close to how people paragraph spoken answers.
PARAGRAPH_SENTENCES = 4
PARAGRAPH_CHARS = 420
# A trailing paragraph shorter than this joins the one before it instead of standing alone.
ORPHAN_CHARS = 90
# Unpunctuated text (auto-captions) yields "sentences" of any length; cut those at word
# boundaries so no paragraph becomes a wall of text.
LONG_SENTENCE_CHARS = 900
_LONG_SENTENCE_CUT = LONG_SENTENCE_CHARS // 2 + 200
# Text goes to the sentence splitter in windows of about this size, so that time and memory
# stay linear however long a run without a line break is (an auto-caption file is one line).
SPLIT_WINDOW_CHARS = 20_000

_SENTENCE_END = re.compile(r"[.?!…][\"'”’)\]]*$")
_HAS_SENTENCE_PUNCTUATION = re.compile(r"[.?!…]")


def sniff(text: str) -> bool:
    """Any non-empty text can be read as a raw transcript: this reader is the fallback."""
    return bool(text.strip())


def describe(text: str) -> tuple[str, str | None]:
    lines = text.split("\n")
    title = _title_line(lines)
    return (" ".join(lines[title].split()) if title is not None else ""), None


def read(source: SourceText) -> Transcript:
    lines = source.text.split("\n")
    title_index = _title_line(lines)
    blocks: list[BlockSpec] = []
    if title_index is None:
        title, body = title_from_path(source.path), lines
    else:
        title, body = " ".join(lines[title_index].split()), lines[title_index + 1 :]
        blocks.append(BlockSpec(BlockKind.TITLE, title))
    blocks += [BlockSpec(BlockKind.PARAGRAPH, p) for p in reflow(body)]
    return build_transcript(
        title=title, show=None, format=NAME, source=source.path,
        fingerprint=source.fingerprint, blocks=blocks,
    )


def reflow(lines: list[str]) -> list[str]:
    """Source lines -> paragraphs (each one line of text), never breaking a sentence."""
    runs = _runs(lines)
    if not runs:
        return []
    paragraphs: list[str] = []
    front, runs[0] = _front_matter(runs[0])
    paragraphs += front
    wrapped = _is_hard_wrapped([line for run in runs for line in run])
    for run in runs:
        prose = [" ".join(run)] if wrapped else run
        for text in prose:
            text = " ".join(text.split())
            if text:
                paragraphs += _paragraphs(_sentences(text))
    return paragraphs


def _runs(lines: list[str]) -> list[list[str]]:
    """Group non-empty lines into runs; a gap larger than the file's usual one ends a run."""
    gaps: list[int] = []
    items: list[tuple[int, str]] = []  # (blank lines before, line)
    blank = 0
    for line in lines:
        if line.strip():
            items.append((blank, line.strip()))
            if len(items) > 1:
                gaps.append(blank)
            blank = 0
        else:
            blank += 1
    if not items:
        return []
    usual = Counter(gaps).most_common(1)[0][0] if gaps else 0
    runs: list[list[str]] = []
    for index, (gap, line) in enumerate(items):
        if index == 0 or gap > usual:
            runs.append([line])
        else:
            runs[-1].append(line)
    return runs


def _front_matter(run: list[str]) -> tuple[list[str], list[str]]:
    """Leading lines with no sentence punctuation (a tagline, a sponsor line) stand alone.

    Only a few: a transcript that is unpunctuated throughout (auto-captions) has no front matter.
    """
    count = 0
    while count < len(run) and not _HAS_SENTENCE_PUNCTUATION.search(run[count]):
        count += 1
    if count == 0 or count > 3 or count == len(run):
        return [], run
    return run[:count], run[count:]


def _is_hard_wrapped(lines: list[str]) -> bool:
    """Most line ends fall mid-sentence and lines are about one screen column wide."""
    if not lines:
        return False
    open_ends = sum(1 for line in lines if not _SENTENCE_END.search(line))
    return open_ends / len(lines) > 0.25 and statistics.median(len(line) for line in lines) < 160


def _sentences(text: str) -> list[str]:
    """``text`` (words separated by single spaces) as sentences, none longer than
    LONG_SENTENCE_CHARS unless it is one word.

    The splitter sees one window of the text at a time, so time and memory stay linear. The
    last piece of a window may go on past its end, so the next window starts with it: no
    sentence is cut at a window's edge, and each window moves on by nearly its whole size.
    """
    out: list[str] = []
    start, size = 0, len(text)
    while start < size:
        end = size if size - start <= SPLIT_WINDOW_CHARS else (
            text.rfind(" ", start, start + SPLIT_WINDOW_CHARS))
        if end <= start:  # a window without a space is inside one word: never split a word
            end = text.find(" ", start + SPLIT_WINDOW_CHARS)
            end = size if end == -1 else end
            out.append(text[start:end])
            start = end + 1
            continue
        pieces = [piece for left, right in _sentence_spans(text, start, end)
                  for piece in _cut_long(text, left, right)]
        next_start = end + 1
        if end < size and pieces and pieces[-1][0] > start:
            next_start = pieces.pop()[0]
        out += [text[left:right] for left, right in pieces]
        start = next_start
    return out


def _sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each sentence in ``text[start:end]``, spaces excluded.

    sentencex also splits where no space is ("yourself.And", "...not", "Justin.TV"); such a
    cut would put a space inside a word in the display text, so those pieces are joined again.
    """
    # sentencex rather than pysbd: the same boundaries on the bundled interview, and about 140x
    # faster (pysbd took 4 s on a 90 KB unpunctuated auto-caption file; benchmarks/).
    spans: list[tuple[int, int]] = []
    for found in get_sentence_boundaries("en", text[start:end]):
        left, right = start + found["start_index"], start + found["end_index"]
        if spans and left == spans[-1][1] and not (text[left - 1].isspace()
                                                   or text[left].isspace()):
            left = spans.pop()[0]  # no space at the cut: the same word goes on
        spans.append((left, right))
    return [_strip(text, left, right) for left, right in spans if text[left:right].strip()]


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _cut_long(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``text[start:end]`` as pieces cut at spaces, each at most LONG_SENTENCE_CHARS unless it
    is one word; found by index, so linear in the length."""
    pieces: list[tuple[int, int]] = []
    while end - start > LONG_SENTENCE_CHARS:
        cut = text.rfind(" ", start + 1, start + _LONG_SENTENCE_CUT)
        if cut == -1:  # a very long word first: cut after it
            cut = text.find(" ", start + _LONG_SENTENCE_CUT, end)
            if cut == -1:
                break
        pieces.append((start, cut))
        start = cut + 1
    pieces.append((start, end))
    return pieces


def _paragraphs(sentences: list[str]) -> list[str]:
    paragraphs: list[list[str]] = [[]]
    for sentence in sentences:
        current = paragraphs[-1]
        current.append(sentence)
        if len(current) >= PARAGRAPH_SENTENCES or sum(map(len, current)) >= PARAGRAPH_CHARS:
            paragraphs.append([])
    if not paragraphs[-1]:
        paragraphs.pop()
    if len(paragraphs) > 1 and sum(map(len, paragraphs[-1])) < ORPHAN_CHARS:
        orphan = paragraphs.pop()
        paragraphs[-1].extend(orphan)
    return [" ".join(p) for p in paragraphs]


def _title_line(lines: list[str]) -> int | None:
    """The first line is a title when it is short, unpunctuated and stands apart."""
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return None
    line = lines[first].strip()
    stands_apart = first + 1 >= len(lines) or not lines[first + 1].strip()
    if len(line) <= 120 and stands_apart and not _SENTENCE_END.search(line):
        return first
    return None
