"""Bylines: "By Jane Doe", "Von Hans Müller", "Par Jean Dupont" outside the body, also after
a date ("Posted on March 12, 2024 by admin")."""

from __future__ import annotations

from typing import Any, ClassVar

from cleaner.bylines import BylineReader
from cleaner.document import Document
from cleaner.filters.base import Context, Filter


class BylineFilter(Filter):
    """Moves an author line before or after the body into metadata ``author`` (and its date
    into ``date`` when none was found before), as ``cleaner.bylines.BylineReader`` reads it."""

    kind: ClassVar[str] = "byline"
    defaults: ClassVar[dict[str, Any]] = {
        "prefix_category": "byline_prefix",
        "date_prefix_category": "date_prefix",
        "max_words": 8,
    }

    def __init__(self, name: str, context: Context, **options: Any) -> None:
        super().__init__(name, context, **options)
        self._reader = BylineReader(
            context.vocabulary,
            self.options["prefix_category"],
            self.options["date_prefix_category"],
        )

    def apply(self, doc: Document) -> None:
        live = doc.live()
        anchors = self.context.anchors(doc)
        first = anchors[0] if anchors else len(live)
        last = anchors[-1] if anchors else -1
        for p, i in enumerate(live):
            if first <= p <= last or doc.words(i) > self.options["max_words"]:
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
