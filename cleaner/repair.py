"""Text repair: small pure fixers, each cheap when its damage is absent.

``repair`` runs the enabled fixers in a fixed order and returns the repaired text with the
names of the fixers that changed something, in the spirit of ``ftfy.fix_and_explain``.
Mojibake is ftfy's job; it only runs when a fast scan finds the byte patterns mojibake leaves,
so clean text never pays for it.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, fields

import ftfy

from cleaner.limits import stream_safe

# Only the encoding repairs of ftfy: curly quotes, ligatures, full-width CJK forms and the
# rest are legitimate text, and the other fixers below run on every document anyway.
_FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=True,
    fix_encoding=True,
    restore_byte_a0=True,
    replace_lossy_sequences=True,
    decode_inconsistent_utf8=True,
    fix_c1_controls=True,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_surrogates=True,
    remove_control_chars=False,
    normalization=None,
    explain=True,
)

_LINE_BREAKS = re.compile("\r\n?|[\u2028\u2029\x0b\x0c]")
_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")
# A UTF-8 lead byte read as Latin-1/1252 followed by a continuation byte read the same way,
# or a C1 control: what UTF-8 decoded with the wrong code page looks like.
_MOJIBAKE_HINT = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030"
    "\u0160\u2039\u0152\u017d\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161"
    "\u203a\u0153\u017e\u0178]|[\u0080-\u009f]|[\u00c2\u00c3] |\x1b\\["
)
_INVISIBLE = re.compile("[\x00-\x08\x0e-\x1f\x7f\u180e\u200b\u2060\ufeff\ufffe\uffff\ud800-\udfff]")
# Soft hyphen and C1 controls are bytes 0xAD and 0x80-0x9F of UTF-8 read as Windows-1252:
# they are removed only after the mojibake fixer had its chance to read them.
_C1_CONTROLS = re.compile("[\x80-\x9f\u00ad]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_ODD_SPACE = re.compile("[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_SPACE_RUN = re.compile(" {2,}")
_LINE_EDGE_SPACE = re.compile("^ +| +$", re.MULTILINE)
_LOW9_COMMA = re.compile("([^\\W_])\u201a(?=\\s)")
_MAX_ENTITY_PASSES = 8


def fix_line_breaks(text: str) -> str:
    """CRLF, lone CR and Unicode line/paragraph separators become LF."""
    return _LINE_BREAKS.sub("\n", text) if _LINE_BREAKS.search(text) else text


def unescape_entities(text: str) -> str:
    """HTML entities become characters, repeatedly, so double-escaped text comes out clean."""
    for _ in range(_MAX_ENTITY_PASSES):
        if not _ENTITY.search(text):
            break
        text = _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)
    return text


def fix_mojibake(text: str) -> str:
    """UTF-8 read in the wrong code page, repaired by ftfy where the scan sees a hint of it."""
    if not _may_be_mojibake(text):
        return text
    fixed: str = ftfy.fix_and_explain(text, _FTFY_CONFIG).text
    return fixed


def remove_invisible(text: str) -> str:
    """Control characters, zero-width spaces, soft hyphens, stray BOMs and lone surrogates go.

    Zero-width joiners stay: emoji sequences and Indic and Persian script need them. C1
    controls and soft hyphens stay for the mojibake fixer (``remove_c1_controls`` follows it).
    """
    if not _INVISIBLE.search(text):
        return text
    text = _SURROGATE.sub("\ufffd", text)
    return _INVISIBLE.sub("", text)


def remove_c1_controls(text: str) -> str:
    """C1 controls the mojibake fixer left (no text uses them), and soft hyphens."""
    return text if text.isascii() or not _C1_CONTROLS.search(text) else _C1_CONTROLS.sub("", text)


def normalise_spaces(text: str) -> str:
    """NBSP, tabs and other odd spaces become one plain space; lines lose edge spaces."""
    if not text.isascii() and _ODD_SPACE.search(text):
        text = _ODD_SPACE.sub(" ", text)
    elif "\t" in text:
        text = text.replace("\t", " ")
    if "  " in text:
        text = _SPACE_RUN.sub(" ", text)
    if " \n" in text or "\n " in text or text.startswith(" ") or text.endswith(" "):
        text = _LINE_EDGE_SPACE.sub("", text)
    return text


def fix_low9_comma(text: str) -> str:
    """A single low-9 quote after a word and before a space is a comma ("MOSCOW‚ Putin")."""
    return _LOW9_COMMA.sub("\\1,", text) if "\u201a" in text else text


def normalise_nfc(text: str) -> str:
    """Composed Unicode, so that "é" typed two ways compares equal (in Stream-Safe form, so
    that a flood of combining marks costs linear time)."""
    if unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", stream_safe(text))


@dataclass(frozen=True, slots=True)
class RepairOptions:
    """Which fixers run; all on by default. The rules file's [repair] table sets them."""

    line_breaks: bool = True
    html_entities: bool = True
    mojibake: bool = True
    invisible_characters: bool = True
    spaces: bool = True
    low9_comma: bool = True
    nfc: bool = True

    @classmethod
    def option_names(cls) -> list[str]:
        return [f.name for f in fields(cls)]


_FIXERS: tuple[tuple[str, Callable[[str], str]], ...] = (
    ("line_breaks", fix_line_breaks),
    ("html_entities", unescape_entities),
    ("invisible_characters", remove_invisible),
    ("mojibake", fix_mojibake),
    ("invisible_characters", remove_c1_controls),
    ("spaces", normalise_spaces),
    ("low9_comma", fix_low9_comma),
    ("nfc", normalise_nfc),
)


_MAX_PASSES = 3


def repair(text: str, options: RepairOptions = RepairOptions()) -> tuple[str, list[str]]:
    """Run the enabled fixers in order; return the text and the fixers that changed it.

    A later fixer can make text the mojibake fixer would read differently (removing a
    control character joins the halves of a sequence, a tab becomes the space of "Â "), so
    when a pass changed the text and a mojibake hint remains, the fixers run again, at most
    three times: repairing repaired text then changes nothing.
    """
    applied: list[str] = []
    for _ in range(_MAX_PASSES):
        before = text
        for name, fixer in _FIXERS:
            if getattr(options, name):
                fixed = fixer(text)
                if fixed != text:
                    if name not in applied:
                        applied.append(name)
                    text = fixed
        if text == before or not options.mojibake or not _may_be_mojibake(text):
            break
    return text, applied


def _may_be_mojibake(text: str) -> bool:
    return not text.isascii() and _MOJIBAKE_HINT.search(text) is not None
