"""What a sentence of an unlabelled interview says about who is speaking: the cues.

Each sentence gets a few numbers (:func:`sentence_cues`): does it ask, does it address
"you", does it open like an answer ("Yeah,", "So,") or like an interviewer taking the turn back
("That's fascinating.", "You mentioned"), does a larger gap in the source come before it. The
model in :mod:`.turns` weighs them with those of the neighbouring sentences.
"""

from __future__ import annotations

import math
import re

_QUESTION_END = re.compile(r"\?[\"'”’)\]]*$")
_WORD = re.compile(r"[a-z']+")
# How an answer opens (the interviewer has stopped talking).
_ANSWER_OPENER = re.compile(
    r"(?:yeah|yes|yep|no|nope|so|well|sure|right|absolutely|definitely|exactly|totally|"
    r"great question|good question|that's a (?:great|good|really good|fantastic) question|"
    r"i think|i mean|i would say|i'd say|oh|um|uh|okay|ok|it's|it is|that's|"
    r"honestly|actually|indeed|of course|thank you|thanks)\b", re.IGNORECASE)
# How an interviewer picks up after an answer.
_ACKNOWLEDGEMENT = re.compile(
    r"(?:yeah|right|okay|ok|great|wow|interesting|fascinating|awesome|cool|amazing|"
    r"that's (?:great|fascinating|interesting|amazing|awesome|cool|really|so|super|"
    r"a great|incredible|fantastic|wonderful)|i love|i see|got it|gotcha|thank you|thanks|"
    r"fantastic|wonderful|excellent|perfect|nice|sure|makes sense|that makes sense|"
    r"let's|let me ask|so,? (?:let's|i want|i wanted|i'd like|tell me)|and so|now)\b",
    re.IGNORECASE)
# Phrases by which an interviewer takes the turn back ("As a quick follow-up", "You
# mentioned", "Going back to").
_TURN_TAKING = re.compile(
    r"(?:so |and |but |well |okay |now )?,?\s*(?:as a (?:quick )?follow[- ]up|"
    r"(?:just )?real quick|quick(?:ly)?|before we (?:move on|go|get|wrap)|going back|"
    r"to go back|coming back|"
    r"speaking of|i'm (?:kind of |really |just |also )?(?:interested|wondering|curious)|"
    r"i was (?:wondering|curious)|i wanna|i'm gonna (?:ask|throw)|(?:it )?begs the question|"
    r"i (?:totally |completely |definitely )?agree|if you (?:would|could) (?:take|tell|walk|"
    r"talk|give|share|describe|explain)|"
    r"i'd (?:like|love) to|i (?:just )?want(?:ed)? to (?:ask|go|follow|get|say|touch|dig|"
    r"come back|switch|pivot|pick up|turn)|you (?:mentioned|talked|said|were saying|"
    r"brought up)|you've (?:mentioned|talked|said)|let me|one (?:more |last |other )?"
    r"(?:thing|question)|on that (?:note|point)|(?:switching|shifting|changing) gears|"
    r"along those lines|that's a (?:great|good|fair|really good) point|"
    r"it's (?:really |so )?(?:fascinating|interesting)|i love (?:that|this)|"
    r"(?:this|that) is (?:really |so )?(?:fascinating|interesting|great|cool))\b",
    re.IGNORECASE)
# "Nhung, I'm interested...": the guest addressed by name (a capitalised word and a comma).
_VOCATIVE = re.compile(r"(?:(?:so|and|well|okay|now|but)\s+)?([A-Z][a-z]+),\s")
_NOT_NAMES = frozenset({"yeah", "so", "well", "okay", "now", "right", "yes", "no", "and", "but",
                        "actually", "again", "also", "then", "sure", "absolutely", "exactly",
                        "honestly", "basically", "obviously", "first", "second", "finally",
                        "today", "unfortunately", "fortunately", "anyway", "interesting",
                        "great", "wow", "oh", "um", "uh", "like", "look", "listen", "sorry"})
_CONTINUES = re.compile(r"(?:and|but|or|because|which|so that|then)\b", re.IGNORECASE)
# Phrases by which an interviewer asks or hands over ("can you", "tell us"), as words.
_ASKING = frozenset((
    "can you", "could you", "would you", "do you", "did you", "have you", "are you",
    "were you", "will you", "tell us", "tell me", "talk about", "talk through", "talk to us",
    "talk a little", "walk us", "walk me", "i'm curious", "i am curious", "i was curious",
    "i wonder", "i'd love", "want to ask", "wanted to ask", "one question", "a question",
    "my question", "what about", "how about", "what is your", "what's your", "your view",
    "your take", "your thoughts", "your perspective", "your sense"))
_SECOND_PERSON = frozenset({"you", "your", "you're", "yours", "yourself", "you've", "you'd"})
_FIRST_PERSON = frozenset({"i", "i'm", "i've", "i'd", "my", "me", "we", "we're", "our", "us"})


# Hosts speak to the audience and about the show; guests rarely do.
_SHOW = frozenset((
    "welcome", "listeners", "listener", "audience", "folks", "podcast", "episode", "the show",
    "this show", "our guest", "joining us", "joining me", "today we", "today i", "we're joined",
    "for joining", "for coming on", "for being here", "for being on"))
# Guests explain: hedges and the marks of a long answer.
_HEDGE = frozenset((
    "i think", "kind of", "sort of", "you know", "i mean", "basically", "actually",
    "in terms of", "for example", "for instance", "because"))
_FILLER = frozenset({"um", "uh", "like", "yeah"})
_OPENING_PUNCTUATION = " \"'“‘([-—–"


def _phrase_index() -> dict[str, list[tuple[tuple[str, ...], int]]]:
    index: dict[str, list[tuple[tuple[str, ...], int]]] = {}
    for kind, phrases in enumerate((_ASKING, _SHOW, _HEDGE)):
        for phrase in phrases:
            words = tuple(phrase.split())
            index.setdefault(words[0], []).append((words[1:], kind))
    return index


# Each phrase under its first word, with the words that must follow it.
_PHRASE_INDEX = _phrase_index()


def _phrase_counts(words: list[str]) -> list[int]:
    """How many asking, show and hedge phrases ``words`` hold (overlapping ones too: "do you
    know" is an asking phrase and a hedge)."""
    counts = [0, 0, 0]
    for start in [k for k, word in enumerate(words) if word in _PHRASE_INDEX]:
        for rest, kind in _PHRASE_INDEX[words[start]]:
            if not rest or tuple(words[start + 1 : start + 1 + len(rest)]) == rest:
                counts[kind] += 1
    return counts


# The names of :func:`sentence_cues`' numbers, in order.
CUE_NAMES = ("asks", "asks_you", "rhetorical", "asking", "you", "me", "you_more", "me_more",
             "words", "short", "gap", "answer_opener", "takes_turn", "vocative", "mid_question",
             "show", "hedge", "continues", "filler")


def is_question(text: str) -> bool:
    return bool(_QUESTION_END.search(text.rstrip()))


def words_of(text: str) -> list[str]:
    return _WORD.findall(text.casefold().replace("’", "'"))


def sentence_cues(text: str, gap_before: bool) -> tuple[float, ...]:
    """The cues of one sentence (named by CUE_NAMES), each 0 or 1, or a small count."""
    text = text.replace("’", "'")
    words = _WORD.findall(text.casefold())
    asks = _QUESTION_END.search(text.rstrip()) is not None
    you = len([w for w in words if w in _SECOND_PERSON])
    me = len([w for w in words if w in _FIRST_PERSON])
    fillers = len([w for w in words if w in _FILLER])
    asking_phrases, show, hedges = _phrase_counts(words)
    asking = asking_phrases > 0
    addressed = asks and (asking or you > 0)
    count = len(words)
    opening = text.lstrip(_OPENING_PUNCTUATION)
    vocative = _VOCATIVE.match(opening)
    return (
        float(asks), float(addressed), float(asks and not addressed), float(asking),
        float(min(you, 3)), float(min(me, 3)), float(you > me), float(me > you),
        math.log1p(count), float(count < 6), float(gap_before),
        float(_ANSWER_OPENER.match(opening) is not None),
        float(_ACKNOWLEDGEMENT.match(opening) is not None
              or _TURN_TAKING.match(opening) is not None),
        float(vocative is not None and vocative.group(1).casefold() not in _NOT_NAMES),
        float("?" in text[:-1] and not asks),
        float(show > 0), float(min(hedges, 3)),
        float(_CONTINUES.match(opening) is not None),
        float(min(fillers, 3)),
    )
