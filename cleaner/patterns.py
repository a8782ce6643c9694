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

import re
from collections.abc import Iterable
from typing import Any

import re2

_RE2_MEMORY = 64 << 20
_ANY = r"\x{0}-\x{10FFFF}"
# Python's classes under re.UNICODE, widened to RE2 classes that contain them.
_OUTSIDE = {
    "b": "",
    "B": "",
    "w": r"[\pL\pN\pM_]",
    "d": r"\pN",
    "s": r"[\s\pZ\x{1c}-\x{1f}\x{85}]",
    "W": f"[{_ANY}]",
    "D": f"[{_ANY}]",
    "S": f"[{_ANY}]",
    "Z": r"\z",
}
_INSIDE = {
    "w": r"\pL\pN\pM_",
    "d": r"\pN",
    "s": r"\s\pZ\x{1c}-\x{1f}\x{85}",
    "W": _ANY,
    "D": _ANY,
    "S": _ANY,
}
_OPEN_MIN = re.compile(r"\{,(\d+)\}")


def re2_superset(pattern: str) -> str:
    """Rewrite a Python pattern for RE2 so that RE2 matches at least what Python matches."""
    out: list[str] = []
    in_class = False
    i = 0
    n = len(pattern)
    while i < n:
        ch = pattern[i]
        if ch == "\\" and i + 1 < n:
            nxt = pattern[i + 1]
            if nxt in "uU":
                width = 4 if nxt == "u" else 8
                out.append(r"\x{" + pattern[i + 2 : i + 2 + width] + "}")
                i += 2 + width
                continue
            table = _INSIDE if in_class else _OUTSIDE
            out.append(table.get(nxt, ch + nxt))
            i += 2
            continue
        if in_class:
            if ch == "]" and not (out and out[-1] in ("[", "[^")):
                in_class = False
        elif ch == "[":
            in_class = True
            if pattern.startswith("[^", i):
                out.append("[^")
                i += 2
                continue
        out.append(ch)
        i += 1
    return _OPEN_MIN.sub(r"{0,\1}", "".join(out))


class PatternSet:
    """Labelled Python patterns (compiled case-insensitively); ``find`` returns the label of
    the first pattern, in the order given, that matches a line."""

    def __init__(self, labelled: Iterable[tuple[str, str]]) -> None:
        self._source = list(labelled)
        self._built = False

    def _build(self) -> None:
        """Compile on first use: most sets of a chain are small and some are never asked."""
        self._built = True
        self._labels = [label for label, _ in self._source]
        self._python = [re.compile(pattern, re.IGNORECASE) for _, pattern in self._source]
        self._always: list[int] = []
        self._set: Any = None
        if not self._source:
            return
        options = re2.Options()
        options.case_sensitive = False
        options.log_errors = False
        options.max_mem = _RE2_MEMORY
        candidates = re2.Set.SearchSet(options)
        indices: list[int] = []
        for index, (_, pattern) in enumerate(self._source):
            try:
                candidates.Add(re2_superset(pattern))
            except re2.error:
                self._always.append(index)
            else:
                indices.append(index)
        if indices:
            candidates.Compile()
            self._set = candidates
        self._set_index = indices

    def find(self, line: str) -> str | None:
        if not self._built:
            self._build()
        hits: list[int] = []
        if self._set is not None:
            found = self._set.Match(line)
            if found:
                hits = [self._set_index[k] for k in found]
        if self._always:
            hits = sorted(set(hits).union(self._always))
        elif len(hits) > 1:
            hits.sort()
        for index in hits:
            if self._python[index].search(line):
                return self._labels[index]
        return None

    def __bool__(self) -> bool:
        return bool(self._source)

    def __getstate__(self) -> list[tuple[str, str]]:
        return self._source

    def __setstate__(self, state: list[tuple[str, str]]) -> None:
        self._source = state
        self._built = False
