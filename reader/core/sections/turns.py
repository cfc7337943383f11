"""Where the interviewer speaks, in an interview transcript without speaker labels.

The input is the transcript's sentences in order, each with whether a larger gap than usual
comes before it in the source (in hard-wrapped raw transcripts, such a gap is often where a
caption was cut at a change of speaker). The output is the interviewer's turns: the sentence
where each one starts and the sentence where the answer starts.

The shape being looked for, measured on speaker-labelled interviews with the labels hidden
(``benchmarks/sections_eval.py``, ``docs/sections.md``): an interviewer's turn is a
you-heavy stretch that ends in a question, between two stretches of I/we; the answer opens
with "Yeah,", "So,", "Well," or "I think". A question mark alone is not enough (guests ask
themselves questions: "What does that mean? It means..."), so each cluster of questions is
scored on the cues around it and kept above a threshold tuned on other interviews.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_QUESTION_END = re.compile(r"\?[\"'”’)\]]*$")
_WORD = re.compile(r"[a-z']+")
# How an answer opens (the interviewer has stopped talking).
_ANSWER_OPENER = re.compile(
    r"^(?:yeah|yes|yep|no|nope|so|well|sure|right|absolutely|definitely|exactly|totally|"
    r"great question|good question|that's a (?:great|good|really good|fantastic) question|"
    r"i think|i mean|i would say|i'd say|oh|um|uh|okay|ok|it's|it is|that's|"
    r"honestly|actually|indeed|of course|thank you|thanks)\b", re.IGNORECASE)
# How an interviewer picks up after an answer.
_ACKNOWLEDGEMENT = re.compile(
    r"^(?:yeah|right|okay|ok|great|wow|interesting|fascinating|awesome|cool|amazing|"
    r"that's (?:great|fascinating|interesting|amazing|awesome|cool|really|so|super|"
    r"a great|incredible|fantastic|wonderful)|i love|i see|got it|gotcha|thank you|thanks|"
    r"fantastic|wonderful|excellent|perfect|nice|sure|makes sense|that makes sense|"
    r"let's|let me ask|so,? (?:let's|i want|i wanted|i'd like|tell me)|and so|now)\b",
    re.IGNORECASE)
# Phrases by which an interviewer takes the turn back ("As a quick follow-up", "You
# mentioned", "Going back to").
_TURN_TAKING = re.compile(
    r"^(?:so |and |but |well |okay |now )?,?\s*(?:as a (?:quick )?follow[- ]up|"
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
# "So Nhung, I'm interested...": the guest addressed by name.
_VOCATIVE = re.compile(r"^(?:(?:so|and|well|okay|now|but)\s+)?([A-Z][a-z]+),\s")
_NOT_NAMES = frozenset({"yeah", "so", "well", "okay", "now", "right", "yes", "no", "and", "but",
                        "actually", "again", "also", "then", "sure", "absolutely", "exactly",
                        "honestly", "basically", "obviously", "first", "second", "finally",
                        "today", "unfortunately", "fortunately", "anyway", "interesting",
                        "great", "wow", "oh", "um", "uh", "like", "look", "listen", "sorry"})
# Phrases by which an interviewer asks or hands over ("can you", "tell us").
_ASKING = re.compile(
    r"\b(?:can you|could you|would you|do you|did you|have you|are you|were you|will you|"
    r"tell (?:us|me)|talk (?:to us |a little )?(?:about|through)|walk (?:us|me) through|"
    r"i'm curious|i am curious|i was curious|i wonder|i'd love to|i want to ask|"
    r"i wanted to ask|(?:one|a|my) (?:\w+ )?question|what about|how about|"
    r"how do you|what do you|why do you|where do you|what is your|what's your|"
    r"how would you|what would you|your (?:view|take|thoughts|perspective|sense))\b",
    re.IGNORECASE)
_SECOND_PERSON = frozenset({"you", "your", "you're", "yours", "yourself", "you've", "you'd"})
_FIRST_PERSON = frozenset({"i", "i'm", "i've", "i'd", "my", "me", "we", "we're", "our", "us"})


# A stretch of the interviewer's that asks nothing counts as a turn only if it is this long.
STATEMENT_WORDS = 15
# How many sentences before its start the decoder's turn may be moved back (see _with_preamble).
PREAMBLE = 2


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    gap_before: bool = False  # a larger gap than usual precedes it in the source


@dataclass(frozen=True, slots=True)
class Turn:
    """An interviewer's turn: sentences ``start`` up to (not including) ``answer``."""

    start: int
    answer: int
    question: int  # the sentence of the turn's main question (for the section's title)


def is_question(text: str) -> bool:
    return bool(_QUESTION_END.search(text.rstrip()))


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold().replace("’", "'"))


def _person_balance(text: str) -> int:
    """Second-person words minus first-person words."""
    words = _words(text)
    return sum(w in _SECOND_PERSON for w in words) - sum(w in _FIRST_PERSON for w in words)


def _opens(pattern: re.Pattern[str], text: str) -> bool:
    return bool(pattern.match(text.lstrip(" \"'“‘([-—–").replace("’", "'")))


def _takes_turn(text: str) -> bool:
    """Does the sentence open the way an interviewer comes back in?"""
    if _opens(_ACKNOWLEDGEMENT, text) or _opens(_TURN_TAKING, text):
        return True
    vocative = _VOCATIVE.match(text.lstrip(" \"'“‘([-—–"))
    return vocative is not None and vocative.group(1).casefold() not in _NOT_NAMES


@dataclass(frozen=True, slots=True)
class Weights:
    """Scores of the two-state decoder (log-odds-like; tuned on Practical AI episodes that are
    not among those reported on, see docs/sections.md)."""

    question: float = 1.21  # a sentence ending in "?" that addresses "you" is the interviewer's
    rhetorical: float = 0.3  # one that addresses nobody may be the guest's
    asking: float = 0.89  # "can you", "tell us", "I'm curious"
    you: float = 0.0  # more "you" than "I/we"
    me: float = 0.33  # more "I/we" than "you": the guest's
    stay_interviewer: float = 0.16  # each sentence the interviewer goes on costs this
    switch: float = 2.52  # a change of speaker with no sign of one costs this
    gap: float = 3.58  # a larger gap in the source before the sentence
    after_question: float = 2.77  # the previous sentence asked: the guest answers
    answer_opener: float = 0.92  # "Yeah,", "So,", "Well," after the interviewer
    acknowledgement: float = 2.36  # "That's fascinating." after the guest
    min_answer_words: float = 40  # a shorter reply does not end the interviewer's turn


WEIGHTS = Weights()
_GUEST, _INTERVIEWER = 0, 1


def interviewer_turns(sentences: Sequence[Sentence], weights: Weights = WEIGHTS) -> list[Turn]:
    """The interviewer's turns, in order: the best sequence of interviewer and guest stretches
    (Viterbi over the sentences, two states)."""
    if not sentences:
        return []
    w = weights
    emit: list[tuple[float, float]] = []
    switch: list[tuple[float, float]] = []  # (guest -> interviewer, interviewer -> guest)
    previous_asks = False
    for sentence in sentences:
        text = sentence.text.replace("’", "'")
        asks = is_question(text)
        words = _words(text)
        you = sum(w in _SECOND_PERSON for w in words)
        balance = you - sum(w in _FIRST_PERSON for w in words)
        asking = bool(_ASKING.search(text))
        addressed = asking or you > 0
        # "How does intelligence work at all?" asks nobody: a guest thinking aloud.
        interviewer = ((w.question if addressed else w.rhetorical) * asks + w.asking * asking
                       + w.you * (balance > 0) - w.stay_interviewer)
        emit.append((w.me * (balance < 0), interviewer))
        base = w.gap * sentence.gap_before - w.switch
        switch.append((base + w.acknowledgement * _takes_turn(text),
                       base + w.after_question * previous_asks
                       + w.answer_opener * _opens(_ANSWER_OPENER, text)))
        previous_asks = asks
    states = _viterbi(emit, switch)
    turns: list[Turn] = []
    index = 0
    while index < len(states):
        if states[index] != _INTERVIEWER:
            index += 1
            continue
        start = index
        while index < len(states) and states[index] == _INTERVIEWER:
            index += 1
        question = next((i for i in range(start, index) if is_question(sentences[i].text)),
                        None)
        said = sum(len(sentences[i].text.split()) for i in range(start, index))
        if question is not None or said >= STATEMENT_WORDS:
            turns.append(Turn(start, index, start if question is None else question))
    turns = _merge_short_answers(sentences, turns, w.min_answer_words)
    return [_with_preamble(sentences, turns, n) for n in range(len(turns))]


def _with_preamble(sentences: Sequence[Sentence], turns: list[Turn], number: int) -> Turn:
    """The turn, started earlier if the interviewer visibly took the turn a few sentences
    before (a gap, "That's fascinating.", "So I wanna ask you..."): interviewers set up a
    question before asking it, and the decoder, paid per sentence, starts late."""
    turn = turns[number]
    floor = turns[number - 1].answer + 1 if number else 0
    for index in range(max(floor, turn.start - PREAMBLE), turn.start):
        if sentences[index].gap_before or _takes_turn(sentences[index].text):
            return Turn(index, turn.answer, turn.question)
    return turn


def _merge_short_answers(sentences: Sequence[Sentence], turns: list[Turn],
                         min_words: float) -> list[Turn]:
    """One turn for two that have only a short reply between them ("Right." "Mm-hm."): the
    interviewer is still on the same question."""
    merged: list[Turn] = []
    for turn in turns:
        if merged:
            previous = merged[-1]
            between = sum(len(s.text.split()) for s in sentences[previous.answer : turn.start])
            if between < min_words:
                merged[-1] = Turn(previous.start, turn.answer, previous.question)
                continue
        merged.append(turn)
    return merged


def _viterbi(emit: list[tuple[float, float]],
             switch: list[tuple[float, float]]) -> list[int]:
    score = [emit[0][_GUEST], emit[0][_INTERVIEWER]]
    back: list[tuple[int, int]] = [(_GUEST, _INTERVIEWER)]
    for index in range(1, len(emit)):
        to_interviewer, to_guest = switch[index]
        guest_from = (score[_GUEST], score[_INTERVIEWER] + to_guest)
        interviewer_from = (score[_GUEST] + to_interviewer, score[_INTERVIEWER])
        best_guest = _GUEST if guest_from[0] >= guest_from[1] else _INTERVIEWER
        best_interviewer = _INTERVIEWER if interviewer_from[1] >= interviewer_from[0] else _GUEST
        back.append((best_guest, best_interviewer))
        score = [guest_from[best_guest] + emit[index][_GUEST],
                 interviewer_from[best_interviewer] + emit[index][_INTERVIEWER]]
    state = _GUEST if score[_GUEST] >= score[_INTERVIEWER] else _INTERVIEWER
    states = [state]
    for index in range(len(emit) - 1, 0, -1):
        state = back[index][state]
        states.append(state)
    return states[::-1]
