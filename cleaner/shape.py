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
_COMPARED_WORD = re.compile(r"\w+")
# Sentence ends: Latin and CJK punctuation, and the full stops and question marks of scripts
# that have their own (Devanagari and Bengali danda, Arabic and Urdu, Armenian, Burmese,
# Khmer, Tibetan, Ethiopic).
_TERMINAL = frozenset(".!?…:;。！？；：｡।॥؟۔։။។៕།።፧")
_CLOSERS = frozenset("\"'”’“‘»«)]}」』》〉）› ")
_BULLET = re.compile(r"^(?:[-–—•·*▪►◦‣]|\d{1,2}[.)])\s+\S")
# The tables below keep line breaks, so that a whole document can be translated at once.
# A document of Latin-1 characters (ASCII and most Western European text) is measured as
# bytes, where a translation runs at C speed: every byte that is not a word character becomes
# a space. For word counts an apostrophe, which joins the letters around it ("don't" is one
# word), is deleted instead.
_LATIN1_GAPS = bytes(b if chr(b).isalnum() or b == 10 else 32 for b in range(256))
# ... and for keys, letters lower-cased too, which is case folding but for "ß" (folded to
# "ss" after the translation) and "µ" (folded beyond Latin-1, so not translated).
_LATIN1_KEYS = bytes(
    ord(chr(b).lower()) if chr(b).isalnum() else b if b == 10 else 32 for b in range(256)
)
# Punctuation beyond Latin-1 that such text uses, and what it is to the word count ("’"
# joins words as "'" does) and to the key (a separator). None of it is a word character,
# has a word character in its NFKC form, or composes with a character next to it, so it
# may be replaced before normalising.
_SEPARATORS = "\u2018\u201a\u201c\u201d\u201e\u2010\u2011\u2013\u2014\u2022\u2026\u20ac\u2212"
_WORD_TYPOGRAPHY = (("\u2019", "'"), *((c, " ") for c in _SEPARATORS))
_KEY_TYPOGRAPHY = tuple((c, " ") for c in "\u2019" + _SEPARATORS)
# Text in other scripts is measured as UTF-8 once every character beyond ASCII that is not a
# word character has become a space: every byte of what is left beyond ASCII then belongs
# to a word character.
_NON_ASCII_GAPS = re.compile(r"[^\x00-\x7f\w]+")
_UTF8_GAPS = bytes(b if chr(b).isalnum() or b == 10 or b >= 128 else 32 for b in range(256))


def _replaced(text: str, typography: tuple[tuple[str, str], ...]) -> str:
    for char, replacement in typography:
        if char in text:
            text = text.replace(char, replacement)
    return text


def _latin1(text: str) -> bytes | None:
    try:
        return text.encode("latin-1")
    except UnicodeEncodeError:
        return None


def word_count(line: str) -> int:
    """Words: runs of letters and digits, joined by apostrophes; two CJK characters count as
    one word. Counted by translation where it gives the same count as ``_WORD``."""
    translated = _translated_word_counts(line)
    if translated is not None:
        return sum(translated)  # one piece, unless the "line" has a line break in it
    cjk = _CJK.findall(line)
    rest = _CJK.sub(" ", line) if cjk else line
    return len(_WORD.findall(rest)) + _cjk_words(cjk)


def compared_words(text: str) -> list[str]:
    """The ``\\w+`` runs of the lower-cased text: the words two renderings of one text share
    (an extractor's lines and the page's), whatever their spacing and punctuation."""
    return _COMPARED_WORD.findall(text.lower())


def match_key(line: str) -> str:
    """A comparison key that ignores case, punctuation, spacing and accents' composition."""
    return " ".join(key for key in _line_keys(line) if key)


def match_keys(lines: list[str]) -> list[str]:
    """``match_key`` of every line, computed on all of them at once unless a "line" has a
    line break in it (the vocabularies' thousands of phrases: 4 ms instead of 12)."""
    text = "\n".join(lines)
    if text.count("\n") != len(lines) - 1:
        return [match_key(line) for line in lines]
    return _line_keys(text)


def measure_lines(lines: list[str]) -> tuple[list[int], list[str]]:
    """``word_count`` and ``match_key`` of every line, measured on the whole document at once
    (line breaks kept) unless a "line" has a line break in it."""
    text = "\n".join(lines)
    if text.count("\n") != len(lines) - 1:
        return [word_count(line) for line in lines], [match_key(line) for line in lines]
    words = _translated_word_counts(text)
    return (
        [word_count(line) for line in lines] if words is None else words,
        _line_keys(text),
    )


def _cjk_words(runs: list[str]) -> int:
    return sum((len(run) + 1) // 2 for run in runs)


def _translated_word_counts(text: str) -> list[int] | None:
    """The word count of each line of ``text``, by a C-speed translation, or None when the
    text has "''" (a pair the translation would join into one word)."""
    text = _replaced(text, _WORD_TYPOGRAPHY)
    if "''" in text:
        return None
    latin1 = _latin1(text)
    if latin1 is not None:
        return [len(piece.split()) for piece in latin1.translate(_LATIN1_GAPS, b"'").split(b"\n")]
    cjk = None
    if _CJK.search(text):
        cjk = [_cjk_words(_CJK.findall(line)) for line in text.split("\n")]
        text = _CJK.sub(" ", text)
    spaced = _NON_ASCII_GAPS.sub(" ", text).encode("utf-8")
    counts = [len(piece.split()) for piece in spaced.translate(_UTF8_GAPS, b"'").split(b"\n")]
    return counts if cjk is None else [a + b for a, b in zip(counts, cjk, strict=True)]


def _line_keys(text: str) -> list[str]:
    """The key of each line of ``text``, by a C-speed translation: NFKC normalisation and
    case folding never reach across a line break."""
    text = _replaced(text, _KEY_TYPOGRAPHY)
    if not unicodedata.is_normalized("NFKC", text):
        # Only the lines that need it, together: one "№" or "²" would have the whole text
        # normalised, which costs ~40 ns a character beyond Latin-1.
        lines = text.split("\n")
        todo = [j for j, line in enumerate(lines) if not unicodedata.is_normalized("NFKC", line)]
        # Known not normalised: straight to normalising (``limits.normalized`` would check).
        done = unicodedata.normalize("NFKC", stream_safe("\n".join(lines[j] for j in todo)))
        for j, line in zip(todo, done.split("\n"), strict=True):
            lines[j] = line
        text = "\n".join(lines)
    latin1 = _latin1(text)
    if latin1 is not None and b"\xb5" not in latin1:
        keyed = latin1.translate(_LATIN1_KEYS)
        pieces = (keyed.replace(b"\xdf", b"ss") if b"\xdf" in keyed else keyed).split(b"\n")
        return [b" ".join(piece.split()).decode("latin-1") for piece in pieces]
    spaced = _NON_ASCII_GAPS.sub(" ", fold_case(text)).encode("utf-8").translate(_UTF8_GAPS)
    return [b" ".join(piece.split()).decode("utf-8") for piece in spaced.split(b"\n")]


def fold_case(text: str) -> str:
    """Case folding, with Turkish "İ" and "ı" folded to "i" as "I" is: "İLGİLİ", "İlgili"
    and "ILGILI" are one key (case folding alone gives "i" and a combining dot, which is no
    word character, for "İ", and keeps "ı")."""
    folded = text.casefold()
    if "\u0307" in folded:
        folded = folded.replace("i\u0307", "i")
    return folded.replace("ı", "i") if "ı" in folded else folded


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


_LETTERS = re.compile(r"[^\W\d_]+")
# Thai and Lao letters: scripts that end a sentence with a space, not a mark.
_UNPUNCTUATED_LETTERS = re.compile(r"[\u0e01-\u0e4e\u0e81-\u0ece]+")


def unpunctuated_script(doc_lines: list[str], indices: list[int]) -> bool:
    """Whether most letters of these lines are of a script without sentence punctuation,
    where no line ends like a sentence however much prose it holds."""
    text = " ".join(doc_lines[i] for i in indices)
    letters = sum(map(len, _LETTERS.findall(text)))
    marked = sum(map(len, _UNPUNCTUATED_LETTERS.findall(text)))
    return letters > 0 and marked >= 0.5 * letters


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
    """A headline's shape: a few words, some of them letters ("12/03/2024" is no headline),
    no closing full stop, not a list item."""
    if ends_sentence(line) and not ends_like_headline(line):
        return False
    return (
        min_words <= word_count(line) <= max_words
        and not is_bullet(line)
        and any(ch.isalpha() for ch in line)
    )
