"""Text from a transcript made safe to put inside Markdown, without making it hard to read.

A quote is the transcript's own words: nothing in it may turn into Markdown structure. A line
of a quote that starts with ``# ``, ``> ``, ``- ``, ``1. `` or ``---`` would become a heading,
a nested quote, a list or a rule; backticks, ``*``, ``[`` and ``<b>`` would become code,
emphasis, links and HTML. Those characters are escaped, and only those, so the source still
reads like the transcript.

Escapes are chosen to mean the same to CommonMark (Obsidian, GitHub, Pandoc) and to
Python-Markdown (the app's preview): a backslash only before the characters both accept
(``\\ ` * _ [ ] # + - . ) >``), an entity for the others (``<`` as ``&lt;``, ``~~~`` as
``&#126;~~``, ``&`` only where it would start an entity).
"""

from __future__ import annotations

import re

# `_` between letters or digits (snake_case) is emphasis for neither; `#` before a word would
# be an Obsidian tag (`#94` is not one: a tag needs a letter).
_INLINE = re.compile(r"[\\`*\[\]<]|(?<![^\W_])_|_(?![^\W_])|&(?=#?\w+;)|#(?=\w*[^\W\d])")
_THEMATIC_BREAK = re.compile(r"^([-*_])(?:\s*\1){2,}\s*$")
_BULLET = re.compile(r"^[-+*](?=\s|$)")
_ORDERED = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")
_CLOSING_HASHES = re.compile(r"(?<!\\)(#+)$")


def _inline(match: re.Match[str]) -> str:
    found = match.group()
    if found == "<":
        return "&lt;"
    if found == "&":
        return "&amp;"
    return "\\" + found


def one_line(text: str) -> str:
    """``text`` on one line: every run of whitespace (newlines, U+2028, tabs) one space."""
    return " ".join(text.split())


def escape_inline(text: str) -> str:
    """Characters that would start inline Markdown (code, emphasis, links, HTML, entities,
    Obsidian tags) escaped; everything else as it is."""
    return _INLINE.sub(_inline, text)


def escape_line(line: str) -> str:
    """One line of a quote as the text of its own Markdown paragraph: surrounding whitespace
    dropped (four leading spaces would make it code), inline characters escaped, and a start
    that would make it a heading, quote, list, rule or code fence escaped."""
    text = line.strip()
    head = ""
    if text[:1] in ("#", ">") or (text[:1] in ("-", "+") and (
            _BULLET.match(text) or _THEMATIC_BREAK.match(text))):
        head, text = "\\" + text[0], text[1:]  # `*` and `_` are escaped inline anyway
    elif ordered := _ORDERED.match(text):
        head, text = f"{ordered.group(1)}\\{ordered.group(2)}", text[ordered.end():]
    elif text.startswith("~~~"):
        head, text = "&#126;", text[1:]
    return head + escape_inline(text)


def escape_heading(text: str) -> str:
    """A title as the text of an ATX heading: inline characters escaped, and a run of ``#`` at
    the end (which would be read as the heading's closing sequence) kept as text."""
    text = escape_inline(" ".join(text.split()))
    if text.startswith("#"):
        text = "\\" + text
    # Python-Markdown drops trailing `#`s even without a space before them ("C#"), and an
    # unescaped one after an escaped one ("C##"): each is escaped.
    return _CLOSING_HASHES.sub(lambda m: "\\#" * len(m.group(1)), text)


def quote_block(text: str) -> list[str]:
    """``text`` as the lines of a blockquote: each line of the quote its own paragraph, every
    line (the blank ones between too) starting with ``>``."""
    lines = [escape_line(line) for line in text.splitlines()]
    lines = [line for line in lines if line]
    out: list[str] = []
    for line in lines:
        if out:
            out.append(">")
        out.append(f"> {line}")
    return out or ["> …"]
