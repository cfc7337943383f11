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

from reader.core.sections.outline import (
    UserChapter,
    auto_chapters,
    interviewer_runs,
    user_chapter_at,
    with_auto_chapters,
    with_user_chapters,
)

__all__ = ["UserChapter", "auto_chapters", "interviewer_runs", "user_chapter_at",
           "with_auto_chapters", "with_user_chapters"]
