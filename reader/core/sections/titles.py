"""A section's title: a short phrase from the question that opens it, or from its topic.

"Can you start just by introducing yourself, a little bit of your background?" becomes
"Introducing yourself, a little bit of your background": the asking formula ("can you",
"I wanted to ask") and fillers are dropped, the rest is cut at a word boundary. A section that
opens with no question is named by its most distinctive words ("Compute, GPUs, AlexNet").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from reader.core.sections.turns import is_question

TITLE_WORDS = 9
CLAUSE_WORDS = 3
TITLE_CHARS = 64
TOPIC_WORDS = 3

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
    r"^do you think\s+",
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
_CLAUSE = re.compile(r"\s*[,;:–—]\s+|\s+-\s+")


def question_title(sentences: Sequence[str]) -> str | None:
    """A title from the turn's question (its first sentence that asks), or None."""
    question = next((s for s in sentences if is_question(s)), None)
    if question is None:
        return None
    return _phrase(question)


def _phrase(sentence: str) -> str | None:
    text = _strip_leading(" ".join(sentence.split()).strip(" \"'“”‘’"))
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


def _content_words(text: str) -> int:
    return sum(1 for w in _WORD.findall(text) if w.casefold() not in _STOP)


def topic_title(text: str, elsewhere: Counter[str]) -> str | None:
    """The words most frequent in ``text`` and rarest in the rest (``elsewhere`` counts the
    words of the whole transcript), as "Compute, GPUs, AlexNet"."""
    counts = Counter(w.strip("'’-") for w in _WORD.findall(text))
    folded = Counter(w.casefold() for w in counts.elements())

    def counts_of(key: str) -> int:
        return folded[key]

    scores: dict[str, float] = {}
    spelled: dict[str, str] = {}
    for word, count in counts.items():
        key = word.casefold()
        if key in _STOP or len(key) < 4:
            continue
        scores[key] = scores.get(key, 0) + count / (1 + elsewhere.get(key, 0) ** 0.5)
        spelled.setdefault(key, word)
    # A word said once is no topic; a short section may have too few of the others.
    best = [k for k in sorted(scores, key=lambda k: (-scores[k], k)) if counts_of(k) > 1]
    best = best[:TOPIC_WORDS]
    if len(best) < 2:
        return None
    title = ", ".join(spelled[k] for k in best)
    return title[0].upper() + title[1:]


def word_counts(text: str) -> Counter[str]:
    """Casefolded words and how often each is said (one pass in C: 1.5 MB has 300,000)."""
    return Counter(_FOLDED_WORD.findall(text.casefold()))
