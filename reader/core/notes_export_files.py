"""Telling the app's own notes exports from transcripts, by their first bytes.

An export saved into a library folder (File ▸ Export Notes… into the library, ``export -o``
there) must not be listed, indexed or offered as a related passage: it quotes the transcript
and would be found instead of it. The library's walk, and so the store, the search index and
related passages, skip what :func:`is_notes_export` recognises; ``export -o`` replaces only
such files.

Recognised:

- Markdown starting with front matter that names the generator (``generator: Transcript
  Reader``), or, as every export before that key was added wrote, has the export's ``title``,
  ``highlights`` and ``notes`` (whole numbers), ``tags`` (a list) and ``source`` (or
  ``transcripts``). A Markdown transcript's own front matter has no counts of highlights and
  notes, so it stays a transcript.
- The JSON backup: a W3C annotation collection labelled ``Transcript Reader notes``.

No Qt here, and nothing from the rest of the core: the library imports this module.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

# The front-matter key and value every Markdown export writes (markdown_export.py).
GENERATOR_KEY = "generator"
GENERATOR = "Transcript Reader"
# Suffixes the library's walk looks inside: the ones the exports are written with. (An export
# the user names ``notes.txt`` on the command line is theirs to keep out of the library.)
EXPORT_SUFFIXES = frozenset({".md", ".json"})
# How much of a file is read to tell: the head first (the JSON marks and most front matter are
# in it), the rest only for front matter that does not close there (many tags or titles).
HEAD_BYTES = 4 * 1024
SIGNATURE_BYTES = 64 * 1024
_EARLIER_KEYS = frozenset({"title", "highlights", "notes", "tags"})
_JSON_MARKS = (b'"type": "AnnotationCollection"', b'"label": "Transcript Reader notes"')


def _is_count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def is_export_front_matter(fields: object) -> bool:
    """Front matter (parsed) of a Markdown notes export, of this version or an earlier one."""
    if not isinstance(fields, dict):
        return False
    if fields.get(GENERATOR_KEY) == GENERATOR:
        return True
    return (fields.keys() >= _EARLIER_KEYS and ("source" in fields or "transcripts" in fields)
            and _is_count(fields["highlights"]) and _is_count(fields["notes"])
            and isinstance(fields["tags"], list))


def _front_matter_is_export(head: bytes) -> bool:
    end = head.find(b"\n---\n", 3)
    if end < 0:
        return False
    import yaml  # here, not at the top: listing a library at start-up rarely meets front matter

    try:
        fields = yaml.safe_load(head[4:end + 1])
    except (yaml.YAMLError, ValueError, RecursionError):
        return False
    return is_export_front_matter(fields)


# Answers by path, kept while the file's size and modification time are the same: a rescan
# (a sync tool touched one file) opens only the files that changed.
_answers: dict[str, tuple[tuple[int, int], bool]] = {}


def is_notes_export(path: Path | str) -> bool:
    """Did a notes export write the file at ``path``? (Its first bytes say so.) False for a
    file that cannot be read: the library lists it with its problem."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return False
    # Only a regular file is opened: opening a FIFO named ``talk.md`` would wait for a writer.
    if not stat.S_ISREG(info.st_mode):
        return False
    key, stamp = os.fspath(path), (info.st_size, info.st_mtime_ns)
    known = _answers.get(key)
    if known is not None and known[0] == stamp:
        return known[1]
    answer = _read_is_export(path)
    _answers[key] = (stamp, answer)
    return answer


def _read_is_export(path: Path | str) -> bool:
    try:
        with open(path, "rb") as stream:
            head = stream.read(HEAD_BYTES)
            if head.startswith(b"---\n"):
                if b"\n---\n" not in head and len(head) == HEAD_BYTES:
                    head += stream.read(SIGNATURE_BYTES - HEAD_BYTES)
                return _front_matter_is_export(head)
    except (OSError, ValueError):
        return False
    return head.lstrip().startswith(b"{") and all(mark in head for mark in _JSON_MARKS)


def may_be_notes_export(name: str) -> bool:
    """Could a file named ``name`` be an export? (Only those are opened by the walk.)"""
    return os.path.splitext(name.lower())[1] in EXPORT_SUFFIXES
