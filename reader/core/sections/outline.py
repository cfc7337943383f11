"""The one outline of a transcript: its own chapters, or automatic sections, and the user's.

- :func:`with_auto_chapters`: a transcript without chapters of its own gets automatic ones
  (``ChapterKind.AUTO``), one where the interviewer asks a new question, else one at each shift
  of topic. Run once when a file is loaded; nothing but ``chapters`` (and, for speaker-labelled
  blocks, each interviewer block's ``role``) changes.
- :func:`with_user_chapters`: the user's chapters from the sidecar merged in (by their stored
  start offset), so the sidebar, ``chapters``, search and export read one ``chapters`` tuple.

Where an interviewer's turn is found (:func:`interviewer_runs`):

1. blocks a reader marked as the interviewer's (``role``; the raw-text reader detects them);
2. otherwise, with speaker labels, the speaker who asks the most questions is the interviewer;
3. otherwise, in unlabelled paragraphs (merged captions), the turns found in their sentences
   (:mod:`.turns`), each section starting at the paragraph that holds the turn's start;
4. otherwise none, and the sections come from lexical cohesion (:mod:`.cohesion`).
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Iterable, Sequence

from reader.core.model import (
    INTERVIEWER,
    Block,
    BlockKind,
    Chapter,
    ChapterKind,
    ChapterSpec,
    Transcript,
    place_chapters,
)
from reader.core.sections.balance import balanced
from reader.core.sections.cohesion import topic_starts
from reader.core.sections.titles import opening_words, section_title
from reader.core.sections.topics import TranscriptWords, topic_title
from reader.core.sections.turns import Sentence, interviewer_turns
from reader.core.sections.user_chapters import UserChapter

# A labelled interviewer turn that asks nothing starts a section only if it is this long:
# "Right." and "Mm-hm." are not new topics.
STATEMENT_WORDS = 15
# Labelled runs of the interviewer with a shorter reply between them ("Right." "Mm-hm.") are
# one turn.
MIN_ANSWER_WORDS = 40
# More blocks than this (a reflowed 1.5 MB transcript has about 4,000) is a file of tiny
# lines, not an interview: no automatic sections, so opening it stays quick.
MAX_BLOCKS = 5_000
# Unlabelled text with fewer questions than this is not searched for interviewer turns.
MIN_QUESTIONS = 3
_SENTENCE = re.compile(r"(?<=[.?!…])\s+")


def _paragraph_indices(blocks: Sequence[Block]) -> list[int]:
    return [i for i, b in enumerate(blocks) if b.kind is BlockKind.PARAGRAPH]


def interviewer_runs(blocks: Sequence[Block]) -> list[list[int]]:
    """Block indices of each interviewer turn, in order (consecutive blocks of one turn)."""
    marked = [i for i in _paragraph_indices(blocks) if blocks[i].role == INTERVIEWER]
    if marked:
        return _runs(marked)
    speaker = _asking_speaker(blocks)
    if speaker is None:
        return []
    runs: list[list[int]] = []
    previous: str | None = None
    for index in _paragraph_indices(blocks):
        current = blocks[index].speaker or previous
        if current == speaker:
            if previous == speaker and runs:
                runs[-1].append(index)
            else:
                runs.append([index])
        previous = current
    return _merge_short_replies(blocks, [run for run in runs if _asks_or_says_much(blocks, run)])


def _merge_short_replies(blocks: Sequence[Block], runs: list[list[int]]) -> list[list[int]]:
    """One run for two with only a short reply between them ("Right." "Mm-hm."): the
    interviewer is still on the same question."""
    merged: list[list[int]] = []
    for run in runs:
        if merged:
            between = blocks[merged[-1][-1] + 1 : run[0]]
            if sum(len(b.text.split()) for b in between) < MIN_ANSWER_WORDS:
                merged[-1] = merged[-1] + run
                continue
        merged.append(run)
    return merged


def _runs(indices: list[int]) -> list[list[int]]:
    runs: list[list[int]] = []
    for index in indices:
        if runs and runs[-1][-1] == index - 1:
            runs[-1].append(index)
        else:
            runs.append([index])
    return runs


def _asking_speaker(blocks: Sequence[Block]) -> str | None:
    """The speaker with the most questions, when at least two speakers are named."""
    questions: Counter[str] = Counter()
    speakers: set[str] = set()
    for block in blocks:
        if block.speaker:
            speakers.add(block.speaker)
            questions[block.speaker] += block.text.count("?")
    if len(speakers) < 2 or not questions or questions.most_common(1)[0][1] == 0:
        return None
    return questions.most_common(1)[0][0]


def _asks_or_says_much(blocks: Sequence[Block], run: list[int]) -> bool:
    text = " ".join(blocks[i].text for i in run)
    return "?" in text or len(text.split()) >= STATEMENT_WORDS


def _detected_openings(blocks: Sequence[Block]) -> list[tuple[int, list[str]]]:
    """For blocks with neither speakers nor roles (captions merged into paragraphs, which may
    hold both sides): the interviewer's turns found in their sentences, each as the block
    where the turn starts and the turn's sentences."""
    paragraphs = _paragraph_indices(blocks)
    if sum(blocks[i].text.count("?") for i in paragraphs) < MIN_QUESTIONS:
        return []  # nobody asks anything: no interview to find (and no time spent on it)
    sentences: list[Sentence] = []
    block_of: list[int] = []
    for index in paragraphs:
        if blocks[index].speaker:
            return []
        for text in _SENTENCE.split(blocks[index].text):
            if text:
                sentences.append(Sentence(text))
                block_of.append(index)
    openings: list[tuple[int, list[str]]] = []
    for turn in interviewer_turns(sentences):
        block = block_of[turn.start]
        texts = [s.text for s in sentences[turn.start : turn.answer]]
        if openings and openings[-1][0] == block:
            openings[-1][1].extend(texts)
        else:
            openings.append((block, texts))
    return openings


def auto_chapters(transcript: Transcript) -> list[ChapterSpec]:
    """Automatic sections for ``transcript`` (it has no chapters of its own)."""
    return _auto_chapters(transcript, interviewer_runs(transcript.blocks))


def _auto_chapters(transcript: Transcript, runs: list[list[int]]) -> list[ChapterSpec]:
    """:func:`auto_chapters`, given the :func:`interviewer_runs` of its blocks."""
    blocks = transcript.blocks
    counts = TranscriptWords(transcript.text)  # counted only if a topic names a section
    openings = [(run[0], [s for i in run for s in _SENTENCE.split(blocks[i].text)])
                for run in runs]
    if len(openings) < 2:
        openings = _detected_openings(blocks)
    specs: list[ChapterSpec] = []
    if len(openings) >= 2:
        openings = balanced(blocks, openings)
        for number, (start, sentences) in enumerate(openings):
            end = openings[number + 1][0] if number + 1 < len(openings) else len(blocks)
            title = section_title(sentences, _text(blocks, start, end), counts,
                                  last=number == len(openings) - 1)
            specs.append(_spec(blocks, start, end, title, number))
    else:
        paragraphs = _paragraph_indices(blocks)
        if not paragraphs:
            return []
        starts = [paragraphs[0]] + [paragraphs[i]
                                    for i in topic_starts([blocks[p].text for p in paragraphs])]
        if len(starts) < 2:
            return []
        for number, start in enumerate(starts):
            end = starts[number + 1] if number + 1 < len(starts) else len(blocks)
            title = topic_title(_text(blocks, start, end), counts)
            specs.append(_spec(blocks, start, end, title, number))
    return specs


def _text(blocks: Sequence[Block], start: int, end: int) -> str:
    return " ".join(b.text for b in blocks[start:end])


def _spec(blocks: Sequence[Block], start: int, end: int, title: str | None,
          number: int) -> ChapterSpec:
    times = [b for b in blocks[start:end] if b.start_time is not None]
    last = max((b.end_time for b in times if b.end_time is not None), default=None)
    title = title or opening_words(_text(blocks, start, end)) or f"Part {number + 1}"
    return ChapterSpec(title, start,
                       times[0].start_time if times else None, last, ChapterKind.AUTO)


def with_auto_chapters(transcript: Transcript) -> Transcript:
    """``transcript`` with automatic sections if it has no chapters of its own; with speaker
    labels, the interviewer's blocks are marked (``role``) for the quiet question style."""
    if transcript.chapters or not 0 < len(transcript.blocks) <= MAX_BLOCKS:
        return transcript
    runs = interviewer_runs(transcript.blocks)
    specs = _auto_chapters(transcript, runs)
    if not specs:
        return transcript
    blocks = transcript.blocks
    if not any(b.role for b in blocks):
        asking = {i for run in runs for i in run}
        blocks = tuple(dataclasses.replace(b, role=INTERVIEWER) if i in asking else b
                       for i, b in enumerate(blocks))
    return dataclasses.replace(transcript, blocks=blocks,
                               chapters=place_chapters(blocks, specs))


def with_user_chapters(transcript: Transcript,
                       chapters: Iterable[UserChapter]) -> Transcript:
    """``transcript``'s outline with the user's chapters merged in, each at the block holding
    its start offset (one past the end: the last block), all in reading order. The user's
    chapters ``transcript`` already shows are replaced, not kept: merging into an outline that
    was merged before gives the same chapters, never one twice."""
    users = list(chapters)
    if not transcript.blocks or not (users or _has_user_chapters(transcript)):
        return transcript
    specs: list[ChapterSpec] = []
    for chapter in users:
        index = transcript.block_index_at(min(max(chapter.start, 0), len(transcript.text)))
        block = transcript.blocks[index]
        specs.append(ChapterSpec(chapter.title, index, block.start_time, None,
                                 ChapterKind.USER, chapter.id))
    taken = {spec.block_index for spec in specs}
    # An automatic section the user kept (or named anew) is shown once: as theirs.
    specs += [_as_spec(chapter) for chapter in transcript.chapters
              if chapter.kind is not ChapterKind.USER
              and not (chapter.kind is ChapterKind.AUTO and chapter.block_index in taken)]
    placed = place_chapters(transcript.blocks, sorted(specs, key=_order))
    return dataclasses.replace(transcript, chapters=placed)


def _has_user_chapters(transcript: Transcript) -> bool:
    return any(chapter.kind is ChapterKind.USER for chapter in transcript.chapters)


def _as_spec(chapter: Chapter) -> ChapterSpec:
    return ChapterSpec(chapter.title, chapter.block_index, chapter.start_time, chapter.end_time,
                       chapter.kind, chapter.id)


def _order(spec: ChapterSpec) -> tuple[int, int]:
    """Reading order; at one block, the source's or automatic chapter before the user's."""
    return spec.block_index, 1 if spec.kind is ChapterKind.USER else 0


def user_chapter_at(transcript: Transcript, offset: int) -> int:
    """Where a chapter added at ``offset`` starts: the start of the block holding it."""
    return transcript.blocks[transcript.block_index_at(offset)].start
