"""Related passages under each highlight of a Markdown export (``export --related``).

Each highlight gets the passages of other transcripts related to the passage it is in, as a
short list (transcript, chapter, time, the snippet quoted), through the export's
``UNDER_HIGHLIGHT`` hook. An orphaned highlight has no place, so no related passages.
"""

from __future__ import annotations

from collections.abc import Callable

from reader.core.annotations.model import Annotation
from reader.core.export.escape import escape_inline
from reader.core.model import Transcript
from reader.core.related.finder import RelatedFinder
from reader.core.timefmt import format_clock

PER_HIGHLIGHT = 3
HEADING = "Related passages:"


def related_lines(finder: RelatedFinder, limit: int = PER_HIGHLIGHT
                  ) -> Callable[[Transcript, Annotation], list[str]]:
    """Markdown lines for a highlight: a heading line, then one list item per passage."""

    def lines(transcript: Transcript, annotation: Annotation) -> list[str]:
        if annotation.orphaned or annotation.start is None:
            return []
        hits = finder.related(transcript, annotation.start, limit).hits
        if not hits:
            return []
        out = [HEADING, ""]
        for hit in hits:
            time = format_clock(hit.time) if hit.time is not None else None
            where = " · ".join(escape_inline(p) for p in (hit.title, hit.chapter_title, time)
                               if p)
            out.append(f"- *{where}*: “{escape_inline(hit.snippet.plain)}”")
        return out

    return lines
