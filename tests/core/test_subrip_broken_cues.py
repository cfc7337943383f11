"""A SubRip file whose first cue is broken reads like one whose later cue is: the cue left
out with a note, the rest read as cues (not the whole file shown as text, timing lines and
all). A file of cue numbers alone is refused in one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.errors import TranscriptError
from reader.core.formats import load_transcript
from reader.core.model import Transcript

_NEXT = "\n\n2\n00:00:03,000 --> 00:00:04,000\nnext\n"


def _load(tmp_path: Path, text: str) -> Transcript:
    path = tmp_path / "talk.srt"
    path.write_text(text, encoding="utf-8")
    return load_transcript(path)


@pytest.mark.parametrize("timing", ["-00:00:01,000 --> 00:00:02,000",
                                    "00:00:01,000 00:00:02,000"])
def test_a_bad_first_cue_is_left_out_with_a_note(tmp_path: Path, timing: str) -> None:
    transcript = _load(tmp_path, f"1\n{timing}\nbroken{_NEXT}")
    assert transcript.format == "subrip"
    assert transcript.text.strip().endswith("next") and "00:00" not in transcript.text
    assert "broken" not in transcript.text
    assert transcript.notes == ("1 cue with unreadable times left out",)


def test_a_cue_without_its_arrow_later_on_is_noted_too(tmp_path: Path) -> None:
    transcript = _load(tmp_path, "1\n00:00:01,000 --> 00:00:02,000\nfirst\n\n"
                       "2\n00:00:03,000 00:00:04,000\nbroken\n")
    assert "broken" not in transcript.text and "00:00" not in transcript.text
    assert transcript.notes == ("1 cue with unreadable times left out",)


def test_cue_numbers_alone_are_refused_in_one_line(tmp_path: Path) -> None:
    with pytest.raises(TranscriptError) as raised:
        _load(tmp_path, "1\n\n2\n\n3\n\n")
    assert "talk.srt" in str(raised.value) and "without a readable cue" in str(raised.value)
    assert "\n" not in str(raised.value)


def test_any_number_of_fraction_digits_reads(tmp_path: Path) -> None:
    transcript = _load(tmp_path, "1\n0:0:1,0000000000 --> 0:0:2,999999999\nfrac long\n")
    assert transcript.text.strip() == "frac long"
    assert transcript.blocks[-1].start_time == 1.0
