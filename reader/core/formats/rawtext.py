"""Raw transcripts: plain text with no chapters and no speaker labels, often hard-wrapped.

The bundled Eye on AI transcript is wrapped at about 90 columns with a blank line after every
source line, so a sentence often runs across several lines; a larger gap (three newlines) marks
a place where a short line was cut, usually a change of speaker. Reading it as it is gives a
staircase of half-sentences, so this reader reflows it:

1. lines separated by the file's usual gap are one run of prose; a larger gap ends the run;
2. each run is split into sentences (sentencex), never inside one and never inside a word;
3. sentences are grouped into paragraphs of a few sentences each.

Files whose lines are already whole paragraphs (most lines end a sentence) keep their lines.
Fragmented text, thousands of lines (or runs) of a few words each (a sentence or a caption per
line, "Hi." and a blank line), is grouped like hard-wrapped text, across larger gaps too, into
paragraphs of at least MIN_PARAGRAPH_CHARS: a paragraph per source line would mean hundreds of
thousands of blocks, each of which costs the window time and memory to lay out.

Only whitespace changes: the display text has exactly the source's words, in order. A first
line that is a title stays the title block; without one, the title comes from the file name and
is metadata only (renaming a file moves no offset). Time and memory grow linearly with the file.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Iterator
from itertools import accumulate, pairwise

from sentencex import get_sentence_boundaries, segment

from reader.core.formats.decode import SourceText
from reader.core.formats.titles import title_from_path
from reader.core.model import INTERVIEWER, BlockKind, BlockSpec, Transcript, build_transcript
from reader.core.sections.turns import Sentence, interviewer_turns

NAME = "raw-text"
# 2: no title block made from the file name; no sentence split inside a word ("...and").
# 3: fragmented text (lines or runs shorter than FRAGMENT_CHARS on average) is grouped into
#    paragraphs of a few sentences instead of keeping one paragraph per source line.
# 4: a detected change of speaker (an interviewer's question, its answer) ends a paragraph.
# 5: changes of speaker are found by a trained model (reader/core/sections/turns.py).
# 6: a run of questions to "you" answered at once in the first person ("...? I can't talk in
#    detail...") ends a paragraph even where the model keeps it in the answer.
# 7: a section far longer than the others is split at its likeliest question ("...converting
#    pixels into vectors, ..., right?"), which then ends a paragraph too.
VERSION = 7

# A paragraph is closed once it has this many sentences or characters: about what fits in a
# reader's eye span on a wide window, and close to how people paragraph spoken answers.
PARAGRAPH_SENTENCES = 4
PARAGRAPH_CHARS = 420
# A trailing paragraph shorter than this joins the one before it instead of standing alone.
ORPHAN_CHARS = 90
# Text of more than FRAGMENT_PIECES pieces (source lines, or runs of hard-wrapped lines) that
# are shorter than FRAGMENT_CHARS on average is fragmented. The mean, not the median: a file that
# is not fragmented then has at most (its size / FRAGMENT_CHARS) pieces, however its short and
# long lines are mixed. No transcript of the shared corpus comes near (word-per-cue subtitles
# average 53). Fewer pieces keep their lines: they cost little, and a short file of short
# lines (a chat, a list) is best read as written.
FRAGMENT_CHARS = 40
FRAGMENT_PIECES = 2_000
# In fragmented text a paragraph closes at PARAGRAPH_SENTENCES sentences or at a larger gap only
# once it is this long: "Yes. No. Right. Sure." is not a paragraph, and 1.5 MB of them would be
# 80,000 blocks.
MIN_PARAGRAPH_CHARS = 200
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
    blocks += [BlockSpec(BlockKind.PARAGRAPH, text, role=INTERVIEWER if asks else None)
               for text, asks in reflow_turns(body)]
    return build_transcript(
        title=title, show=None, format=NAME, source=source.path,
        fingerprint=source.fingerprint, blocks=blocks,
    )


def reflow(lines: list[str]) -> list[str]:
    """Source lines -> paragraphs (each one line of text), never breaking a sentence."""
    return [text for text, _ in reflow_turns(lines)]


def reflow_turns(lines: list[str]) -> list[tuple[str, bool]]:
    """:func:`reflow`, each paragraph with whether it is (part of) an interviewer's turn.

    In reflowed text a detected change of speaker (:mod:`reader.core.sections.turns`) ends a
    paragraph, so a question never shares one with its answer."""
    runs = _runs(lines)
    if not runs:
        return []
    front, runs[0] = _front_matter(runs[0])
    paragraphs = [(text, False) for text in front]
    wrapped = _is_hard_wrapped([line for run in runs for line in run])
    pieces = [[" ".join(run)] if wrapped else run for run in runs]
    if _is_fragmented(pieces):
        texts = (" ".join(" ".join(run).split()) for run in runs)
        return paragraphs + [(p, False) for p in _grouped_paragraphs([t for t in texts if t])]
    if wrapped:
        return paragraphs + _turn_paragraphs([" ".join(run[0].split()) for run in pieces])
    for prose in pieces:
        for text in prose:
            text = " ".join(text.split())
            if text:
                paragraphs += [(p, False) for p in _paragraphs(_sentences(text))]
    return paragraphs


def _turn_paragraphs(runs: list[str]) -> list[tuple[str, bool]]:
    """Runs of reflowed prose as paragraphs that also end where the speaker changes."""
    sentences = run_sentences(runs)
    run_starts = [i for i, s in enumerate(sentences) if s.gap_before]
    turns = interviewer_turns(sentences)
    asking = [False] * len(sentences)
    for turn in turns:
        asking[turn.start : turn.answer] = [True] * (turn.answer - turn.start)
    cuts = sorted({0, len(sentences), *run_starts, *(t.start for t in turns),
                   *(t.answer for t in turns)})
    paragraphs: list[tuple[str, bool]] = []
    for left, right in pairwise(cuts):
        texts = [s.text for s in sentences[left:right]]
        paragraphs += [(p, asking[left]) for p in _paragraphs(texts)]
    return paragraphs


def run_sentences(runs: list[str]) -> list[Sentence]:
    """The sentences of runs of reflowed prose, each run's first after a larger gap."""
    sentences: list[Sentence] = []
    for run in runs:
        sentences += [Sentence(text, gap_before=index == 0 and bool(sentences))
                      for index, text in enumerate(_sentences(run)) if text]
    return sentences


def _runs(lines: list[str]) -> list[list[str]]:
    """Group non-empty lines into runs; a gap larger than the file's usual one ends a run.

    List comprehensions over the lines rather than one loop: 1.5 MB of "Hi." lines are 600,000.
    """
    stripped = [line.strip() for line in lines]
    kept = [index for index, line in enumerate(stripped) if line]
    if not kept:
        return []
    gaps = [after - before - 1 for before, after in pairwise(kept)]  # blank lines between
    usual = Counter(gaps).most_common(1)[0][0] if gaps else 0
    cuts = [0, *(k for k, gap in enumerate(gaps, 1) if gap > usual), len(kept)]
    return [[stripped[index] for index in kept[start:end]] for start, end in pairwise(cuts)]


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


def _is_fragmented(pieces: list[list[str]]) -> bool:
    """Very many pieces of prose (lines, or joined runs), a few words each on average."""
    count = sum(map(len, pieces))
    return count > FRAGMENT_PIECES and (
        sum(len(piece) for run in pieces for piece in run) < FRAGMENT_CHARS * count)


def _sentences(text: str) -> list[str]:
    """``text`` (words separated by single spaces) as sentences, none longer than
    LONG_SENTENCE_CHARS unless it is one word."""
    return [text[left:right] for left, right in _sentence_bounds(text)]


def _sentence_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of each of :func:`_sentences`, in order; one space lies between two.

    The splitter sees one window of the text at a time, so time and memory stay linear. The
    last piece of a window may go on past its end, so the next window starts with it: no
    sentence is cut at a window's edge, and each window moves on by nearly its whole size.
    """
    out: list[tuple[int, int]] = []
    start, size = 0, len(text)
    while start < size:
        end = size if size - start <= SPLIT_WINDOW_CHARS else (
            text.rfind(" ", start, start + SPLIT_WINDOW_CHARS))
        if end <= start:  # a window without a space is inside one word: never split a word
            end = text.find(" ", start + SPLIT_WINDOW_CHARS)
            end = size if end == -1 else end
            out.append((start, end))
            start = end + 1
            continue
        pieces: list[tuple[int, int]] = []
        for left, right in _sentence_spans(text, start, end):
            if right - left > LONG_SENTENCE_CHARS:
                pieces += _cut_long(text, left, right)
            else:
                pieces.append((left, right))
        next_start = end + 1
        if end < size and pieces and pieces[-1][0] > start:
            next_start = pieces.pop()[0]
        out += pieces
        start = next_start
    return out


def _sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each sentence in ``text[start:end]``, spaces excluded; ``text`` has
    words separated by single spaces, so a sentence has at most one on each side.

    sentencex also splits where no space is ("yourself.And", "...not", "Justin.TV"); such a
    cut would put a space inside a word in the display text, so those pieces are joined again.
    One pass of plain comparisons per sentence: text of tiny sentences has 300,000 of them.
    """
    spans: list[tuple[int, int]] = []
    right = start
    for piece in _splitter_pieces(text[start:end]):
        left = right
        right += len(piece)
        trimmed_end = right - 1 if piece[-1] == " " else right
        if spans and text[left - 1] != " " and piece[0] != " ":
            spans[-1] = (spans[-1][0], trimmed_end)  # no space at the cut: the same word goes on
        else:
            trimmed_start = left + 1 if piece[0] == " " else left
            if trimmed_start < trimmed_end:
                spans.append((trimmed_start, trimmed_end))
    return spans


def _splitter_pieces(window: str) -> list[str]:
    """sentencex's sentences of ``window``, as non-empty strings that tile it.

    ``segment`` gives them three times faster than ``get_sentence_boundaries`` builds its dicts
    (it matters for text of tiny sentences). Should they ever not tile the window, the dicts
    are asked, and any text between two of their sentences becomes a piece of its own.
    """
    # sentencex rather than pysbd: the same boundaries on the bundled interview, and about 140x
    # faster (pysbd took 4 s on a 90 KB unpunctuated auto-caption file; benchmarks/).
    pieces = [piece for piece in segment("en", window) if piece]
    if "".join(pieces) == window:
        return pieces
    found = get_sentence_boundaries("en", window)
    cuts = sorted({0, len(window), *(f["start_index"] for f in found),
                   *(f["end_index"] for f in found)})
    return [window[left:right] for left, right in pairwise(cuts)]


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


def _grouped_paragraphs(runs: list[str]) -> list[str]:
    """Fragmented text's runs (each one line of words) as paragraphs that go on across runs.

    A paragraph closes at PARAGRAPH_CHARS, or at PARAGRAPH_SENTENCES sentences or the end of a
    run once it holds MIN_PARAGRAPH_CHARS; a short remainder at the end joins the paragraph
    before it. The runs are split into sentences as one text, each paragraph cut out of it in
    one slice: 1.5 MB of "Hi." makes 300,000 sentences, and each must cost little.
    """
    text = " ".join(runs)
    ends = [end - 1 for end in accumulate(len(run) + 1 for run in runs)]
    paragraphs: list[str] = []
    first, count, size = -1, 0, 0
    last = 0
    for left, right, run_ends in _sentences_in_runs(text, ends):
        if first < 0:
            first = left
        last = right
        count += 1
        size += right - left
        if size >= PARAGRAPH_CHARS or (size >= MIN_PARAGRAPH_CHARS
                                       and (count >= PARAGRAPH_SENTENCES or run_ends)):
            paragraphs.append(text[first:right])
            first, count, size = -1, 0, 0
    if first >= 0:
        if paragraphs and size < ORPHAN_CHARS:
            paragraphs[-1] += " " + text[first:last]
        else:
            paragraphs.append(text[first:last])
    return paragraphs


def _sentences_in_runs(text: str, ends: list[int]) -> Iterator[tuple[int, int, bool]]:
    """(start, end, ends a run) of each sentence of ``text``, runs joined by single spaces
    that end at ``ends``; a sentence the splitter found across two runs is cut between them."""
    run = 0
    for left, right in _sentence_bounds(text):
        while ends[run] < right:
            if ends[run] > left:
                yield left, ends[run], True
                left = ends[run] + 1
            run += 1
        yield left, right, ends[run] == right


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
