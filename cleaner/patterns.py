"""Many regular expressions matched against a line in one linear-time pass.

Vocabulary patterns are Python regular expressions, and Python's engine tries them one after
another at every position of a line, backtracking. Here they are first run together through
an RE2 set (google-re2: a finite-automaton engine, linear in the line's length whatever the
pattern), and only the patterns RE2 reports are confirmed with Python ``re``. For that the
patterns given to RE2 are rewritten to match a superset of what the Python pattern matches
(word boundaries dropped, Python's Unicode classes widened), so the result is exactly
Python's. A pattern RE2 cannot read (lookaround, backreferences) is always checked with
Python ``re``.
"""

from __future__ import annotations

import functools
import hashlib
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import re2

from cleaner import cache, regex_safety
from cleaner.programs import compile_regex
from cleaner.regex_safety import LATIN1_LINE_OUTSIDE, LATIN1_RANGES, needs_non_latin1

# RE2 builds a set's automaton lazily within this budget, per process. With large bounded
# repetitions widened (``_widened``) the vocabulary's set takes about 10 MB of it; a set that
# does not fit is checked with Python re instead (``_re2_set``).
_RE2_MEMORY = 64 << 20
_ANY = r"\x{0}-\x{10FFFF}"
# Python's classes under re.UNICODE as RE2 classes that contain them ("\w" and "\d" are
# made in ``_classes``). "\b" and "\B" match nothing, so they go.
_OUTSIDE = {
    "b": "",
    "B": "",
    "s": r"[\s\pZ\x{1c}-\x{1f}\x{85}]",
    "W": f"[{_ANY}]",
    "D": f"[{_ANY}]",
    "S": f"[{_ANY}]",
    "A": "^",
    "Z": "$",
}
_IN_CLASS = {"s": r"\s\pZ\x{1c}-\x{1f}\x{85}", "W": _ANY, "D": _ANY, "S": _ANY}
# Python's re.IGNORECASE takes "i", "I", Turkish "İ" and "ı" for one another; RE2's case
# folding only "i" and "I", so the rewrite gives all four wherever one of them may match.
_ANY_I = "iIİı"
_TURKISH_I = "İı"
# Pattern syntax that holds letters which are not text to match: group openers ("(?:",
# "(?P<name>", "(?i)", "(?-i:") and named characters ("\\N{...}").
_SYNTAX = re.compile(r"\(\?(?:P<\w+>|P=\w+\)|[aiLmsux-]*[:)]|<?[=!]|#[^)]*\))|\\N\{[^}]*\}")
# "{m,n}", "{m,}", "{,n}" (Python reads it as "{0,n}") and "{m}".
_QUANTIFIER = re.compile(r"\{(\d*)(?:,(\d*))?\}")
_UNROLL = 4
# Sets match lines with Python re alone, every pattern in turn, until the process has matched
# this many characters (a document or two), and only then build their RE2 sets: building
# costs about 0.27 ms a pattern, scanning about 16 ns a pattern and character, so a short
# document never pays for the sets, and a stream of them soon has them. Counted for the
# process, not each set: sets that see few lines would otherwise scan far into a stream.
_SCAN_CHARS = 8_000
_scanned = 0


def expect_many_documents() -> None:
    """Build each set on its first use from now on: a batch run cleans many documents, and
    the Python-only scan that spares a lone short document the build would only delay it."""
    global _scanned
    _scanned = _SCAN_CHARS


@functools.cache
def _classes() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """The RE2 forms of Python's classes outside a class, inside one, and inside a negated
    one. "\\w" and "\\d" are exact on the Latin-1 alphabet (see ``LATIN1_LINE_OUTSIDE``)
    and take every character beyond it, so a Latin-1 line meets the exact class; in a negated
    class they are the exact part alone, which only widens the class. (RE2 compiles "\\pL"
    and its like into large automata over UTF-8, and Python re confirms every pattern RE2
    reports.)"""
    alphabet = [chr(code) for low, high in LATIN1_RANGES for code in range(low, high + 1)]
    gaps: list[tuple[int, int]] = []
    start = 0
    for low, high in LATIN1_RANGES:
        if low > start:
            gaps.append((start, low - 1))
        start = high + 1
    gaps.append((start, 0x10FFFF))
    beyond = "".join(rf"\x{{{a:x}}}-\x{{{b:x}}}" for a, b in gaps)
    exact: dict[str, str] = {}
    for name in "wd":
        matched = re.compile(f"\\{name}")
        exact[name] = _ranges(ord(char) for char in alphabet if matched.match(char))
    inside = {**_IN_CLASS, **{name: exact[name] + beyond for name in "wd"}}
    outside = {**_OUTSIDE, **{name: f"[{inside[name]}]" for name in "wd"}}
    return outside, inside, {**_IN_CLASS, **exact}


def _ranges(codes: Iterable[int]) -> str:
    """Code points in ascending order as the ranges of an RE2 class."""
    spans: list[list[int]] = []
    for code in codes:
        if spans and spans[-1][1] == code - 1:
            spans[-1][1] = code
        else:
            spans.append([code, code])
    return "".join(rf"\x{{{a:x}}}-\x{{{b:x}}}" if b > a else rf"\x{{{a:x}}}" for a, b in spans)


def re2_superset(pattern: str, *, turkish_i: bool = False) -> str:
    """Rewrite a Python pattern for RE2 so that RE2 matches at least what Python matches in
    a line (Python's "\\A" and "\\Z" become "^" and "$", the same on one line; classes as
    ``_classes`` makes them).

    Python takes i, I, İ and ı for one another, RE2 only i and I: a pattern's İ and ı match
    all four here, and with ``turkish_i`` (for a text that has İ or ı) its i and I too. Text
    without them needs no more, and the wider patterns run slower."""
    outside, inside, in_negated = _classes()
    out: list[str] = []
    in_class = negated = widen_class = False
    i = 0
    n = len(pattern)
    while i < n:
        ch = pattern[i]
        syntax = _SYNTAX.match(pattern, i) if ch in "(\\" else None
        if syntax is not None:  # group openers and named characters hold letters, not text
            out.append(syntax.group(0))
            i = syntax.end()
            continue
        if ch == "\\" and i + 1 < n:
            nxt = pattern[i + 1]
            if nxt in "uU":
                width = 4 if nxt == "u" else 8
                out.append(r"\x{" + pattern[i + 2 : i + 2 + width] + "}")
                i += 2 + width
                continue
            table = (in_negated if negated else inside) if in_class else outside
            out.append(table.get(nxt, ch + nxt))
            i += 2
            continue
        if in_class:
            if ch == "]" and not (out and out[-1] in ("[", "[^")):
                in_class = False
                if widen_class and not negated:
                    out.append(_ANY_I)  # a superset: they only widen the class
            elif ch in _TURKISH_I:
                widen_class = True
        elif ch == "[":
            # In Turkish text a range ("a-z") may match İ or ı as Python reads it.
            in_class, widen_class = True, turkish_i
            negated = pattern.startswith("[^", i)
            if negated:
                out.append("[^")
                i += 2
                continue
        elif ch in _TURKISH_I or (turkish_i and ch in _ANY_I):
            out.append(f"[{_ANY_I}]")
            i += 1
            continue
        elif ch == "{":
            quantifier = _QUANTIFIER.match(pattern, i)
            if quantifier is not None:
                out.append(_widened(quantifier))
                i = quantifier.end()
                continue
        out.append(ch)
        i += 1
    return "".join(out)


def _widened(quantifier: re.Match[str]) -> str:
    """A bounded repetition with a large upper bound made unbounded: RE2 unrolls "{0,200}"
    into 200 states per pattern, and "*" matches everything "{0,200}" does."""
    low_text, high_text = quantifier.group(1), quantifier.group(2)
    if high_text is None or not (low_text or high_text):
        return quantifier.group(0)  # "{3}", or braces Python reads as literal text
    low = int(low_text or 0)
    if high_text and int(high_text) <= _UNROLL:
        return f"{{{low},{high_text}}}"
    return "*" if low == 0 else "+" if low == 1 else f"{{{low},}}"


@dataclass(frozen=True, slots=True)
class _Compiled:
    """A PatternSet's compiled form, built whole and assigned at once (thread-safe)."""

    # The RE2 sets of the patterns rewritten for them (see ``re2_superset``), those anchored
    # at the line's start and the others, each with the pattern index of its members.
    candidates: list[tuple[Any, list[int]]]
    always: list[int]

    def candidate_indices(self, data: bytes) -> list[int]:
        """Indices, in order, of the patterns that may match the line ``data`` (UTF-8)."""
        hits: list[int] = []
        for candidates, members in self.candidates:
            found = candidates.Match(data)
            if found:
                hits.extend(members[k] for k in found)
        if self.always:
            hits.extend(self.always)
            return sorted(set(hits))
        return sorted(hits) if len(hits) > 1 else hits


@functools.lru_cache(maxsize=8192)
def compile_pattern(pattern: str) -> re.Pattern[str]:
    """``re.compile(pattern, re.IGNORECASE)``, once per process (the vocabularies hold more
    patterns than ``re``'s own cache, 512) and its program once per user (``cleaner.programs``)."""
    return compile_regex(pattern, re.IGNORECASE)


class PatternSet:
    """Labelled Python patterns (compiled case-insensitively); ``find`` returns the label of
    the first pattern, in the order given, that matches a line."""

    def __init__(self, labelled: Iterable[tuple[str, str]]) -> None:
        self._source = list(labelled)
        self._python: list[re.Pattern[str]] | None = None
        # Compiled for text without and with Turkish İ or ı (see ``re2_superset``), and for
        # lines written in Latin-1 or not (see ``_build``).
        self._compiled: dict[tuple[bool, bool], _Compiled] = {}

    def _compiled_python(self) -> list[re.Pattern[str]]:
        python = self._python
        if python is None:
            python = self._python = [compile_pattern(pattern) for _, pattern in self._source]
        return python

    def _build(self, turkish_i: bool, latin1: bool) -> _Compiled:
        """Compile on first use: most sets of a chain are small and some are never asked.
        Threads that race here each build one; the last assignment wins, both are equal.

        The patterns that need a character outside the Latin-1 alphabet (Cyrillic, CJK,
        Hangul phrases) are RE2 sets of their own, built when a line outside it first comes
        (see ``LATIN1_LINE_OUTSIDE``); such a line is matched against the others' sets too,
        a Latin-1 line against those alone. RE2 builds its automaton as text comes, and a
        smaller one faster: on new Latin-1 lines the set of every vocabulary pattern cost
        35-42 µs a line, the Latin-1 one 21, and 1.4 against 1.5-2.5 once built. (Two whole
        sets, one for each kind of line, compiled the Latin-1 patterns twice: a worker's
        first 250 news articles, 15 of 181 of them Russian, took 0.13 s longer.)"""
        always: list[int] = []
        anchored: list[tuple[int, str]] = []
        unanchored: list[tuple[int, str]] = []
        for index, (_, pattern) in enumerate(self._source):
            rewritten, is_anchored, needs_beyond = _member(pattern, turkish_i)
            if needs_beyond != latin1:
                (anchored if is_anchored else unanchored).append((index, rewritten))
        sets = (
            _re2_set(anchored, always, re2.Set.MatchSet),
            _re2_set(unanchored, always),
        )
        candidates = [found for found in sets if found is not None]
        if not latin1:
            on_latin1 = self._compiled.get((turkish_i, True)) or self._build(turkish_i, True)
            candidates = on_latin1.candidates + candidates
            always.extend(on_latin1.always)
        compiled = _Compiled(candidates=candidates, always=sorted(always))
        self._compiled[turkish_i, latin1] = compiled
        return compiled

    def find(self, line: str) -> str | None:
        """The label of the first pattern that matches ``line``: one RE2 set pass tells which
        patterns may match it, and Python ``re`` confirms those in order.

        (One pass over a whole document's lines, with each reported pattern then located by
        its own RE2 pass, cost more in a stream of documents: each pattern's automaton met new
        text cold.)

        The process's first ``_SCAN_CHARS`` characters are matched by Python ``re`` alone:
        the same answer, without building the RE2 set."""
        global _scanned
        python = self._compiled_python()
        if _scanned < _SCAN_CHARS:
            _scanned += len(line)
            for index, pattern in enumerate(python):
                if pattern.search(line):
                    return self._source[index][0]
            return None
        # A lone surrogate, encoded as it is, is no valid UTF-8: no RE2 pattern matches it.
        data = line.encode("utf-8", "surrogatepass")
        turkish_i = b"\xc4" in data and (b"\xc4\xb0" in data or b"\xc4\xb1" in data)  # İ, ı
        latin1 = data.isascii() or LATIN1_LINE_OUTSIDE.search(line) is None
        compiled = self._compiled.get((turkish_i, latin1)) or self._build(turkish_i, latin1)
        for index in compiled.candidate_indices(data):
            if python[index].search(line):
                return self._source[index][0]
        return None

    def __bool__(self) -> bool:
        return bool(self._source)

    @property
    def sources(self) -> list[str]:
        """The patterns as written, in order."""
        return [pattern for _, pattern in self._source]

    def __getstate__(self) -> list[tuple[str, str]]:
        return self._source

    def __setstate__(self, state: list[tuple[str, str]]) -> None:
        self._source = state
        self._python = None
        self._compiled = {}


def _code_name() -> str:
    """The rewrites' cache file, named after the code that makes them (this module and
    ``regex_safety``) and the Python version, whose re and Unicode data they follow."""
    digest = hashlib.blake2b(digest_size=8)
    for module in (sys.modules[__name__], regex_safety):
        get_data = getattr(module.__loader__, "get_data", None)
        digest.update(get_data(module.__file__) if get_data and module.__file__ else b"")
    return f"re2-rewrites-{sys.hexversion:x}-{digest.hexdigest()}.marshal"


# A pattern's RE2 form for a set is the same in every process: kept in the user's cache, it
# spares each new process rewriting the vocabularies (0.065 s of a worker's start on news).
REWRITES = cache.Memo(_code_name, 50_000)


def _member(pattern: str, turkish_i: bool) -> tuple[str, bool, bool]:
    """``pattern`` rewritten for RE2, whether the rewrite is anchored at the line's start,
    and whether every match needs a character outside the Latin-1 alphabet."""
    key = (pattern, turkish_i)
    member: tuple[str, bool, bool] | None = REWRITES.get(key)
    if member is None:
        rewritten = re2_superset(pattern, turkish_i=turkish_i)
        member = (rewritten, _anchored(rewritten), needs_non_latin1(pattern))
        REWRITES.put(key, member)
    return member


def _options(memory: int) -> Any:
    options = re2.Options()
    options.case_sensitive = False
    options.log_errors = False
    options.max_mem = memory
    return options


def _anchored(pattern: str) -> bool:
    """Whether an RE2 pattern only matches at the start of a line: it opens with "^" and has
    no alternative outside a group or class ("^a|b" matches "b" anywhere)."""
    if not pattern.startswith("^"):
        return False
    depth, i, n = 0, 1, len(pattern)
    while i < n:
        ch = pattern[i]
        if ch == "\\":
            i += 1  # the escaped character, whatever it is
        elif ch == "[":
            i = _class_end(pattern, i)
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            return False
        i += 1
    return True


def _class_end(pattern: str, start: int) -> int:
    """The index of the "]" that closes the class opened at ``start`` (a "]" first in it,
    after any "^", is a member)."""
    i = start + 1
    if pattern.startswith("^", i):
        i += 1
    if pattern.startswith("]", i):
        i += 1
    while i < len(pattern) and pattern[i] != "]":
        i += 2 if pattern[i] == "\\" else 1
    return i


def _re2_set(
    patterns: list[tuple[int, str]],
    always: list[int],
    kind: Callable[[Any], Any] = re2.Set.SearchSet,
) -> tuple[Any, list[int]] | None:
    """An RE2 set of ``patterns`` and the pattern index of each member; the index of a
    pattern RE2 cannot read goes to ``always`` (checked with Python re on every line).

    ``kind`` is ``re2.Set.MatchSet`` for patterns anchored at the line's start: apart from
    the others, RE2 builds far fewer automaton states for them, which it does as new text
    comes (on WCXB pages the vocabulary's sets cost half the time)."""
    if not patterns:
        return None
    candidates = kind(_options(_RE2_MEMORY))
    members: list[int] = []
    for index, pattern in patterns:
        try:
            candidates.Add(pattern)
        except re2.error:
            always.append(index)
        else:
            members.append(index)
    if not members:
        return None
    try:
        candidates.Compile()
    except re2.error:  # over the memory budget: these patterns are checked one by one
        always.extend(members)
        return None
    return candidates, members
