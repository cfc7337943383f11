"""A lossless backup of notes: a W3C Web Annotation collection, and importing one.

The collection holds every live record of each exported transcript exactly as its sidecar
stores it (the sidecar's own encoding, :mod:`reader.core.annotations.w3c`), so fields this
version does not read, and entries other tools wrote, travel too::

    {"@context": [...], "type": "AnnotationCollection", "label": "Transcript Reader notes",
     "total": 3, "tr:schemaVersion": 1,
     "tr:transcripts": [{"source": "talk.txt", "title": ..., "fingerprint": ...,
                         "textHash": ..., "readerVersion": ...}],
     "first": {"type": "AnnotationPage", "startIndex": 0, "items": [...]}}

Each item's ``target.source`` names its transcript: the path relative to the library folder
(``talk.txt``, ``2024/talk.txt``). Importing finds that file in the library, else a file of
the same name, else a file with the same content (fingerprint or display-text hash), and
merges by id through the transcript's :class:`NotesStore`: a record that is not there is
added, a newer ``modified`` replaces the copy there, anything else is left alone. A sidecar
file (``talk.txt.annotations.json``) imports the same way.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import stat
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.core.annotations.model import (
    COLORS,
    DEFAULT_COLOR,
    Annotation,
    ForeignRecord,
    Record,
    TranscriptIdentity,
    TranscriptNote,
    reading_order,
)
from reader.core.annotations.w3c import (
    CONTEXT,
    SCHEMA_VERSION,
    SidecarFormatError,
    decode,
    decode_record,
    encode_record,
)
from reader.core.annotations.w3c import _add_entry as add_entry  # how a sidecar reads ids
from reader.core.errors import TranscriptError, display_path, printable
from reader.core.export.notes import NotesStore, TranscriptNotes
from reader.core.formats import load_transcript
from reader.core.library import walk_folder
from reader.core.store import resolve

COLLECTION = "AnnotationCollection"
PAGE = "AnnotationPage"
LABEL = "Transcript Reader notes"
K_TRANSCRIPTS = "tr:transcripts"
# The largest export import reads: some 60,000 highlights and notes (about 1.1 kB each), and
# little enough to parse in memory.
MAX_IMPORT_BYTES = 64 * 1024 * 1024
_HEX_COLOR = re.compile(r"#[0-9a-fA-F]{6}")


# --- export --------------------------------------------------------------------------------

def transcript_key(notes: TranscriptNotes, library: Path | None) -> str:
    """How the collection names a transcript: its path in the library, else its file name."""
    source = notes.transcript.source
    if source is None:
        return ""
    if library is not None:
        try:
            return source.relative_to(library).as_posix()
        except ValueError:
            pass
    return source.name


def _ordered(records: Sequence[Record]) -> list[Record]:
    """Transcript notes, highlights in reading order, then other tools' entries."""
    notes = [r for r in records if isinstance(r, TranscriptNote)]
    highlights = reading_order([r for r in records if isinstance(r, Annotation)])
    others = sorted((r for r in records if isinstance(r, ForeignRecord)), key=lambda r: r.id)
    return [*sorted(notes, key=lambda n: n.id), *highlights, *others]


def collection(notes: Sequence[TranscriptNotes], library: Path | None = None) -> dict[str, Any]:
    items: list[Any] = []
    transcripts: list[dict[str, Any]] = []
    for item in notes:
        key = transcript_key(item, library)
        t = item.transcript
        transcripts.append({"source": key, "title": t.title, "fingerprint": t.fingerprint,
                            "textHash": t.text_hash, "readerVersion": t.reader_version})
        for record in _ordered(item.records):
            if isinstance(record, ForeignRecord):
                items.append(_with_source(record.raw, key))
            elif isinstance(record, Annotation | TranscriptNote):
                items.append(encode_record(record, key))
    return {"@context": CONTEXT, "type": COLLECTION, "label": LABEL, "total": len(items),
            "tr:schemaVersion": SCHEMA_VERSION, K_TRANSCRIPTS: transcripts,
            "first": {"type": PAGE, "startIndex": 0, "items": items}}


def _with_source(raw: Any, key: str) -> Any:
    """Another tool's entry, marked with the transcript it came from (its own target kept)."""
    if isinstance(raw, dict) and "tr:exportedFrom" not in raw:
        return {**raw, "tr:exportedFrom": key}
    return raw


def collection_bytes(notes: Sequence[TranscriptNotes], library: Path | None = None) -> bytes:
    value = collection(notes, library)
    try:
        return (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate in a note: written as a JSON escape
        return (json.dumps(value, ensure_ascii=True, indent=2) + "\n").encode("ascii")


# --- reading an export ---------------------------------------------------------------------

@dataclass(slots=True)
class ImportGroup:
    """The records of one transcript in an export."""

    key: str
    identity: TranscriptIdentity
    records: list[Record] = field(default_factory=list)
    renamed: int = 0  # records that shared an id with a different one, kept under a new id


def _source_of(raw: Any) -> str:
    if not isinstance(raw, dict):
        return ""
    if isinstance(raw.get("tr:exportedFrom"), str):
        return str(raw["tr:exportedFrom"])
    target = raw.get("target")
    if isinstance(target, list) and target:
        target = target[0]
    if isinstance(target, str):
        return target
    source = target.get("source") if isinstance(target, dict) else None
    return source if isinstance(source, str) else ""


def _strip_export_mark(record: Record) -> Record:
    if isinstance(record, ForeignRecord) and isinstance(record.raw, dict) \
            and "tr:exportedFrom" in record.raw:
        raw = {k: v for k, v in record.raw.items() if k != "tr:exportedFrom"}
        return ForeignRecord(record.id, record.modified, raw)
    return record


def _read_limited(path: Path) -> bytes:
    """The bytes of the regular file at ``path``, at most MAX_IMPORT_BYTES. Raises
    TranscriptError for a pipe or device (which could block or never end) or a larger file."""
    try:
        # Non-blocking: opening a pipe nobody writes to would wait forever.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise TranscriptError(path, "no such file") from None
    except IsADirectoryError:
        raise TranscriptError(path, "is a folder, not a notes export") from None
    except OSError as error:
        raise TranscriptError(path, f"cannot be read ({error.strerror or error})") from None
    try:
        with os.fdopen(fd, "rb") as stream:
            info = os.fstat(stream.fileno())
            if stat.S_ISDIR(info.st_mode):
                raise TranscriptError(path, "is a folder, not a notes export")
            if not stat.S_ISREG(info.st_mode):
                raise TranscriptError(path, "is not a regular file (a pipe or device)")
            data = stream.read(MAX_IMPORT_BYTES + 1)
    except OSError as error:
        raise TranscriptError(path, f"cannot be read ({error.strerror or error})") from None
    except MemoryError:
        raise TranscriptError(path, "is too large to read") from None
    if len(data) > MAX_IMPORT_BYTES:
        raise TranscriptError(path, f"is larger than {MAX_IMPORT_BYTES >> 20} MB, the most "
                                    "an import reads")
    return data


def read_export(path: Path) -> list[ImportGroup]:
    """The groups of records in an export (or a sidecar file). Raises TranscriptError."""
    try:
        data = json.loads(_read_limited(path))
    except (ValueError, RecursionError) as error:
        raise TranscriptError(path, f"is not valid JSON ({error})") from None
    except MemoryError:
        raise TranscriptError(path, "is too large to read") from None
    if isinstance(data, dict) and data.get("type") == COLLECTION:
        return _collection_groups(path, data)
    if isinstance(data, dict) and isinstance(data.get("annotations"), list):
        try:
            document = decode(data)
        except SidecarFormatError as error:
            raise TranscriptError(path, f"is not a notes export ({error})") from None
        identity = document.identity
        records: list[Record] = [r for r in document.records.values()
                   if isinstance(r, Annotation | TranscriptNote | ForeignRecord)]
        source = identity.source or path.name.removesuffix(".annotations.json")
        return [ImportGroup(source, identity, records)]
    raise TranscriptError(path, "is not a notes export (expected a W3C Web Annotation "
                                "collection or an .annotations.json file)")


def _collection_groups(path: Path, data: dict[str, Any]) -> list[ImportGroup]:
    page = data.get("first")
    items = page.get("items") if isinstance(page, dict) else None
    if not isinstance(items, list):
        raise TranscriptError(path, 'is not a notes export ("first" holds no "items" list)')
    groups: dict[str, ImportGroup] = {}
    described = data.get(K_TRANSCRIPTS)
    for entry in described if isinstance(described, list) else []:
        if isinstance(entry, dict) and isinstance(entry.get("source"), str):
            identity = TranscriptIdentity(
                *(str(entry.get(k) or "") for k in ("source", "fingerprint", "textHash",
                                                     "readerVersion")))
            groups[entry["source"]] = ImportGroup(entry["source"], identity)
    by_id: dict[str, dict[str, Record]] = {}
    raws: dict[str, dict[str, Any]] = {}
    for raw in items:
        key = _source_of(raw)
        group = groups.setdefault(key, ImportGroup(key, TranscriptIdentity(key)))
        record = _strip_export_mark(decode_record(raw))
        held = by_id.setdefault(key, {})
        if record.id in held and held[record.id] != record:
            group.renamed += 1
        # As a sidecar is read: two different entries under one id are both kept, the older
        # under an id derived from its content (see docs/annotations.md).
        add_entry(held, record, raw, raws.setdefault(key, {}))
    for key, held in by_id.items():
        groups[key].records = list(held.values())
    return [g for g in groups.values() if g.records]


# --- importing -----------------------------------------------------------------------------

@dataclass(slots=True)
class ImportReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    unmatched: int = 0  # records whose transcript is not in the library
    lines: list[str] = field(default_factory=list)  # one per transcript, then problems

    def summary(self) -> str:
        parts = [f"{self.added} added", f"{self.updated} updated", f"{self.unchanged} unchanged"]
        if self.unmatched:
            parts.append(f"{self.unmatched} not matched to a transcript")
        return ", ".join(parts)


class _Library:
    """The library's transcripts, looked up by path, name, then content (read lazily)."""

    def __init__(self, folder: Path) -> None:
        # Walked from the resolved folder, so the files' paths and ``folder / key`` are spelled
        # alike whether the library was named relatively or through a link.
        self.folder = resolve(folder)
        self.files = walk_folder(self.folder).files
        self._identities: dict[Path, tuple[str, str]] | None = None

    def find(self, key: str, identity: TranscriptIdentity) -> Path | None:
        exact = self.folder / key if key else None
        if exact is not None and exact in self.files:
            return exact
        name = key.rsplit("/", 1)[-1]
        named = [p for p in self.files if p.name == name]
        if len(named) == 1:
            return named[0]
        pool = named or self.files
        for candidate in pool:
            fingerprint, text_hash = self._identity(candidate)
            if (identity.fingerprint and fingerprint == identity.fingerprint) or (
                    identity.text_hash and text_hash == identity.text_hash):
                return candidate
        return None

    def _identity(self, path: Path) -> tuple[str, str]:
        if self._identities is None:
            self._identities = {}
        if path not in self._identities:
            try:
                transcript = load_transcript(path)
                self._identities[path] = (transcript.fingerprint, transcript.text_hash)
            except TranscriptError:
                self._identities[path] = ("", "")
        return self._identities[path]


def import_export(path: Path, library: Path) -> ImportReport:
    """Merge the export at ``path`` into the library's sidecars (each written through its
    transcript's store: locked, atomic, with a backup). Raises TranscriptError for an export
    that cannot be read; a transcript that cannot be written is one line in the report."""
    groups = read_export(path)
    shelf = _Library(library)
    library = shelf.folder
    report = ImportReport()
    for group in groups:
        found = shelf.find(group.key, group.identity)
        count = len(group.records)
        if found is None:
            report.unmatched += count
            report.lines.append(f"{printable(group.key or '(no transcript named)')}: not in "
                                f"{display_path(library)} ({_records(count)} not imported)")
            continue
        records, recoloured = _with_known_colors(group.records)
        try:
            store = NotesStore(load_transcript(found))
            loaded = store.load(write_back=False)
            merged = store.merge_in(records, offsets_hold=bool(group.identity.text_hash)
                                    and group.identity.text_hash == store.transcript.text_hash)
            messages = list(loaded.messages)
            if store.dirty:
                messages += store.save().messages
        except TranscriptError as error:
            report.unmatched += count
            report.lines.append(f"{error} ({_records(count)} not imported)")
            continue
        report.added += merged.added
        report.updated += merged.updated
        report.unchanged += merged.unchanged
        where = os.path.relpath(found, library) if found.is_relative_to(library) else found
        report.lines.append(f"{display_path(where)}: {merged.added} added, "
                            f"{merged.updated} updated, {merged.unchanged} unchanged")
        if recoloured:
            report.lines.append(f"{display_path(where)}: {_highlights(recoloured)} had a colour "
                                f"the app does not know; now {DEFAULT_COLOR}")
        if group.renamed:
            report.lines.append(f"{display_path(where)}: {_records(group.renamed)} shared an id "
                                "with another in the export; kept under a new id")
        report.lines += messages
    return report


def known_color(color: str) -> bool:
    """A colour the app draws: one of its names, or ``#rrggbb`` (another tool's)."""
    return color in COLORS or _HEX_COLOR.fullmatch(color) is not None


def _with_known_colors(records: list[Record]) -> tuple[list[Record], int]:
    """``records`` with any other colour (``"red*\\n# Injected"``) made the default; and how
    many were changed."""
    out: list[Record] = []
    for record in records:
        if isinstance(record, Annotation) and not known_color(record.color):
            record = dataclasses.replace(record, color=DEFAULT_COLOR)
        out.append(record)
    return out, sum(1 for old, new in zip(records, out, strict=True) if old is not new)


def _highlights(count: int) -> str:
    return "1 highlight" if count == 1 else f"{count} highlights"


def _records(count: int) -> str:
    return "1 highlight or note" if count == 1 else f"{count} highlights and notes"


__all__ = ["ImportGroup", "ImportReport", "collection", "collection_bytes",
           "import_export", "read_export", "transcript_key"]
