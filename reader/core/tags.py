"""Tags as the user types them: ``#method, open-question  ethics`` -> a clean list.

A tag is one word: commas and whitespace separate tags, a leading ``#`` is dropped (people
write tags the way they do elsewhere), and a tag given twice (in any letter case) is kept once,
where it first appeared. A tag that is already in use elsewhere keeps the spelling it has there,
so ``ai`` typed today files under the ``AI`` used last week instead of starting a new tag.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_SEPARATORS = re.compile(r"[,\s]+")


def clean_tag(raw: str) -> str:
    """One tag without surrounding space or leading ``#`` marks ('' if nothing is left); a
    run of whitespace inside (a newline from a script, a tab) becomes one space, so a tag is
    always one line."""
    return " ".join(raw.split()).lstrip("#").strip()


def normalise_tags(tags: Iterable[str], known_tags: Iterable[str] = ()) -> list[str]:
    """``tags`` cleaned, empty ones dropped, repeats (ignoring case) removed, order kept.

    Tags are not split further: this is also what runs on tags read from a sidecar, where a
    tag written by another tool may hold a space.
    """
    spelling: dict[str, str] = {}
    for known in known_tags:
        tag = clean_tag(known)
        if tag:
            spelling.setdefault(tag.casefold(), tag)
    result: list[str] = []
    seen: set[str] = set()
    for raw in tags:
        tag = clean_tag(raw)
        key = tag.casefold()
        if not tag or key in seen:
            continue
        seen.add(key)
        result.append(spelling.get(key, tag))
    return result


def parse_tags(text: str, known_tags: Iterable[str] = ()) -> list[str]:
    """The tags in a comma- or space-separated field, normalised (see ``normalise_tags``)."""
    return normalise_tags(_SEPARATORS.split(text), known_tags)


def format_tags(tags: Iterable[str]) -> str:
    """Tags as the tags field shows them; ``parse_tags`` reads it back."""
    return ", ".join(tags)
