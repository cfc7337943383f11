"""Which files in a transcript's folder may be its outline: names and first lines as keys.

A transcript and an outline of the same episode pair when their keys match
(:func:`names_match`, the rule in :mod:`reader.core.companions`). Every timed transcript
loaded looks at every possible outline in its folder, and the search index asks again for each
transcript it checks, so a folder's listing is kept while the folder is unchanged (a file
added, removed or renamed moves its modification time) and each file's key while the file is
unchanged (a stat instead of an open, a read and the regular expressions); loading a
transcript trusts them for a second without the stats (:func:`outline_keys`).
"""

from __future__ import annotations

import os
import re
import stat
import time
from dataclasses import dataclass
from pathlib import Path

from reader.core.library import is_app_file

_OUTLINE_SUFFIXES = (".txt", ".text", ".md", ".json")
# Words that say what kind of file it is, not which episode.
_NOT_NAMES = frozenset({
    "the", "and", "with", "from", "chapters", "chapter", "outline", "transcript", "transcripts",
    "captions", "subtitles", "whisper", "large", "medium", "small", "base", "tiny",
    "autocaption", "episode", "podcast", "show", "notes", "json", "vtt", "srt", "txt", "html",
})
_EPISODE = re.compile(r"(?:#\s*|\bep(?:isode)?[\s.-]*)(\d{1,4})\b", re.IGNORECASE)
_NUMBER = re.compile(r"(?<![\d.:])\d{1,4}(?![\d:])")
_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./]\d{1,2}[./]\d{2,4}")
_HEAD_BYTES = 400  # enough for a title line or a chapters file's "title" field
_WORD = re.compile(r"[^\W\d_]{3,}")

Key = tuple[frozenset[int], frozenset[str]]
# Kept while the file (or folder) is unchanged: every timed transcript loaded from a folder of
# 300 looks at the other 299; the search index asks again for each transcript it checks.
_KEYS: dict[tuple[str, int, int], Key] = {}
_KEYS_KEPT = 20_000
_LISTINGS_KEPT = 256
# A file or folder changed this recently may change again within the same tick of the file
# system's clock without its stamp moving: what was read of it is not kept.
RACY_NS = 2 * 10**9


def _may_be_outline(path: Path, name: str) -> bool:
    return (name != path.name and not name.startswith(".") and not is_app_file(name)
            and name.lower().endswith(_OUTLINE_SUFFIXES))


@dataclass(frozen=True, slots=True)
class FolderListing:
    """A folder's file names, sorted, and those that may be outlines (in order and as a set)."""

    mtime_ns: int
    listed_ns: int
    names: tuple[str, ...]
    outline_names: tuple[str, ...]
    outlines: frozenset[str]


_LISTINGS: dict[str, FolderListing] = {}


def folder_listing(folder: Path) -> FolderListing | None:
    """The folder's names, listed again only when the folder changed (a file added, removed or
    renamed moves its modification time); None when it cannot be listed."""
    where = os.fspath(folder)
    try:
        mtime_ns = os.stat(where).st_mtime_ns
    except OSError:
        return None
    known = _LISTINGS.get(where)
    if (known is not None and known.mtime_ns == mtime_ns
            and known.listed_ns - mtime_ns > RACY_NS):
        return known
    listed_ns = time.time_ns()
    try:
        names = tuple(sorted(os.listdir(where)))
    except OSError:
        return None
    outline_names = tuple(name for name in names if _may_be_outline(Path(), name))
    listing = FolderListing(mtime_ns, listed_ns, names, outline_names, frozenset(outline_names))
    if len(_LISTINGS) >= _LISTINGS_KEPT:
        _LISTINGS.clear()
    _LISTINGS[where] = listing
    return listing


def name_key(path: Path, title: str = "") -> tuple[frozenset[int], frozenset[str]]:
    """(episode numbers, words) of a file name and a title. Episode numbers are written
    ``#94``, ``ep 94``, ``episode_094`` or stand alone (``lex-fridman-094-ilya``); dates and
    years are not episode numbers."""
    text = _DATE.sub(" ", f"{path.stem} {title}".replace("_", " "))
    explicit = {int(n) for n in _EPISODE.findall(text)}
    bare = {int(n) for n in _NUMBER.findall(text) if not 1900 <= int(n) <= 2099}
    words = {w.casefold() for w in _WORD.findall(text)} - _NOT_NAMES
    return frozenset(explicit | bare), frozenset(words)


def _candidate_key(path: Path) -> Key:
    """A possible outline's key from its name and first line (see :func:`outline_key`)."""
    return outline_key(os.fspath(path.parent), path.name, time.time_ns())


def outline_key(folder: str, name: str, now_ns: int) -> Key:
    """The key of a possible outline ``name`` in ``folder`` from its name and first line."""
    return keyed_outline(folder, name, now_ns)[0]


def keyed_outline(folder: str, name: str, now_ns: int) -> tuple[Key, tuple[int, int] | None]:
    """A possible outline's key and (size, modification time) (None: it is gone). The key
    is kept while the file is unchanged: a stat instead of an open, a read and the regular
    expressions."""
    where = os.path.join(folder, name)
    try:
        info = os.stat(where)
    except OSError:
        return (frozenset(), frozenset()), None
    stamp = (where, info.st_size, info.st_mtime_ns)
    key = _KEYS.get(stamp)
    if key is None:
        path = Path(where)
        key = name_key(path, _first_line(path))
        if now_ns - info.st_mtime_ns > RACY_NS:
            if len(_KEYS) >= _KEYS_KEPT:
                _KEYS.clear()
            _KEYS[stamp] = key
    return key, (info.st_size, info.st_mtime_ns)


@dataclass(frozen=True, slots=True)
class OutlineKeys:
    """The keys of a folder's possible outlines, and their (size, modification time)."""

    listing: FolderListing
    verified_ns: int
    keys: dict[str, Key]
    stats: dict[str, tuple[int, int] | None]


_FOLDER_KEYS: dict[str, OutlineKeys] = {}
# Loading a transcript trusts the keys of its folder's files for this long without a stat of
# each (ten microseconds each, a few hundred per transcript in a large folder); the change
# detectors (companion_stamp, the search index's CompanionStamps) always look, and what they
# find is what the next load uses.
RECHECK_NS = 10**9


def outline_keys(folder: Path, exact: bool = False) -> OutlineKeys | None:
    """The keys of the possible outlines in ``folder`` (None: it cannot be listed), each
    file looked at again (``exact``, or when last looked at over :data:`RECHECK_NS` ago)."""
    listing = folder_listing(folder)
    if listing is None:
        return None
    where, now = os.fspath(folder), time.time_ns()
    known = _FOLDER_KEYS.get(where)
    if (not exact and known is not None and known.listing is listing
            and now - known.verified_ns < RECHECK_NS):
        return known
    keys: dict[str, Key] = {}
    stats: dict[str, tuple[int, int] | None] = {}
    for name in listing.outline_names:
        keys[name], stats[name] = keyed_outline(where, name, now)
    if len(_FOLDER_KEYS) >= _LISTINGS_KEPT:
        _FOLDER_KEYS.clear()
    known = _FOLDER_KEYS[where] = OutlineKeys(listing, now, keys, stats)
    return known


def _first_line(path: Path) -> str:
    """The title line of an outline (or the start of a chapters file), read cheaply."""
    head = read_head(path, _HEAD_BYTES)
    return head.decode("utf-8", "replace").lstrip("\ufeff").split("\n", 1)[0]


def read_head(path: Path, limit: int) -> bytes:
    """Up to ``limit`` bytes of a regular file; nothing for anything else. A FIFO or a device
    beside a transcript must never block or flood the load of its neighbour, so the file is
    opened without blocking and checked before it is read."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return b""
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            return b""
        return os.read(descriptor, limit)
    except OSError:
        return b""
    finally:
        os.close(descriptor)


def names_match(first: tuple[frozenset[int], frozenset[str]],
                second: tuple[frozenset[int], frozenset[str]]) -> bool:
    """Same episode number and a word in common, or no numbers and three words in common."""
    (numbers_a, words_a), (numbers_b, words_b) = first, second
    shared_words = len(words_a & words_b)
    if numbers_a and numbers_b:
        return bool(numbers_a & numbers_b) and shared_words >= 1
    return shared_words >= 3
