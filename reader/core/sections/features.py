"""Each sentence's cues together with those of its neighbours: what the turn model reads.

Who speaks is rarely visible in one sentence; it is in the shape around it: an interviewer's
question is a you-heavy sentence ending in "?", followed by a sentence that opens like an
answer and preceded by I/we-heavy ones. So each sentence is described by its own cues, the cues
of the sentences just before and after it, and counts over a few sentences either side. One
pass over the sentences with windows of fixed size: linear in the text.
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.core.sections.cues import CUE_NAMES, sentence_cues

# The neighbours whose every cue is a feature, and those of which only a few are.
_NEAR = (-1, 1)
_FAR = (-2, 2, -3, 3)
_FAR_CUES = ("asks", "asks_you", "gap", "answer_opener", "takes_turn", "you_more", "me_more",
             "words")
# Sentences counted on each side for the window sums.
WINDOW = 4
_SUMMED = ("asks", "asks_you", "you", "me", "hedge", "words")


def _window_names() -> list[str]:
    return [f"{side}{WINDOW}:{cue}" for side in ("before", "after") for cue in _SUMMED]


FEATURE_NAMES: tuple[str, ...] = (
    *CUE_NAMES,
    *(f"{offset:+d}:{cue}" for offset in _NEAR for cue in CUE_NAMES),
    *(f"{offset:+d}:{cue}" for offset in _FAR for cue in _FAR_CUES),
    *_window_names(),
    "next_question_near", "previous_question_near", "first", "last", "bias",
)

_FAR_INDEX = [CUE_NAMES.index(cue) for cue in _FAR_CUES]
_SUM_INDEX = [CUE_NAMES.index(cue) for cue in _SUMMED]
_ASKS = CUE_NAMES.index("asks")


def cues_of(sentences: Sequence[tuple[str, bool]]) -> list[list[float]]:
    """:func:`sentence_cues` of each (text, larger gap before it)."""
    return [sentence_cues(text, gap) for text, gap in sentences]


def _question_nearness(cues: list[list[float]]) -> list[tuple[float, float]]:
    """For each sentence, 1 / the distance to the next question and to the one before."""
    count = len(cues)
    next_question = [count] * (count + 1)
    for index in range(count - 1, -1, -1):
        next_question[index] = index if cues[index][_ASKS] else next_question[index + 1]
    out: list[tuple[float, float]] = []
    previous_question = -count
    for index, row in enumerate(cues):
        after = next_question[index + 1] - index
        out.append((1.0 / after if after > 0 else 0.0, 1.0 / (index - previous_question)))
        if row[_ASKS]:
            previous_question = index
    return out


def features(cues: list[list[float]]) -> list[list[float]]:
    """The feature vector (FEATURE_NAMES) of each sentence, from every sentence's cues."""
    count = len(cues)
    zero = [0.0] * len(CUE_NAMES)
    # Running sums, so each window sum costs the same however wide the window.
    sums = [[0.0] * len(_SUM_INDEX)]
    for row in cues:
        sums.append([total + row[k] for total, k in zip(sums[-1], _SUM_INDEX, strict=True)])
    out: list[list[float]] = []
    for index, (row, nearness) in enumerate(zip(cues, _question_nearness(cues), strict=True)):
        vector = list(row)
        for offset in _NEAR:
            other = index + offset
            vector += cues[other] if 0 <= other < count else zero
        for offset in _FAR:
            other = index + offset
            vector += ([cues[other][k] for k in _FAR_INDEX] if 0 <= other < count
                       else [0.0] * len(_FAR_INDEX))
        low, high = max(0, index - WINDOW), min(count, index + 1 + WINDOW)
        vector += [a - b for a, b in zip(sums[index], sums[low], strict=True)]
        vector += [a - b for a, b in zip(sums[high], sums[index + 1], strict=True)]
        vector += [*nearness, float(index == 0), float(index == count - 1), 1.0]
        out.append(vector)
    return out
