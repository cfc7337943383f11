"""Files of the library that are the same episode as a transcript: its companion and back.

A timed transcript read beside an outline of its episode (:mod:`reader.core.companions`: the
file a ``<name>.pairing`` names, or the outline that matches its name) shows that outline's
chapter headings and summaries; both files are in the library, and each would be the other's
best "related passage" though it is the same conversation. So a related query leaves out the
query transcript's companion, and the transcripts whose companion the query transcript is.

The first is looked up once per version of the transcript's text (pairing changes the text).
The second is asked of each candidate transcript, so it must be cheap: only a timed transcript
(one the index gave a companion stamp) can have a companion, its pairing file is one small
read, and the folder is searched for its companion only when the query file's name or first
line could match it; the answer is kept until the candidate's companion stamp changes.
"""

from __future__ import annotations

from pathlib import Path

from reader.core.companions import _candidate_key, find_companion, name_key, names_match
from reader.core.companions import read_choice as chosen_companion
from reader.core.store import resolve

KEPT = 20_000  # companions remembered (a path each)


class SameEpisode:
    def __init__(self) -> None:
        self._companions: dict[tuple[str, str], Path | None] = {}

    def companion(self, path: Path, title: str, stamp: str) -> Path | None:
        """``path``'s companion (resolved), remembered while ``stamp`` says it is unchanged."""
        key = (str(path), stamp)
        if key not in self._companions:
            if len(self._companions) >= KEPT:
                self._companions.clear()
            try:
                found = find_companion(path, None, title)
            except OSError:
                found = None
            self._companions[key] = resolve(found.path) if found is not None else None
        return self._companions[key]

    def is_companion_of(self, path: Path, candidate: Path, title: str, stamp: str) -> bool:
        """Is ``path`` (resolved) the companion of transcript ``candidate``? ``title`` is the
        candidate's, ``stamp`` its companion stamp in the index ("" for one that cannot have
        a companion: not a timed transcript)."""
        if not stamp:
            return False
        chosen = chosen_companion(candidate)
        if chosen is not None:  # the user's choice (the candidate itself: none)
            return resolve(chosen) == path
        if not names_match(name_key(candidate, title), _candidate_key(path)) \
                and not path.name.startswith(candidate.stem):  # a chapters file named after it
            return False
        return self.companion(candidate, title, stamp) == path
