"""Where Qt's positions meet ours: code points <-> UTF-16 code units.

Python indexes strings by code point; Qt's QTextDocument counts UTF-16 code units, so every
character outside the Basic Multilingual Plane (emoji such as the seed's 🎁) shifts Qt positions
by one. The display text never contains ``\\r`` (readers normalise line endings), and each
``\\n`` is one block separator in Qt, so no other correction is needed.
"""

from __future__ import annotations

import bisect
import re

# Characters outside the Basic Multilingual Plane: two UTF-16 units each. A regex scan is
# ~10x faster than a Python loop over every character of a long transcript.
_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


class Utf16Map:
    """Converts offsets for one text; O(log n) per call after an O(n) scan."""

    def __init__(self, text: str) -> None:
        # Code-point offsets of the astral characters, each of which takes two UTF-16 units.
        self._astral = [match.start() for match in _ASTRAL.finditer(text)]
        # The UTF-16 position of each astral character's first unit.
        self._astral_utf16 = [i + n for n, i in enumerate(self._astral)]
        self._length = len(text)

    def to_utf16(self, offset: int) -> int:
        """Code-point offset -> UTF-16 position."""
        if not 0 <= offset <= self._length:
            raise ValueError(f"offset {offset} outside text of length {self._length}")
        return offset + bisect.bisect_left(self._astral, offset)

    def from_utf16(self, position: int) -> int:
        """UTF-16 position -> code-point offset; a position inside a surrogate pair rounds down."""
        before = bisect.bisect_left(self._astral_utf16, position)
        if before and self._astral_utf16[before - 1] == position - 1:
            # Between the two halves of a pair: count the character as not yet passed.
            return position - before
        return min(position - before, self._length)
