"""Where an export may be written: a new file, or over an earlier export, and nothing else.

An export replaces its file atomically (a temp file renamed over it). That would replace
whatever is there: a transcript, a sidecar with every note, a device node. So an existing
file is replaced only if an earlier export wrote it (Markdown starting with the export's front
matter, or the JSON collection) and it is neither a transcript being exported, nor a file with
notes of its own, nor a file the app keeps notes in. A link is followed to the file it points
to, which is checked and written instead (the link stays a link). Pipes, sockets and devices
are refused: standard output is the way to pipe an export.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from pathlib import Path

from reader.core.errors import TranscriptError
from reader.core.export.notes import TranscriptNotes, has_notes
from reader.core.library import is_app_file
from reader.core.notes_export_files import is_notes_export
from reader.core.store import resolve

NOT_AN_EXPORT = "exists and is not an earlier export; choose another file (or remove it first)"


def is_earlier_export(path: Path) -> bool:
    """Did an export write the regular file at ``path``? (Its first bytes say so.)"""
    return is_notes_export(path)


def _sources(notes: Sequence[TranscriptNotes]) -> set[Path]:
    return {resolve(n.transcript.source) for n in notes if n.transcript.source is not None}


def export_target(target: Path, notes: Sequence[TranscriptNotes]) -> Path:
    """The file to write for ``target``: ``target`` itself, or the file a link there points
    to. Raises TranscriptError (one line naming ``target``) when that file must not be
    replaced (see the module doc)."""
    if is_app_file(target):
        raise TranscriptError(target, "is a file the app keeps notes in; choose another file")
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        return target
    except OSError as error:
        raise TranscriptError(target, f"cannot be looked at ({error.strerror or error})"
                              ) from None
    real = target
    if stat.S_ISLNK(info.st_mode):
        real = resolve(target)
        try:
            info = os.stat(real)
        except FileNotFoundError:
            raise TranscriptError(target, "is a link to a file that does not exist; choose "
                                          "another file") from None
        except OSError as error:
            raise TranscriptError(target, f"cannot be looked at ({error.strerror or error})"
                                  ) from None
        if is_app_file(real):
            raise TranscriptError(target, "links to a file the app keeps notes in; choose "
                                          "another file")
    if stat.S_ISDIR(info.st_mode):
        raise TranscriptError(target, "is a folder")
    if not stat.S_ISREG(info.st_mode):
        raise TranscriptError(target, "is not a regular file (a pipe, socket or device); "
                                      "write to standard output to pipe the export")
    if resolve(real) in _sources(notes):
        raise TranscriptError(target, "is a transcript being exported; choose another file")
    if has_notes(real):
        raise TranscriptError(target, "has highlights or notes of its own; choose another file")
    if not is_earlier_export(real):
        raise TranscriptError(target, NOT_AN_EXPORT)
    return real
