"""Notes leaving the app: Markdown people keep, and a lossless JSON backup to import elsewhere.

- ``notes.py``: :class:`TranscriptNotes` (a transcript with its highlights and notes),
  :func:`load_notes` (read without writing), :func:`has_notes`, :class:`NotesStore` (the
  annotation store with export and import on top).
- ``markdown_export.py``: :func:`render_transcript`, :func:`render_combined`: front matter,
  chapters, quotes, notes, tags, orphans last; deterministic bytes.
- ``escape.py``: quotes and titles made safe inside CommonMark.
- ``note_markdown.py``: :func:`contain_note`: a note unable to change anything outside its
  highlight (HTML as text, fences every reader closes alike).
- ``json_export.py``: :func:`collection_bytes` (a W3C Web Annotation collection),
  :func:`import_export` (merge by id, newer ``modified`` wins).
- ``files.py``: which transcripts to export, and the files to write for them.
- ``targets.py``: :func:`export_target`: an existing file is replaced only if an earlier
  export wrote it.
- ``preview.py``: the Markdown as sanitised HTML for the export dialog's preview.
"""

from reader.core.export.json_export import (
    ImportReport,
    collection,
    collection_bytes,
    import_export,
    read_export,
)
from reader.core.export.markdown_export import (
    export_date,
    highlight_time,
    render_combined,
    render_transcript,
)
from reader.core.export.notes import (
    NotesStore,
    TranscriptNotes,
    has_notes,
    library_order,
    load_notes,
)

__all__ = [
    "ImportReport", "NotesStore", "TranscriptNotes", "collection", "collection_bytes",
    "export_date", "has_notes", "highlight_time", "import_export", "library_order",
    "load_notes", "read_export", "render_combined", "render_transcript",
]
