"""Outputs: a JSONL stream or file (plain, .gz, .zst), or a directory of text/JSON files.

Files are written atomically: into a temporary file beside the final name, renamed over it
only when complete, so an interrupted run leaves the final name as it was (absent, or the
previous complete output) and no partial file behind.
"""

from __future__ import annotations

import contextlib
import gzip
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Protocol, cast

import zstandard

from cleaner.batch.worker import Outcome


@contextlib.contextmanager
def atomic_output(path: str | Path) -> Iterator[IO[bytes]]:
    """A binary stream that becomes ``path`` on success; compressed for .gz and .zst."""
    target = Path(path)
    fd, temporary = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".part", dir=target.parent or Path(".")
    )
    try:
        os.fchmod(fd, 0o666 & ~_umask())  # as open() would create it, not mkstemp's 0600
        with os.fdopen(fd, "wb") as raw:
            compressed: IO[bytes]
            if target.name.endswith(".gz"):
                compressed = cast(
                    IO[bytes], gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0)
                )
            elif target.name.endswith(".zst"):
                compressed = cast(
                    IO[bytes], zstandard.ZstdCompressor().stream_writer(raw, closefd=False)
                )
            else:
                compressed = raw
            yield compressed
            if compressed is not raw:
                compressed.close()
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


class Sink(Protocol):
    def write(self, outcome: Outcome) -> None: ...


class JsonlSink:
    """One line per record, in order: the clean record, or the error record."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream

    def write(self, outcome: Outcome) -> None:
        line = outcome.rendered if outcome.error is None else outcome.error_record
        if line is not None:
            self.stream.write(line + b"\n")


_UNSAFE = re.compile(r"[^\w.-]+")


class DirectorySink:
    """One file per record: ``<number>[-<id>].txt`` (or ``.json``), numbered in input order;
    an error record goes to ``<number>[-<id>].error.json``."""

    def __init__(self, directory: str | Path, extension: str) -> None:
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self.extension = extension
        self.number = 0

    def write(self, outcome: Outcome) -> None:
        self.number += 1
        stem = f"{self.number:08d}"
        if outcome.name:
            stem += "-" + _UNSAFE.sub("_", outcome.name).strip("._")[:80]
        if outcome.error is None:
            name, content = f"{stem}.{self.extension}", outcome.rendered
        else:
            name, content = f"{stem}.error.json", outcome.error_record
        if content is None:
            return
        with atomic_output(self.directory / name) as stream:
            stream.write(content + b"\n")
