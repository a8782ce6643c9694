"""The headline: the first headline-shaped line above the body, moved into metadata."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from cleaner.dates import is_time_note, mentions_year
from cleaner.document import Document
from cleaner.filters.base import Context, Filter
from cleaner.prefixes import prefix_pattern
from cleaner.shape import is_title_like, match_key


@dataclass(frozen=True, slots=True)
class TitleOptions:
    """The options of a ``title`` filter; their values are in ``rules/default.toml``."""

    min_words: int
    max_words: int
    date_prefix_category: str


class TitleFilter(Filter):
    """Takes the first title-shaped line before the first body paragraph as the title and
    removes it, and any later copy of it, from the body. When the title is already known
    (a page declared it), no other is guessed: the lines equal to it are removed. A line
    that opens with a date prefix and holds a year ("Opublikowano: 12 marca 2024 r.") or a
    note of time ("Updated 2 hours ago") is a date line, even one the date filter could not
    read, never the title."""

    kind: ClassVar[str] = "title"
    Options: ClassVar[type[TitleOptions]] = TitleOptions
    options: TitleOptions

    def __init__(self, name: str, context: Context, options: TitleOptions) -> None:
        super().__init__(name, context, options)
        phrases = context.vocabulary.phrases(self.options.date_prefix_category)
        self._dated = prefix_pattern(phrases)

    def apply(self, doc: Document) -> None:
        live = doc.live()
        known = match_key(doc.metadata.title or "")
        if known:
            self._remove_known(doc, live, known)
            return
        anchors = self.context.anchors(doc)
        if not anchors:
            return
        lo, hi = self.options.min_words, self.options.max_words
        for i in live[: anchors[0]]:
            line = doc.lines[i]
            if not doc.is_kept(i) and is_title_like(line, lo, hi) and not self._is_dated(line):
                doc.metadata.title = line
                self._remove_known(doc, live, doc.key(i))
                return

    def _is_dated(self, line: str) -> bool:
        found = self._dated.match(line) if self._dated is not None else None
        return found is not None and (mentions_year(line) or is_time_note(found.group("rest")))

    def _remove_known(self, doc: Document, live: list[int], key: str) -> None:
        """Remove the lines that are the title: the first as ``title``, others as repeats."""
        first = True
        for i in live:
            if not doc.is_kept(i) and doc.key(i) == key:
                doc.remove(i, self.rule() if first else self.rule("repeat"))
                first = False
