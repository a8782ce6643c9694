"""WARC and WET files read record by record, each record checked whole before it is used.

warcio parses a record's headers, but it reads a damaged file leniently: a record shorter
than its Content-Length comes out as a shorter document, a gzip member cut short as less
text, and some damage only as a warning on stderr. Here every record must have the WARC
headers the standard requires, exactly Content-Length bytes of block and the CRLF CRLF
after them, and every gzip member must end with its trailer; a record that does not is
reported (file, record number, byte offset) and reading goes on at the next record (the next
gzip member, or the next "WARC/" line of an uncompressed file).
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO, Any

REQUIRED_HEADERS = ("WARC-Type", "WARC-Record-ID", "WARC-Date", "Content-Length")
_RECORD_END = b"\r\n\r\n"
_GZIP_MAGIC = b"\x1f\x8b"
_VERSION_LINE = b"WARC/"
_BLOCK = 1 << 16


class DamagedRecord(Exception):
    """A WARC record that is not whole; the message says what is wrong with it."""


@dataclass(slots=True)
class WarcItem:
    """One record of a file: ``number`` counts every record (1 = the first), ``offset`` is
    where it starts in the file as stored (compressed or not)."""

    number: int
    offset: int
    record: Any = None  # warcio's ArcWarcRecord, None when damaged
    payload: bytes = b""  # read only for the records ``wanted`` says
    error: str | None = None


def read_warc(raw: IO[bytes], wanted: Callable[[Any], bool]) -> Iterator[WarcItem]:
    """Every record of the seekable binary file ``raw`` (plain or gzip-compressed, told by
    its first bytes), with the payload of the records ``wanted`` accepts."""
    reader = _Records(wanted)
    if raw.peek(2)[:2] == _GZIP_MAGIC:  # type: ignore[attr-defined]
        yield from reader.gzip_members(raw)
    else:
        yield from reader.plain(raw)


class _Records:
    def __init__(self, wanted: Callable[[Any], bool]) -> None:
        # Imported here: warcio imports fsspec (40 ms), which a run without WARC input,
        # a single small file most of all, should not pay for.
        from warcio.recordloader import ArcWarcRecordLoader

        self.wanted = wanted
        self.loader = ArcWarcRecordLoader(verify_http=False, arc2warc=False)
        self.number = 0

    def plain(self, raw: IO[bytes]) -> Iterator[WarcItem]:
        while True:
            _skip_blank_lines(raw)
            offset = raw.tell()
            if not raw.peek(1):  # type: ignore[attr-defined]
                return
            self.number += 1
            try:
                yield self.record(raw, offset)
            except DamagedRecord as error:
                problem = str(error)
                if not raw.peek(1) and not problem.startswith("cut short"):  # type: ignore[attr-defined]
                    problem = f"cut short: the file ends inside it ({problem})"
                yield WarcItem(self.number, offset, error=_located(problem, offset))
                if not _seek_after(raw, offset, _next_version_line):
                    return

    def gzip_members(self, raw: IO[bytes]) -> Iterator[WarcItem]:
        while True:
            offset = raw.tell()
            head = raw.peek(2)[:2]  # type: ignore[attr-defined]
            if not head:
                return
            if head != _GZIP_MAGIC:
                self.number += 1
                yield WarcItem(self.number, offset, error=f"not a gzip member at byte {offset}")
                if not _seek_after(raw, offset, _next_gzip_member):
                    return
                continue
            member = _GzipMember(raw)
            stream = io.BufferedReader(member, _BLOCK)
            counted = False  # whether the record being read has its number yet
            try:
                while True:
                    _skip_blank_lines(stream)
                    if not stream.peek(1):
                        break
                    self.number += 1
                    counted = True
                    item = self.record(stream, offset)
                    _skip_blank_lines(stream)
                    if member.truncated:
                        raise DamagedRecord("its gzip member is cut short")
                    yield item
                    counted = False
                if member.truncated:
                    raise DamagedRecord("a gzip member cut short")
            except (DamagedRecord, zlib.error) as error:
                if member.truncated:
                    problem = "cut short: the file ends inside its gzip member"
                elif isinstance(error, DamagedRecord):
                    problem = str(error)
                else:
                    problem = f"corrupt gzip member ({error})"
                if not counted:
                    self.number += 1
                yield WarcItem(self.number, offset, error=_located(problem, offset))
                if not _seek_after(raw, offset, _next_gzip_member):
                    return

    def record(self, stream: IO[bytes], offset: int) -> WarcItem:
        """The record at the stream's position, read whole; DamagedRecord if it is not."""
        try:
            record = self.loader.parse_record_stream(stream, known_format="warc")
        except (zlib.error, DamagedRecord):
            raise
        except Exception as error:  # warcio raises many types on a damaged header
            raise DamagedRecord(
                f"unreadable WARC header ({type(error).__name__}: {error})"
            ) from None
        headers = record.rec_headers
        missing = [name for name in REQUIRED_HEADERS if headers.get_header(name) is None]
        if missing:
            raise DamagedRecord(f"WARC header {', '.join(missing)} missing")
        declared = headers.get_header("Content-Length")
        if not declared.strip().isdigit():
            raise DamagedRecord(f"Content-Length {declared!r} is not a number")
        length = int(declared)
        payload = b""
        try:
            if self.wanted(record):
                payload = record.content_stream().read()
            while record.raw_stream.read(_BLOCK):
                pass
        except (zlib.error, DamagedRecord):
            raise
        except Exception as error:
            raise DamagedRecord(f"unreadable block ({type(error).__name__}: {error})") from None
        missing_bytes = getattr(record.raw_stream, "limit", 0)
        if missing_bytes:
            raise DamagedRecord(
                f"cut short: {length - missing_bytes} of its {length} bytes (Content-Length)"
            )
        if stream.read(len(_RECORD_END)) != _RECORD_END:
            raise DamagedRecord(
                "its block does not end with CRLF CRLF where Content-Length says: "
                "a wrong Content-Length, or the record is cut short"
            )
        return WarcItem(self.number, offset, record, payload)


def _located(problem: str, offset: int) -> str:
    return f"damaged WARC record at byte {offset}: {problem}"


def _skip_blank_lines(stream: IO[bytes]) -> None:
    """Past the blank lines between records (and a stray one before the first)."""
    while True:
        head = stream.peek(2)[:2]  # type: ignore[attr-defined]
        if head.startswith(b"\r\n"):
            stream.read(2)
        elif head.startswith(b"\n"):
            stream.read(1)
        else:
            return


def _seek_after(raw: IO[bytes], offset: int, find: Callable[[IO[bytes]], int | None]) -> bool:
    """Move ``raw`` to where ``find`` sees the next record start after ``offset``; False
    when there is none."""
    raw.seek(offset + 1)
    found = find(raw)
    if found is None:
        raw.seek(0, io.SEEK_END)
        return False
    raw.seek(found)
    return True


def _next_gzip_member(raw: IO[bytes]) -> int | None:
    """The offset of the next gzip header (magic and deflate method) from here."""
    magic = _GZIP_MAGIC + b"\x08"
    carry = b""
    while True:
        start = raw.tell() - len(carry)
        block = raw.read(_BLOCK)
        if not block:
            return None
        data = carry + block
        found = data.find(magic)
        if found >= 0:
            return start + found
        carry = data[-(len(magic) - 1) :]


def _next_version_line(raw: IO[bytes]) -> int | None:
    """The offset of the next line that starts with "WARC/" from here."""
    at_line_start = False
    while True:
        position = raw.tell()
        line = raw.readline(_BLOCK)
        if not line:
            return None
        if at_line_start and line.startswith(_VERSION_LINE):
            return position
        at_line_start = line.endswith(b"\n")


class _GzipMember(io.RawIOBase):
    """The decompressed bytes of one gzip member of ``raw``; ``raw`` is left just after the
    member's end. ``truncated`` tells a member whose file ends before its trailer."""

    def __init__(self, raw: IO[bytes]) -> None:
        self._raw = raw
        self._inflate = zlib.decompressobj(16 + zlib.MAX_WBITS)
        self._tail = b""
        self.truncated = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        while not self._inflate.eof:
            data = self._tail or self._raw.read(_BLOCK)
            if not data:
                self.truncated = True
                return 0
            out = self._inflate.decompress(data, len(view))
            self._tail = self._inflate.unconsumed_tail
            if self._inflate.eof and self._inflate.unused_data:
                self._raw.seek(-len(self._inflate.unused_data), io.SEEK_CUR)
            if out:
                view[: len(out)] = out
                return len(out)
        return 0
