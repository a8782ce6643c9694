"""Date lines: "Published: 13 Sep 2023, 3:51 PM" anywhere, bare dates outside the body, and
labels left without their date ("Published on" once a page's <time> element is gone)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from cleaner.dates import mentions_year
from cleaner.document import Document
from cleaner.filters.base import Context, Filter

# A line of only a date label ("Published on", "Pubblicato il") has at most this many words.
_LABEL_MAX_WORDS = 5


@dataclass(frozen=True, slots=True)
class DateOptions:
    """The options of a ``date`` filter; their values are in ``rules/default.toml``."""

    prefix_category: str
    max_words: int
    note_categories: tuple[str, ...]


class DateFilter(Filter):
    """Moves publication dates from lines into metadata.

    A prefixed line wins over a bare date line; of several prefixed lines the earliest date
    wins (published comes before updated). Bare date lines inside the body, such as a
    timeline's headings, are left alone unless they carry a clock time.

    Date lines are read by ``cleaner.dates.DateLineReader`` (several parts, notes of the
    ``note_categories`` at their end). Such a note on a line of its own just above or below
    a date line goes with it ("来源：新华网" over "2024-03-12 14:05"). A label on a line of
    its own, its date lost with the markup that held it, is removed too.
    """

    kind: ClassVar[str] = "date"
    Options: ClassVar[type[DateOptions]] = DateOptions
    options: DateOptions

    def __init__(self, name: str, context: Context, options: DateOptions) -> None:
        super().__init__(name, context, options)
        self._reader = context.vocabulary.date_line_reader(
            self.options.prefix_category, self.options.note_categories
        )

    def apply(self, doc: Document) -> None:
        live = doc.live()
        anchors = self.context.anchors(doc)
        first = anchors[0] if anchors else len(live)
        last = anchors[-1] if anchors else -1
        prefixed: list[str] = []
        bare: list[str] = []
        stamps: list[str] = []
        dated: list[int] = []
        for p, i in enumerate(live):
            line = doc.lines[i]
            words = doc.words(i)
            if words <= _LABEL_MAX_WORDS and self._reader.is_lone_label(doc.key(i)):
                doc.remove(i, self.rule("label"))
                continue
            if words > self.options.max_words or not mentions_year(line):
                continue
            found = self._reader.dates_of(line)
            if found is None:
                continue
            dates, labelled = found
            dated.append(p)
            if labelled:
                prefixed.extend(dates)
                doc.remove(i, self.rule("published"))
            elif anchors and (p < first or p > last):
                bare.append(min(dates))
                doc.remove(i, self.rule("header"))
            elif "T" in dates[0]:
                # A date with its clock time is a stamp, even under a standfirst that reads
                # as the first paragraph; a timeline's headings carry no time.
                stamps.append(min(dates))
                doc.remove(i, self.rule("header"))
        self._remove_notes_beside(doc, live, dated)
        meta = doc.metadata
        if prefixed:
            meta.date, meta.date_source = min(prefixed), "text"
        elif bare or stamps:
            meta.date, meta.date_source = (bare or stamps)[0], "date line"

    def _remove_notes_beside(self, doc: Document, live: list[int], dated: list[int]) -> None:
        """Notes on lines of their own next to a removed date line (positions in ``live``)."""
        for p in dated:
            if not doc.is_removed(live[p]):
                continue
            for q in (p - 1, p + 1):
                if (
                    0 <= q < len(live)
                    and not doc.is_removed(i := live[q])
                    and self._reader.ends_in_note(doc.lines[i], 0)
                ):
                    doc.remove(i, self.rule("note"))
