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

from reader.core.sections.topics import word_counts

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
    similarity = _similarities(counts, sizes)
    if len(similarity) < 3:
        return []
    depths = _depths(similarity)
    cutoff = statistics.mean(depths) - statistics.pstdev(depths) / 2
    starts: list[int] = []
    for start in (i + 1 for i, depth in enumerate(depths) if depth > max(cutoff, 0.0)):
        words_before = sum(sizes[(starts[-1] if starts else 0) : start])
        words_after = sum(sizes[start:])
        if words_before >= MIN_SECTION_WORDS and words_after >= MIN_SECTION_WORDS // 2:
            starts.append(start)
    return starts


def deepest_dip(paragraphs: Sequence[str], min_words: int) -> int | None:
    """The paragraph after the deepest dip in cohesion with at least ``min_words`` words on
    either side, or None: where one long stretch is best cut in two."""
    counts = [Counter({w: n for w, n in word_counts(p).items() if len(w) > 3})
              for p in paragraphs]
    sizes = [len(p.split()) for p in paragraphs]
    similarity = _similarities(counts, sizes)
    if not similarity:
        return None
    total = sum(sizes)
    before = 0
    best: tuple[float, int] | None = None
    for start, depth in enumerate(_depths(similarity), start=1):
        before += sizes[start - 1]
        if before >= min_words and total - before >= min_words and (
                best is None or depth > best[0]):
            best = (depth, start)
    return best[1] if best else None


def _similarities(counts: list[Counter[str]], sizes: list[int]) -> list[float]:
    """For each gap between paragraphs, the cosine of the word counts of the WINDOW_WORDS
    before and after it (whole paragraphs, the fewest that reach that many words).

    Both windows slide along with the gap, each paragraph added and taken away once: linear
    in the text, however small its paragraphs (1.5 MB of "Hi." is 300,000 of them)."""
    before: Counter[str] = Counter()
    after: Counter[str] = Counter()
    before_words = after_words = 0
    low, high = 0, 1  # before = paragraphs [low, gap), after = [gap, high)
    out: list[float] = []
    for gap in range(1, len(counts)):
        _add(before, counts[gap - 1])
        before_words += sizes[gap - 1]
        while low < gap - 1 and before_words - sizes[low] >= WINDOW_WORDS:
            _take(before, counts[low])
            before_words -= sizes[low]
            low += 1
        while high < len(counts) and after_words < WINDOW_WORDS:
            _add(after, counts[high])
            after_words += sizes[high]
            high += 1
        out.append(_cosine(before, after))
        _take(after, counts[gap])  # the next gap's "after" starts one paragraph later
        after_words -= sizes[gap]
    return out


def _add(total: Counter[str], part: Counter[str]) -> None:
    for word, count in part.items():
        total[word] += count


def _take(total: Counter[str], part: Counter[str]) -> None:
    for word, count in part.items():
        left = total[word] - count
        if left > 0:
            total[word] = left
        else:
            del total[word]


def _depths(similarity: list[float]) -> list[float]:
    """How far each similarity lies below the peaks either side of it (Hearst's depth score):
    the peak reached climbing left while values do not fall, plus the one to the right.
    Linear: the climb from one gap continues the climb from its neighbour."""
    count = len(similarity)
    left = similarity[:]
    for index in range(1, count):
        if similarity[index - 1] >= similarity[index]:
            left[index] = left[index - 1]
    right = similarity[:]
    for index in range(count - 2, -1, -1):
        if similarity[index + 1] >= similarity[index]:
            right[index] = right[index + 1]
    return [(left[i] - value) + (right[i] - value) for i, value in enumerate(similarity)]
