"""Search results: hits that say where they are, ordered so one transcript cannot fill the top.

Diversity rule: each hit's score is multiplied by :data:`DAMPING` once for every better hit
from the same transcript, so a transcript's best hit keeps its score, its second counts 70%,
its third 49%…, and hits are ordered by that. Then, if the first :data:`HEAD` results all come
from one transcript while others matched too, the best hit of the next transcript takes the
last place of that head. So a query that matches two interviews shows both in the first five,
and a transcript with many middling hits does not bury a strong hit elsewhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from reader.core.search.snippets import Snippet

DAMPING = 0.7
HEAD = 5


@dataclass(frozen=True, slots=True)
class Hit:
    """One place that matched: a passage, or a highlight with its note."""

    kind: Literal["passage", "note"]
    path: Path
    title: str
    show: str | None
    start: int  # display-text offsets of the passage (the highlight, for a note)
    end: int
    time: float | None  # seconds into the recording, when known
    speaker: str | None
    chapter_id: str | None
    chapter_title: str | None
    score: float  # the ranking score (after the diversity rule); higher is better
    snippet: Snippet
    annotation_id: str | None = None  # notes: the highlight to open (None: transcript note)
    note: str = ""  # notes: the note (Markdown)
    tags: tuple[str, ...] = ()
    color: str | None = None
    orphaned: bool = False  # notes: the quote is no longer found in the transcript

    def as_json(self) -> dict[str, Any]:
        """The command line's JSON for a hit (its shape is relied on by other tools)."""
        return {"path": str(self.path), "title": self.title, "chapter": self.chapter_title,
                "start": self.time, "offset": self.start, "snippet": self.snippet.plain,
                "kind": self.kind, "score": round(self.score, 4)}


@dataclass(frozen=True, slots=True)
class SearchResults:
    query: str
    total: int  # how many passages and notes matched (an upper estimate when not exact)
    hits: tuple[Hit, ...]
    notes: tuple[str, ...] = ()  # one gentle line each: syntax searched literally, words left out
    suggestion: str | None = None  # "did you mean", when nothing was found
    total_is_exact: bool = True
    messages: tuple[str, ...] = field(default=())  # about the index (rebuilt, busy)

    def as_json(self) -> dict[str, Any]:
        return {"query": self.query, "total": self.total,
                "hits": [hit.as_json() for hit in self.hits]}


def diversify(scored: Sequence[tuple[float, str, Any]], head: int = HEAD
              ) -> list[tuple[float, Any]]:
    """``(score, transcript, item)`` best first -> ``(ranking score, item)`` in the order to
    show (see the module's rule)."""
    seen: dict[str, int] = {}
    damped: list[tuple[float, int, str, Any]] = []
    for order, (score, owner, item) in enumerate(sorted(scored, key=lambda s: -s[0])):
        rank = seen.get(owner, 0)
        seen[owner] = rank + 1
        damped.append((score * DAMPING ** rank, order, owner, item))
    damped.sort(key=lambda s: (-s[0], s[1]))
    top = damped[:head]
    if len(seen) > 1 and len(top) == head and len({s[2] for s in top}) == 1:
        other = next(i for i, s in enumerate(damped) if s[2] != top[0][2])
        damped.insert(head - 1, damped.pop(other))
    return [(score, item) for score, _, _, item in damped]
