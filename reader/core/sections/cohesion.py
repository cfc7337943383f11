"""Topic shifts by lexical cohesion (TextTiling, Hearst 1997), for text with no questions.

Between every two paragraphs, the words of the WINDOW_WORDS before are compared with those
after (cosine of content-word counts); a gap where the similarity dips deeper than the
neighbourhood (depth score above mean − std/2, Hearst's cut-off) starts a new section, with no
section shorter than MIN_SECTION_WORDS. Used when an unchaptered transcript has neither speaker
labels nor detectable questions (an auto-caption dump, a lecture).
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Sequence

from reader.core.sections.titles import word_counts

WINDOW_WORDS = 300
MIN_SECTION_WORDS = 900
_STOP_SHARE = 0.6  # words in more than this share of paragraphs carry no topic


def _cosine(left: Counter[str], right: Counter[str]) -> float:
    shared = sum(left[w] * right[w] for w in left.keys() & right.keys())
    norm = math.sqrt(sum(v * v for v in left.values()) * sum(v * v for v in right.values()))
    return shared / norm if norm else 0.0


def topic_starts(paragraphs: Sequence[str]) -> list[int]:
    """Indices of the paragraphs that start a new topic (never 0)."""
    counts = [word_counts(p) for p in paragraphs]
    sizes = [len(p.split()) for p in paragraphs]
    spread = Counter(w for c in counts for w in c)
    common = {w for w, n in spread.items() if n > _STOP_SHARE * len(paragraphs) and n > 2}
    counts = [Counter({w: n for w, n in c.items() if w not in common and len(w) > 3})
              for c in counts]
    similarity: list[float] = []
    for gap in range(1, len(paragraphs)):
        similarity.append(_cosine(_window(counts, sizes, gap, -1), _window(counts, sizes, gap, 1)))
    if len(similarity) < 3:
        return []
    depths = [_depth(similarity, i) for i in range(len(similarity))]
    cutoff = statistics.mean(depths) - statistics.pstdev(depths) / 2
    starts: list[int] = []
    for start in (i + 1 for i, depth in enumerate(depths) if depth > max(cutoff, 0.0)):
        words_before = sum(sizes[(starts[-1] if starts else 0) : start])
        words_after = sum(sizes[start:])
        if words_before >= MIN_SECTION_WORDS and words_after >= MIN_SECTION_WORDS // 2:
            starts.append(start)
    return starts


def _window(counts: list[Counter[str]], sizes: list[int], gap: int, step: int) -> Counter[str]:
    """Word counts of the paragraphs on one side of ``gap`` up to WINDOW_WORDS words."""
    total: Counter[str] = Counter()
    words = 0
    index = gap - 1 if step < 0 else gap
    while 0 <= index < len(counts) and words < WINDOW_WORDS:
        total.update(counts[index])
        words += sizes[index]
        index += step
    return total


def _depth(similarity: list[float], index: int) -> float:
    """How far the similarity at ``index`` lies below the peaks on either side."""
    left = right = similarity[index]
    for value in reversed(similarity[:index]):
        if value < left:
            break
        left = value
    for value in similarity[index + 1 :]:
        if value < right:
            break
        right = value
    return (left - similarity[index]) + (right - similarity[index])
