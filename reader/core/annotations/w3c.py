"""The sidecar's JSON: W3C Web Annotation Data Model records (see docs/annotations.md).

:func:`decode` turns parsed JSON into an :class:`AnnotationDocument` and raises
:class:`SidecarFormatError` only when the whole file has the wrong shape (not an object, no
``annotations`` list). One entry that cannot be read never fails the file: it is kept verbatim
as a :class:`ForeignRecord`. :class:`Encoder` writes a document back; it remembers each
record's JSON, so saving one change to a file of thousands re-encodes one record.

Keys this app adds are namespaced ``tr:`` (declared in ``@context``); keys it does not know,
at the top level, in an annotation, its target or its body, are written back as found.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import uuid
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from reader.core.annotations.model import (
    DEFAULT_COLOR,
    EMPTY,
    LATEST,
    NEVER,
    AnchorStatus,
    Annotation,
    AnnotationDocument,
    ForeignRecord,
    Record,
    TextQuote,
    Tombstone,
    TranscriptIdentity,
    TranscriptNote,
    Unknown,
    modified_of,
)

NOTHING_UNKNOWN = Unknown()  # shared: most records have nothing this version does not read

SCHEMA_VERSION = 1
NAMESPACE = "urn:transcript-reader:"
CONTEXT: list[Any] = ["http://www.w3.org/ns/anno.jsonld", {"tr": NAMESPACE}]
K_SCHEMA, K_TRANSCRIPT, K_DELETED = "tr:schemaVersion", "tr:transcript", "tr:deleted"
K_COLOR, K_STATUS, K_TIME, K_KIND = "tr:color", "tr:status", "tr:time", "tr:kind"
CHAPTER_KIND, CHAPTER_MOTIVATION = "chapter", "bookmarking"
_TOP_KEYS = {"@context", K_SCHEMA, K_TRANSCRIPT, "annotations", K_DELETED}
_ANNOTATION_KEYS = frozenset({"id", "type", "motivation", "created", "modified", "body",
                              "bodyValue", "target", K_COLOR, K_STATUS, K_KIND})
_TARGET_KEYS = frozenset({"source", "selector", K_TIME})


class SidecarFormatError(ValueError):
    """The file is JSON but not an annotations file (``str()`` says what is wrong)."""


# --- times ---------------------------------------------------------------------------------

def format_time(moment: datetime) -> str:
    # isoformat, not strftime: "%Y" gives "1", not "0001", for year 1 on glibc
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


def parse_time(value: Any) -> datetime | None:
    """An ISO 8601 time; one without a zone is taken as UTC; None if missing or unreadable."""
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except (ValueError, OverflowError):
        return None
    if moment.tzinfo is UTC:  # as this app writes them
        return moment
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC)
    except OverflowError:  # e.g. 0001-01-01T00:00+01:00 is before the first representable time
        return NEVER if moment.year == datetime.min.year else LATEST


# --- decoding ------------------------------------------------------------------------------

def _fallback_id(raw: Any) -> str:
    """An id for an entry written without one: derived from its content, so every reader of
    the same file gives it the same id and merging does not duplicate it."""
    canonical = json.dumps(raw, sort_keys=True, ensure_ascii=True)
    digest = hashlib.sha256(canonical.encode("ascii")).hexdigest()
    return f"urn:uuid:{uuid.UUID(digest[:32])}"


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _string(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _offset(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def _seconds(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _rest(raw: Mapping[str, Any], known: frozenset[str]) -> Mapping[str, Any]:
    if raw.keys() <= known:
        return EMPTY
    return {k: v for k, v in raw.items() if k not in known}


def _bodies(raw: Mapping[str, Any]) -> tuple[str | None, list[str], list[Any]]:
    """(note, tags, other body items)."""
    note: str | None = raw["bodyValue"] if isinstance(raw.get("bodyValue"), str) else None
    tags: list[str] = []
    others: list[Any] = []
    for body in _as_list(raw.get("body")):
        textual = isinstance(body, dict) and isinstance(body.get("value"), str)
        purpose = body.get("purpose") if isinstance(body, dict) else None
        if textual and purpose == "tagging":
            tags.append(body["value"])
        elif textual and purpose in ("commenting", None) and note is None:
            note = body["value"]
        else:
            others.append(body)
    return note, tags, others


def decode_record(raw: Any) -> Record:
    """One entry of ``annotations``; never raises (unreadable entries become ForeignRecord)."""
    if not isinstance(raw, dict):
        return ForeignRecord(_fallback_id(raw), None, raw)
    get = raw.get
    record_id = get("id")
    if not isinstance(record_id, str) or not record_id:
        record_id = _fallback_id(raw)
    created, modified = parse_time(get("created")), parse_time(get("modified"))
    target = get("target")
    if isinstance(target, list) and len(target) == 1:
        target = target[0]
    if isinstance(target, str):
        target = {"source": target}
    elif not isinstance(target, dict):
        return ForeignRecord(record_id, modified, raw)
    chapter = _chapter_title(raw)
    note, tags, other_bodies = _bodies(raw)
    if chapter is not None:  # the title is the "describing" body, read above
        other_bodies = [b for b in other_bodies if not _describes(b)]
    quote: TextQuote | None = None
    start = end = None
    other_selectors: list[Any] = []
    selectors = _as_list(target.get("selector"))
    if chapter is not None:
        selectors = _chapter_selectors(selectors)
    for selector in selectors:
        kind = selector.get("type") if isinstance(selector, dict) else None
        if kind == "TextQuoteSelector" and quote is None and isinstance(selector.get("exact"), str):
            quote = TextQuote(selector["exact"], _string(selector.get("prefix")),
                              _string(selector.get("suffix")))
        elif kind == "TextPositionSelector" and start is None:
            start, end = _offset(selector.get("start")), _offset(selector.get("end"))
        else:
            other_selectors.append(selector)
    keys, target_keys = _rest(raw, _ANNOTATION_KEYS), _rest(target, _TARGET_KEYS)
    unknown = (NOTHING_UNKNOWN if not (keys or other_bodies or target_keys or other_selectors)
               else Unknown(keys, tuple(other_bodies), target_keys, tuple(other_selectors)))
    if "selector" not in target and chapter is None:  # the whole transcript is the target
        return TranscriptNote(record_id, note or "", created, modified, unknown)
    if start is None or end is None or end <= start:
        start = end = None
    if quote is None and start is None:
        return ForeignRecord(record_id, modified, raw)
    time: dict[str, Any] = target[K_TIME] if isinstance(target.get(K_TIME), dict) else {}
    status = (AnchorStatus.ORPHANED if raw.get(K_STATUS) == AnchorStatus.ORPHANED.value
              or start is None else AnchorStatus.ANCHORED)
    return Annotation(
        id=record_id, quote=quote or TextQuote(""), start=start, end=end,
        color=raw[K_COLOR] if isinstance(raw.get(K_COLOR), str) else DEFAULT_COLOR,
        note=note or "", tags=tuple(tags), status=status,
        start_time=_seconds(time.get("start")), end_time=_seconds(time.get("end")),
        created=created, modified=modified, unknown=unknown, chapter=chapter)


def _describes(body: Any) -> bool:
    return (isinstance(body, dict) and body.get("purpose") == "describing"
            and isinstance(body.get("value"), str))


def _chapter_title(raw: Mapping[str, Any]) -> str | None:
    """A user chapter's title; None when ``raw`` is no user chapter."""
    if raw.get(K_KIND) != CHAPTER_KIND or raw.get("motivation") != CHAPTER_MOTIVATION:
        return None
    return next((b["value"] for b in _as_list(raw.get("body")) if _describes(b)), "")


def _chapter_selectors(selectors: list[Any]) -> list[Any]:
    """A chapter's start is a RangeSelector (the quote, then its position), so versions that
    know no chapters keep the record as they found it instead of showing a highlight."""
    out: list[Any] = []
    for selector in selectors:
        parts = ([selector.get("startSelector"), selector.get("endSelector")]
                 if isinstance(selector, dict) and selector.get("type") == "RangeSelector"
                 else [selector])
        out += [part for part in parts if part is not None and part not in out]
    return out


def decode(data: Any) -> AnnotationDocument:
    """A parsed sidecar; raises SidecarFormatError when it is not one."""
    if not isinstance(data, dict):
        raise SidecarFormatError(f"expected a JSON object, found {type(data).__name__}")
    entries = data.get("annotations", [])
    if not isinstance(entries, list):
        raise SidecarFormatError('"annotations" is not a list')
    deleted = data.get(K_DELETED, [])
    if not isinstance(deleted, list):
        raise SidecarFormatError(f'"{K_DELETED}" is not a list')
    document = AnnotationDocument()
    transcript = data.get(K_TRANSCRIPT)
    if isinstance(transcript, dict):
        document.identity = TranscriptIdentity(
            _string(transcript.get("source")), _string(transcript.get("fingerprint")),
            _string(transcript.get("textHash")), _string(transcript.get("readerVersion")))
    document.unknown_keys = {k: v for k, v in data.items() if k not in _TOP_KEYS}
    for raw in deleted:
        if isinstance(raw, dict) and isinstance(raw.get("id"), str):
            document.records[raw["id"]] = Tombstone(raw["id"], parse_time(raw.get("modified")))
    raws: dict[str, Any] = {}  # id -> the entry it was read from
    for raw in entries:
        _add_entry(document.records, decode_record(raw), raw, raws)
    return document


def _add_entry(records: dict[str, Record], record: Record, raw: Any,
               raws: dict[str, Any]) -> None:
    known = records.get(record.id)
    if known is None or isinstance(known, Tombstone):
        if known is None or modified_of(known) < modified_of(record):  # a tie: deleted
            records[record.id] = record
            raws[record.id] = raw
        return
    if known == record:  # the same entry twice
        return
    # Two different entries under one id (pasted by hand, or another tool's bug): both are
    # kept, or rewriting the file would drop one for good. The newer keeps the id; the other
    # gets one derived from its content, so every reader of this file renames it alike.
    if modified_of(known) < modified_of(record):
        records[record.id], raws[record.id] = record, raw
        record, raw = known, raws[known.id]
    salt = 0
    new_id = _fallback_id(raw)
    while new_id in records:
        if records[new_id] == dataclasses.replace(record, id=new_id):
            return  # the same entry a third time
        salt += 1
        new_id = _fallback_id([raw, salt])
    records[new_id] = dataclasses.replace(record, id=new_id)
    raws[new_id] = raw


# --- encoding ------------------------------------------------------------------------------

def _times(record: Annotation | TranscriptNote, out: dict[str, Any]) -> None:
    if record.created is not None:
        out["created"] = format_time(record.created)
    if record.modified is not None:
        out["modified"] = format_time(record.modified)


def _body(note: str, tags: tuple[str, ...], unknown: Unknown) -> list[Any]:
    body: list[Any] = []
    if note:
        body.append({"type": "TextualBody", "purpose": "commenting",
                     "format": "text/markdown", "value": note})
    body += [{"type": "TextualBody", "purpose": "tagging", "value": tag} for tag in tags]
    return body + list(unknown.bodies)


def encode_record(record: Annotation | TranscriptNote | ForeignRecord, source: str) -> Any:
    """The JSON value of one live record."""
    if isinstance(record, ForeignRecord):
        return record.raw
    out: dict[str, Any] = {"id": record.id, "type": "Annotation"}
    out["motivation"] = "highlighting" if isinstance(record, Annotation) else "commenting"
    _times(record, out)
    if isinstance(record, TranscriptNote):
        body = _body(record.text, (), record.unknown)
        target: dict[str, Any] = {"source": source}
    else:
        body = _body(record.note, record.tags, record.unknown)
        selectors: list[Any] = []
        if record.exact:
            selectors.append({"type": "TextQuoteSelector", "exact": record.quote.exact,
                              "prefix": record.quote.prefix, "suffix": record.quote.suffix})
        if record.start is not None and record.end is not None:
            selectors.append({"type": "TextPositionSelector", "start": record.start,
                              "end": record.end})
        if record.chapter is not None:
            out["motivation"] = CHAPTER_MOTIVATION
            body.insert(0, {"type": "TextualBody", "purpose": "describing",
                            "value": record.chapter})
            selectors = [{"type": "RangeSelector", "startSelector": selectors[0],
                          "endSelector": selectors[-1]}] if selectors else []
        target = {"source": source, "selector": selectors + list(record.unknown.selectors)}
        if record.start_time is not None:
            target[K_TIME] = {"start": record.start_time, "end": record.end_time}
    if body:
        out["body"] = body
    out["target"] = {**target, **record.unknown.target_keys}
    if isinstance(record, Annotation):
        if record.chapter is None:
            out[K_COLOR] = record.color
        else:
            out[K_KIND] = CHAPTER_KIND
        out[K_STATUS] = record.status.value
    out.update(record.unknown.keys)
    return out


class Encoder:
    """Writes documents, re-encoding only records that changed since the last call. One record
    per line: small diffs, and a file a person can still read and grep."""

    def __init__(self) -> None:
        self._cache: dict[str, tuple[Record, str, bytes]] = {}  # id -> (record, source, JSON)

    def _fragment(self, record: Record, source: str) -> bytes:
        cached = self._cache.get(record.id)
        if cached is not None and cached[0] is record and cached[1] == source:
            return cached[2]
        value = (_tombstone(record) if isinstance(record, Tombstone)
                 else encode_record(record, source))
        data = _utf8_json(value)
        self._cache[record.id] = (record, source, data)
        return data

    def encode(self, document: AnnotationDocument) -> bytes:
        identity = document.identity
        head: dict[str, Any] = {
            "@context": CONTEXT,
            K_SCHEMA: SCHEMA_VERSION,
            K_TRANSCRIPT: {"source": identity.source, "fingerprint": identity.fingerprint,
                           "textHash": identity.text_hash,
                           "readerVersion": identity.reader_version},
        }
        head.update(document.unknown_keys)
        live: list[bytes] = []
        dead: list[bytes] = []
        for record in document.records.values():
            fragment = self._fragment(record, identity.source)
            (dead if isinstance(record, Tombstone) else live).append(fragment)
        parts = [b"  " + _utf8_json(k) + b": " + _utf8_json(v) for k, v in head.items()]
        parts.append(_list("annotations", live))
        parts.append(_list(K_DELETED, dead))
        self._forget(document)
        return b"{\n" + b",\n".join(parts) + b"\n}\n"

    def _forget(self, document: AnnotationDocument) -> None:
        if len(self._cache) > 2 * len(document.records) + 64:
            self._cache = {k: v for k, v in self._cache.items() if k in document.records}


def _utf8_json(value: Any) -> bytes:
    try:
        return json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: written as a JSON escape instead
        return json.dumps(value, ensure_ascii=True).encode("ascii")


def _tombstone(record: Tombstone) -> dict[str, Any]:
    return {"id": record.id, "modified": format_time(record.modified) if record.modified else None}


def _list(key: str, items: list[bytes]) -> bytes:
    if not items:
        return f'  "{key}": []'.encode()
    return f'  "{key}": [\n    '.encode() + b",\n    ".join(items) + b"\n  ]"
