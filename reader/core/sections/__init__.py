"""Automatic sections for transcripts without chapters, and the merged outline.

- :func:`with_auto_chapters` (``outline.py``): automatic sections (``ChapterKind.AUTO``) for a
  transcript without chapters of its own; the format registry applies it on every load.
- :func:`with_user_chapters` and :class:`UserChapter`: the user's chapters (from the sidecar)
  merged into the one ordered outline, ``Transcript.chapters``.
- ``turns.py`` finds the interviewer's turns in unlabelled text (the raw-text reader ends a
  paragraph at each) with a trained model (``turn_model.json``) over the sentence cues of
  ``cues.py`` and ``features.py``; ``titles.py`` names sections (``topics.py``: the topic
  phrase when no question names one), ``title_fit.py`` keeps the names a table of contents
  could show; ``cohesion.py`` finds topic shifts and ``balance.py`` cuts long sections there.

How well it works, measured: docs/sections.md (``benchmarks/sections_eval.py``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.core.lazy_names import lazy_getattr

if TYPE_CHECKING:
    from reader.core.sections.outline import (
        auto_chapters,
        interviewer_runs,
        user_chapter_at,
        with_auto_chapters,
        with_user_chapters,
    )
    from reader.core.sections.user_chapters import UserChapter

# Each name is imported from its module on first use: the sidecar and the search index need
# ``UserChapter`` only, and the automatic sections' modules compile about 0.1 s of regular
# expressions when imported (an index update with nothing to read would pay it).
_MODULE_OF = {
    "UserChapter": "user_chapters",
    "auto_chapters": "outline", "interviewer_runs": "outline", "user_chapter_at": "outline",
    "with_auto_chapters": "outline", "with_user_chapters": "outline",
}

__getattr__ = lazy_getattr(__name__, globals(), _MODULE_OF)

__all__ = ["UserChapter", "auto_chapters", "interviewer_runs", "user_chapter_at",
           "with_auto_chapters", "with_user_chapters"]
