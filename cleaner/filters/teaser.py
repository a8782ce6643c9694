"""Teaser lists: "Latest", "Read more", "Related" and the headlines listed under them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

from cleaner.document import Document
from cleaner.filters.base import Filter
from cleaner.shape import ends_sentence, is_title_like, match_key
from cleaner.vocabulary import Category

# "Lire aussi : <headline>", "[Read more: <headline>]", "ALSO READ | <headline>": a short
# label, a colon or bar, and the rest of the line.
_LABEL_MAX_CHARS = 40
_LABELLED = re.compile(
    rf"^[\[(]?(?P<label>[^:|：\[\]()]{{1,{_LABEL_MAX_CHARS}}}?)\s?[:|：]\s?(?P<rest>\S.*?)[\])]?$"
)
_LABEL_MAX_WORDS = 5
# A header is a specification's label when most of the lines after it are "Label: value"
# pairs ("OS: Windows 11") with labels this short.
_SPEC_LINES = 3
_SPEC_LABEL_WORDS = 3


@dataclass(frozen=True, slots=True)
class TeaserOptions:
    """The options of a ``teaser`` filter; their values are in ``rules/default.toml``."""

    header_category: str
    item_max_words: int


class TeaserFilter(Filter):
    """Removes a teaser header and the headline-shaped lines after it, up to the next
    sentence. A header after the last body paragraph takes everything below it. A line that
    is a header, a colon or bar, and a headline ("Lire aussi : Le prix du lait repart") is
    an inline teaser, removed alone wherever it stands above the last body paragraph."""

    kind: ClassVar[str] = "teaser"
    Options: ClassVar[type[TeaserOptions]] = TeaserOptions
    options: TeaserOptions

    def apply(self, doc: Document) -> None:
        headers = self.context.vocabulary.category(self.options.header_category)
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
                if self._is_inline(lines[i], headers):
                    doc.remove(i, self.rule("inline"))
                p += 1
                continue
            if p <= last_anchor and self._is_inline(lines[i], headers):
                # "Read more: <headline>" in the body holds its teaser: the short line after
                # it is the next section's subheading, not another teaser.
                doc.remove(i, self.rule("inline"))
                p += 1
                continue
            if self._heads_a_specification(doc, live[p + 1 : p + 1 + _SPEC_LINES]):
                p += 1  # "Recommended:" over "OS: Windows 11", "Memory: 16 GB"
                continue
            doc.remove(i, self.rule("header"))
            if p > last_anchor:
                for j in live[p + 1 :]:
                    doc.remove(j, self.rule("item"))
                return
            p += 1
            while p < len(live):
                j = live[p]
                if ends_sentence(lines[j]) or doc.words(j) > self.options.item_max_words:
                    break
                doc.remove(j, self.rule("item"))
                p += 1

    @staticmethod
    def _heads_a_specification(doc: Document, following: list[int]) -> bool:
        """Whether most of the lines after a header are "Label: value" pairs: a product's
        requirements or specifications under "Recommended:", not a list of headlines."""
        pairs = 0
        for j in following:
            found = _LABELLED.match(doc.lines[j].lstrip("-•* "))
            pairs += found is not None and len(found.group("label").split()) <= _SPEC_LABEL_WORDS
        return pairs * 2 > len(following) > 0

    def _is_inline(self, line: str, headers: Category) -> bool:
        """A header phrase, a colon or bar, and a headline: "Read more: <headline>"."""
        head = line[: _LABEL_MAX_CHARS + 3]
        if ":" not in head and "|" not in head and "：" not in head:
            return False  # the common case, without a regex
        found = _LABELLED.match(line)
        if found is None:
            return False
        label, rest = found.group("label"), found.group("rest")
        return (
            len(label.split()) <= _LABEL_MAX_WORDS
            and headers.matches(label, match_key(label))
            and is_title_like(rest, 2, self.options.item_max_words)
        )
