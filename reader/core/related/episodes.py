"""Files of the library that are the same episode as a transcript: its companion and back.

A timed transcript read beside an outline of its episode (:mod:`reader.core.companions`: the
file a ``<name>.pairing`` names, or the outline that matches its name) shows that outline's
chapter headings and summaries; both files are in the library, and each would be the other's
best "related passage" though it is the same conversation. So a related query leaves out the
query transcript's companion, and the transcripts whose companion the query transcript is.

Asked of every candidate transcript of every query, so it must be cheap: only a timed
transcript can have a companion; its pairing file is one small read; and the folder is
searched for a companion (a listing and a look at every possible outline: tens of milliseconds
in a folder of a thousand) only when the two files' names and titles could match. The answers
are kept until the transcript's text (for the query) or its companion stamp in the index (for
a candidate: it covers the pairing file and the matching outlines) changes.
"""

from __future__ import annotations

import os
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

from reader.core.companions import (
    CHAPTERS_SUFFIX,
    _candidate_key,
    _may_be_outline,
    is_outline,
    name_key,
    names_match,
    pairing_path,
)
from reader.core.companions import read_choice as chosen_companion
from reader.core.store import resolve

KEPT = 20_000  # answers remembered
NameKey = tuple[frozenset[int], frozenset[str]]


@dataclass(frozen=True, slots=True)
class Side:
    """One of the two files: its resolved path, title, and what says it changed ("" for a
    file that cannot have a companion: not a timed transcript)."""

    path: Path
    title: str
    stamp: str


class SameEpisode:
    def __init__(self) -> None:
        self._companions: dict[tuple[Path, str], Path | None] = {}
        self._chosen: dict[tuple[Path, str], Path | None] = {}
        self._keys: dict[tuple[Path, str], NameKey] = {}
        self._folders: dict[Path, tuple[int, _Outlines]] = {}
        self._outlines: dict[tuple[Path, int, int], bool] = {}

    def same(self, query: Side, candidate: Side) -> bool:
        """Is either file the other's companion, or are both read beside one outline (two
        transcripts of one episode, e.g. Whisper's large and small models)?"""
        if self._is_companion(candidate, query) or self._is_companion(query, candidate):
            return True
        shared = self._companion_of(query)
        return shared is not None and self._is_companion(
            Side(shared, "", ""), candidate, _candidate_key(shared))

    def _companion_of(self, of: Side) -> Path | None:
        """The companion ``of`` is read beside, if any (the user's choice first)."""
        if not of.stamp:
            return None
        chosen = self._remembered(self._chosen, of, lambda: chosen_companion(of.path))
        if chosen is not None:
            return None if chosen == of.path else chosen
        return self._remembered(self._companions, of, lambda: self._companion(of))

    def _is_companion(self, side: Side, of: Side, side_key: NameKey | None = None) -> bool:
        """Is ``side``'s file the companion of ``of``? (``side_key``: its name key, when
        known better than from ``side``'s title.)"""
        if not of.stamp:
            return False
        chosen = self._remembered(self._chosen, of, lambda: chosen_companion(of.path))
        if chosen is not None:  # the user's choice (the file itself: none)
            return chosen == side.path
        if not side.path.name.startswith(of.path.stem) \
                and not names_match(self._key(of), side_key or self._key(side)):
            return False  # neither a chapters file named after it nor a matching outline
        return self._remembered(self._companions, of, lambda: self._companion(of)) == side.path

    def _key(self, side: Side) -> NameKey:
        """Episode numbers and words of the file's name and title (an outline's title is its
        first line, which is what the companion rule compares)."""
        key = (side.path, side.title)
        found = self._keys.get(key)
        if found is None:
            if len(self._keys) >= KEPT:
                self._keys.clear()
            found = self._keys[key] = name_key(side.path, side.title)
        return found

    def _companion(self, of: Side) -> Path | None:
        """``companions.find_companion``'s answer (its rule, step by step), with the folder's
        possible outlines and their name keys listed once while the folder is unchanged:
        the benchmark library holds a thousand files in one folder, and many of its
        transcripts share an episode's name."""
        path = of.path
        if pairing_path(path).exists():  # a pairing file that names no usable file: none
            return None
        for name in (path.stem + CHAPTERS_SUFFIX, path.name + CHAPTERS_SUFFIX):
            if (path.parent / name).is_file():
                return path.parent / name
        key = name_key(path, of.title)
        try:
            outlines = [folder_file for name, folder_file, outline_key in
                        self._possible_outlines(path).matching(key)
                        if name != path.name and names_match(key, outline_key)]
            found = [outline for outline in outlines if self._is_outline(outline)]
        except OSError:
            return None
        return found[0] if len(found) == 1 else None

    def _possible_outlines(self, path: Path) -> _Outlines:
        """The files beside ``path`` that may be an outline."""
        folder = path.parent
        stamp = folder.stat().st_mtime_ns
        listed = self._folders.get(folder)
        if listed is None or listed[0] != stamp:
            if len(self._folders) >= KEPT:
                self._folders.clear()
            files = [(name, folder / name) for name in sorted(os.listdir(folder))
                     if _may_be_outline(folder, name)]
            listed = self._folders[folder] = (stamp, _Outlines(
                [(name, file, _candidate_key(file)) for name, file in files]))
        return listed[1]

    def _is_outline(self, file: Path) -> bool:
        info = file.stat()
        key = (file, info.st_mtime_ns, info.st_size)
        if key not in self._outlines:
            if len(self._outlines) >= KEPT:
                self._outlines.clear()
            self._outlines[key] = is_outline(file)
        return self._outlines[key]

    @staticmethod
    def _remembered(memory: dict[tuple[Path, str], Path | None], of: Side,
                    find: Callable[[], Path | None]) -> Path | None:
        key = (of.path, of.stamp)
        if key not in memory:
            if len(memory) >= KEPT:
                memory.clear()
            found = find()
            memory[key] = resolve(found) if found is not None else None
        return memory[key]




class _Outlines:
    """A folder's possible outlines (name, path, name key), found by the words and episode
    numbers of their name keys: :func:`names_match` wants a shared episode number (when both
    have numbers) or three shared words, so only the outlines with a number of ``key`` or with
    three of its words need asking. A folder of a thousand transcripts holds hundreds of
    possible outlines, and asking each cost milliseconds a candidate."""

    def __init__(self, files: list[tuple[str, Path, NameKey]]) -> None:
        self.files = files
        self._by_number: dict[int, list[int]] = defaultdict(list)
        self._by_word: dict[str, list[int]] = defaultdict(list)
        for at, (_, _, (numbers, words)) in enumerate(files):
            for number in numbers:
                self._by_number[number].append(at)
            for word in words:
                self._by_word[word].append(at)

    def matching(self, key: NameKey) -> list[tuple[str, Path, NameKey]]:
        """The files that may match ``key`` (a few more than match), in the folder's order."""
        numbers, words = key
        shared = Counter(chain.from_iterable(self._by_word.get(w, ()) for w in words))
        found = {at for at, count in shared.items() if count >= 3}
        for number in numbers:
            found.update(self._by_number.get(number, ()))
        return [self.files[at] for at in sorted(found)]
