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
from reader.core.export import collection_bytes, import_export, render_combined
from reader.core.export.files import (
    collect,
    guard_transcripts,
    transcript_files,
    write_each,
    write_text,
)
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
    parser.add_argument("-o", "--output", type=Path, metavar="FILE_OR_DIR",
                        help="write to this file, or into this folder (an existing folder, or "
                             "a path ending in '/') one file per transcript; default: stdout")
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


def _into_folder(output: Path) -> bool:
    return output.is_dir() or str(output).endswith((os.sep, "/"))


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
    output: Path | None = args.output
    if output is not None and not _into_folder(output):
        guard_transcripts(output, found.notes)
    if args.json:
        data = collection_bytes(found.notes, base.resolve() if base else None)
        if output is None:
            sys.stdout.write(data.decode("utf-8"))
        else:
            _write(output / JSON_FILE_NAME if _into_folder(output) else output, data)
    elif output is None:
        sys.stdout.write(render_combined(found.notes, args.date))
    elif _into_folder(output):
        try:
            written = write_each(found.notes, output, args.date)
        except OSError as error:
            raise TranscriptError(output, f"cannot be written ({error.strerror or error})"
                                  ) from None
        for path in written:
            print(display_path(path))
    else:
        _write(output, render_combined(found.notes, args.date).encode("utf-8", "replace"))
    return 0


def _write(target: Path, data: bytes) -> None:
    try:
        write_text(target, data)
    except OSError as error:
        raise TranscriptError(target, f"cannot be written ({error.strerror or error})") from None
    print(display_path(target))


def run_import(args: argparse.Namespace) -> int:
    report = import_export(args.file, _library(args.library))
    for line in report.lines:
        print(line)
    print(f"imported: {report.summary()}")
    return 0
