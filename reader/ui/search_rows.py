"""Search results as a list: grouped by transcript, then chapter, each hit with its snippet.

Transcripts come in the order of their best hit (the ranking already keeps one transcript from
filling the top). When several transcripts matched, each shows its best few hits and a "Show
N more" row, so a strong hit in the second transcript is never a hundred rows down. Within a
transcript, hits are in reading order under their chapter's heading: where in the interview
the idea comes up.

This module is the list's rows and model; :mod:`.search_results` draws them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt

from reader.core.search import Hit
from reader.core.timefmt import format_clock
from reader.ui.two_line_delegate import Index

PER_TRANSCRIPT = 4  # hits shown per transcript while several transcripts matched
ROW_ROLE = Qt.ItemDataRole.UserRole + 20


class RowKind(Enum):
    TRANSCRIPT = "transcript"
    CHAPTER = "chapter"
    HIT = "hit"
    MORE = "more"


@dataclass(frozen=True, slots=True)
class Row:
    kind: RowKind
    text: str  # plain text: a title, a chapter, "Show 3 more"; hits draw their snippet
    detail: str = ""
    hit: Hit | None = None
    path: Path | None = None  # the transcript a row belongs to


def describe_hit(hit: Hit) -> str:
    """The muted line under a snippet: time, speaker, tags."""
    parts: list[str] = []
    if hit.time is not None:
        parts.append(format_clock(hit.time))
    if hit.speaker:
        parts.append(hit.speaker)
    if hit.kind == "note":
        if hit.orphaned:
            parts.append("orphaned highlight")
        elif hit.annotation_id is None:
            parts.append("note on the transcript")
        if hit.tags:
            parts.append(" ".join(f"#{tag}" for tag in hit.tags))
    return " · ".join(parts)


def hit_key(hit: Hit) -> tuple[str, Path, int, str | None]:
    """What stays the same for a hit when the index is updated (to keep the user's place)."""
    return hit.kind, hit.path, hit.start, hit.annotation_id


def group_rows(hits: Sequence[Hit], expanded: set[Path]) -> list[Row]:
    groups: dict[Path, list[Hit]] = {}
    for hit in hits:  # best first: a transcript's place is that of its best hit
        groups.setdefault(hit.path, []).append(hit)
    rows: list[Row] = []
    for path, found in groups.items():
        first = found[0]
        count = f"{len(found)} result{'s' if len(found) != 1 else ''}"
        rows.append(Row(RowKind.TRANSCRIPT, first.title,
                        " · ".join(p for p in (first.show, count) if p), path=path))
        shown = found
        if len(groups) > 1 and path not in expanded and len(found) > PER_TRANSCRIPT + 1:
            shown = found[:PER_TRANSCRIPT]
        chapter: str | None = None
        for hit in sorted(shown, key=lambda h: (h.start, h.kind)):
            if hit.chapter_id != chapter and hit.chapter_title:
                rows.append(Row(RowKind.CHAPTER, hit.chapter_title, path=path))
            chapter = hit.chapter_id
            rows.append(Row(RowKind.HIT, hit.snippet.plain, describe_hit(hit), hit, path))
        if len(shown) < len(found):
            more = len(found) - len(shown)
            rows.append(Row(RowKind.MORE, f"Show {more} more in this transcript", path=path))
    return rows


class SearchResultsModel(QAbstractListModel):
    def __init__(self) -> None:
        super().__init__()
        self._hits: tuple[Hit, ...] = ()
        self._expanded: set[Path] = set()
        self._rows: list[Row] = []

    def set_hits(self, hits: Sequence[Hit]) -> None:
        """New results; transcripts the user expanded stay expanded while they are listed."""
        self._hits = tuple(hits)
        self._expanded &= {hit.path for hit in hits}
        self._relist()

    def expand(self, path: Path) -> None:
        self._expanded.add(path)
        self._relist()

    def _relist(self) -> None:
        self.beginResetModel()
        self._rows = group_rows(self._hits, self._expanded)
        self.endResetModel()

    def row(self, number: int) -> Row | None:
        return self._rows[number] if 0 <= number < len(self._rows) else None

    def rows(self) -> list[Row]:
        return list(self._rows)

    def row_of(self, key: tuple[str, Path, int, str | None]) -> int | None:
        return next((i for i, r in enumerate(self._rows)
                     if r.hit is not None and hit_key(r.hit) == key), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: Index) -> Qt.ItemFlag:
        row = self.row(index.row())
        if row is None or row.kind in (RowKind.TRANSCRIPT, RowKind.CHAPTER):
            return Qt.ItemFlag.NoItemFlags  # headings: the keyboard skips them
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        row = self.row(index.row())
        if row is None:
            return None
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            return row.text
        if role == Qt.ItemDataRole.AccessibleTextRole:
            badge = "Note: " if row.hit is not None and row.hit.kind == "note" else ""
            return f"{badge}{row.text}. {row.detail}".strip()
        if role == Qt.ItemDataRole.ToolTipRole and row.hit is not None:
            hit = row.hit
            where = " · ".join(p for p in (hit.title, hit.chapter_title, row.detail) if p)
            return f"{where}\n\n{hit.note.strip()}" if hit.note.strip() else where
        return None
