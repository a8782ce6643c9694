"""Residue vocabularies compiled for matching: one set lookup and one regex per category."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from cleaner.shape import match_key


@dataclass(frozen=True, slots=True)
class Category:
    """One kind of residue: whole-line phrases, patterns, and block-only small print."""

    name: str
    lines: frozenset[str]
    pattern: re.Pattern[str] | None
    within: re.Pattern[str] | None

    def matches(self, line: str, key: str) -> bool:
        """``key`` is ``match_key(line)``, computed once per line by the caller."""
        if key in self.lines:
            return True
        return self.pattern is not None and self.pattern.search(line) is not None

    def matches_within(self, line: str, key: str) -> bool:
        """A line that belongs to an open block of this category."""
        if self.matches(line, key):
            return True
        return self.within is not None and self.within.search(line) is not None


def _union(patterns: Iterable[str]) -> re.Pattern[str] | None:
    parts = [f"(?:{p})" for p in patterns]
    return re.compile("|".join(parts), re.IGNORECASE) if parts else None


class Vocabulary:
    """All loaded residue categories, plus month and weekday names for dates."""

    def __init__(
        self,
        entries: dict[str, dict[str, list[str]]],
        months: dict[str, int],
        weekdays: Iterable[str],
    ) -> None:
        self.categories = {
            name: Category(
                name=name,
                lines=frozenset(k for k in (match_key(s) for s in e.get("lines", [])) if k),
                pattern=_union(e.get("patterns", [])),
                within=_union(e.get("within", [])),
            )
            for name, e in entries.items()
        }
        self.months = dict(months)
        self.weekdays = frozenset(match_key(w) for w in weekdays)
        self._empty = {}  # type: dict[str, Category]

    def category(self, name: str) -> Category:
        """The named category, or an empty one, so that a chain may name a category no
        loaded language defines."""
        found = self.categories.get(name)
        if found is None:
            found = self._empty.setdefault(name, Category(name, frozenset(), None, None))
        return found

    def phrases(self, name: str) -> frozenset[str]:
        return self.category(name).lines
