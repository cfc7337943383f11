"""Highlights follow their text when the transcript file is edited, re-wrapped or re-exported."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from reader.core.annotations import (
    AnchorStatus,
    AnnotationStore,
    QuoteLookupError,
    find_quote,
    locate,
)
from reader.core.annotations.anchoring import describe
from reader.core.formats import load_transcript
from tests.conftest import EYE, LEX
from tests.core.test_annotation_support import (
    copy_transcript,
    edit_transcript,
    highlight,
    open_store,
)

LEX_QUOTE = "Over-parameterization wasn’t the main worry; compute availability was"
EYE_QUOTE = "the convolutional neural network whose dramatic performance stunned"


def test_highlights_move_with_text_inserted_before_them(tmp_path: Path) -> None:
    path = copy_transcript(EYE, tmp_path)
    store = open_store(path)
    mark = highlight(store, EYE_QUOTE, note="AlexNet")
    old_start = store.get(mark).start  # type: ignore[union-attr]
    store.save()
    inserted = "A new opening paragraph the editor added later.\n\n"
    edited = edit_transcript(path, lambda text: text.replace("I’m Craig Smith", inserted
                                                             + "I’m Craig Smith", 1))

    again = AnnotationStore(edited)
    loaded = again.load()
    assert (loaded.moved, loaded.orphaned) == (1, 0) and loaded.saved is not None
    moved = again.get(mark)
    assert moved is not None and moved.status is AnchorStatus.ANCHORED
    assert moved.start is not None and moved.start > old_start  # type: ignore[operator]
    assert edited.text[moved.start : moved.end] == EYE_QUOTE
    stored = json.loads(again.path.read_text(encoding="utf-8"))
    assert stored["tr:transcript"]["textHash"] == edited.text_hash  # written back
    assert stored["tr:transcript"]["fingerprint"] == edited.fingerprint


def test_a_reworded_quote_is_found_by_fuzzy_matching(tmp_path: Path) -> None:
    path = copy_transcript(LEX, tmp_path)
    store = open_store(path)
    mark = highlight(store, LEX_QUOTE, note="compute first")
    store.save()
    reworded = "Over-parameterisation was not the main worry; compute availability was"
    edited = edit_transcript(path, lambda text: text.replace(LEX_QUOTE, reworded))

    found = open_store(path).get(mark)
    assert found is not None and not found.orphaned and found.note == "compute first"
    assert edited.text[found.start : found.end] == reworded
    assert found.exact == reworded  # the stored quote now describes the new text


def test_highlights_survive_re_wrapped_lines(tmp_path: Path) -> None:
    path = copy_transcript(EYE, tmp_path)
    store = open_store(path)
    text = store.transcript.text
    # A highlight across a paragraph break: the re-wrapped file puts that break elsewhere.
    boundary = text.index("\n", text.index("I don’t want to waste"))
    across = highlight(store, text[boundary - 40 : boundary + 30].strip())
    inside = highlight(store, EYE_QUOTE)
    store.save()

    def rewrap(source: str) -> str:
        head, body = source.split("\n", 4)[:4], source.split("\n", 4)[4]
        return "\n".join(head) + "\n" + "\n\n".join(textwrap.wrap(" ".join(body.split()), 50))

    edited = edit_transcript(path, rewrap)
    assert edited.text_hash != store.transcript.text_hash  # the display text did change
    again = open_store(path)
    for mark in (across, inside):
        before, after = store.get(mark), again.get(mark)
        assert before is not None and after is not None and not after.orphaned
        assert " ".join(edited.text[after.start : after.end].split()) == " ".join(
            before.exact.split())


def test_crlf_line_endings_keep_every_offset(tmp_path: Path) -> None:
    path = copy_transcript(LEX, tmp_path)
    store = open_store(path)
    mark = highlight(store, LEX_QUOTE)
    store.save()
    edited = edit_transcript(path, lambda text: text.replace("\n", "\r\n"))
    assert edited.fingerprint != store.transcript.fingerprint
    assert edited.text_hash == store.transcript.text_hash

    again = open_store(path)
    assert again.get(mark) == store.get(mark)
    stored = json.loads(again.path.read_text(encoding="utf-8"))
    assert stored["tr:transcript"]["fingerprint"] == edited.fingerprint


def test_a_highlight_whose_text_was_removed_is_kept_as_an_orphan(tmp_path: Path) -> None:
    path = copy_transcript(LEX, tmp_path)
    store = open_store(path)
    lost = highlight(store, LEX_QUOTE, note="still mine", tags=["keep"])
    kept = highlight(store, "Hard benchmarks")
    store.save()
    edit_transcript(path, lambda text: text.replace("- •" + LEX_QUOTE + "\n", ""))

    again = AnnotationStore(load_transcript(path))
    loaded = again.load()
    assert (loaded.moved, loaded.orphaned) == (1, 1)  # the other one comes after the cut
    orphan = again.get(lost)
    assert orphan is not None and orphan.orphaned and orphan.status is AnchorStatus.ORPHANED
    assert (orphan.exact, orphan.note, orphan.tags) == (LEX_QUOTE, "still mine", ("keep",))
    assert [a.id for a in again.annotations()] == [kept, lost]  # orphans last
    stored = json.loads(again.path.read_text(encoding="utf-8"))
    entry = next(a for a in stored["annotations"] if a["id"] == lost)
    assert entry["tr:status"] == "orphaned"
    assert [s["type"] for s in entry["target"]["selector"]] == ["TextQuoteSelector"]

    # Still an orphan on the next load, and it can be re-attached to a new selection.
    third = open_store(path)
    assert third.get(lost).orphaned  # type: ignore[union-attr]
    start = third.transcript.text.index("Spiking neural nets")
    reattached = third.reattach(lost, start, start + len("Spiking neural nets"))
    assert not reattached.orphaned and reattached.note == "still mine"
    third.save()
    assert open_store(path).get(lost).exact == "Spiking neural nets"  # type: ignore[union-attr]


def test_repeated_quotes_are_told_apart_by_context_and_position() -> None:
    text = "the cat sat. a dog ran. the cat sat. a bird flew. the cat sat."
    second = text.index("the cat sat", 20)
    quote = describe(text, second, second + len("the cat sat"))
    edited = "Preface. " + text
    match = locate(edited, quote, hint=second)
    assert match is not None and match.start == second + len("Preface. ")
    # Without a hint the context alone decides.
    alone = locate(edited, quote)
    assert alone is not None and alone.start == second + len("Preface. ")


def test_fuzzy_matching_is_bounded_by_the_quote_length() -> None:
    quote = describe("xx the quick brown fox jumps yy", 3, 28)
    assert locate("the quick brown cat jumps", quote) is not None  # 3 edits of 25
    assert locate("a slow green turtle crawls", quote) is None  # an unrelated text


def test_fuzzy_matching_on_a_long_transcript_finds_the_changed_quote() -> None:
    filler = load_transcript(EYE).text.replace(EYE_QUOTE, "it")
    text = filler * 2 + f"Then {EYE_QUOTE} everyone. " + filler * 2  # ~130 KB, quote once
    start = text.index(EYE_QUOTE)
    quote = describe(text, start, start + len(EYE_QUOTE))
    reworded = "the convolutional neural net whose dramatic results stunned"
    match = locate(text.replace(EYE_QUOTE, reworded), quote, hint=start)
    assert match is not None and match.method == "fuzzy"
    assert (match.start, match.end) == (start, start + len(reworded))


def test_find_quote_ignores_whitespace_differences() -> None:
    text = "One line\nand the next.  Then   more."
    start, end = find_quote(text, "line and   the\tnext")
    assert text[start:end] == "line\nand the next"


def test_find_quote_reports_how_many_places_matched() -> None:
    text = "a cat. a dog. a cat!"
    with pytest.raises(QuoteLookupError) as missing:
        find_quote(text, "a cow")
    assert missing.value.matches == 0 and "0 places" in str(missing.value)
    with pytest.raises(QuoteLookupError) as several:
        find_quote(text, "a  cat")
    assert several.value.matches == 2 and "2 places" in str(several.value)
    assert "\n" not in str(several.value)
    assert find_quote(text, "a cat", suffix="!") == (14, 19)
    assert find_quote(text, "a cat", prefix="dog.") == (14, 19)
    with pytest.raises(QuoteLookupError) as none_fit:
        find_quote(text, "a cat", suffix="?")
    assert none_fit.value.matches == 0 and "2 places" in str(none_fit.value)
