"""The trained turn model: it ships with the package, and it finds the interviewer in bare
text by the shape of a conversation, not by a question mark alone."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from reader.core.sections.cues import CUE_NAMES, sentence_cues
from reader.core.sections.features import FEATURE_NAMES, cues_of, features
from reader.core.sections.turns import (
    MODEL_FILE,
    Sentence,
    TurnModel,
    interviewer_turns,
    sentence_odds,
    turn_model,
)

REPO = Path(__file__).resolve().parents[2]
ANSWER = ("I think the main thing was the data, because we had collected it for years and "
          "nobody else had anything like it at the time. We trained on it for months, and the "
          "models kept getting better, which surprised everyone on the team, me included.")


def _interview() -> list[Sentence]:
    rounds = [
        ("That's fascinating.", "Can you tell us how the project started?"),
        ("Thanks.", "What was the hardest part for you?"),
        ("I love that.", "Where do you think this is going in the next few years?"),
    ]
    sentences = [Sentence("Welcome to the show.")]
    for acknowledgement, question in rounds:
        sentences += [Sentence(acknowledgement), Sentence(question)]
        sentences += [Sentence("Yeah, so it's a good question.")]
        sentences += [Sentence(s + ".") for s in ANSWER.split(". ")]
        # The guest asks themselves a question mid-answer: no turn of the interviewer's.
        sentences += [Sentence("And what does that mean?"), Sentence("It means we got lucky.")]
    return sentences


def test_the_package_data_carries_the_model_file() -> None:
    data = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))
    assert MODEL_FILE in data["tool"]["setuptools"]["package-data"]["reader.core.sections"]
    assert (REPO / "reader" / "core" / "sections" / MODEL_FILE).is_file()
    assert len(turn_model().interviewer) == len(FEATURE_NAMES)


def test_each_question_of_the_interviewer_is_a_turn_and_the_guests_own_is_not() -> None:
    sentences = _interview()
    turns = interviewer_turns(sentences)
    questions = [sentences[t.question].text for t in turns]
    assert questions == ["Can you tell us how the project started?",
                         "What was the hardest part for you?",
                         "Where do you think this is going in the next few years?"]
    for turn in turns:
        assert sentences[turn.answer].text.startswith("Yeah, so")


def test_a_model_trained_on_other_features_is_refused_by_name() -> None:
    data = json.loads((REPO / "reader" / "core" / "sections" / MODEL_FILE).read_text("utf-8"))
    data["features"] = data["features"][:-1]
    with pytest.raises(ValueError, match=MODEL_FILE):
        TurnModel.from_json(json.dumps(data))


def test_features_see_the_neighbouring_sentences() -> None:
    rows = features(cues_of([("Can you tell us more?", False), ("Yeah, sure.", True)]))
    named = [dict(zip(FEATURE_NAMES, row, strict=True)) for row in rows]
    assert named[0]["asks_you"] == 1 and named[0]["+1:answer_opener"] == 1
    assert named[1]["-1:asks_you"] == 1 and named[1]["gap"] == 1


def _long_answer() -> list[Sentence]:
    return [Sentence(s + ".") for s in ANSWER.split(". ")] * 2


def test_questions_to_you_answered_at_once_in_the_first_person_are_a_turn() -> None:
    # No gap and no acknowledgement before them, but "I can't..." answers them right away.
    sentences = _interview() + _long_answer()
    sentences += [Sentence("And we will find out pretty soon."),
                  Sentence("Where is this going?"),
                  Sentence("What research are you focused on right now?"),
                  Sentence("I can't talk in detail about the specific research that I'm working "
                           "on, but I can mention a little bit.")]
    sentences += _long_answer()
    turns = interviewer_turns(sentences)
    assert sentences[turns[-1].start].text == "Where is this going?"
    assert sentences[turns[-1].answer].text.startswith("I can't talk in detail")


def test_a_guest_asking_on_the_listeners_behalf_is_no_turn() -> None:
    sentences = _interview() + _long_answer()
    sentences += [Sentence("Now you could say, is it really going to learn?"),
                  Sentence("I think the answer is yes, and we will find out soon.")]
    sentences += _long_answer()
    assert len(interviewer_turns(sentences)) == 3


def test_the_models_odds_are_those_of_the_features_it_was_trained_on() -> None:
    # The app never builds the feature vectors; its odds must still be the trained model's.
    model = turn_model()
    sentences = _interview()
    cues = cues_of([(s.text, s.gap_before) for s in sentences])
    for row, (asks, changes) in zip(features(cues), sentence_odds(sentences), strict=True):
        assert asks == pytest.approx(sum(w * x for w, x in zip(model.interviewer, row,
                                                                strict=True)))
        assert changes == pytest.approx(sum(w * x for w, x in zip(model.change, row,
                                                                   strict=True)))


def test_overlapping_phrases_each_count() -> None:
    # "do you know" asks ("do you") and hedges ("you know").
    named = dict(zip(CUE_NAMES, sentence_cues("Do you know what I mean?", False), strict=True))
    assert named["asking"] == 1 and named["hedge"] == 2  # "you know", "i mean"
