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
    return dip_after([dip_words(p) for p in paragraphs], [len(p.split()) for p in paragraphs],
                     min_words)


def dip_words(paragraph: str) -> Counter[str]:
    """The words of ``paragraph`` :func:`dip_after` compares (of four letters or more)."""
    return Counter({w: n for w, n in word_counts(paragraph).items() if len(w) > 3})


def dip_after(counts: Sequence[Counter[str]], sizes: Sequence[int],
              min_words: int) -> int | None:
    """:func:`deepest_dip` of paragraphs given as their :func:`dip_words` and their sizes in
    words (so that a caller cutting one stretch again and again counts each paragraph once)."""
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


def _similarities(counts: Sequence[Counter[str]], sizes: Sequence[int]) -> list[float]:
    """For each gap between paragraphs, the cosine of the word counts of the WINDOW_WORDS
    before and after it (whole paragraphs, the fewest that reach that many words).

    Both windows slide along with the gap, each paragraph added and taken away once, and the
    cosine's sums follow each change: linear in the text, however small its paragraphs (1.5 MB
    of "Hi." is 300,000 of them) or large its windows."""
    windows = _Windows()
    before_words = after_words = 0
    low, high = 0, 1  # before = paragraphs [low, gap), after = [gap, high)
    out: list[float] = []
    for gap in range(1, len(counts)):
        windows.change_before(counts[gap - 1], 1)
        before_words += sizes[gap - 1]
        while low < gap - 1 and before_words - sizes[low] >= WINDOW_WORDS:
            windows.change_before(counts[low], -1)
            before_words -= sizes[low]
            low += 1
        while high < len(counts) and after_words < WINDOW_WORDS:
            windows.change_after(counts[high], 1)
            after_words += sizes[high]
            high += 1
        out.append(windows.cosine())
        windows.change_after(counts[gap], -1)  # the next gap's "after" starts one later
        after_words -= sizes[gap]
    return out


class _Windows:
    """The word counts before and after a gap, with the sums their cosine needs kept up to
    date as paragraphs come and go (integers: the cosine is the same as counted afresh)."""

    def __init__(self) -> None:
        self.before: dict[str, int] = {}
        self.after: dict[str, int] = {}
        self.shared = 0  # sum of before[w] * after[w]
        self.before_square = 0  # sum of before[w] ** 2
        self.after_square = 0

    def change_before(self, part: Counter[str], sign: int) -> None:
        before, after = self.before, self.after
        for word, count in part.items():
            old = before.get(word, 0)
            new = old + sign * count
            if new:
                before[word] = new
            else:
                del before[word]
            self.before_square += new * new - old * old
            self.shared += sign * count * after.get(word, 0)

    def change_after(self, part: Counter[str], sign: int) -> None:
        before, after = self.before, self.after
        for word, count in part.items():
            old = after.get(word, 0)
            new = old + sign * count
            if new:
                after[word] = new
            else:
                del after[word]
            self.after_square += new * new - old * old
            self.shared += sign * count * before.get(word, 0)

    def cosine(self) -> float:
        norm = math.sqrt(self.before_square * self.after_square)
        return self.shared / norm if norm else 0.0


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
