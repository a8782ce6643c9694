"""Input files to tasks: paths, directories and globs; JSONL (plain, .gz, .zst); WARC and WET.

Every record a file holds becomes one Task, in file order; a record that cannot be read
becomes a Task carrying its error (with the file and line or record number), so that no
record is ever dropped without being counted. Reading streams: one line or one WARC record
in memory at a time. A plain JSONL file is only cut into spans of lines here, which the
workers read (``span_records``): the main process neither copies nor sends its records.
"""

from __future__ import annotations

import glob
import gzip
import io
import os
import sys
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import IO, Any, cast

import zstandard

from cleaner.batch.records import Fields, Task
from cleaner.batch.warc import WarcItem, read_warc
from cleaner.errors import InputError
from cleaner.files import document_bytes, missing_input
from cleaner.limits import Limits
from cleaner.modes import Mode

JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".jsonl.zst", ".ndjson", ".ndjson.gz", ".ndjson.zst")
WARC_SUFFIXES = (".warc", ".warc.gz", ".wet", ".wet.gz")
STDIN = "-"
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def kind_of(name: str) -> str:
    """How a file is read: "jsonl", "warc" or "text" (one document per file)."""
    lower = name.lower()
    if name == STDIN or lower.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if lower.endswith(WARC_SUFFIXES):
        return "warc"
    return "text"


def is_batch_input(name: str) -> bool:
    """Whether ``name`` can only be read as a batch: records, a directory or a glob."""
    if name == STDIN:
        return False
    if kind_of(name) != "text" or os.path.isdir(name):
        return True
    return glob.has_magic(name) and not os.path.exists(name)


def expand(names: Sequence[str]) -> list[str]:
    """Input files of ``names``: directories walked (sorted, hidden entries skipped), globs
    matched (sorted); a name that matches nothing raises InputError naming it."""
    found: list[str] = []
    for name in names:
        if name == STDIN or os.path.isfile(name):
            found.append(name)
        elif os.path.isdir(name):
            found.extend(_walk(name))
        elif glob.has_magic(name):
            matches = sorted(m for m in glob.glob(name, recursive=True) if os.path.isfile(m))
            if not matches:
                raise InputError(f"{name}: no file matches")
            found.extend(matches)
        else:
            raise InputError(missing_input(name))
    return found


def _walk(top: str) -> list[str]:
    files: list[str] = []
    for root, dirs, names in os.walk(top):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        files.extend(os.path.join(root, n) for n in sorted(names) if not n.startswith("."))
    return files


def _open_binary(name: str) -> tuple[IO[bytes], IO[bytes]]:
    """The decompressed stream of a file and the raw file under it (for progress)."""
    if name == STDIN:
        return sys.stdin.buffer, sys.stdin.buffer
    raw = open(name, "rb")  # noqa: SIM115 - closed by the caller
    lower = name.lower()
    if lower.endswith(".gz") and kind_of(name) == "jsonl":
        return cast(IO[bytes], gzip.GzipFile(fileobj=raw)), raw
    if lower.endswith(".zst"):
        return cast(IO[bytes], io.BufferedReader(_ZstdFrames(raw))), raw
    return raw, raw


class _ZstdFrames(io.RawIOBase):
    """The decompressed bytes of all the zstd frames of ``raw``; a file that ends inside a
    frame raises EOFError (zstandard's own reader ends quietly there)."""

    def __init__(self, raw: IO[bytes]) -> None:
        self._raw = raw
        self._frame = zstandard.ZstdDecompressor().decompressobj()
        self._fed = False  # whether the current frame has had any bytes
        self._pending = b""  # decompressed, not yet read

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        while not self._pending:
            data = self._raw.read(1 << 16)
            if not data:
                if self._fed and not self._frame.eof:
                    raise EOFError("compressed file ended before the end of a zstd frame")
                return 0
            while data:
                if self._frame.eof:
                    self._frame = zstandard.ZstdDecompressor().decompressobj()
                self._pending += self._frame.decompress(data)
                self._fed = True
                data = self._frame.unused_data if self._frame.eof else b""
        size = min(len(view), len(self._pending))
        view[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        return size


@dataclass
class Inputs:
    """The input files of a run, read as one stream of Tasks with a byte position."""

    names: list[str]
    fields: Fields = field(default_factory=Fields)
    limit: int = Limits().max_input_bytes  # of a decompressed document
    mark_ends: bool = False  # a file_end Task after the records of each file
    ignored: int = 0
    ignored_in: dict[str, int] = field(default_factory=dict)  # of each file read
    _done_bytes: int = 0
    _raw: IO[bytes] | None = field(default=None, repr=False)

    @property
    def total_bytes(self) -> int | None:
        """Size on disk of all inputs; None when one of them is stdin."""
        if STDIN in self.names:
            return None
        return sum(os.path.getsize(n) for n in self.names)

    def consumed_bytes(self) -> int:
        """Bytes of the input files (as stored, compressed or not) read so far."""
        current = 0
        if self._raw is not None and self._raw is not sys.stdin.buffer:
            try:
                current = self._raw.tell()
            except (OSError, ValueError):
                current = 0
        return self._done_bytes + current

    def chunks(self, size: int) -> Iterator[list[Task]]:
        """The tasks in lists of ``size``; a span of ``size`` lines of a plain JSONL file
        is a list of its own."""
        pending: list[Task] = []
        for task in self.tasks(size):
            if task.span is not None:
                if pending:
                    yield pending
                    pending = []
                yield [task]
                continue
            pending.append(task)
            if len(pending) == size:
                yield pending
                pending = []
        if pending:
            yield pending

    def tasks(self, lines_per_span: int) -> Iterator[Task]:
        """Every record's Task, a plain JSONL file's records in span Tasks of
        ``lines_per_span`` lines."""
        for name in self.names:
            before = self.ignored
            for task in self._tasks_of(name, lines_per_span):
                # A span's file is read ahead by blocks: its progress point is where it ends.
                if task.span is not None:
                    task.position = self._done_bytes + task.span[1]
                else:
                    task.position = self.consumed_bytes()
                yield task
            self.ignored_in[name] = self.ignored - before
            if name != STDIN:
                self._done_bytes += os.path.getsize(name)
            if self.mark_ends:
                yield Task(name, 0, b"", position=self.consumed_bytes(), file_end=True)

    def _tasks_of(self, name: str, lines_per_span: int) -> Iterator[Task]:
        label = "<stdin>" if name == STDIN else name
        try:
            stream, raw = _open_binary(name)
        except OSError as error:
            yield Task(label, 0, b"", error=f"cannot open: {error.strerror or error}")
            return
        self._raw = raw
        try:
            kind = kind_of(name)
            if kind == "jsonl" and stream is raw and _is_plain_file(name):
                yield from _jsonl_spans(raw, label, lines_per_span)
            elif kind == "jsonl":
                yield from _jsonl_tasks(stream, label)
            elif kind == "warc":
                yield from self._warc_tasks(stream, label)
            else:
                yield self._file_task(stream.read(), label)
        finally:
            self._raw = None
            if stream is not sys.stdin.buffer:
                stream.close()
                raw.close()

    def _file_task(self, data: bytes, label: str) -> Task:
        """A file that is one document: decompressed if it is compressed, an error Task if
        it is of a binary format."""
        try:
            return Task(label, 1, document_bytes(data, self.limit), fields={"source": label})
        except InputError as error:
            return Task(label, 1, b"", fields={"source": label}, error=str(error))

    def _warc_tasks(self, stream: IO[bytes], label: str) -> Iterator[Task]:
        for item in read_warc(stream, _is_document):
            if item.error is not None:
                yield Task(label, item.number, b"", error=item.error)
            elif not _is_document(item.record):
                self.ignored += 1
            else:
                yield self._warc_task(item, label)

    def _warc_task(self, item: WarcItem, label: str) -> Task:
        """The Task of an HTML response or a WET conversion record."""
        headers = item.record.rec_headers
        html = item.record.rec_type == "response"
        fields = {
            self.fields.url: headers.get_header("WARC-Target-URI"),
            self.fields.id: headers.get_header("WARC-Record-ID"),
            "warc_date": headers.get_header("WARC-Date"),
        }
        return Task(
            label,
            item.number,
            item.payload,
            fields=fields,
            html=html,
            mode=None if html else Mode.WHOLE_PAGE,
        )


def _is_document(record: Any) -> bool:
    """Whether a WARC record is a document: an HTML response, or a WET conversion record
    (the visible text of a whole page)."""
    if record.rec_type == "conversion":
        return True
    if record.rec_type != "response" or record.http_headers is None:
        return False
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    return bool(content_type.startswith(_HTML_TYPES))


def _jsonl_tasks(stream: IO[bytes], label: str, first: int = 1) -> Iterator[Task]:
    """A Task for each non-blank line, the first numbered ``first``."""
    number = first - 1
    try:
        for number, line in enumerate(stream, start=first):
            if line.strip():
                yield Task(label, number, line)
    except (OSError, EOFError, zlib.error, zstandard.ZstdError) as error:
        yield Task(label, number + 1, b"", error=f"unreadable input ({error})")


def _is_plain_file(name: str) -> bool:
    """A regular file, not stdin, a pipe or a device: it can be read again at an offset."""
    return name != STDIN and os.path.isfile(name)


# How much of a plain JSONL file the main process reads at a time to cut it into spans.
SPAN_BLOCK = 1 << 20


def _jsonl_spans(raw: IO[bytes], label: str, lines_per_span: int) -> Iterator[Task]:
    """Span Tasks of ``lines_per_span`` lines each (the last may hold fewer, and end without
    a newline), found by reading the file once without keeping its lines."""
    start = offset = 0
    first = 1  # the number of the span's first line
    lines = 0
    try:
        while block := raw.read(SPAN_BLOCK):
            at = block.find(b"\n")
            while at >= 0:
                lines += 1
                if lines == lines_per_span:
                    end = offset + at + 1
                    yield Task(label, first, b"", span=(start, end))
                    start, first, lines = end, first + lines, 0
                at = block.find(b"\n", at + 1)
            offset += len(block)
    except OSError as error:
        yield Task(label, first + lines, b"", error=f"unreadable input ({error})")
        return
    if offset > start:
        yield Task(label, first, b"", span=(start, offset))


def span_records(span: Task) -> list[Task]:
    """The Tasks of the records (non-blank lines) of the span Task ``span``, read from its
    file; one error Task when the file cannot be read there any more."""
    assert span.span is not None
    start, end = span.span
    try:
        with open(span.source, "rb") as file:
            file.seek(start)
            data = file.read(end - start)
    except OSError as error:
        return [Task(span.source, span.line, b"", error=f"unreadable input ({error})")]
    if len(data) != end - start:
        problem = "unreadable input (the file changed while it was read)"
        return [Task(span.source, span.line, b"", error=problem)]
    tasks = list(_jsonl_tasks(io.BytesIO(data), span.source, span.line))
    for task in tasks:
        task.position = span.position
    return tasks
