"""Raw transcripts: plain text with no chapters and no speaker labels, often hard-wrapped.

The bundled Eye on AI transcript is wrapped at about 90 columns with a blank line after every
source line, so a sentence often runs across several lines; a larger gap (three newlines) marks
a place where a short line was cut, usually a change of speaker. Reading it as it is gives a
staircase of half-sentences, so this reader reflows it:

1. lines separated by the file's usual gap are one run of prose; a larger gap ends the run;
2. each run is split into sentences (sentencex), never inside one;
3. sentences are grouped into paragraphs of a few sentences each.

Files whose lines are already whole paragraphs (most lines end a sentence) keep their lines.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from pathlib import Path

from sentencex import segment as split_sentences

from reader.core.formats.decode import SourceText
from reader.core.model import BlockKind, BlockSpec, Transcript, build_transcript

NAME = "raw-text"

# A paragraph is closed once it has this many sentences or characters: about what fits in a
# reader's eye span on a wide window, and close to how people paragraph spoken answers.
PARAGRAPH_SENTENCES = 4
PARAGRAPH_CHARS = 420
# A trailing paragraph shorter than this joins the one before it instead of standing alone.
ORPHAN_CHARS = 90
# Unpunctuated text (auto-captions) yields "sentences" of any length; cut those at word
# boundaries so no paragraph becomes a wall of text.
LONG_SENTENCE_CHARS = 900

_SENTENCE_END = re.compile(r"[.?!…][\"'”’)\]]*$")
_HAS_SENTENCE_PUNCTUATION = re.compile(r"[.?!…]")


def sniff(text: str) -> bool:
    """Any non-empty text can be read as a raw transcript: this reader is the fallback."""
    return bool(text.strip())


def describe(text: str) -> tuple[str, str | None]:
    lines = text.split("\n")
    title = _title_line(lines)
    return (lines[title].strip() if title is not None else ""), None


def read(source: SourceText) -> Transcript:
    lines = source.text.split("\n")
    title_index = _title_line(lines)
    title = lines[title_index].strip() if title_index is not None else _title_from(source.path)
    body = lines[title_index + 1 :] if title_index is not None else lines
    blocks = [BlockSpec(BlockKind.TITLE, title)]
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
    # sentencex rather than pysbd: the same boundaries on the bundled interview, and about 140x
    # faster (pysbd took 4 s on a 90 KB unpunctuated auto-caption file; benchmarks/).
    sentences = [s.strip() for s in split_sentences("en", text) if s.strip()]
    out: list[str] = []
    for sentence in sentences:
        while len(sentence) > LONG_SENTENCE_CHARS:
            cut = sentence.rfind(" ", 0, LONG_SENTENCE_CHARS // 2 + 200)
            if cut <= 0:
                break
            out.append(sentence[:cut])
            sentence = sentence[cut + 1 :]
        if sentence:
            out.append(sentence)
    return out


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


def _title_from(path: Path) -> str:
    return re.sub(r"[-_]+", " ", path.stem).strip().title() or path.name
