"""The build process's protocol: one JSON object per line on its stdout.

The window starts ``build_command(library)`` (e.g. with QProcess: program ``argv[0]``,
arguments ``argv[1:]``), reads stdout line by line with :func:`parse_event`, and shows
progress in the status bar; searching goes on meanwhile. Events, by ``"event"``:

- ``"message"``: ``text``, one line to show (the index was missing, damaged, of an old
  version: it is being rebuilt);
- ``"progress"``: ``phase`` ("scanning", "indexing", "committing"), ``done``, ``total``,
  ``path`` (the file being read, or null);
- ``"error"``: ``text``, one line naming a file that could not be read (indexing goes on);
- ``"done"``: ``added``, ``changed``, ``notes``, ``removed``, ``unchanged``, ``errors``
  (counts), ``rebuilt`` (bool), ``seconds``, ``summary`` (one line); then a refresh of the
  window's :class:`~reader.core.search.SearchIndex` finds the new documents by itself;
- ``"busy"``: ``text``; another process is updating this index (exit status 3);
- ``"failed"``: ``text``; the library folder cannot be read (exit status 2).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

EXIT_FAILED = 2
EXIT_BUSY = 3


def build_command(library: Path, index_dir: Path | None = None, rebuild: bool = False
                  ) -> list[str]:
    """The argv that updates ``library``'s index in its own process."""
    argv = [sys.executable, "-m", "reader.core.search.build", "--library", os.fspath(library)]
    if index_dir is not None:
        argv += ["--index-dir", os.fspath(index_dir)]
    if rebuild:
        argv.append("--rebuild")
    return argv


def encode_event(event: str, **fields: Any) -> str:
    # ASCII with escapes: any file name (even one that is not valid UTF-8) fits on one line.
    return json.dumps({"event": event, **fields}, ensure_ascii=True)


def parse_event(line: str | bytes) -> dict[str, Any] | None:
    """One line of the build's stdout as a dict; None for anything that is not an event."""
    try:
        data = json.loads(line)
    except ValueError:
        return None
    return data if isinstance(data, dict) and isinstance(data.get("event"), str) else None
