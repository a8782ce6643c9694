"""Date lines: "Published: 13 Sep 2023, 3:51 PM" anywhere, bare dates outside the body."""

from __future__ import annotations

from typing import Any, ClassVar

from cleaner.dates import DateParser, mentions_year
from cleaner.document import Document
from cleaner.filters._prefix import prefix_pattern
from cleaner.filters.base import Context, Filter

# Words between a prefix and its date: "Published on", "Veröffentlicht am", "Publié le".
_LINKING = ("on ", "am ", "le ", "el ", "the ")


class DateFilter(Filter):
    """Moves publication dates from lines into metadata.

    A prefixed line wins over a bare date line; of several prefixed lines the earliest date
    wins (published comes before updated). Bare date lines inside the body, such as a
    timeline's headings, are left alone.
    """

    kind: ClassVar[str] = "date"
    defaults: ClassVar[dict[str, Any]] = {"prefix_category": "date_prefix", "max_words": 20}

    def __init__(self, name: str, context: Context, **options: Any) -> None:
        super().__init__(name, context, **options)
        vocab = context.vocabulary
        self._parser = DateParser(vocab.months, vocab.weekdays)
        self._prefix = prefix_pattern(vocab.phrases(self.options["prefix_category"]))

    def parse_prefixed(self, line: str) -> str | None:
        if self._prefix is None:
            return None
        m = self._prefix.match(line)
        if m is None:
            return None
        rest = m.group("rest")
        for word in _LINKING:
            if rest.lower().startswith(word):
                rest = rest[len(word) :]
                break
        return self._parser.parse(rest)

    def apply(self, doc: Document) -> None:
        live = doc.live()
        anchors = self.context.anchors(doc)
        first = anchors[0] if anchors else len(live)
        last = anchors[-1] if anchors else -1
        prefixed: list[str] = []
        bare: list[str] = []
        for p, i in enumerate(live):
            line = doc.lines[i]
            if doc.words(i) > self.options["max_words"] or not mentions_year(line):
                continue
            found = self.parse_prefixed(line)
            if found is not None:
                prefixed.append(found)
                doc.remove(i, self.rule("published"))
            elif anchors and (p < first or p > last):
                found = self._parser.parse(line)
                if found is not None:
                    bare.append(found)
                    doc.remove(i, self.rule("header"))
        meta = doc.metadata
        if prefixed:
            meta.date, meta.date_source = min(prefixed), "text"
        elif bare:
            meta.date, meta.date_source = bare[0], "date line"
