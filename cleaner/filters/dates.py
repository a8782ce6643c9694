"""Date lines: "Published: 13 Sep 2023, 3:51 PM" anywhere, bare dates outside the body, and
labels left without their date ("Published on" once a page's <time> element is gone)."""

from __future__ import annotations

import re
from typing import Any, ClassVar

from cleaner.dates import is_time_note, mentions_year
from cleaner.document import Document
from cleaner.filters._prefix import prefix_pattern
from cleaner.filters.base import Context, Filter
from cleaner.shape import fold_case, match_key

# Words between a prefix and its date: "Published on", "Veröffentlicht am", "Publié le".
_LINKING = ("on ", "am ", "le ", "el ", "the ")
# Where a date line may be cut into parts: at a separator ("12 March 2024 • 4 min read"), or
# at spaces and punctuation before a word that opens a date label ("..., mis à jour le").
# Searched for, so its runs are bounded.
_BOUNDARY = re.compile(
    r"\s{1,3}[|•·]\s{1,3}|(?P<gap>\s{0,3}[,;]\s{0,3}|\s{1,3}[-–—]\s{1,3}|\s{1,3})(?=\w)"
)
_WORD = re.compile(r"\w{1,40}")
# A note at the end of a date line ("4 min read", "来源：新华社") is at most this long.
_NOTE_MAX_CHARS = 40
# A line of only a date label ("Published on", "Pubblicato il") has at most this many words.
_LABEL_MAX_WORDS = 5


class DateFilter(Filter):
    """Moves publication dates from lines into metadata.

    A prefixed line wins over a bare date line; of several prefixed lines the earliest date
    wins (published comes before updated). Bare date lines inside the body, such as a
    timeline's headings, are left alone unless they carry a clock time.

    A line may hold several parts: a date, with or without a label, then dates or notes of
    time under labels ("Publié le 12/03/2024 à 14h05, mis à jour le 12/03/2024 à 16h30",
    "March 12, 2024 Updated 2 hours ago") or lines of a ``note_categories`` category ("12
    March 2024 • 4 min read"). Such a note on a line of its own just above or below a date
    line goes with it ("来源：新华网" over "2024-03-12 14:05"). A numeric date in a line with
    a label of a language that writes the day first is read that way. A label on a line of
    its own, its date lost with the markup that held it, is removed too.
    """

    kind: ClassVar[str] = "date"
    defaults: ClassVar[dict[str, Any]] = {
        "prefix_category": "date_prefix",
        "max_words": 20,
        "note_categories": ["reading_time", "source_credit"],
    }

    def __init__(self, name: str, context: Context, **options: Any) -> None:
        super().__init__(name, context, **options)
        vocab = context.vocabulary
        labels = vocab.phrases(self.options["prefix_category"])
        self._parser = vocab.date_parser
        self._prefix = prefix_pattern(labels)
        self._day_first = vocab.day_first_phrases(self.options["prefix_category"])
        self._notes = [vocab.category(name) for name in self.options["note_categories"]]
        # The first words of the labels: a cut before any other word is not tried.
        self._label_words = frozenset(key.split()[0] for key in labels if key)
        # The labels as whole lines, with or without a linking word ("Updated", "Updated on").
        self._lone_labels = frozenset(labels) | {
            f"{key} {word.strip()}" for key in labels if key for word in _LINKING
        }

    def dates_of(self, line: str) -> tuple[list[str], bool] | None:
        """The dates of a date line, and whether its first part has a label; ``None`` when
        the line is not one."""
        label = self._prefix.match(line) if self._prefix is not None else None
        whole = self._date_of(line, label, self._is_day_first(label))
        if whole is not None:
            return [whole], label is not None
        parts, labels = self._parts(line, label)
        if len(parts) == 1:
            return None
        day_first = any(map(self._is_day_first, labels))
        first = self._date_of(parts[0], labels[0], day_first)
        if first is None:
            return None
        dates = [first]
        for part, part_label in zip(parts[1:], labels[1:], strict=True):
            if part_label is None:
                # Not a second date without a label: "29 November | 20 January" is a span.
                if not self._is_listed(part):
                    return None
            elif (found := self._date_of(part, part_label, day_first)) is not None:
                dates.append(found)
            elif not is_time_note(part_label.group("rest")):
                return None
        return dates, label is not None

    def _parts(
        self, line: str, label: re.Match[str] | None
    ) -> tuple[list[str], list[re.Match[str] | None]]:
        """The line cut into parts, each with its label's match: at bars and bullets, and
        before labels, though not inside the label a part opens with ("Son Güncelleme")."""
        prefix = self._prefix
        parts: list[str] = []
        begin, after = 0, label.start("rest") if label else 0
        for cut in _BOUNDARY.finditer(line, after):
            if cut.start() < after:
                continue
            opening = None
            if cut.group("gap") is not None:
                # Before a label, or before a note that ends the line ("... 来源：新华社").
                word = _WORD.match(line, cut.end())
                if word is not None and fold_case(word.group()) in self._label_words:
                    # Sliced: "^" only matches at the start of the string given.
                    opening = prefix.match(line[cut.end() :]) if prefix is not None else None
                if opening is None and not self._ends_in_note(line, cut.end()):
                    continue
            elif prefix is not None:
                opening = prefix.match(line[cut.end() :])
            parts.append(line[begin : cut.start()])
            if len(parts) == 1 and not self._may_open_with_date(parts[0]):
                return [line], [label]  # most lines: the first part is no date either
            begin = cut.end()
            after = begin + (opening.start("rest") if opening else 0)
        parts.append(line[begin:])
        return parts, [prefix.match(part) if prefix is not None else None for part in parts]

    def _ends_in_note(self, line: str, start: int) -> bool:
        """Whether the line's end from ``start`` is a short note of a ``note_categories``
        category, cut before even without a separator."""
        return len(line) - start <= _NOTE_MAX_CHARS and self._is_listed(line[start:])

    def _may_open_with_date(self, part: str) -> bool:
        """Whether the first part is a date read either way round (its day order is only
        known once every label of the line is)."""
        opening = self._prefix.match(part) if self._prefix is not None else None
        return self._date_of(part, opening, day_first=True) is not None

    def _date_of(self, part: str, label: re.Match[str] | None, day_first: bool) -> str | None:
        """The date of a part of a line: after its label if it has one."""
        return self._parser.parse(
            _unlinked(label.group("rest")) if label else part, day_first=day_first
        )

    def _is_day_first(self, label: re.Match[str] | None) -> bool:
        return label is not None and match_key(label.group("prefix")) in self._day_first

    def _is_listed(self, part: str) -> bool:
        key = match_key(part)
        return any(category.matches(part, key) for category in self._notes)

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
            if words <= _LABEL_MAX_WORDS and doc.key(i) in self._lone_labels:
                doc.remove(i, self.rule("label"))
                continue
            if words > self.options["max_words"] or not mentions_year(line):
                continue
            found = self.dates_of(line)
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
                    and self._ends_in_note(doc.lines[i], 0)
                ):
                    doc.remove(i, self.rule("note"))


def _unlinked(rest: str) -> str:
    """``rest`` without a word linking a label to its date ("on", "am", "le")."""
    for word in _LINKING:
        if rest.lower().startswith(word):
            return rest[len(word) :]
    return rest
