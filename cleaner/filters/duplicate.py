"""Duplicated lines: repeats anywhere in the text, and a line glued to a copy of itself."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import ClassVar

from cleaner.document import Document
from cleaner.filters.base import Filter


def is_glued_twice(line: str, min_chars: int) -> bool:
    """ "X.X" or "X X": the same text twice on one line, as captions get scraped."""
    n = len(line)
    half = n // 2
    if half < min_chars:
        return False
    if n % 2 == 0 and line[:half] == line[half:]:
        return True
    return n % 2 == 1 and line[half] == " " and line[:half] == line[half + 1 :]


@dataclass(frozen=True, slots=True)
class DuplicateOptions:
    """The options of a ``duplicate`` filter; their values are in ``rules/default.toml``."""

    min_glued_chars: int
    on_extracted: bool
    # Page types whose extraction it runs on all the same (see rules/default.toml).
    on_page_types: tuple[str, ...]


class DuplicateFilter(Filter):
    """A repeated body paragraph keeps its first copy; a repeated line that is not a
    paragraph (a caption, a video title, a label) goes in every copy; a line glued to a copy
    of itself goes."""

    kind: ClassVar[str] = "duplicate"
    Options: ClassVar[type[DuplicateOptions]] = DuplicateOptions
    options: DuplicateOptions

    def apply(self, doc: Document) -> None:
        if self.skips(doc):
            return
        live = doc.live()
        for i in live:
            if is_glued_twice(doc.lines[i], self.options.min_glued_chars):
                doc.remove(i, self.rule("glued"))
        live = [i for i in live if not doc.is_removed(i)]
        counts = Counter(doc.key(i) for i in live)
        seen: set[str] = set()
        for i in live:
            key = doc.key(i)
            if not key or counts[key] < 2 or doc.is_kept(i):
                continue
            if self.context.is_body(doc, i):
                if key in seen:
                    doc.remove(i, self.rule("repeat"))
                seen.add(key)
            else:
                doc.remove(i, self.rule("repeated_line"))
