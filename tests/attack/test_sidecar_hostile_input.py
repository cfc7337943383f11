"""Hostile-input findings: sidecars that crash or hang opening a transcript's notes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.core.annotations import AnnotationStore
from reader.core.formats import load_transcript
from tests.conftest import LEX


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "talk.txt"
    target.write_bytes(LEX.read_bytes())
    return target


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reader", *args], capture_output=True,
                          text=True, timeout=60)


def test_a_sidecar_time_just_past_the_calendar_edge_crashes_with_a_traceback(
        tmp_path: Path) -> None:
    """`"modified": "0001-01-01T00:00:00+01:00"` (valid ISO 8601, e.g. a zero date from another
    tool) raises OverflowError out of parse_time: `annotations` and `annotate` print a
    traceback, and in the window the transcript opens with an empty view and no message."""
    path = _copy(tmp_path)
    (tmp_path / "talk.txt.annotations.json").write_text(json.dumps({"annotations": [
        {"id": "urn:uuid:1", "modified": "0001-01-01T00:00:00+01:00", "bodyValue": "a note",
         "target": {"selector": {"type": "TextQuoteSelector", "exact": "AlexNet origins"}}},
    ]}), encoding="utf-8")
    result = _run("annotations", str(path))
    assert "Traceback" not in result.stderr, result.stderr[-300:]
    assert result.returncode in (0, 2) and len(result.stderr.splitlines()) <= 1


def test_a_highlight_modified_at_the_latest_representable_time_cannot_be_edited_or_deleted(
        tmp_path: Path) -> None:
    """A sidecar entry stamped 9999-12-31T23:59:59.999999Z loads fine, but changing its note,
    colour or deleting it raises OverflowError (later_than adds a microsecond)."""
    path = _copy(tmp_path)
    (tmp_path / "talk.txt.annotations.json").write_text(json.dumps({"annotations": [
        {"id": "urn:uuid:1", "modified": "9999-12-31T23:59:59.999999Z", "bodyValue": "a note",
         "target": {"selector": {"type": "TextQuoteSelector", "exact": "AlexNet origins"}}},
    ]}), encoding="utf-8")
    store = AnnotationStore(load_transcript(path))
    store.load()
    store.update("urn:uuid:1", note="edited")
    store.delete("urn:uuid:1")
    store.save()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_sidecar_that_is_a_fifo_hangs_annotations_and_annotate(tmp_path: Path) -> None:
    """Transcripts are read only if regular (never a FIFO or a device), but the sidecar is read
    with read_bytes(): a FIFO named talk.txt.annotations.json blocks forever (the window would
    never show the transcript), and a link to /dev/zero grows without bound (4.4 GB in 8 s)."""
    path = _copy(tmp_path)
    os.mkfifo(tmp_path / "talk.txt.annotations.json")
    try:
        result = subprocess.run([sys.executable, "-m", "reader", "annotations", str(path)],
                                capture_output=True, text=True, timeout=20)
    except subprocess.TimeoutExpired:
        pytest.fail("`annotations` hung on a sidecar that is a FIFO")
    assert result.returncode in (0, 2) and "Traceback" not in result.stderr
