"""User notes are Markdown; this turns them into HTML that is safe to show, and into previews.

Safety comes from two layers:

- Python-Markdown runs with its raw-HTML handling removed, so HTML typed into a note is text
  (``<b>x</b>`` shows as ``<b>x</b>``, as the writer typed it), and images become links: a
  note never makes the viewer load anything.
- nh3 then cleans the output against an allow-list of tags, attributes and link schemes. This is
  the layer that matters: Markdown's own link syntax can produce ``javascript:`` or ``file:``
  links, and sanitising the output (not escaping the input) is what Python-Markdown's authors
  advise. A link whose scheme is not allowed keeps its text and loses its target.

``note_preview`` is the one-line plain-text form for lists. It strips Markdown with a few
regular expressions instead of rendering: the notes panel previews thousands of notes, and a
Markdown render costs about a millisecond each.
"""

from __future__ import annotations

import functools
import html
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported when a note is first rendered, not at start-up
    import xml.etree.ElementTree as ElementTree

    import markdown  # type: ignore[import-untyped]  # ships no type information
    import nh3

ALLOWED_TAGS = frozenset({
    "p", "br", "strong", "em", "b", "i", "code", "pre", "blockquote", "ul", "ol", "li",
    "h1", "h2", "h3", "h4", "h5", "h6", "a", "hr",
    "table", "thead", "tbody", "tr", "th", "td", "del",
})
LINK_SCHEMES = frozenset({"http", "https", "mailto"})
_MARKDOWN_EXTENSIONS = ("fenced_code", "tables", "sane_lists", "nl2br")
# Runs after Python-Markdown's "inline" step (priority 20), which is what creates <img>.
_IMAGES_TO_LINKS_PRIORITY = 15



@functools.cache
def _cleaner() -> nh3.Cleaner:
    import nh3

    return nh3.Cleaner(
        tags=set(ALLOWED_TAGS),
        # Dropped with everything inside them, not just the tags (a script's text is no note).
        clean_content_tags={"script", "style"},
        attributes={"a": {"href", "title"}},
        url_schemes=set(LINK_SCHEMES),
        # A relative link has no meaning in a note, and the viewer would resolve it to a file.
        url_relative="deny",
        link_rel=None,
        strip_comments=True,
    )


class _ImagesToLinks:
    """``![alt](src)`` becomes the link ``[alt](src)``: the viewer fetches nothing.

    An image that is itself inside a link becomes its alt text (links cannot nest).
    Python-Markdown only needs a ``run(root)`` method from a tree processor.
    """

    def run(self, root: ElementTree.Element) -> None:
        self._walk(root, inside_link=False)

    def _walk(self, element: ElementTree.Element, inside_link: bool) -> None:
        for child in element:
            if child.tag == "img":
                _image_to_link(child, inside_link)
            else:
                self._walk(child, inside_link or child.tag == "a")


def _image_to_link(image: ElementTree.Element, inside_link: bool) -> None:
    source = image.get("src", "")
    title = image.get("title")
    image.text = image.get("alt") or source
    image.attrib.clear()
    if inside_link:
        image.tag = "span"  # not allowed, so nh3 keeps only its text
        return
    image.tag = "a"
    image.set("href", source)
    if title:
        image.set("title", title)


def _converter() -> markdown.Markdown:
    import markdown

    converter = markdown.Markdown(extensions=list(_MARKDOWN_EXTENSIONS), output_format="html")
    # Raw HTML stays text: without these two, Python-Markdown passes HTML blocks and inline
    # tags through untouched, and its serialiser then escapes them like any other text.
    converter.preprocessors.deregister("html_block")
    converter.inlinePatterns.deregister("html")
    converter.treeprocessors.register(_ImagesToLinks(), "images_to_links",
                                      _IMAGES_TO_LINKS_PRIORITY)
    return converter


def note_to_html(markdown_text: str) -> str:
    """The note rendered to HTML that holds only allow-listed tags, attributes and links."""
    # A fresh converter per note: a Markdown instance keeps state between documents (reference
    # links, footnotes) and is not safe to share between threads.
    rendered = str(_converter().convert(markdown_text))
    return _cleaner().clean(rendered)


# --- previews -------------------------------------------------------------------------------

_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_RULE = re.compile(r"^\s*([-*_])(\s*\1){2,}\s*$")
_TABLE_DIVIDER = re.compile(r"^(?=.*\|)(?=.*-)[\s|:-]+$")
_REFERENCE_DEFINITION = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S")
_BLOCK_MARKERS = re.compile(r"^\s*(>\s?)*\s*([-*+]\s+(\[[ xX]\]\s+)?|\d+[.)]\s+)?")
_HEADING = re.compile(r"^#{1,6}(\s+|$)(.*?)(\s+#+)?\s*$")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1")
_IMAGE_OR_LINK = re.compile(r"!?\[([^\]]*)\](\([^)]*\)|\[[^\]]*\])")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+|[^@>\s]+@[^@>\s]+)>")
# (?<!\\) everywhere: a backslash-escaped marker (\*) is a character, not emphasis.
_EMPHASIS = (
    re.compile(r"(?<!\\)(\*\*|__)(?=\S)(.+?)(?<=[^\s\\])\1"),
    re.compile(r"(?<!\\)\*(?=\S)(.+?)(?<=[^\s\\])\*"),
    re.compile(r"(?<![\w\\])_(?=\S)(.+?)(?<=[^\s\\])_(?!\w)"),  # not the _ in snake_case
    re.compile(r"(?<!\\)~~(?=\S)(.+?)(?<=[^\s\\])~~"),
)
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~<])")
_SPACE = re.compile(r"\s+")
_TRAILING_JOINERS = " ,;:-–—("


def _plain_inline(text: str) -> str:
    """One line of Markdown prose without its inline syntax (code spans are left alone)."""
    text = _IMAGE_OR_LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    for pattern in _EMPHASIS:
        text = pattern.sub(lambda match: match.group(match.lastindex or 0), text)
    text = _ESCAPED.sub(r"\1", text)
    return html.unescape(text)


def _plain_line(line: str) -> str:
    line = _BLOCK_MARKERS.sub("", line, count=1)
    heading = _HEADING.match(line)
    if heading:
        line = heading.group(2)
    stripped = line.strip()
    if stripped.startswith("|") and stripped.endswith("|"):
        line = stripped.strip("|").replace("|", " ")
    parts: list[str] = []
    last = 0
    for match in _CODE_SPAN.finditer(line):
        parts.append(_plain_inline(line[last:match.start()]))
        parts.append(match.group(2).strip())
        last = match.end()
    parts.append(_plain_inline(line[last:]))
    return "".join(parts)


def markdown_to_plain(markdown_text: str, enough: int | None = None) -> str:
    """The note's words on one line: Markdown syntax stripped, whitespace collapsed.

    With ``enough``, stops once the text is longer than that: a preview needs only its start.
    """
    words: list[str] = []
    length = -1
    in_fence = False
    for line in markdown_text.splitlines():
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if not in_fence:
            if _RULE.match(line) or _TABLE_DIVIDER.match(line) or _REFERENCE_DEFINITION.match(line):
                continue
            line = _plain_line(line)
        line = _SPACE.sub(" ", line).strip()
        if line:
            words.append(line)
            length += len(line) + 1
            if enough is not None and length > enough:
                break
    return " ".join(words)


def shorten(text: str, limit: int) -> str:
    """``text`` on one line in at most ``limit`` characters, cut after a whole word with "…"."""
    if limit < 1:
        raise ValueError(f"limit must be at least 1, not {limit}")
    text = _SPACE.sub(" ", text).strip()
    if len(text) <= limit:
        return text
    room = limit - 1  # the ellipsis takes one
    cut = text[:room]
    if not text[room].isspace():
        word_start = cut.rfind(" ")
        # One very long word (a URL) is cut inside rather than leaving almost nothing.
        if word_start >= room // 2:
            cut = cut[:word_start]
    return cut.rstrip(_TRAILING_JOINERS) + "…"


def note_preview(markdown_text: str, limit: int = 120) -> str:
    """A one-line plain-text preview of a note for lists (at most ``limit`` characters)."""
    return shorten(markdown_to_plain(markdown_text, enough=limit), limit)
