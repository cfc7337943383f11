"""Where things live: bundled resources, the user's library, caches and settings.

The app never writes into the package or the checkout except ``indexes/`` (a git-ignored cache)
when it runs from a checkout. Everything else follows platformdirs (XDG on Linux), so tests and
users can redirect it with ``XDG_DATA_HOME`` / ``XDG_CONFIG_HOME``.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "transcript-reader"

_PACKAGE = Path(__file__).resolve().parents[1]
_CHECKOUT = _PACKAGE.parent


def resources_dir() -> Path:
    """``resources/`` of the checkout, or ``reader/resources`` inside an installed wheel (the
    build maps the one onto the other; see pyproject.toml)."""
    checkout = _CHECKOUT / "resources"
    if (_CHECKOUT / "pyproject.toml").is_file() and checkout.is_dir():
        return checkout
    return _PACKAGE / "resources"


def bundled_transcripts_dir() -> Path:
    """The interviews that ship with the app."""
    return resources_dir() / "transcripts"


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_library_dir() -> Path:
    """The user's own transcripts; sidecar files with their notes sit beside each one."""
    return data_dir() / "Library"


def config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def settings_file() -> Path:
    return config_dir() / "settings.ini"


def cache_dir() -> Path:
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def index_root() -> Path:
    """``indexes/`` when running from a checkout (where it is git-ignored), else the cache dir.

    An explicit ``XDG_CACHE_HOME`` wins even in a checkout: it is how a user (or a test that
    isolates user folders) says where caches go."""
    checkout_indexes = _CHECKOUT / "indexes"
    if (
        not os.environ.get("XDG_CACHE_HOME")
        and (_CHECKOUT / "pyproject.toml").is_file()
        and checkout_indexes.is_dir()
    ):
        return checkout_indexes
    return cache_dir() / "indexes"
