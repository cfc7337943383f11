"""Which transcripts an export covers, and the files it writes.

Only transcripts with a sidecar (beside them or in the fallback folder) are read: exporting a
library of a thousand transcripts parses the few that have notes. Files are named after the
transcript's title, made safe for every file system and for Obsidian's links
(``Ilya Sutskever - Deep Learning - Lex Fridman Podcast 94.md``); they replace nothing but
earlier exports (targets.py).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from reader.core.annotations.atomic import write_atomic
from reader.core.errors import TranscriptError
from reader.core.export.markdown_export import render_transcript
from reader.core.export.notes import TranscriptNotes, has_notes, library_order, load_notes
from reader.core.export.targets import export_target
from reader.core.library import walk_folder
from reader.core.store import resolve

MAX_NAME = 120  # characters of a file name before ".md"
# Not allowed in names on Windows, or meaningful in Obsidian links (# ^ [ ] |): separators
# become a dash, the rest is dropped.
_SEPARATORS = re.compile(r"[\\/:|]+")
_DROPPED = re.compile(r'[*?"<>#^\[\]\x00-\x1f\x7f]+')
_SPACES = re.compile(r"\s+")
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"{d}{n}" for d in ("COM", "LPT") for n in range(10))}


@dataclass(slots=True)
class Collected:
    notes: list[TranscriptNotes] = field(default_factory=list)  # library order, none empty
    looked_at: int = 0  # transcripts considered
    problems: list[str] = field(default_factory=list)  # one line each


def transcript_files(paths: Iterable[Path]) -> list[Path]:
    """Files named, and the transcripts in folders named, resolved, each once.
    Raises TranscriptError for a path that does not exist or a folder that cannot be read."""
    found: dict[Path, None] = {}
    for path in paths:
        resolved = resolve(path)
        if resolved.is_dir():
            found.update(dict.fromkeys(walk_folder(resolved).files))
        elif resolved.exists():
            found[resolved] = None
        else:
            raise TranscriptError(path, "no such file or folder")
    return list(found)


def collect(files: Iterable[Path]) -> Collected:
    """The notes of every transcript in ``files`` that has any, in library order. A transcript
    or sidecar that cannot be read is one line in ``problems``; the others are exported."""
    result = Collected()
    for path in files:
        result.looked_at += 1
        if not has_notes(path):
            continue
        try:
            notes = load_notes(path, result.problems)
        except TranscriptError as error:
            result.problems.append(str(error))
            continue
        if not notes.empty:
            result.notes.append(notes)
    result.notes = library_order(result.notes)
    return result


def safe_name(title: str) -> str:
    """``title`` as a file name stem: no separators, reserved or link characters."""
    text = unicodedata.normalize("NFC", title)
    text = _DROPPED.sub("", _SEPARATORS.sub(" - ", text))
    text = _SPACES.sub(" ", text).strip(" .-")
    text = re.sub(r"(\s-\s*)+", " - ", text)
    text = text[:MAX_NAME].rstrip(" .-") or "notes"
    return f"{text} notes" if text.upper() in _RESERVED else text


def file_names(notes: Sequence[TranscriptNotes]) -> list[str]:
    """One ``.md`` name per transcript, unique in a folder (letter case aside) and never the
    name of a transcript being exported."""
    taken = {n.source_name.casefold() for n in notes}
    names: list[str] = []
    for item in notes:
        stem = safe_name(item.transcript.title or Path(item.source_name).stem)
        name, number = f"{stem}.md", 1
        while name.casefold() in taken:
            number += 1
            name = f"{stem} {number}.md"
        taken.add(name.casefold())
        names.append(name)
    return names


def each_target(notes: Sequence[TranscriptNotes], folder: Path) -> list[Path]:
    """The file to write for each transcript in ``folder``, all checked before any is written
    (see targets.py). Raises TranscriptError naming the first file that must not be replaced."""
    return [export_target(folder / name, notes) for name in file_names(notes)]


def write_each(notes: Sequence[TranscriptNotes], folder: Path,
               when: date | None = None) -> list[Path]:
    """One Markdown file per transcript in ``folder`` (created if needed), or none at all when
    one of them would replace a file that is not an earlier export (TranscriptError).
    Raises OSError."""
    targets = each_target(notes, folder)
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for item, name, target in zip(notes, file_names(notes), targets, strict=True):
        write_atomic(target, render_transcript(item, when).encode("utf-8", "replace"),
                     keep_backup=False)
        written.append(folder / name)
    return written


def write_text(target: Path, text: str | bytes) -> None:
    """One export file, written whole or not at all. Raises OSError."""
    data = text.encode("utf-8", "replace") if isinstance(text, str) else text
    write_atomic(target, data, keep_backup=False)
