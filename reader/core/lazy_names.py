"""Names a package exports but imports from their modules only when first used, so importing
the package (the window does at start-up) does not load what those modules pull in (Whoosh,
file locks, fuzzy matching)."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any


def lazy_getattr(package: str, namespace: dict[str, Any],
                 module_of: Mapping[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` for ``package``: ``name`` comes from
    ``package.<module_of[name]>`` and is kept in ``namespace`` (the package's globals), so
    the next use is a plain lookup."""

    def __getattr__(name: str) -> Any:
        module = module_of.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{module}"), name)
        namespace[name] = value
        return value

    return __getattr__
