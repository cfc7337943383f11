"""Finding the passage a quote names (``related --quote``): as forgiving as search and find."""

from __future__ import annotations

import pytest

from reader.core.formats import load_transcript
from reader.core.related import QuoteNotFound, offset_of_quote
from tests.conftest import LEX


def test_a_quote_typed_in_other_letter_case_or_with_a_plain_apostrophe_is_found() -> None:
    transcript = load_transcript(LEX)
    exact = offset_of_quote(transcript, "RL’s uniqueness")
    assert transcript.text[exact:exact + 15] == "RL’s uniqueness"
    assert offset_of_quote(transcript, "rl's   UNIQUENESS") == exact


def test_a_quote_in_no_case_is_still_not_found() -> None:
    with pytest.raises(QuoteNotFound):
        offset_of_quote(load_transcript(LEX), "purple bananas")
