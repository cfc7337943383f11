"""Hostile-input findings: JSON the command line prints that strict parsers reject."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (*_strings(k), *_strings(v))]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def test_annotations_json_path_of_a_non_utf8_file_name_is_a_lone_surrogate(
        tmp_path: Path) -> None:
    """`chapters --json` escapes such a name (title "Notitle\\xff\\xfe"), but
    `annotations --json` prints "path": "notitle\\udcff\\udcfe.txt": lone surrogates that
    Perl's JSON::PP rejects ("missing high surrogate character") and jq turns into U+FFFD.
    (`search --json` paths do the same.)"""
    odd = os.fsencode(tmp_path) + b"/notitle\xff\xfe.txt"
    with open(odd, "wb") as handle:
        handle.write(b"words without a title line, and more words. then an end.\n")
    for locale in ("C.UTF-8", "C"):
        env = {**os.environ, "LC_ALL": locale, "LANG": locale}
        result = subprocess.run([sys.executable, "-m", "reader", "annotations", "--json", odd],
                                capture_output=True, timeout=60, env=env)
        assert result.returncode == 0, result.stderr
        data = json.loads(result.stdout.decode("utf-8"))
        for text in _strings(data):
            text.encode("utf-8")  # strict: raises on a lone surrogate
