"""Residue vocabularies compiled for matching: one set lookup and one regex per category."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from cleaner.dates import DateLineReader, DateParser, DateWords
from cleaner.patterns import PatternSet
from cleaner.shape import fold_case, match_keys


@dataclass(frozen=True, slots=True)
class ReaderCategories:
    """The categories date lines and bylines are read with wherever they are read (the
    filters, a page's header): the date and byline filters' options in the rules, stated
    there once."""

    date_labels: str  # labels of a date: "Published on"
    date_notes: tuple[str, ...]  # notes a date line may end with: "4 min read"
    byline_labels: str  # labels of a byline: "By"


@dataclass(frozen=True, slots=True)
class Category:
    """One kind of residue: whole-line phrases, patterns, and block-only small print."""

    name: str
    lines: frozenset[str]
    patterns: PatternSet
    within: PatternSet
    # The patterns and the small print together: a line in an open block takes one pass
    # (the patterns themselves when there is no small print, not a second copy to compile).
    in_block: PatternSet = field(init=False)

    def __post_init__(self) -> None:
        in_block = self.patterns
        if self.within:
            labelled = ((self.name, p) for p in self.patterns.sources + self.within.sources)
            in_block = PatternSet(labelled)
        object.__setattr__(self, "in_block", in_block)

    def matches(self, line: str, key: str) -> bool:
        """``key`` is ``match_key(line)``, computed once per line by the caller."""
        return key in self.lines or self.patterns.find(line) is not None

    def matches_within(self, line: str, key: str) -> bool:
        """A line that belongs to an open block of this category."""
        return key in self.lines or self.in_block.find(line) is not None


class CategoryMatcher:
    """Several categories matched together, in their given order of precedence."""

    def __init__(self, categories: list[Category]) -> None:
        self._lines: dict[str, str] = {}
        for category in reversed(categories):
            self._lines.update(dict.fromkeys(category.lines, category.name))
        self._patterns = PatternSet(
            (category.name, pattern)
            for category in categories
            for pattern in category.patterns.sources
        )

    def find_each(
        self, lines: list[str], keys: list[str], matchable: list[bool]
    ) -> list[str | None]:
        """The category of each line, or None. ``keys`` are the lines' ``match_key``s; the
        patterns only apply to lines whose ``matchable`` is true (whole-line phrases to all),
        and only where no phrase was found."""
        phrases, find = self._lines, self._patterns.find
        return [
            phrases.get(key) or (find(line) if ok else None)
            for line, key, ok in zip(lines, keys, matchable, strict=True)
        ]


class Vocabulary:
    """All loaded residue categories, plus month and weekday names for dates."""

    def __init__(
        self,
        entries: dict[str, dict[str, list[str]]],
        months: dict[str, int],
        weekdays: Iterable[str],
        words: Mapping[str, Mapping[str, list[str]]] | None = None,
        *,
        readers: ReaderCategories,
    ) -> None:
        """``words`` are the word tables of the vocabularies (``date_words``,
        ``name_words``), each a mapping of a key to its words; ``readers`` the categories
        date lines and bylines are read with."""
        words = words or {}
        self.readers = readers
        dates = words.get("date_words", {})
        self.date_words = DateWords(**{key: tuple(found) for key, found in dates.items()})
        names = words.get("name_words", {})
        # Words between the names of a byline: "and", "und", "&"; name particles: "von".
        self.name_joiners = frozenset(fold_case(w) for w in names.get("joiners", []))
        self.name_particles = frozenset(fold_case(w) for w in names.get("particles", []))
        self.categories = {
            name: Category(
                name=name,
                lines=frozenset(k for k in match_keys(e.get("lines", [])) if k),
                patterns=PatternSet((name, p) for p in e.get("patterns", [])),
                within=PatternSet((name, p) for p in e.get("within", [])),
            )
            for name, e in entries.items()
        }
        self.months = dict(months)
        self.weekdays = frozenset(match_keys(list(weekdays)))
        # Per category, the phrases that only languages writing numeric dates day first use
        # ("Publié le", not "Date", which English shares).
        self._day_first = {
            name: frozenset(match_keys(e.get("day_first", [])))
            - frozenset(match_keys(e.get("other", [])))
            for name, e in entries.items()
            if e.get("day_first")
        }
        self._empty = {}  # type: dict[str, Category]

    def category(self, name: str) -> Category:
        """The named category, or an empty one, so that a chain may name a category no
        loaded language defines."""
        found = self.categories.get(name)
        if found is None:
            empty = PatternSet(())
            found = self._empty.setdefault(name, Category(name, frozenset(), empty, empty))
        return found

    def matcher(self, names: Iterable[str]) -> CategoryMatcher:
        return CategoryMatcher([self.category(name) for name in names])

    def __getstate__(self) -> dict[str, object]:
        """Without the date parser, built again where it is used (its patterns, pickled,
        would be compiled again by ``re``, not found in the user's cache)."""
        state = dict(self.__dict__)
        state.pop("date_parser", None)
        return state

    @functools.cached_property
    def date_parser(self) -> DateParser:
        """Dates written with these month and weekday names, compiled once for every filter
        that reads them."""
        return DateParser(self.months, self.weekdays, self.date_words)

    def date_line_reader(
        self, label_category: str, note_categories: Iterable[str]
    ) -> DateLineReader:
        """A reader of date lines with the labels of ``label_category`` and notes of the
        ``note_categories``."""
        return DateLineReader(
            self.date_parser,
            self.phrases(label_category),
            self.day_first_phrases(label_category),
            [self.category(name) for name in note_categories],
            self.date_words.linking,
        )

    def phrases(self, name: str) -> frozenset[str]:
        return self.category(name).lines

    def day_first_phrases(self, name: str) -> frozenset[str]:
        """The category's phrases (as match keys) after which a numeric date is read day
        first: those of vocabularies marked ``day_first`` and of no other."""
        return self._day_first.get(name, frozenset())
