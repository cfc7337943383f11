"""Highlights and notes in memory: what one sidecar file holds, as Python values.

Everything here is immutable: an edit makes a new record (``dataclasses.replace``) with a later
``modified`` time, so the window's undo stack can keep the before and after objects, and two
writers can be merged record by record (newest ``modified`` wins, see :mod:`.merge`).

A sidecar holds *records*, all keyed by their ``id`` (``urn:uuid:...``):

- :class:`Annotation`: a highlight, with its quote, display-text offsets (``None`` while
  orphaned), colour, Markdown note and tags; or, with ``chapter`` set, a user chapter;
- :class:`TranscriptNote`: the note about the whole transcript (at most one is shown);
- :class:`Tombstone`: a deleted record, kept with its deletion time so the delete wins over an
  older copy of the record held by another writer;
- :class:`ForeignRecord`: an entry another tool wrote that this version cannot read, kept
  verbatim and written back unchanged.

Fields of a stored annotation that this version does not know are kept in :class:`Unknown` and
written back as found, so a newer version's or another tool's data survives a rewrite.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from types import MappingProxyType
from typing import Any

# Named highlight colours and their hex values (the values Zotero's reader uses, so exported
# colours look the same there). The first is the default.
COLORS: Mapping[str, str] = MappingProxyType({
    "yellow": "#ffd400",
    "green": "#5fb236",
    "blue": "#2ea8e5",
    "pink": "#e56eee",
    "purple": "#a28ae5",
    "orange": "#f19837",
})
DEFAULT_COLOR = "yellow"
_HEX_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")


def color_hex(color: str) -> str:
    """The hex value to draw ``color`` with: a named colour's value, a ``#rrggbb`` another tool
    stored as is, else the default colour's."""
    if color in COLORS:
        return COLORS[color]
    return color if _HEX_COLOR.match(color) else COLORS[DEFAULT_COLOR]


class AnchorStatus(StrEnum):
    ANCHORED = "anchored"  # start/end point at the quoted text in the current transcript
    ORPHANED = "orphaned"  # the quote was not found; kept with its note, never deleted


EMPTY: Mapping[str, Any] = MappingProxyType({})
# Sorts before every real time: records without a "modified" time (written by hand) lose to
# any edit.
NEVER = datetime.min.replace(tzinfo=UTC)
LATEST = datetime.max.replace(tzinfo=UTC)


def utc_now() -> datetime:
    return datetime.now(UTC)


def later_than(previous: datetime | None) -> datetime:
    """Now, or a microsecond after ``previous`` if the clock has not moved past it, so an edit
    always wins over the version it replaces. Nothing is later than the last representable
    moment (another tool's "end of time"): an edit then ties with it, and in a tie the saving
    copy's record wins (a delete wins on reading a file holding both)."""
    now = utc_now()
    if previous is not None and now <= previous:
        return previous + timedelta(microseconds=1) if previous < LATEST else LATEST
    return now


def new_id() -> str:
    import uuid  # on first use: it costs start-up time and only a new record needs it

    return f"urn:uuid:{uuid.uuid4()}"


@dataclass(frozen=True, slots=True)
class TextQuote:
    """The W3C TextQuoteSelector: the highlighted text and about 32 characters either side."""

    exact: str
    prefix: str = ""
    suffix: str = ""


@dataclass(frozen=True, slots=True)
class Unknown:
    """Parts of a stored record this version does not read, written back as found."""

    keys: Mapping[str, Any] = field(default_factory=lambda: EMPTY)  # annotation-level
    bodies: tuple[Any, ...] = ()  # body items other than the note and the tags
    target_keys: Mapping[str, Any] = field(default_factory=lambda: EMPTY)
    selectors: tuple[Any, ...] = ()  # selectors other than TextQuote/TextPosition


@dataclass(frozen=True, slots=True)
class Annotation:
    """A highlight. ``start``/``end`` are display-text offsets (``None`` while orphaned)."""

    id: str
    quote: TextQuote
    start: int | None
    end: int | None
    color: str = DEFAULT_COLOR
    note: str = ""  # Markdown
    tags: tuple[str, ...] = ()
    status: AnchorStatus = AnchorStatus.ANCHORED
    # Media times of the highlighted blocks, when the transcript is timed (stored for other
    # tools; the app derives times from the transcript).
    start_time: float | None = None
    end_time: float | None = None
    created: datetime | None = None
    modified: datetime | None = None
    unknown: Unknown = field(default_factory=Unknown)
    # Set on a user chapter: the record then marks where the chapter (titled so) starts and is
    # no highlight. Same anchoring, merging and deleting as highlights.
    chapter: str | None = None

    @property
    def orphaned(self) -> bool:
        return self.status is AnchorStatus.ORPHANED or self.start is None

    @property
    def exact(self) -> str:
        return self.quote.exact


@dataclass(frozen=True, slots=True)
class TranscriptNote:
    """The note about the whole transcript: a W3C annotation whose target has no selector."""

    id: str
    text: str  # Markdown
    created: datetime | None = None
    modified: datetime | None = None
    unknown: Unknown = field(default_factory=Unknown)


def transcript_note_id(source_name: str) -> str:
    """The id a new transcript note gets: the same for every writer of one transcript, so two
    windows that both start a note make one note (merged by id), not two."""
    import uuid

    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'transcript-note:' + source_name)}"


@dataclass(frozen=True, slots=True)
class Tombstone:
    """A deleted record. Kept (it is small) so the delete reaches every other copy."""

    id: str
    modified: datetime | None


@dataclass(frozen=True, slots=True)
class ForeignRecord:
    """An entry of ``annotations`` this version cannot read (no usable target), verbatim."""

    id: str
    modified: datetime | None
    raw: Any


Record = Annotation | TranscriptNote | Tombstone | ForeignRecord


@dataclass(slots=True)
class TranscriptIdentity:
    """What the stored positions refer to: the transcript file and the text it displayed."""

    source: str = ""  # the transcript's file name
    fingerprint: str = ""  # sha256 of the source bytes
    text_hash: str = ""  # sha256 of the display text: while equal, offsets hold
    reader_version: str = ""  # "<reader>/<version>" that produced the display text


@dataclass(slots=True)
class AnnotationDocument:
    """The content of one sidecar file."""

    records: dict[str, Record] = field(default_factory=dict)
    identity: TranscriptIdentity = field(default_factory=TranscriptIdentity)
    unknown_keys: dict[str, Any] = field(default_factory=dict)  # top-level keys kept verbatim

    def annotations(self) -> list[Annotation]:
        """The highlights (user chapters are records of the same type, listed apart)."""
        return [r for r in self.records.values()
                if isinstance(r, Annotation) and r.chapter is None]

    def chapter_marks(self) -> list[Annotation]:
        """The user's chapters, each anchored at the words where it starts."""
        return [r for r in self.records.values()
                if isinstance(r, Annotation) and r.chapter is not None]

    def transcript_note(self) -> TranscriptNote | None:
        """The newest transcript note (another tool may have added a second one)."""
        notes = [r for r in self.records.values() if isinstance(r, TranscriptNote)]
        return max(notes, key=lambda n: n.modified or NEVER) if notes else None

    def copy(self) -> AnnotationDocument:
        return AnnotationDocument(dict(self.records), TranscriptIdentity(
            self.identity.source, self.identity.fingerprint, self.identity.text_hash,
            self.identity.reader_version), dict(self.unknown_keys))


def modified_of(record: Record) -> datetime:
    return record.modified or NEVER


def reading_order(annotations: list[Annotation]) -> list[Annotation]:
    """Anchored highlights by position, then orphans (oldest first)."""
    anchored = [a for a in annotations if not a.orphaned]
    orphans = [a for a in annotations if a.orphaned]
    anchored.sort(key=lambda a: (a.start or 0, a.end or 0, a.id))
    orphans.sort(key=lambda a: (a.created or NEVER, a.id))
    return anchored + orphans
