"""A note's Markdown made unable to change anything outside its own highlight.

A note is written as the user typed it, with two exceptions, both read alike by CommonMark
(Obsidian, GitHub, Pandoc) and by Python-Markdown (the app's preview):

- **Code fences.** A fence left open swallows every highlight after it, and so does one that
  the two dialects close at different lines. A fenced block is kept only when both read it the
  same way: an opening line at the margin (backticks or tildes, at most a language word after
  them), closed by the first line that closes it for CommonMark, which must be the very same
  fence at the margin. A fence indented one to three spaces is kept when every line up to its
  identical closing line is indented as much (inside a list item, as CommonMark ends the item
  at a line indented less). Any other fence line has its first character escaped, so it is
  text. Lines indented four columns or more are left alone: they are code, or inside a list
  item, which ends before the next highlight anyway. Only ``\\n``, ``\\r\\n`` and ``\\r`` end
  lines, as in CommonMark (a U+2028 does not).
- **Raw HTML.** The app shows HTML typed into a note as text, so the export does too: every
  ``<`` outside code becomes ``&lt;``. That also keeps out the seven kinds of CommonMark HTML
  block (``<!--``, ``<script>``, ``<pre>``, ``<?php``, ``<![CDATA[``...), which run on past
  the note's end. ``<`` stays as typed inside kept fenced blocks and inside code spans that
  both dialects are sure to read as code: opened and closed on one line, on a line without
  ``|`` (a table cell would cut the span), with no span crossing a line earlier in the
  paragraph. Autolinks (``<https://…>``, ``<mailto:…>``) stay links. In indented code a ``<``
  shows as ``&lt;`` (write code with ``<`` in a fenced block).
"""

from __future__ import annotations

import re

_LINE_END = re.compile(r"\r\n|\r|\n")
_FENCE_LINE = re.compile(r"^([ \t]*)(`{3,}|~{3,})(.*)$")
# What Python-Markdown accepts after an opening fence (fenced_code: an optional language).
_SIMPLE_INFO = re.compile(r" *\.?[\w#.+-]* *")
_BACKTICKS = re.compile(r"`+")
_AUTOLINK = re.compile(r"<(?:https?://|mailto:)[^\s<>`]*>", re.IGNORECASE)
TAB_STOP = 4


def _columns(indent: str) -> int:
    width = 0
    for char in indent:
        width = width + TAB_STOP - width % TAB_STOP if char == "\t" else width + 1
    return width


def _closes(line: str, fence: str) -> bool:
    """Does ``line`` close a CommonMark block opened by ``fence``? (Up to three spaces, the
    same character at least as many times, then only spaces or tabs.)"""
    stripped = line.lstrip(" ")
    if len(line) - len(stripped) > 3:
        return False
    run = len(stripped) - len(stripped.lstrip(fence[0]))
    return run >= len(fence) and not stripped[run:].strip(" \t")


def _kept_close(lines: list[str], start: int, indent: str, fence: str) -> int | None:
    """The index of the line that closes the fence opened at ``start``, if both dialects
    agree on it (see the module doc); None if the fence must be escaped."""
    for index in range(start + 1, len(lines)):
        line = lines[index]
        if indent and line.strip(" \t") and not line.startswith(indent):
            return None  # CommonMark ends the list item (and the block) here
        inner = line[len(indent):]
        if _closes(inner, fence):
            return index if inner.rstrip(" ") == fence else None
    return None


def _escape_fence(line: str, indent: str, fence: str) -> str:
    first = "\\`" if fence[0] == "`" else "&#126;"
    return indent + first + line[len(indent) + 1:]


def balance_fences(lines: list[str]) -> tuple[list[str], list[bool]]:
    """(the lines with every fence that is not kept escaped, which lines are kept code)."""
    out = list(lines)
    code = [False] * len(out)
    index = 0
    while index < len(out):
        match = _FENCE_LINE.match(out[index])
        if match is None or _columns(match.group(1)) >= TAB_STOP:
            index += 1
            continue
        indent, fence, info = match.groups()
        close = None
        if _SIMPLE_INFO.fullmatch(info):
            close = _kept_close(out, index, indent, fence)
        if close is None:
            out[index] = _escape_fence(out[index], indent, fence)
            index += 1
            continue
        for inside in range(index, close + 1):
            code[inside] = True
        index = close + 1
    return out, code


def _spans_to_keep(paragraph: list[str]) -> list[list[tuple[int, int]]]:
    """For each line of a paragraph, the code spans (start, end) whose ``<`` stay as typed:
    only spans both dialects read as code. They pair a run of backticks with the next run as
    long, but differ after a run without one (Python-Markdown then tries it shorter), after a
    span across lines (which dialect ends the paragraph where) and after a backslash before a
    backtick (an escape outside code, text inside it): from the first of these on, no span is
    kept."""
    runs: list[tuple[int, int, int]] = []  # (line, column, length) of each backtick run
    for number, text in enumerate(paragraph):
        runs += [(number, run.start(), len(run.group())) for run in _BACKTICKS.finditer(text)]
    escaped = next((n for n, text in enumerate(paragraph) if "\\`" in text), len(paragraph))
    kept: list[list[tuple[int, int]]] = [[] for _ in paragraph]
    first = 0
    while first < len(runs):
        row, column, length = runs[first]
        # The next run as long closes the span; the runs inside it are code.
        closing = next((k for k in range(first + 1, len(runs)) if runs[k][2] == length), None)
        if closing is None or runs[closing][0] != row or row >= escaped \
                or "|" in paragraph[row]:  # a table cell would cut the span
            break
        kept[row].append((column, runs[closing][1] + length))
        first = closing + 1
    return kept


def _escape_html(line: str, keep: list[tuple[int, int]]) -> str:
    """Every ``<`` of ``line`` outside the spans ``keep`` and autolinks as ``&lt;`` (``\\<``,
    already text, too: ``\\&lt;`` would show the entity's letters)."""
    out: list[str] = []
    column = 0
    backslashes = 0  # right before ``column``
    while column < len(line):
        inside = next((span for span in keep if span[0] <= column < span[1]), None)
        if inside is not None:
            out.append(line[column:inside[1]])
            column, backslashes = inside[1], 0
            continue
        char = line[column]
        link = _AUTOLINK.match(line, column) if char == "<" else None
        if link is not None:
            out.append(link.group())
            column, backslashes = link.end(), 0
            continue
        if char == "<":
            if backslashes % 2:
                out.pop()
            out.append("&lt;")
        else:
            out.append(char)
        backslashes = backslashes + 1 if char == "\\" else 0
        column += 1
    return "".join(out)


def contain_note(text: str) -> str:
    """``text`` (a note's Markdown) as it is exported: see the module doc."""
    lines, code = balance_fences(_LINE_END.split(text))
    out: list[str] = []
    paragraph: list[str] = []

    def flush() -> None:
        for line, keep in zip(paragraph, _spans_to_keep(paragraph), strict=True):
            out.append(_escape_html(line, keep))
        paragraph.clear()

    for line, is_code in zip(lines, code, strict=True):
        if is_code or not line.strip(" \t"):
            flush()
            out.append(line)
        else:
            paragraph.append(line)
    flush()
    return "\n".join(out)
