"""Find in one transcript: what the find bar counts and marks."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.find import FindResult, TextFinder, match_at_or_after
from reader.core.formats import load_transcript
from tests.conftest import EYE


def _found(text: str, query: str) -> list[str]:
    return [text[start:end] for start, end in TextFinder(text).find_all(query).matches]


def test_case_and_accents_do_not_count() -> None:
    text = "Café culture. CAFE society. cafe au lait. Straße and strasse."
    assert _found(text, "cafe") == ["Café", "CAFE", "cafe"]
    assert _found(text, "CAFÉ") == ["Café", "CAFE", "cafe"]
    assert _found(text, "strasse") == ["Straße", "strasse"]


def test_typographic_apostrophes_and_quotes_match_ascii_ones() -> None:
    text = "I don’t know. I don't know. He said “scale” and \"scale\"."
    assert _found(text, "don't") == ["don’t", "don't"]
    assert _found(text, "don’t") == ["don’t", "don't"]
    assert _found(text, '"scale"') == ["“scale”", '"scale"']


def test_offsets_point_into_the_display_text_after_emoji_and_decomposed_accents() -> None:
    text = "🎧 e\u0301cole 👩‍👩‍👧 naïve école"
    starts = [start for start, _ in TextFinder(text).find_all("ecole").matches]
    assert starts == [2, text.index("école")]
    # The accent of a decomposed "é" is part of the match, so marking it never splits a letter.
    assert _found(text, "ecole")[0] == "e\u0301cole"
    assert _found(text, "naive") == ["naïve"]


def test_any_white_space_matches_any_white_space_and_invisible_characters_are_skipped() -> None:
    text = "deep\nlearning, deep   learning, deep\u00a0learning, learn\u00ading"
    assert _found(text, "deep learning") == ["deep\nlearning", "deep   learning",
                                              "deep\u00a0learning"]
    assert _found(text, "  learning  ") == ["learning", "learning", "learning", "learn\u00ading"]
    assert TextFinder(text).find_all("   ").matches == ()


def test_ligatures_and_expansions_map_back_to_whole_characters() -> None:
    text = "ﬁne Straße"
    assert _found(text, "fine") == ["ﬁne"]
    assert _found(text, "ss") == ["ß"]
    assert _found(text, "sse") == ["ße"]


def test_the_count_says_where_the_reader_is_and_stops_growing_at_the_limit() -> None:
    finder = TextFinder("a " * 50)
    capped = finder.find_all("a", limit=10)
    assert len(capped) == 10 and not capped.complete
    assert capped.describe(2) == "3 of 10+"
    assert finder.find_all("a").describe(None) == "50 matches"
    assert finder.find_all("zebra").describe(None) == "No matches"
    assert FindResult(((0, 1),)).describe(0) == "1 of 1"


def test_match_at_or_after_wraps_round() -> None:
    matches = [(5, 8), (20, 23), (40, 43)]
    assert match_at_or_after(matches, 0) == 0
    assert match_at_or_after(matches, 5) == 0
    assert match_at_or_after(matches, 6) == 1
    assert match_at_or_after(matches, 41) == 0  # past the last one: back to the first
    assert match_at_or_after([], 3) is None


def test_the_bundled_interview_finds_its_typographic_apostrophes() -> None:
    transcript = load_transcript(EYE)
    found = TextFinder(transcript.text).find_all("don't")
    lowered = transcript.text.lower()
    assert len(found) == lowered.count("don’t") + lowered.count("don't") > 0
    assert all(transcript.text[s:e].lower() in ("don’t", "don't") for s, e in found.matches)


WORDS = st.sampled_from(["scale", "Scale", "SCALE", "café", "Café", "cafe", "don’t", "don't",
                         "naïve", "e\u0301", "🎧", "ß", "ss", "x"])


@settings(database=None, max_examples=200, deadline=None)
@given(st.lists(WORDS, max_size=30), st.sampled_from(["scale", "cafe", "don't", "ss", "e", "x"]))
def test_every_match_folds_to_the_query_and_none_is_missed(words: list[str], query: str
                                                           ) -> None:
    text = " ".join(words)
    found = TextFinder(text).find_all(query).matches

    def fold(piece: str) -> str:
        piece = piece.replace("’", "'").casefold()
        return "".join(c for c in unicodedata.normalize("NFKD", piece)
                       if not unicodedata.combining(c))

    assert all(query in fold(text[start:end]) for start, end in found)
    assert list(found) == sorted(found)
    # As many matches as the folded word list holds (no query spans two words here).
    assert len(found) == sum(fold(word).count(query) for word in words)
