"""Errors the user sees: one line, naming the file and the problem."""

from __future__ import annotations

from pathlib import Path


class TranscriptError(Exception):
    """A file that cannot be used as a transcript. ``str()`` is the one line to show."""

    def __init__(self, path: Path | str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = Path(path)
        self.problem = problem
