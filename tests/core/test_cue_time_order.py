"""Cue times that run wild (word times far outside their cue, cues out of order, a timing
line without its arrow) still give spans inside their cue, in order, and paragraphs that
never end before they start."""

from __future__ import annotations

from reader.core.formats.cues import Cue, paragraphs_from_cues
from reader.core.formats.webvtt import parse_cues


def test_inline_word_times_stay_inside_their_cue_and_in_order() -> None:
    cues, _ = parse_cues("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n"
                         "a <00:00:09.000>b <00:00:01.500>c <99:00:00.000>d\n")
    assert "".join(cue.text for cue in cues).replace(" ", "") == "abcd"
    for cue in cues:
        assert cue.start is not None and cue.end is not None
        assert 1.0 <= cue.start <= cue.end <= 2.0
    starts = [cue.start for cue in cues]
    assert starts == sorted(starts)


def test_inline_word_times_inside_the_cue_still_split_it() -> None:
    cues, _ = parse_cues("WEBVTT\n\n00:00:01.000 --> 00:00:05.000\n"
                         "a <00:00:02.000>b <00:00:04.000>c\n")
    assert [(c.text, c.start, c.end) for c in cues] == [("a", 1.0, 2.0), ("b", 2.0, 4.0),
                                                        ("c", 4.0, 5.0)]


def test_a_webvtt_cue_without_its_arrow_is_noted_like_other_unreadable_cues() -> None:
    cues, notes = parse_cues("WEBVTT\n\n00:00:01.000 00:00:02.000\nlost\n\n"
                             "00:00:03.000 --> 00:00:04.000\nnext\n")
    assert [cue.text for cue in cues] == ["next"]
    assert notes == ("1 cue with unreadable times left out",)


def test_time_going_back_starts_a_new_paragraph() -> None:
    blocks, _ = paragraphs_from_cues([Cue("later", 9999 * 3600.0, 9999 * 3600.0 + 1),
                                      Cue("next", 3.0, 4.0)])
    assert [(b.text, b.start_time, b.end_time) for b in blocks] == [
        ("later", 9999 * 3600.0, 9999 * 3600.0 + 1), ("next", 3.0, 4.0)]


def test_a_paragraph_never_ends_before_it_starts() -> None:
    blocks, _ = paragraphs_from_cues([Cue("odd", 5.0, 2.0)])
    assert blocks[0].start_time == 5.0 and blocks[0].end_time == 5.0
