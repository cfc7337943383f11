"""A section's title: a short phrase from the question that opens it, or from its topic.

"Can you start just by introducing yourself, a little bit of your background?" becomes
"Introducing yourself, a little bit of your background": the asking formula ("can you",
"I wanted to ask", "do you think") and fillers are dropped, "What was the hardest part of..."
keeps its noun phrase ("The hardest part of..."), a yes/no frame gives way to its topic ("Are
you involved in the hardware question?" -> "The hardware question"), and a long question is cut
where a phrase ends, never between a verb and its object. A title must read as an entry of a
table of contents (:func:`is_fit_title`): not a sentence in the first person, no spelled
letters or web address, a word that names something, no dangling last word. A section whose
questions give no such title is named by the phrase it repeats that the rest of the transcript
says least ("Reinforcement learning"), not by a list of words.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from reader.core.sections.title_fit import (
    STOP,
    TRAILING,
    ends_phrase,
    is_fit_title,
    is_pronoun_that,
)
from reader.core.sections.topics import topic_title
from reader.core.sections.turns import is_question

TITLE_WORDS = 9
CLAUSE_WORDS = 3
TITLE_CHARS = 60
CLOSING = "Closing remarks"


# "Do you think AI will..." asks whether: "Whether AI will...".
_OPINION_FRAME = (r"^(?:do|did|would|could|can|will|are|were|have|has|is|does) (?:you|we|they|"
                  r"it|that|this|there) (?:think|believe|feel|see|expect|imagine|agree)"
                  r"(?: that)?\s+")
# Removed from the front, again and again, in this order: fillers, then asking formulas.
_LEADING = [re.compile(p, re.IGNORECASE) for p in (
    r"^(?:and|so|but|well|okay|ok|now|yeah|yes|right|um|uh|oh|also|then|alright|all right|like|or)"
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
    # "What do you think about X" -> "X"; "What do you think is X" is left to _ASIDE.
    r"^(?:what|how) do you think (?:about|of) ",
    _OPINION_FRAME,
    r"^how do you (?:see|view|think about|feel about|look at|approach)\s+",
    # "What was the hardest part of...": the noun phrase is the topic.
    r"^(?:what|which)(?:'s|’s| is| was| are| were) (?=(?:the|your|a|an|some|this|that|those|"
    r"these|their|our|its) )",
    r"^(?:i guess|i mean|you know|in your view|in your opinion)[,]?\s+",
)]
_OPINION = next(p for p in _LEADING if p.pattern == _OPINION_FRAME)
# Whether any of them opens a text (each one is anchored at its start).
_ANY_LEADING = re.compile("|".join(f"(?:{p.pattern})" for p in _LEADING), re.IGNORECASE)
# Words that add nothing to a title wherever they are.
_FILLERS = re.compile(r"\b(?:kind of|sort of|at all|going forward|basically|actually|"
                      r"just|maybe|perhaps|for example|for instance)\b,?\s*|,\s*you know\b,?",
                      re.IGNORECASE)
_CLAUSE_VERB = re.compile(r"\b(?:will|would|can|could|should|is|are|was|were|might|may|must|"
                          r"has|have|had|does|do|did|need|needs)\b", re.IGNORECASE)
# Yes/no frames whose object is the topic: "Are you involved in the hardware question?"
_INVOLVED = re.compile(r"^(?:are|were) you (?:also )?(?:involved|interested|engaged|working|"
                       r"active|focused) (?:in|on|with) ", re.IGNORECASE)
# "Is there something being done to address X?" -> "Addressing X".
_IS_THERE_TO = re.compile(
    r"^is there (?:something|anything|a way|any way|some way|a plan|a path)(?: that)?"
    r"(?: (?:is|are) being done| (?:you|we|one|people|they) (?:can|could) do|"
    r" (?:you're|you’re|you are|they're|they’re|they are) doing)? to ([a-z]+) ", re.IGNORECASE)
# "Do you have any aspiration ... in terms of X?" -> "Aspiration for X".
_HAVE_ANY = re.compile(r"^(?:do|did|does) (?:you|he|she|they) have (?:any|an|a|some) ",
                       re.IGNORECASE)
_TOPIC_MARKER = re.compile(r"\b(?:in terms of|when it comes to|with regard to|with respect to) ",
                           re.IGNORECASE)
# "Did he have an influence on you?" after "...Rich Sutton had been writing...".
_NAME = re.compile(r"(?<=[a-z,] )([A-Z][a-z]+ [A-Z][a-z]+)\b")
_HE_OR_SHE = re.compile(r"\b(?:he|she)\b")
_NAME_STARTS = frozenset({"the", "this", "that", "and", "but", "so", "in", "on", "at", "for",
                          "of", "to", "with", "chat", "open"})
# A question quoted after a sentence: "...problems." How did you...?
_SENTENCE_END = re.compile(r"(?<=[.!][\"”’])\s+|(?<=[.!])\s+(?=[\"“A-Z])")
# The host's words to the audience at the end of a show.
_SHOW_TALK = frozenset({"listeners", "listener", "podcast", "episode", "subscribe", "newsletter",
                        "website", "transcript", "sponsor", "sponsors", "review", "rate"})
_QUOTES = re.compile(r"[\"“”]")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")
# "Where do you think robots will be" -> "Where robots will be".
_ASIDE = re.compile(r"^((?:where|when|why|how|what|who|which)(?: \w+)?) (?:do|did|would) you "
                    r"(?:think|imagine|believe|feel)(?: that)? ", re.IGNORECASE)
# Where a long phrase may end: before a clause that only adds to the topic.
_SUBORDINATE = re.compile(r"\s(?:that|which|who|when|where|because|if|so that|in order to|"
                          r"given|especially|and how|and what|and why|and whether|or)\s",
                          re.IGNORECASE)
_CLAUSE = re.compile(r"\s*[,;:–—]\s+|\s+--?\s+")


def section_title(turn: Sequence[str], section_text: str, elsewhere: Mapping[str, int], *,
                  last: bool = False) -> str | None:
    """The title of a section opened by the interviewer's ``turn`` (its sentences): the first
    of its questions that gives a fit title, else the phrase the section repeats (of two or
    three words), else the interviewer's last words; then a question or last words that only
    read as a remark ("It seems to be extremely hard"), else the word the section repeats. The
    ``last`` section that asks nothing and talks to the show's listeners is "Closing remarks".
    None if nothing is fit."""
    questions: list[str | None] = []
    for number, sentence in enumerate(turn):
        if is_question(sentence):
            title = _phrase(sentence, turn[:number])
            if title and is_fit_title(title):
                return title  # the usual case: nothing else needs to be worked out
            questions.append(title)
    if last and not any(questions) and _talks_to_listeners(turn):
        return CLOSING
    last_words = _phrase(turn[-1], turn[:-1]) if turn else None
    topic = topic_title(section_text, elsewhere)
    phrase = topic if topic and " " in topic else None
    candidates = [(phrase, True), (last_words, True)]
    candidates += [(t, False) for t in (*questions, last_words)] + [(topic, True)]
    return next((t for t, strict in candidates if t and is_fit_title(t, strict=strict)), None)


def opening_words(text: str, words: int = 6) -> str | None:
    """The opening words of the first sentence of ``text`` that says something (five words or
    more, so not "Okay." or "Awesome, man."), in quotation marks, as "“I could imagine search
    cases…”": the last resort for a section where nothing is fit, since the place it starts
    says more than a number ("Part 27"). None if ``text`` has no word."""
    sentences = [s.split() for s in re.split(r"(?<=[.!?])\s+", " ".join(text.split()))]
    found = next((s for s in sentences if len(s) >= 5), sentences[0] if sentences else [])
    if not any(_WORD.search(w) for w in found):
        return None
    kept = found[:words]
    while len(kept) > 1 and len(" ".join(kept)) > TITLE_CHARS - 3:
        kept.pop()
    cut = " ".join(kept)[: TITLE_CHARS - 3].lstrip(".…").rstrip(" ,;:–—-.…")
    return f"“{cut}…”" if len(found) > len(kept) else f"“{cut}”"


def _talks_to_listeners(turn: Sequence[str]) -> bool:
    words = [w.casefold() for s in turn for w in _WORD.findall(s)]
    return sum(w in _SHOW_TALK for w in words) >= 2


def question_title(sentences: Sequence[str]) -> str | None:
    """A title from the first question in ``sentences`` that gives a fit one, or None."""
    for number, sentence in enumerate(sentences):
        if is_question(sentence):
            title = _phrase(sentence, sentences[:number])
            if title and is_fit_title(title):
                return title
    return None


def _phrase(sentence: str, lead_in: Sequence[str] = ()) -> str | None:
    sentence = _SENTENCE_END.split(" ".join(sentence.split()))[-1]
    text, opinion = _without_asking(sentence.strip(" \"'“”‘’"))
    text = " ".join(_FILLERS.sub(" ", text).split())
    text = _QUOTES.sub("", text).rstrip(" ?!.…'’,")
    text = _named(text, lead_in)
    if opinion and _CLAUSE_VERB.search(" ".join(text.split()[1:6])):
        text = "whether " + text  # "Do you think AI will...?" -> "Whether AI will..."
    text = _without_frame(text)
    text = _shortened(text)
    words = text.split()
    while len(words) > 1 and not words[-1].endswith("…") and (
            words[-1].casefold().replace("’", "'").strip(",") in TRAILING):
        words.pop()  # "The primary difference between" -> "The primary difference"
    if len(words) < 2:
        return None
    text = " ".join(words).rstrip(",;:")
    return text[0].upper() + text[1:]


def _named(text: str, lead_in: Sequence[str]) -> str:
    """"Did he have..." with "he" the person the turn named last before the question."""
    if not _HE_OR_SHE.search(text):
        return text
    names = [m.group(1) for s in lead_in for m in _NAME.finditer(s)
             if m.group(1).split()[0].casefold() not in _NAME_STARTS]
    return _HE_OR_SHE.sub(names[-1], text, count=1) if names else text


def _without_frame(text: str) -> str:
    """The topic of a yes/no frame: "Are you involved in X" -> "X", "Is there something being
    done to address X" -> "Addressing X", "Do you have any aspiration ... in terms of X" ->
    "Aspiration for X"."""
    match = _INVOLVED.match(text)
    if match and len(text[match.end():].split()) >= 2:
        return text[match.end():]
    match = _IS_THERE_TO.match(text)
    if match:
        return _gerund(match.group(1)) + " " + text[match.end():]
    match = _HAVE_ANY.match(text)
    if match:
        rest = text[match.end():]
        marker = _TOPIC_MARKER.search(rest)
        noun = rest.split()[0]
        if marker and len(rest.split()) > TITLE_WORDS and noun.casefold() not in STOP:
            return noun + " for " + rest[marker.end():]
        if len(rest.split()) >= 2:
            return rest
    return text


def _gerund(verb: str) -> str:
    verb = verb.casefold()
    if verb.endswith("ie"):
        return verb[:-2] + "ying"
    if verb.endswith("e") and not verb.endswith(("ee", "ye", "oe")) and len(verb) > 2:
        return verb[:-1] + "ing"
    vowels = re.findall(r"[aeiou]+", verb)
    if (len(vowels) == 1 and re.search(r"[^aeiou][aeiou][^aeiouwxy]$", verb)):
        return verb + verb[-1] + "ing"  # "get" -> "getting"
    return verb + "ing"


def _shortened(text: str) -> str:
    """``text`` if it is short; else the clause that says the most, cut before a subordinate
    clause or, with an ellipsis, after the last word that ends a phrase."""
    if len(text.split()) > TITLE_WORDS:
        # "At that time, take us back to when you...": the second clause says more.
        clauses = [c.strip() for c in _CLAUSE.split(text) if len(c.split()) >= CLAUSE_WORDS]
        # Not "I don't remember the exact comment" when another clause names the topic.
        clauses = [c for c in clauses
                   if is_fit_title(_strip_leading(c)[0], strict=False)] or clauses
        if clauses:
            text = _without_asking(max(clauses, key=_content_words))[0]
        if len(text.split()) > TITLE_WORDS:
            text = _before_subordinate(text)
    if len(text.split()) <= TITLE_WORDS and len(text) <= TITLE_CHARS:
        return text
    words = text.split()
    for count in range(min(TITLE_WORDS, len(words) - 1), CLAUSE_WORDS - 1, -1):
        kept = " ".join(words[:count]).rstrip(",;:")
        if len(kept) < TITLE_CHARS and ends_phrase(words, count):
            return kept + "…"
    cut = text.rfind(" ", 0, TITLE_CHARS - 1)
    return text[: cut if cut > 0 else TITLE_CHARS - 1].rstrip(",;:") + "…"


def _without_asking(text: str) -> tuple[str, bool]:
    """:func:`_strip_leading`, and "What do you think is X" as "What is X"."""
    text, opinion = _strip_leading(text)
    text, again = _strip_leading(_ASIDE.sub(r"\1 ", text))
    return text, opinion or again


def _strip_leading(text: str) -> tuple[str, bool]:
    """``text`` without its leading fillers and asking formulas, and whether one of them was
    "do you think" (a yes/no question about an opinion)."""
    opinion = False
    text = text.lstrip(" ,")
    for _ in range(4):
        if not _ANY_LEADING.match(text):
            break  # most text: one search, not one per pattern
        before = text
        for pattern in _LEADING:
            match = pattern.match(text)
            if match:
                opinion = opinion or pattern is _OPINION
                text = text[match.end() :].lstrip(" ,")
        if text == before:
            break
    return text, opinion


def _before_subordinate(text: str) -> str:
    """``text`` up to a subordinate clause that starts after its fourth word, if there is one
    early enough to leave a short phrase that ends cleanly ("The models that people use
    when..." -> "The models")."""
    words = text.split()
    for match in _SUBORDINATE.finditer(text):
        count = len(text[: match.start()].split())
        if (CLAUSE_WORDS < count <= TITLE_WORDS and not is_pronoun_that(words, count)
                and ends_phrase(words, count)):
            return text[: match.start()].rstrip(",;:")
    return text


def _content_words(text: str) -> int:
    return sum(1 for w in _WORD.findall(text) if w.casefold() not in STOP)
