"""Abbreviations the library uses: "RL" in one transcript, "reinforcement learning" in another.

Learned from the passages themselves, no word list: an **acronym** is a word of two to six
capital letters (a plural or possessive ``s`` aside: "GANs", "RL's"); a **long form** of it is
a run of consecutive words (common words skipped, as the index skips them) whose first letters
spell it. A long form counts each time it occurs anywhere in the library (co-occurrence across
transcripts is the point: the Lex Fridman outline says "RL", Eye on AI "reinforcement
learning"), and three times more when the text defines it ("reinforcement learning (RL)",
"RL (reinforcement learning)"). A long form is kept when it occurs at least
:data:`MIN_COUNT` times and at least :data:`SHARE` as often as the acronym's commonest one;
at most :data:`MAX_LONG_FORMS` per acronym.

Long forms and acronyms are kept as indexed terms (folded, stemmed), so they can be searched.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

from reader.core.search.text import WORD_RE, fold

ACRONYM_RE = re.compile(r"\b([A-Z]{2,6})(?:s|['’]s)?\b")
MIN_COUNT = 2
SHARE = 0.3
MAX_LONG_FORMS = 2
DEFINITION_BONUS = 3
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
        temporary = path.with_name(f".{path.name}.tmp")
        temporary.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
        temporary.replace(path)

    @classmethod
    def load(cls, path: Path, stamp: str) -> Abbreviations | None:
        """The saved table when it was learned from the index as it is (``stamp``)."""
        try:
            data = json.loads(path.read_text("utf-8"))
            if data.get("format") != FORMAT or data.get("stamp") != stamp:
                return None
            return cls({str(k): [tuple(str(t) for t in form) for form in forms]
                        for k, forms in dict(data["long_forms"]).items()},
                       {tuple(str(t) for t in form): str(words)
                        for form, words in data["written"]})
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None  # a cache: learn it again


def learn(texts: Iterable[str], term_of: TermOf) -> Abbreviations:
    """The abbreviations ``texts`` use (each text seen once, however often it repeats)."""
    unique = list(dict.fromkeys(texts))
    acronyms: dict[str, str] = {}  # initials -> acronym term
    for text in unique:
        for match in ACRONYM_RE.finditer(text):
            word = match.group(1)
            term = term_of(word)
            if term is not None:
                acronyms.setdefault(word.lower(), term)
    if not acronyms:
        return Abbreviations()
    sizes = sorted({len(initials) for initials in acronyms})
    counts: dict[str, Counter[tuple[str, ...]]] = {}
    spellings: dict[tuple[str, ...], Counter[str]] = {}
    for text in unique:
        _count_long_forms(text, term_of, acronyms, sizes, counts, spellings)
    table: dict[str, list[tuple[str, ...]]] = {}
    for acronym, found in counts.items():
        best = found.most_common(MAX_LONG_FORMS)
        top = best[0][1]
        kept = [form for form, count in best if count >= MIN_COUNT and count >= SHARE * top]
        if kept:
            table[acronym] = kept
    written = {form: spellings[form].most_common(1)[0][0]
               for forms in table.values() for form in forms}
    return Abbreviations(table, written)


def _count_long_forms(text: str, term_of: TermOf, acronyms: dict[str, str], sizes: list[int],
                      counts: dict[str, Counter[tuple[str, ...]]],
                      spellings: dict[tuple[str, ...], Counter[str]]) -> None:
    words: list[tuple[str, str, int, int]] = []  # (word, term, start, end) of content words
    for match in WORD_RE.finditer(text):
        word = match.group()
        term = term_of(word)
        if term is not None and not word.isupper():  # an acronym is no part of a long form
            words.append((word, term, match.start(), match.end()))
    if len(words) < 2:
        return
    initials = "".join(w[0][0].lower() for w in words)
    for size in sizes:
        for at in range(len(words) - size + 1):
            acronym = acronyms.get(initials[at:at + size])
            if acronym is None:
                continue
            form = tuple(w[1] for w in words[at:at + size])
            if len(set(form)) < size:
                continue
            defined = _defines(text, words[at][2], words[at + size - 1][3],
                               initials[at:at + size])
            counts.setdefault(acronym, Counter())[form] += DEFINITION_BONUS if defined else 1
            spellings.setdefault(form, Counter())[
                " ".join(fold(w[0]) for w in words[at:at + size])] += 1


def _defines(text: str, start: int, end: int, initials: str) -> bool:
    """"long form (LF)" or "LF (long form)" around text[start:end]."""
    after = text[end:end + len(initials) + 4].lstrip()
    before = text[max(0, start - len(initials) - 4):start].rstrip()
    acronym = initials.upper()
    return after.startswith(f"({acronym}") or (before.endswith("(")
                                              and before[:-1].rstrip().endswith(acronym))
