"""Transcripts and sidecars shaped to break the readers: each gives a readable transcript or
a one-line error, never a hang or a traceback. (Found by attacking the app; each failed
before its fix.)"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def _show(path: Path) -> subprocess.CompletedProcess[str]:
    # The timeout is a hang check, not a speed target: before the fix this took minutes.
    return subprocess.run([sys.executable, "-m", "reader", "show", str(path)],
                          capture_output=True, text=True, timeout=20)


def test_a_long_run_of_backticks_in_markdown_is_read_not_hung_on(tmp_path: Path) -> None:
    path = tmp_path / "b.md"
    path.write_text("**A:** " + "`" * 200_000 + "\n\n**B:** hi\n", encoding="utf-8")
    result = _show(path)
    assert result.returncode == 0, result.stderr
    assert "hi" in result.stdout
