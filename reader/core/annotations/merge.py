"""Merging two copies of a sidecar (this process's and the one on disk) record by record.

For each id the copy with the newer ``modified`` wins; a tie keeps ours. Deletions are
tombstones with their own ``modified``, so a delete beats an older copy of the record and an
edit made after the delete beats the delete (undo).

A record we hold that is missing from the disk copy is either new here (keep it) or was removed
from the file by hand since we last saw it (drop it). ``base`` (each id's ``modified`` as last
read from or written to disk) tells the two apart, as in a three-way merge: if the file had the
record and we have not changed it since, its absence is a removal.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from reader.core.annotations.model import NEVER, AnnotationDocument, modified_of

Base = Mapping[str, datetime | None]


@dataclass(slots=True)
class MergeResult:
    document: AnnotationDocument
    changed_ids: set[str] = field(default_factory=set)  # records that differ from ours


def merge(ours: AnnotationDocument, theirs: AnnotationDocument | None, base: Base) -> MergeResult:
    """``ours`` merged with the disk copy ``theirs`` (None: there is no file).

    The result keeps our transcript identity (the caller re-anchors ``theirs`` onto our
    transcript first) and takes the top-level keys we do not read from the disk copy, where
    other tools and newer versions change them."""
    if theirs is None:
        return MergeResult(ours.copy())
    result = ours.copy()
    result.unknown_keys = dict(theirs.unknown_keys)
    changed: set[str] = set()
    for record_id, mine in ours.records.items():
        if record_id in theirs.records or record_id not in base:
            continue
        seen = base[record_id]
        if modified_of(mine) <= (seen if seen is not None else NEVER):
            del result.records[record_id]  # removed from the file by hand
            changed.add(record_id)
    for record_id, other in theirs.records.items():
        held = ours.records.get(record_id)
        if held is None or modified_of(other) > modified_of(held):
            if held != other:
                changed.add(record_id)
            result.records[record_id] = other
    return MergeResult(result, changed)


def base_of(document: AnnotationDocument) -> dict[str, datetime | None]:
    return {record_id: record.modified for record_id, record in document.records.items()}
