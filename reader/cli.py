"""The command line: the same core as the app, no Qt needed for anything but opening the app.

    transcript-reader                     open the app on the library
    transcript-reader PATH...             open these files or folders in the app
    transcript-reader show PATH           the text as the reader presents it
    transcript-reader chapters PATH [--json] [--outline FILE|--no-outline|--auto-outline]

Errors are one line on stderr and exit status 2; never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reader import __version__
from reader.core.errors import TranscriptError, printable
from reader.core.formats import load_transcript
from reader.core.model import Block, BlockKind, Transcript
from reader.core.timefmt import format_clock

PROG = "transcript-reader"
EXIT_USAGE = 2

COMMANDS_HELP = """commands:
  show PATH               print the transcript as the reader presents it: the title, then
                          chapter headings and paragraphs, one per line, blank lines between
  chapters PATH [--json]  list the chapters with start and end times
           [--outline FILE|--no-outline|--auto-outline]
                          pair a timed transcript with an outline of its episode, or not
  search QUERY [--library DIR] [--limit N] [--json]
                          search every transcript and note in the library
  related PATH (--offset N | --quote TEXT) [--library DIR] [--limit N] [--json]
                          passages of other transcripts about the same idea
  index [--library DIR] [--rebuild]
                          bring the library's search index up to date
  annotations PATH [--json]
                          list the highlights and notes, in reading order, orphans last
  annotate PATH --quote TEXT [--prefix TEXT] [--suffix TEXT] [--note MD] [--tag TAG]...
           [--color NAME] highlight a quote and print the new highlight's id
  export [PATH...] [--all] [--library DIR] [-o FILE_OR_DIR] [--json] [--date DATE]
                          highlights and notes as Markdown (or a JSON backup)
  import FILE [--library DIR]
                          merge a JSON backup into the library's notes

Run '%(prog)s COMMAND --help' for a command's options."""


class CliError(Exception):
    """A one-line problem to report with exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise CliError(f"{self.prog}: {message}")


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    # Transcript text is printed as it is; a character the terminal's encoding cannot show
    # becomes an escape instead of a crash halfway through the output.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    try:
        if args and args[0] == "show":
            return _show(_show_parser().parse_args(args[1:]))
        if args and args[0] == "chapters":
            return _chapters(_chapters_parser().parse_args(args[1:]))
        # Each command imports only what it needs: a search answers faster without loading the
        # annotation and Markdown modules, and show/chapters without Whoosh.
        if args and args[0] in ("search", "index"):
            from reader import cli_search

            if args[0] == "search":
                return cli_search.run_search(
                    cli_search.search_parser(_Parser, PROG).parse_args(args[1:]))
            return cli_search.run_index(
                cli_search.index_parser(_Parser, PROG).parse_args(args[1:]))
        if args and args[0] == "related":
            from reader import cli_related

            return cli_related.run_related(
                cli_related.related_parser(_Parser, PROG).parse_args(args[1:]))
        if args and args[0] in ("annotations", "annotate"):
            from reader import cli_annotations

            if args[0] == "annotations":
                return cli_annotations.run_annotations(
                    cli_annotations.annotations_parser(_Parser, PROG).parse_args(args[1:]))
            return cli_annotations.run_annotate(
                cli_annotations.annotate_parser(_Parser, PROG).parse_args(args[1:]))
        if args and args[0] in ("export", "import"):
            from reader import cli_export

            return cli_export.run(args[0], args[1:], _Parser, PROG)
        return _open_app(_app_parser().parse_args(args))
    except (CliError, TranscriptError) as error:
        print(f"{PROG}: {error}" if isinstance(error, TranscriptError) else error,
              file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # `transcript-reader show x | head`
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        return 130


# --- show --------------------------------------------------------------------------------


def _show_parser() -> _Parser:
    parser = _Parser(prog=f"{PROG} show", description="Print the transcript as the reader "
                     "presents it: one heading or paragraph per line, blank lines between.")
    parser.add_argument("path", type=Path, metavar="PATH")
    return parser


def render_plain(transcript: Transcript) -> str:
    return "\n\n".join(_plain_line(block) for block in transcript.blocks) + "\n"


def _plain_line(block: Block) -> str:
    """A bullet gets its dot; a timed or attributed paragraph ``[M:SS] Speaker: text``."""
    if block.kind is BlockKind.BULLET:
        return f"• {block.text}"
    if block.kind is not BlockKind.PARAGRAPH:
        return block.text
    time = f"[{format_clock(block.start_time)}] " if block.start_time is not None else ""
    speaker = f"{block.speaker}: " if block.speaker else ""
    return f"{time}{speaker}{block.text}"


def _load(path: Path) -> Transcript:
    """The transcript; what the user should know about how it was read goes to stderr."""
    transcript = load_transcript(path)
    for note in transcript.notes:
        print(f"{PROG}: {TranscriptError(path, note)}", file=sys.stderr)
    return transcript


def _show(args: argparse.Namespace) -> int:
    sys.stdout.write(render_plain(_load(args.path)))
    return 0


# --- chapters ----------------------------------------------------------------------------


def _chapters_parser() -> _Parser:
    parser = _Parser(prog=f"{PROG} chapters", description="List a transcript's chapters.")
    parser.add_argument("path", type=Path, metavar="PATH")
    parser.add_argument("--json", action="store_true", help="print a JSON object")
    pairing = parser.add_mutually_exclusive_group()
    pairing.add_argument("--outline", type=Path, metavar="FILE", help="divide the transcript "
                         "into the chapters of this outline or chapters file, from now on")
    pairing.add_argument("--no-outline", action="store_true",
                         help="show the transcript without an outline's chapters")
    pairing.add_argument("--auto-outline", action="store_true", help="forget the choice: use "
                         "an outline of the same episode in the same folder (docs/companions.md)")
    return parser


def _record_pairing(args: argparse.Namespace) -> None:
    """The user's outline choice, kept in ``<transcript>.pairing`` for the app too."""
    if not (args.outline or args.no_outline or args.auto_outline):
        return
    from reader.core import companions

    if not args.path.is_file():
        raise TranscriptError(args.path, "no such file")
    if args.outline is not None and not companions.chapter_marks(args.outline):
        raise TranscriptError(args.outline, "has no chapters with start times")
    if args.auto_outline:
        companions.forget_choice(args.path)
    else:
        companions.write_choice(args.path, None if args.no_outline else args.outline)


def chapters_json(transcript: Transcript) -> dict[str, Any]:
    return {
        "title": transcript.title,
        "show": transcript.show,
        "chapters": [
            {
                "title": chapter.title,
                "start": chapter.start_time,
                "end": chapter.end_time,
                "kind": chapter.kind.value,
                "excerpt": transcript.excerpt(index),
            }
            for index, chapter in enumerate(transcript.chapters)
        ],
    }


def _chapters(args: argparse.Namespace) -> int:
    _record_pairing(args)
    transcript = _load(args.path)
    from reader.core.annotations.chapters import read_user_chapters
    from reader.core.sections import with_user_chapters  # the user's own, from the sidecar

    transcript = with_user_chapters(transcript, read_user_chapters(transcript))
    if args.json:
        json.dump(chapters_json(transcript), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    header = transcript.title + (f" ({transcript.show})" if transcript.show else "")
    print(printable(header))
    if not transcript.chapters:
        print("(no chapters)")
        return 0
    rows = [  # titles from other tools' sidecars may hold control codes: printed escaped
        (str(i + 1), _clock(c.start_time), _clock(c.end_time), printable(c.title))
        for i, c in enumerate(transcript.chapters)
    ]
    widths = [max(len(row[col]) for row in rows) for col in range(3)]
    for number, start, end, title in rows:
        print(f"{number:>{widths[0]}}  {start:>{widths[1]}} – {end:>{widths[2]}}  {title}")
    return 0


def _clock(seconds: float | None) -> str:
    return format_clock(seconds) if seconds is not None else "–"


# --- the app -----------------------------------------------------------------------------


def _app_parser() -> _Parser:
    parser = _Parser(
        prog=PROG,
        description="Read, search and annotate interview and podcast transcripts.",
        epilog=COMMANDS_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        usage=f"{PROG} [-h] [--version] [--library DIR] [PATH ...]\n"
              f"       {PROG} {{show,chapters,search,related,index,annotations,annotate,"
              "export,import} ...",
    )
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                        help="transcript files or folders to open (default: the library)")
    parser.add_argument("--library", type=Path, metavar="DIR",
                        help="open this folder as the library instead of the default one")
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    parser.add_argument("--install-desktop", action="store_const", const="--install-desktop",
                        dest="desktop", help="add the app and its icon to the desktop's "
                        "application menu (~/.local/share; XDG_DATA_HOME moves it)")
    parser.add_argument("--uninstall-desktop", action="store_const",
                        const="--uninstall-desktop", dest="desktop",
                        help="remove them again")
    return parser


def _open_app(args: argparse.Namespace) -> int:
    if args.desktop:
        from reader import desktop

        return desktop.main(args.desktop)
    for path in args.paths:
        if not path.exists():
            raise TranscriptError(path, "no such file or folder")
    if args.library is not None and not args.library.is_dir():
        raise TranscriptError(args.library, "is not a folder")
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
        or os.environ.get("QT_QPA_PLATFORM")
    ):
        raise CliError(f"{PROG}: no display to open a window on (DISPLAY is not set); "
                       "run it in a desktop session, or under xvfb-run")
    from reader.ui.app import run_app  # Qt is imported only when a window is wanted

    return run_app(paths=args.paths, library=args.library)


if __name__ == "__main__":
    raise SystemExit(main())
