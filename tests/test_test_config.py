"""The test configuration itself: what it filters and where tests write."""

from __future__ import annotations

from pathlib import Path

from reader.core import paths


def test_a_frozen_dependencys_invalid_escapes_do_not_fail_the_suite(tmp_path: Path) -> None:
    # Whoosh 2.7.4 is installed without byte-compiling in CI, so its modules are compiled on
    # import, under the suite's "warnings are errors" rule; this is what that compile sees.
    source = "PATTERN = '\\d+\\s'\n"
    fake = tmp_path / "site-packages" / "whoosh" / "lang" / "porter.py"
    code = compile(source, str(fake), "exec")
    namespace: dict[str, object] = {}
    exec(code, namespace)
    assert namespace["PATTERN"] == "\\d+\\s"


def test_indexes_follow_xdg_cache_home_even_in_a_checkout(isolated_user_dirs: Path) -> None:
    root = paths.index_root()
    assert root == isolated_user_dirs / "xdg_cache_home" / "transcript-reader" / "indexes"
