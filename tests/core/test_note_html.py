"""Notes are Markdown written by the user (or by whoever shared the sidecar): what they render to
must be harmless, and what they preview as must read well in a list."""

from __future__ import annotations

import re

import pytest

from reader.core.note_html import ALLOWED_TAGS, note_preview, note_to_html, shorten


def tags_in(html: str) -> set[str]:
    return {name.lower() for name in re.findall(r"<([a-zA-Z][a-zA-Z0-9]*)", html)}


def hrefs_in(html: str) -> list[str]:
    return re.findall(r'href="([^"]*)"', html)


# --- nothing harmful survives ---------------------------------------------------------------

@pytest.mark.parametrize("note", [
    "<script>alert(1)</script>",
    "before\n\n<script>\nalert(1)\n</script>\n\nafter",
    "x <img src=x onerror=alert(1)>",
    '<a href="https://example.com" onmouseover="alert(1)">hover</a>',
    '<p onclick="alert(1)">para</p>',
    "<style>body { display: none }</style>",
    "<iframe src='https://example.com'></iframe>",
])
def test_raw_html_is_shown_as_the_text_the_writer_typed(note: str) -> None:
    html = note_to_html(note)
    assert tags_in(html) <= {"p", "br"}
    # The markup is visible text, escaped, exactly as typed.
    visible = html.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    for line in note.splitlines():
        assert line in visible


def test_bold_tags_typed_into_a_note_display_literally() -> None:
    assert note_to_html("<b>x</b>") == "<p>&lt;b&gt;x&lt;/b&gt;</p>"


@pytest.mark.parametrize("target", [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "&#106;avascript:alert(1)",
    "file:///etc/passwd",
    "ms-msdt:/id PCWDiagnostic",
    "data:text/html,<script>alert(1)</script>",
    "/etc/passwd",
    "notes/other.md",
])
def test_links_to_other_schemes_keep_their_text_but_lose_their_target(target: str) -> None:
    html = note_to_html(f"see [the link]({target}) here")
    assert "the link" in html
    assert hrefs_in(html) == []
    assert "javascript" not in html.lower() and "file:" not in html


@pytest.mark.parametrize("target", [
    "https://example.com/a?b=1&c=2", "http://example.com", "mailto:someone@example.com",
])
def test_web_and_mail_links_stay_links(target: str) -> None:
    html = note_to_html(f'[site]({target} "A title")')
    assert hrefs_in(html) == [target.replace("&", "&amp;")]
    assert 'title="A title"' in html


def test_autolinks_work() -> None:
    html = note_to_html("<https://example.com> or <someone@example.com>")
    assert hrefs_in(html)[0] == "https://example.com"
    assert hrefs_in(html)[1].replace("&#", "") != ""  # Markdown obfuscates mail addresses
    assert "<a" in html and len(hrefs_in(html)) == 2


def test_a_local_image_is_never_an_image_and_keeps_no_path_to_load() -> None:
    html = note_to_html("![x](file:///etc/hostname)")
    assert "img" not in tags_in(html)
    assert "hostname" not in html
    assert ">x</a>" in html


def test_a_web_image_becomes_a_link_to_it_instead_of_being_fetched() -> None:
    html = note_to_html('![a chart](https://example.com/chart.png "Chart")')
    assert "img" not in tags_in(html)
    assert hrefs_in(html) == ["https://example.com/chart.png"]
    assert ">a chart</a>" in html


def test_an_image_inside_a_link_leaves_one_link_with_the_image_text() -> None:
    html = note_to_html("[![logo](https://example.com/l.png)](https://example.com)")
    assert hrefs_in(html) == ["https://example.com"]
    assert html.count("<a") == 1 and "logo" in html


def test_only_allow_listed_tags_ever_come_out() -> None:
    note = ("# H\n\n*e* **s** `c`\n\n> q\n\n- a\n1. b\n\n---\n\n| x | y |\n|---|---|\n| 1 | 2 |\n\n"
            "```\ncode\n```\n\n![i](https://e.com/i.png) <div>d</div> <u>u</u>")
    html = note_to_html(note)
    assert tags_in(html) <= ALLOWED_TAGS
    assert not re.search(r"<[a-z]+ [^>]*(on\w+|style|class|src)=", html)


# --- Markdown renders as it should ----------------------------------------------------------

def test_code_spans_escape_less_than_and_ampersand_once() -> None:
    html = note_to_html("`a < b && c`")
    assert "<code>a &lt; b &amp;&amp; c</code>" in html


def test_fenced_code_keeps_markup_as_text() -> None:
    html = note_to_html("```\nif a < b:\n    <tag> & more\n```")
    assert "<pre><code>if a &lt; b:\n    &lt;tag&gt; &amp; more\n</code></pre>" in html


def test_blockquotes_and_lists_render() -> None:
    html = note_to_html("> a quote\n\n- one\n- two\n\n1. first\n2. second")
    assert re.search(r"<blockquote>\s*<p>a quote</p>\s*</blockquote>", html)
    assert re.search(r"<ul>\s*<li>one</li>\s*<li>two</li>\s*</ul>", html)
    assert re.search(r"<ol>\s*<li>first</li>\s*<li>second</li>\s*</ol>", html)


def test_emphasis_headings_tables_and_line_breaks_render() -> None:
    html = note_to_html("## Why\n\n**bold** and *it*\nnext line\n\n| a | b |\n|---|---|\n| 1 | 2 |")
    assert "<h2>Why</h2>" in html
    assert "<strong>bold</strong>" in html and "<em>it</em>" in html
    assert "<br>" in html  # a single newline in a note is a line break, as typed
    assert "<th>a</th>" in html and "<td>2</td>" in html


def test_entities_show_as_characters() -> None:
    assert note_to_html("&copy; &lt;b&gt;") == "<p>© &lt;b&gt;</p>"


# --- previews -------------------------------------------------------------------------------

def test_preview_strips_markdown_and_keeps_the_words() -> None:
    note = ("# Key idea\n\nSome **bold**, _em_ and *it* in snake_case_name: a [link](https://x.y) "
            "and ![chart](c.png), `a*b*c`.\n\n> quoted\n\n- item one\n1. item two\n\n"
            "```python\nprint(1)\n```\n\n[ref]: https://example.com\n\n---\n\n\\*not em\\*")
    assert note_preview(note, limit=500) == (
        "Key idea Some bold, em and it in snake_case_name: a link and chart, a*b*c. quoted "
        "item one item two print(1) *not em*")


def test_preview_shows_typed_html_and_entities_as_the_note_does() -> None:
    assert note_preview("<b>x</b> &amp; y") == "<b>x</b> & y"


def test_preview_of_a_table_is_its_cells() -> None:
    assert note_preview("| a | b |\n|:--|--:|\n| 1 | 2 |") == "a b 1 2"


def test_preview_collapses_whitespace() -> None:
    assert note_preview("  one\n\n\n  two\t\tthree  ") == "one two three"


def test_long_preview_is_cut_after_a_whole_word_with_an_ellipsis() -> None:
    note = "The model learns to compress the data, and compression is understanding " * 3
    preview = note_preview(note, limit=60)
    assert len(preview) <= 60
    assert preview.endswith("…")
    assert note.startswith(preview[:-1])
    assert note[len(preview) - 1] == " "  # the last word is whole
    assert preview == "The model learns to compress the data, and compression is…"


def test_a_preview_that_fits_is_unchanged_and_has_no_ellipsis() -> None:
    assert note_preview("Short note.", limit=11) == "Short note."


def test_one_very_long_word_is_cut_inside_rather_than_dropped() -> None:
    preview = note_preview("see https://example.com/" + "a" * 200, limit=40)
    assert len(preview) == 40 and preview.startswith("see https://example.com/aaa")


def test_empty_note_previews_as_empty() -> None:
    assert note_preview("") == "" and note_preview("\n  \n") == ""


def test_shorten_refuses_a_limit_with_no_room() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        shorten("text", 0)
