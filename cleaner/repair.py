"""Text repair: small pure fixers, each cheap when its damage is absent.

``repair`` runs the enabled fixers in a fixed order and returns the repaired text with the
names of the fixers that changed something, in the spirit of ``ftfy.fix_and_explain``.
Mojibake is ftfy's job; it only runs when a fast scan finds the byte patterns mojibake leaves,
so clean text never pays for it. The other fixers look for their characters with str methods
or share one scan, and ``repair`` skips those the scan gives nothing to do.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Any, NamedTuple

from cleaner.limits import normalized


class _Ftfy(NamedTuple):
    fix_encoding: Callable[[str, Any], str]
    config: Any
    steps: tuple[Callable[[str], str], ...]


@functools.cache
def _ftfy() -> _Ftfy:
    """ftfy's fixer, configuration and steps for ``fix_mojibake``, imported on first use:
    most text has no mojibake, and ftfy takes 30 ms to import."""
    import ftfy

    # Only the encoding repairs of ftfy: curly quotes, ligatures, full-width CJK forms and the
    # rest are legitimate text, and the other fixers below run on every document anyway.
    config = ftfy.TextFixerConfig(
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
    # The steps fix_and_explain runs after fix_encoding with that configuration, in its order.
    steps = (
        ftfy.fixes.fix_c1_controls,
        ftfy.fixes.fix_surrogates,
        ftfy.fixes.remove_terminal_escapes,
    )
    return _Ftfy(ftfy.fix_encoding, config, steps)


_LINE_BREAK_CHARS = "\r\u2028\u2029\x0b\x0c"
_LINE_BREAKS = re.compile("\r\n?|[\u2028\u2029\x0b\x0c]")
_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")
_INVISIBLE_CLASS = "\x00-\x08\x0e-\x1f\x7f\u180e\u200b\u2060\ufeff\ufffe\uffff\ud800-\udfff"
_INVISIBLE = re.compile(f"[{_INVISIBLE_CLASS}]")
# Soft hyphen and C1 controls are bytes 0xAD and 0x80-0x9F of UTF-8 read as Windows-1252:
# they are removed only after the mojibake fixer had its chance to read them.
_C1_CLASS = "\x80-\x9f\u00ad"
_C1_CONTROLS = re.compile(f"[{_C1_CLASS}]")
# What UTF-8 decoded with the wrong code page looks like: a UTF-8 lead byte read as
# Latin-1/1252 followed by a continuation byte read the same way, a lead byte before the
# space an NBSP became, a C1 control, or a terminal escape.
_LEAD = "\u00c2-\u00f4"
_CONTINUATION = (
    "\u0080-\u00bf\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152"
    "\u017d\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u017e\u0178"
)
# Each alternative is tried after one character of a single class: Python's re then skips
# to candidates at C speed, where a plain alternation tries every branch at every position.
_MOJIBAKE_HINT = re.compile(
    f"[{_LEAD}\x1b\x80-\x9f]"
    f"(?:(?<=[{_LEAD}])[{_CONTINUATION}]|(?<=[\u00c2\u00c3]) |(?<=[\x80-\x9f])|(?<=\x1b)\\[)"
)
# A character remove_invisible or remove_c1_controls removes, or a mojibake hint: one scan
# for the three fixers, which clean text passes. A lead byte counts only as part of a hint.
_SUSPECT = re.compile(
    f"[{_LEAD}{_INVISIBLE_CLASS}{_C1_CLASS}]"
    f"(?:(?<=[{_LEAD}])[{_CONTINUATION}]|(?<=[\u00c2\u00c3]) |(?<![{_LEAD}]))"
)
# A terminal escape sequence ("\x1b[31m", "\x1b[0m") pasted from a console.
_TERMINAL_ESCAPE = re.compile(r"\x1b\[[0-9;]{0,20}[A-Za-z]")
_SURROGATE = re.compile("[\ud800-\udfff]")
# Tab, NBSP and the other spaces of Unicode (U+2000..U+200A are the typographic widths).
_ODD_SPACES = (
    "\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u202f\u205f\u3000"
)
# The quote first, so that re looks for it at C speed; the lookbehind then checks the word.
_LOW9_COMMA = re.compile("\u201a(?<=[^\\W_]\u201a)(?=\\s)")
_MAX_ENTITY_PASSES = 8


def fix_line_breaks(text: str) -> str:
    """CRLF, lone CR and Unicode line/paragraph separators become LF."""
    if any(char in text for char in _LINE_BREAK_CHARS):
        return _LINE_BREAKS.sub("\n", text)
    return text


def unescape_entities(text: str) -> str:
    """HTML entities become characters, repeatedly, so double-escaped text comes out clean."""
    for _ in range(_MAX_ENTITY_PASSES):
        if "&" not in text or not _ENTITY.search(text):
            break
        text = _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)
    return text


def fix_mojibake(text: str) -> str:
    """UTF-8 read in the wrong code page, repaired by ftfy where the scan sees a hint of it.

    The result is ``ftfy.fix_and_explain(text, _ftfy().config).text``, by the same steps in the
    same loop, but for the last round: fix_encoding returns a text it would leave as it is, so
    when the other steps left that text as it is too, fix_and_explain's round of checking it
    again (a scan of all of it for mojibake, the costliest step) is bound to change nothing.
    """
    if not _may_be_mojibake(text):
        return text
    ftfy = _ftfy()
    while True:
        before = text
        text = decoded = ftfy.fix_encoding(text, ftfy.config)
        for step in ftfy.steps:
            text = step(text)
        if text in (before, decoded):
            return text


def remove_invisible(text: str) -> str:
    """Control characters, zero-width spaces, soft hyphens, stray BOMs and lone surrogates go.

    Zero-width joiners stay: emoji sequences and Indic and Persian script need them. C1
    controls and soft hyphens stay for the mojibake fixer (``remove_c1_controls`` follows it).
    """
    if not _INVISIBLE.search(text):
        return text
    if "\x1b" in text:  # a terminal colour code goes whole, not only its escape character
        text = _TERMINAL_ESCAPE.sub("", text)
    text = _SURROGATE.sub("\ufffd", text)
    return _INVISIBLE.sub("", text)


def remove_c1_controls(text: str) -> str:
    """C1 controls the mojibake fixer left (no text uses them), and soft hyphens."""
    return text if text.isascii() or not _C1_CONTROLS.search(text) else _C1_CONTROLS.sub("", text)


def normalise_spaces(text: str) -> str:
    """NBSP, tabs and other odd spaces become one plain space; lines lose edge spaces."""
    for space in "\t" if text.isascii() else _ODD_SPACES:
        if space in text:
            text = text.replace(space, " ")
    while "  " in text:
        text = text.replace("  ", " ")
    # Runs are single spaces now: a line has at most one space at each edge.
    text = text.replace(" \n", "\n").replace("\n ", "\n")
    if text.startswith(" "):
        text = text[1:]
    if text.endswith(" "):
        text = text[:-1]
    return text


def fix_low9_comma(text: str) -> str:
    """A single low-9 quote after a word and before a space is a comma ("MOSCOW‚ Putin")."""
    return _LOW9_COMMA.sub(",", text) if "\u201a" in text else text


def normalise_nfc(text: str) -> str:
    """Composed Unicode, so that "é" typed two ways compares equal (in Stream-Safe form, so
    that a flood of combining marks costs linear time)."""
    return normalized(text, "NFC")


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


class _Fixer(NamedTuple):
    """One fixer of the chain, with what ``repair`` needs to know to skip work around it."""

    option: str  # the RepairOptions switch, also the name reported when it changes the text
    fix: Callable[[str], str]
    # It acts only on characters the _SUSPECT scan finds: the three such fixers share one scan.
    suspect_only: bool
    # Given its output, whether text without a mojibake hint still has none.
    keeps_no_hint: Callable[[str], bool]


def _keeps(_: str) -> bool:
    """The fixer puts LF or a comma where a line break or a low-9 quote was: neither is part
    of a hint, and no two other characters come together."""
    return True


def _may_add_hint(_: str) -> bool:
    """The fixer may put any character in, or bring two together."""
    return False


def _no_lead_byte(text: str) -> bool:
    """Odd spaces become " ", and runs and line-edge spaces go, so no two other characters come
    together: a new hint can only be a lead byte before a space that was not " " ("Ã\t")."""
    return "\u00c2" not in text and "\u00c3" not in text


_FIXERS = (
    _Fixer("line_breaks", fix_line_breaks, False, _keeps),
    _Fixer("html_entities", unescape_entities, False, _may_add_hint),
    _Fixer("invisible_characters", remove_invisible, True, _may_add_hint),
    _Fixer("mojibake", fix_mojibake, True, _may_add_hint),
    _Fixer("invisible_characters", remove_c1_controls, True, _may_add_hint),
    _Fixer("spaces", normalise_spaces, False, _no_lead_byte),
    _Fixer("low9_comma", fix_low9_comma, False, _keeps),
    _Fixer("nfc", normalise_nfc, False, _may_add_hint),
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
        suspect: bool | None = None  # whether _SUSPECT finds something; None: not scanned yet
        no_hint = False  # known to have no mojibake hint (every hint is something suspect)
        for fixer in _FIXERS:
            if not getattr(options, fixer.option):
                continue
            if fixer.suspect_only:
                if suspect is None:
                    suspect = _SUSPECT.search(text) is not None
                    no_hint = not suspect
                if not suspect:
                    continue
            fixed = fixer.fix(text)
            if fixed != text:
                if fixer.option not in applied:
                    applied.append(fixer.option)
                text = fixed
                suspect = None
                no_hint = no_hint and fixer.keeps_no_hint(text)
        if text == before or not options.mojibake or no_hint or not _may_be_mojibake(text):
            break
    return text, applied


def _may_be_mojibake(text: str) -> bool:
    """A hint of mojibake, or a terminal escape ("\x1b[0m", ASCII, which ftfy removes)."""
    return (not text.isascii() or "\x1b" in text) and _MOJIBAKE_HINT.search(text) is not None
