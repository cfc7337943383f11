"""The ``export`` and ``import`` commands: notes leaving the app, and coming back.

    transcript-reader export [PATH...] [--all] [--library DIR] [-o FILE_OR_DIR] [--json]
                             [--date DATE]
    transcript-reader import FILE [--library DIR]

``export`` writes Markdown to stdout, or with ``-o`` to a file (one combined file for several
transcripts) or into a folder (one file per transcript). ``--json`` writes a lossless W3C Web
Annotation collection instead, which ``import`` merges back by id (the newer change wins).
Nothing to export is said on stderr, exits 0 and writes no file.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path

from reader.core.errors import TranscriptError, display_path
from reader.core.export import (
    TranscriptNotes,
    collection_bytes,
    import_export,
    render_combined,
)
from reader.core.export.files import collect, transcript_files, write_each, write_text
from reader.core.export.targets import export_target
from reader.core.library import ensure_default_library

JSON_FILE_NAME = "transcript-notes.json"


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def export_parser(parser_class: type[argparse.ArgumentParser], prog: str
                  ) -> argparse.ArgumentParser:
    parser = parser_class(
        prog=f"{prog} export",
        description="Export highlights and notes as Markdown (by chapter, with quotes, notes, "
                    "tags and times) or, with --json, as a lossless W3C Web Annotation "
                    "collection for 'import'. Only transcripts with notes are exported.")
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                        help="transcript files or folders to export")
    parser.add_argument("--all", action="store_true", help="export the whole library")
    parser.add_argument("--library", type=Path, metavar="DIR",
                        help="the library folder (default: the app's library)")
    # A string, not a Path: Path("notes/") loses the "/" that asks for a folder.
    parser.add_argument("-o", "--output", metavar="FILE_OR_DIR",
                        help="write to this file, or into this folder (an existing folder, or "
                             "a path ending in '/', created if needed) one file per "
                             "transcript; an existing file is replaced only if it is an "
                             "earlier export; default: stdout")
    parser.add_argument("--json", action="store_true",
                        help="write a W3C Web Annotation collection (JSON) instead of Markdown")
    parser.add_argument("--date", type=_date, metavar="DATE",
                        help="the export date in the front matter (default: the date of the "
                             "newest change to the exported notes)")
    parser.add_argument("--related", action="store_true",
                        help="under each highlight, list passages of other transcripts in the "
                             "library about the same idea (Markdown only)")
    return parser


def import_parser(parser_class: type[argparse.ArgumentParser], prog: str
                  ) -> argparse.ArgumentParser:
    parser = parser_class(
        prog=f"{prog} import",
        description="Merge highlights and notes from an 'export --json' file (or a sidecar "
                    "file) into the library's transcripts: new ones are added, newer changes "
                    "replace older ones, nothing is deleted.")
    parser.add_argument("file", type=Path, metavar="FILE")
    parser.add_argument("--library", type=Path, metavar="DIR",
                        help="the library folder (default: the app's library)")
    return parser


def _library(given: Path | None) -> Path:
    library = given if given is not None else ensure_default_library()
    if not library.is_dir():
        raise TranscriptError(library, "no such folder" if not library.exists()
                              else "is not a folder")
    return library


def _into_folder(output: str) -> bool:
    return output.endswith((os.sep, "/")) or Path(output).is_dir()


def run(command: str, argv: list[str], parser_class: type[argparse.ArgumentParser],
        prog: str) -> int:
    """``export`` or ``import`` with its arguments (usage errors go through ``parser.error``)."""
    if command == "import":
        return run_import(import_parser(parser_class, prog).parse_args(argv))
    parser = export_parser(parser_class, prog)
    args = parser.parse_args(argv)
    if not args.paths and not args.all:
        parser.error("name transcripts or folders to export, or use --all for the library")
    if args.related and not args.json:
        from reader.cli_related import related_under_highlights

        with related_under_highlights(_library(args.library)):
            return run_export(args, prog)
    return run_export(args, prog)


def run_export(args: argparse.Namespace, prog: str) -> int:
    library = _library(args.library) if args.all or args.library is not None else None
    files = transcript_files([*args.paths, *([library] if args.all and library else [])])
    # Items in the JSON are named by their path in the library (or in the one folder named).
    base = library if library is not None else (
        args.paths[0] if len(args.paths) == 1 and args.paths[0].is_dir() else None)
    found = collect(files)
    for line in found.problems:
        print(f"{prog}: {line}", file=sys.stderr)
    if not found.notes:
        count = f"{found.looked_at} transcript{'s' if found.looked_at != 1 else ''}"
        print(f"{prog}: nothing to export: no highlights or notes in {count}", file=sys.stderr)
        return 0
    output: str | None = args.output
    if args.json:
        data = collection_bytes(found.notes, base.resolve() if base else None)
        if output is None:
            _to_stdout(data.decode("utf-8"))
        elif _into_folder(output):
            _write(Path(output) / JSON_FILE_NAME, data, found.notes, make_folder=True)
        else:
            _write(Path(output), data, found.notes)
    elif output is None:
        _to_stdout(render_combined(found.notes, args.date))
    elif _into_folder(output):
        try:
            written = write_each(found.notes, Path(output), args.date)
        except OSError as error:
            raise TranscriptError(output, f"cannot be written ({error.strerror or error})"
                                  ) from None
        _to_stdout("".join(f"{display_path(path)}\n" for path in written), listing=True)
    else:
        _write(Path(output), render_combined(found.notes, args.date).encode("utf-8", "replace"),
               found.notes)
    return 0


def _write(target: Path, data: bytes, notes: list[TranscriptNotes],
           make_folder: bool = False) -> None:
    """``data`` into ``target`` (or the file a link there points to), never over a file that
    is not an earlier export."""
    real = export_target(target, notes)
    try:
        if make_folder:
            target.parent.mkdir(parents=True, exist_ok=True)
        write_text(real, data)
    except OSError as error:
        raise TranscriptError(target, f"cannot be written ({error.strerror or error})") from None
    _to_stdout(f"{display_path(target)}\n", listing=True)


def _to_stdout(text: str, listing: bool = False) -> None:
    """``text`` on standard output, flushed: a full disk or a closed stdout is one line and
    exit status 2, not a traceback (a closed pipe is left to the caller, as for every
    command: ``export x | head`` ends quietly). A ``listing`` of files written is skipped
    when stdout is closed: the export itself is done."""
    stream = sys.stdout
    if stream is None:  # started with stdout closed (`export ... >&-`)
        if listing:
            return
        raise TranscriptError("standard output", "is closed; use -o FILE")
    try:
        stream.write(text)
        stream.flush()
    except BrokenPipeError:
        raise
    except (OSError, ValueError) as error:
        _silence_stdout()
        problem = error.strerror if isinstance(error, OSError) and error.strerror else error
        raise TranscriptError("standard output", f"cannot be written ({problem})") from None


def _silence_stdout() -> None:
    """Point standard output at the null device, so the interpreter's final flush of what is
    still buffered does not fail a second time (with a traceback) at exit."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):
        pass


def run_import(args: argparse.Namespace) -> int:
    try:
        report = import_export(args.file, _library(args.library))
    except MemoryError:  # an export within the size limit that still does not fit
        raise TranscriptError(args.file, "is too large to read") from None
    _to_stdout("".join(f"{line}\n" for line in [*report.lines,
                                                 f"imported: {report.summary()}"]))
    return 0
