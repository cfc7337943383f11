"""Chapters from a file beside the transcript: a chapters file, or an outline of the episode.

A timed transcript (Whisper, subtitles, Podcasting 2.0) rarely has chapters; the show notes
often do, in a file of their own. When one sits next to the transcript, the transcript is shown
divided into those chapters, by time, each with its heading and summary, and no word of the
transcript is lost. The rule, in order:

1. **The user's choice** in ``<transcript file name>.pairing`` (see below) wins: a named file
   is used, ``null`` means no companion at all.
2. **A chapters file named after the transcript**: ``talk.chapters.json`` (or
   ``talk.vtt.chapters.json``) beside ``talk.vtt``. Such a file is never listed as a transcript
   of its own (:func:`reader.core.library.is_candidate_name`).
3. **An outline of the same episode in the same folder**: a file that reads as a chapter outline
   (:mod:`reader.core.formats.outline`, like the bundled Lex Fridman #94 outline) or as a
   chapters file, whose name or title matches the transcript's (:func:`names_match`): the same
   episode number (``#94``, ``094``, ``episode_94``) and at least one other word in common
   (``fridman``), or, when neither names an episode, at least three words in common. When two
   outlines qualify, none is used and a note says to pick one.

Only transcripts with timed paragraphs and no chapters of their own are divided. The transcript
keeps its reader version (the display text changes, and ``text_hash`` says so: highlights are
re-anchored by quote as after any change of text).

**The pairing file** ``<transcript file name>.pairing`` is a small JSON object,
``{"chapters": "lex-94-outline.txt"}`` (a path relative to the transcript's folder) or
``{"chapters": null}``; deleting it returns to the automatic rule. It is separate from the
annotation sidecar because the choice decides the display text the annotations anchor onto, so
it must be known before the transcript is built; View ▸ Outline and ``transcript-reader
chapters PATH --outline FILE|--no-outline|--auto-outline`` write it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from reader.core.chapter_division import divide_by_chapters
from reader.core.companion_names import RACY_NS, outline_key, outline_keys, read_head
from reader.core.companion_names import (  # importable from here too
    _candidate_key as _candidate_key,
)
from reader.core.companion_names import _may_be_outline as _may_be_outline
from reader.core.companion_names import name_key as name_key
from reader.core.companion_names import names_match as names_match
from reader.core.errors import TranscriptError, printable
from reader.core.formats import chapters_json, outline
from reader.core.formats.cues import ChapterMark
from reader.core.formats.decode import read_source
from reader.core.formats.jsontext import INPUT_ERRORS
from reader.core.model import BlockKind, Transcript

PAIRING_SUFFIX = ".pairing"
CHAPTERS_SUFFIX = ".chapters.json"
_PAIRING_BYTES = 65536  # a pairing file names one file; anything larger is not ours
_MARKS: dict[tuple[str, int, int], list[ChapterMark] | str] = {}  # str: why unreadable
_MARKS_KEPT = _KEPT = 2_000
# What a transcript took from a companion (chapters_given): nothing; or nothing because it
# cannot be divided (chapters of its own, no times), whatever its companions hold.
NO_CHAPTERS, NOT_DIVIDABLE = "none", "-"
_GIVEN: dict[str, str] = {}  # by transcript path, until given_when_read takes it


@dataclass(frozen=True, slots=True)
class Companion:
    """Where a transcript's chapters come from."""

    path: Path
    why: str  # "chosen", "chapters file", "outline of the same episode"


def with_companions(path: Path, transcript: Transcript) -> Transcript:
    """``transcript`` divided into its companion's chapters, or as it is. What it took is
    kept for :func:`given_when_read`."""
    if not dividable(transcript):
        _give(path, NOT_DIVIDABLE)
        refused: list[str] = []
        chosen = read_choice(path, refused)
        if chosen is None or chosen == path:
            return dataclasses.replace(transcript, notes=transcript.notes + tuple(refused))
        why = "it has chapters of its own" if transcript.chapters else "it has no times"
        note = f"the chapters of {chosen.name} are not used: {why}"
        return dataclasses.replace(transcript, notes=transcript.notes + (note,))
    notes: list[str] = []
    _give(path, NO_CHAPTERS)
    companion = find_companion(path, notes, transcript.title)
    if companion is None:
        return dataclasses.replace(transcript, notes=transcript.notes + tuple(notes))
    try:
        marks = chapter_marks(companion.path)
    except TranscriptError as error:
        note = f"chapters from {companion.path.name} not used: {error.problem}"
        return dataclasses.replace(transcript, notes=transcript.notes + (note,))
    if not marks:
        note = f"{companion.path.name} has no chapters with start times"
        return dataclasses.replace(transcript, notes=transcript.notes + (note,))
    _give(path, _described(marks))
    divided = divide_by_chapters(transcript, marks)
    note = f"{len(marks)} chapters from {companion.path.name} ({companion.why})"
    return dataclasses.replace(divided, reader_version=transcript.reader_version,
                               notes=transcript.notes + (note,))


def given_when_read(path: Path) -> str:
    """What the last :func:`with_companions` of ``path`` in this process took from a
    companion (as :func:`chapters_given` says it), "" when it is not known. The search index
    keeps it with the passages: exactly what they were made from, even if the companion
    changed a moment later."""
    return _GIVEN.pop(os.fspath(path), "")


def _give(path: Path, given: str) -> None:
    if len(_GIVEN) >= _KEPT:  # the window reads transcripts and never asks
        _GIVEN.clear()
    _GIVEN[os.fspath(path)] = given


def chapters_given(path: Path, title: str = "", nearby: Iterable[str] | None = None) -> str:
    """What the companion gives the transcript ``path`` (``title``: its own) to divide it by,
    if it can be divided: a short hash of its chapters' titles, times and summaries, or
    :data:`NO_CHAPTERS`. The same when a companion file was touched, or edited without
    changing its chapters, so the search index reads the transcript again only when they
    really changed. ``nearby``: see :func:`matching_outlines`."""
    companion = find_companion(path, None, title, nearby)
    if companion is None:
        return NO_CHAPTERS
    try:
        marks = chapter_marks(companion.path)
    except TranscriptError:
        return NO_CHAPTERS
    return _described(marks) if marks else NO_CHAPTERS


def _described(marks: list[ChapterMark]) -> str:
    described = repr([(m.title, m.start, m.end, m.summary, m.kind.value) for m in marks])
    return hashlib.sha256(described.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def dividable(transcript: Transcript) -> bool:
    """Timed paragraphs and no chapters of its own."""
    return not transcript.chapters and any(
        block.kind is BlockKind.PARAGRAPH and block.start_time is not None
        for block in transcript.blocks)


# --- which file ------------------------------------------------------------------------------


def companion_stamp(path: Path) -> tuple[object, ...]:
    """Changes when the transcript's companion may have changed: its pairing file or chapters
    file, or a file whose name or first line matches it, appears, goes or is edited. Only
    first lines are read, so it is cheap enough to ask on every change the folder watcher
    reports; the app's own sidecars are left out, or every save of a note would re-read the
    transcript."""
    outlines = outline_keys(path.parent, exact=True)
    if outlines is None:
        return ()
    folder = os.fspath(path.parent)
    key = name_key(path)
    watched = {pairing_path(path).name, path.stem + CHAPTERS_SUFFIX, path.name + CHAPTERS_SUFFIX}
    if pairing_path(path).name in outlines.listing.names:
        # An outline the user picked may have any name: it is watched as the pairing names it.
        chosen = read_choice(path)
        if chosen is not None and chosen != path:
            watched.add(chosen.name)
    keys, stats = outlines.keys, outlines.stats
    stamps: list[object] = []
    for name in outlines.listing.names:
        if name in watched or (name != path.name and name in keys
                               and names_match(key, keys[name])):
            info = stats.get(name) or _stat(os.path.join(folder, name))
            if info is not None:
                stamps.append((name, *info))
    return tuple(stamps)


def _stat(where: str) -> tuple[int, int] | None:
    try:
        info = os.stat(where)
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns


def pairing_path(path: Path) -> Path:
    return path.with_name(path.name + PAIRING_SUFFIX)


def find_companion(path: Path, notes: list[str] | None = None, title: str = "",
                   nearby: Iterable[str] | None = None) -> Companion | None:
    """The companion by the rule in the module docstring (``title``: the transcript's own);
    ambiguity and a refused pairing file go to ``notes``."""
    chosen = read_choice(path, notes)
    if chosen is not None:
        return Companion(chosen, "chosen") if chosen != path else None
    if pairing_path(path).exists():  # {"chapters": null}: the user said none
        return None
    for name in (path.stem + CHAPTERS_SUFFIX, path.name + CHAPTERS_SUFFIX):
        if (path.parent / name).is_file():
            return Companion(path.parent / name, "chapters file")
    outlines = matching_outlines(path, title, nearby)
    if len(outlines) == 1:
        return Companion(outlines[0], "outline of the same episode")
    if len(outlines) > 1 and notes is not None:
        names = ", ".join(p.name for p in outlines[:3])
        notes.append(f"{len(outlines)} outlines could go with this transcript ({names}); "
                     f"pick one in View ▸ Outline or with 'chapters PATH --outline FILE'")
    return None


def read_choice(path: Path, notes: list[str] | None = None) -> Path | None:
    """The file named in the pairing file (``path`` itself for "none", so callers can tell it
    from "no choice"); None when there is no usable pairing file. A name that is not a plain
    file name in the transcript's folder (a path, "..", a NUL) is refused, with a note."""
    head = read_head(pairing_path(path), _PAIRING_BYTES)
    try:
        data = json.loads(head.decode("utf-8"))
    except ValueError:
        return None
    if not isinstance(data, dict) or "chapters" not in data:
        return None
    chosen = data["chapters"]
    if chosen is None:
        return path
    if not isinstance(chosen, str) or not chosen:
        return None
    if not _plain_file_name(chosen):
        if notes is not None:
            notes.append(f"{printable(pairing_path(path).name)} is not used: it names "
                         f"'{printable(chosen[:60])}', not a file in the transcript's folder")
        return None
    return path.parent / chosen


def _plain_file_name(name: str) -> bool:
    """A file name alone: no folder part, not "." or "..", nothing the OS refuses (NUL)."""
    return (name not in (".", "..") and "\0" not in name and "/" not in name
            and Path(name).name == name and not Path(name).is_absolute())


def write_choice(path: Path, companion: Path | None) -> None:
    """Pair ``path`` with ``companion`` (None: with nothing), written atomically. The
    companion has to be in the transcript's folder: the pairing names a file there."""
    if companion is not None and (os.path.dirname(os.path.abspath(companion))
                                  != os.path.dirname(os.path.abspath(path))):
        raise TranscriptError(companion, "is not in the same folder as the transcript, so "
                              "it cannot be its outline")
    value = None if companion is None else companion.name
    pairing = pairing_path(path)
    temporary = pairing.with_name(pairing.name + ".tmp")
    try:
        temporary.write_text(json.dumps({"chapters": value}) + "\n", encoding="utf-8")
        os.replace(temporary, pairing)
    except OSError as error:
        raise TranscriptError(pairing, f"cannot be written ({error.strerror or error})") from None


def forget_choice(path: Path) -> None:
    """Back to the automatic rule."""
    try:
        pairing_path(path).unlink(missing_ok=True)
    except OSError as error:
        raise TranscriptError(pairing_path(path),
                              f"cannot be removed ({error.strerror or error})") from None


def matching_outlines(path: Path, title: str = "", nearby: Iterable[str] | None = None
                      ) -> list[Path]:
    """Outlines and chapters files in ``path``'s folder whose name or first line matches the
    transcript's name or title. Names and first lines are compared first, so only the few
    files that match are read in full. ``nearby``: the only names in the folder that may
    match, when the caller knows them (sorted)."""
    key = name_key(path, title)
    if nearby is None:
        outlines = outline_keys(path.parent)
        if outlines is None:
            return []
        keys = outlines.keys
        matching = [name for name in outlines.listing.outline_names
                    if name != path.name and names_match(key, keys[name])]
    else:
        folder, now = os.fspath(path.parent), time.time_ns()
        matching = [name for name in nearby
                    if name != path.name and names_match(key, outline_key(folder, name, now))]
    return [path.parent / name for name in matching if is_outline(path.parent / name)]


def is_outline(path: Path) -> bool:
    try:
        return bool(chapter_marks(path))
    except TranscriptError:
        return False


# --- the chapters ------------------------------------------------------------------------------


def chapter_marks(path: Path) -> list[ChapterMark]:
    """The timed chapters of an outline or chapters file; raises TranscriptError (one line).
    Kept while the file is unchanged: each transcript of an episode, and the index checking
    each of them, asks again."""
    try:
        info = os.stat(path)
    except OSError:
        info = None
    stamp = (os.fspath(path), info.st_size, info.st_mtime_ns) if info is not None else None
    known = _MARKS.get(stamp) if stamp is not None else None
    if known is None:
        try:
            known = _read_chapter_marks(path)
        except TranscriptError as error:
            known = error.problem
        if (info is not None and stamp is not None
                and time.time_ns() - info.st_mtime_ns > RACY_NS):
            if len(_MARKS) >= _MARKS_KEPT:
                _MARKS.clear()
            _MARKS[stamp] = known
    if isinstance(known, str):
        raise TranscriptError(path, known)
    return list(known)


def _read_chapter_marks(path: Path) -> list[ChapterMark]:
    source = read_source(path)
    try:
        parsed = chapters_json.chapters_in(source) if path.suffix.lower() == ".json" else None
        if parsed is not None:
            return chapters_json.chapter_marks(parsed)
        if not outline.sniff(source.text):
            return []
        read = outline.read(source)
    except INPUT_ERRORS as error:
        raise TranscriptError(path, f"could not be read as chapters ({error})") from None
    marks = []
    for index, chapter in enumerate(read.chapters):
        if chapter.start_time is None:
            continue
        marks.append(ChapterMark(chapter.title, chapter.start_time, chapter.end_time,
                                 _summary(read, index)))
    return marks


def _summary(read: Transcript, index: int) -> str:
    """The outline chapter's summary lines (bullets are left in the outline)."""
    chapter = read.chapters[index]
    end = (read.chapters[index + 1].block_index if index + 1 < len(read.chapters)
           else len(read.blocks))
    return " ".join(b.text for b in read.blocks[chapter.block_index:end]
                    if b.kind is BlockKind.SUMMARY)


__all__ = ["CHAPTERS_SUFFIX", "NOT_DIVIDABLE", "NO_CHAPTERS", "PAIRING_SUFFIX", "Companion",
           "chapter_marks", "chapters_given", "companion_stamp", "dividable", "find_companion",
           "forget_choice", "given_when_read", "matching_outlines", "name_key", "names_match",
           "pairing_path", "read_choice", "with_companions", "write_choice"]
