"""A section's title: a short phrase from the question that opens it, or from its topic.

"Can you start just by introducing yourself, a little bit of your background?" becomes
"Introducing yourself, a little bit of your background": the asking formula ("can you",
"I wanted to ask", "do you think") and fillers are dropped, "What was the hardest part of..."
keeps its noun phrase ("The hardest part of..."), and a long question is cut to the clause that
names its topic. A section that opens with no question is named by the phrase it repeats that
the rest of the transcript says least ("Reinforcement learning"), not by a list of words.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

from reader.core.sections.turns import is_question

TITLE_WORDS = 9
CLAUSE_WORDS = 3
TITLE_CHARS = 64
TOPIC_WORDS = 3  # the longest topic phrase

# Removed from the front, again and again, in this order: fillers, then asking formulas.
_LEADING = [re.compile(p, re.IGNORECASE) for p in (
    r"^(?:and|so|but|well|okay|ok|now|yeah|yes|right|um|uh|oh|also|then|alright|all right)"
    r"\b[,.]?\s+",
    r"^(?:i|we) (?:just )?(?:want|wanted|would like|'d like|’d like) to (?:ask|know|"
    r"talk|get|start|turn|move|go back|come back|dig)(?: you)?(?: (?:about|into|to|on|with))?"
    r"[,.]?\s*(?:actually,?\s*)?",
    r"^(?:let me ask you|let's talk about|let’s talk about|let's|let’s|tell (?:us|me)|"
    r"talk (?:to us )?about|walk (?:us|me) through)\b[,]?\s*",
    r"^(?:can|could|would|will) you (?:just )?(?:start (?:just )?by |please )?"
    r"(?:tell (?:us|me)|talk (?:to us |a little(?: bit)? )?about|say (?:a little(?: bit)? )?"
    r"about|explain|describe|walk (?:us|me) through|share|give (?:us|me))?\s*"
    r"(?:a little(?: bit)?(?: (?:about|of))?)?\s*",
    r"^(?:i'm|i’m|i am) (?:curious|wondering)(?: about)?(?:,)?\s*",
    r"^(?:what|how) do you think (?:about )?",
    r"^(?:do|did|would|could|can|will|are|were|have|has|is|does) (?:you|we|they|it|that|this|"
    r"there) (?:think|believe|feel|see|expect|imagine|agree)(?: that)?\s+",
    r"^how do you (?:see|view|think about|feel about|look at|approach)\s+",
    # "What was the hardest part of...": the noun phrase is the topic.
    r"^(?:what|which)(?:'s|’s| is| was| are| were) (?=(?:the|your|a|an|some|this|that|those|"
    r"these|their|our|its) )",
    r"^(?:i guess|i mean|you know|in your view|in your opinion)[,]?\s+",
)]
_STOP_WORDS = """a about above after again all also am an and any are as at be because been
before being both but by can could did do does doing don't down during each even few for from
further get got had has have having he her here him his how i i'm if in into is it it's its
just know kind let's like lot really me more most much my no nor not now of off on once one
only or other our out over own people right said same say she should so some something sort
such than that that's the their them then there these they thing things think this those
through to too under until up us very want was way we well were what when where which while
who why will with would yeah yes you your you're going actually maybe mean okay ok gonna
there's what's can't didn't doesn't isn't i've i'd we're they're"""
_STOP = frozenset(_STOP_WORDS.split())
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")
_FOLDED_WORD = re.compile(r"[a-z](?:[a-z'’-]*[a-z])?")
# "Where do you think robots will be" -> "Where robots will be".
_ASIDE = re.compile(r"^((?:where|when|why|how|what|who|which)(?: \w+)?) (?:do|did|would) you "
                    r"(?:think|see|expect|imagine|believe|feel)(?: that)? ", re.IGNORECASE)
# Where a long phrase may end: before a clause that only adds to the topic.
_SUBORDINATE = re.compile(r"\s(?:that|which|who|when|where|because|if|so that|in order to|"
                          r"given|especially|and how|and what|and why|and whether|or)\s",
                          re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s$")
_PHRASE_BREAK = re.compile(r"[.,;:?!()\[\]\"“”—–…]+|\s-\s")
_CLAUSE = re.compile(r"\s*[,;:–—]\s+|\s+-\s+")


def question_title(sentences: Sequence[str]) -> str | None:
    """A title from the turn's question (its first sentence that asks), or None."""
    question = next((s for s in sentences if is_question(s)), None)
    if question is None:
        return None
    return _phrase(question)


def _phrase(sentence: str) -> str | None:
    text = _strip_leading(" ".join(sentence.split()).strip(" \"'“”‘’"))
    text = _ASIDE.sub(r"\1 ", text)
    text = text.rstrip(" ?!.…\"'”’")
    words = text.split()
    if len(words) < 2:
        return None
    if len(words) > TITLE_WORDS:
        # Too long: the clause that says the most ("At that time, take us back to when
        # you...": the second), cut with an ellipsis if it is still too long.
        clauses = [c.strip() for c in _CLAUSE.split(text) if len(c.split()) >= CLAUSE_WORDS]
        if clauses:
            text = _strip_leading(max(clauses, key=_content_words))
        words = text.split()
        if len(words) > TITLE_WORDS:
            text = _before_subordinate(text)
        words = text.split()
        if len(words) > TITLE_WORDS:
            text = " ".join(words[:TITLE_WORDS]).rstrip(",;:") + "…"
    if len(text) > TITLE_CHARS:
        cut = text.rfind(" ", 0, TITLE_CHARS)
        text = text[: cut if cut > 0 else TITLE_CHARS].rstrip(",;:") + "…"
    return text[0].upper() + text[1:]


def _strip_leading(text: str) -> str:
    for _ in range(4):
        before = text
        for pattern in _LEADING:
            text = pattern.sub("", text, count=1).lstrip(" ,")
        if text == before:
            break
    return text


def _before_subordinate(text: str) -> str:
    """``text`` up to a subordinate clause that starts after its fourth word, if there is one
    early enough to leave a short phrase ("The models that people use when..." -> "The
    models")."""
    for match in _SUBORDINATE.finditer(text):
        if CLAUSE_WORDS < len(text[: match.start()].split()) <= TITLE_WORDS:
            return text[: match.start()].rstrip(",;:")
    return text


def _content_words(text: str) -> int:
    return sum(1 for w in _WORD.findall(text) if w.casefold() not in _STOP)


def topic_title(text: str, elsewhere: Counter[str]) -> str | None:
    """The phrase of two or three words, else one (none a stop word), that ``text`` repeats
    and the rest of the transcript says least (``elsewhere`` counts the words of the whole
    transcript), as "Reinforcement learning"; None if ``text`` repeats no such phrase."""
    counts: Counter[tuple[str, ...]] = Counter()
    spelled: dict[tuple[str, ...], str] = {}
    for piece in _PHRASE_BREAK.split(text):
        words = [_POSSESSIVE.sub("", w).strip("'’-") for w in _WORD.findall(piece)]
        keys = [w.casefold() for w in words]
        run = 0  # content words in a row up to here, at most TOPIC_WORDS
        for end, key in enumerate(keys, 1):
            # "o-n dot a-i" (a spelt-out address) has no word of three letters.
            if len(key.replace("-", "")) < 3 or key in _STOP:
                run = 0
                continue
            run = min(run + 1, TOPIC_WORDS)
            for length in range(1, run + 1):
                phrase = tuple(keys[end - length : end])
                counts[phrase] += 1
                if phrase not in spelled:
                    spelled[phrase] = " ".join(words[end - length : end])

    def score(key: tuple[str, ...]) -> float:
        return counts[key] * sum(1 / (1 + math.sqrt(elsewhere.get(k, 0))) for k in key)

    repeated = [key for key, count in counts.items() if count > 1]
    # A phrase of two or three words says more than a word alone ("Faster processors", not
    # "Cost"); a word alone only when no phrase is repeated.
    repeated = [key for key in repeated if len(key) > 1] or repeated
    if not repeated:
        return None
    best = max(repeated, key=lambda key: (score(key), key))
    title = spelled[best]
    return title[0].upper() + title[1:]


def word_counts(text: str) -> Counter[str]:
    """Casefolded words and how often each is said (one pass in C: 1.5 MB has 300,000)."""
    return Counter(_FOLDED_WORD.findall(text.casefold()))
