"""Sections of comparable length: one far longer than the rest is cut where its topic shifts
most.

The turn model already splits a long section at the likeliest question inside it
(:mod:`.turns`); what is left long here has no such question, so it is cut at the deepest dip
in lexical cohesion (:func:`.cohesion.deepest_dip`; each block's words are counted once,
however often its section is cut). Short sections are kept: merging those under 60 or 120
words that ask nothing lost more real interviewer turns than it removed mistaken ones
(held-out recall 0.68 -> 0.66 / 0.61 with 50 % gaps).
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Sequence

from reader.core.model import Block
from reader.core.sections.cohesion import dip_after, dip_words

# A section longer than both of these (words; times the median section) is cut in two.
LONG_SECTION_WORDS = 1000
LONG_SECTION_FACTOR = 2.5
# Neither half of such a cut is shorter than this.
MIN_PART_WORDS = 300

Opening = tuple[int, list[str]]  # the block a section starts at, and its turn's sentences


def balanced(blocks: Sequence[Block], openings: list[Opening]) -> list[Opening]:
    """``openings`` (in order, at least two) with long sections cut by topic (a cut opens with
    no turn: ``[]``)."""
    return _cut_long(blocks, openings)


def _sizes(said: list[int], openings: list[Opening]) -> list[int]:
    bounds = [start for start, _ in openings] + [len(said) - 1]
    return [said[b] - said[a] for a, b in zip(bounds, bounds[1:], strict=False)]


def _cut_long(blocks: Sequence[Block], openings: list[Opening]) -> list[Opening]:
    said = [0]  # words before each block
    for block in blocks:
        said.append(said[-1] + len(block.text.split()))
    words: dict[int, Counter[str]] = {}  # each block's dip_words, counted once
    openings = list(openings)
    index = 0
    while index < len(openings):
        sizes = _sizes(said, openings)
        size = sizes[index]
        if size > LONG_SECTION_WORDS and size > LONG_SECTION_FACTOR * statistics.median(sizes):
            start = openings[index][0]
            end = openings[index + 1][0] if index + 1 < len(openings) else len(blocks)
            for number in range(start, end):
                if number not in words:
                    words[number] = dip_words(blocks[number].text)
            cut = dip_after([words[n] for n in range(start, end)],
                            [said[n + 1] - said[n] for n in range(start, end)], MIN_PART_WORDS)
            if cut is not None:
                openings.insert(index + 1, (start + cut, []))
                continue  # the first half may still be long
        index += 1
    return openings
