"""Search across every transcript of a library: passages and notes, ranked, forgiving.

What the window and the command line use (everything is importable from this package):

- :class:`SearchIndex` (``index.py``): one per library folder. ``update(rebuild=, wait=,
  progress=)`` -> :class:`UpdateReport` (in this process; the command line), ``search(query,
  limit, exact_total=)`` -> :class:`SearchResults`, ``close()``, ``index_dir``. Failures:
  :class:`IndexBusy` (another process is updating), :class:`IndexUnavailable` (no usable index
  yet: update it), TranscriptError (the library folder cannot be read). All are one line.
- :class:`SearchResults` (``results.py``): ``query``, ``total``, ``hits``, ``notes`` (gentle
  lines: broken syntax searched literally, common words left out), ``suggestion`` ("did you
  mean", only when nothing was found), ``as_json()``.
- :class:`Hit`: ``kind`` ("passage"/"note"), ``path``, ``title``, ``show``, ``start``/``end``
  (display-text offsets), ``time``, ``speaker``, ``chapter_id``, ``chapter_title``, ``score``,
  ``snippet`` (:class:`Snippet`: ``runs`` of ``(text, is_match)``, ``plain``, ``marked()``,
  ``matches``), and for notes ``annotation_id``, ``note``, ``tags``, ``color``, ``orphaned``.
- ``build.py``: ``python -m reader.core.search.build --library DIR`` updates an index in its
  own process and prints JSON lines of progress (``events.py``); :func:`build_command` gives
  its argv and :func:`parse_event` reads a line back.

Lower layers: ``text.py`` (words, folding), ``query.py`` (the query language), the ``engine``
package (``index_schema.py``, ``writer.py``, ``queries.py``: the only modules that import Whoosh,
so swapping the engine touches that folder alone), ``documents.py`` (what a document
holds), ``notes.py`` (sidecars, read only), ``indexer.py`` (incremental updates),
``location.py`` (where an index lives, its manifest and lock), ``snippets.py``,
``suggest.py`` ("did you mean").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.core.lazy_names import lazy_getattr

if TYPE_CHECKING:
    from reader.core.search.events import build_command, parse_event
    from reader.core.search.index import IndexUnavailable, SearchIndex
    from reader.core.search.indexer import Progress, UpdateReport
    from reader.core.search.location import IndexBusy, default_index_dir
    from reader.core.search.results import Hit, SearchResults
    from reader.core.search.snippets import Snippet

# Each name is imported from its module on first use: the window imports ``Hit`` at start-up,
# and Whoosh (``index.py``) only when a folder is indexed or searched.
_MODULE_OF = {
    "build_command": "events", "parse_event": "events",
    "IndexUnavailable": "index", "SearchIndex": "index",
    "Progress": "indexer", "UpdateReport": "indexer",
    "IndexBusy": "location", "default_index_dir": "location",
    "Hit": "results", "SearchResults": "results",
    "Snippet": "snippets",
}


__getattr__ = lazy_getattr(__name__, globals(), _MODULE_OF)


__all__ = [
    "Hit", "IndexBusy", "IndexUnavailable", "Progress", "SearchIndex", "SearchResults",
    "Snippet", "UpdateReport", "build_command", "default_index_dir", "parse_event",
]
