"""Source bytes -> normalised text, or a one-line error saying why not."""

from __future__ import annotations

import codecs
import hashlib
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

from reader.core.errors import TranscriptError

# Files larger than this are not transcripts anyone reads in a desktop reader (a 10-hour
# podcast is about 1 MB); refusing early keeps a stray video file from freezing the app.
MAX_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class SourceText:
    path: Path
    text: str  # line endings normalised to "\n"; BOM removed
    fingerprint: str  # sha256 of the raw bytes


def read_source(path: Path) -> SourceText:
    try:
        if path.is_dir():
            raise TranscriptError(path, "is a folder, not a transcript file")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise TranscriptError(path, f"too large to be a transcript ({size // 2**20} MB)")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise TranscriptError(path, "no such file") from None
    except PermissionError:
        raise TranscriptError(path, "cannot be read (permission denied)") from None
    except OSError as error:
        raise TranscriptError(path, f"cannot be read ({error.strerror or error})") from None
    return SourceText(path, decode_bytes(path, raw), hashlib.sha256(raw).hexdigest())


def decode_bytes(path: Path, raw: bytes) -> str:
    if not raw.strip():
        raise TranscriptError(path, "is empty")
    text = _decode(path, raw)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise TranscriptError(path, "is empty")
    return text


def _decode(path: Path, raw: bytes) -> str:
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if raw.startswith(bom):
            try:
                return raw.decode(encoding).lstrip("\ufeff")
            except UnicodeDecodeError:
                raise TranscriptError(path, f"is not valid {encoding.upper()} text") from None
    if b"\x00" in raw[:8192]:
        raise TranscriptError(path, "is a binary file, not a text transcript")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(raw).best()
    if best is None:
        raise TranscriptError(path, "is not a text file (no text encoding fits its bytes)")
    return str(best)
