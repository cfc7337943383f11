"""A section's topic: the phrase it repeats that the rest of its transcript says least.

"Reinforcement learning", not a list of words, and never a date, a number or a phrase every
conversation repeats ("Little bit", "Years ago"). Named here only when a section's questions
give no title (:mod:`.titles`), or for text with no questions at all.

Speed: every transcript of a search-index build is parsed with its sections, so the words of
each section are found in one regular-expression pass and counted in C (``Counter`` over
``zip``); what each distinct word counts as is worked out once, not each time it is said.
"""

from __future__ import annotations

import math
import operator
import re
from collections import Counter
from collections.abc import Iterator, Mapping
from itertools import compress, repeat
from typing import cast

from reader.core.sections.title_fit import STOP

TOPIC_WORDS = 3  # the longest topic phrase


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


_CALENDAR = _word_set("""monday tuesday wednesday thursday friday saturday sunday january february
march april may june july august september october november december today tomorrow yesterday
tonight weekend""")
_NUMBERS = _word_set("""zero two three four five six seven eight nine ten eleven twelve twenty
thirty forty fifty hundred hundreds thousand thousands million millions billion billions
first second third half""")
# Words any conversation repeats: a topic needs one word that is not among them.
_GENERIC = _word_set("""time times thing things way ways number numbers people person lot lots bit
little kind kinds sort type types part parts point points stuff something everything anything
nothing someone everyone year years day days week weeks month months hour hours minute minutes ago
next last good great different whole same sure make makes made take takes took taken taking sense
talk talking look looking start started feel work working go going come coming new old big small
long able certain course fact idea question questions answer example case place world guy guys man
today wrong real really pretty always never done""")
_POSSESSIVE = re.compile(r"['’]s$")
_SPELLED_WORD = re.compile(r"^(?:[a-z]-)+[a-z]$")
# A phrase break (found as "") or a word: no topic phrase runs across a break.
_TOKEN = re.compile(r"[.,;:?!()\[\]\"“”—–…]+|\s-\s|([A-Za-z][A-Za-z'’-]+)")
# A casefolded word: from its first letter to the end of its run of letters, ' and -, less
# the ' and - at its end ("rock'n'roll", "so-called", "don't"; "goin'" is "goin").
_FOLDED_WORD = re.compile(r"[a-z][a-z'’-]*")
_WORD_END = "'’-"

Phrase = tuple[str, ...]


def topic_title(text: str, elsewhere: Mapping[str, int]) -> str | None:
    """The phrase of two or three words, else one (none a stop word), that ``text`` repeats
    and the rest of the transcript says least (``elsewhere`` counts the words of the whole
    transcript), as "Reinforcement learning"; None if ``text`` repeats no such phrase."""
    tokens = _TOKEN.findall(text)
    keys = _topic_keys(tokens)  # None for a break or a word no topic phrase holds
    said = list(map(operator.is_not, keys, repeat(None)))
    pairs = list(map(operator.and_, said, said[1:]))
    # A phrase of two or three words says more than a word alone ("Faster processors", not
    # "Cost"); a word alone only when no phrase is repeated.
    counts: Counter[tuple[str | None, ...]] = Counter(
        compress(zip(keys, keys[1:], strict=False), pairs))
    counts.update(compress(zip(keys, keys[1:], keys[2:], strict=False),
                           map(operator.and_, pairs, said[2:])))
    candidates = _repeated_topics(counts)
    if not candidates:
        counts = Counter(compress(zip(keys), said))
        candidates = _repeated_topics(counts)
        if not candidates:
            return None

    weights: dict[str, float] = {}  # how rarely the transcript says a word

    def weight(word: str) -> float:
        if word not in weights:
            weights[word] = 1 / (1 + math.sqrt(elsewhere.get(word, 0)))
        return weights[word]

    def score(key: Phrase) -> float:
        return counts[key] * sum(weight(k) for k in key)

    best = max(candidates, key=lambda key: (score(key), key))
    start = _first_place(keys, best)
    title = " ".join(_spelled(word) for word in tokens[start : start + len(best)])
    return title[0].upper() + title[1:]


class _TopicKeys:
    """Each word as a topic phrase counts it (casefolded, without "'s"), or None for a word
    that cannot be in one: kept across calls, since every section of a transcript says most of
    the same words (a new dict, never a cleared one, once it is large: a call still working
    with the old one keeps it)."""

    LIMIT = 100_000
    known: dict[str, str | None] = {"": None}  # "": a phrase break


_NEW = "?"  # a word not yet in _TopicKeys.known (no key starts with "?")


def _topic_keys(tokens: list[str]) -> list[str | None]:
    known = _TopicKeys.known
    if len(known) > _TopicKeys.LIMIT:
        known = _TopicKeys.known = {"": None}
    keys = list(map(known.get, tokens, repeat(_NEW)))
    if _NEW not in keys:
        return keys
    for token in set(compress(tokens, map(operator.is_, keys, repeat(_NEW)))):
        key = _spelled(token).casefold()
        # "o-n dot a-i" (a spelt-out address) has no word of three letters.
        known[token] = None if (len(key.replace("-", "")) < 3 or key in STOP
                                or _SPELLED_WORD.match(key)) else key
    return list(map(known.__getitem__, tokens))


def _repeated_topics(counts: Counter[tuple[str | None, ...]]) -> list[Phrase]:
    """The phrases (none holds None) counted more than once that can name a section."""
    repeated = [cast(Phrase, key) for key, count in counts.items() if count > 1]
    return [phrase for phrase in repeated if _names_a_topic(phrase)]


def _spelled(word: str) -> str:
    return _POSSESSIVE.sub("", word).strip("'’-")


def _first_place(keys: list[str | None], phrase: Phrase) -> int:
    """Where ``phrase`` is first said (its spelling there is the title's)."""
    start = keys.index(phrase[0])
    while tuple(keys[start : start + len(phrase)]) != phrase:
        start = keys.index(phrase[0], start + 1)
    return start


def _names_a_topic(phrase: Phrase) -> bool:
    """Whether a repeated phrase can name a section: no date or number in it ("Thursday",
    "Two hours") and not only words that every conversation repeats ("Time", "Little bit",
    "Make sure", "Years ago")."""
    return (not any(w in _CALENDAR or w in _NUMBERS or w[0].isdigit() for w in phrase)
            and not all(w in _GENERIC for w in phrase))


def word_counts(text: str) -> Counter[str]:
    """Casefolded words and how often each is said (one pass in C: 1.5 MB has 300,000)."""
    counts = Counter(_FOLDED_WORD.findall(text.casefold()))
    # Cheaper than a pattern that gives back the ends: few distinct words have one.
    for word in [word for word in counts if word[-1] in _WORD_END]:
        counts[word.rstrip(_WORD_END)] += counts.pop(word)
    return counts


class TranscriptWords(Mapping[str, int]):
    """:func:`word_counts` of a whole transcript, counted when a word is first looked up: a
    transcript whose sections are all named by their questions never needs them."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._counts: Counter[str] | None = None

    def _all(self) -> Counter[str]:
        if self._counts is None:
            self._counts = word_counts(self._text)
        return self._counts

    def __getitem__(self, word: str) -> int:
        return self._all()[word]  # 0 for a word never said, as a Counter gives

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())
