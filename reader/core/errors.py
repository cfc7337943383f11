"""Errors the user sees: one line, naming the file and the problem."""

from __future__ import annotations

import os
from pathlib import Path


def printable(text: str) -> str:
    """``text`` safe to print on one line in any locale: bytes that were not valid UTF-8 in a
    file name (kept by Python as lone surrogates) become ``\\xff``, control characters such as a
    newline become escapes, everything else is left as it is."""
    if text.isprintable():
        return text
    out: list[str] = []
    for ch in text:
        code = ord(ch)
        if 0xDC80 <= code <= 0xDCFF:  # os.fsdecode's surrogateescape for an undecodable byte
            out.append(f"\\x{code - 0xDC00:02x}")
        elif 0xD800 <= code <= 0xDFFF:
            out.append(f"\\u{code:04x}")
        elif ch == " " or ch.isprintable():
            out.append(ch)
        else:
            out.append(ch.encode("unicode_escape").decode("ascii"))
    return "".join(out)


def display_path(path: Path | str) -> str:
    """A path as one printable line (see :func:`printable`)."""
    return printable(os.fspath(path))


class TranscriptError(Exception):
    """A file that cannot be used as a transcript. ``str()`` is the one line to show."""

    def __init__(self, path: Path | str, problem: str) -> None:
        super().__init__(f"{display_path(path)}: {printable(problem)}")
        self.path = Path(path)
        self.problem = problem
