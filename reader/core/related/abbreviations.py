"""Abbreviations the library uses: "RL" in one transcript, "reinforcement learning" in another.

Learned from the passages themselves, no word list: an **acronym** is a word of two to six
capital letters (a plural or possessive ``s`` aside: "GANs", "RL's") written so at least
:data:`MIN_COUNT` times; a **long form** of it is a run of consecutive words (common words
skipped, as the index skips them) whose first letters spell it, anywhere in the library
(co-occurrence across transcripts is the point: the Lex Fridman outline says "RL", Eye on AI
"reinforcement learning"). Initials spell short acronyms all the time by chance ("so think" is
no "ST"), so a long form is kept only when a text defines it ("reinforcement learning (RL)",
"RL (reinforcement learning)") or when it is a fixed phrase: seen at least :data:`MIN_COUNT`
times, and its rarest word occurs inside the phrase at least :data:`BOUND` of the times it
occurs at all ("reinforcement" is nearly always followed by "learning"; "about" is rarely
followed by "like"), and either seen in a transcript that also writes the acronym, or
:data:`CROSS_COUNT` times or more. At most :data:`MAX_LONG_FORMS` per acronym, and at most
:data:`MAX_TEXTS` passages are read (evenly spread), so a big library costs a bounded time.

Long forms and acronyms are kept as indexed terms (folded, stemmed), so they can be searched.
"""

from __future__ import annotations

import json
import os
import re
import threading
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

from reader.core.search.text import WORD_RE, fold

ACRONYM_RE = re.compile(r"\b([A-Z]{2,6})(?:s|['’]s)?\b")
MIN_COUNT = 2
BOUND = 0.5
MAX_LONG_FORMS = 2
CROSS_COUNT = 5  # a fixed phrase seen this often may stand for an acronym used elsewhere
MAX_TEXTS = 10_000
FORMAT = 2  # of the cache file


TermOf = Callable[[str], "str | None"]


class Abbreviations:
    def __init__(self, long_forms: dict[str, list[tuple[str, ...]]] | None = None,
                 written: dict[tuple[str, ...], str] | None = None) -> None:
        # acronym term -> its long forms (as terms), commonest first
        self.long_forms = long_forms or {}
        # long form -> how it is commonly written, folded ("reinforcement learning")
        self.written = written or {}
        self._acronym_of = {form: acronym for acronym, forms in self.long_forms.items()
                            for form in forms}
        self._longest = max((len(form) for form in self._acronym_of), default=0)

    def expand(self, term: str) -> list[tuple[str, ...]]:
        """The long forms of acronym ``term`` (``rl`` -> ``[("reinforc", "learn")]``)."""
        return self.long_forms.get(term, [])

    def words_of(self, form: tuple[str, ...]) -> tuple[str, ...]:
        """The long form's words as commonly written (its terms when not known)."""
        words = tuple(self.written.get(form, "").split())
        return words if len(words) == len(form) else form

    def acronyms_in(self, terms: list[str]) -> list[tuple[str, tuple[str, ...]]]:
        """(acronym, long form) for every long form that occurs in ``terms`` (in order)."""
        found = []
        for at in range(len(terms)):
            for size in range(2, min(self._longest, len(terms) - at) + 1):
                form = tuple(terms[at:at + size])
                acronym = self._acronym_of.get(form)
                if acronym is not None:
                    found.append((acronym, form))
        return found

    # --- a cache beside the index ----------------------------------------------------

    def save(self, path: Path, stamp: str) -> None:
        data = {"format": FORMAT, "stamp": stamp,
                "long_forms": {k: [list(f) for f in v] for k, v in self.long_forms.items()},
                "written": [[list(form), words] for form, words in self.written.items()]}
        # The build process and a window's query may both save it: each its own temporary.
        temporary = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        temporary.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
        temporary.replace(path)

    @classmethod
    def load(cls, path: Path, stamp: str) -> Abbreviations | None:
        """The saved table when it was learned from the index as it is (``stamp``)."""
        saved = cls.read(path)
        return saved[0] if saved is not None and saved[1] == stamp else None

    @classmethod
    def read(cls, path: Path) -> tuple[Abbreviations, str] | None:
        """The saved table and the stamp of the index it was learned from."""
        try:
            data = json.loads(path.read_text("utf-8"))
            if data.get("format") != FORMAT:
                return None
            return cls({str(k): [tuple(str(t) for t in form) for form in forms]
                        for k, forms in dict(data["long_forms"]).items()},
                       {tuple(str(t) for t in form): str(words)
                        for form, words in data["written"]}), str(data["stamp"])
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None  # a cache: learn it again


def learn(texts: Iterable[tuple[str, str]], term_of: TermOf, limit: int = MAX_TEXTS
          ) -> Abbreviations:
    """The abbreviations ``texts`` use: (transcript, text) pairs, each text seen once however
    often it repeats; at most ``limit`` texts, taken evenly from all of them, so a big library
    costs a bounded time."""
    unique = list(dict(((text, group) for group, text in texts)).items())
    if len(unique) > limit:
        step = len(unique) / limit
        unique = [unique[int(i * step)] for i in range(limit)]
    used: Counter[str] = Counter()  # initials -> times written in capitals
    used_in: dict[str, set[str]] = {}  # initials -> transcripts writing it
    terms: dict[str, str] = {}  # initials -> acronym term
    for text, group in unique:
        for match in ACRONYM_RE.finditer(text):
            word = match.group(1)
            term = term_of(word)
            if term is not None:
                used[word.lower()] += 1
                used_in.setdefault(word.lower(), set()).add(group)
                terms.setdefault(word.lower(), term)
    acronyms = {initials: terms[initials] for initials, n in used.items() if n >= MIN_COUNT}
    if not acronyms:
        return Abbreviations()
    # Every place where the initials of consecutive words spell an acronym, found by the regex
    # engine in one pass over a text's initials (overlapping matches, longest first).
    spell = re.compile("(?=(" + "|".join(sorted(acronyms, key=len, reverse=True)) + "))")
    counts: dict[str, Counter[tuple[str, ...]]] = {}
    defined: set[tuple[str, ...]] = set()
    spellings: dict[tuple[str, ...], Counter[str]] = {}
    frequency: Counter[str] = Counter()  # every content term
    groups: dict[tuple[str, ...], set[str]] = {}  # long form -> transcripts holding it
    for text, group in unique:
        for form in _count_long_forms(text, term_of, acronyms, spell, counts, defined,
                                      spellings, frequency):
            groups.setdefault(form, set()).add(group)
    initials_of = {term: initials for initials, term in acronyms.items()}
    table: dict[str, list[tuple[str, ...]]] = {}
    for acronym, found in counts.items():
        beside = used_in[initials_of[acronym]]
        kept = [form for form, count in found.most_common()
                if form in defined or (count >= BOUND * min(frequency[t] for t in form) and (
                    count >= CROSS_COUNT or (count >= MIN_COUNT and groups[form] & beside)))]
        if kept:
            table[acronym] = kept[:MAX_LONG_FORMS]
    written = {form: spellings[form].most_common(1)[0][0]
               for forms in table.values() for form in forms}
    return Abbreviations(table, written)


def _count_long_forms(text: str, term_of: TermOf, acronyms: dict[str, str],
                      spell: re.Pattern[str], counts: dict[str, Counter[tuple[str, ...]]],
                      defined: set[tuple[str, ...]],
                      spellings: dict[tuple[str, ...], Counter[str]],
                      frequency: Counter[str]) -> list[tuple[str, ...]]:
    """Count the long forms in ``text``; the ones found."""
    words: list[tuple[str, str, int, int]] = []  # (word, term, start, end) of content words
    for match in WORD_RE.finditer(text):
        word = match.group()
        term = term_of(word)
        if term is not None and not word.isupper():  # an acronym is no part of a long form
            words.append((word, term, match.start(), match.end()))
    frequency.update(w[1] for w in words)
    found: list[tuple[str, ...]] = []
    if len(words) < 2:
        return found
    initials = "".join(w[0][0].lower() for w in words)
    for match in spell.finditer(initials):
        at, size = match.start(), len(match.group(1))
        form = tuple(w[1] for w in words[at:at + size])
        if len(set(form)) < size:
            continue
        acronym = acronyms[match.group(1)]
        counts.setdefault(acronym, Counter())[form] += 1
        if _defines(text, words[at][2], words[at + size - 1][3], match.group(1)):
            defined.add(form)
        spellings.setdefault(form, Counter())[
            " ".join(fold(w[0]) for w in words[at:at + size])] += 1
        found.append(form)
    return found


def _defines(text: str, start: int, end: int, initials: str) -> bool:
    """"long form (LF)" or "LF (long form)" around text[start:end]."""
    after = text[end:end + len(initials) + 4].lstrip()
    before = text[max(0, start - len(initials) - 4):start].rstrip()
    acronym = initials.upper()
    return after.startswith(f"({acronym}") or (before.endswith("(")
                                              and before[:-1].rstrip().endswith(acronym))
