"""Tags as typed into the tags field become a clean list."""

from __future__ import annotations

from reader.core.tags import format_tags, normalise_tags, parse_tags


def test_commas_and_spaces_both_separate_tags() -> None:
    assert parse_tags("method, open-question  ethics,,scaling\tdata") == [
        "method", "open-question", "ethics", "scaling", "data"]


def test_leading_hashes_and_surrounding_space_are_dropped() -> None:
    assert parse_tags("  #method ##ethics  # , #") == ["method", "ethics"]


def test_repeats_are_dropped_ignoring_case_and_first_order_is_kept() -> None:
    assert parse_tags("b a #B A c b") == ["b", "a", "c"]


def test_a_tag_already_in_use_keeps_its_spelling() -> None:
    assert parse_tags("ai, Method new", known_tags=["AI", "method"]) == ["AI", "method", "new"]


def test_nothing_typed_is_no_tags() -> None:
    assert parse_tags("") == [] and parse_tags(" , # ") == []


def test_normalising_does_not_split_a_stored_tag_with_a_space() -> None:
    assert normalise_tags(["#machine learning", "Machine Learning", "ai"]) == [
        "machine learning", "ai"]


def test_formatted_tags_read_back_the_same() -> None:
    tags = ["method", "open-question", "AI"]
    assert parse_tags(format_tags(tags)) == tags
