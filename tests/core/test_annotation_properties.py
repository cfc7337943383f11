"""Property tests (Hypothesis) for selectors, anchoring, the JSON codec and merging."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from hypothesis import assume, given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import Levenshtein

from reader.core.annotations import (
    AnchorStatus,
    Annotation,
    QuoteLookupError,
    TextQuote,
    find_quote,
    locate,
)
from reader.core.annotations.anchoring import describe
from reader.core.annotations.merge import merge
from reader.core.annotations.model import AnnotationDocument, Tombstone
from reader.core.annotations.w3c import Encoder, decode

# No example database: runs do not depend on (or store) examples from earlier runs.
PROPERTIES = settings(database=None, max_examples=100, deadline=None)

LETTERS = "abcdefghijklmnopqrstuvwxyzAIé’—🎧-"
GAPS = [" ", " ", " ", "\n", ", ", ". "]


@st.composite
def texts(draw: st.DrawFn, min_words: int = 3) -> str:
    """Text made of words from a small random vocabulary: repeats happen, as in speech."""
    vocabulary = draw(st.lists(st.text(LETTERS, min_size=1, max_size=8), min_size=min_words,
                               max_size=40, unique=True))
    pairs = draw(st.lists(st.tuples(st.sampled_from(vocabulary), st.sampled_from(GAPS)),
                          min_size=8, max_size=120))
    return "".join(word + gap for word, gap in pairs)


@st.composite
def text_and_span(draw: st.DrawFn, min_length: int = 1, min_words: int = 3
                  ) -> tuple[str, int, int]:
    text = draw(texts(min_words))
    assume(len(text) > min_length)
    start = draw(st.integers(0, len(text) - min_length))
    end = draw(st.integers(start + min_length, min(len(text), start + 200)))
    return text, start, end


@PROPERTIES
@given(text_and_span())
def test_a_highlight_anchors_to_its_own_place_in_an_unchanged_text(
        case: tuple[str, int, int]) -> None:
    text, start, end = case
    match = locate(text, describe(text, start, end), hint=start)
    assert match is not None and (match.start, match.end) == (start, end)


@PROPERTIES
@given(text_and_span(), st.data())
def test_a_highlight_anchors_to_its_place_after_an_insertion_elsewhere(
        case: tuple[str, int, int], data: st.DataObject) -> None:
    text, start, end = case
    quote = describe(text, start, end)
    allowed = [p for p in range(len(text) + 1) if p <= start - 32 or p >= end + 32]
    assume(allowed)
    where = data.draw(st.sampled_from(allowed))
    inserted = data.draw(texts())[: len(text) // 4]
    edited = text[:where] + inserted + text[where:]
    shift = len(inserted) if where <= start else 0
    # Unless the quote with its context now occurs twice (no one could tell them apart):
    assume(edited.count(quote.prefix + quote.exact + quote.suffix) == 1)
    match = locate(edited, quote, hint=start)
    assert match is not None and (match.start, match.end) == (start + shift, end + shift)


def no_other_place_within(text: str, quote: str, start: int, edits: int) -> bool:
    """No span of ``text`` starting away from ``start`` is within ``edits`` of ``quote``."""
    for other in range(len(text)):
        if abs(other - start) <= edits:
            continue
        for end in range(other + max(1, len(quote) - edits), other + len(quote) + edits + 1):
            if Levenshtein.distance(quote, text[other:end], score_cutoff=edits) <= edits:
                return False
    return True


@PROPERTIES
@given(text_and_span(min_length=20, min_words=12), st.data())
def test_a_quote_with_one_changed_character_is_found_fuzzily(
        case: tuple[str, int, int], data: st.DataObject) -> None:
    text, start, end = case
    quote = describe(text, start, end)
    where = data.draw(st.integers(start, end - 1))
    edited = text[:where] + "#" + text[where + 1 :]
    # Unless another place is (nearly) as close to the quote: then no one could tell.
    assume(no_other_place_within(edited, quote.exact, start, 2))
    match = locate(edited, quote, hint=start)
    assert match is not None  # fuzzy, or ignoring whitespace if the edit hit the quote's end
    assert Levenshtein.distance(quote.exact, edited[match.start : match.end]) <= 1
    assert abs(match.start - start) <= 1 and abs(match.end - end) <= 1


@PROPERTIES
@given(text_and_span(), st.sampled_from(["\n", "  ", "\t", " \n "]))
def test_whitespace_in_a_typed_quote_matches_any_whitespace(
        case: tuple[str, int, int], gap: str) -> None:
    text, start, end = case
    exact = text[start:end]
    assume(exact.strip() == exact and exact.split() != [])
    typed = gap.join(exact.split())
    try:
        found_start, found_end = find_quote(text, typed)
    except QuoteLookupError as error:  # never "not found": only "found in several places"
        assert error.matches >= 2
        return
    assert text[found_start:found_end].split() == exact.split()


times = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1),
                     timezones=st.just(UTC))
annotations = st.builds(
    Annotation,
    id=st.uuids().map(lambda u: f"urn:uuid:{u}"),
    quote=st.builds(TextQuote, st.text(min_size=1), st.text(), st.text()),
    start=st.none(), end=st.none(),
    color=st.sampled_from(["yellow", "green", "#123456"]),
    note=st.text(), tags=st.lists(st.text(min_size=1), max_size=3).map(tuple),
    status=st.just(AnchorStatus.ORPHANED), created=times, modified=times,
)


@PROPERTIES
@given(st.lists(annotations, max_size=6, unique_by=lambda a: a.id))
def test_the_json_codec_gives_back_what_it_was_given(items: list[Annotation]) -> None:
    document = AnnotationDocument({a.id: a for a in items})
    decoded = decode(json.loads(Encoder().encode(document)))
    assert decoded.records == document.records


@PROPERTIES
@given(st.text(st.sampled_from(["\ud800", "\udbff", "a", "é", "🎧"]), min_size=1))
def test_text_with_lone_surrogates_is_still_written_as_valid_json(text: str) -> None:
    mark = Annotation("urn:uuid:1", TextQuote(text), None, None, note=text,
                      status=AnchorStatus.ORPHANED)
    data = Encoder().encode(AnnotationDocument({mark.id: mark}))
    assert decode(json.loads(data.decode("utf-8"))).records[mark.id] == mark


@PROPERTIES
@given(st.lists(st.tuples(st.integers(0, 5), st.integers(0, 1000), st.booleans()),
                max_size=12),
       st.lists(st.tuples(st.integers(0, 5), st.integers(0, 1000), st.booleans()),
                max_size=12))
def test_merging_in_either_order_gives_the_same_records(
        ours: list[tuple[int, int, bool]], theirs: list[tuple[int, int, bool]]) -> None:
    def document(entries: list[tuple[int, int, bool]], salt: int) -> AnnotationDocument:
        records: dict[str, Annotation | Tombstone] = {}
        for number, minutes, deleted in entries:
            key = f"urn:uuid:{number}"
            # Distinct times on the two sides (a tie keeps the caller's copy by design).
            moment = datetime(2026, 1, 1, tzinfo=UTC) + timedelta(minutes=2 * minutes + salt)
            records[key] = Tombstone(key, moment) if deleted else Annotation(
                key, TextQuote(f"q{salt}"), None, None, modified=moment)
        return AnnotationDocument(records)

    a, b = document(ours, 0), document(theirs, 1)
    assert merge(a, b, {}).document.records == merge(b, a, {}).document.records
