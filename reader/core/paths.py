"""Where things live: bundled resources, the user's library, caches and settings.

The app never writes into the package or the checkout except ``indexes/`` (a git-ignored cache)
when it runs from a checkout. Everything else follows platformdirs (XDG on Linux), so tests and
users can redirect it with ``XDG_DATA_HOME`` / ``XDG_CONFIG_HOME``.
"""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP_NAME = "transcript-reader"

_CHECKOUT = Path(__file__).resolve().parents[2]


def bundled_transcripts_dir() -> Path:
    """The interviews that ship with the app (``resources/transcripts`` in the checkout)."""
    return _CHECKOUT / "resources" / "transcripts"


def resources_dir() -> Path:
    return _CHECKOUT / "resources"


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_library_dir() -> Path:
    """The user's own transcripts; sidecar files with their notes sit beside each one."""
    return data_dir() / "Library"


def config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def settings_file() -> Path:
    return config_dir() / "settings.ini"


def index_root() -> Path:
    """``indexes/`` when running from a checkout (where it is git-ignored), else the cache dir."""
    checkout_indexes = _CHECKOUT / "indexes"
    if (_CHECKOUT / "pyproject.toml").is_file() and checkout_indexes.is_dir():
        return checkout_indexes
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)) / "indexes"
