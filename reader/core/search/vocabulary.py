"""Every word the passages hold (as indexed), for fuzzy words and "did you mean".

Whoosh can list an index's words within an edit distance, but on a library of a thousand
transcripts its automaton walk took 10–200 ms a word, and reading its word list 150 ms. So the
writer keeps the words it indexes in ``reader-vocabulary.txt`` beside the index (sorted, one a
line): a full build writes it afresh, an update adds the new words (a word whose last passage
was removed stays; it only ever expands to a term that finds nothing). Reading it takes a few
milliseconds, and RapidFuzz finds the near words among those with the same first letter in
well under one.
"""

from __future__ import annotations

import bisect
import contextlib
import os
from collections.abc import Iterable
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import OSA

FILE = "reader-vocabulary.txt"


class Vocabulary:
    def __init__(self, words: list[str]) -> None:
        self.words = words  # sorted

    @classmethod
    def load(cls, folder: Path) -> Vocabulary | None:
        try:
            text = (folder / FILE).read_text("utf-8", "surrogatepass")
        except OSError:
            return None
        return cls(text.split("\n") if text else [])

    def near(self, word: str, maxdist: int) -> list[tuple[str, int]]:
        """(word, edits) for the words within ``maxdist`` edits of ``word`` (a swap of two
        letters is one edit) that start with the same letter, nearest first."""
        if not word:
            return []
        lo = bisect.bisect_left(self.words, word[0])
        hi = bisect.bisect_left(self.words, word[0] + "\U0010ffff")
        found = process.extract(word, self.words[lo:hi], scorer=OSA.distance,
                                score_cutoff=maxdist, limit=None)
        return sorted(((match, int(edits)) for match, edits, _ in found),
                      key=lambda item: (item[1], item[0]))


def save(folder: Path, words: Iterable[str], replace: bool) -> None:
    """Write the vocabulary: ``words`` alone (``replace``) or added to what is there."""
    known = set() if replace else set((Vocabulary.load(folder) or Vocabulary([])).words)
    known.update(words)
    known.discard("")
    temporary = folder / f".{FILE}.tmp"
    temporary.write_text("\n".join(sorted(known)), "utf-8", "surrogatepass")
    os.replace(temporary, folder / FILE)


def stamp(folder: Path) -> tuple[int, int] | None:
    with contextlib.suppress(OSError):
        info = (folder / FILE).stat()
        return info.st_size, info.st_mtime_ns
    return None
