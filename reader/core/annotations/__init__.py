"""Highlights and notes, saved beside the transcript in W3C Web Annotation JSON.

What the window and the command line use (everything is importable from this package):

- :class:`AnnotationStore` (``store.py``): one per open transcript. ``load()``, ``save()``,
  ``changed_on_disk()``, ``annotations()`` (reading order, orphans last), ``get(id)``,
  ``add_highlight(start, end, color, note, tags)``, ``update(id, color=, note=, tags=)``,
  ``delete(id)``, ``restore(annotation)``, ``reattach(id, start, end)``,
  ``transcript_note`` / ``set_transcript_note(text)``, ``retarget(transcript)``, ``dirty``,
  ``location``, ``watched_paths()``. Results: :class:`LoadResult`, :class:`SaveResult`;
  failures: :class:`SidecarError` (a TranscriptError: one line naming the file).
- :class:`Annotation` (``model.py``): ``id``, ``exact``/``quote``, ``start``/``end`` (display
  text offsets, None when orphaned), ``color``, ``note`` (Markdown), ``tags``, ``status``
  (:class:`AnchorStatus`), ``orphaned``, ``created``/``modified``. :data:`COLORS` maps colour
  names to hex (``color_hex`` for any stored value), :data:`DEFAULT_COLOR`.
- ``citation.py``: :func:`chapter_of`, :func:`chapter_id`, :func:`time_of`, :func:`citation`.
- ``lookup.py``: :func:`find_quote` (whitespace-insensitive, must be unambiguous) raising
  :class:`QuoteLookupError` with ``matches``, for ``annotate --quote``.
- ``sidecar.py``: :func:`sidecar_path`, :func:`fallback_sidecar_path` and the names of the
  files the app writes beside a transcript.

Lower layers: ``anchoring.py`` (quote selectors, re-anchoring), ``w3c.py`` (JSON codec),
``merge.py`` (two writers), ``atomic.py`` (crash-safe writes).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

# Imported at once: the function ``citation`` shares its name with its module, and a later
# import of the module would otherwise replace the function on this package.
from reader.core.annotations.citation import chapter_id, chapter_of, citation, time_of
from reader.core.lazy_names import lazy_getattr

if TYPE_CHECKING:
    from reader.core.annotations.anchoring import anchor_annotation, describe, locate
    from reader.core.annotations.lookup import QuoteLookupError, find_quote
    from reader.core.annotations.model import (
        COLORS,
        DEFAULT_COLOR,
        AnchorStatus,
        Annotation,
        TextQuote,
        color_hex,
    )
    from reader.core.annotations.sidecar import SidecarError, fallback_sidecar_path, sidecar_path
    from reader.core.annotations.store import AnnotationStore, LoadResult, SaveResult

# Each name is imported from its module on first use: the window needs the colours at
# start-up, the store (fuzzy re-anchoring, file locks) only once a transcript is open.
_MODULE_OF: dict[str, str] = {
    **dict.fromkeys(["anchor_annotation", "describe", "locate"], "anchoring"),
    **dict.fromkeys(["QuoteLookupError", "find_quote"], "lookup"),
    **dict.fromkeys(["COLORS", "DEFAULT_COLOR", "AnchorStatus", "Annotation", "TextQuote",
                     "color_hex"], "model"),
    **dict.fromkeys(["SidecarError", "fallback_sidecar_path", "sidecar_path"], "sidecar"),
    **dict.fromkeys(["AnnotationStore", "LoadResult", "SaveResult"], "store"),
}


__getattr__ = lazy_getattr(__name__, globals(), _MODULE_OF)


__all__ = [
    "COLORS", "DEFAULT_COLOR", "AnchorStatus", "Annotation", "AnnotationStore", "LoadResult",
    "QuoteLookupError", "SaveResult", "SidecarError", "TextQuote", "anchor_annotation",
    "chapter_id", "chapter_of", "citation", "color_hex", "describe", "fallback_sidecar_path",
    "find_quote", "locate", "sidecar_path", "time_of",
]
