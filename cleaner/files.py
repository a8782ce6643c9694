"""A file's bytes to a document's bytes: compressed files are decompressed (told by their
first bytes, whatever their name) and files of a binary format are refused, so that neither
is cleaned as if it were text."""

from __future__ import annotations

import gzip
import io
import json
import re
import zlib
from collections.abc import Callable

import zstandard

from cleaner.errors import InputError

GZIP = b"\x1f\x8b"
ZSTD = b"\x28\xb5\x2f\xfd"

# First bytes of formats that are never text: (magic, offset, what to call it).
_BINARY: tuple[tuple[bytes, int, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", 0, "a PNG image"),
    (b"\xff\xd8\xff", 0, "a JPEG image"),
    (b"GIF87a", 0, "a GIF image"),
    (b"GIF89a", 0, "a GIF image"),
    (b"WEBP", 8, "a WebP image"),
    (b"%PDF-", 0, "a PDF document"),
    (b"PK\x03\x04", 0, "a ZIP archive (or a document packed in one: .docx, .epub, ...)"),
    (b"\x7fELF", 0, "an executable (ELF)"),
    (b"MZ", 0, "an executable (Windows)"),
    (b"\xca\xfe\xba\xbe", 0, "a Java class or Mach-O executable"),
    (b"\xcf\xfa\xed\xfe", 0, "an executable (Mach-O)"),
    (b"\x00asm", 0, "a WebAssembly module"),
    (b"SQLite format 3\x00", 0, "an SQLite database"),
    (b"BZh", 0, "bzip2-compressed data (decompress it first)"),
    (b"\xfd7zXZ\x00", 0, "xz-compressed data (decompress it first)"),
    (b"7z\xbc\xaf\x27\x1c", 0, "a 7-Zip archive"),
    (b"ustar", 257, "a tar archive"),
    (b"OggS", 0, "an Ogg media file"),
    (b"ID3", 0, "an MP3 file"),
    (b"ftyp", 4, "an MP4/QuickTime media file"),
)


def document_bytes(data: bytes, limit: int) -> bytes:
    """``data`` decompressed if it is gzip or zstd data (to at most ``limit`` bytes);
    InputError if it is of a binary format, or compressed data that is damaged or over the
    limit once decompressed."""
    if data.startswith(GZIP):
        data = _bounded(_gunzip, data, limit, "gzip")
    elif data.startswith(ZSTD):
        data = _bounded(_unzstd, data, limit, "zstd")
    for magic, offset, kind in _BINARY:
        if data[offset : offset + len(magic)] == magic and _not_text(data, magic, offset):
            raise InputError(f"not text: {kind}")
    return data


def _not_text(data: bytes, magic: bytes, offset: int) -> bool:
    """Whether the file is binary: a magic with a non-printable byte, or long enough at the
    start, says so; one of letters only ("MZ", "ID3") must have a NUL byte nearby too, so
    that text starting with those letters passes."""
    if any(byte < 0x20 or byte > 0x7E for byte in magic) or (offset == 0 and len(magic) >= 5):
        return True
    return b"\x00" in data[:1024]


def _gunzip(data: bytes, size: int) -> bytes:
    with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
        return stream.read(size)


def _unzstd(data: bytes, size: int) -> bytes:
    reader = zstandard.ZstdDecompressor().stream_reader(io.BytesIO(data), read_across_frames=True)
    chunks: list[bytes] = []
    while size > 0 and (chunk := reader.read(min(size, 1 << 20))):
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def _bounded(
    decompress: Callable[[bytes, int], bytes], data: bytes, limit: int, name: str
) -> bytes:
    try:
        out = decompress(data, limit + 1)
    except (OSError, EOFError, zlib.error, zstandard.ZstdError) as error:
        raise InputError(f"damaged {name} data ({error or 'cut short'})") from None
    if len(out) > limit:
        raise InputError(f"more than {limit} bytes once decompressed (limits.max_input_bytes)")
    return out


_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def missing_input(name: str) -> str:
    """Why the input ``name`` cannot be read when no file has that name: a URL is named
    as such, since nothing is ever fetched."""
    if _URL.match(name):
        return (
            f"{name}: a URL, and cleaner never fetches anything: download the page "
            "(curl -o page.html URL) and give the file"
        )
    return f"{name}: No such file or directory"


_JSONL_SNIFF = 4 << 20


def looks_like_jsonl(data: bytes | str, lines: int = 3) -> bool:
    """Whether the first non-blank lines (up to ``lines``) are all JSON objects: records,
    which a single-document run would clean as one article."""
    head = data[:_JSONL_SNIFF]  # records longer than this are not recognised
    text = head.decode("utf-8", "replace") if isinstance(head, bytes) else head
    seen = 0
    for line in text.split("\n", 64):
        if not line.strip():
            continue
        if not line.lstrip().startswith("{"):
            return False
        try:
            value = json.loads(line)
        except ValueError:
            return False
        if not isinstance(value, dict):
            return False
        seen += 1
        if seen == lines:
            break
    return seen > 0
