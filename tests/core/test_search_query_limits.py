"""Queries far bigger than anyone types are read promptly, never overflowing the stack."""

from __future__ import annotations

import pytest

from reader.core.search.query import MAX_WORDS, All, parse, positive_terms


@pytest.mark.parametrize("query", [
    "scaling " * 1300, "ab~ " * 2500, "(" * 5000 + "a", "NOT " * 3000 + "x",
    "a " + "-(" * 2000 + "b", "\"" + "w " * 3000 + "\"", "x" * 10_000,
])
def test_a_huge_query_is_cut_to_its_first_words_with_a_note(query: str) -> None:
    parsed = parse(query)
    assert len(positive_terms(parsed.node)) <= MAX_WORDS
    assert any(note.startswith("Only the first") for note in parsed.notes)


def test_different_words_are_kept_up_to_the_limit_and_repeats_count_once() -> None:
    words = [f"word{n}" for n in range(100)]
    parsed = parse(" ".join(words))
    assert isinstance(parsed.node, All)
    assert [t.text for t in positive_terms(parsed.node)] == words[:MAX_WORDS]
    assert parsed.notes == (f"Only the first {MAX_WORDS} words were searched.",)
    assert parse("deep deep learning").node == parse("deep learning").node
