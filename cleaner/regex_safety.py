"""A static check of regular expressions for catastrophic backtracking.

Python's ``re`` backtracks, so some patterns take exponential or polynomial time on lines
built to defeat them. A rules file is data from anyone, so ``rules.py`` refuses a pattern
this check finds one of these shapes in (the classic causes, as catalogued in OWASP's
"Regular expression Denial of Service - ReDoS" page):

- a backreference or a conditional group: matching them is NP-hard in general;
- a quantifier over a part that can match the same text in more than one way, such as
  ``(a|a)*``, ``(a|ab)*`` or ``(\\w|\\d)+``: for a finite part this is exactly the
  Sardinas-Patterson test for a uniquely decodable code, otherwise overlapping first
  characters of alternatives;
- a nested quantifier, ``(a+)+`` or ``(\\w+\\s?)*``, unless each repetition of the outer part
  starts or ends with a character the inner one cannot match (``(?:, \\w+)*`` is fine);
- two unbounded quantifiers with overlapping characters and only optional parts between
  them (``\\s*,?\\s*x``), which is polynomial, unless only ``$`` follows;
- for a pattern searched at every position of a line, an unbounded quantifier without a
  leading ``^``: ``\\s*x`` is quadratic in the line length, ``\\s{0,40}x`` is not.

It over-approximates: a pattern refused may be safe (bound the quantifier or anchor the
pattern). Character classes are compared on a probe alphabet (Latin, Greek, Cyrillic,
general punctuation, CJK samples and every character the pattern names).

The same parse tells which patterns need a character outside Latin-1 to match
(``needs_non_latin1``), so that ``patterns.py`` can leave them out on Latin-1 lines.
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Iterable
from typing import Any

if sys.version_info >= (3, 11):
    from re import _compiler as sre_compile  # type: ignore[attr-defined]
    from re import _constants as sre  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]
else:  # pragma: no cover
    import sre_compile
    import sre_constants as sre
    import sre_parse

_REPEATS = {sre.MAX_REPEAT, sre.MIN_REPEAT}
if hasattr(sre, "POSSESSIVE_REPEAT"):
    _REPEATS.add(sre.POSSESSIVE_REPEAT)
_SINGLE = {sre.LITERAL, sre.NOT_LITERAL, sre.ANY, sre.IN}
_GROUPS = {sre.SUBPATTERN, sre.ATOMIC_GROUP} if hasattr(sre, "ATOMIC_GROUP") else {sre.SUBPATTERN}
_START = {sre.AT_BEGINNING, sre.AT_BEGINNING_STRING}
_END = {sre.AT_END, sre.AT_END_STRING}
_BIG_LANGUAGE = 4096

Item = tuple[Any, Any]
Chars = frozenset[str]


class UnsafePattern(ValueError):
    """A pattern this check refuses; the message says which shape and where."""


@functools.cache
def _base_alphabet() -> Chars:
    ranges = [(0x20, 0x250), (0x370, 0x3FF), (0x400, 0x4FF), (0x2000, 0x206F), (0x3000, 0x303F)]
    chars = {chr(c) for a, b in ranges for c in range(a, b)}
    chars.update("\t\n\r\x0b\x0c\u00a0\u3042\u30a2\u4e00\u4e2d\uac00\u0661\u0967\U0001f600")
    return frozenset(chars)


@functools.lru_cache(maxsize=4096)
def check_pattern(pattern: str, *, flags: int = re.IGNORECASE, searched: bool = True) -> None:
    """Raise ``UnsafePattern`` when ``pattern`` has a shape that can backtrack catastrophically.

    ``searched``: the pattern is tried at every position of a line (``re.search``), as
    vocabulary patterns are; ``False`` for patterns only used with ``match`` or ``findall``.
    """
    try:
        tree = sre_parse.parse(pattern, flags)
    except re.error as error:
        raise UnsafePattern(f"bad regular expression: {error}") from None
    checker = _Checker(_base_alphabet() | _named_chars(list(tree)), tree.state.flags)
    checker.sequence(list(tree))
    if searched:
        checker.unanchored_search(list(tree))


def telling_characters(pattern: str, flags: int = re.IGNORECASE) -> list[str]:
    """One character for each set of characters that every class of ``pattern`` treats
    alike: the alphabet to build adversarial lines for it from (see bench/hostile.py)."""
    tree = list(sre_parse.parse(pattern, flags))
    checker = _Checker(_base_alphabet() | _named_chars(tree), flags)
    return sorted(checker.representatives(tree))


def _named_chars(items: list[Item]) -> Chars:
    """Every character the pattern names, in literals, classes and range ends."""
    named: set[str] = set()
    for op, av in _walk(items):
        parts = av if op == sre.IN else [(op, av)]
        for part_op, part_av in parts:
            if part_op in (sre.LITERAL, sre.NOT_LITERAL):
                named.add(chr(part_av))
            elif part_op == sre.RANGE:
                named.update(map(chr, part_av))
    return frozenset(named)


def _walk(items: Iterable[Item]) -> Iterable[Item]:
    for op, av in items:
        yield op, av
        for child in _children(op, av):
            yield from _walk(child)


def _children(op: Any, av: Any) -> list[list[Item]]:
    if op in _REPEATS:
        return [list(av[2])]
    if op in (sre.SUBPATTERN, sre.ASSERT, sre.ASSERT_NOT):
        return [list(av[-1])]
    if op in _GROUPS:  # an atomic group
        return [list(av)]
    if op == sre.BRANCH:
        return [list(alt) for alt in av[1]]
    if op == sre.GROUPREF_EXISTS:
        return [list(p) for p in av[1:] if p is not None]
    return []


def _unwrap(items: list[Item]) -> list[Item]:
    """The items inside plain groups: ``((?:x))`` is ``x``."""
    while len(items) == 1 and items[0][0] in _GROUPS:
        items = _children(*items[0])[0]
    return items


class _Checker:
    """The checks over one parsed pattern, with its character sets computed once."""

    def __init__(self, alphabet: Chars, flags: int) -> None:
        self.alphabet = "".join(sorted(alphabet))
        self.state = sre_parse.State()  # no groups, so findall gives whole matches
        self.state.flags = flags
        self._chars: dict[str, Chars] = {}

    # -- character sets of single-character items ------------------------------------------
    def chars(self, op: Any, av: Any) -> Chars:
        """The characters of the alphabet a single-character item matches, found by ``re``
        itself, so that case folding and classes such as ``\\w`` mean what they mean there."""
        key = repr((op, av))
        found = self._chars.get(key)
        if found is None:
            item = sre_parse.SubPattern(self.state, [(op, av)])
            found = frozenset(sre_compile.compile(item, self.state.flags).findall(self.alphabet))
            self._chars[key] = found
        return found

    def all_chars(self, items: list[Item]) -> Chars:
        found: set[str] = set()
        for op, av in _walk(items):
            if op in _SINGLE:
                found |= self.chars(op, av)
        return frozenset(found)

    # -- first characters and nullability ---------------------------------------------------
    def first(self, items: list[Item]) -> tuple[Chars, bool]:
        """The characters a match of ``items`` can start with, and whether it can be empty."""
        found: set[str] = set()
        for op, av in items:
            chars, nullable = self.first_of(op, av)
            found |= chars
            if not nullable:
                return frozenset(found), False
        return frozenset(found), True

    def first_of(self, op: Any, av: Any) -> tuple[Chars, bool]:
        if op in _SINGLE:
            return self.chars(op, av), False
        if op in _REPEATS:
            chars, nullable = self.first(list(av[2]))
            return chars, nullable or av[0] == 0
        if op == sre.BRANCH:
            parts = [self.first(list(alt)) for alt in av[1]]
            return frozenset().union(*(p[0] for p in parts)), any(p[1] for p in parts)
        if op in _GROUPS:
            return self.first(_children(op, av)[0])
        return frozenset(), True

    # -- the checks -------------------------------------------------------------------------
    def sequence(self, items: list[Item]) -> None:
        for op, av in items:
            if op in (sre.GROUPREF, sre.GROUPREF_EXISTS):
                raise UnsafePattern("backreference or conditional group")
            if op in _REPEATS and av[1] > 1:
                self.repeat(list(av[2]))
            for child in _children(op, av):
                self.sequence(child)
        self.adjacent(items)

    def repeat(self, body: list[Item]) -> None:
        """Refuse ``body`` under a quantifier when repetitions of it can split one text in
        more than one way."""
        body = _unwrap(body)
        if len(body) == 1 and body[0][0] in _SINGLE:
            return
        language = self.language(body, self.representatives(body))
        if language is not None:
            if _ambiguous(language):
                raise UnsafePattern("a quantified part matches the same text in more than one way")
            return
        if len(body) == 1 and body[0][0] == sre.BRANCH:
            firsts = [self.first(list(alt))[0] for alt in body[0][1][1]]
            for n, one in enumerate(firsts):
                if any(one & other for other in firsts[n + 1 :]):
                    raise UnsafePattern("overlapping alternatives under a quantifier")
        inner = [
            (op, av) for op, av in _walk(body) if op in _REPEATS and av[1] > 1 and av[1] > av[0]
        ]
        if inner:
            inner_chars = frozenset().union(*(self.all_chars(list(av[2])) for _, av in inner))
            edges = [body[0], body[-1]]
            if not any(op in _SINGLE and not self.chars(op, av) & inner_chars for op, av in edges):
                raise UnsafePattern(
                    "nested quantifier without a delimiter the inner part cannot match"
                )

    def adjacent(self, items: list[Item]) -> None:
        """Two unbounded quantifiers over overlapping characters, only optional parts between."""
        for n, item in enumerate(items):
            left = _unwrap([item])
            if len(left) != 1 or not _unbounded(*left[0]):
                continue
            chars = self.all_chars(list(left[0][1][2]))
            for m in range(n + 1, len(items)):
                other_op, other_av = items[m]
                inner = _unwrap([items[m]])
                if len(inner) == 1 and _unbounded(*inner[0]):
                    rest = items[m + 1 :]
                    tail_free = all(o == sre.AT and a in _END for o, a in rest)
                    if chars & self.all_chars(list(inner[0][1][2])) and not tail_free:
                        raise UnsafePattern(
                            "two unbounded quantifiers over the same characters in a row"
                        )
                if not self.first_of(other_op, other_av)[1]:
                    break

    def unanchored_search(self, items: list[Item]) -> None:
        """Refuse an unbounded quantifier in a pattern that is tried at every position."""
        items = _unwrap(items)
        if items and items[0][0] == sre.AT and items[0][1] in _START:
            return
        if any(_unbounded(op, av) for op, av in _walk(items)):
            raise UnsafePattern(
                "an unbounded quantifier in a pattern not anchored with ^ "
                "(searching it is quadratic in the line length; anchor it or bound it)"
            )

    # -- finite languages ---------------------------------------------------------------
    def representatives(self, items: list[Item]) -> Chars:
        """One character of each set of characters no item of ``items`` tells apart.

        Whether a part matches some text in two ways does not change when a character is
        replaced by one that every class in it treats the same, so the language of
        ``\\w\\w`` is one word, not the square of the alphabet.
        """
        sets = [self.chars(op, av) for op, av in _walk(items) if op in _SINGLE]
        found: dict[tuple[bool, ...], str] = {}
        for char in self.alphabet:
            found.setdefault(tuple(char in chars for chars in sets), char)
        return frozenset(found.values())

    def language(self, items: list[Item], reps: Chars) -> list[str] | None:
        """Every string ``items`` match over ``reps``, when that is a small finite set."""
        words = [""]
        for op, av in items:
            part = self.language_of(op, av, reps)
            if part is None or len(words) * len(part) > _BIG_LANGUAGE:
                return None
            words = [w + p for w in words for p in part]
        return words

    def language_of(self, op: Any, av: Any, reps: Chars) -> list[str] | None:
        if op in _SINGLE:
            return sorted(self.chars(op, av) & reps)
        if op == sre.BRANCH:
            out: list[str] = []
            for alt in av[1]:
                part = self.language(list(alt), reps)
                if part is None:
                    return None
                out.extend(part)
            return out
        if op in _GROUPS:
            return self.language(_children(op, av)[0], reps)
        if op in _REPEATS and av[1] <= 1:
            part = self.language(list(av[2]), reps)
            return None if part is None else ([""] if av[0] == 0 else []) + part
        return None


def _unbounded(op: Any, av: Any) -> bool:
    return op in _REPEATS and av[1] == sre.MAXREPEAT


def _ambiguous(words: list[str]) -> bool:
    """Whether some string splits into ``words`` in two ways (Sardinas-Patterson)."""
    code = set(words) - {""}
    if len(code) < len(words) - words.count(""):
        return True
    if all(len(word) == 1 for word in code):
        return False
    extending: dict[str, list[str]] = {}
    for word in code:
        for k in range(1, len(word)):
            extending.setdefault(word[:k], []).append(word[k:])

    def quotients(text: str) -> set[str]:
        """What is left of a word after ``text``, and of ``text`` after a word."""
        found = set(extending.get(text, ()))
        found.update(text[k:] for k in range(1, len(text)) if text[:k] in code)
        return found

    pending = {rest for word in code for rest in quotients(word)} - {""}
    seen: set[str] = set()
    while pending:
        if pending & code:
            return True
        seen |= pending
        pending = set().union(*(quotients(text) for text in pending)) - seen
    return False


# A Latin-1 line, for ``needs_non_latin1``: Latin-1 and the typographic marks and currency
# signs Western text uses (general punctuation, currency symbols), none of which has a case.
# (A second, ASCII alphabet, whose set would leave accented phrases out too, made a stream of
# new documents slower: one more automaton to build, for 0.2 µs a line once built.)
LATIN1_RANGES = ((0x00, 0xFF), (0x2000, 0x206F), (0x20A0, 0x20CF))
LATIN1_LINE_OUTSIDE = re.compile(
    "[^" + "".join(f"\\U{low:08x}-\\U{high:08x}" for low, high in LATIN1_RANGES) + "]"
)
# Escapes that name a character beyond Latin-1: "\u0436", "\U0001F600", "\N{...}".
_NAMED_ESCAPE = re.compile(r"\\[uUN]")


@functools.cache
def _latin1_alike() -> Chars:
    """The characters beyond Latin-1 that Python's re.IGNORECASE takes for a Latin-1 one
    ("ſ" for "s", "K" Kelvin for "k", "ı" for "i", ...). No character past the Adlam block
    (U+1E900-U+1E95F) has a case."""
    beyond = "".join(map(chr, range(0x100, 0x1E960)))
    return frozenset(re.findall("[\\x00-\\xff]", beyond, re.IGNORECASE))


@functools.lru_cache(maxsize=16384)
def needs_non_latin1(pattern: str) -> bool:
    """Whether every match of ``pattern`` (searched case-insensitively) holds a character
    that a Latin-1 line lacks (one ``LATIN1_LINE_OUTSIDE`` finds, and no case of a Latin-1
    one): a Cyrillic, CJK or Hangul phrase, say. It then cannot match such a line. Errs
    towards ``False``."""
    if not LATIN1_LINE_OUTSIDE.search(pattern) and not _NAMED_ESCAPE.search(pattern):
        return False  # it names no such character: it needs none
    try:
        tree = sre_parse.parse(pattern, re.IGNORECASE)
    except re.error:
        return False
    return _needs_non_latin1(list(tree))


def _needs_non_latin1(items: list[Item]) -> bool:
    """Whether the sequence ``items`` only matches text with a character a Latin-1 line lacks."""
    for op, av in items:
        if op == sre.LITERAL:
            found = _non_latin1(chr(av))
        elif op == sre.IN:
            found = bool(av) and all(_non_latin1_part(part_op, part_av) for part_op, part_av in av)
        elif op == sre.BRANCH:
            found = all(_needs_non_latin1(list(alternative)) for alternative in av[1])
        elif op in _REPEATS:
            found = av[0] >= 1 and _needs_non_latin1(list(av[2]))
        elif op in _GROUPS:
            found = _needs_non_latin1(_children(op, av)[0])
        else:  # anchors, lookarounds, any character, categories such as \w
            found = False
        if found:
            return True
    return False


def _non_latin1(char: str) -> bool:
    return bool(LATIN1_LINE_OUTSIDE.match(char)) and char not in _latin1_alike()


def _non_latin1_part(op: Any, av: Any) -> bool:
    """Whether a part of a character class only holds characters a Latin-1 line lacks."""
    if op == sre.LITERAL:
        return _non_latin1(chr(av))
    if op == sre.RANGE:
        low, high = av
        return not any(low <= b and a <= high for a, b in LATIN1_RANGES) and not any(
            low <= ord(char) <= high for char in _latin1_alike()
        )
    return False  # a negation, a category
