"""Teaser lists: "Latest", "Read more", "Related" and the headlines listed under them."""

from __future__ import annotations

from typing import Any, ClassVar

from cleaner.document import Document
from cleaner.filters.base import Filter
from cleaner.shape import ends_sentence


class TeaserFilter(Filter):
    """Removes a teaser header and the headline-shaped lines after it, up to the next
    sentence. A header after the last body paragraph takes everything below it."""

    kind: ClassVar[str] = "teaser"
    defaults: ClassVar[dict[str, Any]] = {
        "header_category": "teaser_header",
        "item_max_words": 40,
    }

    def apply(self, doc: Document) -> None:
        headers = self.context.vocabulary.category(self.options["header_category"])
        live = doc.live()
        lines = doc.lines
        anchors = self.context.anchors(doc)
        if not anchors:
            return
        last_anchor = anchors[-1]
        p = 0
        while p < len(live):
            i = live[p]
            if doc.words(i) > 8 or not headers.matches(lines[i], doc.key(i)):
                p += 1
                continue
            doc.remove(i, self.rule("header"))
            if p > last_anchor:
                for j in live[p + 1 :]:
                    doc.remove(j, self.rule("item"))
                return
            p += 1
            while p < len(live):
                j = live[p]
                if ends_sentence(lines[j]) or doc.words(j) > self.options["item_max_words"]:
                    break
                doc.remove(j, self.rule("item"))
                p += 1
