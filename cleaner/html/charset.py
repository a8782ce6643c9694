"""Bytes of a page to text: BOM, then the charset the page declares, then detection."""

from __future__ import annotations

import codecs
import re

from cleaner.decoding import decode, decode_as

_DECLARED = re.compile(
    rb"""<meta[^>]{1,500}?charset\s{0,8}=\s{0,8}["']?\s{0,8}([a-zA-Z0-9_.:-]{2,40})""",
    re.IGNORECASE,
)
_XML_DECLARED = re.compile(rb"""\A\s*<\?xml[^>]+encoding\s*=\s*["']([a-zA-Z0-9_.:-]{2,40})""")
# Labels of the WHATWG encoding standard that Python's codec registry reads otherwise (it
# reads Latin-1 and ASCII as Windows-1252, as every browser does) or does not know, with the
# codec that reads what browsers read for them.
_WEB_LABELS = {
    **dict.fromkeys(("iso-8859-1", "latin-1", "latin1", "l1", "us-ascii", "ascii"), "cp1252"),
    "x-cp1252": "cp1252",
    **dict.fromkeys(("windows-31j", "x-sjis"), "cp932"),
    **dict.fromkeys(("x-euc-jp", "cseucpkdfmtjapanese"), "euc_jp"),
    **dict.fromkeys(
        ("windows-949", "cseuckr", "csksc56011987", "iso-ir-149", "ks_c_5601-1989", "ksc_5601"),
        "cp949",
    ),
    **dict.fromkeys(("x-gbk", "csgb2312", "gb_2312", "gb_2312-80"), "gb18030"),
    **dict.fromkeys(("cn-big5", "x-x-big5"), "big5hkscs"),
    **dict.fromkeys(("windows-874", "dos-874", "iso885911"), "cp874"),
    **dict.fromkeys(("x-mac-roman", "mac", "csmacintosh"), "mac_roman"),
    **dict.fromkeys(("x-mac-cyrillic", "x-mac-ukrainian"), "mac_cyrillic"),
    **dict.fromkeys(("koi", "koi8"), "koi8_r"),
    "koi8-ru": "koi8_u",
    **dict.fromkeys(("iso-8859-8-i", "logical", "visual"), "iso8859_8"),
    **dict.fromkeys(("unicode-1-1-utf-8", "x-unicode20utf8"), "utf-8"),
}
_UNSEPARATED_ISO = re.compile(r"iso8859(\d{1,2})")
_PRESCAN_BYTES = 4096


def declared_charset(data: bytes) -> str | None:
    """The codec named by a <meta charset>, http-equiv Content-Type or XML declaration in the
    first 4 KB, if Python or the WHATWG encoding standard knows its label."""
    head = data[:_PRESCAN_BYTES]
    found = _XML_DECLARED.match(head) or _DECLARED.search(head)
    if found is None:
        return None
    label = found.group(1).decode("ascii").lower()
    label = _WEB_LABELS.get(label) or _UNSEPARATED_ISO.sub(r"iso8859_\1", label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def decode_page(data: bytes) -> tuple[str, str]:
    """The page's text and the encoding used. A BOM wins; a declared charset is used as
    browsers use it when the bytes decode cleanly with it; otherwise the text decoder
    detects one (never raises)."""
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode(data)
    charset = declared_charset(data)
    if charset is not None and not charset.startswith("utf-16"):
        found = decode_as(data, charset)
        if found is not None:
            return found
    return decode(data)
