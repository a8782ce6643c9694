"""Residue vocabulary: lines that are ad labels, prompts, promos, notices and forms."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from cleaner.document import Document
from cleaner.filters.base import Context, Filter


@dataclass(frozen=True, slots=True)
class ResidueOptions:
    """The options of a ``residue`` filter; their values are in ``rules/default.toml``."""

    categories: tuple[str, ...]
    blocks: tuple[str, ...]
    block_lines: int
    gap_words: int
    max_words: int


class ResidueFilter(Filter):
    """Removes lines matching a residue category, and whole forms for block categories.

    A block (a newsletter form, a cookie notice) opens on a line of its category and runs to
    the last of the next ``block_lines`` lines that is the category's small print; lines in
    between may be short unmatched lines (a tagline, an input label) of at most ``gap_words``.
    Patterns only apply to lines of at most ``max_words`` words, so prose quoting a phrase
    stays.
    """

    kind: ClassVar[str] = "residue"
    Options: ClassVar[type[ResidueOptions]] = ResidueOptions
    options: ResidueOptions

    def __init__(self, name: str, context: Context, options: ResidueOptions) -> None:
        super().__init__(name, context, options)
        self._matcher = context.vocabulary.matcher(self.options.categories)

    def apply(self, doc: Document) -> None:
        blocks = set(self.options.blocks)
        max_words = self.options.max_words
        live = doc.live()
        lines = [doc.lines[i] for i in live]
        found_each = self._matcher.find_each(
            lines, [doc.key(i) for i in live], [doc.words(i) <= max_words for i in live]
        )
        p = 0
        while p < len(live):
            found = found_each[p]
            if found is not None:
                rule = self.rule(found)
                doc.remove(live[p], rule)
                if found in blocks:
                    end = self._block_end(doc, live, p, found)
                    for q in range(p + 1, end + 1):
                        doc.remove(live[q], rule)
                    p = end
            p += 1

    def _block_end(self, doc: Document, live: list[int], start: int, name: str) -> int:
        """Position of the last line of the block opened at ``start``."""
        category = self.context.vocabulary.category(name)
        max_words = self.options.max_words
        gap_words = self.options.gap_words
        end = start
        for q in range(start + 1, min(len(live), start + 1 + self.options.block_lines)):
            i = live[q]
            words = doc.words(i)
            if words <= 2 * max_words and category.matches_within(doc.lines[i], doc.key(i)):
                end = q
            elif words > gap_words:
                break
        return end
