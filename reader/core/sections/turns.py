"""Where the interviewer speaks, in an interview transcript without speaker labels.

The input is the transcript's sentences in order, each with whether a larger gap than usual
comes before it in the source (in hard-wrapped raw transcripts, such a gap is often where a
caption was cut at a change of speaker). The output is the interviewer's turns: the sentence
where each one starts and the sentence where the answer starts.

Two logistic models, trained on speaker-labelled interviews with the labels hidden
(``benchmarks/sections_train.py``; their weights ship in ``turn_model.json``), read each
sentence's features (:mod:`.features`): one gives the odds that the interviewer says it, the
other that the speaker changes just before it. A two-state decoder (Viterbi: interviewer /
guest) then picks the most likely sequence of stretches, so one guest sentence ending in "?"
("What does that mean? It means...") does not make a turn on its own. Pure Python: each
sentence's cues weighed once (:func:`.features.linear_odds`), two numbers per state and
sentence in the decoder.
"""

from __future__ import annotations

import json
import math
import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from reader.core.sections.cues import is_question, words_of
from reader.core.sections.features import FEATURE_NAMES, cues_of, linear_odds

__all__ = ["Sentence", "Turn", "TurnModel", "asks_you", "decoded_turns", "interviewer_turns",
           "is_question", "sentence_odds", "turn_model"]

# A stretch of the interviewer's that asks nothing counts as a turn only if it is this long.
STATEMENT_WORDS = 15
MODEL_FILE = "turn_model.json"
# More sentences than this is no interview (a four-hour conversation has about 8,000): a file
# of thousands of "?" lines would cost the model about 0.3 ms a sentence, a minute or more.
MAX_SENTENCES = 12_000
# A section longer than both of these (words; times the median section) is split at its
# likeliest question, if one scores at least CANDIDATE_ODDS and leaves MIN_PART_WORDS either
# side.
LONG_SECTION_WORDS = 1000
LONG_SECTION_FACTOR = 2.5
CANDIDATE_ODDS = -1.0
MIN_PART_WORDS = 150
_SECOND_PERSON = frozenset({"you", "your", "you're", "yourself", "you've", "you'd"})
_FIRST_PERSON = frozenset({"i", "i'm", "i've", "i'd"})
# A guest putting a question to themselves ("Now you could say, is it really going to learn?
# My answer is...") is not asking the listener anything.
_SELF_ASKED = re.compile(r"\byou (?:could|might|may|would|will|can) (?:say|ask|wonder|think)\b",
                         re.IGNORECASE)


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


@dataclass(frozen=True, slots=True)
class TurnModel:
    """The learnt weights (one per feature, FEATURE_NAMES order) and the decoder's settings."""

    interviewer: tuple[float, ...]  # log-odds that the interviewer says the sentence
    change: tuple[float, ...]  # log-odds that the speaker changes just before it
    emission_scale: float = 1.0
    change_scale: float = 1.0
    min_answer_words: float = 40  # a shorter reply does not end the interviewer's turn

    @staticmethod
    def from_json(text: str) -> TurnModel:
        data = json.loads(text)
        if tuple(data["features"]) != FEATURE_NAMES:
            raise ValueError(f"{MODEL_FILE} was trained on other features")
        return TurnModel(tuple(map(float, data["interviewer"])), tuple(map(float, data["change"])),
                         float(data["emission_scale"]), float(data["change_scale"]),
                         float(data["min_answer_words"]))


@cache
def turn_model() -> TurnModel:
    """The model shipped with the package (read once)."""
    text = resources.files("reader.core.sections").joinpath(MODEL_FILE).read_text("utf-8")
    return TurnModel.from_json(text)


def _log_sigmoid(x: float) -> float:
    return -math.log1p(math.exp(-x)) if x > -30 else x


def interviewer_turns(sentences: Sequence[Sentence],
                      model: TurnModel | None = None) -> list[Turn]:
    """The interviewer's turns, in order (none in more than MAX_SENTENCES sentences)."""
    if not sentences or len(sentences) > MAX_SENTENCES:
        return []
    model = model or turn_model()
    return decoded_turns(sentences, sentence_odds(sentences, model), model)


def sentence_odds(sentences: Sequence[Sentence],
                  model: TurnModel | None = None) -> list[tuple[float, float]]:
    """Each sentence's log-odds that the interviewer says it, and that the speaker changes
    just before it."""
    model = model or turn_model()
    cues = cues_of([(s.text, s.gap_before) for s in sentences])
    return [(asks, changes)
            for asks, changes in linear_odds(cues, (model.interviewer, model.change))]


def decoded_turns(sentences: Sequence[Sentence], odds: Sequence[tuple[float, float]],
                  model: TurnModel) -> list[Turn]:
    """The turns, from each sentence's log-odds (the interviewer says it, the speaker changes
    just before it)."""
    # log sigmoid(x) = log sigmoid(-x) + x: one logarithm per model and sentence.
    emit: list[tuple[float, float]] = []
    stay: list[float] = []
    move: list[float] = []
    emission, switch = model.emission_scale, model.change_scale
    for asks, changes in odds:
        guest = _log_sigmoid(-asks)
        emit.append((emission * guest, emission * (guest + asks)))
        kept = _log_sigmoid(-changes)
        stay.append(switch * kept)
        move.append(switch * (kept + changes))
    states = _asked_and_answered(sentences, odds, _viterbi(emit, stay, move))
    said = [len(sentence.text.split()) for sentence in sentences]
    turns: list[Turn] = []
    index = 0
    while index < len(states):
        if not states[index]:
            index += 1
            continue
        start = index
        while index < len(states) and states[index]:
            index += 1
        question = next((i for i in range(start, index) if is_question(sentences[i].text)),
                        None)
        if question is not None or sum(said[start:index]) >= STATEMENT_WORDS:
            turns.append(Turn(start, index, start if question is None else question))
    turns = _merge_short_answers(said, turns, model.min_answer_words)
    return _split_long_sections(sentences, said, odds, turns)


def _asked_and_answered(sentences: Sequence[Sentence], odds: Sequence[tuple[float, float]],
                        states: list[bool]) -> list[bool]:
    """``states`` with the questions the decoder left inside an answer given back to the
    interviewer: a run of questions to "you" that the model itself gives to the interviewer,
    right after which the next sentence opens in the first person ("Where is this going? What
    research are you focused on right now? I can't talk in detail..."). The decoder keeps such
    a run in the answer when no sign of a change of speaker comes before it; a question to
    "you" answered at once by "I" is a change of speaker twice over."""
    states = list(states)
    for index in range(len(sentences) - 1):
        if (states[index] or states[index + 1] or odds[index][0] <= 0
                or not asks_you(sentences[index].text)
                or not _opens_in_first_person(sentences[index + 1].text)):
            continue
        start = index
        while (start > 0 and not states[start - 1] and odds[start - 1][0] > 0
               and is_question(sentences[start - 1].text)):
            start -= 1
        states[start : index + 1] = [True] * (index + 1 - start)
    return states


def asks_you(text: str) -> bool:
    """A question to "you" (not "you could say, ...?", a speaker asking on the listener's
    behalf)."""
    return (is_question(text) and not _SECOND_PERSON.isdisjoint(words_of(text))
            and not _SELF_ASKED.search(text))


def _opens_in_first_person(text: str) -> bool:
    words = words_of(text)
    return bool(words) and words[0] in _FIRST_PERSON


def _split_long_sections(sentences: Sequence[Sentence], words: list[int],
                         odds: Sequence[tuple[float, float]], turns: list[Turn]) -> list[Turn]:
    """``turns`` and, in a section far longer than the others (from one turn's start to the
    next), a turn at the question inside it that the model finds likeliest to be asked and
    answered: a question to "you" whose odds of being the interviewer's plus those of a change
    of speaker right after it are at least CANDIDATE_ODDS. An interviewer who asks several
    questions in a row without a gap before them is otherwise easily missed, leaving one
    section to run over half of the interview."""
    if len(turns) < 2:
        return turns
    said = [0]  # words said before each sentence
    for count in words:
        said.append(said[-1] + count)
    turns = list(turns)
    tried: set[int] = set()
    while True:
        bounds = [t.start for t in turns] + [len(sentences)]
        sizes = [said[b] - said[a] for a, b in zip(bounds, bounds[1:], strict=False)]
        longest = max((k for k in range(len(turns)) if k not in tried),
                      key=lambda k: sizes[k], default=None)
        if longest is None or not _too_long(sizes[longest], statistics.median(sizes)):
            return turns
        tried.add(longest)
        end = bounds[longest + 1]
        best: tuple[float, int] | None = None
        for index in range(turns[longest].answer, end - 1):
            if (said[index] - said[bounds[longest]] < MIN_PART_WORDS
                    or said[end] - said[index + 1] < MIN_PART_WORDS
                    or not asks_you(sentences[index].text)):
                continue
            score = odds[index][0] + odds[index + 1][1]
            if score >= CANDIDATE_ODDS and (best is None or score > best[0]):
                best = (score, index)
        if best is None:
            continue
        question = best[1]
        start = question
        while (start > turns[longest].answer and is_question(sentences[start - 1].text)
               and odds[start - 1][0] > 0):
            start -= 1
        turns.insert(longest + 1, Turn(start, question + 1, question))
        tried = set()


def _too_long(words: int, median: float) -> bool:
    return words > LONG_SECTION_WORDS and words > LONG_SECTION_FACTOR * median


def _merge_short_answers(said: list[int], turns: list[Turn], min_words: float) -> list[Turn]:
    """One turn for two that have only a short reply between them ("Right." "Mm-hm."): the
    interviewer is still on the same question."""
    merged: list[Turn] = []
    for turn in turns:
        if merged:
            previous = merged[-1]
            between = sum(said[previous.answer : turn.start])
            if between < min_words:
                merged[-1] = Turn(previous.start, turn.answer, previous.question)
                continue
        merged.append(turn)
    return merged


def _viterbi(emit: list[tuple[float, float]], stay: list[float],
             move: list[float]) -> list[bool]:
    """The most likely states (True: the interviewer), each sentence scored by ``emit`` (guest,
    interviewer) and each step by ``stay`` or ``move`` (the speaker changes before it)."""
    guest, interviewer = emit[0]
    back: list[tuple[bool, bool]] = [(False, True)]
    for index in range(1, len(emit)):
        keep, switch = stay[index], move[index]
        guest_from_interviewer = interviewer + switch > guest + keep
        interviewer_from_guest = guest + switch > interviewer + keep
        back.append((guest_from_interviewer, not interviewer_from_guest))
        guest, interviewer = (
            (interviewer + switch if guest_from_interviewer else guest + keep) + emit[index][0],
            (guest + switch if interviewer_from_guest else interviewer + keep) + emit[index][1])
    state = interviewer > guest
    states = [state]
    for index in range(len(emit) - 1, 0, -1):
        state = back[index][state]
        states.append(state)
    return states[::-1]
