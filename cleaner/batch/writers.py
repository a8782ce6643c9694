"""Outputs: a JSONL stream or file (plain, .gz, .zst), or a directory of text/JSON files.

Files are written atomically: into a temporary file beside the final name, renamed over it
only when complete, so an interrupted run leaves the final name as it was (absent, or the
previous complete output) and no partial file behind.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, Protocol, cast

import zstandard

from cleaner.batch.worker import Outcome
from cleaner.errors import InputError


def _compressor(name: str, raw: IO[bytes]) -> IO[bytes]:
    """A stream writing into ``raw``, compressed as the file ``name`` says (.gz, .zst);
    closing it ends the gzip member or zstd frame and leaves ``raw`` open."""
    if name.endswith(".gz"):
        # Level 6, the gzip command's default: Python's 9 took 2.1 s of the main process's CPU
        # for 44 MB of output (the corpus of bench/startup.py), 6 took 1.6 s, for a file 0.4%
        # larger. The main process compresses while the workers clean, on the same cores.
        stream = gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=6)
        return cast(IO[bytes], stream)
    if name.endswith(".zst"):
        return cast(IO[bytes], zstandard.ZstdCompressor().stream_writer(raw, closefd=False))
    return raw


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
            compressed = _compressor(target.name, raw)
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

    def write_lines(self, lines: bytes) -> None:
        """Records' output lines, joined (see ``worker.Chunk``)."""


class JsonlSink:
    """One line per record, in order: the clean record, or the error record."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream

    def write(self, outcome: Outcome) -> None:
        line = outcome.rendered if outcome.error is None else outcome.error_record
        if line is not None:
            self.stream.write(line + b"\n")

    def write_lines(self, lines: bytes) -> None:
        self.stream.write(lines)


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

    def write_lines(self, lines: bytes) -> None:
        raise TypeError("a directory gets a file for each record: its lines are never joined")


class ResumableOutput:
    """A JSONL output file built input file by input file, so that a run that is killed
    can go on where it stopped.

    The records go to ``.NAME.part`` beside the final name, the output of each input file
    as its own gzip member or zstd frame when compressed; once all of a file's records are
    written and synced, a line naming the file, its size, the length of ``.NAME.part`` and
    the run's counts is appended (and synced) to ``.NAME.done``. A new run over the same
    inputs cuts ``.NAME.part`` back to the last file done and skips the files done; at the
    end ``.NAME.part`` is renamed to NAME and ``.NAME.done`` removed. The output is the
    bytes an uninterrupted resumable run writes.
    """

    def __init__(self, path: str | Path, inputs: list[str]) -> None:
        self.target = Path(path)
        folder = self.target.parent
        self.part = folder / f".{self.target.name}.part"
        self.journal = folder / f".{self.target.name}.done"
        self.done = self._files_done(inputs)
        size = self.done[-1]["part_bytes"] if self.done else 0
        if self.part.exists() and self.part.stat().st_size < size:
            raise InputError(
                f"{self.part}: shorter than {self.journal} says; remove both to start over"
            )
        if not self.done:
            self.journal.unlink(missing_ok=True)
        self.handle = open(self.part, "r+b" if self.part.exists() else "wb")  # noqa: SIM115
        self.handle.truncate(size)
        self.handle.seek(size)
        self.segment: IO[bytes] | None = None

    @property
    def counts(self) -> dict[str, Any] | None:
        """The run's counts when the last file done was, None when nothing is done."""
        return self.done[-1]["counts"] if self.done else None

    def _files_done(self, inputs: list[str]) -> list[dict[str, Any]]:
        if not self.journal.exists() or not self.part.exists():
            return []
        done: list[dict[str, Any]] = []
        for line in self.journal.read_text("utf-8").splitlines():
            try:
                entry = json.loads(line)
            except ValueError:  # the last line, cut by a crash before it was synced
                break
            number = len(done)
            if (
                number >= len(inputs)
                or entry["input"] != inputs[number]
                or entry["size"] != os.path.getsize(inputs[number])
            ):
                raise InputError(
                    f"{self.journal}: the interrupted run read {entry['input']!r} "
                    f"({entry['size']} bytes) as input {number + 1}, not this run's; "
                    f"give the same inputs, or remove {self.journal} and {self.part} "
                    "to start over"
                )
            done.append(entry)
        return done

    def write(self, outcome: Outcome) -> None:
        line = outcome.rendered if outcome.error is None else outcome.error_record
        if line is None:
            return
        self.write_lines(line + b"\n")

    def write_lines(self, lines: bytes) -> None:
        if self.segment is None:
            self.segment = _compressor(self.target.name, self.handle)
        self.segment.write(lines)

    def file_done(self, name: str, counts: dict[str, Any]) -> None:
        """Every record of input ``name`` is written: make it last, then say so."""
        if self.segment is not None and self.segment is not self.handle:
            self.segment.close()
        self.segment = None
        self.handle.flush()
        os.fsync(self.handle.fileno())
        entry = {
            "input": name,
            "size": os.path.getsize(name),
            "part_bytes": self.handle.tell(),
            "counts": counts,
        }
        with open(self.journal, "a", encoding="utf-8") as journal:
            journal.write(json.dumps(entry, ensure_ascii=False) + "\n")
            journal.flush()
            os.fsync(journal.fileno())

    def finish(self) -> None:
        """All inputs are done: the part becomes the output."""
        if self.segment is not None and self.segment is not self.handle:
            self.segment.close()
        self.handle.close()
        os.replace(self.part, self.target)
        self.journal.unlink(missing_ok=True)

    def close(self) -> None:
        """Stop without finishing: the part and the journal stay for the next run."""
        self.handle.close()
