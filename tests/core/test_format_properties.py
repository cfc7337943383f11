"""Every format reader, on any input: a transcript or the project's own one-line format error,
never another exception (a traceback in the app, a library scan or an index run stopped).

The readers are taken from ``READERS`` itself, so a reader added later is covered too. Each is
tried alone (the registry is narrowed to it), on arbitrary bytes and on text shaped like the
formats the app reads: lines of cue timings, voice tags, speaker prefixes, Markdown turns and
headings, HTML transcript tags, and JSON documents built from the keys the JSON formats use.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from reader.core import formats
from reader.core.errors import TranscriptError
from reader.core.formats import FormatReader, SourceText, load_transcript
from reader.core.formats.decode import decode_text
from reader.core.model import Transcript

PROPERTIES = settings(database=None, max_examples=30, deadline=None,
                      suppress_health_check=[HealthCheck.too_slow])
SUFFIXES = (".txt", ".md", ".vtt", ".srt", ".ass", ".json", ".html")

_words = st.text(st.sampled_from("abc XYZ.,?!é–’🎧&<>*_[]()\\:#-"), max_size=24)
_names = st.sampled_from(["Ann", "Bob Smith", "SPEAKER_00", "Speaker 1", "Lex Fridman", "A", ""])
_clocks = st.one_of(
    st.builds("{:02d}:{:02d}.{:03d}".format, st.integers(0, 99), st.integers(0, 75),
              st.integers(0, 999)),
    st.builds("{}:{:02d}:{:02d}{}".format, st.integers(0, 120), st.integers(0, 61),
              st.integers(0, 61), st.sampled_from(["", ".5", ",250", ".15"])),
    st.builds("{}.{:03d}".format, st.integers(0, 99_999), st.integers(0, 999)),
    st.sampled_from(["", "99", "-1:00", "1:2:3:4", "00:00:00,000"]),
)
_line = st.one_of(
    st.sampled_from(["", "WEBVTT", "WEBVTT - A Title", "Kind: captions", "NOTE a note",
                     "Style:", "::cue(c) { color: red }", "[Script Info]", "[Events]",
                     "Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, "
                     "Effect, Text", "CHAPTERS", "---", "title: A Talk", "{", "}", "[", "]",
                     "<html><body>", "</body></html>", "## Table of Contents", "1", "2"]),
    st.builds("{} --> {}{}".format, _clocks, _clocks,
              st.sampled_from(["", " align:start position:0%", " line:90%"])),
    st.builds("<v {}>{}".format, _names, _words),
    st.builds("<{}><c> {}</c>".format, _clocks, _words),
    st.builds("{}: {}".format, _names, _words),
    st.builds("{{\\c&HFFF000&}}{}".format, _words),
    st.builds("Dialogue: 0,{},{},Default,{},0,0,0,,{}".format, _clocks, _clocks, _names, _words),
    st.builds("<cite>{}:</cite><time>{}</time><p>{}</p>".format, _names, _clocks, _words),
    st.builds("{} {}".format, st.sampled_from(["#", "##", "###"]), _words),
    st.builds("**{}:** {}".format, _names, _words),
    st.builds("**[{}] {}:** {}".format, _clocks, _names, _words),
    st.builds("{} [({})](https://x.org/?t=1) {}".format, _names, _clocks, _words),
    st.builds("[({})](https://x.org/?t=1) {}".format, _clocks, _words),
    st.builds("  * {} – {}".format, _clocks, _words),
    st.builds("- {} – {}".format, _clocks, _clocks),
    st.builds("\\[{}\\] {}".format, _clocks, _words),
    st.builds("[{}] [{}] {}".format, _names, _clocks, _words),
    st.builds("[{} --> {}]   {}".format, _clocks, _clocks, _words),
    _words,
)
shaped_lines = st.lists(_line, max_size=25).flatmap(
    lambda lines: st.sampled_from(["\n", "\r\n"]).map(lambda end: end.join(lines)))

_JSON_KEYS = ["segments", "start", "end", "text", "speaker", "startTime", "endTime", "body",
              "chapters", "title", "version", "words", "word", "language", "id", "toc",
              "chapter_title", "start_time", "end_time", "chapter_summary", "name", "content"]
_json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-10, 10**6),
              st.floats(allow_nan=True, allow_infinity=True), _words, _clocks),
    lambda children: st.one_of(st.lists(children, max_size=6),
                               st.dictionaries(st.sampled_from(_JSON_KEYS), children,
                                               max_size=6)),
    max_leaves=30,
)
json_documents = _json_values.map(json.dumps)
shaped_text = st.one_of(shaped_lines, json_documents)

_outline_clocks = st.builds("{}:{:02d}".format, st.integers(0, 200), st.integers(0, 59))
# Documents close to each format, so that each reader gets past recognising them: the right
# structure with values that are sometimes of the wrong type, missing or out of range.
_number = st.one_of(st.floats(-10.0, 1e6), st.integers(-5, 10**6), _clocks, st.none(), _words)
_text_value = st.one_of(_words, _words, st.none(), st.integers(), st.lists(_words, max_size=2))
_cue_text = st.lists(st.one_of(_words, st.builds("<v {}>{}".format, _names, _words),
                               st.builds("{}: {}".format, _names, _words)),
                     min_size=1, max_size=3).map("\n".join)


def _joined(parts: st.SearchStrategy[list[str]], head: str = "", sep: str = "\n\n"
            ) -> st.SearchStrategy[str]:
    return parts.map(lambda items: head + sep.join(items))


def _json_list(item: st.SearchStrategy[object]) -> st.SearchStrategy[list[object]]:
    return st.lists(item, max_size=8)


FORMAT_SHAPES: dict[str, st.SearchStrategy[str]] = {
    "webvtt": _joined(st.lists(st.builds("{}{} --> {}\n{}".format,
                                         st.sampled_from(["", "1\n", "a-id\n"]),
                                         _clocks, _clocks, _cue_text), max_size=8),
                      head="WEBVTT\n\n"),
    "subrip": _joined(st.lists(st.builds("{}\n{} --> {}\n{}".format, st.integers(0, 9),
                                         _clocks, _clocks, _cue_text), max_size=8)),
    "substation": _joined(st.lists(st.builds(
        "Dialogue: 0,{},{},Default,{},0,0,0,,{}".format, _clocks, _clocks, _names, _words),
        max_size=8), head="[Script Info]\nTitle: x\n\n[Events]\nFormat: Layer, Start, End, "
                          "Style, Name, MarginL, MarginR, MarginV, Effect, Text\n", sep="\n"),
    "whisper-json": st.fixed_dictionaries(
        {"segments": _json_list(st.fixed_dictionaries(
            {"start": _number, "end": _number, "text": _text_value},
            optional={"id": _number}))},
        optional={"text": _text_value, "language": _text_value}).map(json.dumps),
    "podcast-json": st.fixed_dictionaries(
        {"segments": _json_list(st.fixed_dictionaries(
            {"startTime": _number, "endTime": _number, "body": _text_value},
            optional={"speaker": _text_value}))},
        optional={"version": st.just("1.0.0")}).map(json.dumps),
    "speaker-json": _json_list(st.fixed_dictionaries(
        {"speaker": _text_value},
        optional={"text": _text_value, "content": _text_value, "start": _number,
                  "end": _number})).map(json.dumps),
    "chapters-json": st.one_of(
        st.fixed_dictionaries({"version": st.just("1.2.0"), "chapters": _json_list(
            st.fixed_dictionaries({"startTime": _number, "title": _text_value},
                                  optional={"endTime": _number, "toc": st.booleans()}))}),
        _json_list(st.fixed_dictionaries(
            {"chapter_title": _text_value, "start_time": _number},
            optional={"end_time": _number, "chapter_summary": _text_value}))
    ).map(json.dumps),
    "podcast-html": _joined(st.lists(st.builds(
        "<cite>{}:</cite>\n<time>{}</time>\n<p>{}</p>".format, _names, _clocks, _words),
        max_size=8), sep="\n"),
    "chapter-outline": _joined(st.lists(st.builds(
        "- {} – {}\nT {}\n{}\n- •{}".format, _outline_clocks, _outline_clocks, _words, _words,
        _words), min_size=2, max_size=6), head="A Talk | Show #1\nCHAPTERS\n", sep="\n"),
    "markdown-transcript": _joined(st.lists(st.one_of(
        st.builds("{} {}".format, st.sampled_from(["#", "##", "###"]), _words),
        st.builds("**{}:** {}".format, _names, _words),
        st.builds("**[{}] {}:** {}".format, _clocks, _names, _words),
        st.builds("{} [({})](https://x.org/?t=1) {}".format, _names, _clocks, _words),
        st.builds("[({})](https://x.org/?t=1) {}".format, _clocks, _words),
        st.builds("  * {} – {}".format, _outline_clocks, _words),
        st.builds("\\[{}\\] {} \\[{}\\] {}".format, _clocks, _words, _clocks, _words),
        _words), max_size=14)),
    "speaker-text": st.one_of(
        _joined(st.lists(st.builds("[{}] [{}] {}".format, _names, _clocks, _words),
                         max_size=12), sep="\n"),
        _joined(st.lists(st.builds("{}: {}".format, st.sampled_from(["Ann", "Bob"]), _words),
                         max_size=12))),
}


def shaped_for(reader: FormatReader) -> st.SearchStrategy[str]:
    """Text shaped like the reader's own format (when this file knows it), or like any."""
    own = FORMAT_SHAPES.get(reader.name)
    return shaped_text if own is None else st.one_of(own, own, shaped_text)


any_bytes = st.one_of(
    st.binary(max_size=400),
    st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")),
    shaped_text.flatmap(lambda t: st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"])
                        .map(lambda enc: t.encode(enc, "replace"))),
)


def _ids(reader: FormatReader) -> str:
    return reader.name


@pytest.mark.parametrize("reader", formats.READERS, ids=_ids)
@PROPERTIES
@given(data=any_bytes, suffix=st.sampled_from(SUFFIXES))
@example(data=b"[" * 50_000, suffix=".json")
@example(data=b"{\"segments\": [", suffix=".json")
@example(data=b"\xef\xbb\xbf", suffix=".vtt")
@example(data=b"WEBVTT\n\n" + b"x" * 70_000, suffix=".vtt")
def test_any_bytes_load_as_a_transcript_or_a_one_line_error(
        reader: FormatReader, data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder, \
            mock.patch.object(formats, "READERS", (reader,)):
        path = Path(folder) / f"episode{suffix}"
        path.write_bytes(data)
        try:
            transcript = load_transcript(path)
        except TranscriptError as error:
            assert "\n" not in str(error) and str(path) in str(error)
        else:
            _check(transcript)


@pytest.mark.parametrize("reader", formats.READERS, ids=_ids)
@PROPERTIES
@given(data=st.data(), suffix=st.sampled_from(SUFFIXES))
def test_text_shaped_like_a_format_reads_or_is_refused_as_input(
        reader: FormatReader, data: st.DataObject, suffix: str) -> None:
    text = data.draw(shaped_for(reader))
    path = Path(f"/nonexistent/episode{suffix}")
    try:
        source = SourceText(path, decode_text(path, text.encode("utf-8")).text, "0")
    except TranscriptError:
        return  # empty: never reaches a reader
    try:
        parsed = reader.recognise(source)
        if parsed is None:
            return
        title, _show = reader.describe(parsed)
        transcript = reader.read(parsed)
    except (TranscriptError, *reader.input_errors):
        return  # the registry turns these into one line naming the file
    assert isinstance(title, str)
    _check(transcript)


def _check(transcript: Transcript) -> None:
    """What the window and the index rely on: one line per block, and the time and speaker
    layer answers anywhere in the text."""
    assert isinstance(transcript, Transcript) and transcript.title.strip()
    assert transcript.text.split("\n") == [block.text for block in transcript.blocks]
    for offset in (0, len(transcript.text) // 2, len(transcript.text)):
        if transcript.blocks:
            transcript.time_at(offset)
            transcript.speaker_at(offset)
