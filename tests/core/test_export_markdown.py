"""Markdown export: what a reader of the exported file sees, in its source and rendered.

The two snapshots (tests/snapshots/export/) were read by eye; the tests also check the
structure explicitly, rendered by Python-Markdown (the app's preview) and by a CommonMark
parser (what Obsidian, GitHub and Pandoc follow). ``UPDATE_SNAPSHOTS=1`` rewrites them.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import xml.etree.ElementTree as ElementTree
from datetime import date
from pathlib import Path

import markdown
import pytest
import yaml
from markdown_it import MarkdownIt

from reader.core.annotations import TextQuote
from reader.core.annotations.anchoring import place
from reader.core.annotations.model import Annotation, TranscriptNote
from reader.core.export import (
    NotesStore,
    TranscriptNotes,
    load_notes,
    render_combined,
    render_transcript,
)
from reader.core.export.escape import escape_heading, escape_line
from reader.core.export.markdown_export import highlight_time
from reader.core.export.preview import preview_html, split_front_matter
from reader.core.formats import load_transcript
from reader.core.model import ChapterKind, ChapterSpec, place_chapters
from tests.conftest import EYE, LEX
from tests.core.export_fixtures import (
    EYE_CHAPTERS,
    LEX_HIGHLIGHTS,
    TRICKY_QUOTE,
    annotate_eye,
    annotate_lex,
    highlight,
)

SNAPSHOTS = Path(__file__).resolve().parents[1] / "snapshots" / "export"


@pytest.fixture
def lex_notes(tmp_path: Path) -> TranscriptNotes:
    path = tmp_path / LEX.name
    shutil.copyfile(LEX, path)
    annotate_lex(path)
    return load_notes(path)


@pytest.fixture
def eye_notes(tmp_path: Path) -> TranscriptNotes:
    path = tmp_path / EYE.name
    shutil.copyfile(EYE, path)
    store = NotesStore(annotate_eye(path))  # with the fixture's own chapters
    store.load(write_back=False)
    return store.notes()


def check_snapshot(name: str, text: str) -> None:
    path = SNAPSHOTS / name
    if os.environ.get("UPDATE_SNAPSHOTS"):
        path.write_bytes(text.encode("utf-8"))
    assert text.encode("utf-8") == path.read_bytes(), f"{name} differs from the snapshot"


def rendered(markdown_text: str) -> ElementTree.Element:
    """The body as Python-Markdown renders it, as an element tree."""
    _, body = split_front_matter(markdown_text)
    return ElementTree.fromstring(f"<div>{markdown.markdown(body)}</div>")


def commonmark_blocks(markdown_text: str) -> list[str]:
    _, body = split_front_matter(markdown_text)
    return [token.type for token in MarkdownIt("commonmark").parse(body)]


def text_of(element: ElementTree.Element) -> str:
    return "".join(element.itertext()).strip()


def front(markdown_text: str) -> dict[str, object]:
    head, _ = split_front_matter(markdown_text)
    loaded = yaml.safe_load(head)
    assert isinstance(loaded, dict)
    return loaded


# --- the two interviews ----------------------------------------------------------------------

def test_lex_export_matches_the_reviewed_snapshot(lex_notes: TranscriptNotes) -> None:
    check_snapshot("lex-fridman-94.md", render_transcript(lex_notes))


def test_eye_export_matches_the_reviewed_snapshot(eye_notes: TranscriptNotes) -> None:
    check_snapshot("eye-on-ai.md", render_transcript(eye_notes))


def test_front_matter_is_yaml_with_title_show_file_date_counts_and_tags(
        lex_notes: TranscriptNotes) -> None:
    fields = front(render_transcript(lex_notes))
    assert fields == {
        "title": "Ilya Sutskever: Deep Learning | Lex Fridman Podcast #94",
        "show": "Lex Fridman Podcast",
        "source": LEX.name,
        "exported": date(2026, 3, 17),  # the transcript note's modified time, not today
        "highlights": 5,
        "notes": 4,  # three highlight notes and the transcript note
        "tags": ["history-of-ML", "optimization", "scaling", "tricky"],
        "generator": "Transcript Reader",  # how the library tells its exports from transcripts
    }
    assert list(fields) == ["title", "show", "source", "exported", "highlights", "notes", "tags",
                            "generator"]


def test_lex_reads_as_title_note_chapters_with_times_then_orphans(
        lex_notes: TranscriptNotes) -> None:
    tree = rendered(render_transcript(lex_notes))
    assert [text_of(h) for h in tree.iter("h1")] == [lex_notes.transcript.title]
    assert [text_of(h) for h in tree.iter("h2")] == [
        "AlexNet origins: training deep nets end-to-end and the compute bottleneck (0:00)",
        "Deep Double Descent: when bigger models get worse before they get better (36:05)",
        "Language models and scaling: from syntax to semantics, the ‘sentiment neuron,’ and "
        "GPT-2 (56:29)",
        "Orphaned highlights",
    ]
    children = list(tree)
    # The transcript note comes between the title and the first chapter, Markdown rendered.
    first_chapter = next(i for i, c in enumerate(children) if c.tag == "h2")
    note = children[1:first_chapter]
    assert [c.tag for c in note] == ["p", "blockquote", "ol"]
    assert note[0].find("strong") is not None


def test_each_highlight_is_a_quote_then_time_colour_and_tags_then_the_note(
        lex_notes: TranscriptNotes) -> None:
    tree = rendered(render_transcript(lex_notes))
    quotes = [q for q in tree.findall("blockquote")]
    assert len(quotes) == 1 + len(LEX_HIGHLIGHTS) + 1  # the note's, the highlights, the orphan
    children = list(tree)
    first = children.index(quotes[1])
    assert text_of(quotes[1]) == LEX_HIGHLIGHTS[0][0]
    assert text_of(children[first + 1]) == "0:00 · yellow · #optimization #history-of-ML"
    assert children[first + 1].find("em") is not None
    assert text_of(children[first + 2]) == "Martens (2010) is still the reference."
    assert children[first + 3].tag == "ul"  # the note's own list, as written
    pink = children[children.index(quotes[3]) + 1]
    assert text_of(pink) == "36:05 · pink · #scaling"


def test_a_multi_line_quote_quotes_every_line(lex_notes: TranscriptNotes) -> None:
    text = render_transcript(lex_notes)
    lines = text.splitlines()
    start = lines.index("> Over-parameterization wasn’t the main worry; compute availability was")
    assert lines[start:start + 4] == [
        "> Over-parameterization wasn’t the main worry; compute availability was",
        ">",
        "> Alex’s fast CUDA kernels + ImageNet as the catalytic combination",
        "",
    ]
    quote = rendered(text).findall("blockquote")[2]
    assert [text_of(p) for p in quote] == LEX_HIGHLIGHTS[1][0].split("\n")


def test_orphans_come_last_with_quote_and_note_intact(lex_notes: TranscriptNotes) -> None:
    text = render_transcript(lex_notes)
    assert text.index("## Orphaned highlights") > text.index("## Language models")
    tree = rendered(text)
    orphan = tree.findall("blockquote")[-1]
    # Every line of the quote stays text: no heading, nested quote, list, code or HTML.
    assert [text_of(p) for p in orphan] == TRICKY_QUOTE.split("\n")
    assert [c.tag for c in orphan] == ["p"] * 5
    assert not [e for e in orphan.iter() if e.tag not in ("blockquote", "p")]
    assert text.rstrip().endswith("*purple* · #tricky\n\nKept from an older version of the text.")


def test_commonmark_sees_the_same_structure(lex_notes: TranscriptNotes) -> None:
    blocks = commonmark_blocks(render_transcript(lex_notes))
    assert blocks.count("heading_open") == 5
    assert blocks.count("blockquote_open") == 6  # the note's, four highlights, the orphan
    # The only lists are the ones written in notes (the transcript note's and one highlight's).
    assert blocks.count("ordered_list_open") == 1 and blocks.count("bullet_list_open") == 1
    assert "html_block" not in blocks and "fence" not in blocks and "code_block" not in blocks


def test_eye_chapters_made_by_the_user_count_as_chapters(eye_notes: TranscriptNotes) -> None:
    tree = rendered(render_transcript(eye_notes))
    titles = [title for _, title in EYE_CHAPTERS]
    assert [text_of(h) for h in tree.iter("h2")] == [*titles, "Orphaned highlights"]
    # No times in a raw transcript: neither heading nor highlight claims one.
    assert "0:00" not in render_transcript(eye_notes)
    assert text_of(tree.findall("p")[1]) == "orange"


def test_exporting_twice_gives_the_same_bytes_and_date_can_be_given(
        lex_notes: TranscriptNotes, tmp_path: Path) -> None:
    again = load_notes(tmp_path / LEX.name)
    assert render_transcript(again) == render_transcript(lex_notes)
    dated = render_transcript(lex_notes, date(2030, 1, 2))
    assert front(dated)["exported"] == date(2030, 1, 2)
    assert dated.replace("2030-01-02", "2026-03-17") == render_transcript(lex_notes)


def test_combined_file_has_one_front_matter_and_a_title_per_transcript(
        lex_notes: TranscriptNotes, eye_notes: TranscriptNotes) -> None:
    text = render_combined([eye_notes, lex_notes])
    fields = front(text)
    assert fields["highlights"] == 9 and fields["notes"] == 7
    assert fields["transcripts"] == [eye_notes.transcript.title, lex_notes.transcript.title]
    assert fields["exported"] == date(2026, 3, 17)
    tree = rendered(text)
    assert [text_of(h) for h in tree.iter("h1")] == [eye_notes.transcript.title,
                                                    lex_notes.transcript.title]
    assert text.count("\n---\n") == 1  # the front matter's end; no second front matter
    assert "*Lex Fridman Podcast · lex-fridman-94-ilya-sutskever-chapters.txt*" in text


# --- characters that would break the structure -------------------------------------------

TRICKY_TALK = """Tricky talk

# not a heading, said the host.

> not a quote either.

- not a list item.

1. not an ordered list.

Code like `rm -rf` and <b>bold</b> and *stars* and [a link](http://x.test) stay text.

--- that was not a rule.
"""


def test_quotes_full_of_markdown_syntax_render_as_the_words_spoken(tmp_path: Path) -> None:
    path = tmp_path / "tricky.txt"
    path.write_text(TRICKY_TALK, encoding="utf-8")
    transcript = load_transcript(path)
    spoken = transcript.text.split("\n", 1)[1]  # everything after the title line
    whole = highlight(transcript, 1, spoken, "yellow", "", (), 1)
    text = render_transcript(TranscriptNotes(transcript, (whole,)))
    quote = rendered(text).find("blockquote")
    assert quote is not None
    assert [text_of(p) for p in quote] == spoken.split("\n")
    assert not [e for e in quote.iter() if e.tag not in ("blockquote", "p")]
    blocks = commonmark_blocks(text)
    assert blocks.count("paragraph_open") == 7  # the six quoted lines and the details
    tokens = MarkdownIt("commonmark").parse(split_front_matter(text)[1])
    opened = next(i for i, t in enumerate(tokens) if t.type == "blockquote_open")
    closed = next(i for i, t in enumerate(tokens) if t.type == "blockquote_close")
    inline = [t for t in tokens[opened:closed] if t.type == "inline"]
    assert [t.content for t in inline] == [escape_line(line) for line in spoken.split("\n")]
    children = {c.type for t in inline for c in (t.children or [])}
    assert not children & {"code_inline", "html_inline", "em_open", "link_open"}


@pytest.mark.parametrize(("line", "escaped"), [
    ("# heading", "\\# heading"),
    ("> quote", "\\> quote"),
    ("- item", "\\- item"),
    ("+ item", "\\+ item"),
    ("* item", "\\* item"),
    ("1. first", "1\\. first"),
    ("2) second", "2\\) second"),
    ("---", "\\---"),
    ("~~~", "&#126;~~"),
    ("`code`", "\\`code\\`"),
    ("<b>bold</b>", "&lt;b>bold&lt;/b>"),
    ("a snake_case word", "a snake_case word"),
    ("AT&T and &amp;", "AT&T and &amp;amp;"),
    ("#deep and #94", "\\#deep and #94"),
    ("    four spaces", "four spaces"),
])
def test_a_quote_line_escapes_only_what_would_become_structure(line: str, escaped: str) -> None:
    assert escape_line(line) == escaped


def test_titles_keep_trailing_hashes_and_colons(tmp_path: Path) -> None:
    assert escape_heading("Programming in C#") == "Programming in C\\#"
    assert escape_heading("Podcast #94") == "Podcast #94"
    tree = ElementTree.fromstring(f"<div>{markdown.markdown('# ' + escape_heading('C#'))}</div>")
    assert text_of(tree) == "C#"


def test_a_title_with_quotes_and_colons_survives_the_front_matter(tmp_path: Path) -> None:
    path = tmp_path / "talk.txt"
    path.write_text("Intro\n\nWords here.\n", encoding="utf-8")
    transcript = dataclasses.replace(load_transcript(path),
                                     title='"Yes": it\'s #1 — a: b {c} [d] & *e*',
                                     show="- show: \"x\"")
    marked = highlight(transcript, 1, "Words here.", "yellow", "", ("a b", "c"), 1)
    fields = front(render_transcript(TranscriptNotes(transcript, (marked,))))
    assert fields["title"] == transcript.title and fields["show"] == transcript.show
    assert fields["tags"] == ["a-b", "c"]


def test_a_note_that_leaves_a_code_block_open_does_not_swallow_the_next_highlight(
        tmp_path: Path) -> None:
    path = tmp_path / LEX.name
    shutil.copyfile(LEX, path)
    transcript = load_transcript(path)
    first = highlight(transcript, 1, LEX_HIGHLIGHTS[0][0], "yellow", "```python\nx = 1", (), 1)
    second = highlight(transcript, 2, LEX_HIGHLIGHTS[2][0], "pink", "", (), 2)
    tree = rendered(render_transcript(TranscriptNotes(transcript, (first, second))))
    assert len(tree.findall("blockquote")) == 2
    assert len(tree.findall("h2")) == 2


# --- chapters and times ------------------------------------------------------------------

def test_highlights_before_the_first_chapter_and_chapters_without_times(tmp_path: Path) -> None:
    path = tmp_path / "talk.txt"
    path.write_text("Talk\n\nOpening words.\n\nMiddle words.\n\nClosing words.\n",
                    encoding="utf-8")
    plain = load_transcript(path)
    chaptered = dataclasses.replace(plain, chapters=place_chapters(plain.blocks, [
        ChapterSpec("Middle: part *two*", 2, kind=ChapterKind.USER, id="user-1")]))
    marks = tuple(highlight(chaptered, i, q, "yellow", "", (), i)
                  for i, q in enumerate(("Opening words.", "Middle words."), start=1))
    headings = [text_of(h) for h in rendered(render_transcript(
        TranscriptNotes(chaptered, marks))).iter("h2")]
    assert headings == ["Before the first chapter", "Middle: part *two*"]
    assert [text_of(h) for h in rendered(render_transcript(
        TranscriptNotes(plain, marks))).iter("h2")] == ["Highlights"]


def test_the_time_is_the_time_where_the_highlight_starts(lex_notes: TranscriptNotes) -> None:
    transcript = lex_notes.transcript
    times = [highlight_time(transcript, a) for a in lex_notes.annotations]
    assert times == [0.0, 0.0, 2165.0, 3389.0, None]  # 36:05, 56:29; the orphan has none


def test_nothing_to_export_is_empty(tmp_path: Path) -> None:
    path = tmp_path / LEX.name
    shutil.copyfile(LEX, path)
    assert load_notes(path).empty
    blank_note = TranscriptNote("urn:uuid:1", "  \n", None, None)
    assert TranscriptNotes(load_transcript(path), (), blank_note).empty


def test_a_hex_colour_from_another_tool_is_not_a_tag(tmp_path: Path) -> None:
    path = tmp_path / LEX.name
    shutil.copyfile(LEX, path)
    transcript = load_transcript(path)
    start = transcript.text.index("Deep Double Descent")
    marked = place(Annotation("urn:uuid:2", TextQuote(""), None, None, "#ff8800"),
                   transcript, start, start + 19)
    text = render_transcript(TranscriptNotes(transcript, (marked,)))
    assert "*36:05 · \\#ff8800*" in text


def test_preview_shows_front_matter_as_code_and_the_body_rendered(
        lex_notes: TranscriptNotes) -> None:
    html = preview_html(render_transcript(lex_notes))
    assert html.startswith("<pre>title: &#x27;Ilya") or html.startswith("<pre>title: 'Ilya")
    assert "<h2>Orphaned highlights</h2>" in html
    assert "<b>" not in html  # the orphan's <b> is text: &lt;b&gt;
    assert "&lt;b&gt;bold&lt;/b&gt;" in html


def test_a_highlight_inside_a_paragraph_of_cues_has_its_own_cue_time(tmp_path: Path) -> None:
    from reader.core.model import TimedSpan

    path = tmp_path / "talk.txt"
    path.write_text("Talk\n\nFirst cue words. Second cue words.\n", encoding="utf-8")
    plain = load_transcript(path)
    paragraph = plain.blocks[1]
    middle = paragraph.start + paragraph.text.index("Second")
    timed = dataclasses.replace(plain, spans=(
        TimedSpan(paragraph.start, middle - 1, 61.0, 64.0),
        TimedSpan(middle, paragraph.end, 3725.0, 3730.0)))
    marked = highlight(timed, 1, "Second cue words.", "yellow", "", (), 1)
    assert "*1:02:05 · yellow*" in render_transcript(TranscriptNotes(timed, (marked,)))
