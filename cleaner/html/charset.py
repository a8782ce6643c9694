"""Bytes of a page to text: BOM, then the charset the page declares, then detection."""

from __future__ import annotations

import codecs
import re

from cleaner.decoding import decode

_DECLARED = re.compile(
    rb"""<meta[^>]{1,500}?charset\s{0,8}=\s{0,8}["']?\s{0,8}([a-zA-Z0-9_.:-]{2,40})""",
    re.IGNORECASE,
)
_XML_DECLARED = re.compile(rb"""\A\s*<\?xml[^>]+encoding\s*=\s*["']([a-zA-Z0-9_.:-]{2,40})""")
# The WHATWG encoding standard reads these labels as Windows-1252, as every browser does.
_AS_WINDOWS_1252 = frozenset({"iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii", "l1"})
_PRESCAN_BYTES = 4096


def declared_charset(data: bytes) -> str | None:
    """The codec named by a <meta charset>, http-equiv Content-Type or XML declaration in the
    first 4 KB, if Python knows it."""
    head = data[:_PRESCAN_BYTES]
    found = _XML_DECLARED.match(head) or _DECLARED.search(head)
    if found is None:
        return None
    label = found.group(1).decode("ascii").lower()
    if label in _AS_WINDOWS_1252:
        return "cp1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def decode_page(data: bytes) -> tuple[str, str]:
    """The page's text and the encoding used. A BOM wins; a declared charset is used when
    the bytes decode cleanly with it; otherwise the text decoder detects one (never raises)."""
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode(data)
    charset = declared_charset(data)
    if charset is not None and not charset.startswith("utf-16"):
        try:
            return data.decode(charset), charset
        except UnicodeDecodeError:
            pass
    return decode(data)
