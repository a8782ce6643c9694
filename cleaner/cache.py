"""A per-user cache of what is the same on every run and slow to rebuild.

Starting ``cleaner`` compiled about two thousand regular expressions and read langdetect's
55 profiles, about a second of work whose result depends only on the rules, langdetect and
the Python version. Those results are kept here, as ``marshal`` data (the format of Python's
own ``.pyc`` files), one file per kind, named after what it was built from.

The folder is ``$CLEANER_CACHE_DIR`` when set (empty: no cache), else the platform's user
cache folder. Files are replaced atomically, so concurrent processes only ever read a whole
file; a file that cannot be read or written is ignored, and everything is rebuilt as before.
"""

from __future__ import annotations

import marshal
import os
import sys
from pathlib import Path
from typing import Any

ENV = "CLEANER_CACHE_DIR"


def cache_dir() -> Path | None:
    """The cache folder, or None when the user turned the cache off."""
    configured = os.environ.get(ENV)
    if configured is not None:
        return Path(configured) if configured else None
    if sys.platform == "win32":  # pragma: no cover - not tested on Windows
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":  # pragma: no cover - not tested on macOS
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "cleaner"


def load(name: str) -> Any:
    """The value stored under ``name``, or None when there is none that can be read."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        with open(folder / name, "rb") as handle:
            return marshal.loads(handle.read())
    except (OSError, EOFError, ValueError, TypeError):
        return None


def store(name: str, value: Any) -> None:
    """Keep ``value`` (of the types ``marshal`` writes) under ``name``; silently nothing when
    the folder cannot be written."""
    folder = cache_dir()
    if folder is None:
        return
    import tempfile  # only on writing (its imports take 5 ms)

    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{name}.", dir=folder)
        try:
            with os.fdopen(handle, "wb") as out:
                marshal.dump(value, out)
            os.replace(temporary, folder / name)
        except BaseException:
            os.unlink(temporary)
            raise
    except (OSError, ValueError):
        return
