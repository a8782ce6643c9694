"""Limits that keep one hostile document from stopping a job, hanging a worker or eating memory.

Every path into the cleaner (text now; HTML and batch call the same functions) checks the
input size before decoding, bounds the number of lines (each costs bookkeeping memory) and
the length of every line before the filters see it (so that no pattern ever runs on more than
``max_line_chars`` characters), and keeps runs of combining marks short enough for Unicode
normalisation to stay linear.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, fields
from typing import Any, Literal

import re2

from cleaner.errors import InputError
from cleaner.programs import compile_regex

# UAX #15, section 13 "Stream-Safe Text Format": at most 30 non-starters in a row, a
# COMBINING GRAPHEME JOINER after every 30. CPython's normalisation is quadratic in the
# length of a run: 200 000 marks on one letter took 26 s to normalise.
MAX_NON_STARTERS = 30
_CGJ = "\u034f"
# Where a long line is best cut: after a sentence, else at a space.
_SENTENCE_ENDS = (". ", "! ", "? ", "。", "！", "？")
# Characters a cut must not precede: they attach to the character before them.
_ATTACHED = frozenset("\u200c\u200d\u034f\ufe0e\ufe0f")
_MAX_BACKOFF = 64
# Every character with a non-zero combining class lies in U+0300..U+1FFFF (Unicode 15);
# a test checks this against the full range of the running Python.
_LAST_NON_STARTER = 0x1FFFF
LONG_LINE_POLICIES = ("split", "reject")


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds on one document; the rules file's [limits] table sets them."""

    max_input_bytes: int = 64 * 1024 * 1024
    max_lines: int = 2_000_000
    max_line_chars: int = 20_000
    long_lines: str = "split"

    @classmethod
    def option_names(cls) -> list[str]:
        return [f.name for f in fields(cls)]


def check_input_size(data: str | bytes, limits: Limits, *, name: str = "input") -> None:
    """Refuse ``data`` when it is over ``limits.max_input_bytes`` (a str counts as UTF-8).

    Called before decoding or parsing, so an oversized page costs nothing but this check.
    """
    limit = limits.max_input_bytes
    if isinstance(data, str):
        if len(data) * 4 <= limit:
            return
        size = len(data) if len(data) > limit else len(data.encode("utf-8", "surrogatepass"))
    else:
        size = len(data)
    if size > limit:
        raise InputError(
            f"{name} is {size} bytes, over the limit of {limit} (limits.max_input_bytes)"
        )


def bounded_lines(text: str, limits: Limits) -> tuple[list[str], bool]:
    """The lines of ``text``, refused when there are more than ``limits.max_lines`` (each
    line costs a few hundred bytes of bookkeeping), none longer than ``limits.max_line_chars``:
    a longer line is split (at a sentence end, else a space, else between characters) or
    refused, as ``limits.long_lines`` says.

    Returns the lines and whether any was split.
    """
    count = text.count("\n") + 1
    if count > limits.max_lines:
        raise InputError(
            f"input has {count} lines, over the limit of {limits.max_lines} (limits.max_lines)"
        )
    lines = text.split("\n")
    limit = limits.max_line_chars
    if len(text) <= limit or max(map(len, lines)) <= limit:
        return lines, False
    if limits.long_lines == "reject":
        number = next(n for n, line in enumerate(lines, start=1) if len(line) > limit)
        raise InputError(f"line {number} is longer than {limit} characters (limits.max_line_chars)")
    out: list[str] = []
    for line in lines:
        if len(line) <= limit:
            out.append(line)
        else:
            out.extend(split_line(line, limit))
    return out, True


def split_line(line: str, limit: int) -> list[str]:
    """``line`` cut into pieces of at most ``limit`` characters, none of them blank.

    A space at a cut is dropped (as line-edge spaces are); nothing else is lost or added.
    """
    pieces: list[str] = []
    start = 0
    while len(line) - start > limit:
        cut, skip = _cut(line, start, limit)
        piece = line[start:cut].strip(" ")
        if piece:
            pieces.append(piece)
        start = cut + skip
    rest = line[start:].strip(" ")
    if rest:
        pieces.append(rest)
    return pieces


def _cut(line: str, start: int, limit: int) -> tuple[int, int]:
    """Where to end the piece that starts at ``start``, and how many characters to skip."""
    end = start + limit
    low = start + limit // 2
    sentence = max(line.rfind(mark, low, end + 1) for mark in _SENTENCE_ENDS)
    if sentence >= 0:
        return sentence + 1, 0
    space = line.rfind(" ", low, end + 1)
    if space >= 0:
        return space, 1
    cut = end
    while cut > max(start, end - _MAX_BACKOFF) and _attaches(line[cut]):
        cut -= 1
    return (cut if cut > start and not _attaches(line[cut]) else end), 0


def _attaches(char: str) -> bool:
    return char in _ATTACHED or unicodedata.combining(char) != 0


@functools.cache
def _long_mark_run() -> tuple[Any, re.Pattern[str]]:
    """A run of more non-starters than the Stream-Safe format allows (built on first use):
    an RE2 pattern over UTF-8 to find whether there is one, and a Python one to mend it.

    Python's re tries the hundreds of ranges of the class one by one at every character,
    which made its scan cost more than the normalisation it protects. RE2 reads the UTF-8
    bytes (a lone surrogate, encoded as it is, is no mark) in linear time.
    """
    ranges: list[list[int]] = []
    for code in range(0x300, _LAST_NON_STARTER + 1):
        if unicodedata.combining(chr(code)):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    marks = "".join(
        re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "") for a, b in ranges
    )
    run = f"[{marks}]{{{MAX_NON_STARTERS + 1},}}"
    return re2.compile(run.encode("utf-8")), compile_regex(run)  # its program from the cache


def stream_safe(text: str) -> str:
    """``text`` with a COMBINING GRAPHEME JOINER after every 30 non-starters of a longer run.

    The joiner is invisible and blocks canonical reordering and composition across it, which
    is what keeps normalisation linear (see ``normalized``).
    """
    found, mend = _long_mark_run()
    if found.search(text.encode("utf-8", "surrogatepass")) is None:
        return text
    return mend.sub(_join_every_30, text)


def normalized(text: str, form: Literal["NFC", "NFKC"] = "NFC") -> str:
    """``text`` in Unicode normal form ``form``, made Stream-Safe first. Only a text not yet
    in that form pays for the scan."""
    if text.isascii() or unicodedata.is_normalized(form, text):
        return text
    return unicodedata.normalize(form, stream_safe(text))


def _join_every_30(match: re.Match[str]) -> str:
    run = match.group(0)
    step = MAX_NON_STARTERS
    return _CGJ.join(run[i : i + step] for i in range(0, len(run), step))
