"""Which companion files each timed transcript of a library has now, cheaply for thousands.

A companion chapters file or outline beside a timed transcript gives it its chapters
(:mod:`reader.core.companions`), so the index must notice one appearing, changing or going,
or a pairing choice being made, though the transcript's own bytes did not change. The stamp
is that of :func:`reader.core.companions.companion_stamp` (the pairing file, the chapters
files named after the transcript, the outlines whose name or first line matches it, each
with its size and modification time), hashed short. ``companion_stamp`` lists the folder and
looks at every file in it for each transcript: in a folder of 1,000 transcripts that is 50 ms
each, a minute for an update that finds nothing to do. Here each folder is listed, and each
possible outline looked at, once per update; a transcript then only compares its name with
the outlines that can match it: those sharing an episode number, or three words.

Most updates need not even that (:meth:`CompanionStamps.moved`): a transcript's record names
the files its stamp was made of, and the update knows which of the library's files were
added, changed or removed (their records say how they were). Only when one of those, or a
file beside them that is not in the library (a pairing file, a chapters file), is one of the
transcript's files or now matches its name is its stamp made again.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

# The same tests as companion_stamp, so both stamps change on the same files.
from reader.core.companion_names import (
    folder_listing,
    name_key,
    names_match,
    outline_key,
    outline_keys,
)
from reader.core.companions import CHAPTERS_SUFFIX, PAIRING_SUFFIX, chapters_given, read_choice

Key = tuple[frozenset[int], frozenset[str]]


@dataclass(slots=True)
class _Folder:
    where: str
    names: set[str]
    outlines: dict[str, Key] = field(default_factory=dict)  # possible outlines' name keys
    by_number: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))
    by_word: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    unnumbered_by_word: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    stats: dict[str, tuple[int, int] | None] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class _Suspects:
    """A folder's files that may have changed since the last update: their names; the keys
    and words of those there now."""

    names: frozenset[str]
    present: frozenset[str]
    keys: tuple[Key, ...]
    words: frozenset[str]


class CompanionStamps:
    """``library``: by folder, the names of the library's files in it; ``changed``: of those,
    the ones added, changed or removed since the last update (None: not known, every stamp
    is made again)."""

    def __init__(self, library: dict[Path, set[str]] | None = None,
                 changed: dict[Path, set[str]] | None = None) -> None:
        self._folders: dict[Path, _Folder] = {}
        self._given: dict[tuple[Path, str], str] = {}
        self._library, self._changed = library, changed
        self._suspects: dict[Path, _Suspects] = {}

    def moved(self, path: Path, stamp: str, files: tuple[str, ...] | None) -> bool:
        """Has ``path``'s stamp moved from ``stamp``, made of ``files`` (None: not known)?"""
        if files is not None and not self._may_have_moved(path, files):
            return False
        return self.stamp(path) != stamp

    def _may_have_moved(self, path: Path, files: tuple[str, ...]) -> bool:
        suspects = self._suspected(path.parent)
        if suspects is None:
            return True
        own = path.name
        if (any(name in suspects.names or name not in suspects.present for name in files)
                or {own + PAIRING_SUFFIX, path.stem + CHAPTERS_SUFFIX,
                    own + CHAPTERS_SUFFIX} & suspects.names):
            return True
        # names_match needs a word in common, and each of the name's words is in it.
        folded = own.casefold()
        if not any(word in folded for word in suspects.words):
            return False
        key = name_key(path)
        return any(names_match(key, other) for other in suspects.keys)

    def _suspected(self, folder: Path) -> _Suspects | None:
        if self._library is None or self._changed is None:
            return None
        suspects = self._suspects.get(folder)
        if suspects is None:
            listing = folder_listing(folder)
            if listing is None:
                return None
            library = self._library.get(folder, set())
            names = set(self._changed.get(folder, ())) | {
                name for name in listing.names
                if (name in listing.outlines and name not in library)
                or name.endswith(PAIRING_SUFFIX)}
            where, now = os.fspath(folder), time.time_ns()
            keys = tuple(outline_key(where, name, now) for name in sorted(names)
                         if name in listing.outlines)
            suspects = self._suspects[folder] = _Suspects(
                frozenset(names), frozenset(listing.names), keys,
                frozenset(word for _, words in keys for word in words))
        return suspects

    def chapters_given(self, path: Path, title: str) -> str:
        """What ``path``'s companion gives it (:func:`reader.core.companions.chapters_given`),
        asked once per update."""
        given = self._given.get((path, title))
        if given is None:
            folder, key = self._folder(path.parent), name_key(path, title)
            nearby = sorted(self._nearby(folder, key) - {path.name})
            given = self._given[path, title] = chapters_given(path, title, nearby)
        return given

    def stamp(self, path: Path) -> str:
        """Changes when ``path``'s companion may have changed (see the module docstring)."""
        return self.stamp_and_files(path)[0]

    def stamp_and_files(self, path: Path) -> tuple[str, tuple[str, ...]]:
        """The stamp, and the names of the files it is made of."""
        folder = self._folder(path.parent)
        own = path.name
        watched = {own + PAIRING_SUFFIX, path.stem + CHAPTERS_SUFFIX,
                   own + CHAPTERS_SUFFIX} & folder.names
        if own + PAIRING_SUFFIX in watched:
            # An outline the user picked may have any name: it is watched as the pairing
            # names it, so editing or removing it re-reads the transcript too.
            chosen = read_choice(path)
            if chosen is not None and chosen != path and chosen.name in folder.names:
                watched.add(chosen.name)
        key = name_key(path)
        outlines = folder.outlines
        watched |= {name for name in self._nearby(folder, key)
                    if name != own and names_match(key, outlines[name])}
        stamps = []
        for name in sorted(watched):
            info = self._stat(folder, name)
            if info is not None:
                stamps.append((name, *info))
        digest = hashlib.sha256(repr(tuple(stamps)).encode("utf-8", "surrogatepass"))
        return digest.hexdigest()[:16], tuple(sorted(watched))

    @staticmethod
    def _nearby(folder: _Folder, key: Key) -> set[str]:
        """The outlines that may match ``key`` (names_match: when both name episodes, one of
        them in common; otherwise three words in common)."""
        numbers, words = key
        nearby = {name for number in numbers for name in folder.by_number.get(number, ())}
        pool = folder.unnumbered_by_word if numbers else folder.by_word
        shared = Counter(name for word in words for name in pool.get(word, ()))
        return nearby | {name for name, count in shared.items() if count >= 3}

    def _folder(self, path: Path) -> _Folder:
        folder = self._folders.get(path)
        if folder is None:
            outlines = outline_keys(path, exact=True)  # a stat of each: see the docstring
            if outlines is None:
                folder = self._folders[path] = _Folder(os.fspath(path), set())
                return folder
            folder = self._folders[path] = _Folder(os.fspath(path), set(outlines.listing.names))
            folder.stats.update(outlines.stats)
            for name, key in outlines.keys.items():
                numbers, words = folder.outlines[name] = key
                for number in numbers:
                    folder.by_number[number].append(name)
                for word in words:
                    folder.by_word[word].append(name)
                    if not numbers:
                        folder.unnumbered_by_word[word].append(name)
        return folder

    @staticmethod
    def _stat(folder: _Folder, name: str) -> tuple[int, int] | None:
        if name not in folder.stats:
            try:
                info = os.stat(os.path.join(folder.where, name))
                folder.stats[name] = (info.st_size, info.st_mtime_ns)
            except OSError:
                folder.stats[name] = None
        return folder.stats[name]
