"""Each sentence's cues together with those of its neighbours: what the turn model reads.

Who speaks is rarely visible in one sentence; it is in the shape around it: an interviewer's
question is a you-heavy sentence ending in "?", followed by a sentence that opens like an
answer and preceded by I/we-heavy ones. So each sentence is described by its own cues, the cues
of the sentences just before and after it, and sums over a few sentences either side. One pass
over the sentences: linear in the text.

Every feature but the last few is a sum of one cue over a range of neighbours (one sentence:
the range of one). So the model's dot product needs no feature vectors at all
(:func:`linear_odds`): each sentence's cues are weighed once per range, and the ranges are
added up from running sums. :func:`features` builds the vectors the same way for training.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reader.core.sections.cues import CUE_NAMES, sentence_cues

Cues = tuple[float, ...]


@dataclass(frozen=True, slots=True)
class Block:
    """Features that sum some cues over the neighbours ``first`` to ``last`` (offsets)."""

    prefix: str
    first: int
    last: int
    cues: tuple[str, ...]


_FAR_CUES = ("asks", "asks_you", "gap", "answer_opener", "takes_turn", "you_more", "me_more",
             "words")
_SUMMED = ("asks", "asks_you", "you", "me", "hedge", "words")
BLOCKS = (
    Block("", 0, 0, CUE_NAMES),
    Block("-1:", -1, -1, CUE_NAMES),
    Block("+1:", 1, 1, CUE_NAMES),
    Block("-2:", -2, -2, _FAR_CUES),
    Block("+2:", 2, 2, _FAR_CUES),
    Block("-3:", -3, -3, _FAR_CUES),
    Block("+3:", 3, 3, _FAR_CUES),
    Block("before4:", -4, -1, _SUMMED),
    Block("after4:", 1, 4, _SUMMED),
)
# The features that are not sums of cues, last.
EXTRA_NAMES = ("next_question_near", "previous_question_near", "first", "last", "bias")
FEATURE_NAMES: tuple[str, ...] = (
    *(f"{block.prefix}{cue}" for block in BLOCKS for cue in block.cues), *EXTRA_NAMES)
BLOCK_FEATURES = len(FEATURE_NAMES) - len(EXTRA_NAMES)

_ASKS = CUE_NAMES.index("asks")
_BLOCK_INDEX = [[CUE_NAMES.index(cue) for cue in block.cues] for block in BLOCKS]


def cues_of(sentences: Sequence[tuple[str, bool]]) -> list[Cues]:
    """:func:`sentence_cues` of each (text, larger gap before it)."""
    return [sentence_cues(text, gap) for text, gap in sentences]


def extras(cues: Sequence[Cues]) -> list[tuple[float, ...]]:
    """The features of each sentence that are not sums of cues (EXTRA_NAMES): 1 / the distance
    to the next question and to the one before, first, last, and the bias."""
    count = len(cues)
    next_question = [count] * (count + 1)
    for index in range(count - 1, -1, -1):
        next_question[index] = index if cues[index][_ASKS] else next_question[index + 1]
    out: list[tuple[float, ...]] = []
    previous_question = -count
    for index, row in enumerate(cues):
        after = next_question[index + 1] - index
        out.append((1.0 / after if after > 0 else 0.0, 1.0 / (index - previous_question),
                    float(index == 0), float(index == count - 1), 1.0))
        if row[_ASKS]:
            previous_question = index
    return out


def _clipped(index: int, block: Block, count: int) -> tuple[int, int]:
    """The neighbours of ``index`` in ``block``, as a range of sentences (may be empty)."""
    return max(0, index + block.first), min(count, index + block.last + 1)


def features(cues: Sequence[Cues]) -> list[list[float]]:
    """The feature vector (FEATURE_NAMES) of each sentence, from every sentence's cues."""
    count = len(cues)
    width = len(CUE_NAMES)
    # Running sums of every cue, so each range costs the same however wide it is.
    sums = [[0.0] * width]
    for row in cues:
        sums.append([total + value for total, value in zip(sums[-1], row, strict=True)])
    out: list[list[float]] = []
    for index, extra in enumerate(extras(cues)):
        vector: list[float] = []
        for block, picked in zip(BLOCKS, _BLOCK_INDEX, strict=True):
            low, high = _clipped(index, block, count)
            if low >= high:
                vector += [0.0] * len(picked)
            else:
                vector += [sums[high][k] - sums[low][k] for k in picked]
        vector += extra
        out.append(vector)
    return out


def _weights_by_cue(models: Sequence[Sequence[float]]) -> list[list[float]]:
    """For each cue, its weight in every block and model (block-major, 0 where the block does
    not hold the cue)."""
    by_cue = [[0.0] * (len(BLOCKS) * len(models)) for _ in CUE_NAMES]
    position = 0
    for b, picked in enumerate(_BLOCK_INDEX):
        for k in picked:
            for m, weights in enumerate(models):
                by_cue[k][b * len(models) + m] = weights[position]
            position += 1
    return by_cue


def linear_odds(cues: Sequence[Cues], models: Sequence[Sequence[float]]) -> list[list[float]]:
    """Each sentence's dot product of its features with each model's weights (one per
    FEATURE_NAMES), the same numbers as from :func:`features`, without building them: each
    sentence's cues are weighed once for every block (sentences with the same cues, "Yeah.",
    share the work), and each block's range is a difference of running sums."""
    count = len(cues)
    width = len(BLOCKS) * len(models)
    by_cue = _weights_by_cue(models)
    weighed: dict[Cues, list[float]] = {}
    sums = [[0.0] * width]
    for row in cues:
        scores = weighed.get(row)
        if scores is None:
            scores = [0.0] * width
            for k, value in enumerate(row):
                if value:
                    scores = [s + value * w for s, w in zip(scores, by_cue[k], strict=True)]
            weighed[row] = scores
        sums.append([total + s for total, s in zip(sums[-1], scores, strict=True)])
    extra_weights = [weights[BLOCK_FEATURES:] for weights in models]
    rows = extras(cues)
    odds = [[sum([w * x for w, x in zip(weights, row, strict=True)]) for row in rows]
            for weights in extra_weights]
    # Each block's range for all sentences at once: the running sums shifted by its two ends.
    for b, block in enumerate(BLOCKS):
        for m in range(len(models)):
            column = [row[b * len(models) + m] for row in sums]
            high, low = _shifted(column, block.last + 1, count), _shifted(column, block.first,
                                                                           count)
            odds[m] = [o + h - lo for o, h, lo in zip(odds[m], high, low, strict=True)]
    return [list(both) for both in zip(*odds, strict=True)]


def _shifted(column: list[float], offset: int, count: int) -> list[float]:
    """``column[i + offset]`` for each sentence ``i``, clipped to the running sums' ends."""
    if offset >= 0:
        part = column[offset : offset + count]
        return part + [column[count]] * (count - len(part))
    return [column[0]] * min(count, -offset) + column[: max(0, count + offset)]
