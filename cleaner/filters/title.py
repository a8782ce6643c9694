"""The headline: the first headline-shaped line above the body, moved into metadata."""

from __future__ import annotations

from typing import Any, ClassVar

from cleaner.document import Document
from cleaner.filters.base import Filter
from cleaner.shape import is_title_like


class TitleFilter(Filter):
    """Takes the first title-shaped line before the first body paragraph as the title and
    removes it, and any later copy of it, from the body."""

    kind: ClassVar[str] = "title"
    defaults: ClassVar[dict[str, Any]] = {"min_words": 3, "max_words": 20}

    def apply(self, doc: Document) -> None:
        live = doc.live()
        anchors = self.context.anchors(doc, live)
        if not anchors:
            return
        lo, hi = self.options["min_words"], self.options["max_words"]
        for i in live[: anchors[0]]:
            if i not in doc.joined and is_title_like(doc.lines[i], lo, hi):
                doc.metadata.title = doc.lines[i]
                doc.remove(i, self.rule())
                key = doc.key(i)
                for j in live:
                    if j != i and j not in doc.joined and doc.key(j) == key:
                        doc.remove(j, self.rule("repeat"))
                return
