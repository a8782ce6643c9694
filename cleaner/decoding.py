"""Bytes to text: BOMs, UTF-8, UTF-16 without a BOM, mixed files, and legacy code pages."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# What Windows-1252 text of a Western European language contains beyond ASCII: its accented
# letters and its typographic punctuation. Text of another code page read as 1252 shows
# superscripts, fractions and symbols instead (Polish "ą" becomes "¹"), or mostly accented
# letters (Cyrillic), which is how a misreading is told apart.
_WESTERN_CHARS = frozenset(
    "ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝßàáâãäåæçèéêëìíîïñòóôõöøùúûüýÿŒœŠšŽžŸ"
    "\u00a0“”‘’‚„–—…€•«»°·¡¿©®™§£\x81\x8d\x8f\x90\x9d"
)
_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f]")


def decode(data: bytes, *, max_lines: int | None = None) -> tuple[str, str]:
    """Decode ``data`` and return the text and the name of the encoding used.

    Never raises: bytes no detector recognises are read as Windows-1252 with the five
    undefined bytes kept as their Latin-1 characters, so nothing is lost. A file of more
    than ``max_lines`` lines, which the caller refuses anyway, is not decoded line by line.
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(name.removesuffix("-sig"), errors="replace"), name
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = ""
    else:
        if not _looks_binary(text):
            return text, "utf-8"
    utf16 = _utf16_without_bom(data) if text or b"\x00" in data[:4096] else None
    if utf16 is not None:
        return utf16
    if text:
        return text, "utf-8"
    mixed = None if max_lines is not None and data.count(b"\n") >= max_lines else _mixed_utf8(data)
    if mixed is not None:
        return mixed, "utf-8+cp1252"
    return _legacy(data)


def _looks_binary(text: str) -> bool:
    """Many C0 controls: the bytes were valid UTF-8 by accident (UTF-16 of a non-Latin script)."""
    if "\x00" not in text[:4096] and not _CONTROLS.search(text[:4096]):
        return False
    sample = text[:4096]
    return len(_CONTROLS.findall(sample)) > 0.05 * len(sample)


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without a BOM: the byte order whose text is printable and not control codes."""
    if len(data) < 4 or len(data) % 2:
        return None
    sample = data[:4096]
    for name in ("utf-16-le", "utf-16-be"):
        try:
            text = sample.decode(name)
        except UnicodeDecodeError:
            continue
        printable = sum(ch.isprintable() or ch in "\n\r\t" for ch in text)
        if printable >= 0.97 * len(text) and not _looks_binary(text):
            return data.decode(name, errors="replace"), name
    return None


def _mixed_utf8(data: bytes) -> str | None:
    """A file of UTF-8 lines with a few lines in a legacy code page: decode line by line."""
    lines = data.split(b"\n")
    utf8_lines = 0
    for line in lines:
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            utf8_lines += 1
        except UnicodeDecodeError:
            pass
    if utf8_lines == 0:
        return None
    return "\n".join(_decode_line(line) for line in lines)


def _decode_line(line: bytes) -> str:
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return _cp1252(line)


def _cp1252(data: bytes) -> str:
    """Windows-1252, keeping its five undefined bytes as the Latin-1 characters they name."""
    return data.decode("cp1252", errors="latin1fallback")


def _latin1_fallback(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeDecodeError)
    bad = error.object[error.start : error.end]
    return bad.decode("latin-1"), error.end


codecs.register_error("latin1fallback", _latin1_fallback)


def _plausible_western(text: str) -> bool:
    """Text read as Windows-1252 that looks like a Western European language, not a misread."""
    letters = 0
    foreign = 0
    for ch in text:
        if ch.isascii():
            letters += ch.isalpha()
        elif ch in _WESTERN_CHARS:
            letters += 1
            foreign += ch.isalpha()
        else:
            return False
    return letters > 0 and foreign <= 0.3 * letters


def _legacy(data: bytes) -> tuple[str, str]:
    as_1252 = _cp1252(data)
    if _plausible_western(as_1252[:65536]):
        return as_1252, "cp1252"
    best = from_bytes(data[:65536]).best()
    if best is not None:
        try:
            return data.decode(best.encoding), best.encoding
        except (UnicodeDecodeError, LookupError):
            pass
    return as_1252, "cp1252"
