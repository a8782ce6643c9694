"""A per-user cache of what is the same on every run and slow to rebuild.

Starting ``cleaner`` compiled about two thousand regular expressions and read langdetect's
55 profiles, about a second of work whose result depends only on the rules, langdetect and
the Python version; each new process also rewrote the vocabularies for RE2. Those results
are kept here, as ``marshal`` data (the format of Python's own ``.pyc`` files), one file per
kind, named after what it was built from; tables that grow as a process meets new patterns
are ``Memo``s.

The folder is ``$CLEANER_CACHE_DIR`` when set (empty: no cache), else the platform's user
cache folder. Files are replaced atomically, so concurrent processes only ever read a whole
file; a file that cannot be read or written is ignored, and everything is rebuilt as before.
Each new version of the rules or of the language model writes new files, so a store that
leaves the folder over ``MAX_BYTES`` removes the files written longest ago (a file still in
use is rebuilt on its next load).
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import marshal
import mmap
import os
import sys
import threading
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import IO, Any

ENV = "CLEANER_CACHE_DIR"
# About six versions of everything (the language model takes 9 MB).
MAX_BYTES = 64 * 2**20


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


def mapped(name: str) -> mmap.mmap | None:
    """The file stored under ``name`` mapped read-only (its pages read when touched), or None
    when there is none that can be mapped."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        with open(folder / name, "rb") as handle:
            return mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):  # missing, unreadable or empty
        return None


def store(name: str, value: Any) -> None:
    """Keep ``value`` (of the types ``marshal`` writes) under ``name``; silently nothing when
    the folder cannot be written."""
    _write(name, lambda out: marshal.dump(value, out))


def store_bytes(name: str, data: bytes) -> None:
    """Keep ``data`` as the whole file ``name`` (for ``mapped``), or silently nothing."""
    _write(name, lambda out: out.write(data))


class Memo:
    """A table of results kept in the cache file ``name``: read on first use, and what this
    process added merged into the file when it exits (or on ``save``). A file past ``most``
    entries (rules edited many times) keeps only the entries this process used.

    ``name`` may be a function, called on first use (a name made from files' contents).
    Keys and values are of the types ``marshal`` writes; a value is never None."""

    def __init__(self, name: str | Callable[[], str], most: int) -> None:
        self._name = name
        self.most = most
        self._lock = threading.Lock()
        self._entries: dict[Hashable, Any] | None = None
        self._used: set[Hashable] = set()
        self._added = False
        self._registered = False
        _MEMOS.append(self)

    def get(self, key: Hashable) -> Any:
        """The value kept for ``key``, or None."""
        value = self._loaded().get(key)
        if value is not None:
            self._used.add(key)
        return value

    def put(self, key: Hashable, value: Any) -> None:
        self._loaded()[key] = value
        self._used.add(key)
        self._added = True
        if not self._registered:
            self._registered = True
            atexit.register(self.save)

    def discard(self, key: Hashable) -> None:
        """Forget ``key`` in this process (a value found unusable)."""
        self._loaded().pop(key, None)

    @property
    def added(self) -> bool:
        """Whether this process added entries not yet saved."""
        return self._added

    @functools.cached_property
    def name(self) -> str:
        return self._name if isinstance(self._name, str) else self._name()

    def save(self) -> None:
        """Merge the entries this process added into the file (nothing when it added none)."""
        if not self._added or self._entries is None:
            return
        stored = load(self.name)
        merged = dict(stored) if isinstance(stored, dict) else {}
        merged.update(self._entries)
        if len(merged) > self.most:
            merged = {key: self._entries[key] for key in self._used if key in self._entries}
        store(self.name, merged)
        self._added = False

    def forget_loaded(self) -> None:
        """Read the file again on next use, as a new process would."""
        self._entries = None
        self._used = set()
        self._added = False

    def _loaded(self) -> dict[Hashable, Any]:
        entries = self._entries
        if entries is None:
            with self._lock:
                if self._entries is None:
                    stored = load(self.name)
                    self._entries = stored if isinstance(stored, dict) else {}
                entries = self._entries
        return entries


_MEMOS: list[Memo] = []


def save_memos() -> None:
    """Save what every Memo added in this process. A pool's worker process ends without
    running the exit handlers, so a worker calls this itself after a piece of work."""
    for memo in _MEMOS:
        memo.save()


def _write(name: str, write: Callable[[IO[bytes]], object]) -> None:
    folder = cache_dir()
    if folder is None:
        return
    import tempfile  # only on writing (its imports take 5 ms)

    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{name}.", dir=folder)
        try:
            with os.fdopen(handle, "wb") as out:
                write(out)
            os.replace(temporary, folder / name)
        except BaseException:
            os.unlink(temporary)
            raise
        _prune(folder, name)
    except (OSError, ValueError):
        return


def _prune(folder: Path, kept: str) -> None:
    """Remove the files written longest ago, but ``kept`` and the temporary files of stores
    under way, while the folder holds more than ``MAX_BYTES``."""
    entries = sorted(
        (stat.st_mtime_ns, stat.st_size, entry.path)
        for entry in os.scandir(folder)
        if entry.is_file() and entry.name != kept and not entry.name.startswith(".")
        for stat in (entry.stat(),)
    )
    total = sum(size for _, size, _ in entries) + (folder / kept).stat().st_size
    for _, size, path in entries:
        if total <= MAX_BYTES:
            break
        with contextlib.suppress(FileNotFoundError):  # another process pruned it first
            os.unlink(path)
        total -= size
