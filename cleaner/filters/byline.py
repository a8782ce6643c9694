"""Bylines: "By Jane Doe", "Von Hans Müller", "Par Jean Dupont" outside the body, also after
a date ("Posted on March 12, 2024 by admin")."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from cleaner.bylines import BylineReader
from cleaner.document import Document
from cleaner.filters.base import Context, Filter


@dataclass(frozen=True, slots=True)
class BylineOptions:
    """The options of a ``byline`` filter; their values are in ``rules/default.toml``."""

    prefix_category: str
    date_prefix_category: str
    max_words: int


class BylineFilter(Filter):
    """Moves an author line before or after the body into metadata ``author`` (and its date
    into ``date`` when none was found before), as ``cleaner.bylines.BylineReader`` reads it."""

    kind: ClassVar[str] = "byline"
    Options: ClassVar[type[BylineOptions]] = BylineOptions
    options: BylineOptions

    def __init__(self, name: str, context: Context, options: BylineOptions) -> None:
        super().__init__(name, context, options)
        self._reader = BylineReader(
            context.vocabulary,
            self.options.prefix_category,
            self.options.date_prefix_category,
        )

    def apply(self, doc: Document) -> None:
        live = doc.live()
        anchors = self.context.anchors(doc)
        first = anchors[0] if anchors else len(live)
        last = anchors[-1] if anchors else -1
        for p, i in enumerate(live):
            if first <= p <= last or doc.words(i) > self.options.max_words:
                continue
            found = self._reader.read(doc.lines[i])
            if found is None:
                continue
            author, date = found
            doc.remove(i, self.rule())
            meta = doc.metadata
            if meta.author is None:
                meta.author = author
            if meta.date is None and date:
                meta.date, meta.date_source = date, "byline"
