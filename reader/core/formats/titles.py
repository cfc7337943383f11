"""A title for a transcript whose file has no title line, made from the file name.

It is metadata (``Transcript.title``: the window title, the library list), never a block of the
display text: renaming a file must not move a single offset.
"""

from __future__ import annotations

import re
from pathlib import Path

from reader.core.errors import printable


def title_from_path(path: Path) -> str:
    """``lex-fridman_94-ilya.txt`` -> ``"Lex Fridman 94 Ilya"``; printable on one line, as a
    file name may hold bytes that are not UTF-8, or a newline."""
    words = re.sub(r"[-_]+", " ", path.stem).split(" ")
    # Only first letters are raised: "GPT-3" stays "GPT 3", "ilya's" becomes "Ilya's".
    title = " ".join(word[:1].upper() + word[1:] for word in words if word)
    return printable(title or path.name)
