"""A note cannot change the export outside its own highlight: whatever it holds (raw HTML,
fences left open or closed differently by different readers, U+2028), the next highlight's
quote is still a quote and the next chapter still a heading, for CommonMark (Obsidian,
GitHub) and for Python-Markdown (the app's preview); HTML in a note is text, as in the app."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from functools import cache

import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from reader.core.export import TranscriptNotes, render_transcript
from reader.core.export.escape import escape_heading, escape_line
from reader.core.export.preview import split_front_matter
from reader.core.formats import load_transcript
from reader.core.model import Transcript
from tests.conftest import LEX
from tests.core.export_fixtures import LEX_HIGHLIGHTS, highlight

FIRST_CHAPTER = ("AlexNet origins: training deep nets end-to-end and the compute bottleneck "
                 "(0:00)")
NEXT_CHAPTER = ("Deep Double Descent: when bigger models get worse before they get better "
                "(36:05)")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
SECOND_QUOTE = LEX_HIGHLIGHTS[1][0].split("\n")[0]
THIRD_QUOTE = LEX_HIGHLIGHTS[2][0]

HOSTILE_NOTES = [
    "<!-- x",
    "<script>alert(1)",
    "<script>alert(1)</script>",
    "<pre>\nkept?",
    "<style>p {}",
    "<textarea>",
    "<?php echo 1;",
    "<![CDATA[ x",
    "<!DOCTYPE x",
    "<div>\nstill html",
    "<custom-tag>\n",
    "```python\nx = 1",
    "~~~\nx",
    "``` a`b\ncode\n```",
    "x\u2028```\ncode",
    "- item\n\n  ```\n  code",
    "- item\n  ```\ncode\n```",
    "```\ncode\n````",
    "```\ncode\n  ```",
    "``` python extra\ncode\n```",
    "  ```\n  code\nout\n  ```",
    "> ```\n> code",
    "`a\n<script>` `",
    "`a\\` <script> `",
    "| `<script>|` |\n| - |",
    "~~~```~~~`<script>`",  # Python-Markdown reads ``` as ` when no ``` closes it
    "`<script>``<script>`<script>`<script>``<script>`",
    "```\f```",
]


@cache
def lex() -> Transcript:
    return load_transcript(LEX)


def export_with_note(note: str) -> str:
    transcript = lex()
    marks = tuple(highlight(transcript, number, quote, "yellow", note if number == 1 else "",
                            (), number)
                  for number, (quote, *_) in enumerate(LEX_HIGHLIGHTS[:3], start=1))
    return split_front_matter(render_transcript(TranscriptNotes(transcript, marks)))[1]


def _all(tokens: list[Token]) -> list[Token]:
    return [t for token in tokens for t in (token, *_all(token.children or []))]


def check_commonmark(body: str) -> None:
    parser = MarkdownIt("commonmark")
    tokens = parser.parse(body)
    top = [(t.type, tokens[i + 1].content if i + 1 < len(tokens) else "")
           for i, t in enumerate(tokens) if t.level == 0]
    headings = [content for kind, content in top if kind == "heading_open"]
    # The note may hold headings of its own, between the two chapters.
    assert headings[1] == escape_heading(FIRST_CHAPTER)
    assert headings[-1] == escape_heading(NEXT_CHAPTER)
    quotes = [tokens[i + 2].content for i, t in enumerate(tokens)
              if t.type == "blockquote_open" and t.level == 0]
    assert quotes[-2:] == [escape_line(SECOND_QUOTE), escape_line(THIRD_QUOTE)]
    assert not [t for t in _all(tokens) if t.type in ("html_block", "html_inline")]


def check_python_markdown(body: str) -> None:
    html = markdown.markdown(body, extensions=["fenced_code"])
    # Control characters a note may hold are not XML (the element tree is only a checker).
    tree = ElementTree.fromstring(f"<div>{re.sub(CONTROL, '', html)}</div>")
    headings = ["".join(h.itertext()) for h in tree.findall("h2")]
    assert headings[0] == FIRST_CHAPTER and headings[-1] == NEXT_CHAPTER
    quoted = ["".join(q.itertext()) for q in tree.findall("blockquote")]
    assert SECOND_QUOTE in quoted[-2] and THIRD_QUOTE in quoted[-1]
    assert not {e.tag for e in list(tree.iter())[1:]} & {"script", "style", "textarea", "div",
                                                         "custom-tag"}
    assert "<!--" not in html and "<?php" not in html


@pytest.mark.parametrize("note", HOSTILE_NOTES)
def test_a_note_cannot_swallow_the_next_highlight_or_chapter(note: str) -> None:
    body = export_with_note(note)
    check_commonmark(body)
    check_python_markdown(body)


def test_html_in_a_note_is_text_and_code_stays_as_typed() -> None:
    body = export_with_note("Use `List<int>` or <b>bold</b>, see <https://x.test>.\n\n"
                            "```html\n<b>kept</b>\n```")
    assert "Use `List<int>` or &lt;b>bold&lt;/b>, see <https://x.test>.\n\n" \
           "```html\n<b>kept</b>\n```" in body
    html = MarkdownIt("commonmark").render(body)
    assert "<code>List&lt;int&gt;</code> or &lt;b&gt;bold&lt;/b&gt;" in html
    assert '<a href="https://x.test">https://x.test</a>' in html
    assert "<code class=\"language-html\">&lt;b&gt;kept&lt;/b&gt;\n</code>" in html


def test_a_fence_left_open_is_text_not_a_closing_line_that_opens_another() -> None:
    body = export_with_note("- item\n\n  ```\n  code")
    assert "- item\n\n  \\```\n  code\n\n> " in body


FRAGMENTS = ["```", "~~~", "````", "`", "``", " ", "  ", "    ", "\t", "\n", "\n\n", "\r",
             "\u2028", "<", "<!--", "-->", "<script>", "</script>", "<pre>", "</pre>",
             "<?php", "?>", "<![CDATA[", "]]>", "<div>", "<b>", "a", "python", "- ", "> ",
             "1. ", "# ", "\\", "|", "*", "=", "---", "<https://x.test>"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=30).map("".join))
def test_random_notes_stay_inside_their_highlight(note: str) -> None:
    body = export_with_note(note)
    check_commonmark(body)
    check_python_markdown(body)


@pytest.mark.parametrize(("colour", "shown"), [
    ("red*\n# Injected", "red\\* # Injected"),
    ("red\u2028# Injected", "red # Injected"),
    ("x\r\n---", "x ---"),
])
def test_a_colour_holding_a_newline_stays_on_the_details_line(colour: str, shown: str) -> None:
    transcript = lex()
    quote = LEX_HIGHLIGHTS[2][0]
    marked = highlight(transcript, 1, quote, colour, "", (), 1)
    body = split_front_matter(render_transcript(TranscriptNotes(transcript, (marked,))))[1]
    tokens = MarkdownIt("commonmark").parse(body)
    assert [t.tag for t in tokens if t.type == "heading_open"] == ["h1", "h2"]
    assert [t.type for t in tokens].count("hr") == 0
    assert body.endswith(f"\n\n*36:05 · {shown}*\n")
