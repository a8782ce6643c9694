"""Bytes to text: BOMs, UTF-8, UTF-16 and UTF-32 without a BOM, ISO-2022, mixed files, and
legacy code pages, each read as browsers read it."""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator

from cleaner.errors import InputError
from cleaner.language import detect_language

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
# ISO-2022-JP and -KR are 7-bit: valid ASCII, told apart by their escape sequences.
_ISO_2022 = ("iso2022_jp_2", "iso2022_kr")
_SHIFTS = re.compile("[\x0e\x0f\x1b]")
# The letters beyond ASCII of each language langdetect knows whose alphabet Windows-1252
# lacks (its standard orthography), and the code pages its text is written in: the ANSI code
# page of the language's Windows locale, then the ISO 8859 page for the same languages. Text
# read with another page of the same script still comes out in its language, with a few
# letters wrong (Hungarian "ő" as "õ", Czech "ě" as "ì", Turkish "ı" as "ý", Greek "Ά" as
# "¶"): its language says which pages to try, and its alphabet which reading is right.
_CENTRAL = ("cp1250", "iso8859-2")
_BALTIC = ("cp1257", "iso8859-13")
_FAMILIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "cs": ("áčďéěíňóřšťúůýž", _CENTRAL),
    "sk": ("áäčďéíĺľňóôŕšťúýž", _CENTRAL),
    "pl": ("ąćęłńóśźż", _CENTRAL),
    "hr": ("čćđšž", _CENTRAL),
    "sl": ("čšž", _CENTRAL),
    "hu": ("áéíóöőúüű", _CENTRAL),
    "ro": ("ăâîşţșț", _CENTRAL),
    "sq": ("çë", _CENTRAL),
    "tr": ("çğıİöşü", ("cp1254",)),
    "et": ("äõöüšž", _BALTIC),
    "lv": ("āčēģīķļņšūž", _BALTIC),
    "lt": ("ąčęėįšųūž", _BALTIC),
    "el": ("αβγδεζηθικλμνξοπρσςτυφχψωάέήίόύώϊϋΐΰ", ("cp1253", "iso8859-7")),
}
# The single-byte code pages of those scripts a detector may answer, whose answer the
# language checks.
_CHECKED_PAGES = frozenset(
    codecs.lookup(name).name
    for name in (
        *("cp1250", "cp1252", "cp1253", "cp1254", "cp1257", "cp1258", "latin_1", "mac_roman"),
        *("mac_latin2", "mac_greek", "hp_roman8", "cp437", "cp737", "cp775", "cp850", "cp852"),
        *("cp857", "cp858", "cp869"),
        *(f"iso8859_{n}" for n in (2, 3, 4, 7, 9, 10, 13, 14, 15, 16)),
    )
)
# The code pages browsers read instead of a declared or detected one (WHATWG Encoding
# Standard): an ISO page's Windows page when the bytes use 0x80-0x9F, where the ISO page has
# control codes and the Windows page letters and quotes; a superset when the named code page
# cannot decode the bytes (Windows' extensions of GB2312, Shift_JIS and EUC-KR).
_WINDOWS_PAGE = {
    "iso8859-1": "cp1252",
    "iso8859-2": "cp1250",
    "iso8859-9": "cp1254",
    "iso8859-11": "cp874",
    "tis-620": "cp874",
    "iso8859-13": "cp1257",
}
_SUPERSET = {
    "ascii": "cp1252",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "shift_jis": "cp932",
    "shift_jis_2004": "cp932",
    "shift_jisx0213": "cp932",
    "euc_kr": "cp949",
}
_C1_BYTES = re.compile(b"[\x80-\x9f]")
_LANGUAGE_SAMPLE_CHARS = 2000
# What the code page of a long text is judged on.
_SAMPLE_BYTES = 65536


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
        if b"\x1b" in data and data.isascii():
            iso_2022 = _iso_2022(data)
            if iso_2022 is not None:
                return iso_2022
        if not _looks_binary(text):
            return text, "utf-8"
    wide = _wide_without_bom(data) if text or b"\x00" in data[:4096] else None
    if wide is not None:
        return wide
    if text:
        return text, "utf-8"
    mixed = None if max_lines is not None and data.count(b"\n") >= max_lines else _mixed_utf8(data)
    if mixed is not None:
        return mixed, "utf-8+cp1252"
    return _legacy(data)


def decode_as(data: bytes, codec: str) -> tuple[str, str] | None:
    """``data`` decoded as a browser decodes it when ``codec`` is declared or detected (see
    ``decode_named``); None when ``codec`` is no text encoding or none of its readings
    decodes the bytes."""
    try:
        return decode_named(data, codec)
    except InputError:
        return None


def _as_browsers_read(data: bytes, name: str) -> Iterator[str]:
    """The codecs to try, in order, for bytes said to be in codec ``name``."""
    if name in _WINDOWS_PAGE and _C1_BYTES.search(data):
        yield _WINDOWS_PAGE[name]
    yield name
    if name in _SUPERSET:
        yield _SUPERSET[name]


def text_codec(encoding: str) -> str:
    """The codec name of ``encoding``; InputError when Python knows no text encoding by it
    ("base64" and "rot13" are codecs, not text encodings)."""
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}") from None
    if not getattr(info, "_is_text_encoding", True) or info.name == "undefined":
        raise InputError(f"{encoding!r} is not a text encoding")
    return info.name


def decode_named(data: bytes, encoding: str) -> tuple[str, str]:
    """``data`` in the encoding its caller knows it is in, read as browsers read that label:
    with the Windows page of an ISO page when the bytes use 0x80-0x9F, else with it, else
    with its superset. A BOM of that encoding is dropped. InputError, naming the first byte
    that does not decode, when the bytes are not in it."""
    name = text_codec(encoding)
    failure: UnicodeError | None = None
    for candidate in _as_browsers_read(data, name):
        try:
            text = data.decode(candidate)
        except UnicodeError as error:  # punycode raises the base class
            failure = error if candidate == name else failure
            continue
        return text.removeprefix("\ufeff"), candidate
    at = failure.start if isinstance(failure, UnicodeDecodeError) else None
    where = "" if at is None else f": byte 0x{data[at]:02x} at offset {at}"
    raise InputError(f"not {name}{where}")


def _looks_binary(text: str) -> bool:
    """Many C0 controls: the bytes were valid UTF-8 by accident (UTF-16 of a non-Latin script)."""
    if "\x00" not in text[:4096] and not _CONTROLS.search(text[:4096]):
        return False
    sample = text[:4096]
    return len(_CONTROLS.findall(sample)) > 0.05 * len(sample)


def _iso_2022(data: bytes) -> tuple[str, str] | None:
    """7-bit Japanese or Korean: ASCII whose escape sequences switch character sets."""
    for name in _ISO_2022:
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        if not _SHIFTS.search(text):
            return text, name
    return None


def _wide_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-32 or UTF-16 without a BOM: the width and byte order whose text is printable and
    not control codes (UTF-32 first: its ASCII reads as UTF-16 full of NULs)."""
    for name, width in (("utf-32-le", 4), ("utf-32-be", 4), ("utf-16-le", 2), ("utf-16-be", 2)):
        if len(data) < 2 * width or len(data) % width:
            continue
        try:
            text = data[:4096].decode(name)
        except UnicodeDecodeError:
            continue
        printable = sum(ch.isprintable() or ch in "\n\r\t" for ch in text)
        if printable >= 0.97 * len(text) and not _looks_binary(text):
            return data.decode(name, errors="replace"), name
    return None


def _mixed_utf8(data: bytes) -> str | None:
    """A file of UTF-8 lines with some lines in Windows-1252: decode line by line. The other
    lines must read as Western text or be outnumbered by the UTF-8 ones: lines of another
    code page (EUC-JP's are at times valid UTF-8 by chance) are neither."""
    lines = data.split(b"\n")
    utf8_lines = 0
    other_lines = 0
    all_western = True
    for line in lines:
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            utf8_lines += 1
        except UnicodeDecodeError:
            other_lines += 1
            all_western = all_western and _plausible_western(_cp1252(line))
    if utf8_lines == 0 or (not all_western and utf8_lines <= other_lines):
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
    """A single-byte or multi-byte code page: Windows-1252 when the text reads as a Western
    language, else the detector's answer; a Latin or Greek page is then checked by the
    language."""
    as_1252 = _cp1252(data)
    if _plausible_western(as_1252[:_SAMPLE_BYTES]):
        decoded = as_1252, "cp1252"
    else:
        from charset_normalizer import from_bytes  # only bytes of unknown code page need it

        best = from_bytes(_whole_lines(data, _SAMPLE_BYTES)).best()
        found = None if best is None else decode_as(data, best.encoding)
        if found is None:
            return as_1252, "cp1252"
        decoded = found
    if decoded[1] not in _CHECKED_PAGES:
        return decoded
    return _by_language(data, decoded)


def _whole_lines(data: bytes, size: int) -> bytes:
    """The first ``size`` bytes cut after a line: a character of a multi-byte code page cut
    in two would make the detector reject the right code page."""
    if len(data) <= size:
        return data
    end = data.rfind(b"\n", 0, size)
    return data[: end + 1] if end > 0 else data[:size]


def _by_language(data: bytes, decoded: tuple[str, str]) -> tuple[str, str]:
    """The reading of ``data`` with most letters of its language's alphabet, among
    ``decoded`` and the code pages of the language's family (``decoded`` on a tie)."""
    head = decoded[0][:_SAMPLE_BYTES]
    sample = "\n".join(line for line in head.splitlines() if not line.isascii())
    language, _ = detect_language(sample, _LANGUAGE_SAMPLE_CHARS)
    if language not in _FAMILIES:
        return decoded
    letters, pages = _FAMILIES[language]
    alphabet = frozenset(letters + letters.upper())
    best, best_score = decoded, _alphabet_score(head, alphabet)
    for page in pages:
        if page == decoded[1]:
            continue
        try:
            text = data.decode(page)
        except UnicodeDecodeError:
            continue
        score = _alphabet_score(text[:_SAMPLE_BYTES], alphabet)
        if score > best_score:
            best, best_score = (text, page), score
    return best


def _alphabet_score(text: str, alphabet: frozenset[str]) -> int:
    """Letters beyond ASCII that are in ``alphabet``, less those that are not. A capital
    right after a small letter is not (Greek "απ’τον" read with the wrong page is "απΆτον")."""
    score = 0
    previous = " "
    for ch in text:
        if not ch.isascii() and ch.isalpha():
            in_word_capital = ch.isupper() and previous.islower()
            score += 1 if ch in alphabet and not in_word_capital else -1
        previous = ch
    return score
