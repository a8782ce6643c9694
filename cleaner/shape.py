"""What a line looks like: word counts, sentence endings, keys for comparison.

Every filter judges lines by the same few measures, so they live here once.
"""

from __future__ import annotations

import re
import unicodedata

from cleaner.limits import stream_safe

# Han ideographs and kana are not separated by spaces; a word of Chinese or Japanese is about
# two characters long, so two of them count as one word.
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_TERMINAL = frozenset(".!?…:;。！？；：")
_CLOSERS = frozenset("\"'”’“‘»«)]}」』》〉）› ")
_BULLET = re.compile(r"^(?:[-–—•·*▪►◦‣]|\d{1,2}[.)])\s+\S")
_KEY_STRIP = re.compile(r"[\W_]+")
# The tables below keep line breaks, so that a whole document can be translated at once.
_ASCII_NON_WORD = str.maketrans(
    {chr(c): " " for c in range(128) if not chr(c).isalnum() and chr(c) != "\n"}
)
# For word counts: an apostrophe joins the letters around it ("don't" is one word), so it
# goes, and every other non-word character separates.
_ASCII_WORD_GAPS = str.maketrans(
    {chr(c): " " for c in range(128) if not chr(c).isalnum() and chr(c) not in "'\n"} | {"'": None}
)
# A line of Latin-1 characters (most Western European text) is measured as bytes, where a
# translation runs at C speed: every byte that is not a word character becomes a space.
_LATIN1_GAPS = bytes(b if chr(b).isalnum() or b == 10 else 32 for b in range(256))
# Punctuation beyond Latin-1 that such text uses, and what it is to the word count ("’"
# joins words as "'" does) and to the key (a separator). None of it is a word character.
_WORD_TYPOGRAPHY = (
    ("\u2019", "'"),
    *((c, " ") for c in "\u2018\u201c\u201d\u201e\u2013\u2014\u2026\u20ac"),
)
_KEY_TYPOGRAPHY = tuple((c, " ") for c in "\u2019\u2018\u201c\u201d\u201e\u2013\u2014\u20ac")


def _as_latin1(text: str, typography: tuple[tuple[str, str], ...]) -> bytes | None:
    """``text`` as Latin-1 bytes once its common typographic punctuation is replaced as
    ``typography`` says, or None when other characters remain."""
    try:
        return text.encode("latin-1")
    except UnicodeEncodeError:
        pass
    for char, replacement in typography:
        if char in text:
            text = text.replace(char, replacement)
    try:
        return text.encode("latin-1")
    except UnicodeEncodeError:
        return None


def word_count(line: str) -> int:
    """Words: runs of letters and digits, joined by apostrophes; two CJK characters count as
    one word. ASCII and Latin-1 lines are counted by translation (the same count as
    ``_WORD``, which counts the others)."""
    translated = _translated_word_counts(line)
    if translated is not None:
        return sum(translated)  # one piece, unless the "line" has a line break in it
    cjk = _CJK.findall(line)
    if not cjk:
        return len(_WORD.findall(line))
    rest = _CJK.sub(" ", line)
    return len(_WORD.findall(rest)) + sum((len(run) + 1) // 2 for run in cjk)


def match_key(line: str) -> str:
    """A comparison key that ignores case, punctuation, spacing and accents' composition."""
    translated = _translated_keys(line)
    if translated is not None:
        return " ".join(key for key in translated if key)
    if not unicodedata.is_normalized("NFKC", line):
        line = unicodedata.normalize("NFKC", stream_safe(line, "NFKC"))
    return _KEY_STRIP.sub(" ", line.casefold()).strip()


def measure_lines(lines: list[str]) -> tuple[list[int], list[str]]:
    """``word_count`` and ``match_key`` of every line. A document that is ASCII or Latin-1
    throughout is translated at once, line breaks kept; the others go line by line."""
    text = "\n".join(lines)
    whole = text.count("\n") == len(lines) - 1  # no "line" with a line break in it
    words = _translated_word_counts(text) if whole else None
    keys = _translated_keys(text) if whole else None
    return (
        [word_count(line) for line in lines] if words is None else words,
        [match_key(line) for line in lines] if keys is None else keys,
    )


def _translated_word_counts(text: str) -> list[int] | None:
    """The word count of each line of ``text``, by a C-speed translation, or None when the
    text is not ASCII or Latin-1 throughout, or has "''" (a pair the translation would
    join)."""
    if text.isascii():
        if "''" in text:
            return None
        return [len(piece.split()) for piece in text.translate(_ASCII_WORD_GAPS).split("\n")]
    latin1 = _as_latin1(text, _WORD_TYPOGRAPHY)
    if latin1 is None or b"''" in latin1:
        return None
    return [len(piece.split()) for piece in latin1.translate(_LATIN1_GAPS, b"'").split(b"\n")]


def _translated_keys(text: str) -> list[str] | None:
    """The key of each line of ``text``, by a C-speed translation, or None when the text is
    not ASCII, or NFKC-normalised Latin-1 once case-folded. Normalisation and case folding
    never reach across a line break."""
    if text.isascii():
        keyed = text.lower().translate(_ASCII_NON_WORD)
        return [" ".join(piece.split()) for piece in keyed.split("\n")]
    if not unicodedata.is_normalized("NFKC", text):
        return None
    latin1 = _as_latin1(text.casefold(), _KEY_TYPOGRAPHY)
    if latin1 is None:
        return None
    pieces = latin1.translate(_LATIN1_GAPS).split(b"\n")
    return [b" ".join(piece.split()).decode("latin-1") for piece in pieces]


# A line broken inside a sentence: the next piece starts with one of these, or lower-case...
_CONTINUERS = frozenset(",.;:)]}”’»!?%")
# ... or the piece before it ends with one of these.
_OPENERS = frozenset("([{“‘«„\"'-–—/,")


def continues(before: str, after: str) -> bool:
    """True when ``after`` visibly carries on the sentence of ``before``: a dump that put a
    link or an emphasis of a paragraph on a line of its own ("according to the" /
    "Harbour Herald" / ", which ...")."""
    before, after = before.rstrip(), after.lstrip()
    if not before or not after or ends_sentence(before):
        return False
    return after[0] in _CONTINUERS or after[0].islower() or before[-1] in _OPENERS


def ends_sentence(line: str) -> bool:
    """True when the line ends like prose: terminal punctuation, maybe inside closing quotes."""
    end = len(line)
    while end and line[end - 1] in _CLOSERS:
        end -= 1
    return end > 0 and line[end - 1] in _TERMINAL


def is_bullet(line: str) -> bool:
    return _BULLET.match(line) is not None


def ends_like_headline(line: str) -> bool:
    """A question or exclamation mark ends a headline as often as a sentence."""
    return line.rstrip("\"'”’»)").endswith(("?", "!", "？", "！"))


def is_title_like(line: str, min_words: int, max_words: int) -> bool:
    """A headline's shape: a few words, no closing full stop, not a list item."""
    if ends_sentence(line) and not ends_like_headline(line):
        return False
    return min_words <= word_count(line) <= max_words and not is_bullet(line)
