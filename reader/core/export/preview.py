"""The export as the dialog previews it: HTML rendered by Python-Markdown and sanitised.

The body goes through the same renderer as notes (``note_to_html``: raw HTML stays text, only
allow-listed tags survive), so a preview never runs or loads anything; the front matter is
shown as it will be written, in a code block.
"""

from __future__ import annotations

import html

from reader.core.note_html import note_to_html

FRONT_MATTER = "---\n"


def split_front_matter(markdown_text: str) -> tuple[str, str]:
    """(front matter without its ``---`` lines, body); ('', text) when there is none."""
    if not markdown_text.startswith(FRONT_MATTER):
        return "", markdown_text
    end = markdown_text.find("\n---\n", len(FRONT_MATTER) - 1)
    if end < 0:
        return "", markdown_text
    return markdown_text[len(FRONT_MATTER):end + 1], markdown_text[end + len("\n---\n"):]


def preview_html(markdown_text: str) -> str:
    front, body = split_front_matter(markdown_text)
    head = f"<pre>{html.escape(front.rstrip())}</pre>\n" if front else ""
    return head + note_to_html(body)
