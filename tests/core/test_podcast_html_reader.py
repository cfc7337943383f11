"""Podcasting 2.0 HTML transcripts: speakers from <cite>, times from <time>, text from <p>."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.errors import TranscriptError
from reader.core.formats import load_transcript

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"

PAGE = """
<!-- saved from url=(0054)https://feeds.example.com/transcript -->
<html><head><title>Buzzcast &amp; Friends: Episode 9</title>
<style>p { color: red }</style></head><body><cite>Alban:</cite>
  <time>0:00</time>
  <p>It&#8217;s <b>so</b> nice &amp; easy.<br>Yes.</p>
  <cite>Kevin:</cite>
  <time>0:30</time>
  <p>You guys remember &lt;that&gt;?</p>
  <time>1:05:02</time>
  <p>Still me.</p>
</body></html>
"""


def _write(tmp_path: Path, text: str, name: str = "episode.html") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_page_reads_as_turns_with_speakers_times_and_plain_text(tmp_path: Path) -> None:
    transcript = load_transcript(_write(tmp_path, PAGE))
    assert transcript.format == "podcast-html"
    assert transcript.title == "Buzzcast & Friends: Episode 9"
    assert [(b.start_time, b.speaker, b.text) for b in transcript.blocks] == [
        (0.0, "Alban", "It’s so nice & easy. Yes."),
        (30.0, "Kevin", "You guys remember <that>? Still me."),
    ]
    assert transcript.time_at(transcript.text.index("Still")) == 3902.0


def test_a_fragment_whose_first_turn_has_no_speaker(tmp_path: Path) -> None:
    fragment = ("  <time>0:00</time>\n  <p>Hello, this is the news.</p>\n"
                "  <cite>Jingle:</cite>\n  <time>1:07</time>\n  <p>Pod news!</p>\n")
    transcript = load_transcript(_write(tmp_path, fragment, "weekly-review.html"))
    assert [(b.speaker, b.start_time) for b in transcript.blocks] == [(None, 0.0), ("Jingle", 67.0)]
    assert transcript.title == "Weekly Review"


def test_an_ordinary_web_page_is_refused_in_one_line(tmp_path: Path) -> None:
    page = "<html><body><h1>Blog</h1><p>Posted at <b>noon</b>.</p></body></html>"
    with pytest.raises(TranscriptError, match="is a web page with no transcript") as raised:
        load_transcript(_write(tmp_path, page, "blog.html"))
    assert "\n" not in str(raised.value) and "blog.html" in str(raised.value)
    # The same markup in a .txt file is text like any other.
    assert load_transcript(_write(tmp_path, page, "blog.txt")).format != "podcast-html"


def test_a_time_that_is_not_a_time_is_noted_and_the_turn_kept(tmp_path: Path) -> None:
    text = "<time>0:00</time><p>Start.</p><cite>B:</cite><time>7:75</time><p>Odd time.</p>"
    transcript = load_transcript(_write(tmp_path, text))
    assert "Odd time." in transcript.text
    assert any("7:75" in note for note in transcript.notes)


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"no shared test corpus at {CORPUS}")
def test_the_buzzcast_page_has_its_speakers_and_times() -> None:
    transcript = load_transcript(CORPUS / "html" / "buzzcast-buzzsprout-transcript.html")
    first = transcript.blocks[0]
    assert (first.speaker, first.start_time) == ("Alban", 0.0)
    assert transcript.blocks[1].speaker == "Kevin" and transcript.blocks[1].start_time == 30.0
    assert "<" not in transcript.text and "&amp;" not in transcript.text


def test_a_stray_less_than_sign_is_text_and_comments_are_not(tmp_path: Path) -> None:
    text = ("<!DOCTYPE html><time>0:00</time><p>a < b and c<d, x <!-- hidden --> y</p>"
            "<script>var s = '<p>not a turn</p>';</script><time>0:09</time><p>Last<![CDATA[")
    transcript = load_transcript(_write(tmp_path, text))
    assert transcript.text == "a < b and c<d, x y Last"


def test_notes_that_quote_the_tags_are_not_a_transcript_page(tmp_path: Path) -> None:
    notes = ("# Corpus notes\n\nBuzzsprout pages repeat `<cite>Name:</cite><time>0:00</time>"
             "<p>…</p>` for each turn.\n\nAnother line about <time>1:00</time> and <p>.\n")
    transcript = load_transcript(_write(tmp_path, notes, "MANIFEST.md"))
    assert transcript.format != "podcast-html"
    assert "Buzzsprout pages repeat" in transcript.text
    # The same markup saved without a page suffix is still read when it is markup throughout.
    fragment = "  <time>0:00</time>\n  <p>Hello, this is the news.</p>\n"
    assert load_transcript(_write(tmp_path, fragment, "weekly.txt")).format == "podcast-html"
