"""A chapter of the user's own, as the sidecar keeps it: what the annotations and the search
index need to know of the outline, without loading the automatic sections."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class UserChapter:
    """A chapter the user made: where it starts (a display-text offset) and its title."""

    id: str
    title: str
    start: int
