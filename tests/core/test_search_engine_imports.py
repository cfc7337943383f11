"""What loading the search engine costs every command-line search: not Python's web client."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

CHECK = """
import sys
import reader.core.search.engine
print(sorted(m for m in ("urllib.request", "http.client", "email.parser", "ssl")
             if m in sys.modules))
# Whoosh's urlretrieve still works if anything calls it (a local file: no network).
from whoosh.compat import urlretrieve
target, _ = urlretrieve("file://" + sys.argv[1], sys.argv[2])
print(open(target, encoding="utf-8").read())
import urllib.request
print(urllib.request.urlopen.__module__)
"""


def test_the_engine_loads_without_the_web_client_and_whoosh_still_can_fetch(
        tmp_path: Path) -> None:
    source, target = tmp_path / "in.txt", tmp_path / "out.txt"
    source.write_text("fetched", "utf-8")
    done = subprocess.run([sys.executable, "-W", "ignore", "-c", CHECK, str(source),
                           str(target)], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["[]", "fetched", "urllib.request"]
